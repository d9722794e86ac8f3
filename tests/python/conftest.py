# SPDX-License-Identifier: LGPL-2.1-or-later
"""Shared fixtures of the Python suite: a local HTTP server on 127.0.0.1.

The server is Python's http.server in a thread of its own; fetch() runs
its fetch on a private main context and releases the GIL while waiting,
so both live in one process. Routes (all under the `server` fixture's
base URL):

  /text             "hello" as text/plain
  /json             {"a": [1, 2], "b": "é"} as application/json
  /bom              a UTF-8 BOM and "bom" (text/plain)
  /latin1           bytes that are not UTF-8
  /invalid-json     a body that is not JSON
  /empty            204 No Content
  /status/N         status N with the reason "Reason N"
  /echo             method, headers and body of the request as JSON
  /big?size=N&chunk=M&chunked=1
                    N bytes of a known pattern (pattern_bytes()), written
                    M bytes at a time, chunked or with a Content-Length
  /stall            headers and 5 bytes of 100, then waits (until the
                    client goes away or 10 s pass)
  /hang             waits before sending anything (same limits)
  /redirect?to=URL  302 to URL
  /multipart        a multipart/form-data body
  /urlencoded       an application/x-www-form-urlencoded body
  /set-cookie       sets the cookie "flavour=ginger"
  /cors             a response allowing the origin http://example.com
"""
import hashlib
import http.server
import json
import threading
import time
import urllib.parse

import gi

gi.require_version("Fetch", "1.0")
gi.require_version("Gio", "2.0")
import pytest  # noqa: E402

STALL_LIMIT = 10.0


