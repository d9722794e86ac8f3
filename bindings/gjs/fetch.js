// SPDX-License-Identifier: LGPL-2.1-or-later
// fetch.js: the WHATWG Fetch API for GJS, on the libfetch-glib GObject
// classes (gi://Fetch). Code written for a browser's fetch() runs
// unchanged:
//
//     import {fetch, Headers} from 'file:///usr/share/libfetch-glib/gjs/fetch.js';
//     const response = await fetch('https://example.com/data.json');
//     const data = await response.json();
//
// Exports fetch, Headers, Request, Response, FormData, AbortController,
// AbortSignal, and what GJS 1.74 lacks and the API needs: URL,
// URLSearchParams, Blob, File, DOMException, Event, EventTarget. Plus
// Client (a fetch client for a given origin and base URL), setBaseURL()
// and installGlobals(). Importing global.js instead installs the globals.
//
// The objects follow Web IDL: argument conversions, TypeErrors for bad
// input (the GLib.Error from the library in error.cause), RangeErrors
// where the standard has them, an "AbortError" DOMException (or the
// signal's reason) on abort. Behaviour the standard defines is the C
// library's; this module converts and maps.

import Fetch from 'gi://Fetch?version=1.0';
import GLib from 'gi://GLib';
import Gio from 'gi://Gio';

import {
    AbortController, AbortSignal, DOMException, Event, EventTarget,
    addAbortAlgorithm, cancellableForSignal, createDependentAbortSignal,
    newDOMException,
} from './lib/dom.js';
import {
    URL, URLSearchParams, objectURLHooks, parseURLEncoded, searchParamsList,
    serializeURLEncoded,
} from './lib/url.js';
import {
    Blob, File, blobBytes, bufferSourceBytes, createBlob, createFile, isBlob,
    setBlobStreamFactory,
} from './lib/blob.js';
import {
    BodyStream, callAsync, createBodyStream, detachBodyStream, isStreamDisturbed,
    isStreamLocked, isStreamUnusable, streamFromAsyncIterable,
} from './lib/body.js';
import {
    definePairIterable, defineToStringTag, iterableToArray, makeEnumerable,
    requireArgs, toBoolean, toByteString, toDOMString, toDictionary, toEnum,
    toRecord, toUSVString, toUnsignedShort,
} from './lib/webidl.js';
import {utf8Decode} from './lib/encoding.js';
import {
    newMultipartBoundary, parseMultipartFormData, serializeMultipartFormData,
} from './lib/multipart.js';

export {
    AbortController, AbortSignal, Blob, BodyStream, DOMException, Event,
    EventTarget, File, URL, URLSearchParams, cancellableForSignal,
};

const FETCH_ERROR = Fetch.error_quark();

/* Errors */

/**
 * Maps a GLib.Error from the library to what the web has: a TypeError
 * for FETCH_ERROR_TYPE and network errors (the GLib.Error as cause), the
 * signal's reason or an "AbortError" DOMException for an abort. Other
 * values pass through.
 *
 * @param {*} error the error
 * @param {object} [options] options
 * @param {AbortSignal} [options.signal] the signal whose reason an abort gives
 * @param {boolean} [options.fetching] whether this is fetch()'s rejection
 * @returns {*} the error to throw
 */
function toWebError(error, {signal = null, fetching = false} = {}) {
    if (!(error instanceof GLib.Error))
        return error;
    if (error.matches(FETCH_ERROR, Fetch.Error.ABORTED) ||
        error.matches(Gio.IOErrorEnum, Gio.IOErrorEnum.CANCELLED)) {
        if (signal?.aborted)
            return signal.reason;
        return newDOMException(error.message, 'AbortError');
    }
    if (error.matches(FETCH_ERROR, Fetch.Error.TYPE) && !fetching)
        return new TypeError(error.message, {cause: error});
    // NOTE(spec): a network error is a bare TypeError in the standard;
    // like Node's "fetch failed", the message says what happened.
    return new TypeError(`fetch failed: ${error.message}`, {cause: error});
}

/** Runs a call into the library, mapping its GLib.Error. */
function call(fn) {
    try {
        return fn();
    } catch (e) {
        throw toWebError(e);
    }
}

/* Strings for C: a NUL would end them early */

/** s for an error message: a NUL shown as \0 (it would cut the message). */
function showNul(s) {
    return s.replace(/\0/g, '\\0');
}

/**
 * A header name or value, method, status text, user agent or integrity
 * metadata: NUL is never valid (a browser rejects it in a header value).
 */
function noNul(s, what) {
    if (s.includes('\0'))
        throw new TypeError(`${what} “${showNul(s)}” contains a NUL character.`);
    return s;
}

/**
 * A URL string for the library's URL parser, which takes a C string. One
 * with a NUL is parsed here, by the URL Standard's parser (lib/url.js),
 * against base: a NUL is percent-encoded in a path, query, fragment or
 * userinfo and is a forbidden host code point in a host (URL §3.5, so
 * `foo://a\0b/` fails), and the serialized URL has none left.
 *
 * @param {string} s the URL string (a USVString)
 * @param {string|null} base the base URL, or null
 * @returns {string} the string to hand to the library
 */
function urlForC(s, base = null) {
    if (!s.includes('\0'))
        return s;
    const parsed = base === null ? URL.parse(s) : URL.parse(s, base);
    if (parsed === null) {
        throw new TypeError(base === null
            ? `“${showNul(s)}” is not a valid absolute URL.`
            : `“${showNul(s)}” is not a valid URL against the base URL “${base}”.`);
    }
    return parsed.href;
}

/* Enums: Web IDL strings ↔ the library's enums */

function enumNick(enumObject, value) {
    for (const [key, v] of Object.entries(enumObject)) {
        if (v === value && typeof v === 'number')
            return key === 'NONE' ? '' : key.toLowerCase().replace(/_/g, '-');
    }
    return '';
}

