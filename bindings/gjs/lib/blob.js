// SPDX-License-Identifier: LGPL-2.1-or-later
// blob.js: Blob and File (File API §3-4), in memory, for runtimes
// without them (GJS 1.74). Enough for bodies: a Blob body keeps its
// type, response.blob() gives one, FormData holds Files.

import {defineToStringTag, makeEnumerable, requireArgs, toDictionary, toDOMString, toUSVString} from './webidl.js';
import {utf8Decode} from './encoding.js';

const blobData = new WeakMap();
const encoder = new TextEncoder();

function blobState(blob) {
    const s = blobData.get(blob);
    if (s === undefined)
        throw new TypeError('Not a Blob.');
    return s;
}

/** The bytes of a BufferSource, as a Uint8Array view (no copy). */
export function bufferSourceBytes(value) {
    if (value instanceof ArrayBuffer)
        return new Uint8Array(value);
    if (ArrayBuffer.isView(value))
        return new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
    return null;
}

// File API "convert line endings to native" (native is "\n" here).
function convertLineEndings(s) {
    return s.replace(/\r\n?/g, '\n');
}

// File API §3.1.1 "process blob parts".
function processBlobParts(parts, endings) {
    const chunks = [];
    for (const element of parts) {
        const view = bufferSourceBytes(element);
        if (view !== null) {
            chunks.push(view.slice());
        } else if (blobData.has(element)) {
            chunks.push(blobState(element).bytes);
        } else {
            let s = toUSVString(element);
            if (endings === 'native')
                s = convertLineEndings(s);
            chunks.push(encoder.encode(s));
        }
    }
    const total = chunks.reduce((n, c) => n + c.byteLength, 0);
    const bytes = new Uint8Array(total);
    let offset = 0;
    for (const c of chunks) {
        bytes.set(c, offset);
        offset += c.byteLength;
    }
    return bytes;
}

// A type is kept only if it is all printable ASCII, and lower-cased.
function normalizeType(type) {
    const t = toDOMString(type);
    return /^[\x20-\x7E]*$/.test(t) ? t.toLowerCase() : '';
}

function toBlobParts(blobParts) {
    if (blobParts === undefined)
        return [];
    if (blobParts === null || (typeof blobParts !== 'object' && typeof blobParts !== 'function') ||
        typeof blobParts[Symbol.iterator] !== 'function')
        throw new TypeError('Blob: the parts must be a sequence.');
    return [...blobParts];
}

export class Blob {
    constructor(blobParts = undefined, options = undefined) {
        const parts = toBlobParts(blobParts);
        const opts = toDictionary(options, 'BlobPropertyBag');
        const endings = opts.endings === undefined ? 'transparent' : toDOMString(opts.endings);
        if (endings !== 'transparent' && endings !== 'native')
            throw new TypeError(`Blob: “${endings}” is not a valid value for endings.`);
        const type = opts.type === undefined ? '' : normalizeType(opts.type);
        blobData.set(this, {bytes: processBlobParts(parts, endings), type});
    }

    get size() {
        return blobState(this).bytes.byteLength;
    }

    get type() {
        return blobState(this).type;
    }

    slice(start = undefined, end = undefined, contentType = undefined) {
        const {bytes} = blobState(this);
        const size = bytes.byteLength;
        const rel = (v, dflt) => {
            if (v === undefined)
                return dflt;
            let n = Math.trunc(Number(v)) || 0;
            if (n < 0)
                n = Math.max(size + n, 0);
            return Math.min(n, size);
        };
        const from = rel(start, 0), to = rel(end, size);
        const blob = new Blob();
        blobData.set(blob, {
            bytes: bytes.subarray(from, Math.max(from, to)),
            type: contentType === undefined ? '' : normalizeType(contentType),
        });
        return blob;
    }

    stream() {
        const {bytes} = blobState(this);
        return makeBlobStream(bytes);
    }

    text() {
        try {
            return Promise.resolve(utf8Decode(blobState(this).bytes));
        } catch (e) {
            return Promise.reject(e);
        }
    }

    arrayBuffer() {
        try {
            return Promise.resolve(blobState(this).bytes.slice().buffer);
        } catch (e) {
            return Promise.reject(e);
        }
    }

    bytes() {
        try {
            return Promise.resolve(blobState(this).bytes.slice());
        } catch (e) {
            return Promise.reject(e);
        }
    }
}
defineToStringTag(Blob);
makeEnumerable(Blob);

// Blob.stream() needs the body stream class, which lives in the Fetch
// module; it registers its factory here.
let streamFactory = null;

/** Sets the factory for Blob.prototype.stream(). */
export function setBlobStreamFactory(factory) {
    streamFactory = factory;
}

function makeBlobStream(bytes) {
    if (streamFactory === null)
        throw new TypeError('Blob.stream() is not available.');
    return streamFactory(bytes);
}

const fileData = new WeakMap();

export class File extends Blob {
    constructor(fileBits, fileName, options = undefined) {
        requireArgs(arguments.length, 2, 'File constructor');
        super(fileBits, options);
        const opts = toDictionary(options, 'FilePropertyBag');
        fileData.set(this, {
            name: toUSVString(fileName),
            lastModified: opts.lastModified === undefined ? Date.now() : Math.trunc(Number(opts.lastModified)) || 0,
        });
    }

    get name() {
        const s = fileData.get(this);
        if (s === undefined)
            throw new TypeError('Not a File.');
        return s.name;
    }

    get lastModified() {
        const s = fileData.get(this);
        if (s === undefined)
            throw new TypeError('Not a File.');
        return s.lastModified;
    }

    get webkitRelativePath() {
        return '';
    }
}
defineToStringTag(File);
makeEnumerable(File);

/** Whether value is a Blob of this module. */
export function isBlob(value) {
    return blobData.has(value);
}

/** The bytes and type of a Blob (no copy). */
export function blobBytes(blob) {
    return blobState(blob).bytes;
}

/** Makes a Blob from bytes and an already serialized MIME type, as is. */
export function createBlob(bytes, type) {
    const blob = new Blob();
    blobData.set(blob, {bytes, type});
    return blob;
}

/** Makes a File from bytes, a name and a type, as is. */
export function createFile(bytes, name, type, lastModified = Date.now()) {
    const file = new File([], name, {lastModified});
    blobData.set(file, {bytes, type});
    return file;
}