def pattern_bytes(size):
    """The body /big sends: a repeating 251-byte pattern (prime, so chunk
    boundaries never line up with it)."""
    block = bytes(range(251))
    return (block * (size // 251 + 1))[:size]


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "FetchTestServer/1.0"

    def log_message(self, *args):
        pass

    # Helpers

    def _send(self, status, body=b"", content_type="text/plain", headers=(),
              reason=None):
        self.send_response(status, reason)
        if body is not None and status not in (204, 304):
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
        for name, value in headers:
            self.send_header(name, value)
        self.end_headers()
        if body and self.command != "HEAD" and status not in (204, 304):
            self.wfile.write(body)

    def _read_body(self):
        if self.headers.get("Transfer-Encoding", "").lower() == "chunked":
            data = bytearray()
            while True:
                size = int(self.rfile.readline().split(b";")[0].strip(), 16)
                if size == 0:
                    while self.rfile.readline() not in (b"\r\n", b"\n", b""):
                        pass
                    return bytes(data)
                data += self.rfile.read(size)
                self.rfile.readline()
        length = int(self.headers.get("Content-Length", "0"))
        return self.rfile.read(length) if length else b""

    def _wait(self):
        """Waits until the client closes the connection or the limit."""
        deadline = time.monotonic() + STALL_LIMIT
        self.connection.settimeout(0.05)
        while time.monotonic() < deadline and not self.server.stopping.is_set():
            try:
                if self.connection.recv(1, 0x2) == b"":  # MSG_PEEK
                    return
            except OSError:
                pass
        self.close_connection = True

    # Routes

    def do_GET(self):
        self._route()

    def do_POST(self):
        self._route()

    def do_PUT(self):
        self._route()

    def do_DELETE(self):
        self._route()

    def do_PATCH(self):
        self._route()

    def do_HEAD(self):
        self._route()

    def _route(self):
        url = urllib.parse.urlsplit(self.path)
        query = dict(urllib.parse.parse_qsl(url.query))
        path = url.path
        self.server.requests.append((self.command, self.path, dict(self.headers)))
        if path == "/text":
            self._send(200, b"hello")
        elif path == "/json":
            self._send(200, json.dumps({"a": [1, 2], "b": "é"}).encode(),
                       "application/json")
        elif path == "/bom":
            self._send(200, b"\xef\xbb\xbfbom")
        elif path == "/latin1":
            self._send(200, b"caf\xe9")
        elif path == "/invalid-json":
            self._send(200, b"{not json", "application/json")
        elif path == "/empty":
            self._send(204, None)
        elif path.startswith("/status/"):
            code = int(path.split("/")[2])
            self._send(code, b"status %d" % code, reason="Reason %d" % code)
        elif path == "/echo":
            body = self._read_body()
            reply = {
                "method": self.command,
                "path": self.path,
                "headers": {k.lower(): v for k, v in self.headers.items()},
                "length": len(body),
                "sha256": hashlib.sha256(body).hexdigest(),
                "body": body.decode("latin-1") if len(body) <= 4096 else None,
            }
            self._send(200, json.dumps(reply).encode(), "application/json")
        elif path == "/big":
            self._big(int(query.get("size", "1000000")), int(query.get("chunk", "65536")),
                      query.get("chunked") == "1")
        elif path == "/stall":
            self.send_response(200)
            self.send_header("Content-Type", "text/plain")
            self.send_header("Content-Length", "100")
            self.end_headers()
            self.wfile.write(b"12345")
            self.wfile.flush()
            self._wait()
        elif path == "/hang":
            self._wait()
        elif path == "/redirect":
            self._send(302, b"", headers=[("Location", query["to"])])
        elif path == "/multipart":
            body = (b"--XyZ\r\n"
                    b'Content-Disposition: form-data; name="field"\r\n\r\n'
                    b"value\r\n"
                    b"--XyZ\r\n"
                    b'Content-Disposition: form-data; name="file"; filename="a.txt"\r\n'
                    b"Content-Type: text/plain\r\n\r\n"
                    b"file contents\r\n"
                    b"--XyZ--\r\n")
            self._send(200, body, "multipart/form-data; boundary=XyZ")
        elif path == "/urlencoded":
            self._send(200, b"a=1&b=two+words&a=3", "application/x-www-form-urlencoded")
        elif path == "/set-cookie":
            self._send(200, b"set", headers=[("Set-Cookie", "flavour=ginger; Path=/"),
                                             ("Set-Cookie", "size=large; Path=/")])
        elif path == "/cors":
            self._send(200, b"shared", headers=[("Access-Control-Allow-Origin", "http://example.com")])
        else:
            self._send(404, b"not found")

    def _big(self, size, chunk, chunked):
        body = pattern_bytes(size)
        self.send_response(200)
        self.send_header("Content-Type", "application/octet-stream")
        if chunked:
            self.send_header("Transfer-Encoding", "chunked")
        else:
            self.send_header("Content-Length", str(size))
        self.end_headers()
        try:
            for i in range(0, size, chunk):
                piece = body[i:i + chunk]
                if chunked:
                    self.wfile.write(b"%x\r\n%s\r\n" % (len(piece), piece))
                else:
                    self.wfile.write(piece)
            if chunked:
                self.wfile.write(b"0\r\n\r\n")
        except OSError:
            self.close_connection = True  # the client went away


class Server(http.server.ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self):
        super().__init__(("127.0.0.1", 0), Handler)
        self.stopping = threading.Event()
        self.requests = []

    @property
    def base(self):
        return "http://127.0.0.1:%d" % self.server_address[1]

    def url(self, path):
        return self.base + path


@pytest.fixture(scope="session")
def server():
    """The local HTTP server (127.0.0.1, a free port), for the whole run."""
    srv = Server()
    thread = threading.Thread(target=srv.serve_forever, kwargs={"poll_interval": 0.05},
                              name="test server", daemon=True)
    thread.start()
    yield srv
    srv.stopping.set()
    srv.shutdown()
    srv.server_close()
    thread.join(5)


@pytest.fixture
def closed_port():
    """A port on 127.0.0.1 with nothing listening."""
    import socket
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    sock.close()
    return port
