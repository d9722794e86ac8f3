# SPDX-License-Identifier: LGPL-2.1-or-later
"""PyGObject overrides for libfetch-glib: a Pythonic face on the Fetch objects.

Loaded by ``from gi.repository import Fetch``. Everything in the GObject API
stays as it is; this module adds, on top of it and nothing else:

* ``Fetch.fetch(url, **init)``: a synchronous fetch returning a Response;
* ``Fetch.Headers`` as a case-insensitive mapping with multi-value access;
* ``Fetch.Request(input, **init)`` and ``Fetch.Response(body, **init)``
  constructors taking Python values, and body readers on both
  (``content``, ``text()``, ``json()``, ``form_data()``, ``iter_content()``,
  iteration, use as a context manager);
* ``Fetch.FormData(fields)`` with mapping-style access;
* ``Fetch.Client.fetch(url, **init)``, and ``Fetch.Controller.abort()``
  whose reason is optional;
* Python exceptions for the Fetch errors: ``Fetch.FetchError`` (a
  ``GLib.Error``) and its subclasses ``Fetch.FetchTypeError`` (also
  ``TypeError``), ``Fetch.NetworkError`` (also ``OSError``),
  ``Fetch.AbortError`` and ``Fetch.FetchTimeoutError`` (also
  ``TimeoutError``). The GError they stand for is in ``.gerror``.

See docs/python-guide.md.
"""

import builtins
import collections.abc
import io
import json as _json
import os
import stat
import threading
import weakref

from gi.repository import GLib, GObject, Gio

from ..module import get_introspection_module
from ..overrides import override

Fetch = get_introspection_module("Fetch")

__all__ = []

# The names this module exports as Fetch.TypeError and Fetch.TimeoutError
# are assigned at the very end: inside this module always write
# builtins.TypeError / builtins.TimeoutError for the built-in ones.
_UNSET = object()
_CHUNK_SIZE = 64 * 1024
_FETCH_ERROR_DOMAIN = "fetch-error-quark"


# ---------------------------------------------------------------------------
# Errors
# ---------------------------------------------------------------------------

class FetchError(GLib.Error):
    """An error of libfetch-glib, raised by the Pythonic API.

    It is a ``GLib.Error`` with the same domain, code and message as the
    GError it stands for, so code catching ``GLib.Error`` (and
    ``matches()``) keeps working; the original GError is ``.gerror``.
    Construct one from a GLib.Error or from a message.
    """

    _code = None  # the Fetch.Error code a message-only construction gets

    def __init__(self, error="", domain=None, code=None):
        if isinstance(error, GLib.Error):
            gerror = error
        else:
            if code is None:
                code = int(self._code) if self._code is not None else 0
            gerror = GLib.Error(str(error), domain or _FETCH_ERROR_DOMAIN, code)
        super().__init__(gerror.message, gerror.domain, gerror.code)
        self.gerror = gerror

    @staticmethod
    def from_gerror(gerror):
        """The FetchError subclass instance for a GLib.Error, for code using
        the GObject API (Fetch.fetch_async(), Response.text_async()...):
        ``except GLib.Error as e: raise Fetch.FetchError.from_gerror(e)``."""
        return _convert(gerror)

    def __str__(self):
        return self.message

    def __repr__(self):
        return "Fetch.%s(%r)" % (type(self).__name__, self.message)

    def __reduce__(self):
        return (type(self), (self.message, self.domain, self.code))


class FetchTypeError(FetchError, builtins.TypeError):
    """The Fetch Standard's TypeError: invalid input (a bad header name, a
    GET request with a body, a used body, ...) or a request the standard
    refuses. Exported as ``Fetch.TypeError`` too."""

    _code = Fetch.Error.TYPE


class NetworkError(FetchError, OSError):
    """A network error: the connection failed, a CORS check failed, a bad
    port, too many redirects, an integrity mismatch, a TLS error..."""

    _code = Fetch.Error.NETWORK


class AbortError(FetchError):
    """The fetch or the reading of its body was aborted (a signal or
    cancellable was cancelled, or a Fetch.Controller aborted). When a
    controller was aborted with a reason, ``.gerror`` is that reason."""

    _code = Fetch.Error.ABORTED


class FetchTimeoutError(AbortError, builtins.TimeoutError):
    """The ``timeout`` given to fetch() elapsed (like ``AbortSignal.timeout()``,
    whose abort is a "TimeoutError"). Exported as ``Fetch.TimeoutError`` too."""


__all__ += ["FetchError", "FetchTypeError", "NetworkError", "AbortError",
            "FetchTimeoutError"]


def _error_class(gerror):
    """The FetchError subclass for a GError."""
    if gerror.domain == _FETCH_ERROR_DOMAIN:
        return {int(Fetch.Error.TYPE): FetchTypeError,
                int(Fetch.Error.NETWORK): NetworkError,
                int(Fetch.Error.ABORTED): AbortError}.get(gerror.code, FetchError)
    if gerror.matches(Gio.io_error_quark(), Gio.IOErrorEnum.CANCELLED):
        return AbortError
    if gerror.matches(Gio.io_error_quark(), Gio.IOErrorEnum.PENDING):
        # A body stream locked by a reader (Response.text_async() running).
        return FetchTypeError
    # Anything else comes from below the Fetch layer while a body streams
    # (a reset connection, a TLS or resolver error): a network error.
    return NetworkError


