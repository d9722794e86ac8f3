# SPDX-License-Identifier: LGPL-2.1-or-later
"""Fetch.Request, Fetch.Response and Fetch.FormData from Python values, and
the body readers (bindings/python overrides), without a network."""
import io
import json

import gi

gi.require_version("Fetch", "1.0")
gi.require_version("Gio", "2.0")
from gi.repository import Fetch, GLib, Gio  # noqa: E402
import pytest  # noqa: E402


# Request

def test_request_defaults():
    r = Fetch.Request("https://example.com/a/../b")
    assert isinstance(r, Fetch.Request)
    assert r.url == "https://example.com/b"
    assert r.method == "GET"
    assert r.mode == Fetch.RequestMode.CORS
    assert r.credentials == Fetch.RequestCredentials.SAME_ORIGIN
    assert r.cache == Fetch.RequestCache.DEFAULT
    assert r.redirect == Fetch.RequestRedirect.FOLLOW
    assert r.referrer == "about:client"
    assert r.referrer_policy == Fetch.ReferrerPolicy.NONE
    assert r.integrity == ""
    assert r.keepalive is False
    assert r.destination == Fetch.RequestDestination.NONE
    assert r.duplex == Fetch.RequestDuplex.HALF
    assert r.priority == Fetch.RequestPriority.AUTO
    assert r.is_reload_navigation is False
    assert r.is_history_navigation is False
    assert isinstance(r.signal, Gio.Cancellable)
    assert r.body is None
    assert r.body_used is False
    assert len(r.headers) == 0
    assert repr(r) == "<Fetch.Request GET https://example.com/b>"


def test_request_every_init_member_as_strings():
    signal = Gio.Cancellable()
    r = Fetch.Request("https://example.com/", method="post",
                      headers={"X-A": "1"}, body="hi",
                      referrer="https://example.com/page",
                      referrer_policy="no-referrer", mode="same-origin",
                      credentials="include", cache="no-store",
                      redirect="manual", integrity="sha256-abc",
                      keepalive=True, signal=signal, priority="high",
                      duplex="half", window=None)
    assert r.method == "POST"
    assert r.headers["x-a"] == "1"
    assert r.headers["content-type"] == "text/plain;charset=UTF-8"
    assert r.referrer == "https://example.com/page"
    assert r.referrer_policy == Fetch.ReferrerPolicy.NO_REFERRER
    assert r.mode == Fetch.RequestMode.SAME_ORIGIN
    assert r.credentials == Fetch.RequestCredentials.INCLUDE
    assert r.cache == Fetch.RequestCache.NO_STORE
    assert r.redirect == Fetch.RequestRedirect.MANUAL
    assert r.integrity == "sha256-abc"
    assert r.keepalive is True
    assert r.priority == Fetch.RequestPriority.HIGH
    assert r.text() == "hi"
    # The request's own signal follows the one given.
    assert not r.signal.is_cancelled()
    signal.cancel()
    assert r.signal.is_cancelled()


def test_request_init_members_as_enums():
    r = Fetch.Request("https://example.com/", mode=Fetch.RequestMode.NO_CORS,
                      cache=Fetch.RequestCache.NO_CACHE,
                      referrer_policy=Fetch.ReferrerPolicy.ORIGIN)
    assert r.mode == Fetch.RequestMode.NO_CORS
    assert r.cache == Fetch.RequestCache.NO_CACHE
    assert r.referrer_policy == Fetch.ReferrerPolicy.ORIGIN


def test_request_empty_referrer_policy_string_is_none():
    r = Fetch.Request("https://example.com/", referrer_policy="")
    assert r.referrer_policy == Fetch.ReferrerPolicy.NONE


