# SPDX-License-Identifier: LGPL-2.1-or-later
"""The Python examples of the guide (examples/python/) really run, each
against the local server of conftest.py."""
import hashlib
import json
import os
import signal
import subprocess
import sys
import time

import pytest

from conftest import pattern_bytes

EXAMPLES = os.path.join(os.path.dirname(__file__), os.pardir, os.pardir, "examples", "python")


def example(name, *args, timeout=60, **kwargs):
    """Runs an example with this interpreter and the test's environment."""
    return subprocess.run([sys.executable, os.path.join(EXAMPLES, name), *args],
                          capture_output=True, text=True, timeout=timeout, **kwargs)


def test_every_example_is_tested():
    tested = {"get.py", "post-json.py", "download.py", "upload.py", "abort.py",
              "origin.py", "async-get.py"}
    assert set(n for n in os.listdir(EXAMPLES) if n.endswith(".py")) == tested


def test_usage_without_arguments():
    for name in ("get.py", "post-json.py", "download.py", "upload.py", "abort.py",
                 "origin.py", "async-get.py"):
        result = example(name)
        assert result.returncode == 2, name
        assert name in result.stderr


def test_get(server):
    result = example("get.py", server.url("/json"), "Accept: application/json")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("200 OK\n")
    assert "content-type: application/json" in result.stdout
    assert '"b": "é"' in result.stdout
    result = example("get.py", server.url("/status/404"))
    assert result.returncode == 1
    result = example("get.py", "http://127.0.0.1:25/")
    assert result.returncode == 1
    assert "get: " in result.stderr


def test_post_json(server):
    result = example("post-json.py", server.url("/api/"), "../echo", '{"x": [1, 2]}')
    assert result.returncode == 0, result.stderr
    echo = json.loads(result.stdout)
    assert echo["method"] == "POST"
    assert echo["path"] == "/echo"
    assert json.loads(echo["body"]) == {"x": [1, 2]}
    assert echo["headers"]["content-type"] == "application/json"
    assert echo["headers"]["user-agent"] == "post-json-example/1.0"
    assert example("post-json.py", server.url("/"), "echo", "{bad").returncode == 2


def test_download(server, tmp_path):
    path = tmp_path / "big.bin"
    size = 3 * 1024 * 1024 + 5
    result = example("download.py", server.url("/big?size=%d" % size), str(path))
    assert result.returncode == 0, result.stderr
    assert path.read_bytes() == pattern_bytes(size)
    assert "%d of %d bytes (100%%)" % (size, size) in result.stderr
    assert "kB/s" in result.stderr
    # Chunked: progress without a total.
    result = example("download.py", server.url("/big?size=1000&chunked=1"), str(path))
    assert result.returncode == 0, result.stderr
    assert "\n1000 bytes\n1000 bytes in" in result.stderr  # "\r" read as "\n"
    # A failure leaves no partial file.
    result = example("download.py", server.url("/status/500"), str(path))
    assert result.returncode == 1
    assert not path.exists()


def test_download_ctrl_c_aborts(server, tmp_path):
    path = tmp_path / "stalled.bin"
    proc = subprocess.Popen([sys.executable, os.path.join(EXAMPLES, "download.py"),
                             server.url("/stall"), str(path)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 20
    while not path.exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    time.sleep(0.2)
    proc.send_signal(signal.SIGINT)
    _out, err = proc.communicate(timeout=20)
    assert proc.returncode == 1
    assert "aborted" in err
    assert not path.exists()


def test_upload(server, tmp_path):
    path = tmp_path / "data.txt"
    data = pattern_bytes(500000)
    path.write_bytes(data)
    result = example("upload.py", server.url("/echo"), str(path))
    assert result.returncode == 0, result.stderr
    echo = json.loads(result.stdout)
    assert echo["method"] == "PUT"
    assert echo["headers"]["content-type"] == "text/plain"
    assert echo["headers"]["content-length"] == str(len(data))
    assert echo["sha256"] == hashlib.sha256(data).hexdigest()
    assert "sent 500000 of 500000 bytes" in result.stderr

    result = example("upload.py", "--form", "doc", server.url("/echo"), str(path))
    assert result.returncode == 0, result.stderr
    echo = json.loads(result.stdout)
    assert echo["method"] == "POST"
    assert echo["headers"]["content-type"].startswith("multipart/form-data")
    assert echo["length"] > len(data)
    assert example("upload.py", server.url("/echo"), str(tmp_path / "none")).returncode == 1


@pytest.mark.parametrize("how, expected", [
    ("timeout", "timed out: The fetch timed out after 0.3 seconds."),
    ("signal", "aborted: The fetch was aborted. (fetch-error-quark)"),
    ("controller", "aborted: Gave up after 0.3 s (g-io-error-quark)"),
])
def test_abort(server, how, expected):
    result = example("abort.py", server.url("/stall"), "0.3", how)
    assert result.returncode == 1, result.stderr
    assert result.stdout.strip() == expected


def test_abort_not_needed(server):
    result = example("abort.py", server.url("/text"), "10", "signal")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "done: 5 bytes"


def test_origin(server):
    result = example("origin.py", server.url("/page.html"), "/text")
    assert result.returncode == 0, result.stderr
    assert result.stdout == "basic response, status 200\nhello\n"
    result = example("origin.py", "http://example.com/", server.url("/text"), "no-cors")
    assert result.returncode == 0, result.stderr
    assert result.stdout == "opaque response, status 0\n\n"
    result = example("origin.py", "http://example.com/", server.url("/text"), "same-origin")
    assert result.returncode == 1
    assert "NetworkError" in result.stderr


def test_async_get(server):
    result = example("async-get.py", server.url("/text"), server.url("/json"),
                     "http://127.0.0.1:25/")
    assert result.returncode == 1
    lines = sorted(result.stdout.splitlines())
    assert lines == sorted([
        "%s: 200 OK, 5 characters" % server.url("/text"),
        "%s: 200 OK, 28 characters" % server.url("/json"),
        "http://127.0.0.1:25/: NetworkError: "
        "Request to “http://127.0.0.1:25/” blocked: port 25 is a bad port.",
    ])