function enumValue(enumObject, nick) {
    const key = nick === '' ? 'NONE' : nick.toUpperCase().replace(/-/g, '_');
    return enumObject[key];
}

const REQUEST_MODES = ['navigate', 'same-origin', 'no-cors', 'cors'];
const REQUEST_CREDENTIALS = ['omit', 'same-origin', 'include'];
const REQUEST_CACHES = ['default', 'no-store', 'reload', 'no-cache', 'force-cache', 'only-if-cached'];
const REQUEST_REDIRECTS = ['follow', 'error', 'manual'];
const REQUEST_DUPLEXES = ['half'];
const REQUEST_PRIORITIES = ['high', 'low', 'auto'];
const REFERRER_POLICIES = ['', 'no-referrer', 'no-referrer-when-downgrade', 'same-origin', 'origin',
    'strict-origin', 'origin-when-cross-origin', 'strict-origin-when-cross-origin', 'unsafe-url'];

/* Headers (Fetch §5.1) */

const headersData = new WeakMap();

function headersOf(headers) {
    const g = headersData.get(headers);
    if (g === undefined)
        throw new TypeError('Not a Headers object.');
    return g;
}

function headerString(value, what) {
    return noNul(toByteString(value, what), what);
}

/**
 * Converts a HeadersInit (a sequence of pairs or a record) to a list of
 * pairs, as Web IDL does before the constructor runs.
 *
 * @param {*} init the HeadersInit
 * @returns {Array<[string, string]>}
 */
function convertHeadersInit(init) {
    if (init === null || (typeof init !== 'object' && typeof init !== 'function'))
        throw new TypeError('HeadersInit must be an object: a record or a sequence of pairs.');
    const sequence = iterableToArray(init);
    if (sequence === null)
        return toRecord(init, k => headerString(k, 'Header name'), v => headerString(v, 'Header value'));
    return sequence.map(header => {
        if (header === null || (typeof header !== 'object' && typeof header !== 'function'))
            throw new TypeError('Each header must be a sequence of a name and a value.');
        const pair = iterableToArray(header);
        if (pair === null)
            throw new TypeError('Each header must be a sequence of a name and a value.');
        if (pair.length !== 2)
            throw new TypeError(`A header must have exactly two items (name and value), not ${pair.length}.`);
        return [headerString(pair[0], 'Header name'), headerString(pair[1], 'Header value')];
    });
}

/** Fetch §5.1 "fill": a new unguarded Fetch.Headers with the pairs. */
function headersFromInit(init) {
    const pairs = convertHeadersInit(init);
    const g = Fetch.Headers.new();
    for (const [name, value] of pairs)
        call(() => g.append(name, value));
    return g;
}

function headerPairs(headers) {
    const flat = headersOf(headers).get_entries();
    const pairs = [];
    for (let i = 0; i < flat.length; i += 2)
        pairs.push([flat[i], flat[i + 1]]);
    return pairs;
}

export class Headers {
    constructor(init = undefined) {
        const g = init === undefined ? Fetch.Headers.new() : headersFromInit(init);
        headersData.set(this, g);
    }

    append(name, value) {
        requireArgs(arguments.length, 2, 'Headers.append');
        const g = headersOf(this);
        name = headerString(name, 'Header name');
        value = headerString(value, 'Header value');
        call(() => g.append(name, value));
    }

    delete(name) {
        requireArgs(arguments.length, 1, 'Headers.delete');
        const g = headersOf(this);
        name = headerString(name, 'Header name');
        call(() => g.delete(name));
    }

    get(name) {
        requireArgs(arguments.length, 1, 'Headers.get');
        const g = headersOf(this);
        name = headerString(name, 'Header name');
        return call(() => g.get(name));
    }

    getSetCookie() {
        return headersOf(this).get_set_cookie();
    }

    has(name) {
        requireArgs(arguments.length, 1, 'Headers.has');
        const g = headersOf(this);
        name = headerString(name, 'Header name');
        return call(() => g.has(name));
    }

    set(name, value) {
        requireArgs(arguments.length, 2, 'Headers.set');
        const g = headersOf(this);
        name = headerString(name, 'Header name');
        value = headerString(value, 'Header value');
        call(() => g.set(name, value));
    }
}
definePairIterable(Headers, 'Headers', headerPairs);
defineToStringTag(Headers);
makeEnumerable(Headers);

function wrapHeaders(g) {
    const headers = Object.create(Headers.prototype);
    headersData.set(headers, g);
    return headers;
}

/* FormData (XHR §4.3) */

// A FormData's entry list is kept here, as {name, value} with value a
// string or a File: names and values are USVStrings, which may contain
// U+0000, and the library's FormData takes C strings. It becomes a
// Fetch.FormData only when it is made a body (see formDataBodyInit()).
const formDataData = new WeakMap();

function entryList(formData) {
    const entries = formDataData.get(formData);
    if (entries === undefined)
        throw new TypeError('Not a FormData object.');
    return entries;
}

/**
 * XHR "create an entry" (name already converted): a Blob that is not a
 * File becomes a File named "blob", a File given a filename a new File
 * of that name; a File is otherwise kept as it is.
 */
function createEntry(name, value, filename) {
    if (!isBlob(value))
        return {name, value};
    if (value instanceof File && filename === undefined)
        return {name, value};
    const lastModified = value instanceof File ? value.lastModified : Date.now();
    const file = createFile(blobBytes(value), filename ?? 'blob', value.type, lastModified);
    return {name, value: file};
}

function formDataEntry(method, args) {
    const [name, value, filename] = args;
    requireArgs(args.length, 2, `FormData.${method}`);
    // Overload resolution: three arguments, or a Blob value, pick the
    // Blob overload, which needs a Blob.
    if (args.length >= 3 || isBlob(value)) {
        if (!isBlob(value))
            throw new TypeError(`FormData.${method}: the value is not a Blob.`);
        // Web IDL converts the arguments in order: name, then filename.
        const convertedName = toUSVString(name);
        return createEntry(convertedName, value, filename === undefined ? undefined : toUSVString(filename));
    }
    return createEntry(toUSVString(name), toUSVString(value));
}

