#!/usr/bin/env bash
# run-bench.sh: compare fetch-bench (the Fetch layer) with soup-bench (bare
# libsoup 3) on a loopback nginx, scenario by scenario.
#
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# Usage: tools/bench/run-bench.sh [BUILD_DIR]
#
# Needs nginx (Debian: nginx-light or nginx) and /usr/bin/time; installs
# nothing. Starts nginx on a free 127.0.0.1 port with a temporary
# configuration serving generated files (0.bin, 1k.bin, 64k.bin, 16m.bin,
# 1g.bin, sparse) and POST /upload (answers the request's Content-Length and
# a newline), then runs the two tools alternately on each scenario under
# `/usr/bin/time -v` and prints requests/s, MB/s, the ratio of fetch-bench to
# soup-bench and the peak RSS.
#
# Environment:
#   ROUNDS=N        runs of each tool per scenario (default 3; the median
#                   run by requests/s is reported, the peak RSS is the max)
#   SCENARIOS="S1 S3"  the scenarios to run (default: S1 S2 S3 S4 S5)
#   SCALE=F         multiply the request counts by F (e.g. 0.1 for a quick run)
#   NGINX=PATH      the nginx binary (default: nginx on PATH or /usr/sbin)
#   NGINX_WORKERS=N nginx worker processes (default 1)
#   TOOLS="fetch-bench soup-bench"  the tools to compare (the last is the
#                   baseline of the ratio); found in BUILD_DIR/tools
#   SERVE_ONLY=1    only start nginx, print its base URL and serve until
#                   interrupted (for profiling a tool by hand)
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
build_dir=${1:-${BUILD_DIR:-$here/../../build}}
rounds=${ROUNDS:-3}
scenarios=${SCENARIOS:-S1 S2 S3 S4 S5}
scale=${SCALE:-1}
workers=${NGINX_WORKERS:-1}
tools=${TOOLS:-fetch-bench soup-bench}
baseline=${tools##* }

die () { echo "run-bench: $*" >&2; exit 1; }

nginx=${NGINX:-$(command -v nginx || true)}
[ -z "$nginx" ] && [ -x /usr/sbin/nginx ] && nginx=/usr/sbin/nginx
[ -n "$nginx" ] || die "nginx not found (apt-get install nginx-light)"
[ -x /usr/bin/time ] || die "/usr/bin/time not found (apt-get install time)"
for t in $tools; do
  [ -x "$build_dir/tools/$t" ] || die "$build_dir/tools/$t not built"
done

work=$(mktemp -d "${TMPDIR:-/tmp}/run-bench.XXXXXX")
nginx_pid=
cleanup () {
  if [ -n "$nginx_pid" ]; then
    kill "$nginx_pid" 2>/dev/null || true
    wait "$nginx_pid" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT INT TERM

# ---- Content ---------------------------------------------------------------
mkdir -p "$work/www" "$work/tmp"
: > "$work/www/0.bin"
head -c 1024 /dev/urandom > "$work/www/1k.bin"
head -c 65536 /dev/urandom > "$work/www/64k.bin"
truncate -s 16M "$work/www/16m.bin"
truncate -s 1G "$work/www/1g.bin"
# nginx workers may run as another user: let them read the files.
chmod 755 "$work" "$work/www" && chmod 777 "$work/tmp" && chmod 644 "$work"/www/*

# ---- nginx -----------------------------------------------------------------
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])' 2>/dev/null \
       || echo $((20000 + RANDOM % 20000)))
cat > "$work/nginx.conf" <<EOF
daemon off;
worker_processes $workers;
pid $work/nginx.pid;
error_log $work/error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  sendfile on;
  tcp_nopush on;
  tcp_nodelay on;
  keepalive_timeout 300s;
  keepalive_requests 10000000;
  client_body_temp_path $work/tmp/body;
  proxy_temp_path $work/tmp/proxy;
  fastcgi_temp_path $work/tmp/fastcgi;
  uwsgi_temp_path $work/tmp/uwsgi;
  scgi_temp_path $work/tmp/scgi;
  default_type application/octet-stream;
  server {
    listen 127.0.0.1:$port;
    root $work/www;
    # The request's Content-Length and a newline; 'return' reads and
    # discards the request body, so the connection stays reusable.
    location = /upload {
      client_max_body_size 64m;
      default_type text/plain;
      return 200 "\$content_length\n";
    }
  }
}
EOF
"$nginx" -p "$work" -c "$work/nginx.conf" -e "$work/error.log" &
nginx_pid=$!
for _ in $(seq 50); do
  (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break
  sleep 0.1
done
(exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null || { cat "$work/error.log" >&2; die "nginx did not start"; }
base=http://127.0.0.1:$port
if [ -n "${SERVE_ONLY:-}" ]; then
  echo "serving $base (0.bin 1k.bin 64k.bin 16m.bin 1g.bin, POST /upload)"
  wait "$nginx_pid"
  exit 0
fi

# ---- Scenarios ---------------------------------------------------------------
# id path requests concurrency method body-size expected-bytes-per-request
scenario () {
  case $1 in
    S1) echo "0.bin 20000 1 GET 0 0" ;;
    S2) echo "1k.bin 50000 64 GET 0 1024" ;;
    S3) echo "1g.bin 1 1 GET 0 1073741824" ;;
    S4) echo "64k.bin 20000 16 GET 0 65536" ;;
    S5) echo "upload 20000 16 POST 65536 6" ;;   # "65536\n"
    *) die "unknown scenario $1" ;;
  esac
}

# Runs one tool once; prints "rps MBps rss_kib wall_s cpu_s" or "FAIL reason".
run_one () {
  local tool=$1 path=$2 n=$3 c=$4 method=$5 size=$6 per=$7
  local out="$work/out" tv="$work/time" args
  args=(--url "$base/$path" --requests "$n" --concurrency "$c")
  [ "$method" = POST ] && args+=(--method POST --body-size "$size")
  if ! /usr/bin/time -v -o "$tv" timeout 600 "$build_dir/tools/$tool" "${args[@]}" > "$out" 2> "$work/err"; then
    echo "FAIL exit: $(tail -n 1 "$work/err")"
    return
  fi
  local line
  line=$(cat "$out")
  if ! [[ $line =~ ^requests=([0-9]+)\ seconds=[0-9.]+\ rps=([0-9.]+)\ bytes=([0-9]+)\ MBps=([0-9.]+)$ ]]; then
    echo "FAIL output: $line"
    return
  fi
  local got_n=${BASH_REMATCH[1]} rps=${BASH_REMATCH[2]} bytes=${BASH_REMATCH[3]} mbps=${BASH_REMATCH[4]}
  [ "$got_n" = "$n" ] || { echo "FAIL requests=$got_n"; return; }
  [ "$bytes" = "$((n * per))" ] || { echo "FAIL bytes=$bytes expected $((n * per))"; return; }
  local rss wall cpu
  rss=$(awk -F': ' '/Maximum resident set size/ { print $2 }' "$tv")
  wall=$(awk -F': ' '/Elapsed \(wall clock\)/ { print $2 }' "$tv" |
         awk -F: '{ s = 0; for (i = 1; i <= NF; i++) s = s * 60 + $i; print s }')
  # CPU time (user + system) is steadier than requests/s on a busy machine.
  cpu=$(awk -F': ' '/User time|System time/ { s += $2 } END { printf "%.2f", s }' "$tv")
  echo "$rps $mbps $rss $wall $cpu"
}

printf '%-3s %-12s %10s %10s %7s %9s %8s %7s\n' id tool req/s MB/s ratio "RSS MiB" "wall s" "CPU s"
for id in $scenarios; do
  read -r path n c method size per <<< "$(scenario "$id")"
  n=$(awk -v n="$n" -v f="$scale" 'BEGIN { v = int(n * f); print (v < 1 ? 1 : v) }')
  declare -A results=()
  for r in $(seq "$rounds"); do
    for t in $tools; do    # alternate the tools within each round
      results[$t]+="$(run_one "$t" "$path" "$n" "$c" "$method" "$size" "$per")"$'\n'
    done
  done
  declare -A median_rps=()
  for t in $tools; do
    if grep -q '^FAIL' <<< "${results[$t]}"; then
      printf '%-3s %-12s %s\n' "$id" "$t" "$(grep -m1 '^FAIL' <<< "${results[$t]}")"
      continue
    fi
    # The median run by requests/s; the peak RSS over all runs.
    med=$(grep . <<< "${results[$t]}" | sort -n -k1,1 | awk '{ a[NR] = $0 } END { print a[int((NR + 1) / 2)] }')
    rss=$(grep . <<< "${results[$t]}" | awk 'max < $3 { max = $3 } END { print max }')
    read -r rps mbps _ wall cpu <<< "$med"
    median_rps[$t]=$rps
    results[$t]="$rps $mbps $rss $wall $cpu"
  done
  for t in $tools; do
    grep -q '^FAIL' <<< "${results[$t]}" && continue
    read -r rps mbps rss wall cpu <<< "${results[$t]}"
    ratio=$(awk -v a="$rps" -v b="${median_rps[$baseline]:-0}" 'BEGIN { if (b > 0) printf "%.3f", a / b; else print "-" }')
    printf '%-3s %-12s %10s %10s %7s %9.1f %8s %7s\n' "$id" "$t" "$rps" "$mbps" "$ratio" \
      "$(awk -v k="$rss" 'BEGIN { print k / 1024 }')" "$wall" "$cpu"
  done
  unset results median_rps
done