@pytest.mark.parametrize("kwargs", [
    {"mode": "nocors"},
    {"mode": "navigate"},
    {"cache": "sometimes"},
    {"credentials": "all"},
    {"redirect": "never"},
    {"referrer_policy": "none"},
    {"priority": "urgent"},
    {"duplex": "full"},
    {"mode": 3},
    {"window": "a window"},
    {"signal": "not a signal"},
    {"method": "bad method"},
    {"method": "CONNECT"},
    {"body": "x"},
    {"headers": "x: 1"},
    {"body": 42},
    {"cache": "only-if-cached"},
    {"referrer": "http://[bad"},
])
def test_request_bad_init_is_type_error(kwargs):
    with pytest.raises(Fetch.TypeError) as excinfo:
        Fetch.Request("https://example.com/", **kwargs)
    assert excinfo.value.gerror.matches(Fetch.error_quark(), Fetch.Error.TYPE)


def test_request_unknown_keyword_is_python_type_error():
    with pytest.raises(TypeError) as excinfo:
        Fetch.Request("https://example.com/", colour="blue")
    assert not isinstance(excinfo.value, Fetch.FetchError)


@pytest.mark.parametrize("url", ["not a url", "https://user:pw@example.com/", "", "http://[::1"])
def test_request_bad_url_is_type_error(url):
    with pytest.raises(Fetch.TypeError):
        Fetch.Request(url)


def test_request_relative_url_against_client_base():
    client = Fetch.Client.new()
    client.set_base_url("https://example.com/dir/page")
    r = Fetch.Request("../other?q=1", client=client)
    assert r.url == "https://example.com/other?q=1"


def test_request_from_request_takes_the_body():
    a = Fetch.Request("https://example.com/", method="PUT", body=b"data",
                      headers=[("X-A", "1")])
    b = Fetch.Request(a, headers={"X-B": "2"})
    assert b.method == "PUT"
    assert b.url == "https://example.com/"
    assert "x-a" not in b.headers and b.headers["x-b"] == "2"
    assert a.body_used
    assert b.content == b"data"
    with pytest.raises(Fetch.TypeError):
        Fetch.Request(a)  # its body is used now


def test_request_clone():
    a = Fetch.Request("https://example.com/", method="POST", body="one")
    b = a.clone()
    assert isinstance(b, Fetch.Request)
    assert a.text() == "one"
    assert b.text() == "one"
    with pytest.raises(Fetch.TypeError):
        a.clone()  # its body is used


# Bodies from Python values

@pytest.mark.parametrize("body, content_type, data", [
    ("héllo", "text/plain;charset=UTF-8", "héllo".encode()),
    (b"\x00\xff", None, b"\x00\xff"),
    (bytearray(b"ab"), None, b"ab"),
    (memoryview(b"abc")[1:], None, b"bc"),
    (GLib.Bytes.new(b"gb"), None, b"gb"),
    ({"a": "1", "b": ["2", "3 4"]}, "application/x-www-form-urlencoded;charset=UTF-8",
     b"a=1&b=2&b=3+4"),
    (Fetch.BodyInit.new_blob(GLib.Bytes.new(b"<p>"), "text/html"), "text/html", b"<p>"),
])
def test_body_values(body, content_type, data):
    r = Fetch.Request("https://example.com/", method="POST", body=body)
    assert r.headers.get("content-type") == content_type
    assert r.content == data


def test_body_stream_values_set_duplex_half():
    # The GObject API wants duplex "half" for a stream body (§5.4), as a
    # browser does; the override sets it, its only value.
    init = Fetch.RequestInit.new()
    init.set_method("POST")
    init.set_body(Fetch.BodyInit.new_stream(Gio.MemoryInputStream.new_from_data(b"x"), -1))
    with pytest.raises(GLib.Error):
        Fetch.Request.new("https://example.com/", init)
    for body, data in ((io.BytesIO(b"bytes io"), b"bytes io"),
                       (Gio.MemoryInputStream.new_from_data(b"memory"), b"memory"),
                       ((c for c in (b"gen", b"erator")), b"generator"),
                       (iter([b"it", "\u00e9r", bytearray(b"!")]), "it\u00e9r!".encode())):
        r = Fetch.Request("https://example.com/", method="POST", body=body)
        assert r.duplex == Fetch.RequestDuplex.HALF
        assert r.content == data


