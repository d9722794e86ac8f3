// SPDX-License-Identifier: LGPL-2.1-or-later
// url.js: the URL Standard in JavaScript (URL and URLSearchParams), for
// runtimes without them (GJS 1.74). The basic URL parser is the
// standard's state machine (URL §4.4), state by state; hosts are parsed
// as in §3.5, with IDNA done by an approximation of UTS #46 (NFKC and
// lower-casing, then Punycode), which is right for the common cases but
// does not have the full UTS #46 tables (see domainToASCII).

import {
    definePairIterable, defineToStringTag, iterableToArray, makeEnumerable, requireArgs,
    toRecord, toUSVString,
} from './webidl.js';
import {utf8DecodeWithoutBOM} from './encoding.js';

const FAILURE = Symbol('failure');

/* Code point classes (Infra, URL §4.2) */

const isASCIIDigit = c => c >= 0x30 && c <= 0x39;
const isASCIIHexDigit = c => isASCIIDigit(c) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66);
const isASCIIAlpha = c => (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A);
const isASCIIAlphanumeric = c => isASCIIAlpha(c) || isASCIIDigit(c);
const lower = c => (c >= 0x41 && c <= 0x5A ? c + 0x20 : c);

const EOF = -1;
const cp = ch => ch.codePointAt(0);

/* Percent-encode sets (URL §1.3) */

const inC0Control = c => c < 0x20 || c > 0x7E;
const inFragment = c => inC0Control(c) || [0x20, 0x22, 0x3C, 0x3E, 0x60].includes(c);
const inQuery = c => inC0Control(c) || [0x20, 0x22, 0x23, 0x3C, 0x3E].includes(c);
const inSpecialQuery = c => inQuery(c) || c === 0x27;
const inPath = c => inQuery(c) || [0x3F, 0x5E, 0x60, 0x7B, 0x7D].includes(c);
const inUserinfo = c => inPath(c) || [0x2F, 0x3A, 0x3B, 0x3D, 0x40, 0x5B, 0x5C, 0x5D, 0x7C].includes(c);
const inComponent = c => inUserinfo(c) || (c >= 0x24 && c <= 0x26) || c === 0x2B || c === 0x2C;
const inURLEncoded = c => inComponent(c) || c === 0x21 || (c >= 0x27 && c <= 0x29) || c === 0x7E;

const encoder = new TextEncoder();

const hex2 = b => `%${b < 16 ? '0' : ''}${b.toString(16).toUpperCase()}`;

/** URL "UTF-8 percent-encode" a code point (given as a number). */
function utf8PercentEncodeCodePoint(c, inSet) {
    if (!inSet(c))
        return String.fromCodePoint(c);
    let out = '';
    for (const b of encoder.encode(String.fromCodePoint(c)))
        out += hex2(b);
    return out;
}

/** URL "UTF-8 percent-encode" a string, spaceAsPlus for form encoding. */
function utf8PercentEncodeString(input, inSet, spaceAsPlus = false) {
    let out = '';
    for (const ch of input) {
        const c = cp(ch);
        if (spaceAsPlus && c === 0x20)
            out += '+';
        else
            out += utf8PercentEncodeCodePoint(c, inSet);
    }
    return out;
}

/** URL "percent-decode" a byte sequence. */
function percentDecodeBytes(bytes) {
    const out = new Uint8Array(bytes.length);
    let n = 0;
    for (let i = 0; i < bytes.length; i++) {
        const b = bytes[i];
        if (b === 0x25 && i + 2 < bytes.length &&
            isASCIIHexDigit(bytes[i + 1]) && isASCIIHexDigit(bytes[i + 2])) {
            out[n++] = parseInt(String.fromCharCode(bytes[i + 1], bytes[i + 2]), 16);
            i += 2;
        } else {
            out[n++] = b;
        }
    }
    return out.subarray(0, n);
}

/** URL "percent-decode" a string (UTF-8 encoded first). */
function percentDecodeString(input) {
    return percentDecodeBytes(encoder.encode(input));
}

/* Punycode (RFC 3492), for IDNA */

const PUNY = {base: 36, tmin: 1, tmax: 26, skew: 38, damp: 700, initialBias: 72, initialN: 128};

function punyAdapt(delta, numPoints, firstTime) {
    delta = firstTime ? Math.floor(delta / PUNY.damp) : delta >> 1;
    delta += Math.floor(delta / numPoints);
    let k = 0;
    while (delta > ((PUNY.base - PUNY.tmin) * PUNY.tmax) >> 1) {
        delta = Math.floor(delta / (PUNY.base - PUNY.tmin));
        k += PUNY.base;
    }
    return k + Math.floor(((PUNY.base - PUNY.tmin + 1) * delta) / (delta + PUNY.skew));
}

const punyDigit = d => String.fromCharCode(d < 26 ? d + 97 : d + 22);

/** Punycode-encodes a label (an array of code points). */
export function punycodeEncode(label) {
    const input = Array.from(label, cp);
    let output = input.filter(c => c < 0x80).map(c => String.fromCharCode(c)).join('');
    const basicLength = output.length;
    let h = basicLength;
    if (basicLength > 0)
        output += '-';
    let n = PUNY.initialN, delta = 0, bias = PUNY.initialBias;
    while (h < input.length) {
        const m = Math.min(...input.filter(c => c >= n));
        delta += (m - n) * (h + 1);
        n = m;
        for (const c of input) {
            if (c < n)
                delta++;
            if (c === n) {
                let q = delta;
                for (let k = PUNY.base; ; k += PUNY.base) {
                    const t = k <= bias ? PUNY.tmin : k >= bias + PUNY.tmax ? PUNY.tmax : k - bias;
                    if (q < t)
                        break;
                    output += punyDigit(t + ((q - t) % (PUNY.base - t)));
                    q = Math.floor((q - t) / (PUNY.base - t));
                }
                output += punyDigit(q);
                bias = punyAdapt(delta, h + 1, h === basicLength);
                delta = 0;
                h++;
            }
        }
        delta++;
        n++;
    }
    return output;
}