def _convert(gerror, state=None):
    """Turns a GLib.Error into the matching FetchError (state: the
    _FetchState of the fetch it happened in, if any)."""
    if isinstance(gerror, FetchError):
        return gerror
    if state is not None:
        return state.convert(gerror)
    return _error_class(gerror)(gerror)


def _call(func, *args):
    """Calls a GObject API function, raising FetchError instead of GLib.Error."""
    try:
        return func(*args)
    except GLib.Error as e:
        if isinstance(e, FetchError):
            raise
        raise _convert(e) from None


# ---------------------------------------------------------------------------
# Small helpers
# ---------------------------------------------------------------------------

def _run_async(start, finish):
    """Runs an _async/_finish pair to completion on a private main context,
    so it works in any thread, with or without a running main loop."""
    context = GLib.MainContext.new()
    context.push_thread_default()
    box = []
    try:
        start(lambda _source, result: box.append(result))
        while not box:
            context.iteration(True)
    finally:
        context.pop_thread_default()
    return _call(finish, box[0])


def _utf8_decode(data):
    """§2 "UTF-8 decode": strip a BOM, then decode, replacing errors."""
    if data[:3] == b"\xef\xbb\xbf":
        data = data[3:]
    return bytes(data).decode("utf-8", "replace")


def _header_value(value):
    """A header name or value as a str (bytes are isomorphic-decoded)."""
    if isinstance(value, (bytes, bytearray)):
        value = bytes(value).decode("latin-1")
    elif isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    if isinstance(value, str):
        if "\0" in value:
            # A C string would end there: reject it as §5.1 does a 0x00.
            raise FetchTypeError("%r contains a NUL character." % (value,))
        return value
    raise FetchTypeError("Header names and values must be strings, not %s."
                         % type(value).__name__)


def _no_nul(value, what):
    """value, checked to have no NUL before it goes to C as a string,
    which would end there: a Fetch.TypeError names it instead."""
    if isinstance(value, str) and "\0" in value:
        raise FetchTypeError("%s %r contains a NUL character." % (what, value))
    return value


def _enum(enum_type, value, member):
    """A WebIDL enum member given as the standard's string ("no-cors") or
    as the GObject enum value (Fetch.RequestMode.NO_CORS)."""
    if isinstance(value, enum_type):
        return value
    if isinstance(value, str):
        nick = value
        if enum_type is Fetch.ReferrerPolicy:
            # The standard's "" is ReferrerPolicy.NONE, whose nick "none"
            # is no valid ReferrerPolicy string.
            nick = {"": "none", "none": None}.get(value, value)
        for member_value in enum_type.__enum_values__.values():
            if member_value.value_nick == nick:
                return member_value
    raise FetchTypeError("%r is not a valid value for %s." % (value, member))


def _split_header_value(value):
    """§2.2.2 "get, decode, and split" a header value (its steps 1-5)."""
    values = []
    temporary = ""
    position = 0
    end = len(value)
    while True:
        # Step 5.1: the code points that are neither '"' nor ','.
        start = position
        while position < end and value[position] not in '",':
            position += 1
        temporary += value[start:position]
        # Step 5.2: a quoted string, kept with its quotes.
        if position < end and value[position] == '"':
            start = position
            position += 1
            while position < end:
                c = value[position]
                position += 1
                if c == "\\":
                    if position >= end:
                        break
                    position += 1
                elif c == '"':
                    break
            temporary += value[start:position]
            if position < end:
                continue
        # Steps 5.3-5.5: trim HTTP tab or space and append.
        values.append(temporary.strip("\t "))
        temporary = ""
        # Step 5.6
        if position >= end:
            return values
        # Steps 5.7-5.8: a ','.
        position += 1


# ---------------------------------------------------------------------------
# Headers
# ---------------------------------------------------------------------------

