# SPDX-License-Identifier: LGPL-2.1-or-later
"""Fetch.fetch() against the local server of conftest.py (bindings/python)."""
import asyncio
import gc
import hashlib
import io
import threading
import time

import gi

gi.require_version("Fetch", "1.0")
gi.require_version("Gio", "2.0")
from gi.repository import Fetch, GLib, Gio  # noqa: E402
import pytest  # noqa: E402

from conftest import pattern_bytes  # noqa: E402


def later(seconds, func, *args):
    timer = threading.Timer(seconds, func, args)
    timer.daemon = True
    timer.start()
    return timer


# Responses

def test_get_text(server):
    with Fetch.fetch(server.url("/text")) as r:
        assert isinstance(r, Fetch.Response)
        assert r.status == 200
        assert r.ok
        assert r.status_text == "OK"
        assert r.url == server.url("/text")
        assert r.redirected is False
        assert r.type == Fetch.ResponseType.BASIC
        assert r.headers["content-type"] == "text/plain"
        assert r.headers["content-length"] == "5"
        assert r.text() == "hello"
        assert r.content == b"hello"
    assert r.body.is_closed()


def test_json_to_python_objects(server):
    assert Fetch.fetch(server.url("/json")).json() == {"a": [1, 2], "b": "é"}


def test_bom_and_invalid_utf8(server):
    assert Fetch.fetch(server.url("/bom")).text() == "bom"
    assert Fetch.fetch(server.url("/latin1")).text() == "caf\ufffd"


def test_invalid_json_raises_json_error(server):
    import json
    with pytest.raises(json.JSONDecodeError):
        Fetch.fetch(server.url("/invalid-json")).json()


def test_status_codes(server):
    r = Fetch.fetch(server.url("/status/404"))
    assert r.status == 404
    assert not r.ok
    assert r.status_text == "Reason 404"
    assert r.text() == "status 404"
    r = Fetch.fetch(server.url("/empty"))
    assert r.status == 204
    assert r.body is None
    assert r.content == b""
    assert Fetch.fetch(server.url("/status/500")).ok is False


def test_head_has_no_body(server):
    r = Fetch.fetch(server.url("/text"), method="HEAD")
    assert r.status == 200
    assert r.content == b""


def test_redirect_follow_error_manual(server):
    target = server.url("/text")
    r = Fetch.fetch(server.url("/redirect?to=/text"))
    assert r.redirected
    assert r.url == target
    assert r.text() == "hello"
    with pytest.raises(Fetch.NetworkError):
        Fetch.fetch(server.url("/redirect?to=/text"), redirect="error")
    m = Fetch.fetch(server.url("/redirect?to=/text"), redirect="manual")
    assert m.type == Fetch.ResponseType.OPAQUEREDIRECT
    assert m.status == 0


# Requests: method, headers, bodies

def test_method_and_headers_in_every_form(server):
    for headers in ({"X-Test": "dict"}, [("X-Test", "pairs")],
                    Fetch.Headers({"X-Test": "headers"})):
        echo = Fetch.fetch(server.url("/echo"), method="DELETE", headers=headers).json()
        assert echo["method"] == "DELETE"
        assert echo["headers"]["x-test"] in ("dict", "pairs", "headers")


def test_custom_method_and_request_object(server):
    request = Fetch.Request(server.url("/echo"), method="PATCH", body=b"patch")
    echo = Fetch.fetch(request).json()
    assert echo["method"] == "PATCH"
    assert echo["body"] == "patch"
    # fetch(request) takes the request's body, as in a browser.
    assert request.body_used
    with pytest.raises(Fetch.TypeError):
        Fetch.fetch(request)