/** Punycode-decodes a label; null if it is not valid Punycode. */
export function punycodeDecode(input) {
    const output = [];
    let i = 0, n = PUNY.initialN, bias = PUNY.initialBias;
    const basic = input.lastIndexOf('-');
    for (let j = 0; j < Math.max(basic, 0); j++) {
        if (input.charCodeAt(j) >= 0x80)
            return null;
        output.push(input.charCodeAt(j));
    }
    for (let index = basic > 0 ? basic + 1 : 0; index < input.length;) {
        const oldi = i;
        for (let w = 1, k = PUNY.base; ; k += PUNY.base) {
            if (index >= input.length)
                return null;
            const c = input.charCodeAt(index++);
            const digit = c - 48 < 10 ? c - 22 : c - 65 < 26 ? c - 65 : c - 97 < 26 ? c - 97 : PUNY.base;
            if (digit >= PUNY.base)
                return null;
            i += digit * w;
            const t = k <= bias ? PUNY.tmin : k >= bias + PUNY.tmax ? PUNY.tmax : k - bias;
            if (digit < t)
                break;
            w *= PUNY.base - t;
            if (w > 0x7FFFFFFF)
                return null;
        }
        bias = punyAdapt(i - oldi, output.length + 1, oldi === 0);
        n += Math.floor(i / (output.length + 1));
        i %= output.length + 1;
        if (n > 0x10FFFF)
            return null;
        output.splice(i++, 0, n);
    }
    return String.fromCodePoint(...output);
}

/* Hosts (URL §3) */

const forbiddenHostCodePoints = new Set([0x00, 0x09, 0x0A, 0x0D, 0x20, 0x23, 0x2F, 0x3A,
    0x3C, 0x3E, 0x3F, 0x40, 0x5B, 0x5C, 0x5D, 0x5E, 0x7C]);
const isForbiddenHost = c => forbiddenHostCodePoints.has(c);
const isForbiddenDomain = c => isForbiddenHost(c) || (c <= 0x1F) || c === 0x25 || c === 0x7F;

/**
 * URL §3.3 "domain to ASCII" (beStrict false). NOTE: UTS #46 mapping is
 * approximated with NFKC plus lower-casing, which is what its table does
 * for almost all characters, keeping the deviation characters (ß, ς,
 * ZWJ, ZWNJ) as the non-transitional processing the standard asks for.
 *
 * @param {string} domain the domain
 * @returns {string|symbol} the ASCII domain or FAILURE
 */
function domainToASCII(domain) {
    let mapped = domain;
    // eslint-disable-next-line no-control-regex
    if (/[^\u0000-\u007F]/.test(domain)) {
        mapped = domain.replace(/\u00AD/g, '').normalize('NFKC').toLowerCase()
            .replace(/[\u3002\uFF0E\uFF61]/g, '.');
    } else {
        mapped = domain.toLowerCase();
    }
    const labels = mapped.split('.');
    const out = [];
    for (const label of labels) {
        // eslint-disable-next-line no-control-regex
        if (/[^\u0000-\u007F]/.test(label)) {
            if (label.includes('\uFFFD'))
                return FAILURE;
            out.push(`xn--${punycodeEncode(label)}`);
        } else if (label.startsWith('xn--')) {
            // UTS #46 validity: a Punycode label must decode, to something
            // that is not plain ASCII.
            const decoded = punycodeDecode(label.slice(4));
            // eslint-disable-next-line no-control-regex
            if (decoded === null || decoded === '' || !/[^\u0000-\u007F]/.test(decoded))
                return FAILURE;
            out.push(label);
        } else {
            out.push(label);
        }
    }
    const result = out.join('.');
    if (result === '')
        return FAILURE;
    for (const ch of result) {
        if (isForbiddenDomain(cp(ch)))
            return FAILURE;
    }
    return result;
}

/** URL §3.5 "ends in a number checker". */
function endsInANumber(input) {
    const parts = input.split('.');
    if (parts[parts.length - 1] === '') {
        if (parts.length === 1)
            return false;
        parts.pop();
    }
    const last = parts[parts.length - 1];
    if (last !== '' && /^[0-9]+$/.test(last))
        return true;
    return parseIPv4Number(last) !== FAILURE;
}

/** URL §3.5 "IPv4 number parser"; returns a number or FAILURE. */
function parseIPv4Number(input) {
    if (input === '')
        return FAILURE;
    let R = 10;
    if (input.length >= 2 && (input.startsWith('0x') || input.startsWith('0X'))) {
        input = input.slice(2);
        R = 16;
    } else if (input.length >= 2 && input[0] === '0') {
        input = input.slice(1);
        R = 8;
    }
    if (input === '')
        return 0;
    const re = R === 16 ? /^[0-9a-fA-F]+$/ : R === 10 ? /^[0-9]+$/ : /^[0-7]+$/;
    if (!re.test(input))
        return FAILURE;
    // Large values only need to compare as too large: a float is enough.
    return parseInt(input, R);
}

/** URL §3.5 "IPv4 parser"; returns a number or FAILURE. */
function parseIPv4(input) {
    const parts = input.split('.');
    if (parts[parts.length - 1] === '' && parts.length > 1)
        parts.pop();
    if (parts.length > 4)
        return FAILURE;
    const numbers = [];
    for (const part of parts) {
        const n = parseIPv4Number(part);
        if (n === FAILURE)
            return FAILURE;
        numbers.push(n);
    }
    if (numbers.slice(0, -1).some(n => n > 255))
        return FAILURE;
    const last = numbers[numbers.length - 1];
    if (last >= 256 ** (5 - numbers.length))
        return FAILURE;
    let ipv4 = last;
    for (let i = 0; i < numbers.length - 1; i++)
        ipv4 += numbers[i] * 256 ** (3 - i);
    return ipv4;
}

