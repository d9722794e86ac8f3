// SPDX-License-Identifier: LGPL-2.1-or-later
// body.js: body streams for JavaScript. A BodyStream is what
// `response.body` is in a runtime without ReadableStream: an async
// iterable of Uint8Array chunks with the ReadableStream reader API
// (getReader().read(), cancel(), locked), reading the body's
// GInputStream asynchronously. The other way round, streamFromAsyncIterable()
// turns an async iterable into a GInputStream for a streaming body.

import GLib from 'gi://GLib';
import Gio from 'gi://Gio';

import {defineToStringTag, makeEnumerable, toDictionary} from './webidl.js';
import {bufferSourceBytes} from './blob.js';

/** How much a read asks for; the stream may give less. */
const CHUNK_SIZE = 64 * 1024;

const kInternal = Symbol('internal');
const AsyncIteratorPrototype =
    Object.getPrototypeOf(Object.getPrototypeOf(async function* () {}).prototype);

/** Promise-returning call of an _async/_finish pair, with or without overrides. */
export function callAsync(object, asyncName, finishName, ...args) {
    return new Promise((resolve, reject) => {
        object[asyncName](...args, (source, result) => {
            try {
                resolve(object[finishName](result));
            } catch (e) {
                reject(e);
            }
        });
    });
}

const streamData = new WeakMap();

function streamState(stream) {
    const s = streamData.get(stream);
    if (s === undefined)
        throw new TypeError('Not a body stream.');
    return s;
}

function isLocked(s) {
    return s.reader !== null || s.detached;
}

/**
 * A readable byte stream over a GInputStream: the subset of
 * ReadableStream that reading a body needs.
 */
export class BodyStream {
    constructor(token = undefined, gstream = undefined, options = {}) {
        if (token !== kInternal)
            throw new TypeError('Illegal constructor: body streams come from a body.');
        const closed = {};
        closed.promise = new Promise((resolve, reject) => {
            closed.resolve = resolve;
            closed.reject = reject;
        });
        closed.promise.catch(() => {});
        streamData.set(this, {
            gstream,
            state: 'readable',
            storedError: undefined,
            reader: null,
            detached: false,
            disturbed: false,
            queue: Promise.resolve(),
            cancellable: new Gio.Cancellable(),
            mapError: options.mapError ?? (e => e),
            onDone: options.onDone ?? null,
            beforeClose: options.beforeClose ?? null,
            closed,
        });
    }

    get locked() {
        return isLocked(streamState(this));
    }

    cancel(reason = undefined) {
        try {
            const s = streamState(this);
            if (isLocked(s))
                return Promise.reject(new TypeError('The stream is locked by a reader.'));
            return cancelStream(s, reason);
        } catch (e) {
            return Promise.reject(e);
        }
    }

    getReader(options = undefined) {
        const s = streamState(this);
        const opts = toDictionary(options, 'ReadableStreamGetReaderOptions');
        if (opts.mode !== undefined) {
            if (`${opts.mode}` !== 'byob')
                throw new TypeError(`“${opts.mode}” is not a valid reader mode.`);
            throw new TypeError('BYOB readers are not supported by this stream.');
        }
        if (isLocked(s))
            throw new TypeError('The stream is already locked by a reader.');
        return new BodyStreamReader(kInternal, this);
    }

    values(options = undefined) {
        const s = streamState(this);
        const {preventCancel = false} = toDictionary(options, 'ReadableStreamIteratorOptions');
        const reader = this.getReader();
        const iterator = Object.create(AsyncIteratorPrototype);
        let finished = false;
        iterator.next = () => {
            if (finished)
                return Promise.resolve({value: undefined, done: true});
            return reader.read().then(result => {
                if (result.done) {
                    finished = true;
                    reader.releaseLock();
                }
                return result;
            }, error => {
                finished = true;
                reader.releaseLock();
                throw error;
            });
        };
        iterator.return = value => {
            if (finished)
                return Promise.resolve({value, done: true});
            finished = true;
            const done = preventCancel ? Promise.resolve() : cancelStream(s, value);
            return done.then(() => {
                reader.releaseLock();
                return {value, done: true};
            });
        };
        return iterator;
    }

    [Symbol.asyncIterator](options = undefined) {
        return this.values(options);
    }
}
defineToStringTag(BodyStream, 'ReadableStream');
makeEnumerable(BodyStream);

const readerData = new WeakMap();

function readerStream(reader) {
    const r = readerData.get(reader);
    if (r === undefined)
        throw new TypeError('Not a reader.');
    if (r.stream === null)
        throw new TypeError('The reader has been released.');
    return streamState(r.stream);
}

