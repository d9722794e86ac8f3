// SPDX-License-Identifier: LGPL-2.1-or-later
// encoding.js: the Encoding Standard's UTF-8 decode and UTF-8 decode
// without BOM (Encoding §6), which bodies, forms and URLs need exactly.
// GJS 1.74's TextDecoder is not enough on its own: its ignoreBOM option
// works the wrong way round, and its replacement mode gives one U+FFFD
// per byte of a broken sequence where the standard gives one per
// maximal subpart. Its fatal mode is right, so it decodes valid input
// (the common case, fast) and the standard's decoder the rest.

const BOM = [0xEF, 0xBB, 0xBF];

// A fatal decoder that keeps a leading BOM, whichever way round this
// runtime's ignoreBOM works.
const fatalDecoder = (() => {
    for (const ignoreBOM of [true, false]) {
        const decoder = new TextDecoder('utf-8', {fatal: true, ignoreBOM});
        if (decoder.decode(new Uint8Array(BOM)) === '\uFEFF')
            return decoder;
    }
    return null;
})();

function startsWithBOM(bytes) {
    return bytes.length >= 3 && bytes[0] === BOM[0] && bytes[1] === BOM[1] && bytes[2] === BOM[2];
}

/**
 * Encoding §4.1 UTF-8 decoder over a whole input, errors in replacement
 * mode: a sequence that cannot be completed gives one U+FFFD and the
 * byte that broke it is decoded afresh (one U+FFFD per maximal subpart).
 *
 * @param {Uint8Array} bytes the input
 * @returns {string}
 */
function utf8DecodeReplacing(bytes) {
    const parts = [];
    let units = [];
    const emit = c => {
        if (c > 0xFFFF) {
            c -= 0x10000;
            units.push(0xD800 + (c >> 10), 0xDC00 + (c & 0x3FF));
        } else {
            units.push(c);
        }
        if (units.length >= 8192) {
            parts.push(String.fromCharCode(...units));
            units = [];
        }
    };
    let codePoint = 0, needed = 0, seen = 0, lower = 0x80, upper = 0xBF;
    for (let i = 0; i < bytes.length;) {
        const b = bytes[i];
        if (needed === 0) {
            i++;
            if (b <= 0x7F) {
                emit(b);
            } else if (b >= 0xC2 && b <= 0xDF) {
                needed = 1;
                codePoint = b & 0x1F;
            } else if (b >= 0xE0 && b <= 0xEF) {
                if (b === 0xE0)
                    lower = 0xA0;
                else if (b === 0xED)
                    upper = 0x9F;
                needed = 2;
                codePoint = b & 0x0F;
            } else if (b >= 0xF0 && b <= 0xF4) {
                if (b === 0xF0)
                    lower = 0x90;
                else if (b === 0xF4)
                    upper = 0x8F;
                needed = 3;
                codePoint = b & 0x07;
            } else {
                emit(0xFFFD);
            }
            continue;
        }
        if (b < lower || b > upper) {
            // The sequence is broken: U+FFFD, and b is decoded again.
            codePoint = needed = seen = 0;
            lower = 0x80;
            upper = 0xBF;
            emit(0xFFFD);
            continue;
        }
        lower = 0x80;
        upper = 0xBF;
        codePoint = codePoint << 6 | (b & 0x3F);
        i++;
        if (++seen === needed) {
            emit(codePoint);
            codePoint = needed = seen = 0;
        }
    }
    // An incomplete sequence at the end of input.
    if (needed !== 0)
        emit(0xFFFD);
    parts.push(String.fromCharCode(...units));
    return parts.join('');
}

/**
 * Encoding §6 "UTF-8 decode without BOM": a leading BOM is kept (as
 * U+FEFF), invalid sequences become U+FFFD. NULs are kept.
 *
 * @param {Uint8Array} bytes the input
 * @returns {string}
 */
export function utf8DecodeWithoutBOM(bytes) {
    if (fatalDecoder !== null) {
        try {
            return fatalDecoder.decode(bytes);
        } catch {
            // Not valid UTF-8: the standard's decoder replaces the errors.
        }
    }
    return utf8DecodeReplacing(bytes);
}

/**
 * Encoding §6 "UTF-8 decode": a leading UTF-8 BOM is stripped, invalid
 * sequences become U+FFFD. NULs are kept.
 *
 * @param {Uint8Array} bytes the input
 * @returns {string}
 */
export function utf8Decode(bytes) {
    return utf8DecodeWithoutBOM(startsWithBOM(bytes) ? bytes.subarray(3) : bytes);
}