class Headers(Fetch.Headers):
    """The Headers class (§5.1), also a case-insensitive mapping.

    ``Headers(init)`` takes a dict (whose values may be lists for repeated
    headers), an iterable of (name, value) pairs, or another Headers.

    Mapping access works on combined values, as ``get()`` does in the
    standard: ``h["Accept"]`` is every Accept value joined by ", ".
    ``h.get_all(name)`` (alias ``getlist``) gives the values one by one;
    ``h.multi_items()`` the (name, value) pairs in the order the standard
    iterates them (sorted, lowercase names, each Set-Cookie separately).
    Errors are ``Fetch.TypeError``.
    """

    def __init__(self, init=None):
        super().__init__()
        if init is not None:
            self._fill(init)

    def _fill(self, init):
        """§5.1 "fill": appends every header of init."""
        if isinstance(init, Fetch.Headers):
            entries = init.get_entries()
            pairs = zip(entries[0::2], entries[1::2])
        elif isinstance(init, collections.abc.Mapping):
            pairs = []
            for name in init:
                value = init[name]
                if isinstance(value, (list, tuple)):
                    pairs.extend((name, v) for v in value)
                else:
                    pairs.append((name, value))
        elif isinstance(init, (str, bytes, bytearray)):
            raise FetchTypeError("Headers cannot be made from a string; "
                                 "give a dict or (name, value) pairs.")
        else:
            try:
                pairs = iter(init)
            except builtins.TypeError:
                raise FetchTypeError("Headers cannot be made from %s."
                                     % type(init).__name__) from None
        for pair in pairs:
            # §5.1 fill step 1.1: each header must have two items.
            if isinstance(pair, (str, bytes)) or len(pair) != 2:
                raise FetchTypeError("A header must be a (name, value) pair, not %r." % (pair,))
            self.append(pair[0], pair[1])

    # The standard's methods, raising Fetch.TypeError.

    def append(self, name, value):
        """Appends a value to the header name (§5.1 append())."""
        _call(Fetch.Headers.append, self, _header_value(name), _header_value(value))

    def set(self, name, value):
        """Replaces the values of the header name (§5.1 set())."""
        _call(Fetch.Headers.set, self, _header_value(name), _header_value(value))

    def delete(self, name):
        """Removes the header name (§5.1 delete())."""
        _call(Fetch.Headers.delete, self, _header_value(name))

    def has(self, name):
        """Whether the header name is present (§5.1 has())."""
        return _call(Fetch.Headers.has, self, _header_value(name))

    def get(self, name, default=None):
        """The combined value of the header name (§5.1 get()), or default."""
        value = _call(Fetch.Headers.get, self, _header_value(name))
        return default if value is None else value

    def get_all(self, name):
        """Every value of the header name, as a list (empty when absent).

        Set-Cookie values come one by one (getSetCookie()); other headers are
        split at the commas outside quoted strings, as the standard's
        "get, decode, and split" does. A value that contains such commas
        itself (Date, Expires) is better read whole with ``h[name]``.
        """
        name = _header_value(name)
        if name.lower() == "set-cookie":
            return list(self.get_set_cookie())
        value = self.get(name)
        return [] if value is None else _split_header_value(value)

    getlist = get_all

    def multi_items(self):
        """The (name, value) pairs the standard's iteration gives: lowercase
        names, sorted, values combined, each Set-Cookie separately."""
        entries = self.get_entries()
        return list(zip(entries[0::2], entries[1::2]))

    # The mapping protocol.

    def __getitem__(self, name):
        value = self.get(name)
        if value is None:
            raise KeyError(name)
        return value

    def __setitem__(self, name, value):
        self.set(name, value)

    def __delitem__(self, name):
        if not self.has(name):
            raise KeyError(name)
        self.delete(name)

    def __contains__(self, name):
        try:
            return self.has(name)
        except FetchTypeError:
            return False  # an invalid name is never present

    def __iter__(self):
        return iter(self.keys())

    def __len__(self):
        return len(self.keys())

    def keys(self):
        """The header names, lowercase and sorted, each once."""
        return list(dict.fromkeys(self.get_entries()[0::2]))

    def values(self):
        """The combined value of each name of keys()."""
        return [self[name] for name in self.keys()]

    def items(self):
        """(name, combined value) for each name of keys()."""
        return [(name, self[name]) for name in self.keys()]

    def pop(self, name, default=_UNSET):
        """Removes the header name and returns its combined value."""
        value = self.get(name)
        if value is None:
            if default is _UNSET:
                raise KeyError(name)
            return default
        self.delete(name)
        return value

    def setdefault(self, name, default):
        """The value of name, which is set to default first if absent."""
        value = self.get(name)
        if value is None:
            self.set(name, default)
            value = self.get(name)
        return value

    def update(self, other=(), **kwargs):
        """Sets each header of other (a mapping or pairs), like dict.update()."""
        if isinstance(other, Fetch.Headers):
            other = other.multi_items()
        elif isinstance(other, collections.abc.Mapping):
            other = other.items()
        for name, value in other:
            self.set(name, value)
        for name, value in kwargs.items():
            self.set(name, value)

    def clear(self):
        """Removes every header."""
        for name in self.keys():
            self.delete(name)

    def copy(self):
        """A new Headers with the same headers (and no guard)."""
        return Fetch.Headers.new_from_headers(self)

    def __repr__(self):
        return "Fetch.Headers(%r)" % (self.multi_items(),)


Headers = override(Headers)
__all__.append("Headers")
collections.abc.MutableMapping.register(Headers)


def _to_headers(init):
    if isinstance(init, Fetch.Headers):
        return init
    return Headers(init)


# ---------------------------------------------------------------------------
# FormData
# ---------------------------------------------------------------------------