/** The default reader of a BodyStream (ReadableStreamDefaultReader). */
export class BodyStreamReader {
    constructor(token = undefined, stream = undefined) {
        if (token !== kInternal)
            throw new TypeError('Illegal constructor: use stream.getReader().');
        const s = streamState(stream);
        s.reader = this;
        readerData.set(this, {stream, closed: s.closed.promise});
    }

    read() {
        try {
            return readChunk(readerStream(this));
        } catch (e) {
            return Promise.reject(e);
        }
    }

    releaseLock() {
        const r = readerData.get(this);
        if (r === undefined)
            throw new TypeError('Not a reader.');
        if (r.stream === null)
            return;
        streamState(r.stream).reader = null;
        r.stream = null;
        // A released reader's closed promise is rejected (Streams §4.3.4).
        r.closed = Promise.reject(new TypeError('The reader has been released.'));
        r.closed.catch(() => {});
    }

    cancel(reason = undefined) {
        try {
            return cancelStream(readerStream(this), reason);
        } catch (e) {
            return Promise.reject(e);
        }
    }

    get closed() {
        const r = readerData.get(this);
        if (r === undefined)
            throw new TypeError('Not a reader.');
        return r.closed;
    }
}
defineToStringTag(BodyStreamReader, 'ReadableStreamDefaultReader');
makeEnumerable(BodyStreamReader);

function finish(s) {
    const done = s.onDone;
    s.onDone = null;
    done?.();
}

// Reads are queued: a GInputStream takes one operation at a time, a
// ReadableStream any number of pending reads.
function readChunk(s) {
    const result = s.queue.then(() => readNow(s));
    s.queue = result.catch(() => {});
    return result;
}

async function readNow(s) {
    if (s.state === 'closed')
        return {value: undefined, done: true};
    if (s.state === 'errored')
        throw s.storedError;
    s.disturbed = true;
    let bytes;
    try {
        bytes = await callAsync(s.gstream, 'read_bytes_async', 'read_bytes_finish',
            CHUNK_SIZE, GLib.PRIORITY_DEFAULT, s.cancellable);
    } catch (e) {
        if (s.state === 'closed')
            return {value: undefined, done: true};
        s.state = 'errored';
        s.storedError = s.mapError(e);
        s.closed.reject(s.storedError);
        finish(s);
        throw s.storedError;
    }
    if (bytes.get_size() === 0) {
        if (s.beforeClose !== null) {
            try {
                await s.beforeClose();
            } catch (e) {
                s.state = 'errored';
                s.storedError = e;
                s.closed.reject(e);
                closeQuietly(s.gstream);
                finish(s);
                throw e;
            }
        }
        s.state = 'closed';
        s.closed.resolve(undefined);
        closeQuietly(s.gstream);
        finish(s);
        return {value: undefined, done: true};
    }
    return {value: bytes.toArray(), done: false};
}

function closeQuietly(gstream) {
    gstream.close_async(GLib.PRIORITY_DEFAULT, null, (source, result) => {
        try {
            gstream.close_finish(result);
        } catch {
            // The stream is done with either way.
        }
    });
}

function cancelStream(s, _reason) {
    if (s.state === 'closed')
        return Promise.resolve();
    if (s.state === 'errored')
        return Promise.reject(s.storedError);
    s.disturbed = true;
    s.state = 'closed';
    s.closed.resolve(undefined);
    s.cancellable.cancel();
    closeQuietly(s.gstream);
    finish(s);
    return Promise.resolve();
}

/** Makes the BodyStream of a GInputStream. */
export function createBodyStream(gstream, options = {}) {
    return new BodyStream(kInternal, gstream, options);
}

/** Whether a BodyStream is disturbed or locked (unusable as a body). */
export function isStreamUnusable(stream) {
    const s = streamState(stream);
    return s.disturbed || isLocked(s);
}

/** Whether a BodyStream has been read from or cancelled. */
export function isStreamDisturbed(stream) {
    return streamState(stream).disturbed;
}

/** Whether a BodyStream is locked by a reader. */
export function isStreamLocked(stream) {
    return isLocked(streamState(stream));
}

/**
 * Takes the GInputStream out of a BodyStream to become another body's:
 * the BodyStream stays locked for good.
 *
 * @param {BodyStream} stream the stream
 * @returns {Gio.InputStream}
 */
export function detachBodyStream(stream) {
    const s = streamState(stream);
    s.detached = true;
    s.disturbed = true;
    return s.gstream;
}

/* Async iterable → GInputStream */