function serializeIPv4(address) {
    const out = [];
    for (let i = 0; i < 4; i++) {
        out.unshift(String(address % 256));
        address = Math.floor(address / 256);
    }
    return out.join('.');
}

/** URL §3.5 "IPv6 parser"; returns an array of 8 numbers or FAILURE. */
function parseIPv6(inputString) {
    const address = [0, 0, 0, 0, 0, 0, 0, 0];
    let pieceIndex = 0, compress = null, pointer = 0;
    const input = Array.from(inputString, cp);
    const c = () => (pointer < input.length ? input[pointer] : EOF);
    if (c() === 0x3A) {
        if (input[pointer + 1] !== 0x3A)
            return FAILURE;
        pointer += 2;
        pieceIndex++;
        compress = pieceIndex;
    }
    while (c() !== EOF) {
        if (pieceIndex === 8)
            return FAILURE;
        if (c() === 0x3A) {
            if (compress !== null)
                return FAILURE;
            pointer++;
            pieceIndex++;
            compress = pieceIndex;
            continue;
        }
        let value = 0, length = 0;
        while (length < 4 && c() !== EOF && isASCIIHexDigit(c())) {
            value = value * 0x10 + parseInt(String.fromCodePoint(c()), 16);
            pointer++;
            length++;
        }
        if (c() === 0x2E) {
            if (length === 0)
                return FAILURE;
            pointer -= length;
            if (pieceIndex > 6)
                return FAILURE;
            let numbersSeen = 0;
            while (c() !== EOF) {
                let ipv4Piece = null;
                if (numbersSeen > 0) {
                    if (c() === 0x2E && numbersSeen < 4)
                        pointer++;
                    else
                        return FAILURE;
                }
                if (c() === EOF || !isASCIIDigit(c()))
                    return FAILURE;
                while (c() !== EOF && isASCIIDigit(c())) {
                    const number = c() - 0x30;
                    if (ipv4Piece === null)
                        ipv4Piece = number;
                    else if (ipv4Piece === 0)
                        return FAILURE;
                    else
                        ipv4Piece = ipv4Piece * 10 + number;
                    if (ipv4Piece > 255)
                        return FAILURE;
                    pointer++;
                }
                address[pieceIndex] = address[pieceIndex] * 0x100 + ipv4Piece;
                numbersSeen++;
                if (numbersSeen === 2 || numbersSeen === 4)
                    pieceIndex++;
            }
            if (numbersSeen !== 4)
                return FAILURE;
            break;
        } else if (c() === 0x3A) {
            pointer++;
            if (c() === EOF)
                return FAILURE;
        } else if (c() !== EOF) {
            return FAILURE;
        }
        address[pieceIndex] = value;
        pieceIndex++;
    }
    if (compress !== null) {
        let swaps = pieceIndex - compress;
        pieceIndex = 7;
        while (pieceIndex !== 0 && swaps > 0) {
            const tmp = address[compress + swaps - 1];
            address[compress + swaps - 1] = address[pieceIndex];
            address[pieceIndex] = tmp;
            pieceIndex--;
            swaps--;
        }
    } else if (pieceIndex !== 8) {
        return FAILURE;
    }
    return address;
}

/** URL §3.6 IPv6 serializer (without the brackets). */
function serializeIPv6(address) {
    // The first longest run of two or more zero pieces is compressed.
    let compress = null, bestLen = 1;
    for (let i = 0; i < 8;) {
        if (address[i] !== 0) {
            i++;
            continue;
        }
        let j = i;
        while (j < 8 && address[j] === 0)
            j++;
        if (j - i > bestLen) {
            bestLen = j - i;
            compress = i;
        }
        i = j;
    }
    let output = '', ignore0 = false;
    for (let i = 0; i < 8; i++) {
        if (ignore0 && address[i] === 0)
            continue;
        ignore0 = false;
        if (compress === i) {
            output += i === 0 ? '::' : ':';
            ignore0 = true;
            continue;
        }
        output += address[i].toString(16);
        if (i !== 7)
            output += ':';
    }
    return output;
}

/** URL §3.5 "opaque-host parser". */
function parseOpaqueHost(input) {
    for (const ch of input) {
        if (isForbiddenHost(cp(ch)))
            return FAILURE;
    }
    return utf8PercentEncodeString(input, inC0Control);
}

/**
 * URL §3.5 "host parser". Hosts are kept serialized: a domain, an opaque
 * host, "" (the empty host), a dotted IPv4 address or a bracketed IPv6
 * address.
 *
 * @param {string} input the host
 * @param {boolean} isOpaque whether the URL is not special
 * @returns {string|symbol} the serialized host or FAILURE
 */
function parseHost(input, isOpaque = false) {
    if (input.startsWith('[')) {
        if (!input.endsWith(']'))
            return FAILURE;
        const address = parseIPv6(input.slice(1, -1));
        return address === FAILURE ? FAILURE : `[${serializeIPv6(address)}]`;
    }
    if (isOpaque)
        return parseOpaqueHost(input);
    const domain = utf8DecodeWithoutBOM(percentDecodeString(input));
    const asciiDomain = domainToASCII(domain);
    if (asciiDomain === FAILURE)
        return FAILURE;
    if (endsInANumber(asciiDomain)) {
        const ipv4 = parseIPv4(asciiDomain);
        return ipv4 === FAILURE ? FAILURE : serializeIPv4(ipv4);
    }
    return asciiDomain;
}

/* URL records (URL §4.1) */

const specialSchemes = new Map([
    ['ftp', 21], ['file', null], ['http', 80], ['https', 443], ['ws', 80], ['wss', 443],
]);

const isSpecialScheme = scheme => specialSchemes.has(scheme);
const defaultPort = scheme => specialSchemes.get(scheme) ?? null;

function newURLRecord() {
    return {
        scheme: '', username: '', password: '', host: null, port: null,
        path: [], query: null, fragment: null,
    };
}

