# SPDX-License-Identifier: LGPL-2.1-or-later
"""Fetch.Headers as a Python mapping (bindings/python overrides)."""
import collections.abc

import gi

gi.require_version("Fetch", "1.0")
from gi.repository import Fetch, GLib  # noqa: E402
import pytest  # noqa: E402


def is_type_error(excinfo):
    e = excinfo.value
    return (isinstance(e, Fetch.FetchTypeError) and isinstance(e, TypeError)
            and e.gerror.matches(Fetch.error_quark(), Fetch.Error.TYPE))


# Constructors

def test_constructor_from_dict_with_list_values():
    h = Fetch.Headers({"Accept": ["text/html", "application/json"], "X-One": "1"})
    assert h["accept"] == "text/html, application/json"
    assert h["X-ONE"] == "1"


def test_constructor_from_pairs_keeps_order_of_values():
    h = Fetch.Headers([("B", "2"), ("a", "1"), ("b", "3")])
    assert h.multi_items() == [("a", "1"), ("b", "2, 3")]


def test_constructor_from_generator_of_tuples():
    h = Fetch.Headers(((name, "v") for name in ("x", "y")))
    assert list(h) == ["x", "y"]


def test_constructor_from_headers_copies():
    a = Fetch.Headers({"Set-Cookie": ["a=1", "b=2"], "X": "1"})
    b = Fetch.Headers(a)
    assert b.get_set_cookie() == ["a=1", "b=2"]
    b["x"] = "2"
    assert a["x"] == "1"


def test_constructor_empty_and_none():
    assert len(Fetch.Headers()) == 0
    assert len(Fetch.Headers(None)) == 0
    assert not Fetch.Headers()


def test_constructor_bytes_and_int_values():
    h = Fetch.Headers({"Content-Length": 42, b"X-Raw": b"caf\xe9"})
    assert h["content-length"] == "42"
    assert h["x-raw"] == "café"  # isomorphic decode


@pytest.mark.parametrize("init", [
    "accept: text/html",
    b"accept",
    [("a", "1", "extra")],
    [("a",)],
    ["ab"],
    42,
    [("bad name", "x")],
    {"x": "line\nbreak"},
    {"x": 1.5},
])
def test_constructor_bad_init_is_type_error(init):
    with pytest.raises(Fetch.TypeError) as excinfo:
        Fetch.Headers(init)
    assert is_type_error(excinfo)


def test_c_constructors_still_work_and_give_the_override():
    h = Fetch.Headers.new_from_pairs(["a", "1"])
    assert isinstance(h, Fetch.Headers)
    assert h["a"] == "1"
    assert Fetch.Headers.new_from_record({"B": "2"})["b"] == "2"


# The standard's methods, with Python exceptions

def test_append_set_delete_has_get():
    h = Fetch.Headers()
    h.append("Accept", "a")
    h.append("accept", "b")
    assert h.get("ACCEPT") == "a, b"
    h.set("Accept", "c")
    assert h.get("accept") == "c"
    assert h.has("accept")
    h.delete("accept")
    assert not h.has("accept")
    assert h.get("accept") is None
    assert h.get("accept", "default") == "default"


@pytest.mark.parametrize("call", [
    lambda h: h.append("bad name", "x"),
    lambda h: h.set("x", "bad\0value"),
    lambda h: h.delete("bad name"),
    lambda h: h.has("bad name"),
    lambda h: h.get("bad name"),
    lambda h: h.append(None, "x"),
    lambda h: h.append("x", object()),
])
def test_invalid_input_is_type_error_and_changes_nothing(call):
    h = Fetch.Headers({"a": "1"})
    with pytest.raises(Fetch.TypeError) as excinfo:
        call(h)
    assert is_type_error(excinfo)
    assert h.multi_items() == [("a", "1")]


def test_type_error_is_also_a_glib_error():
    # Code written against the plain GObject API keeps working.
    with pytest.raises(GLib.Error) as excinfo:
        Fetch.Headers().append("bad name", "x")
    assert excinfo.value.matches(Fetch.error_quark(), Fetch.Error.TYPE)
    assert "bad name" in str(excinfo.value)


def test_immutable_headers_of_a_response_are_type_error():
    response = Fetch.Response.error()
    with pytest.raises(Fetch.TypeError):
        response.headers["x"] = "1"
    with pytest.raises(Fetch.TypeError):
        response.headers.append("x", "1")


# Mapping protocol

def test_getitem_case_insensitive_and_keyerror():
    h = Fetch.Headers({"Content-Type": "text/plain"})
    assert h["content-type"] == h["CONTENT-TYPE"] == "text/plain"
    with pytest.raises(KeyError):
        h["missing"]


def test_setitem_replaces_every_value():
    h = Fetch.Headers([("a", "1"), ("A", "2")])
    h["a"] = "3"
    assert h.get_all("a") == ["3"]