/**
 * A connected pair of Unix stream sockets, as a GInputStream for the
 * reader and a GSocketConnection for the writer. GJS cannot implement a
 * GInputStream's read in JavaScript, and GLib 2.74 offers no pipe()
 * GJS can call, so a socket pair carries the bytes: the library reads it
 * like any pollable stream, with backpressure from the socket buffer.
 * The pair is made with a listening socket used once, at a random
 * abstract address; a connection from any other process than this one
 * is refused (the peer's credentials tell). The writer is a GSocket
 * stream, whose writes use MSG_NOSIGNAL: a reader that goes away gives
 * an error, not SIGPIPE.
 *
 * @returns {[Gio.InputStream, Gio.SocketConnection]}
 */
function socketPair() {
    const family = Gio.SocketFamily.UNIX, type = Gio.SocketType.STREAM;
    const ownPid = Gio.Credentials.new().get_unix_pid();
    const name = `libfetch-glib-gjs/${ownPid}/${GLib.uuid_string_random()}`;
    const address = Gio.UnixSocketAddress.new_with_type(name, Gio.UnixSocketAddressType.ABSTRACT);
    const listener = Gio.Socket.new(family, type, Gio.SocketProtocol.DEFAULT);
    try {
        listener.bind(address, false);
        listener.listen();
        const writer = Gio.Socket.new(family, type, Gio.SocketProtocol.DEFAULT);
        writer.connect(address, null);
        // Our connection is in the backlog already: anything accepted
        // before it is someone else's, and dropped.
        for (let attempt = 0; attempt < 16; attempt++) {
            const accepted = listener.accept(null);
            if (accepted.get_credentials().get_unix_pid() !== ownPid) {
                accepted.close();
                continue;
            }
            // The reading end becomes a plain fd stream, owned by it alone.
            const list = Gio.UnixFDList.new();
            list.append(accepted.get_fd());
            accepted.close();
            const [fd] = list.steal_fds();
            return [Gio.UnixInputStream.new(fd, true), writer.connection_factory_create_connection()];
        }
        writer.close();
        throw new Error('Could not make a socket pair for a streamed body.');
    } finally {
        listener.close();
    }
}

async function writeAll(output, bytes) {
    let offset = 0;
    while (offset < bytes.byteLength) {
        const chunk = new GLib.Bytes(offset === 0 ? bytes : bytes.subarray(offset));
        // eslint-disable-next-line no-await-in-loop
        const n = await callAsync(output, 'write_bytes_async', 'write_bytes_finish',
            chunk, GLib.PRIORITY_DEFAULT, null);
        offset += n;
    }
}

/**
 * Streams an async iterable (or ReadableStream) through a GInputStream.
 * The iterable is pulled as the reader reads (within the socket
 * buffer); each chunk must be a BufferSource.
 *
 * @param {AsyncIterable} iterable the source
 * @returns {{stream: Gio.InputStream, start: function(): Promise}} the
 *   stream and a function that starts the pump; the promise rejects if
 *   the source fails (its error) and resolves when it is done or the
 *   reader went away
 */
export function streamFromAsyncIterable(iterable) {
    const iterator = iterable[Symbol.asyncIterator]();
    const [input, connection] = socketPair();
    const output = connection.get_output_stream();
    let started = null;
    async function pump() {
        let sourceError = null;
        try {
            for (;;) {
                let step;
                try {
                    // eslint-disable-next-line no-await-in-loop
                    step = await iterator.next();
                } catch (e) {
                    sourceError = {error: e, threw: true};
                    break;
                }
                if (step.done)
                    break;
                const bytes = bufferSourceBytes(step.value);
                if (bytes === null) {
                    sourceError = {error: new TypeError('A body chunk must be a Uint8Array or another BufferSource.')};
                    break;
                }
                try {
                    // eslint-disable-next-line no-await-in-loop
                    await writeAll(output, bytes);
                } catch {
                    // The reader went away: stop pulling the source.
                    iterator.return?.()?.catch?.(() => {});
                    return;
                }
            }
        } finally {
            try {
                await callAsync(connection, 'close_async', 'close_finish', GLib.PRIORITY_DEFAULT, null);
            } catch {
                // Closing a connection whose peer is gone may fail.
            }
        }
        if (sourceError !== null) {
            if (!sourceError.threw) {
                try {
                    await iterator.return?.();
                } catch {
                    // The source is failing already.
                }
            }
            throw sourceError.error;
        }
    }
    return {
        stream: input,
        start() {
            if (started === null) {
                started = pump();
                started.catch(() => {});
            }
            return started;
        },
    };
}