class FormData(Fetch.FormData):
    """FormData with Python access.

    ``FormData(fields)`` takes a dict or (name, value) pairs; a value is a
    str, bytes (a file named "blob"), or a (filename, content[,
    content_type]) tuple whose content is bytes or a binary file object.
    Iteration gives (name, value) pairs in order, value being a str or a
    Fetch.FormDataEntry for files.
    """

    def __init__(self, fields=None):
        super().__init__()
        if fields is None:
            return
        if isinstance(fields, collections.abc.Mapping):
            pairs = []
            for name in fields:
                value = fields[name]
                if isinstance(value, list):
                    pairs.extend((name, v) for v in value)
                else:
                    pairs.append((name, value))
        else:
            pairs = fields
        for name, value in pairs:
            self.add(name, value)

    def add(self, name, value):
        """Appends an entry: value as for the constructor. Names, string
        values and filenames cannot contain NUL (Fetch.TypeError): the
        C FormData holds C strings."""
        _no_nul(name, "The entry name")
        if isinstance(value, str):
            self.append(name, _no_nul(value, "The entry value"))
            return
        if isinstance(value, (bytes, bytearray, memoryview, GLib.Bytes)):
            # XHR FormData append(name, blob): the filename is "blob".
            filename, content, content_type = "blob", value, None
        elif isinstance(value, tuple) and len(value) in (2, 3):
            filename, content = value[0], value[1]
            content_type = value[2] if len(value) == 3 else None
        else:
            raise FetchTypeError("A form entry value must be a str, bytes or a "
                                 "(filename, content[, type]) tuple, not %s."
                                 % type(value).__name__)
        _no_nul(filename, "The filename")
        if hasattr(content, "read"):
            content = content.read()
        if isinstance(content, str):
            content = content.encode("utf-8")
        if not isinstance(content, GLib.Bytes):
            content = GLib.Bytes.new(bytes(content))
        self.append_file(name, content, filename, content_type)

    def _entries(self):
        entries = []
        self.foreach(lambda entry: entries.append(entry) or True)
        return entries

    @staticmethod
    def _value(entry):
        return entry if entry.is_file() else entry.get_value()

    def __iter__(self):
        return iter([(e.get_name(), self._value(e)) for e in self._entries()])

    def __len__(self):
        return self.get_length()

    def __contains__(self, name):
        return isinstance(name, str) and self.has(name)

    def __getitem__(self, name):
        entry = self.get(name) if isinstance(name, str) else None
        if entry is None:
            raise KeyError(name)
        return self._value(entry)

    def __delitem__(self, name):
        if name not in self:
            raise KeyError(name)
        self.delete(name)

    def get_all(self, name):
        """The values of every entry named name (str or FormDataEntry)."""
        # Not Fetch.FormData.get_all(): PyGObject 3.42 frees the entries of
        # its (transfer full) GPtrArray twice, as the array has a free func.
        return [self._value(e) for e in self._entries() if e.get_name() == name]

    getlist = get_all

    def keys(self):
        """The entry names in order, each once."""
        return list(dict.fromkeys(e.get_name() for e in self._entries()))

    def items(self):
        """The (name, value) pairs in order."""
        return list(self)

    def __repr__(self):
        return "Fetch.FormData(%r)" % (self.items(),)


FormData = override(FormData)
__all__.append("FormData")


# ---------------------------------------------------------------------------
# Bodies from Python values
# ---------------------------------------------------------------------------

class _UploadPump:
    """Streams an iterator of bytes through a pipe into a GInputStream.

    A thread writes the chunks (blocking when the pipe is full, so memory
    stays bounded); the fetch reads the other end. If the iterator raises,
    the exception is kept and the fetches following this body are aborted,
    so that a truncated body is never sent as a complete one.
    """

    def __init__(self, chunks):
        read_fd, self._write_fd = os.pipe()
        self.stream = Gio.UnixInputStream.new(read_fd, True)
        self.error = None
        self._cancellables = []
        self._lock = threading.Lock()
        self._chunks = chunks
        self._thread = threading.Thread(target=self._run, name="Fetch upload",
                                        daemon=True)
        self._thread.start()

    def watch(self, cancellable):
        """Cancels cancellable if the iterator fails."""
        with self._lock:
            if self.error is None:
                self._cancellables.append(cancellable)
                return
        cancellable.cancel()

    def _run(self):
        try:
            for chunk in self._chunks:
                if isinstance(chunk, str):
                    chunk = chunk.encode("utf-8")
                view = memoryview(chunk).cast("B")
                while view:
                    view = view[os.write(self._write_fd, view):]
        except OSError as e:
            if not isinstance(e, BrokenPipeError):
                self._fail(e)
            # A broken pipe: the fetch ended and closed the body.
        except BaseException as e:  # noqa: B902 - report anything the iterator raises
            self._fail(e)
        finally:
            os.close(self._write_fd)

    def _fail(self, error):
        with self._lock:
            self.error = error
            cancellables, self._cancellables = self._cancellables, []
        for cancellable in cancellables:
            cancellable.cancel()


def _read_chunks(f):
    while True:
        chunk = f.read(_CHUNK_SIZE)
        if not chunk:
            return
        yield chunk


def _file_body(f):
    """(BodyInit, is_stream, pump) for a file object. A real binary file
    streams from its descriptor, with its length when it is a regular file
    (sent with a Content-Length); a BytesIO is taken as bytes; any other
    object with a read() method streams through a pump (sent chunked)."""
    if not isinstance(f, io.TextIOBase):
        if isinstance(f, io.BytesIO):
            data = GLib.Bytes.new(bytes(f.getbuffer()[f.tell():]))
            return Fetch.BodyInit.new_bytes(data), False, None
        try:
            fd = f.fileno()
        except (AttributeError, OSError, io.UnsupportedOperation):
            fd = None
        if fd is not None:
            info = os.fstat(fd)
            dup = os.dup(fd)  # the stream closes its own descriptor
            length = -1
            if stat.S_ISREG(info.st_mode):
                # The body starts where the file object is, past what its
                # buffer has read ahead.
                position = f.tell()
                os.lseek(dup, position, os.SEEK_SET)
                length = max(info.st_size - position, 0)
            stream = Gio.UnixInputStream.new(dup, True)
            return Fetch.BodyInit.new_stream(stream, length), True, None
    pump = _UploadPump(_read_chunks(f))
    return Fetch.BodyInit.new_stream(pump.stream, -1), True, pump


_TEXT_TYPE = "text/plain;charset=UTF-8"