def test_delitem_and_keyerror():
    h = Fetch.Headers({"a": "1"})
    del h["A"]
    assert "a" not in h
    with pytest.raises(KeyError):
        del h["a"]


def test_contains():
    h = Fetch.Headers({"X-Thing": "1"})
    assert "x-thing" in h
    assert "X-THING" in h
    assert "other" not in h
    assert "bad name" not in h  # an invalid name is simply absent
    assert 42 not in h


def test_iter_len_keys_values_items():
    h = Fetch.Headers([("B", "2"), ("a", "1"), ("Set-Cookie", "x=1"),
                       ("set-cookie", "y=2"), ("b", "3")])
    assert list(h) == ["a", "b", "set-cookie"]
    assert h.keys() == ["a", "b", "set-cookie"]
    assert len(h) == 3
    assert h.values() == ["1", "2, 3", "x=1, y=2"]
    assert h.items() == [("a", "1"), ("b", "2, 3"), ("set-cookie", "x=1, y=2")]
    assert dict(h) == {"a": "1", "b": "2, 3", "set-cookie": "x=1, y=2"}


def test_multi_items_is_the_standard_iteration():
    h = Fetch.Headers([("Set-Cookie", "x=1"), ("Z", "z"), ("set-cookie", "y=2"), ("A", "a")])
    # §5.1: sort and combine, each Set-Cookie on its own.
    assert h.multi_items() == [("a", "a"), ("set-cookie", "x=1"), ("set-cookie", "y=2"),
                               ("z", "z")]


def test_is_a_mutable_mapping():
    assert isinstance(Fetch.Headers(), collections.abc.MutableMapping)
    assert isinstance(Fetch.Headers(), collections.abc.Mapping)


# Multi-value access

def test_get_all_set_cookie_one_by_one():
    h = Fetch.Headers([("Set-Cookie", "a=1; Expires=Wed, 21 Oct 2026 07:28:00 GMT"),
                       ("Set-Cookie", "b=2")])
    assert h.get_all("set-cookie") == ["a=1; Expires=Wed, 21 Oct 2026 07:28:00 GMT", "b=2"]
    assert h.getlist("SET-COOKIE") == h.get_all("set-cookie")


def test_get_all_missing_is_empty():
    assert Fetch.Headers().get_all("x") == []


# §2.2.2 "get, decode, and split": the examples of the standard.
@pytest.mark.parametrize("values, expected", [
    (["nosniff,"], ["nosniff", ""]),
    ([""], [""]),
    (['text/html;", x/x'], ['text/html;", x/x']),
    (['text/html;"', "x/x"], ['text/html;", x/x']),
    (['x/x;test="hi",y/y'], ['x/x;test="hi"', "y/y"]),
    (['x/x;test="hi"', "y/y"], ['x/x;test="hi"', "y/y"]),
    (["x / x,,,1"], ["x / x", "", "", "1"]),
    (["x / x", ",", "1"], ["x / x", "", "", "1"]),
    (['"1,2", 3'], ['"1,2"', "3"]),
    (['"1,2"', "3"], ['"1,2"', "3"]),
    (['"a\\"b,c", d'], ['"a\\"b,c"', "d"]),
    (['"open\\'], ['"open\\']),
])
def test_get_all_splits_as_the_standard(values, expected):
    h = Fetch.Headers([("A", v) for v in values])
    assert h.get_all("a") == expected


# dict-like helpers

def test_pop():
    h = Fetch.Headers({"a": "1"})
    assert h.pop("A") == "1"
    assert "a" not in h
    assert h.pop("a", None) is None
    with pytest.raises(KeyError):
        h.pop("a")


def test_setdefault():
    h = Fetch.Headers({"a": "1"})
    assert h.setdefault("a", "2") == "1"
    assert h.setdefault("b", "2") == "2"
    assert h["b"] == "2"


def test_update_from_mapping_pairs_headers_and_kwargs():
    h = Fetch.Headers({"a": "1", "b": "1"})
    h.update({"A": "2"})
    h.update([("c", "3")])
    h.update(Fetch.Headers({"d": "4"}))
    h.update(e="5")
    assert h.items() == [("a", "2"), ("b", "1"), ("c", "3"), ("d", "4"), ("e", "5")]


def test_clear():
    h = Fetch.Headers({"a": "1", "Set-Cookie": ["x=1", "y=2"]})
    h.clear()
    assert len(h) == 0
    assert h.get_entries() == []


def test_copy_is_independent():
    h = Fetch.Headers({"a": "1"})
    c = h.copy()
    assert isinstance(c, Fetch.Headers)
    c["a"] = "2"
    assert h["a"] == "1"
    assert c.get_guard() == Fetch.HeadersGuard.NONE


def test_repr():
    assert repr(Fetch.Headers({"A": "1"})) == "Fetch.Headers([('a', '1')])"
