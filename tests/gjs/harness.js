// SPDX-License-Identifier: LGPL-2.1-or-later
// harness.js: a small test harness for the GJS suites of the WHATWG API
// (tests/gjs/test-web-*.js), and the local HTTP server they fetch from.
//
// Expected values are what a browser's fetch() gives (the Fetch, URL,
// DOM and File API standards), not what the code happens to return.

import GLib from 'gi://GLib';
import Gio from 'gi://Gio';
import Soup from 'gi://Soup?version=3.0';
import System from 'system';

let passed = 0, failed = 0, todo = 0;
const only = GLib.getenv('FETCH_TEST_ONLY');

/**
 * Runs one test; a test is a (possibly async) function that throws on
 * failure.
 *
 * @param {string} name the test's name
 * @param {Function} fn the test
 */
export async function test(name, fn) {
    if (only && !name.includes(only))
        return;
    try {
        await fn();
        passed++;
        print(`ok - ${name}`);
    } catch (e) {
        failed++;
        print(`not ok - ${name}`);
        printerr(`# ${name}: ${e}${e?.cause ? ` (cause: ${e.cause})` : ''}\n${e?.stack ?? ''}`);
    }
}

/**
 * A test of behaviour the library does not have yet (a later issue): its
 * failure is reported as TODO and not counted as failed, its success is
 * counted as passed.
 *
 * @param {string} name the test's name
 * @param {string} why what is missing
 * @param {Function} fn the test
 */
export async function todoTest(name, why, fn) {
    if (only && !name.includes(only))
        return;
    try {
        await fn();
        passed++;
        print(`ok - ${name} # TODO passes now: ${why}`);
    } catch (e) {
        todo++;
        print(`not ok - ${name} # TODO ${why}`);
        printerr(`# (todo) ${name}: ${e}`);
    }
}

/** Prints the summary line and exits non-zero if anything failed. */
export function done() {
    if (todo)
        print(`# ${todo} todo (not counted)`);
    print(`${passed} passed, ${failed} failed`);
    System.exit(failed ? 1 : 0);
}

function show(value) {
    if (typeof value === 'string')
        return JSON.stringify(value);
    if (value instanceof Uint8Array)
        return `Uint8Array[${[...value]}]`;
    try {
        return JSON.stringify(value) ?? String(value);
    } catch {
        return String(value);
    }
}

export function assert(condition, message = 'assertion failed') {
    if (!condition)
        throw new Error(message);
}

/** Deep equality by JSON serialization (arrays, plain objects, primitives). */
export function assertEq(actual, expected, what = '') {
    const a = show(actual), b = show(expected);
    if (a !== b || typeof actual !== typeof expected)
        throw new Error(`${what ? `${what}: ` : ''}expected ${b}, got ${a}`);
}

export function assertIs(actual, expected, what = '') {
    if (!Object.is(actual, expected))
        throw new Error(`${what ? `${what}: ` : ''}expected ${show(expected)}, got ${show(actual)}`);
}

function checkError(e, type, name, messagePart) {
    if (type && !(e instanceof type))
        throw new Error(`expected a ${type.name}, got ${e?.constructor?.name}: ${e}`);
    if (name && e?.name !== name)
        throw new Error(`expected an error named ${name}, got ${e?.name}: ${e}`);
    if (messagePart && !String(e?.message).includes(messagePart))
        throw new Error(`expected a message with “${messagePart}”, got “${e?.message}”`);
    return e;
}

/**
 * Asserts that fn throws; returns the error.
 *
 * @param {Function} fn the function
 * @param {Function} [type] the error's class (TypeError, RangeError...)
 * @param {string} [name] the error's name ('AbortError'...)
 * @param {string} [messagePart] a part of the message
 * @returns {*} the error
 */
export function assertThrows(fn, type = undefined, name = undefined, messagePart = undefined) {
    try {
        fn();
    } catch (e) {
        return checkError(e, type, name, messagePart);
    }
    throw new Error(`did not throw${type ? ` a ${type.name}` : ''}`);
}

/** Asserts that a promise rejects; returns the reason. */
export async function assertRejects(promise, type = undefined, name = undefined, messagePart = undefined) {
    if (typeof promise === 'function')
        promise = promise();
    if (!(promise instanceof Promise))
        throw new Error(`expected a promise, got ${promise}`);
    try {
        await promise;
    } catch (e) {
        return checkError(e, type, name, messagePart);
    }
    throw new Error(`did not reject${type ? ` with a ${type.name}` : ''}`);
}

export const delay = ms => new Promise(resolve => setTimeout(resolve, ms));

export const utf8 = s => new TextEncoder().encode(s);
export const fromUtf8 = b => new TextDecoder().decode(b);

/* The local server */

function respond(msg, status, body = '', type = 'text/plain', headers = {}) {
    msg.set_status(status, null);
    const h = msg.get_response_headers();
    for (const [name, value] of Object.entries(headers))
        h.append(name, value);
    const bytes = typeof body === 'string' ? utf8(body) : body;
    msg.set_response(type, Soup.MemoryUse.COPY, bytes);
}

function queryOf(query) {
    return query ? Object.fromEntries(Object.entries(query)) : {};
}