/** Removes the entries named name from index start on, in place. */
function removeEntries(entries, name, start = 0) {
    let kept = start;
    for (let i = start; i < entries.length; i++) {
        if (entries[i].name !== name)
            entries[kept++] = entries[i];
    }
    entries.length = kept;
}

function formDataPairs(formData) {
    return entryList(formData).map(({name, value}) => [name, value]);
}

export class FormData {
    constructor(form = undefined, submitter = undefined) {
        if (form !== undefined)
            throw new TypeError('FormData: there are no form elements in this runtime.');
        void submitter;
        formDataData.set(this, []);
    }

    append(...args) {
        const entries = entryList(this);
        entries.push(formDataEntry('append', args));
    }

    delete(name) {
        requireArgs(arguments.length, 1, 'FormData.delete');
        const entries = entryList(this);
        removeEntries(entries, toUSVString(name));
    }

    get(name) {
        requireArgs(arguments.length, 1, 'FormData.get');
        const entries = entryList(this);
        name = toUSVString(name);
        return entries.find(entry => entry.name === name)?.value ?? null;
    }

    getAll(name) {
        requireArgs(arguments.length, 1, 'FormData.getAll');
        const entries = entryList(this);
        name = toUSVString(name);
        return entries.filter(entry => entry.name === name).map(entry => entry.value);
    }

    has(name) {
        requireArgs(arguments.length, 1, 'FormData.has');
        const entries = entryList(this);
        name = toUSVString(name);
        return entries.some(entry => entry.name === name);
    }

    set(...args) {
        const entries = entryList(this);
        const entry = formDataEntry('set', args);
        // XHR set(): replace the first entry of that name, remove the others.
        const first = entries.findIndex(e => e.name === entry.name);
        if (first < 0) {
            entries.push(entry);
            return;
        }
        entries[first] = entry;
        removeEntries(entries, entry.name, first + 1);
    }
}
definePairIterable(FormData, 'FormData', formDataPairs);
defineToStringTag(FormData);
makeEnumerable(FormData);

/** A FormData of a parsed entry list (formData()). */
function createFormData(parsed) {
    const formData = Object.create(FormData.prototype);
    formDataData.set(formData, parsed.map(entry => (entry.file
        ? {name: entry.name, value: createFile(entry.file.bytes, entry.file.filename, entry.file.type)}
        : {name: entry.name, value: entry.value})));
    return formData;
}

function entryHasNul({name, value}) {
    return name.includes('\0') || (typeof value === 'string' ? value : value.name).includes('\0');
}

/**
 * Fetch §5.2 "extract" of a FormData: the library encodes it as
 * multipart/form-data. An entry list with a NUL, which the library's
 * FormData cannot hold, is encoded here the same way, as bytes.
 *
 * @param {Array<{name: string, value: string|File}>} entries the entries
 * @returns {object} the converted body
 */
function formDataBodyInit(entries) {
    if (entries.some(entryHasNul)) {
        const boundary = newMultipartBoundary();
        const bytes = serializeMultipartFormData(entries.map(({name, value}) => (typeof value === 'string'
            ? {name, value}
            : {name, file: {bytes: blobBytes(value), filename: value.name, type: value.type}})), boundary);
        return bytesWithType(bytes, `multipart/form-data; boundary=${boundary}`);
    }
    const g = Fetch.FormData.new();
    for (const {name, value} of entries) {
        if (typeof value === 'string')
            g.append(name, value);
        else
            g.append_file(name, new GLib.Bytes(blobBytes(value)), value.name, value.type);
    }
    return {init: Fetch.BodyInit.new_form_data(g), commit: () => null};
}

/**
 * Fetch §5.3 formData() steps 2-3, on the body's bytes and the result of
 * "get the MIME type" (serialized, "" for failure): the entries are
 * parsed here, as the library's parsers would give strings that end at
 * the first NUL.
 *
 * @param {Uint8Array} bytes the body
 * @param {string} type the serialized MIME type, or ""
 * @returns {FormData}
 */
function packageFormData(bytes, type) {
    const mimeType = type === '' ? null : Fetch.MimeType.parse(type);
    if (mimeType === null)
        throw new TypeError('The body has no Content-Type to read form data from.');
    const essence = mimeType.get_essence();
    if (essence === 'multipart/form-data') {
        const boundary = mimeType.get_parameter('boundary');
        if (boundary === null)
            throw new TypeError('The multipart/form-data body has no boundary parameter.');
        const parsed = parseMultipartFormData(bytes, boundary);
        if (parsed === null)
            throw new TypeError('The body is not valid multipart/form-data.');
        return createFormData(parsed);
    }
    if (essence === 'application/x-www-form-urlencoded')
        return createFormData(parseURLEncoded(bytes).map(([name, value]) => ({name, value})));
    throw new TypeError(`The body’s type “${essence}” is not a form data type.`);
}

/* BodyInit (Fetch §5.2) */

/**
 * Converts a BodyInit to the library's FetchBodyInit. Nothing is taken
 * yet: commit() locks a stream or starts pumping an async iterable once
 * the Request or Response exists (it may still fail).
 *
 * @param {*} object the body
 * @returns {{init: Fetch.BodyInit|null, commit: Function}}
 */