const isSpecial = url => isSpecialScheme(url.scheme);
const hasOpaquePath = url => typeof url.path === 'string';
const includesCredentials = url => url.username !== '' || url.password !== '';
const cannotHaveUsernamePasswordPort = url =>
    url.host === null || url.host === '' || url.scheme === 'file';

const isWindowsDriveLetter = s =>
    s.length === 2 && isASCIIAlpha(cp(s[0])) && (s[1] === ':' || s[1] === '|');
const isNormalizedWindowsDriveLetter = s => isWindowsDriveLetter(s) && s[1] === ':';

/** URL "starts with a Windows drive letter", on code points from i. */
function startsWithWindowsDriveLetter(cps, i) {
    if (cps.length - i < 2)
        return false;
    if (!isASCIIAlpha(cps[i]) || (cps[i + 1] !== 0x3A && cps[i + 1] !== 0x7C))
        return false;
    if (cps.length - i === 2)
        return true;
    return [0x2F, 0x5C, 0x3F, 0x23].includes(cps[i + 2]);
}

/** URL §4.1 "shorten a URL's path". */
function shortenPath(url) {
    const {path} = url;
    if (url.scheme === 'file' && path.length === 1 && isNormalizedWindowsDriveLetter(path[0]))
        return;
    path.pop();
}

const isSingleDot = s => s === '.' || s.toLowerCase() === '%2e';
const isDoubleDot = s => ['..', '.%2e', '%2e.', '%2e%2e'].includes(s.toLowerCase());

/** URL §4.4 "potentially strip trailing spaces from an opaque path". */
function stripTrailingSpacesFromOpaquePath(url) {
    if (!hasOpaquePath(url) || url.fragment !== null || url.query !== null)
        return;
    url.path = url.path.replace(/ +$/, '');
}

/* The basic URL parser (URL §4.4) */

const S = {
    SCHEME_START: 1, SCHEME: 2, NO_SCHEME: 3, SPECIAL_RELATIVE_OR_AUTHORITY: 4,
    PATH_OR_AUTHORITY: 5, RELATIVE: 6, RELATIVE_SLASH: 7, SPECIAL_AUTHORITY_SLASHES: 8,
    SPECIAL_AUTHORITY_IGNORE_SLASHES: 9, AUTHORITY: 10, HOST: 11, HOSTNAME: 12,
    PORT: 13, FILE: 14, FILE_SLASH: 15, FILE_HOST: 16, PATH_START: 17, PATH: 18,
    OPAQUE_PATH: 19, QUERY: 20, FRAGMENT: 21,
};

/**
 * The basic URL parser.
 *
 * @param {string} input the input
 * @param {object|null} base a base URL record
 * @param {object|null} url a URL record to modify (with stateOverride)
 * @param {number|null} stateOverride a state, for the setters
 * @returns {object|symbol|undefined} the URL record, FAILURE, or
 *   undefined when a state override returns early
 */