@pytest.mark.parametrize("body, content_type, data", [
    ("text é", "text/plain;charset=UTF-8", "text é".encode()),
    (b"\x00bytes", None, b"\x00bytes"),
    (bytearray(b"array"), None, b"array"),
    (GLib.Bytes.new(b"gbytes"), None, b"gbytes"),
    ({"q": "a b", "r": ["1", "2"]}, "application/x-www-form-urlencoded;charset=UTF-8",
     b"q=a+b&r=1&r=2"),
    (io.BytesIO(b"bytesio"), None, b"bytesio"),
])
def test_post_bodies(server, body, content_type, data):
    echo = Fetch.fetch(server.url("/echo"), method="POST", body=body).json()
    assert echo["headers"].get("content-type") == content_type
    assert echo["body"].encode("latin-1") == data
    assert echo["headers"]["content-length"] == str(len(data))


def test_post_form_data(server):
    fd = Fetch.FormData([("field", "value"), ("up", ("a.txt", b"file data", "text/plain"))])
    echo = Fetch.fetch(server.url("/echo"), method="POST", body=fd).json()
    ctype = echo["headers"]["content-type"]
    assert ctype.startswith("multipart/form-data; boundary=")
    body = echo["body"]
    assert 'name="field"' in body and "value" in body
    assert 'filename="a.txt"' in body and "file data" in body


def test_upload_file_with_length(server, tmp_path):
    path = tmp_path / "upload.bin"
    data = pattern_bytes(3 * 1024 * 1024 + 7)
    path.write_bytes(data)
    with open(path, "rb") as f:
        echo = Fetch.fetch(server.url("/echo"), method="PUT", body=f,
                           headers={"Content-Type": "application/octet-stream"}).json()
    assert echo["method"] == "PUT"
    assert echo["headers"]["content-length"] == str(len(data))
    assert "transfer-encoding" not in echo["headers"]
    assert echo["sha256"] == hashlib.sha256(data).hexdigest()


def test_upload_generator_streams_chunked(server):
    produced = []

    def chunks():
        for i in range(64):
            block = pattern_bytes(16384)
            produced.append(len(block))
            yield block

    echo = Fetch.fetch(server.url("/echo"), method="POST", body=chunks()).json()
    assert echo["headers"]["transfer-encoding"] == "chunked"
    assert echo["length"] == 64 * 16384
    assert echo["sha256"] == hashlib.sha256(pattern_bytes(16384) * 64).hexdigest()


def test_upload_gio_stream_and_file_like_without_fileno(server):
    stream = Gio.MemoryInputStream.new_from_data(b"from gio")
    assert Fetch.fetch(server.url("/echo"), method="POST", body=stream).json()["body"] == "from gio"

    class Reader:
        def __init__(self):
            self.parts = [b"read", b"er", b""]

        def read(self, n=-1):
            return self.parts.pop(0)

    assert Fetch.fetch(server.url("/echo"), method="POST", body=Reader()).json()["body"] == "reader"


def test_upload_iterator_error_is_raised(server):
    def chunks():
        yield b"first part"
        raise ValueError("the source broke")

    with pytest.raises(ValueError, match="the source broke"):
        Fetch.fetch(server.url("/echo"), method="POST", body=chunks())


def test_upload_progress_through_controller(server):
    controller = Fetch.Controller()
    sent = []
    controller.connect("upload-progress", lambda _c, n, total: sent.append((n, total)))
    echo = Fetch.fetch(server.url("/echo"), method="POST", body=b"u" * 300000,
                       controller=controller).json()
    assert echo["length"] == 300000
    assert sent and sent[-1] == (300000, 300000)


# Streaming a large body

@pytest.mark.parametrize("chunked", [False, True])
def test_stream_large_body_in_chunks(server, chunked):
    size = 8 * 1024 * 1024 + 3
    url = server.url("/big?size=%d&chunk=100000&chunked=%d" % (size, int(chunked)))
    digest = hashlib.sha256()
    received = 0
    count = 0
    with Fetch.fetch(url) as r:
        for chunk in r.iter_content(32768):
            assert 0 < len(chunk) <= 32768
            digest.update(chunk)
            received += len(chunk)
            count += 1
        assert r.body_used
    assert received == size
    assert count >= size // 32768
    assert digest.hexdigest() == hashlib.sha256(pattern_bytes(size)).hexdigest()