function convertBodyInit(object) {
    const none = () => null;
    if (object === null || object === undefined)
        return {init: null, commit: none};
    if (typeof object === 'object' || typeof object === 'function') {
        if (isBlob(object)) {
            return {
                init: Fetch.BodyInit.new_blob(new GLib.Bytes(blobBytes(object)), object.type || null),
                commit: none,
            };
        }
        const view = bufferSourceBytes(object);
        if (view !== null)
            return {init: Fetch.BodyInit.new_bytes(new GLib.Bytes(view)), commit: none};
        if (formDataData.has(object))
            return formDataBodyInit(entryList(object));
        if (object instanceof URLSearchParams) {
            const list = searchParamsList(object);
            if (!list.some(([name, value]) => name.includes('\0') || value.includes('\0')))
                return {init: Fetch.BodyInit.new_urlencoded(list.flat()), commit: none};
            // A C string vector cannot hold a NUL: serialized here.
            return bytesWithType(serializeURLEncoded(list), 'application/x-www-form-urlencoded;charset=UTF-8');
        }
        if (object instanceof BodyStream) {
            if (isStreamUnusable(object))
                throw new TypeError('The body stream is disturbed or locked.');
            return {
                init: null,
                // The GInputStream becomes the new body's; the JS stream
                // stays locked.
                make: () => Fetch.BodyInit.new_stream(detachBodyStream(object), -1),
                commit: none,
            };
        }
        // GJS extensions: GLib.Bytes, a Gio.InputStream, a Gio.File.
        if (object instanceof GLib.Bytes)
            return {init: Fetch.BodyInit.new_bytes(object), commit: none};
        if (object instanceof Gio.InputStream)
            return {init: Fetch.BodyInit.new_stream(object, -1), commit: none};
        if (object instanceof Gio.File) {
            let stream, size;
            try {
                size = object.query_info('standard::size', Gio.FileQueryInfoFlags.NONE, null).get_size();
                stream = object.read(null);
            } catch (e) {
                throw new TypeError(`The body file cannot be read: ${e.message}`, {cause: e});
            }
            // A file has a length, unlike other streams: duplex is implied.
            return {init: Fetch.BodyInit.new_stream(stream, size), file: true, commit: none};
        }
        if (typeof object[Symbol.asyncIterator] === 'function') {
            if (typeof globalThis.ReadableStream === 'function' &&
                object instanceof globalThis.ReadableStream && object.locked)
                throw new TypeError('The body stream is locked.');
            const {stream, start} = streamFromAsyncIterable(object);
            return {init: Fetch.BodyInit.new_stream(stream, -1), commit: start};
        }
    }
    const text = toUSVString(object);
    // A body with a NUL cannot go through a C string.
    if (text.includes('\0'))
        return bytesWithType(text, 'text/plain;charset=UTF-8');
    return {init: Fetch.BodyInit.new_string(text), commit: none};
}

/**
 * A body of bytes (or the UTF-8 bytes of text) with the given type. It
 * goes as a blob, whose type the library lower-cases as the File API
 * does; the exact type is put back by fixContentType() once the body is
 * extracted.
 */
function bytesWithType(content, type) {
    const bytes = typeof content === 'string' ? new TextEncoder().encode(content) : content;
    return {
        init: Fetch.BodyInit.new_blob(new GLib.Bytes(bytes), type),
        exactType: type, commit: () => null,
    };
}

function fixContentType(g, converted) {
    if (!converted?.exactType)
        return;
    const headers = g.get_headers();
    if (headers.get('Content-Type') === converted.exactType.toLowerCase())
        headers.set('Content-Type', converted.exactType);
}

/** The body init to hand to the library (made late for BodyStreams). */
function bodyInitOf(converted) {
    if (converted.make)
        converted.init = converted.make();
    return converted.init;
}

/* Body mixin (Fetch §5.3) */

// Request and Response share their body state: {g, signal, feeder,
// stream, streamSource, release}.
const bodyData = new WeakMap();

function bodyState(object, interfaceName) {
    const s = bodyData.get(object);
    if (s === undefined || s.interfaceName !== interfaceName)
        throw new TypeError(`Not a ${interfaceName} object.`);
    return s;
}

function getBodyStream(s) {
    const gstream = s.g.get_body();
    if (gstream === null)
        return null;
    // The stream changes when a clone tees the body.
    if (s.stream === null || s.streamSource !== gstream) {
        s.streamSource = gstream;
        s.stream = createBodyStream(gstream, {
            mapError: e => toWebError(e, {signal: s.signal}),
            onDone: () => s.release?.(),
            // A source that failed makes the stream error, not end.
            beforeClose: async () => {
                try {
                    await s.feeder;
                } catch (e) {
                    throw new TypeError('The body stream errored.', {cause: e});
                }
            },
        });
    }
    return s.stream;
}

function currentStream(s) {
    return s.stream !== null && s.streamSource === s.g.get_body() ? s.stream : null;
}

function isBodyUsed(s) {
    const stream = currentStream(s);
    return s.g.get_body_used() || (stream !== null && isStreamDisturbed(stream));
}

function isUnusable(s) {
    if (s.g.get_body() === null)
        return false;
    const stream = currentStream(s);
    return s.g.get_body_used() || (stream !== null && isStreamUnusable(stream));
}

async function consumeBody(s, kind) {
    const stream = currentStream(s);
    if (stream !== null && isStreamLocked(stream))
        throw new TypeError('The body is locked by a reader.');
    const reading = callAsync(s.g, `${kind}_async`, `${kind}_finish`, null);
    reading.catch(() => {});
    let result;
    try {
        [result] = await Promise.all([reading, s.feeder]);
    } catch (e) {
        if (e instanceof GLib.Error)
            throw toWebError(e, {signal: s.signal});
        throw new TypeError('The body stream errored.', {cause: e});
    } finally {
        s.release?.();
    }
    return result;
}

/**
 * Fetch §5.3 text(): "UTF-8 decode" of the bytes, here rather than by the
 * library, whose C string would end at the first NUL.
 */
async function consumeText(s) {
    const bytes = await consumeBody(s, 'bytes');
    return utf8Decode(bytes.toArray());
}