// Sends a chunked body: count chunks of size bytes, every interval ms;
// the second one hold ms after the first, if hold is set. The message is
// paused while there is nothing to send, so each chunk goes out as it is
// appended.
function sendChunks(msg, {count, size, interval = 0, fill = 0x61, holdAfterFirst = 0}) {
    msg.set_status(200, null);
    const h = msg.get_response_headers();
    h.set_encoding(Soup.Encoding.CHUNKED);
    h.set_content_type('application/octet-stream', null);
    const body = msg.get_response_body();
    const chunk = new Uint8Array(size).fill(fill);
    let sent = 0;
    const step = () => {
        body.append(chunk);
        sent++;
        if (sent >= count)
            body.complete();
        msg.unpause();
        if (sent >= count)
            return;
        const wait = sent === 1 && holdAfterFirst ? holdAfterFirst : interval;
        GLib.timeout_add(GLib.PRIORITY_DEFAULT, wait, () => {
            step();
            return GLib.SOURCE_REMOVE;
        });
    };
    msg.pause();
    GLib.idle_add(GLib.PRIORITY_DEFAULT, () => {
        step();
        return GLib.SOURCE_REMOVE;
    });
}

/**
 * Starts the test server on 127.0.0.1 (an ephemeral port). Routes:
 *   /echo[...]        JSON: method, path, query, headers (as sent), body
 *   /status/N         status N with reason phrase "Status N"
 *   /redirect/N?to=U  a redirect of status N to U (relative allowed)
 *   /redirect-loop    a redirect to itself
 *   /large?size=N     N bytes (a, b, c... pattern), with Content-Length
 *   /chunks?count=&size=&interval=&hold=   a chunked body, paced
 *   /slow-headers?ms=N  headers after N ms
 *   /cookie/set?name=value, /cookie/get   set and read cookies
 *   /cors?origin=O    a CORS response allowing origin O (or none)
 *   /json             {"hello": "world"}
 *   /headers          response headers from the query, e.g. ?X-A=1
 *
 * @returns {{server: Soup.Server, url: function(string): string, base: string, hits: Map}}
 */
export function startServer() {
    const server = new Soup.Server();
    const hits = new Map();
    server.add_handler(null, (srv, msg, path, query) => {
        hits.set(path, (hits.get(path) ?? 0) + 1);
        query = queryOf(query);
        if (path.startsWith('/echo')) {
            const headers = [];
            msg.get_request_headers().foreach((name, value) => headers.push([name.toLowerCase(), value]));
            const bodyBytes = msg.get_request_body().flatten().toArray();
            respond(msg, 200, JSON.stringify({
                method: msg.get_method(),
                path,
                query: msg.get_uri().get_query(),
                headers,
                body: fromUtf8(bodyBytes),
                bodyBytes: [...bodyBytes.subarray(0, 64)],
                bodyLength: bodyBytes.length,
            }), 'application/json');
        } else if (path.startsWith('/status/')) {
            const status = Number(path.slice(8));
            msg.set_status(status, `Status ${status}`);
            if (status !== 204 && status !== 304)
                msg.set_response('text/plain', Soup.MemoryUse.COPY, utf8(`status ${status}`));
        } else if (path.startsWith('/redirect/')) {
            const status = Number(path.slice(10));
            msg.set_status(status, null);
            msg.get_response_headers().append('Location', query.to ?? '/echo');
        } else if (path === '/redirect-loop') {
            msg.set_status(302, null);
            msg.get_response_headers().append('Location', '/redirect-loop');
        } else if (path === '/large') {
            const size = Number(query.size ?? 1048576);
            const bytes = new Uint8Array(size);
            for (let i = 0; i < size; i++)
                bytes[i] = 0x61 + (i % 26);
            respond(msg, 200, bytes, 'application/octet-stream');
        } else if (path === '/chunks') {
            sendChunks(msg, {
                count: Number(query.count ?? 4), size: Number(query.size ?? 1024),
                interval: Number(query.interval ?? 10), holdAfterFirst: Number(query.hold ?? 0),
            });
        } else if (path === '/slow-headers') {
            msg.pause();
            GLib.timeout_add(GLib.PRIORITY_DEFAULT, Number(query.ms ?? 2000), () => {
                respond(msg, 200, 'late');
                msg.unpause();
                return GLib.SOURCE_REMOVE;
            });
        } else if (path === '/cookie/set') {
            msg.set_status(200, null);
            for (const [name, value] of Object.entries(query))
                msg.get_response_headers().append('Set-Cookie', `${name}=${value}; Path=/`);
            msg.set_response('text/plain', Soup.MemoryUse.COPY, utf8('set'));
        } else if (path === '/cookie/get') {
            respond(msg, 200, msg.get_request_headers().get_one('Cookie') ?? '');
        } else if (path === '/cors') {
            const headers = {};
            if (query.origin)
                headers['Access-Control-Allow-Origin'] = query.origin;
            headers['X-Secret'] = 'hidden';
            headers['X-Exposed'] = 'shown';
            headers['Access-Control-Expose-Headers'] = 'X-Exposed';
            respond(msg, 200, 'cors body', 'text/plain', headers);
        } else if (path === '/json') {
            respond(msg, 200, '{"hello": "world", "n": [1, 2]}', 'application/json');
        } else if (path === '/headers') {
            respond(msg, 200, 'headers', 'text/plain', query);
        } else {
            respond(msg, 404, 'not found');
        }
    });
    server.listen(Gio.InetSocketAddress.new_from_string('127.0.0.1', 0), 0);
    const uri = server.get_uris()[0];
    const base = `http://127.0.0.1:${uri.get_port()}`;
    return {server, base, hits, url: path => `${base}${path}`};
}
