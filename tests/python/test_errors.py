# SPDX-License-Identifier: LGPL-2.1-or-later
"""The Python exceptions of the overrides and how the module is loaded."""
import pickle

import gi

gi.require_version("Fetch", "1.0")
gi.require_version("Gio", "2.0")
from gi.repository import Fetch, GLib, Gio  # noqa: E402
import pytest  # noqa: E402


def test_the_overrides_are_loaded():
    import gi.overrides.Fetch as overrides
    assert Fetch.Headers is overrides.Headers
    for name in ("fetch", "Headers", "Request", "Response", "FormData", "Client",
                 "Controller", "FetchError", "FetchTypeError", "NetworkError",
                 "AbortError", "FetchTimeoutError", "TypeError", "TimeoutError"):
        assert name in overrides.__all__
        assert getattr(Fetch, name) is getattr(overrides, name)
    # The GObject API is all still there.
    assert callable(Fetch.fetch_async)
    assert callable(Fetch.Client.fetch_sync)


def test_hierarchy():
    assert Fetch.TypeError is Fetch.FetchTypeError
    assert Fetch.TimeoutError is Fetch.FetchTimeoutError
    for cls in (Fetch.FetchTypeError, Fetch.NetworkError, Fetch.AbortError,
                Fetch.FetchTimeoutError):
        assert issubclass(cls, Fetch.FetchError)
    assert issubclass(Fetch.FetchError, GLib.Error)
    assert issubclass(Fetch.FetchTypeError, TypeError)
    assert issubclass(Fetch.NetworkError, OSError)
    assert issubclass(Fetch.FetchTimeoutError, TimeoutError)
    assert issubclass(Fetch.FetchTimeoutError, Fetch.AbortError)
    assert not issubclass(Fetch.AbortError, OSError)
    assert not issubclass(Fetch.NetworkError, TypeError)


@pytest.mark.parametrize("domain, code, cls", [
    ("fetch-error-quark", 0, Fetch.FetchTypeError),
    ("fetch-error-quark", 1, Fetch.NetworkError),
    ("fetch-error-quark", 2, Fetch.AbortError),
    ("fetch-error-quark", 99, Fetch.FetchError),
    ("g-io-error-quark", int(Gio.IOErrorEnum.CANCELLED), Fetch.AbortError),
    ("g-io-error-quark", int(Gio.IOErrorEnum.PENDING), Fetch.FetchTypeError),
    ("g-io-error-quark", int(Gio.IOErrorEnum.CONNECTION_CLOSED), Fetch.NetworkError),
    ("g-tls-error-quark", 3, Fetch.NetworkError),
])
def test_from_gerror(domain, code, cls):
    gerror = GLib.Error("message", domain, code)
    e = Fetch.FetchError.from_gerror(gerror)
    assert type(e) is cls
    assert e.gerror is gerror
    assert (e.message, e.domain, e.code) == ("message", domain, code)
    assert str(e) == "message"
    assert Fetch.FetchError.from_gerror(e) is e


def test_matches_like_the_gerror():
    with pytest.raises(Fetch.TypeError) as excinfo:
        Fetch.Headers().append("bad name", "x")
    e = excinfo.value
    assert e.matches(Fetch.error_quark(), Fetch.Error.TYPE)
    assert not e.matches(Fetch.error_quark(), Fetch.Error.NETWORK)
    assert e.gerror.matches(Fetch.error_quark(), Fetch.Error.TYPE)


def test_construct_from_a_message():
    e = Fetch.NetworkError("no route")
    assert e.gerror.matches(Fetch.error_quark(), Fetch.Error.NETWORK)
    assert str(e) == "no route"
    assert repr(e) == "Fetch.NetworkError('no route')"
    assert Fetch.TypeError("x").code == int(Fetch.Error.TYPE)
    assert Fetch.AbortError("x").code == int(Fetch.Error.ABORTED)
    assert Fetch.TimeoutError("x").code == int(Fetch.Error.ABORTED)
    assert Fetch.FetchError("x", "my-domain", 4).domain == "my-domain"


def test_raise_and_catch_as_builtins():
    with pytest.raises(TypeError):
        raise Fetch.TypeError("bad")
    with pytest.raises(OSError):
        raise Fetch.NetworkError("down")
    with pytest.raises(TimeoutError):
        raise Fetch.TimeoutError("slow")
    with pytest.raises(GLib.Error):
        raise Fetch.AbortError("stop")


def test_pickle():
    e = pickle.loads(pickle.dumps(Fetch.NetworkError("down")))
    assert type(e) is Fetch.NetworkError
    assert (str(e), e.domain, e.code) == ("down", "fetch-error-quark", 1)


def test_c_api_still_raises_glib_error():
    # Only the Pythonic API converts: the plain calls keep GLib.Error.
    with pytest.raises(GLib.Error) as excinfo:
        Fetch.Request.new("not a url", None)
    assert type(excinfo.value) is GLib.Error
    assert excinfo.value.matches(Fetch.error_quark(), Fetch.Error.TYPE)
