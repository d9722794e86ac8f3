// SPDX-License-Identifier: LGPL-2.1-or-later
// abort.js: three ways to stop a fetch.
//
//     gjs -m abort.js URL [TIMEOUT_MS]
//
// 1. AbortSignal.timeout(): the fetch rejects with a "TimeoutError"
//    DOMException when the time is up;
// 2. an AbortController whose abort(reason) is called from a timer: the
//    fetch (or a body read in progress) rejects with that very reason;
// 3. AbortSignal.any(): whichever of several signals aborts first.

import Fetch from 'gi://Fetch?version=1.0';
import System from 'system';

const {fetch, AbortController, AbortSignal} = await import(Fetch.WEB_MODULE_URI ?? '../../bindings/gjs/fetch.js');

if (ARGV.length < 1 || ARGV.length > 2) {
    printerr('usage: gjs -m abort.js URL [TIMEOUT_MS]');
    System.exit(2);
}
const url = ARGV[0];
const timeout = Number(ARGV[1] ?? 1000);

async function attempt(what, signal) {
    try {
        const response = await fetch(url, {signal});
        const body = await response.arrayBuffer();     // the read can be aborted too
        print(`${what}: done, ${response.status}, ${body.byteLength} bytes`);
    } catch (e) {
        // An abort rejects with the signal's reason: a DOMException named
        // "AbortError" or "TimeoutError", or what was given to abort().
        print(`${what}: ${e.name}: ${e.message}`);
    }
}

await attempt('timeout', AbortSignal.timeout(timeout));

const controller = new AbortController();
setTimeout(() => controller.abort(new Error('stopped by the user')), timeout);
await attempt('controller', controller.signal);

const user = new AbortController();
await attempt('any', AbortSignal.any([user.signal, AbortSignal.timeout(timeout)]));