function basicURLParse(input, base = null, url = null, stateOverride = null) {
    if (url === null) {
        url = newURLRecord();
        // Step 1.2: strip leading and trailing C0 controls and spaces.
        // eslint-disable-next-line no-control-regex
        input = input.replace(/^[\u0000-\u0020]+|[\u0000-\u0020]+$/g, '');
    }
    // Steps 2-3: remove all ASCII tabs and newlines.
    input = input.replace(/[\t\n\r]/g, '');
    let state = stateOverride ?? S.SCHEME_START;
    let buffer = '';
    let atSignSeen = false, insideBrackets = false, passwordTokenSeen = false;
    const cps = Array.from(input, cp);
    let pointer = 0;
    const remainingStartsWith = s => {
        for (let k = 0; k < s.length; k++) {
            if (cps[pointer + 1 + k] !== s.charCodeAt(k))
                return false;
        }
        return true;
    };

    for (;;) {
        const c = pointer < cps.length ? cps[pointer] : EOF;
        const ch = c === EOF ? '' : String.fromCodePoint(c);
        switch (state) {
        case S.SCHEME_START:
            if (c !== EOF && isASCIIAlpha(c)) {
                buffer += String.fromCharCode(lower(c));
                state = S.SCHEME;
            } else if (stateOverride === null) {
                state = S.NO_SCHEME;
                pointer--;
            } else {
                return FAILURE;
            }
            break;

        case S.SCHEME:
            if (c !== EOF && (isASCIIAlphanumeric(c) || c === 0x2B || c === 0x2D || c === 0x2E)) {
                buffer += String.fromCharCode(lower(c));
            } else if (c === 0x3A) {
                if (stateOverride !== null) {
                    if (isSpecial(url) !== isSpecialScheme(buffer))
                        return undefined;
                    if ((includesCredentials(url) || url.port !== null) && buffer === 'file')
                        return undefined;
                    if (url.scheme === 'file' && url.host === '')
                        return undefined;
                }
                url.scheme = buffer;
                if (stateOverride !== null) {
                    if (url.port === defaultPort(url.scheme))
                        url.port = null;
                    return undefined;
                }
                buffer = '';
                if (url.scheme === 'file') {
                    state = S.FILE;
                } else if (isSpecial(url) && base !== null && base.scheme === url.scheme) {
                    state = S.SPECIAL_RELATIVE_OR_AUTHORITY;
                } else if (isSpecial(url)) {
                    state = S.SPECIAL_AUTHORITY_SLASHES;
                } else if (remainingStartsWith('/')) {
                    state = S.PATH_OR_AUTHORITY;
                    pointer++;
                } else {
                    url.path = '';
                    state = S.OPAQUE_PATH;
                }
            } else if (stateOverride === null) {
                buffer = '';
                state = S.NO_SCHEME;
                pointer = -1;
            } else {
                return FAILURE;
            }
            break;

        case S.NO_SCHEME:
            if (base === null || (hasOpaquePath(base) && c !== 0x23)) {
                return FAILURE;
            } else if (hasOpaquePath(base) && c === 0x23) {
                url.scheme = base.scheme;
                url.path = base.path;
                url.query = base.query;
                url.fragment = '';
                state = S.FRAGMENT;
            } else if (base.scheme !== 'file') {
                state = S.RELATIVE;
                pointer--;
            } else {
                state = S.FILE;
                pointer--;
            }
            break;

        case S.SPECIAL_RELATIVE_OR_AUTHORITY:
            if (c === 0x2F && remainingStartsWith('/')) {
                state = S.SPECIAL_AUTHORITY_IGNORE_SLASHES;
                pointer++;
            } else {
                state = S.RELATIVE;
                pointer--;
            }
            break;

        case S.PATH_OR_AUTHORITY:
            if (c === 0x2F) {
                state = S.AUTHORITY;
            } else {
                state = S.PATH;
                pointer--;
            }
            break;

        case S.RELATIVE:
            url.scheme = base.scheme;
            if (c === 0x2F) {
                state = S.RELATIVE_SLASH;
            } else if (isSpecial(url) && c === 0x5C) {
                state = S.RELATIVE_SLASH;
            } else {
                url.username = base.username;
                url.password = base.password;
                url.host = base.host;
                url.port = base.port;
                url.path = [...base.path];
                url.query = base.query;
                if (c === 0x3F) {
                    url.query = '';
                    state = S.QUERY;
                } else if (c === 0x23) {
                    url.fragment = '';
                    state = S.FRAGMENT;
                } else if (c !== EOF) {
                    url.query = null;
                    shortenPath(url);
                    state = S.PATH;
                    pointer--;
                }
            }
            break;

        case S.RELATIVE_SLASH:
            if (isSpecial(url) && (c === 0x2F || c === 0x5C)) {
                state = S.SPECIAL_AUTHORITY_IGNORE_SLASHES;
            } else if (c === 0x2F) {
                state = S.AUTHORITY;
            } else {
                url.username = base.username;
                url.password = base.password;
                url.host = base.host;
                url.port = base.port;
                state = S.PATH;
                pointer--;
            }
            break;

        case S.SPECIAL_AUTHORITY_SLASHES:
            if (c === 0x2F && remainingStartsWith('/')) {
                state = S.SPECIAL_AUTHORITY_IGNORE_SLASHES;
                pointer++;
            } else {
                state = S.SPECIAL_AUTHORITY_IGNORE_SLASHES;
                pointer--;
            }
            break;

        case S.SPECIAL_AUTHORITY_IGNORE_SLASHES:
            if (c !== 0x2F && c !== 0x5C) {
                state = S.AUTHORITY;
                pointer--;
            }
            break;

        case S.AUTHORITY:
            if (c === 0x40) {
                if (atSignSeen)
                    buffer = `%40${buffer}`;
                atSignSeen = true;
                for (const bch of buffer) {
                    const bc = cp(bch);
                    if (bc === 0x3A && !passwordTokenSeen) {
                        passwordTokenSeen = true;
                        continue;
                    }
                    const encoded = utf8PercentEncodeCodePoint(bc, inUserinfo);
                    if (passwordTokenSeen)
                        url.password += encoded;
                    else
                        url.username += encoded;
                }
                buffer = '';
            } else if (c === EOF || c === 0x2F || c === 0x3F || c === 0x23 ||
                       (isSpecial(url) && c === 0x5C)) {
                if (atSignSeen && buffer === '')
                    return FAILURE;
                pointer -= Array.from(buffer).length + 1;
                buffer = '';
                state = S.HOST;
            } else {
                buffer += ch;
            }
            break;

        case S.HOST:
        case S.HOSTNAME:
            if (stateOverride !== null && url.scheme === 'file') {
                pointer--;
                state = S.FILE_HOST;
            } else if (c === 0x3A && !insideBrackets) {
                if (buffer === '')
                    return FAILURE;
                if (stateOverride === S.HOSTNAME)
                    return FAILURE;
                const host = parseHost(buffer, !isSpecial(url));
                if (host === FAILURE)
                    return FAILURE;
                url.host = host;
                buffer = '';
                state = S.PORT;
            } else if (c === EOF || c === 0x2F || c === 0x3F || c === 0x23 ||
                       (isSpecial(url) && c === 0x5C)) {
                pointer--;
                if (isSpecial(url) && buffer === '')
                    return FAILURE;
                if (stateOverride !== null && buffer === '' &&
                    (includesCredentials(url) || url.port !== null))
                    return FAILURE;
                const host = parseHost(buffer, !isSpecial(url));
                if (host === FAILURE)
                    return FAILURE;
                url.host = host;
                buffer = '';
                state = S.PATH_START;
                if (stateOverride !== null)
                    return undefined;
            } else {
                if (c === 0x5B)
                    insideBrackets = true;
                if (c === 0x5D)
                    insideBrackets = false;
                buffer += ch;
            }
            break;

        case S.PORT:
            if (c !== EOF && isASCIIDigit(c)) {
                buffer += ch;
            } else if (c === EOF || c === 0x2F || c === 0x3F || c === 0x23 ||
                       (isSpecial(url) && c === 0x5C) || stateOverride !== null) {
                if (buffer !== '') {
                    const port = parseInt(buffer, 10);
                    if (port > 65535)
                        return FAILURE;
                    url.port = port === defaultPort(url.scheme) ? null : port;
                    buffer = '';
                    if (stateOverride !== null)
                        return undefined;
                }
                if (stateOverride !== null)
                    return FAILURE;
                state = S.PATH_START;
                pointer--;
            } else {
                return FAILURE;
            }
            break;

        case S.FILE:
            url.scheme = 'file';
            url.host = '';
            if (c === 0x2F || c === 0x5C) {
                state = S.FILE_SLASH;
            } else if (base !== null && base.scheme === 'file') {
                url.host = base.host;
                url.path = [...base.path];
                url.query = base.query;
                if (c === 0x3F) {
                    url.query = '';
                    state = S.QUERY;
                } else if (c === 0x23) {
                    url.fragment = '';
                    state = S.FRAGMENT;
                } else if (c !== EOF) {
                    url.query = null;
                    if (!startsWithWindowsDriveLetter(cps, pointer))
                        shortenPath(url);
                    else
                        url.path = [];
                    state = S.PATH;
                    pointer--;
                }
            } else {
                state = S.PATH;
                pointer--;
            }
            break;

        case S.FILE_SLASH:
            if (c === 0x2F || c === 0x5C) {
                state = S.FILE_HOST;
            } else {
                if (base !== null && base.scheme === 'file') {
                    url.host = base.host;
                    if (!startsWithWindowsDriveLetter(cps, pointer) &&
                        base.path.length > 0 && isNormalizedWindowsDriveLetter(base.path[0]))
                        url.path.push(base.path[0]);
                }
                state = S.PATH;
                pointer--;
            }
            break;

        case S.FILE_HOST:
            if (c === EOF || c === 0x2F || c === 0x5C || c === 0x3F || c === 0x23) {
                pointer--;
                if (stateOverride === null && isWindowsDriveLetter(buffer)) {
                    state = S.PATH;
                } else if (buffer === '') {
                    url.host = '';
                    if (stateOverride !== null)
                        return undefined;
                    state = S.PATH_START;
                } else {
                    let host = parseHost(buffer, !isSpecial(url));
                    if (host === FAILURE)
                        return FAILURE;
                    if (host === 'localhost')
                        host = '';
                    url.host = host;
                    if (stateOverride !== null)
                        return undefined;
                    buffer = '';
                    state = S.PATH_START;
                }
            } else {
                buffer += ch;
            }
            break;

        case S.PATH_START:
            if (isSpecial(url)) {
                state = S.PATH;
                if (c !== 0x2F && c !== 0x5C)
                    pointer--;
            } else if (stateOverride === null && c === 0x3F) {
                url.query = '';
                state = S.QUERY;
            } else if (stateOverride === null && c === 0x23) {
                url.fragment = '';
                state = S.FRAGMENT;
            } else if (c !== EOF) {
                state = S.PATH;
                if (c !== 0x2F)
                    pointer--;
            } else if (stateOverride !== null && url.host === null) {
                url.path.push('');
            }
            break;

        case S.PATH:
            if (c === EOF || c === 0x2F || (isSpecial(url) && c === 0x5C) ||
                (stateOverride === null && (c === 0x3F || c === 0x23))) {
                const slash = c === 0x2F || (isSpecial(url) && c === 0x5C);
                if (isDoubleDot(buffer)) {
                    shortenPath(url);
                    if (!slash)
                        url.path.push('');
                } else if (isSingleDot(buffer) && !slash) {
                    url.path.push('');
                } else if (!isSingleDot(buffer)) {
                    if (url.scheme === 'file' && url.path.length === 0 && isWindowsDriveLetter(buffer))
                        buffer = `${buffer[0]}:`;
                    url.path.push(buffer);
                }
                buffer = '';
                if (c === 0x3F) {
                    url.query = '';
                    state = S.QUERY;
                }
                if (c === 0x23) {
                    url.fragment = '';
                    state = S.FRAGMENT;
                }
            } else {
                buffer += utf8PercentEncodeCodePoint(c, inPath);
            }
            break;

        case S.OPAQUE_PATH:
            if (c === 0x3F) {
                url.query = '';
                state = S.QUERY;
            } else if (c === 0x23) {
                url.fragment = '';
                state = S.FRAGMENT;
            } else if (c !== EOF) {
                url.path += utf8PercentEncodeCodePoint(c, inC0Control);
            }
            break;

        case S.QUERY:
            if ((stateOverride === null && c === 0x23) || c === EOF) {
                url.query += utf8PercentEncodeString(buffer, isSpecial(url) ? inSpecialQuery : inQuery);
                buffer = '';
                if (c === 0x23) {
                    url.fragment = '';
                    state = S.FRAGMENT;
                }
            } else if (c !== EOF) {
                buffer += ch;
            }
            break;

        case S.FRAGMENT:
            if (c !== EOF)
                url.fragment += utf8PercentEncodeCodePoint(c, inFragment);
            break;
        }

        if (pointer >= cps.length)
            break;
        pointer++;
    }
    return url;
}