def test_iterating_the_response(server):
    with Fetch.fetch(server.url("/big?size=200000&chunk=7000")) as r:
        assert b"".join(r) == pattern_bytes(200000)


def test_download_progress_and_timing_info(server):
    controller = Fetch.Controller()
    progress = []
    controller.connect("download-progress", lambda _c, n, total: progress.append((n, total)))
    with Fetch.fetch(server.url("/big?size=500000"), controller=controller) as r:
        assert len(r.content) == 500000
    assert progress[-1] == (500000, 500000)
    assert [n for n, _t in progress] == sorted(n for n, _t in progress)
    timing = controller.get_timing_info()
    assert timing.end_time >= timing.start_time > 0
    assert timing.decoded_body_size == 500000


def test_leaving_the_with_block_early_closes_the_body(server):
    with Fetch.fetch(server.url("/big?size=4000000")) as r:
        first = next(iter(r))
        assert first
    assert r.body.is_closed()
    # The connection pool is still usable afterwards.
    assert Fetch.fetch(server.url("/text")).text() == "hello"


def test_dropping_a_response_unread(server):
    signal = Gio.Cancellable()
    r = Fetch.fetch(server.url("/big?size=2000000"), signal=signal, timeout=30)
    assert next(iter(r))
    del r
    gc.collect()
    r = Fetch.fetch(server.url("/status/500"))
    del r
    gc.collect()
    assert Fetch.fetch(server.url("/text")).text() == "hello"
    signal.cancel()  # follows nothing any more


# Aborting

def test_signal_already_cancelled(server):
    signal = Gio.Cancellable()
    signal.cancel()
    with pytest.raises(Fetch.AbortError) as excinfo:
        Fetch.fetch(server.url("/text"), signal=signal)
    assert excinfo.value.gerror.matches(Fetch.error_quark(), Fetch.Error.ABORTED)


def test_signal_before_headers(server):
    signal = Gio.Cancellable()
    later(0.3, signal.cancel)
    start = time.monotonic()
    with pytest.raises(Fetch.AbortError):
        Fetch.fetch(server.url("/hang"), signal=signal)
    assert time.monotonic() - start < 5


def test_signal_while_reading_body(server):
    signal = Gio.Cancellable()
    r = Fetch.fetch(server.url("/stall"), signal=signal)
    assert r.status == 200
    later(0.3, signal.cancel)
    start = time.monotonic()
    with pytest.raises(Fetch.AbortError):
        r.content
    assert time.monotonic() - start < 5


def test_cancellable_before_headers_and_while_reading(server):
    cancellable = Gio.Cancellable()
    later(0.3, cancellable.cancel)
    with pytest.raises(Fetch.AbortError):
        Fetch.fetch(server.url("/hang"), cancellable=cancellable)
    cancellable = Gio.Cancellable()
    r = Fetch.fetch(server.url("/stall"), cancellable=cancellable)
    chunks = r.iter_content(5)
    assert next(chunks) == b"12345"
    later(0.3, cancellable.cancel)
    with pytest.raises(Fetch.AbortError):
        next(chunks)


def test_controller_abort_with_and_without_reason(server):
    controller = Fetch.Controller()
    reason = GLib.Error("gave up", "my-app-error", 7)
    later(0.3, controller.abort, reason)
    with pytest.raises(Fetch.AbortError) as excinfo:
        Fetch.fetch(server.url("/hang"), controller=controller)
    assert excinfo.value.gerror.domain == "my-app-error"
    assert excinfo.value.gerror.code == 7
    assert str(excinfo.value) == "gave up"

    controller = Fetch.Controller()
    r = Fetch.fetch(server.url("/stall"), controller=controller)
    later(0.3, controller.abort)
    with pytest.raises(Fetch.AbortError) as excinfo:
        r.content
    assert excinfo.value.gerror.matches(Fetch.error_quark(), Fetch.Error.ABORTED)
    assert controller.get_state() == Fetch.ControllerState.ABORTED


