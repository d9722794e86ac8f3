// SPDX-License-Identifier: LGPL-2.1-or-later
// multipart.js: multipart/form-data in JavaScript, byte for byte as the
// library's C code does it (libfetch-glib/fetch-form-data.c), for entry
// lists the C FormData cannot hold: its strings end at a NUL, and a
// browser's names and values may contain U+0000.
//
// The parser follows the proposed "multipart/form-data parser" (Andreu
// Botella's draft, which undici and the WPT tests follow; the Fetch
// standard's formData() defers to RFC 7578 "roughly"), cited as "MFD".
// The serializer is HTML's "multipart/form-data encoding algorithm".

import GLib from 'gi://GLib';

import {utf8DecodeWithoutBOM} from './encoding.js';

const encoder = new TextEncoder();

const CR = 0x0D, LF = 0x0A, QUOTE = 0x22, COLON = 0x3A, SPACE = 0x20, TAB = 0x09, PERCENT = 0x25;

/** Isomorphic encode: each code unit (below 256) as a byte. */
function isomorphicEncode(s) {
    return Uint8Array.from(s, ch => ch.charCodeAt(0) & 0xFF);
}

/* Parser */

/** Isomorphic decode: each byte as a code unit. */
function isomorphicDecode(bytes) {
    let s = '';
    for (let i = 0; i < bytes.length; i += 8192)
        s += String.fromCharCode(...bytes.subarray(i, i + 8192));
    return s;
}

function startsWith(input, bytes) {
    if (input.data.length - input.position < bytes.length)
        return false;
    for (let i = 0; i < bytes.length; i++) {
        if (input.data[input.position + i] !== bytes[i])
            return false;
    }
    return true;
}

const atCRLF = input => input.data[input.position] === CR && input.data[input.position + 1] === LF;

/** Infra "collect a sequence of bytes" that are none of stop. */
function collectUntil(input, stop) {
    const start = input.position;
    while (input.position < input.data.length && !stop.includes(input.data[input.position]))
        input.position++;
    return input.position - start;
}

function skipTabsAndSpaces(input) {
    while (input.data[input.position] === SPACE || input.data[input.position] === TAB)
        input.position++;
}

/** MFD "parse a multipart/form-data name": position is just after a `"`. */
function parseName(input) {
    const start = input.position;
    // Step 2: collect bytes that are not LF, CR or `"`.
    const length = collectUntil(input, [LF, CR, QUOTE]);
    // Step 3: if the byte at position is not `"`, return failure.
    if (input.data[input.position] !== QUOTE)
        return null;
    input.position++;
    // Step 4: replace `%0A` by LF, `%0D` by CR and `%22` by `"`.
    const name = input.data.subarray(start, start + length);
    const out = new Uint8Array(length);
    let n = 0;
    for (let i = 0; i < length; i++) {
        let byte = name[i];
        if (byte === PERCENT && length - i >= 3) {
            const escape = String.fromCharCode(name[i + 1], name[i + 2]);
            const unescaped = {'0A': LF, '0D': CR, '22': QUOTE}[escape];
            if (unescaped !== undefined) {
                byte = unescaped;
                i += 2;
            }
        }
        out[n++] = byte;
    }
    // Step 5: return the UTF-8 decoding without BOM of name.
    return utf8DecodeWithoutBOM(out.subarray(0, n));
}

const formDataName = encoder.encode('form-data; name="');
const filenameParam = encoder.encode('; filename="');

/** MFD "parse multipart/form-data headers", the Content-Disposition case. */
function parseContentDisposition(input, headers) {
    // Step 1: set name and filename to null.
    headers.name = headers.filename = null;
    // Steps 2-3: `form-data; name="` must follow.
    if (!startsWith(input, formDataName))
        return false;
    input.position += formDataName.length;
    // Step 4: the name.
    headers.name = parseName(input);
    if (headers.name === null)
        return false;
    // Step 5: `; filename="` and the filename, if they follow.
    if (startsWith(input, filenameParam)) {
        input.position += filenameParam.length;
        headers.filename = parseName(input);
        if (headers.filename === null)
            return false;
    }
    return true;
}

const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

/**
 * MFD "parse multipart/form-data headers": on success, position is at
 * the CR LF of the empty line that ends them.
 */
function parseHeaders(input, headers) {
    // Step 2: while true.
    for (;;) {
        // Step 2.1: at CR LF: the end; failure if there was no name.
        if (atCRLF(input))
            return headers.name !== null;
        // Steps 2.2-2.4: the header name, without surrounding tabs and
        // spaces, must be a token.
        const start = input.position;
        const length = collectUntil(input, [LF, CR, COLON]);
        const headerName = isomorphicDecode(input.data.subarray(start, start + length))
            .replace(/^[\t ]+|[\t ]+$/g, '');
        if (!TOKEN.test(headerName))
            return false;
        // Steps 2.5-2.7: a colon, then tabs and spaces to skip.
        if (input.data[input.position] !== COLON)
            return false;
        input.position++;
        skipTabsAndSpaces(input);
        // Step 2.8: byte-lowercase the header name and switch on it.
        switch (headerName.toLowerCase()) {
        case 'content-disposition':
            if (!parseContentDisposition(input, headers))
                return false;
            break;
        case 'content-type': {
            // The value, without trailing tabs and spaces, isomorphic
            // decoded. A value that is not ASCII becomes "" (MFD step
            // 5.10.2), and so does one with a control (the File
            // constructor's type rule): only printable ASCII is kept.
            const valueStart = input.position;
            collectUntil(input, [LF, CR]);
            const value = isomorphicDecode(input.data.subarray(valueStart, input.position))
                .replace(/[\t ]+$/, '');
            headers.contentType = /^[\x20-\x7E]*$/.test(value) ? value : '';
            break;
        }
        default:
            collectUntil(input, [LF, CR]);
        }
        // Step 2.9: CR LF must follow.
        if (!atCRLF(input))
            return false;
        input.position += 2;
    }
}