function bytesToArrayBuffer(u8) {
    if (u8.byteOffset === 0 && u8.byteLength === u8.buffer.byteLength)
        return u8.buffer;
    return u8.slice().buffer;
}

function defineBodyMixin(klass, interfaceName) {
    const methods = {
        get body() {
            return getBodyStream(bodyState(this, interfaceName));
        },
        get bodyUsed() {
            return isBodyUsed(bodyState(this, interfaceName));
        },
        async arrayBuffer() {
            const bytes = await consumeBody(bodyState(this, interfaceName), 'bytes');
            return bytesToArrayBuffer(bytes.toArray());
        },
        async blob() {
            const [bytes, type] = await consumeBody(bodyState(this, interfaceName), 'blob');
            return createBlob(bytes.toArray(), type ?? '');
        },
        async bytes() {
            const bytes = await consumeBody(bodyState(this, interfaceName), 'bytes');
            return bytes.toArray();
        },
        async formData() {
            const [bytes, type] = await consumeBody(bodyState(this, interfaceName), 'blob');
            return packageFormData(bytes.toArray(), type ?? '');
        },
        async json() {
            // Fetch "parse JSON from bytes": a SyntaxError if it is not JSON.
            return JSON.parse(await consumeText(bodyState(this, interfaceName)));
        },
        async text() {
            return consumeText(bodyState(this, interfaceName));
        },
    };
    for (const key of Object.keys(methods)) {
        const desc = Object.getOwnPropertyDescriptor(methods, key);
        Object.defineProperty(klass.prototype, key, {...desc, enumerable: true, configurable: true});
    }
}

/* Clients */

// Request and Response subclasses bound to a Client (client.Request).
const classClients = new WeakMap();
// The client fetch() passes to the Request constructor.
let constructingFor = null;

function clientForClass(klass) {
    for (let k = klass; k; k = Object.getPrototypeOf(k)) {
        const client = classClients.get(k);
        if (client !== undefined)
            return client;
    }
    return getDefaultClient();
}

/* Request (Fetch §5.4) */

function requestState(request) {
    return bodyState(request, 'Request');
}

/**
 * Converts a RequestInit dictionary to the library's FetchRequestInit,
 * member by member in Web IDL (lexicographic) order.
 *
 * @param {*} init the RequestInit
 * @param {string|null} baseURL the base URL a referrer is parsed against
 * @returns {{cinit: Fetch.RequestInit, body: object|undefined, signal: *}}
 */
function convertRequestInit(init, baseURL) {
    const dict = toDictionary(init, 'RequestInit');
    const cinit = Fetch.RequestInit.new();
    const out = {cinit, body: undefined, signal: undefined, bodyPresent: false};
    const v = name => dict[name];
    let value;
    if ((value = v('body')) !== undefined) {
        out.body = convertBodyInit(value);
        out.bodyPresent = true;
    }
    if ((value = v('cache')) !== undefined)
        cinit.set_cache(enumValue(Fetch.RequestCache, toEnum(value, REQUEST_CACHES, 'cache')));
    if ((value = v('credentials')) !== undefined)
        cinit.set_credentials(enumValue(Fetch.RequestCredentials, toEnum(value, REQUEST_CREDENTIALS, 'credentials')));
    if ((value = v('duplex')) !== undefined)
        cinit.set_duplex(enumValue(Fetch.RequestDuplex, toEnum(value, REQUEST_DUPLEXES, 'duplex')));
    else if (out.body?.file)
        cinit.set_duplex(Fetch.RequestDuplex.HALF);
    if ((value = v('headers')) !== undefined)
        cinit.set_headers(headersFromInit(value));
    if ((value = v('integrity')) !== undefined) {
        // NOTE(spec): a browser keeps integrity metadata with a NUL, and
        // the fetch fails as no digest can match it; the library takes a
        // C string, so such metadata is a TypeError here, which fetch()
        // rejects with as a browser would with its network error.
        cinit.set_integrity(noNul(toDOMString(value), 'Integrity metadata'));
    }
    if ((value = v('keepalive')) !== undefined)
        cinit.set_keepalive(toBoolean(value));
    if ((value = v('method')) !== undefined)
        cinit.set_method(noNul(toByteString(value, 'Method'), 'Method'));
    if ((value = v('mode')) !== undefined)
        cinit.set_mode(enumValue(Fetch.RequestMode, toEnum(value, REQUEST_MODES, 'mode')));
    if ((value = v('priority')) !== undefined)
        cinit.set_priority(enumValue(Fetch.RequestPriority, toEnum(value, REQUEST_PRIORITIES, 'priority')));
    if ((value = v('redirect')) !== undefined)
        cinit.set_redirect(enumValue(Fetch.RequestRedirect, toEnum(value, REQUEST_REDIRECTS, 'redirect')));
    if ((value = v('referrer')) !== undefined) {
        // Fetch §5.4 step 15.3: parsed against the base URL (by the
        // library unless it has a NUL).
        cinit.set_referrer(urlForC(toUSVString(value), baseURL));
    }
    if ((value = v('referrerPolicy')) !== undefined) {
        cinit.set_referrer_policy(enumValue(Fetch.ReferrerPolicy,
            toEnum(value, REFERRER_POLICIES, 'referrerPolicy')));
    }
    if ((value = v('signal')) !== undefined) {
        if (value !== null && !(value instanceof AbortSignal))
            throw new TypeError('RequestInit: signal is not an AbortSignal.');
        out.signal = value;
    }
    if ((value = v('window')) !== undefined) {
        // Fetch §5.4 step 11: window can only be null here.
        if (value !== null)
            throw new TypeError('RequestInit: window can only be null.');
        cinit.set_window_null();
    }
    return out;
}