def test_controller_serves_one_fetch(server):
    controller = Fetch.Controller()
    Fetch.fetch(server.url("/text"), controller=controller).content
    with pytest.raises(Fetch.TypeError):
        Fetch.fetch(server.url("/text"), controller=controller)


def test_timeout_before_headers(server):
    start = time.monotonic()
    with pytest.raises(Fetch.TimeoutError) as excinfo:
        Fetch.fetch(server.url("/hang"), timeout=0.3)
    assert time.monotonic() - start < 5
    e = excinfo.value
    assert isinstance(e, TimeoutError)
    assert isinstance(e, Fetch.AbortError)
    assert "timed out" in str(e)


def test_timeout_while_reading_body(server):
    r = Fetch.fetch(server.url("/stall"), timeout=0.5)
    with pytest.raises(Fetch.TimeoutError):
        r.content


def test_timeout_not_reached(server):
    with Fetch.fetch(server.url("/text"), timeout=10) as r:
        assert r.text() == "hello"


def test_negative_timeout():
    with pytest.raises(ValueError):
        Fetch.fetch("data:,x", timeout=-1)


# Errors

def test_connection_refused_is_network_error(closed_port):
    with pytest.raises(Fetch.NetworkError) as excinfo:
        Fetch.fetch("http://127.0.0.1:%d/" % closed_port)
    e = excinfo.value
    assert isinstance(e, OSError)
    assert e.gerror.matches(Fetch.error_quark(), Fetch.Error.NETWORK)


def test_bad_port_and_scheme_are_network_errors():
    with pytest.raises(Fetch.NetworkError):
        Fetch.fetch("http://127.0.0.1:25/")
    with pytest.raises(Fetch.NetworkError):
        Fetch.fetch("gopher://127.0.0.1/")


def test_integrity_mismatch_is_network_error(server):
    with pytest.raises(Fetch.NetworkError):
        Fetch.fetch(server.url("/text"),
                    integrity="sha256-AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=")
    good = "sha256-" + __import__("base64").b64encode(hashlib.sha256(b"hello").digest()).decode()
    assert Fetch.fetch(server.url("/text"), integrity=good).text() == "hello"


def test_type_errors_before_anything_is_sent(server):
    for kwargs in ({"method": "GET", "body": "x"}, {"mode": "navigate"},
                   {"headers": {"bad name": "x"}}):
        with pytest.raises(Fetch.TypeError):
            Fetch.fetch(server.url("/echo"), **kwargs)
    with pytest.raises(Fetch.TypeError):
        Fetch.fetch("relative/url")


# Clients, threads, main loops

def test_client_with_base_url(server):
    client = Fetch.Client()
    client.set_base_url(server.url("/some/page"))
    client.set_user_agent("python-tests/1.0")
    assert client.fetch("/text").text() == "hello"
    echo = Fetch.fetch("../echo", client=client).json()
    assert echo["path"] == "/echo"
    assert echo["headers"]["user-agent"] == "python-tests/1.0"


def test_client_fetch_url_sync_and_async(server):
    # fetch(url, init) on a client, straight through introspection.
    client = Fetch.Client()
    client.set_base_url(server.url("/some/page"))
    init = Fetch.RequestInit.new()
    init.set_method("PUT")
    with client.fetch_url_sync("../echo", init, None) as r:
        echo = r.json()
    assert echo["method"] == "PUT"
    assert echo["path"] == "/echo"

    loop = GLib.MainLoop()
    box = {}

    def on_response(source, result):
        try:
            box["status"] = source.fetch_finish(result).status
        except GLib.Error as e:
            box["error"] = Fetch.FetchError.from_gerror(e)
        loop.quit()

    client.fetch_url_async("/text", None, None, on_response)
    loop.run()
    assert box == {"status": 200}
    client.fetch_url_async("http://exa mple.com/", None, None, on_response)
    loop.run()
    assert isinstance(box["error"], Fetch.TypeError)