def _body_init(body):
    """(BodyInit, is_stream, pump) for a Python body value (§5.2 BodyInit)."""
    if body is None or isinstance(body, Fetch.BodyInit):
        return body, False, None
    if isinstance(body, str):
        if "\0" in body:
            # A C string would end at the NUL: the UTF-8 bytes go as a
            # blob, whose type the library ASCII-lowercases (File API);
            # _fix_text_type() puts the exact type back.
            return (Fetch.BodyInit.new_blob(GLib.Bytes.new(body.encode("utf-8")), _TEXT_TYPE),
                    False, None)
        return Fetch.BodyInit.new_string(body), False, None
    if isinstance(body, GLib.Bytes):
        return Fetch.BodyInit.new_bytes(body), False, None
    if isinstance(body, (bytes, bytearray, memoryview)):
        return Fetch.BodyInit.new_bytes(GLib.Bytes.new(bytes(body))), False, None
    if isinstance(body, Fetch.FormData):
        return Fetch.BodyInit.new_form_data(body), False, None
    if isinstance(body, Gio.InputStream):
        return Fetch.BodyInit.new_stream(body, -1), True, None
    if isinstance(body, collections.abc.Mapping):
        # URLSearchParams: application/x-www-form-urlencoded.
        pairs = []
        for name in body:
            value = body[name]
            for v in (value if isinstance(value, (list, tuple)) else [value]):
                pairs += [_no_nul(str(name), "The form name"), _no_nul(str(v), "The form value")]
        return Fetch.BodyInit.new_urlencoded(pairs), False, None
    if hasattr(body, "read"):
        return _file_body(body)
    if isinstance(body, collections.abc.Iterable):
        pump = _UploadPump(iter(body))
        return Fetch.BodyInit.new_stream(pump.stream, -1), True, pump
    raise FetchTypeError("A body cannot be made from %s." % type(body).__name__)


# ---------------------------------------------------------------------------
# The state of a fetch whose body is being read
# ---------------------------------------------------------------------------

class _FetchState:
    """What a synchronous fetch keeps until its body has been read: the
    cancellable that aborts it (followed by signal, cancellable and
    timeout), the timer, the upload pump and the controller."""

    def __init__(self, signal, cancellable, timeout, controller, pump):
        self.cancellable = Gio.Cancellable.new()
        self.controller = controller
        self.pump = pump
        self.timed_out = False
        self._handlers = []
        self._timer = None
        for source in (signal, cancellable):
            if source is None:
                continue
            # The signal, not g_cancellable_connect(), which PyGObject
            # cannot call back; connecting first, then checking, misses no
            # cancellation.
            handler = GObject.Object.connect(source, "cancelled", self._on_cancelled)
            self._handlers.append((source, handler))
            if source.is_cancelled():
                self.cancellable.cancel()
        if pump is not None:
            pump.watch(self.cancellable)
        self.timeout = timeout
        if timeout is not None:
            self._timer = threading.Timer(timeout, self._on_timeout)
            self._timer.daemon = True
            self._timer.start()

    def _on_cancelled(self, _source):
        self.cancellable.cancel()

    def _on_timeout(self):
        self.timed_out = True
        self.cancellable.cancel()

    def finish(self):
        """Stops following the sources: the fetch is over."""
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None
        for source, handler in self._handlers:
            GObject.Object.disconnect(source, handler)
        self._handlers = []

    def convert(self, gerror):
        """The Python exception for a GError of this fetch."""
        if self.pump is not None and self.pump.error is not None:
            return self.pump.error
        cls = _error_class(gerror)
        if (self.controller is not None
                and self.controller.get_state() == Fetch.ControllerState.ABORTED):
            # The controller's abort reason, whatever its domain.
            reason = self.controller.get_abort_reason()
            return AbortError(reason if reason is not None else gerror)
        if self.timed_out and cls is AbortError:
            return FetchTimeoutError(GLib.Error(
                "The fetch timed out after %g seconds." % self.timeout,
                _FETCH_ERROR_DOMAIN, int(Fetch.Error.ABORTED)))
        return cls(gerror)


# ---------------------------------------------------------------------------
# The body mixin (§5.3), for Request and Response
# ---------------------------------------------------------------------------