function initRequest(request, client, input, init) {
    // Web IDL converts the arguments in order: input, then init.
    let inputState = null;
    const baseURL = client.baseURL;
    if (input instanceof Request)
        inputState = requestState(input);
    else
        input = urlForC(toUSVString(input), baseURL);
    const {cinit, body, signal: initSignal, bodyPresent} = convertRequestInit(init, baseURL);

    // Fetch §5.4 step 42: a request made from another takes its body
    // unless init gives a non-null one; the library checks that body is
    // not disturbed, this the JavaScript side (a locked reader).
    const ownBody = bodyPresent && (body.init !== null || body.make !== undefined);
    if (inputState !== null && !ownBody && isUnusable(inputState))
        throw new TypeError('The input request’s body is already used.');

    // Fetch §5.4 steps 29-30: this's signal follows init's or input's.
    let signals = inputState ? [inputState.signal] : [];
    if (initSignal !== undefined)
        signals = initSignal === null ? [] : [initSignal];
    const signal = createDependentAbortSignal(signals);
    cinit.set_signal(cancellableForSignal(signal));

    if (bodyPresent)
        cinit.set_body(bodyInitOf(body));
    const g = call(() => inputState
        ? Fetch.Request.new_from_request(inputState.g, cinit)
        : Fetch.Request.new_for_client(client.gobject, input, cinit));

    if (ownBody)
        fixContentType(g, body);
    const feeder = ownBody ? body.commit() : inputState?.feeder ?? null;
    bodyData.set(request, {
        interfaceName: 'Request', g, signal, feeder, client,
        stream: null, streamSource: null, headers: null, release: null,
    });
}

export class Request {
    constructor(input, init = undefined) {
        requireArgs(arguments.length, 1, 'Request constructor');
        const client = constructingFor ?? clientForClass(new.target);
        constructingFor = null;
        initRequest(this, client, input, init);
    }

    get method() {
        return requestState(this).g.get_method();
    }

    get url() {
        return requestState(this).g.get_url();
    }

    get headers() {
        const s = requestState(this);
        s.headers ??= wrapHeaders(s.g.get_headers());
        return s.headers;
    }

    get destination() {
        return enumNick(Fetch.RequestDestination, requestState(this).g.get_destination());
    }

    get referrer() {
        return requestState(this).g.get_referrer();
    }

    get referrerPolicy() {
        return enumNick(Fetch.ReferrerPolicy, requestState(this).g.get_referrer_policy());
    }

    get mode() {
        return enumNick(Fetch.RequestMode, requestState(this).g.get_mode());
    }

    get credentials() {
        return enumNick(Fetch.RequestCredentials, requestState(this).g.get_credentials());
    }

    get cache() {
        return enumNick(Fetch.RequestCache, requestState(this).g.get_cache());
    }

    get redirect() {
        return enumNick(Fetch.RequestRedirect, requestState(this).g.get_redirect());
    }

    get integrity() {
        return requestState(this).g.get_integrity();
    }

    get keepalive() {
        return requestState(this).g.get_keepalive();
    }

    get isReloadNavigation() {
        return requestState(this).g.get_is_reload_navigation();
    }

    get isHistoryNavigation() {
        return requestState(this).g.get_is_history_navigation();
    }

    get signal() {
        return requestState(this).signal;
    }

    get duplex() {
        return enumNick(Fetch.RequestDuplex, requestState(this).g.get_duplex());
    }

    clone() {
        const s = requestState(this);
        if (isUnusable(s))
            throw new TypeError('Request.clone: the body is already used.');
        const g = call(() => s.g.clone());
        const clone = Object.create(Request.prototype);
        bodyData.set(clone, {
            ...s, g, stream: null, streamSource: null, headers: null, release: null,
            // Fetch §5.4 clone(): the clone's signal follows this one's.
            signal: createDependentAbortSignal([s.signal]),
        });
        return clone;
    }
}
defineBodyMixin(Request, 'Request');
defineToStringTag(Request);
makeEnumerable(Request);

/** The library's FetchRequest behind a Request. */
export function requestToGObject(request) {
    return requestState(request).g;
}

/* Response (Fetch §5.5) */

function responseState(response) {
    return bodyState(response, 'Response');
}

function wrapResponse(g, extra = {}) {
    const response = Object.create(Response.prototype);
    bodyData.set(response, {
        interfaceName: 'Response', g, signal: null, feeder: null,
        stream: null, streamSource: null, headers: null, release: null, ...extra,
    });
    return response;
}

/** Converts a ResponseInit, in Web IDL (lexicographic) member order. */
function convertResponseInit(init) {
    const dict = toDictionary(init, 'ResponseInit');
    const headers = dict.headers === undefined ? null : headersFromInit(dict.headers);
    const status = dict.status === undefined ? 200 : toUnsignedShort(dict.status);
    const statusText = dict.statusText === undefined ? '' : noNul(toByteString(dict.statusText, 'Status text'), 'Status text');
    return {headers, status, statusText};
}

/**
 * Fetch §5.5 "initialize a response" (the library checks the status text
 * and the null body statuses; the RangeError is Web IDL's, so here).
 *
 * @param {object} converted the converted body, or null
 * @param {object} init the converted ResponseInit
 * @returns {Fetch.Response}
 */
function initializeResponse(converted, {headers, status, statusText}) {
    if (status < 200 || status > 599)
        throw new RangeError(`Response status ${status} is not in the range 200 to 599.`);
    const rinit = Fetch.ResponseInit.new();
    rinit.set_status(status);
    rinit.set_status_text(statusText);
    if (headers !== null)
        rinit.set_headers(headers);
    const bodyInit = converted === null ? null : bodyInitOf(converted);
    const g = call(() => Fetch.Response.new(bodyInit, rinit));
    fixContentType(g, converted);
    return g;
}

const REDIRECT_STATUSES = [301, 302, 303, 307, 308];

export class Response {
    constructor(body = null, init = undefined) {
        const converted = convertBodyInit(body);
        const responseInit = convertResponseInit(init);
        const g = initializeResponse(converted, responseInit);
        bodyData.set(this, {
            interfaceName: 'Response', g, signal: null, feeder: converted.commit(),
            stream: null, streamSource: null, headers: null, release: null,
        });
    }