def test_body_file_object(tmp_path):
    path = tmp_path / "f.bin"
    path.write_bytes(b"0123456789")
    with open(path, "rb") as f:
        f.read(2)  # the body starts where the file is
        r = Fetch.Request("https://example.com/", method="POST", body=f)
        assert r.content == b"23456789"
    with open(path, "r") as f:  # a text file is sent as UTF-8
        assert Fetch.Request("https://example.com/", method="POST", body=f).text() == "0123456789"


def test_body_iterator_error_is_raised_when_read():
    def chunks():
        yield b"partial"
        raise ValueError("the source broke")

    r = Fetch.Request("https://example.com/", method="POST", body=chunks())
    with pytest.raises(ValueError, match="the source broke"):
        r.content


def test_body_form_data():
    fd = Fetch.FormData({"a": "1"})
    r = Fetch.Request("https://example.com/", method="POST", body=fd)
    assert r.headers["content-type"].startswith("multipart/form-data; boundary=")
    parsed = r.form_data()
    assert parsed["a"] == "1"


# Response

def test_response_defaults():
    r = Fetch.Response()
    assert isinstance(r, Fetch.Response)
    assert r.status == 200
    assert r.ok
    assert r.status_text == ""
    assert r.url == ""
    assert r.redirected is False
    assert r.type == Fetch.ResponseType.DEFAULT
    assert r.body is None
    assert r.content == b""
    assert r.text() == ""
    assert list(r) == []


def test_response_init_members():
    r = Fetch.Response("created", status=201, status_text="Created",
                       headers={"X-A": "1"})
    assert (r.status, r.status_text, r.ok) == (201, "Created", True)
    assert r.headers["x-a"] == "1"
    assert r.headers["content-type"] == "text/plain;charset=UTF-8"
    assert r.text() == "created"
    assert repr(r) == "<Fetch.Response [201 Created] >"


@pytest.mark.parametrize("kwargs", [
    {"status": 99},
    {"status": 600},
    {"status": -1},
    {"status": "200"},
    {"status": True},
    {"status_text": "bad\ntext"},
    {"status": 204, "body": "no body allowed"},
    {"headers": [("a",)]},
])
def test_response_bad_init_is_type_error(kwargs):
    body = kwargs.pop("body", None)
    with pytest.raises(Fetch.TypeError):
        Fetch.Response(body, **kwargs)


def test_response_redirect_error_from_json():
    r = Fetch.Response.redirect("https://example.com/next")
    assert r.status == 302
    assert r.headers["location"] == "https://example.com/next"
    assert Fetch.Response.redirect("https://example.com/", 307).status == 307
    with pytest.raises(Fetch.TypeError):
        Fetch.Response.redirect("https://example.com/", 200)
    with pytest.raises(Fetch.TypeError):
        Fetch.Response.redirect("not a url")
    e = Fetch.Response.error()
    assert e.type == Fetch.ResponseType.ERROR
    assert e.status == 0
    j = Fetch.Response.from_json({"a": [1, None], "é": True}, status=202)
    assert j.status == 202
    assert j.headers["content-type"] == "application/json"
    assert j.json() == {"a": [1, None], "é": True}
    with pytest.raises(Fetch.TypeError):
        Fetch.Response.from_json(object())
    with pytest.raises(Fetch.TypeError):
        Fetch.Response.from_json(float("nan"))


def test_response_clone():
    r = Fetch.Response(b"twice")
    c = r.clone()
    assert isinstance(c, Fetch.Response)
    assert r.content == b"twice"
    assert c.content == b"twice"
    r2 = Fetch.Response(b"x")
    r2.content
    with pytest.raises(Fetch.TypeError):
        r2.clone()


# Body readers

def test_content_is_kept_and_text_json_reuse_it():
    r = Fetch.Response('{"k": "é"}')
    assert r.content == '{"k": "é"}'.encode()
    assert r.body_used
    assert r.text() == '{"k": "é"}'
    assert r.json() == {"k": "é"}
    assert r.content is r.content