/** URL §4.5 "URL path serializer". */
function serializePath(url) {
    if (hasOpaquePath(url))
        return url.path;
    return url.path.map(segment => `/${segment}`).join('');
}

/** URL §4.5 "URL serializer". */
function serializeURL(url, excludeFragment = false) {
    let output = `${url.scheme}:`;
    if (url.host !== null) {
        output += '//';
        if (includesCredentials(url)) {
            output += url.username;
            if (url.password !== '')
                output += `:${url.password}`;
            output += '@';
        }
        output += url.host;
        if (url.port !== null)
            output += `:${url.port}`;
    }
    if (url.host === null && !hasOpaquePath(url) && url.path.length > 1 && url.path[0] === '')
        output += '/.';
    output += serializePath(url);
    if (url.query !== null)
        output += `?${url.query}`;
    if (!excludeFragment && url.fragment !== null)
        output += `#${url.fragment}`;
    return output;
}

/** URL §4.7 origin of a URL record, serialized (HTML "serialization of an origin"). */
function serializeOrigin(url) {
    switch (url.scheme) {
    case 'blob': {
        const pathURL = basicURLParse(serializePath(url));
        if (pathURL === FAILURE || (pathURL.scheme !== 'http' && pathURL.scheme !== 'https'))
            return 'null';
        return serializeOrigin(pathURL);
    }
    case 'ftp':
    case 'http':
    case 'https':
    case 'ws':
    case 'wss':
        return `${url.scheme}://${url.host}${url.port !== null ? `:${url.port}` : ''}`;
    default:
        return 'null';
    }
}