class _Body:
    """Synchronous body readers shared by Request and Response.

    The first reader takes the body: ``content`` keeps the bytes, so
    ``content``, ``text()``, ``json()`` and ``form_data()`` can be called
    again; ``iter_content()`` streams without keeping anything, after which
    the body is used and the other readers raise Fetch.TypeError.
    """

    _fetch_state = None
    _fetch_content = None

    @property
    def body(self):
        """The body stream (a Gio.InputStream), or None for a null body."""
        return self.get_body()

    @property
    def body_used(self):
        """Whether the body has been read (§5.3 bodyUsed)."""
        return self.get_body_used()

    def _check_unused(self):
        # §5.3 "consume body" step 1: a used body is a TypeError.
        if self.get_body_used():
            raise FetchTypeError("The body has already been read.")

    def _chunks(self, chunk_size):
        stream = self.get_body()
        state = self._fetch_state
        cancellable = state.cancellable if state is not None else None
        try:
            while True:
                try:
                    data = stream.read_bytes(chunk_size, cancellable)
                except GLib.Error as e:
                    raise _convert(e, state) from None
                if data.get_size() == 0:
                    if state is not None and state.pump is not None and state.pump.error:
                        raise state.pump.error  # never a truncated body
                    break
                yield data.get_data()
        finally:
            self.close()

    def iter_content(self, chunk_size=_CHUNK_SIZE):
        """Iterates over the body in bytes chunks of at most chunk_size, as
        they arrive. Raises Fetch.TypeError if the body is already used."""
        if chunk_size <= 0:
            raise ValueError("chunk_size must be positive")
        if self._fetch_content is not None:
            content = self._fetch_content
            return (content[i:i + chunk_size] for i in range(0, len(content), chunk_size))
        if self.get_body() is None:
            return iter(())
        self._check_unused()
        return self._chunks(chunk_size)

    def __iter__(self):
        return self.iter_content()

    @property
    def content(self):
        """The whole body as bytes (read once, then kept)."""
        if self._fetch_content is None:
            if self.get_body() is None:
                self._fetch_content = b""
            else:
                self._check_unused()
                self._fetch_content = b"".join(self._chunks(_CHUNK_SIZE))
        return self._fetch_content

    def text(self):
        """The body as a str: UTF-8 decoded, as §5.3 text() does."""
        return _utf8_decode(self.content)

    def json(self, **kwargs):
        """The body parsed as JSON into Python objects (§5.3 json()).
        kwargs go to json.loads(); invalid JSON raises json.JSONDecodeError."""
        return _json.loads(self.text(), **kwargs)

    def form_data(self):
        """The body parsed as a Fetch.FormData (§5.3 formData()): multipart
        or urlencoded, as the Content-Type header says."""
        headers = Fetch.Headers.new()
        content_type = self.get_headers().get("content-type")
        if content_type is not None:
            headers.append("content-type", content_type)
        init = Fetch.ResponseInit.new()
        init.set_headers(headers)
        copy = _call(Fetch.Response.new,
                     Fetch.BodyInit.new_bytes(GLib.Bytes.new(self.content)), init)
        return _run_async(lambda cb: copy.form_data_async(None, cb),
                          copy.form_data_finish)

    def close(self):
        """Closes the body stream (ending the download) and stops the timeout."""
        stream = self.get_body()
        if stream is not None and not stream.is_closed():
            try:
                stream.close(None)
            except GLib.Error:
                pass  # locked by a reader, or already failed
        if self._fetch_state is not None:
            self._fetch_state.finish()

    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        self.close()
        return False


def _fix_text_type(obj, body, user_headers):
    """The Content-Type of a str body with a NUL (see _body_init()): set
    to the exact "text/plain;charset=UTF-8" where the library added it
    ASCII-lowercased, that is where user_headers had none."""
    if not isinstance(body, str) or "\0" not in body:
        return
    if user_headers is not None and user_headers.has("content-type"):
        return
    headers = obj.get_headers()
    if headers.get("content-type") == _TEXT_TYPE.lower():
        headers.set("content-type", _TEXT_TYPE)


def _request_init(method=_UNSET, headers=_UNSET, body=_UNSET, referrer=_UNSET,
                  referrer_policy=_UNSET, mode=_UNSET, credentials=_UNSET,
                  cache=_UNSET, redirect=_UNSET, integrity=_UNSET,
                  keepalive=_UNSET, signal=_UNSET, duplex=_UNSET,
                  priority=_UNSET, window=_UNSET):
    """(RequestInit, pump) for the RequestInit members given as keywords."""
    init = Fetch.RequestInit.new()
    pump = None
    if method is not _UNSET:
        init.set_method(_header_value(method))
    if headers is not _UNSET and headers is not None:
        init.set_headers(_to_headers(headers))
    if body is not _UNSET:
        body_init, is_stream, pump = _body_init(body)
        init.set_body(body_init)
        if is_stream and duplex is _UNSET:
            # §5.4 step 38: a stream body needs duplex "half", its only value.
            duplex = Fetch.RequestDuplex.HALF
    if referrer is not _UNSET:
        init.set_referrer(_no_nul(referrer, "The referrer"))
    if referrer_policy is not _UNSET:
        init.set_referrer_policy(_enum(Fetch.ReferrerPolicy, referrer_policy, "referrer_policy"))
    if mode is not _UNSET:
        init.set_mode(_enum(Fetch.RequestMode, mode, "mode"))
    if credentials is not _UNSET:
        init.set_credentials(_enum(Fetch.RequestCredentials, credentials, "credentials"))
    if cache is not _UNSET:
        init.set_cache(_enum(Fetch.RequestCache, cache, "cache"))
    if redirect is not _UNSET:
        init.set_redirect(_enum(Fetch.RequestRedirect, redirect, "redirect"))
    if integrity is not _UNSET:
        # NOTE(spec): a browser keeps integrity metadata with a NUL and the
        # fetch fails, as no digest can match it; here it is a TypeError
        # at once, as a C string would lose what follows the NUL.
        init.set_integrity(_no_nul(integrity, "The integrity metadata"))
    if keepalive is not _UNSET:
        init.set_keepalive(bool(keepalive))
    if signal is not _UNSET:
        if signal is not None and not isinstance(signal, Gio.Cancellable):
            raise FetchTypeError("signal must be a Gio.Cancellable or None.")
        init.set_signal(signal)
    if duplex is not _UNSET:
        init.set_duplex(_enum(Fetch.RequestDuplex, duplex, "duplex"))
    if priority is not _UNSET:
        init.set_priority(_enum(Fetch.RequestPriority, priority, "priority"))
    if window is not _UNSET:
        if window is not None:
            raise FetchTypeError("window can only be None.")
        init.set_window_null()
    return init, pump