def test_request_init_members_reach_the_server(server):
    echo = Fetch.fetch(server.url("/echo"), cache="no-store", credentials="omit",
                       referrer_policy="no-referrer", keepalive=True,
                       priority="low").json()
    assert echo["headers"]["cache-control"] == "no-cache"
    assert echo["headers"]["pragma"] == "no-cache"


def test_fetch_from_threads(server):
    results = []

    def worker(i):
        with Fetch.fetch(server.url("/big?size=%d" % (10000 + i))) as r:
            results.append(len(r.content) - i)

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    assert results == [10000] * 6


def test_asyncio_through_a_thread(server):
    async def main():
        def get(path):
            with Fetch.fetch(server.url(path)) as r:
                return r.json()

        return await asyncio.gather(asyncio.to_thread(get, "/json"),
                                    asyncio.to_thread(get, "/json"))

    assert asyncio.run(main()) == [{"a": [1, 2], "b": "é"}] * 2


def test_sync_fetch_while_a_main_loop_runs(server):
    # fetch() runs on a private main context: a GLib main loop calling it
    # from a callback neither deadlocks nor gets its sources run.
    loop = GLib.MainLoop()
    box = {}

    def on_idle():
        box["text"] = Fetch.fetch(server.url("/text")).text()
        loop.quit()
        return GLib.SOURCE_REMOVE

    GLib.idle_add(on_idle)
    GLib.timeout_add_seconds(20, loop.quit)
    loop.run()
    assert box["text"] == "hello"


def test_the_glib_async_way(server):
    # Fetch.fetch_async with a callback on a GLib main loop; the body read
    # asynchronously too; GLib.Error turned into the Python exceptions.
    loop = GLib.MainLoop()
    box = {}

    def on_text(response, result):
        box["text"] = response.text_finish(result)
        loop.quit()

    def on_response(_source, result):
        try:
            response = Fetch.fetch_finish(result)
        except GLib.Error as e:
            box["error"] = Fetch.FetchError.from_gerror(e)
            loop.quit()
            return
        box["status"] = response.status
        response.text_async(None, on_text)

    init = Fetch.RequestInit.new()
    init.set_headers(Fetch.Headers({"Accept": "text/plain"}))
    Fetch.fetch_async(server.url("/text"), init, None, on_response)
    loop.run()
    assert box == {"status": 200, "text": "hello"}

    Fetch.Client.get_default().fetch_async(Fetch.Request("http://127.0.0.1:25/"), None,
                                           on_response)
    loop.run()
    assert isinstance(box["error"], Fetch.NetworkError)


def test_async_response_read_synchronously(server):
    loop = GLib.MainLoop()
    box = {}

    def on_response(_source, result):
        box["response"] = Fetch.fetch_finish(result)
        loop.quit()

    Fetch.fetch_async(server.url("/json"), None, None, on_response)
    loop.run()
    assert box["response"].json() == {"a": [1, 2], "b": "é"}


def test_response_form_data(server):
    form = Fetch.fetch(server.url("/multipart")).form_data()
    assert form["field"] == "value"
    assert form["file"].get_filename() == "a.txt"
    assert form["file"].get_bytes().get_data() == b"file contents"
    form = Fetch.fetch(server.url("/urlencoded")).form_data()
    assert form.get_all("a") == ["1", "3"]
    assert form["b"] == "two words"


def test_data_url():
    with Fetch.fetch("data:text/plain;base64,SGVsbG8=") as r:
        assert r.headers["content-type"] == "text/plain"
        assert r.text() == "Hello"