/** The "URL parser" (without blob URL entries): parse input against base. */
export function parseURL(input, base = undefined) {
    let baseRecord = null;
    if (base !== undefined) {
        baseRecord = basicURLParse(toUSVString(base));
        if (baseRecord === FAILURE)
            return null;
    }
    const record = basicURLParse(toUSVString(input), baseRecord);
    return record === FAILURE ? null : record;
}

/* application/x-www-form-urlencoded (URL §5) */

/** URL §5.1 application/x-www-form-urlencoded parser. */
export function parseURLEncoded(input) {
    const bytes = typeof input === 'string' ? encoder.encode(input) : input;
    const output = [];
    let start = 0;
    for (let i = 0; i <= bytes.length; i++) {
        if (i < bytes.length && bytes[i] !== 0x26)
            continue;
        const sequence = bytes.subarray(start, i);
        start = i + 1;
        if (sequence.length === 0)
            continue;
        let eq = sequence.indexOf(0x3D);
        if (eq < 0)
            eq = sequence.length;
        const name = sequence.slice(0, eq).map(b => (b === 0x2B ? 0x20 : b));
        const value = sequence.slice(eq + 1).map(b => (b === 0x2B ? 0x20 : b));
        output.push([
            utf8DecodeWithoutBOM(percentDecodeBytes(name)),
            utf8DecodeWithoutBOM(percentDecodeBytes(value)),
        ]);
    }
    return output;
}

/** URL §5.2 application/x-www-form-urlencoded serializer. */
export function serializeURLEncoded(tuples) {
    return tuples.map(([name, value]) =>
        `${utf8PercentEncodeString(name, inURLEncoded, true)}=${utf8PercentEncodeString(value, inURLEncoded, true)}`)
        .join('&');
}

/* URLSearchParams (URL §6.2) */

const paramsData = new WeakMap();

function paramsState(params) {
    const s = paramsData.get(params);
    if (s === undefined)
        throw new TypeError('Not a URLSearchParams.');
    return s;
}

/** URL §6.2 "update" steps: the URL object's query follows the list. */
function updateParams(s) {
    if (s.urlObject === null)
        return;
    const record = urlState(s.urlObject);
    const serialized = serializeURLEncoded(s.list);
    record.query = serialized === '' ? null : serialized;
    if (record.query === null)
        stripTrailingSpacesFromOpaquePath(record);
}

export class URLSearchParams {
    constructor(init = '') {
        const list = [];
        paramsData.set(this, {list, urlObject: null});
        if (init !== null && (typeof init === 'object' || typeof init === 'function')) {
            const sequence = iterableToArray(init);
            if (sequence !== null) {
                for (const pair of sequence) {
                    if (pair === null || (typeof pair !== 'object' && typeof pair !== 'function'))
                        throw new TypeError('URLSearchParams: each pair must be a sequence.');
                    const items = iterableToArray(pair);
                    if (items === null)
                        throw new TypeError('URLSearchParams: each pair must be a sequence.');
                    if (items.length !== 2)
                        throw new TypeError('URLSearchParams: each pair must have exactly two items.');
                    list.push([toUSVString(items[0]), toUSVString(items[1])]);
                }
            } else {
                list.push(...toRecord(init, toUSVString, toUSVString));
            }
        } else {
            let s = toUSVString(init);
            if (s.startsWith('?'))
                s = s.slice(1);
            list.push(...parseURLEncoded(s));
        }
    }

    get size() {
        return paramsState(this).list.length;
    }

    append(name, value) {
        requireArgs(arguments.length, 2, 'URLSearchParams.append');
        const s = paramsState(this);
        s.list.push([toUSVString(name), toUSVString(value)]);
        updateParams(s);
    }

    delete(name, value = undefined) {
        requireArgs(arguments.length, 1, 'URLSearchParams.delete');
        const s = paramsState(this);
        name = toUSVString(name);
        if (value !== undefined) {
            value = toUSVString(value);
            s.list = s.list.filter(([n, v]) => n !== name || v !== value);
        } else {
            s.list = s.list.filter(([n]) => n !== name);
        }
        updateParams(s);
    }

    get(name) {
        requireArgs(arguments.length, 1, 'URLSearchParams.get');
        name = toUSVString(name);
        const pair = paramsState(this).list.find(([n]) => n === name);
        return pair ? pair[1] : null;
    }

    getAll(name) {
        requireArgs(arguments.length, 1, 'URLSearchParams.getAll');
        name = toUSVString(name);
        return paramsState(this).list.filter(([n]) => n === name).map(([, v]) => v);
    }

    has(name, value = undefined) {
        requireArgs(arguments.length, 1, 'URLSearchParams.has');
        name = toUSVString(name);
        const {list} = paramsState(this);
        if (value !== undefined) {
            value = toUSVString(value);
            return list.some(([n, v]) => n === name && v === value);
        }
        return list.some(([n]) => n === name);
    }

    set(name, value) {
        requireArgs(arguments.length, 2, 'URLSearchParams.set');
        const s = paramsState(this);
        name = toUSVString(name);
        value = toUSVString(value);
        const i = s.list.findIndex(([n]) => n === name);
        if (i < 0) {
            s.list.push([name, value]);
        } else {
            s.list[i] = [name, value];
            s.list = s.list.filter(([n], j) => n !== name || j <= i);
        }
        updateParams(s);
    }

    sort() {
        const s = paramsState(this);
        // A stable sort by UTF-16 code units of the names, which is what
        // comparing JS strings with < does.
        s.list = s.list.map((pair, i) => [pair, i])
            .sort(([a, i], [b, j]) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : i - j))
            .map(([pair]) => pair);
        updateParams(s);
    }

    toString() {
        return serializeURLEncoded(paramsState(this).list);
    }
}
definePairIterable(URLSearchParams, 'URLSearchParams', o => paramsState(o).list);
defineToStringTag(URLSearchParams);