    static error() {
        return wrapResponse(Fetch.Response.error());
    }

    static redirect(url, status = 302) {
        requireArgs(arguments.length, 1, 'Response.redirect');
        url = toUSVString(url);
        status = toUnsignedShort(status);
        // Fetch §5.5 redirect(): parse against the API base URL.
        const base = clientForClass(this).baseURL;
        const parsed = base === null ? URL.parse(url) : URL.parse(url, base);
        if (parsed === null)
            throw new TypeError(`Response.redirect: “${url}” is not a valid URL.`);
        if (!REDIRECT_STATUSES.includes(status))
            throw new RangeError(`Response.redirect: ${status} is not a redirect status.`);
        return wrapResponse(call(() => Fetch.Response.redirect(parsed.href, status)));
    }

    static json(data, init = undefined) {
        requireArgs(arguments.length, 1, 'Response.json');
        const responseInit = convertResponseInit(init);
        const text = JSON.stringify(data);
        if (text === undefined)
            throw new TypeError('Response.json: the data cannot be serialized to JSON.');
        const bytes = new GLib.Bytes(new TextEncoder().encode(text));
        const converted = {init: Fetch.BodyInit.new_blob(bytes, 'application/json'), commit: () => null};
        return wrapResponse(initializeResponse(converted, responseInit));
    }

    get type() {
        return enumNick(Fetch.ResponseType, responseState(this).g.get_response_type());
    }

    get url() {
        return responseState(this).g.get_url() ?? '';
    }

    get redirected() {
        return responseState(this).g.get_redirected();
    }

    get status() {
        return responseState(this).g.get_status();
    }

    get ok() {
        return responseState(this).g.get_ok();
    }

    get statusText() {
        return responseState(this).g.get_status_text();
    }

    get headers() {
        const s = responseState(this);
        s.headers ??= wrapHeaders(s.g.get_headers());
        return s.headers;
    }

    clone() {
        const s = responseState(this);
        if (isUnusable(s))
            throw new TypeError('Response.clone: the body is already used.');
        const g = call(() => s.g.clone());
        return wrapResponse(g, {signal: s.signal, feeder: s.feeder});
    }
}
defineBodyMixin(Response, 'Response');
defineToStringTag(Response);
makeEnumerable(Response);

/** The library's FetchResponse behind a Response. */
export function responseToGObject(response) {
    return responseState(response).g;
}

/** A Response for a FetchResponse from the library. */
export function responseFromGObject(g) {
    if (!(g instanceof Fetch.Response))
        throw new TypeError('Not a Fetch.Response.');
    return wrapResponse(g);
}

/* fetch() (Fetch §5.6) */

function clientFetch(client, input, init) {
    return new Promise((resolve, reject) => {
        let request, controller = null;
        try {
            // GJS extension: a Fetch.Controller to follow the fetch with
            // (progress signals, timing info).
            const extra = init?.fetchController;
            if (extra !== undefined && extra !== null) {
                if (!(extra instanceof Fetch.Controller))
                    throw new TypeError('fetchController is not a Fetch.Controller.');
                controller = extra;
            }
            constructingFor = client;
            request = new Request(input, init);
        } catch (e) {
            reject(e);
            return;
        } finally {
            constructingFor = null;
        }
        const s = requestState(request);
        const {signal} = s;
        // Step 4: an aborted signal rejects at once.
        if (signal.aborted) {
            reject(signal.reason);
            return;
        }
        const cancellable = new Gio.Cancellable();
        // Step 11: abort rejects with the reason (a no-op once resolved),
        // and errors the response body through the cancellable.
        const removeAbort = addAbortAlgorithm(signal, () => {
            reject(signal.reason);
            cancellable.cancel();
        });
        let bodyError = null;
        s.feeder?.catch(e => {
            bodyError = e;
            cancellable.cancel();
        });
        const done = (source, result) => {
            let g;
            try {
                g = source.fetch_finish(result);
            } catch (e) {
                removeAbort();
                if (signal.aborted)
                    reject(signal.reason);
                else if (bodyError !== null)
                    reject(new TypeError('fetch failed: the request body stream errored.', {cause: bodyError}));
                else
                    reject(toWebError(e, {signal, fetching: true}));
                return;
            }
            resolve(wrapResponse(g, {signal, release: removeAbort}));
        };
        if (controller !== null)
            client.gobject.fetch_with_controller_async(s.g, controller, cancellable, done);
        else
            client.gobject.fetch_async(s.g, cancellable, done);
    });
}

/**
 * fetch(input, init): fetches with the default client.
 *
 * @param {Request|URL|string} input what to fetch
 * @param {object} [init] a RequestInit
 * @returns {Promise<Response>}
 */
export function fetch(input, init = undefined) {
    if (arguments.length < 1)
        return Promise.reject(new TypeError('fetch: 1 argument required, but only 0 present.'));
    let client;
    try {
        client = getDefaultClient();
    } catch (e) {
        return Promise.reject(e);
    }
    return clientFetch(client, input, init);
}

/* Client */

const clientData = new WeakMap();

function clientState(client) {
    const s = clientData.get(client);
    if (s === undefined)
        throw new TypeError('Not a Client.');
    return s;
}

function toOrigin(value) {
    if (value === null)
        return null;
    if (value instanceof Fetch.Origin)
        return value;
    const s = noNul(toUSVString(value), 'Origin');
    if (s === 'null')
        return Fetch.Origin.new_opaque();
    return call(() => Fetch.Origin.new_for_url(s));
}

/**
 * A fetch client: the environment requests are made for (the standard's
 * environment settings object), wrapping a Fetch.Client. Its own fetch
 * (a bound function), Request and Response (bound subclasses) use its
 * base URL and origin:
 *
 *     const page = new Client({origin: 'https://example.com', baseURL: 'https://example.com/app/'});
 *     const {fetch, Request} = page;
 *     await fetch('api/items');   // https://example.com/app/api/items, CORS as the page
 */