/** The first occurrence of needle at or after from, or -1. */
function find(data, needle, from) {
    for (let i = from; data.length - i >= needle.length; i++) {
        i = data.indexOf(needle[0], i);
        if (i < 0 || data.length - i < needle.length)
            return -1;
        let j = 1;
        while (j < needle.length && data[i + j] === needle[j])
            j++;
        if (j === needle.length)
            return i;
    }
    return -1;
}

/**
 * MFD "multipart/form-data parser".
 *
 * @param {Uint8Array} data the body
 * @param {string} boundary the boundary parameter of its MIME type
 * @returns {Array<{name: string, value: string}|{name: string,
 *   file: {bytes: Uint8Array, filename: string, type: string}}>|null}
 *   the entry list, or null on failure; file bytes are views of data
 */
export function parseMultipartFormData(data, boundary) {
    if (boundary === '')
        return null;
    const delimiter = isomorphicEncode(`\r\n--${boundary}`);
    const dashBoundary = delimiter.subarray(2);
    const input = {data, position: 0};
    const entries = [];
    // Step 5: while true.
    for (;;) {
        // Step 5.1: `--` and boundary, or failure.
        if (!startsWith(input, dashBoundary))
            return null;
        input.position += dashBoundary.length;
        // Step 5.2: `--`: the close delimiter, the end of the entry list.
        // NOTE(spec): as the C parser does (RFC 2046 §5.1.1, browsers),
        // an epilogue after the close delimiter is ignored.
        if (data[input.position] === 0x2D && data[input.position + 1] === 0x2D)
            return entries;
        // Steps 5.3-5.4: CR LF.
        if (!atCRLF(input))
            return null;
        input.position += 2;
        // Step 5.5: name, filename and contentType from the headers.
        const headers = {name: null, filename: null, contentType: null};
        if (!parseHeaders(input, headers))
            return null;
        // Step 5.6: skip the empty line.
        input.position += 2;
        // Steps 5.7-5.8: the body runs up to CR LF `--` boundary.
        const bodyStart = input.position;
        const bodyEnd = find(data, delimiter, bodyStart);
        if (bodyEnd < 0)
            return null;
        // Step 5.9: past the CR LF.
        input.position = bodyEnd + 2;
        const body = data.subarray(bodyStart, bodyEnd);
        if (headers.filename !== null) {
            // Step 5.10: a File of type contentType or "text/plain" (RFC
            // 7578 §4.4's default).
            entries.push({
                name: headers.name,
                file: {bytes: body, filename: headers.filename, type: headers.contentType ?? 'text/plain'},
            });
        } else {
            // Step 5.11: the UTF-8 decoding without BOM of the body,
            // whatever Content-Type or charset the part says.
            entries.push({name: headers.name, value: utf8DecodeWithoutBOM(body)});
        }
    }
}

/* Serializer */

/**
 * HTML "the multipart/form-data boundary string": random, so that entry
 * values do not contain it; 16 alphanumerics after a fixed prefix, as
 * the C library makes them.
 *
 * @returns {string}
 */
export function newMultipartBoundary() {
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
    let boundary = '----FetchFormBoundary';
    for (let i = 0; i < 16; i++)
        boundary += alphabet[GLib.random_int_range(0, alphabet.length)];
    return boundary;
}

/** HTML: every CR not followed by LF and every LF not after CR become CR LF. */
const normalizeNewlines = s => s.replace(/\r(?!\n)|(?<!\r)\n/g, '\r\n');

/** HTML: names and filenames get LF as %0A, CR as %0D and `"` as %22. */
const escapeName = s => s.replace(/[\n\r"]/g, c => ({'\n': '%0A', '\r': '%0D', '"': '%22'}[c]));

/**
 * HTML "multipart/form-data encoding algorithm" of an entry list.
 *
 * @param {Array<{name: string, value: string}|{name: string,
 *   file: {bytes: Uint8Array, filename: string, type: string}}>} entries
 *   the entries
 * @param {string} boundary the boundary
 * @returns {Uint8Array} the body
 */
export function serializeMultipartFormData(entries, boundary) {
    const chunks = [];
    for (const entry of entries) {
        // Step 1.1: newlines in the name become CR LF, then escaped.
        let head = `--${boundary}\r\nContent-Disposition: form-data; name="${escapeName(normalizeNewlines(entry.name))}"`;
        if (entry.file) {
            // RFC 7578 §4.2 and §4.4 as HTML uses them: the filename, and
            // the file's type, application/octet-stream if it has none.
            head += `; filename="${escapeName(entry.file.filename)}"\r\n` +
                `Content-Type: ${entry.file.type || 'application/octet-stream'}\r\n\r\n`;
            chunks.push(encoder.encode(head), entry.file.bytes);
        } else {
            // Step 1.2: newlines in a string value become CR LF. Non-file
            // parts have no Content-Type.
            chunks.push(encoder.encode(`${head}\r\n\r\n${normalizeNewlines(entry.value)}`));
        }
        chunks.push(encoder.encode('\r\n'));
    }
    chunks.push(encoder.encode(`--${boundary}--\r\n`));
    const out = new Uint8Array(chunks.reduce((n, c) => n + c.byteLength, 0));
    let offset = 0;
    for (const c of chunks) {
        out.set(c, offset);
        offset += c.byteLength;
    }
    return out;
}