# ---------------------------------------------------------------------------
# Request and Response
# ---------------------------------------------------------------------------

class Request(_Body, Fetch.Request):
    """The Request class (§5.4).

    ``Fetch.Request(input, **init)``: input is a URL (absolute, or relative
    to the client's base URL) or a Request; init takes the RequestInit
    members as keywords, named as in Python: method, headers (dict, pairs
    or Headers), body (str, bytes, dict for urlencoded, FormData, a binary
    file, an iterator of bytes, a Gio.InputStream or a BodyInit), referrer,
    referrer_policy, mode, credentials, cache, redirect, integrity,
    keepalive, signal (a Gio.Cancellable), duplex, priority, window (None).
    Enum members are the standard's strings ("no-cors") or Fetch enums.
    ``client=`` makes the request for a Fetch.Client other than the default.
    Errors are Fetch.TypeError.
    """

    def __new__(cls, input, *, client=None, **init):
        url = None if isinstance(input, Fetch.Request) else _no_nul(str(input), "The URL")
        if init.get("headers") is not None:
            init["headers"] = _to_headers(init["headers"])
        request_init, pump = _request_init(**init)
        if url is None:
            request = _call(Fetch.Request.new_from_request, input, request_init)
            user_headers = input.get_headers()
        else:
            if client is not None:
                request = _call(Fetch.Request.new_for_client, client, url, request_init)
            else:
                request = _call(Fetch.Request.new, url, request_init)
            user_headers = None
        if init.get("headers") is not None:
            user_headers = init["headers"]
        _fix_text_type(request, init.get("body"), user_headers)
        if pump is not None:
            request._fetch_pump = pump
            request._fetch_state = _FetchState(None, None, None, None, pump)
        elif isinstance(input, Fetch.Request):
            request._fetch_pump = getattr(input, "_fetch_pump", None)
        return request

    def __init__(self, *args, **kwargs):
        pass  # made by __new__

    _fetch_pump = None

    method = property(lambda self: self.get_method(), doc="The method.")
    url = property(lambda self: self.get_url(), doc="The URL, serialized.")
    headers = property(lambda self: self.get_headers(), doc="The Headers.")
    destination = property(lambda self: self.get_destination(), doc="The destination.")
    referrer = property(lambda self: self.get_referrer(),
                        doc='The referrer: a URL, "about:client" or "".')
    referrer_policy = property(lambda self: self.get_referrer_policy(), doc="The referrer policy.")
    mode = property(lambda self: self.get_mode(), doc="The mode.")
    credentials = property(lambda self: self.get_credentials(), doc="The credentials mode.")
    cache = property(lambda self: self.get_cache(), doc="The cache mode.")
    redirect = property(lambda self: self.get_redirect(), doc="The redirect mode.")
    integrity = property(lambda self: self.get_integrity(), doc="The integrity metadata.")
    keepalive = property(lambda self: self.get_keepalive(), doc="Whether keepalive is set.")
    signal = property(lambda self: self.get_signal(), doc="The abort signal (a Gio.Cancellable).")
    duplex = property(lambda self: self.get_duplex(), doc="The duplex.")
    priority = property(lambda self: self.get_priority(), doc="The priority.")
    is_reload_navigation = property(lambda self: self.get_is_reload_navigation())
    is_history_navigation = property(lambda self: self.get_is_history_navigation())

    def clone(self):
        """A copy of the request with a copy of its body (§5.4 clone())."""
        return _call(Fetch.Request.clone, self)

    def __repr__(self):
        return "<Fetch.Request %s %s>" % (self.get_method(), self.get_url())


Request = override(Request)
__all__.append("Request")


def _response_init(status=_UNSET, status_text=_UNSET, headers=_UNSET):
    init = Fetch.ResponseInit.new()
    if status is not _UNSET:
        if not isinstance(status, int) or isinstance(status, bool) or not 0 <= status <= 0xFFFF:
            raise FetchTypeError("%r is not a valid status." % (status,))
        init.set_status(status)
    if status_text is not _UNSET:
        init.set_status_text(_no_nul(status_text, "The status text"))
    if headers is not _UNSET and headers is not None:
        init.set_headers(_to_headers(headers))
    return init


