# SPDX-License-Identifier: LGPL-2.1-or-later
"""The Fetch objects through GObject introspection, as Python sees them."""
import gi

gi.require_version("Fetch", "1.0")
gi.require_version("Gio", "2.0")
from gi.repository import Fetch, GLib, Gio  # noqa: E402
import pytest  # noqa: E402


def run_async(start, finish):
    """Run an _async/_finish pair to completion on a private main loop."""
    loop = GLib.MainLoop()
    box = {}

    def done(obj, result):
        try:
            box["value"] = finish(result)
        except GLib.Error as e:  # noqa: PERF203
            box["error"] = e
        loop.quit()

    start(done)
    loop.run()
    if "error" in box:
        raise box["error"]
    return box["value"]


def test_headers_combine_and_iterate():
    h = Fetch.Headers.new()
    h.append("Accept", "text/html")
    h.append("accept", "application/json")
    h.append("Set-Cookie", "a=1")
    h.append("Set-Cookie", "b=2")
    assert h.get("ACCEPT") == "text/html, application/json"
    assert h.has("set-cookie")
    assert h.get_set_cookie() == ["a=1", "b=2"]
    entries = h.get_entries()
    assert entries == ["accept", "text/html, application/json",
                       "set-cookie", "a=1", "set-cookie", "b=2"]
    seen = []
    h.foreach(lambda name, value: seen.append((name, value)) or True)
    assert seen[0] == ("accept", "text/html, application/json")


def test_headers_invalid_name_is_type_error():
    h = Fetch.Headers.new()
    with pytest.raises(GLib.Error) as info:
        h.append("bad name", "x")
    assert info.value.matches(Fetch.error_quark(), Fetch.Error.TYPE)
    assert h.get_entries() == []


def test_headers_from_pairs_and_record():
    h = Fetch.Headers.new_from_pairs(["a", "1", "b", "2"])
    assert h.get("b") == "2"
    with pytest.raises(GLib.Error):
        Fetch.Headers.new_from_pairs(["a", "1", "b"])
    r = Fetch.Headers.new_from_record({"X-One": "1"})
    assert r.get("x-one") == "1"


def test_request_defaults_and_body():
    init = Fetch.RequestInit.new()
    init.set_method("post")
    init.set_body(Fetch.BodyInit.new_string("hello"))
    req = Fetch.Request.new("https://example.com/a/../b", init)
    assert req.get_method() == "POST"
    assert req.get_url() == "https://example.com/b"
    assert req.get_mode() == Fetch.RequestMode.CORS
    assert req.get_headers().get("content-type") == "text/plain;charset=UTF-8"
    text = run_async(lambda cb: req.text_async(None, cb),
                     lambda res: req.text_finish(res))
    assert text == "hello"
    assert req.get_body_used()


def test_request_get_with_body_is_type_error():
    init = Fetch.RequestInit.new()
    init.set_body(Fetch.BodyInit.new_string("x"))
    with pytest.raises(GLib.Error) as info:
        Fetch.Request.new("https://example.com/", init)
    assert info.value.matches(Fetch.error_quark(), Fetch.Error.TYPE)


def test_response_json_and_clone():
    init = Fetch.ResponseInit.new()
    init.set_status(201)
    init.set_status_text("Created")
    resp = Fetch.Response.new(Fetch.BodyInit.new_string('{"a": [1, 2]}'), init)
    assert resp.get_status() == 201
    assert resp.get_ok()
    assert resp.get_response_type() == Fetch.ResponseType.DEFAULT
    copy = resp.clone()
    node = run_async(lambda cb: resp.json_async(None, cb),
                     lambda res: resp.json_finish(res))
    assert node.get_object().get_array_member("a").get_length() == 2
    raw = run_async(lambda cb: copy.bytes_async(None, cb),
                    lambda res: copy.bytes_finish(res))
    assert raw.get_data() == b'{"a": [1, 2]}'
    with pytest.raises(GLib.Error):
        resp.clone()


def test_response_error_and_redirect():
    err = Fetch.Response.error()
    assert err.get_response_type() == Fetch.ResponseType.ERROR
    assert err.get_status() == 0
    redirect = Fetch.Response.redirect("https://example.com/next", 302)
    assert redirect.get_headers().get("location") == "https://example.com/next"
    with pytest.raises(GLib.Error):
        Fetch.Response.redirect("https://example.com/", 200)


def test_body_stream_reads_every_byte():
    payload = GLib.Bytes.new(b"x" * 100000)
    resp = Fetch.Response.new(Fetch.BodyInit.new_bytes(payload), None)
    stream = resp.get_body()
    total = 0
    while True:
        chunk = stream.read_bytes(8192, None)
        if chunk.get_size() == 0:
            break
        total += chunk.get_size()
    assert total == 100000
    assert resp.get_body_used()


def test_form_data():
    fd = Fetch.FormData.new()
    fd.append("a", "1")
    fd.append_file("f", GLib.Bytes.new(b"data"), "f.txt", "text/plain")
    assert fd.has("f")
    entry = fd.get("f")
    assert entry.is_file()
    assert entry.get_filename() == "f.txt"
    assert fd.get("a").get_value() == "1"
    req_init = Fetch.RequestInit.new()
    req_init.set_method("POST")
    req_init.set_body(Fetch.BodyInit.new_form_data(fd))
    req = Fetch.Request.new("https://example.com/", req_init)
    ctype = req.get_headers().get("content-type")
    assert ctype.startswith("multipart/form-data; boundary=")
    parsed = run_async(lambda cb: req.form_data_async(None, cb),
                       lambda res: req.form_data_finish(res))
    assert parsed.get("a").get_value() == "1"
    assert parsed.get("f").get_bytes().get_data() == b"data"