/** The name-value pairs of a URLSearchParams (for BodyInit). */
export function searchParamsList(params) {
    return paramsState(params).list;
}

/* URL (URL §6.1) */

const urlData = new WeakMap();

function urlState(url) {
    const s = urlData.get(url);
    if (s === undefined)
        throw new TypeError('Not a URL.');
    return s.record;
}

function setRecord(url, record) {
    const s = urlData.get(url);
    s.record = record;
    const params = paramsState(s.searchParams);
    params.list = record.query === null ? [] : parseURLEncoded(record.query);
}

/** A hook for URL.createObjectURL(), set by the Fetch module. */
export const objectURLHooks = {
    create: null,
    revoke: null,
};

export class URL {
    constructor(url, base = undefined) {
        requireArgs(arguments.length, 1, 'URL constructor');
        url = toUSVString(url);
        let baseRecord = null;
        if (base !== undefined) {
            baseRecord = basicURLParse(toUSVString(base));
            if (baseRecord === FAILURE)
                throw new TypeError(`Invalid base URL: “${base}”.`);
        }
        const record = basicURLParse(url, baseRecord);
        if (record === FAILURE)
            throw new TypeError(`Invalid URL: “${url}”.`);
        const searchParams = new URLSearchParams();
        urlData.set(this, {record, searchParams});
        setRecord(this, record);
        paramsState(searchParams).urlObject = this;
    }

    static parse(url, base = undefined) {
        requireArgs(arguments.length, 1, 'URL.parse');
        try {
            return base === undefined ? new URL(url) : new URL(url, base);
        } catch (e) {
            if (e instanceof TypeError)
                return null;
            throw e;
        }
    }

    static canParse(url, base = undefined) {
        requireArgs(arguments.length, 1, 'URL.canParse');
        return parseURL(url, base) !== null;
    }

    static createObjectURL(obj) {
        requireArgs(arguments.length, 1, 'URL.createObjectURL');
        if (objectURLHooks.create === null)
            throw new TypeError('URL.createObjectURL: no blob URL store.');
        return objectURLHooks.create(obj);
    }

    static revokeObjectURL(url) {
        requireArgs(arguments.length, 1, 'URL.revokeObjectURL');
        objectURLHooks.revoke?.(toUSVString(url));
    }

    get href() {
        return serializeURL(urlState(this));
    }

    set href(value) {
        value = toUSVString(value);
        const record = basicURLParse(value);
        if (record === FAILURE)
            throw new TypeError(`Invalid URL: “${value}”.`);
        setRecord(this, record);
    }

    get origin() {
        return serializeOrigin(urlState(this));
    }

    get protocol() {
        return `${urlState(this).scheme}:`;
    }

    set protocol(value) {
        basicURLParse(`${toUSVString(value)}:`, null, urlState(this), S.SCHEME_START);
    }

    get username() {
        return urlState(this).username;
    }

    set username(value) {
        const record = urlState(this);
        value = toUSVString(value);
        if (cannotHaveUsernamePasswordPort(record))
            return;
        record.username = utf8PercentEncodeString(value, inUserinfo);
    }

    get password() {
        return urlState(this).password;
    }

    set password(value) {
        const record = urlState(this);
        value = toUSVString(value);
        if (cannotHaveUsernamePasswordPort(record))
            return;
        record.password = utf8PercentEncodeString(value, inUserinfo);
    }

    get host() {
        const record = urlState(this);
        if (record.host === null)
            return '';
        if (record.port === null)
            return record.host;
        return `${record.host}:${record.port}`;
    }

    set host(value) {
        const record = urlState(this);
        value = toUSVString(value);
        if (hasOpaquePath(record))
            return;
        basicURLParse(value, null, record, S.HOST);
    }

    get hostname() {
        return urlState(this).host ?? '';
    }

    set hostname(value) {
        const record = urlState(this);
        value = toUSVString(value);
        if (hasOpaquePath(record))
            return;
        basicURLParse(value, null, record, S.HOSTNAME);
    }

    get port() {
        const {port} = urlState(this);
        return port === null ? '' : String(port);
    }

    set port(value) {
        const record = urlState(this);
        value = toUSVString(value);
        if (cannotHaveUsernamePasswordPort(record))
            return;
        if (value === '')
            record.port = null;
        else
            basicURLParse(value, null, record, S.PORT);
    }

    get pathname() {
        return serializePath(urlState(this));
    }

    set pathname(value) {
        const record = urlState(this);
        value = toUSVString(value);
        if (hasOpaquePath(record))
            return;
        record.path = [];
        basicURLParse(value, null, record, S.PATH_START);
    }

    get search() {
        const {query} = urlState(this);
        return query === null || query === '' ? '' : `?${query}`;
    }

    set search(value) {
        const record = urlState(this);
        value = toUSVString(value);
        const params = paramsState(urlData.get(this).searchParams);
        if (value === '') {
            record.query = null;
            params.list = [];
            stripTrailingSpacesFromOpaquePath(record);
            return;
        }
        const input = value.startsWith('?') ? value.slice(1) : value;
        record.query = '';
        basicURLParse(input, null, record, S.QUERY);
        params.list = parseURLEncoded(input);
    }

    get searchParams() {
        urlState(this);
        return urlData.get(this).searchParams;
    }

    get hash() {
        const {fragment} = urlState(this);
        return fragment === null || fragment === '' ? '' : `#${fragment}`;
    }

    set hash(value) {
        const record = urlState(this);
        value = toUSVString(value);
        if (value === '') {
            record.fragment = null;
            stripTrailingSpacesFromOpaquePath(record);
            return;
        }
        const input = value.startsWith('#') ? value.slice(1) : value;
        record.fragment = '';
        basicURLParse(input, null, record, S.FRAGMENT);
    }

    toString() {
        return this.href;
    }

    toJSON() {
        return this.href;
    }
}
defineToStringTag(URL);

makeEnumerable(URL);
makeEnumerable(URLSearchParams);