def test_text_strips_bom_and_replaces_invalid_utf8():
    assert Fetch.Response(b"\xef\xbb\xbfhi").text() == "hi"
    assert Fetch.Response(b"caf\xe9!").text() == "caf\ufffd!"
    assert Fetch.Response(b"\xef\xbb\xbf\xef\xbb\xbfx").text() == "\ufeffx"


def test_json_errors_and_kwargs():
    with pytest.raises(json.JSONDecodeError):
        Fetch.Response("{oops").json()
    assert Fetch.Response("1.5").json(parse_float=str) == "1.5"
    assert Fetch.Response(b"\xef\xbb\xbf[1]").json() == [1]


def test_iter_content_chunks_and_body_used():
    data = bytes(range(256)) * 100
    r = Fetch.Response(data)
    chunks = list(r.iter_content(1000))
    assert b"".join(chunks) == data
    assert all(0 < len(c) <= 1000 for c in chunks)
    assert r.body_used
    with pytest.raises(Fetch.TypeError) as excinfo:
        r.content
    assert "already" in str(excinfo.value)
    with pytest.raises(Fetch.TypeError):
        r.iter_content()
    with pytest.raises(ValueError):
        Fetch.Response(b"x").iter_content(0)


def test_iter_content_after_content_replays_it():
    r = Fetch.Response(b"abcdef")
    assert r.content == b"abcdef"
    assert list(r.iter_content(4)) == [b"abcd", b"ef"]
    assert b"".join(r) == b"abcdef"


def test_iteration_of_response():
    r = Fetch.Response(b"x" * 200000)
    assert sum(len(c) for c in r) == 200000


def test_body_used_by_the_c_api_is_type_error():
    r = Fetch.Response(b"x")
    r.get_body().read_bytes(1, None)
    with pytest.raises(Fetch.TypeError):
        r.text()


def test_context_manager_closes_body():
    with Fetch.Response(b"abc") as r:
        assert r.iter_content(1).__next__() == b"a"
    assert r.body.is_closed()


def test_close_twice_and_on_null_body():
    r = Fetch.Response(b"abc")
    r.close()
    r.close()
    Fetch.Response().close()


def test_form_data_multipart_and_urlencoded():
    fd = Fetch.FormData([("a", "1"), ("f", ("f.txt", b"file", "text/plain"))])
    r = Fetch.Request("https://example.com/", method="POST", body=fd)
    parsed = r.form_data()
    assert isinstance(parsed, Fetch.FormData)
    assert parsed["a"] == "1"
    assert parsed["f"].get_bytes().get_data() == b"file"
    assert parsed["f"].get_filename() == "f.txt"
    u = Fetch.Response("a=1&b=x+y&a=2",
                       headers={"Content-Type": "application/x-www-form-urlencoded"})
    form = u.form_data()
    assert form.get_all("a") == ["1", "2"]
    assert form["b"] == "x y"
    with pytest.raises(Fetch.TypeError):
        Fetch.Response("a=1").form_data()  # text/plain is no form


# FormData

def test_form_data_constructor_and_access():
    with open(__file__, "rb") as f:
        fd = Fetch.FormData({
            "name": "value",
            "many": ["1", "2"],
            "blob": b"\x00\x01",
            "file": ("a.txt", b"contents", "text/plain"),
            "untyped": ("b.bin", bytearray(b"raw")),
            "fileobj": ("self.py", f),
        })
    assert len(fd) == 7
    assert "name" in fd and "absent" not in fd and 3 not in fd
    assert fd["name"] == "value"
    assert fd.get_all("many") == ["1", "2"]
    assert fd.getlist("many") == ["1", "2"]
    blob = fd["blob"]
    assert blob.is_file()
    assert blob.get_filename() == "blob"
    assert blob.get_bytes().get_data() == b"\x00\x01"
    assert fd["file"].get_content_type() == "text/plain"
    assert fd["untyped"].get_content_type() == ""  # a File of a typeless Blob
    assert fd["fileobj"].get_bytes().get_size() > 0
    assert fd.keys() == ["name", "many", "blob", "file", "untyped", "fileobj"]
    names = [name for name, _value in fd]
    assert names == ["name", "many", "many", "blob", "file", "untyped", "fileobj"]
    assert fd.items()[0] == ("name", "value")
    with pytest.raises(KeyError):
        fd["absent"]
    del fd["many"]
    assert "many" not in fd
    with pytest.raises(KeyError):
        del fd["many"]
    assert repr(Fetch.FormData({"a": "1"})) == "Fetch.FormData([('a', '1')])"