class Response(_Body, Fetch.Response):
    """The Response class (§5.5).

    ``Fetch.Response(body=None, *, status=200, status_text="", headers=None)``
    with body as for Request. A fetched response also has the readers of
    the body mixin and works as a context manager that closes the body.
    """

    def __new__(cls, body=None, **init):
        if init.get("headers") is not None:
            init["headers"] = _to_headers(init["headers"])
        response_init = _response_init(**init)
        body_init, _is_stream, pump = _body_init(body)
        response = _call(Fetch.Response.new, body_init, response_init)
        _fix_text_type(response, body, init.get("headers"))
        if pump is not None:
            response._fetch_state = _FetchState(None, None, None, None, pump)
        return response

    def __init__(self, *args, **kwargs):
        pass  # made by __new__

    @staticmethod
    def redirect(url, status=302):
        """A redirect response to url (§5.5 Response.redirect())."""
        return _call(Fetch.Response.redirect, _no_nul(url, "The URL"), status)

    @staticmethod
    def from_json(data, **init):
        """A response whose body is data serialized as JSON, with the
        Content-Type application/json (§5.5 the static Response.json())."""
        from gi.repository import Json
        try:
            text = _json.dumps(data, ensure_ascii=False, separators=(",", ":"),
                               allow_nan=False)
        except (ValueError, builtins.TypeError) as e:
            raise FetchTypeError("The data cannot be serialized as JSON: %s." % e) from None
        node = Json.from_string(text)
        return _call(Fetch.Response.new_json, node, _response_init(**init))

    def clone(self):
        """A copy of the response with a copy of its body (§5.5 clone())."""
        clone = _call(Fetch.Response.clone, self)
        clone._fetch_state = self._fetch_state
        return clone

    status = property(lambda self: self.get_status(), doc="The status code.")
    ok = property(lambda self: self.get_ok(), doc="Whether the status is 200 to 299.")
    status_text = property(lambda self: self.get_status_text(), doc="The status message.")
    headers = property(lambda self: self.get_headers(), doc="The Headers (immutable).")
    url = property(lambda self: self.get_url(), doc="The URL, or '' for none.")
    redirected = property(lambda self: self.get_redirected(),
                          doc="Whether the fetch followed a redirect.")
    type = property(lambda self: self.get_response_type(), doc="The Fetch.ResponseType.")

    def __repr__(self):
        return "<Fetch.Response [%d %s] %s>" % (self.get_status(),
                                                self.get_status_text(), self.get_url())


Response = override(Response)
__all__.append("Response")


# ---------------------------------------------------------------------------
# fetch()
# ---------------------------------------------------------------------------

def fetch(resource, *, client=None, cancellable=None, controller=None,
          timeout=None, **init):
    """Fetches resource synchronously and returns the Fetch.Response.

    resource is a URL or a Fetch.Request; init takes the RequestInit members
    as keywords, as Fetch.Request does (method, headers, body, mode,
    credentials, cache, redirect, referrer, referrer_policy, integrity,
    keepalive, signal, priority, duplex, window).

    client: the Fetch.Client to fetch with (default: the default client).
    cancellable: a Gio.Cancellable that aborts the fetch, like signal.
    controller: a new Fetch.Controller, for progress signals, abort() with
      a reason and timing info.
    timeout: seconds after which the fetch, and the reading of its body,
      abort with Fetch.TimeoutError.

    It returns once the status and headers are in; read the body from the
    same thread (content, text(), json(), iter_content(), ...). Use the
    response as a context manager to close the body when done.

    Raises Fetch.TypeError, Fetch.NetworkError, Fetch.AbortError or
    Fetch.TimeoutError. An exception raised by an iterator given as body
    is raised as it is.
    """
    if client is None:
        client = Fetch.Client.get_default()
    if timeout is not None and timeout < 0:
        raise ValueError("timeout must not be negative")
    # §5.6 step 2: the Request constructor.
    request = Request(resource, client=client, **init)
    state = _FetchState(init.get("signal"), cancellable, timeout, controller,
                        request._fetch_pump)
    # What fetch_client_fetch_sync() does, with a controller: run the fetch
    # on a private main context until the headers are in.
    context = GLib.MainContext.new()
    context.push_thread_default()
    box = []
    try:
        client.fetch_with_controller_async(request, controller, state.cancellable,
                                           lambda _source, result: box.append(result))
        while not box:
            context.iteration(True)
    finally:
        context.pop_thread_default()
    try:
        response = client.fetch_finish(box[0])
    except GLib.Error as e:
        state.finish()
        raise state.convert(e) from None
    response._fetch_state = state
    # A response dropped unread stops its timer and lets go of the signal
    # and cancellable it followed.
    weakref.finalize(response, state.finish).atexit = False
    if state.pump is not None and state.pump.error is not None:
        # The body iterator failed as the upload ended: never report
        # success for a truncated body.
        response.close()
        raise state.pump.error
    return response


__all__.append("fetch")


class Client(Fetch.Client):
    """Fetch.Client with a synchronous fetch()."""

    def fetch(self, resource, **kwargs):
        """Like Fetch.fetch(resource, **kwargs) with this client."""
        return fetch(resource, client=self, **kwargs)


Client = override(Client)
__all__.append("Client")


class Controller(Fetch.Controller):
    """Fetch.Controller whose abort() reason is optional."""

    def abort(self, reason=None):
        """Aborts the fetch (§2 abort a fetch controller), from any thread.

        reason: the GLib.Error (a Fetch.FetchError too) the fetch then
        fails with, or None for the standard's AbortError.
        """
        if reason is None:
            # PyGObject cannot pass NULL for a GError argument: give the
            # AbortError that NULL stands for.
            reason = GLib.Error("The fetch was aborted.", _FETCH_ERROR_DOMAIN,
                                int(Fetch.Error.ABORTED))
        elif isinstance(reason.domain, int):
            # GLib.Error("...", quark, code): PyGObject passes only names.
            reason = GLib.Error(reason.message, GLib.quark_to_string(reason.domain),
                                reason.code)
        Fetch.Controller.abort(self, reason)


Controller = override(Controller)
__all__.append("Controller")


# Exported under the names the standard uses; assigned last so that this
# module's own code keeps the built-ins (see the top).
TypeError = FetchTypeError  # noqa: A001
TimeoutError = FetchTimeoutError  # noqa: A001
__all__ += ["TypeError", "TimeoutError"]