export class Client {
    /**
     * @param {object} [options] options
     * @param {string|URL} [options.baseURL] the base URL relative URLs
     *   resolve against
     * @param {string|Fetch.Origin|null} [options.origin] the client's
     *   origin: a URL or serialized origin ("https://example.com"), "null"
     *   for an opaque origin; unset means every URL counts as same-origin
     * @param {string} [options.userAgent] the User-Agent sent
     * @param {string} [options.acceptLanguage] the Accept-Language sent
     * @param {string} [options.referrerPolicy] the default referrer policy
     * @param {Fetch.Client} [options.gobject] an existing Fetch.Client to wrap
     */
    constructor(options = undefined) {
        const o = toDictionary(options, 'ClientOptions');
        const g = o.gobject ?? Fetch.Client.new();
        if (!(g instanceof Fetch.Client))
            throw new TypeError('Client: gobject is not a Fetch.Client.');
        clientData.set(this, {g, Request: null, Response: null});
        if (o.baseURL !== undefined)
            this.baseURL = o.baseURL;
        if (o.origin !== undefined)
            this.origin = o.origin;
        if (o.userAgent !== undefined)
            g.set_user_agent(noNul(toByteString(o.userAgent, 'User agent'), 'User agent'));
        if (o.acceptLanguage !== undefined)
            g.set_accept_language(noNul(toByteString(o.acceptLanguage, 'Accept-Language'), 'Accept-Language'));
        if (o.referrerPolicy !== undefined) {
            g.set_referrer_policy(enumValue(Fetch.ReferrerPolicy,
                toEnum(o.referrerPolicy, REFERRER_POLICIES, 'referrerPolicy')));
        }
        const fetchForClient = (input, init = undefined) => clientFetch(this, input, init);
        Object.defineProperty(fetchForClient, 'name', {value: 'fetch'});
        Object.defineProperty(this, 'fetch', {value: fetchForClient, enumerable: true});
    }

    /** The Fetch.Client. */
    get gobject() {
        return clientState(this).g;
    }

    /** The base URL (a string), or null. */
    get baseURL() {
        return clientState(this).g.get_base_url();
    }

    set baseURL(value) {
        const {g} = clientState(this);
        const url = value === null ? null : urlForC(toUSVString(value));
        call(() => g.set_base_url(url));
    }

    /** The serialized origin ("https://example.com", "null"), or null if unset. */
    get origin() {
        const origin = clientState(this).g.get_origin();
        return origin === null ? null : origin.serialize();
    }

    set origin(value) {
        clientState(this).g.set_origin(toOrigin(value));
    }

    /** A Request subclass whose instances are made for this client. */
    get Request() {
        const s = clientState(this);
        if (s.Request === null) {
            s.Request = class Request extends RequestBase {};
            classClients.set(s.Request, this);
        }
        return s.Request;
    }

    /** A Response subclass whose redirect() resolves against this client's base URL. */
    get Response() {
        const s = clientState(this);
        if (s.Response === null) {
            s.Response = class Response extends ResponseBase {};
            classClients.set(s.Response, this);
        }
        return s.Response;
    }

    /** Ends every ongoing fetch of this client with a network error. */
    terminate() {
        clientState(this).g.terminate();
    }
}
const RequestBase = Request, ResponseBase = Response;
defineToStringTag(Client);

let defaultClient = null;

/**
 * The default client, for fetch() and new Request(): Fetch.Client's
 * default. Where the runtime has globalThis.location (Deno's --location,
 * a web view), its URL is the base URL and its origin the client's
 * origin, when first used.
 *
 * @returns {Client}
 */
export function getDefaultClient() {
    if (defaultClient === null) {
        const client = new Client({gobject: Fetch.Client.get_default()});
        const {location} = globalThis;
        if (location !== undefined && location !== null) {
            const href = toUSVString(location.href ?? location);
            client.baseURL = href;
            client.origin = href;
        }
        defaultClient = client;
    }
    return defaultClient;
}

/**
 * Sets the base URL that relative URLs of fetch(), new Request() and
 * Response.redirect() resolve against (the default client's).
 *
 * @param {string|URL|null} url an absolute URL, or null for none
 */
export function setBaseURL(url) {
    requireArgs(arguments.length, 1, 'setBaseURL');
    getDefaultClient().baseURL = url;
}

/* Blob URLs and Blob.stream() */

objectURLHooks.create = obj => {
    if (!isBlob(obj))
        throw new TypeError('URL.createObjectURL: the argument is not a Blob.');
    return getDefaultClient().gobject.create_object_url(new GLib.Bytes(blobBytes(obj)), obj.type || null);
};
objectURLHooks.revoke = url => getDefaultClient().gobject.revoke_object_url(url);

setBlobStreamFactory(bytes =>
    createBodyStream(Gio.MemoryInputStream.new_from_bytes(new GLib.Bytes(bytes))));

/* Globals */

const GLOBALS = {
    fetch, Headers, Request, Response, FormData, AbortController, AbortSignal,
    DOMException, Event, EventTarget, URL, URLSearchParams, Blob, File,
};

/**
 * Installs the API on globalThis, for code written for browsers: only
 * the names the runtime does not already define, unless force is set.
 *
 * @param {object} [options] options
 * @param {boolean} [options.force] replace existing globals too
 * @returns {string[]} the names installed
 */
export function installGlobals({force = false} = {}) {
    const installed = [];
    for (const [name, value] of Object.entries(GLOBALS)) {
        if (!force && globalThis[name] !== undefined)
            continue;
        Object.defineProperty(globalThis, name, {
            value, writable: true, enumerable: false, configurable: true,
        });
        installed.push(name);
    }
    return installed;
}