def test_form_data_from_pairs_and_add():
    fd = Fetch.FormData([("a", "1"), ("a", "2")])
    fd.add("c", "3")
    assert [v for _n, v in fd] == ["1", "2", "3"]


@pytest.mark.parametrize("value", [42, ("only-a-name",), None, ["list"]])
def test_form_data_bad_value_is_type_error(value):
    with pytest.raises(Fetch.TypeError):
        Fetch.FormData([("a", value)])


# NUL: the C API takes C strings, which would end at it. What a browser
# rejects, or what cannot be held, is a Fetch.TypeError before C sees it;
# a str body keeps its NUL.

@pytest.mark.parametrize("make", [
    lambda: Fetch.Request("https://example.com/a\0b"),
    lambda: Fetch.Request("foo://a\0b/"),
    lambda: Fetch.Request("a\0b", client=Fetch.Client.new()),
    lambda: Fetch.Request("https://example.com/", referrer="https://example.com/\0x"),
    lambda: Fetch.Request("https://example.com/", integrity="sha256-abc\0"),
    lambda: Fetch.Response(status_text="O\0K"),
    lambda: Fetch.Response.redirect("https://example.com/\0x"),
    lambda: Fetch.fetch("data:,\0x"),
    lambda: Fetch.FormData([("a\0b", "v")]),
    lambda: Fetch.FormData([("a", "v\0w")]),
    lambda: Fetch.FormData([("a", ("f\0.txt", b"x"))]),
    lambda: Fetch.Response({"a\0": "1"}),
    lambda: Fetch.Response({"a": "1\0"}),
], ids=["url", "opaque-host", "relative-url", "referrer", "integrity", "status-text",
        "redirect", "fetch", "form-name", "form-value", "form-filename",
        "urlencoded-name", "urlencoded-value"])
def test_nul_is_type_error_before_c(make):
    with pytest.raises(Fetch.TypeError) as excinfo:
        make()
    assert "\\x00" in str(excinfo.value)


def test_nul_free_strings_still_pass():
    r = Fetch.Request("https://example.com/a%00b", referrer="https://example.com/",
                      integrity="sha256-abc")
    assert (r.url, r.integrity) == ("https://example.com/a%00b", "sha256-abc")
    assert Fetch.Response(status_text="OK").status_text == "OK"


def test_str_body_with_nul_is_kept_whole():
    r = Fetch.Response("a\0b")
    assert r.headers["content-type"] == "text/plain;charset=UTF-8"
    assert r.content == b"a\0b"
    assert Fetch.Response("\ufeffa\0b").text() == "a\0b"
    q = Fetch.Request("https://example.com/", method="POST", body="\0")
    assert q.headers["content-type"] == "text/plain;charset=UTF-8"
    assert q.content == b"\0"
    # A Content-Type given is kept as given.
    given = Fetch.Response("a\0b", headers={"Content-Type": "text/plain;charset=utf-8"})
    assert given.headers["content-type"] == "text/plain;charset=utf-8"
    other = Fetch.Request("https://example.com/", method="POST", body="\0",
                          headers={"Content-Type": "text/x"})
    assert other.headers["content-type"] == "text/x"
    assert Fetch.Response("a\0b", headers={"X-A": "1"}).headers["content-type"] == \
        "text/plain;charset=UTF-8"
