// SPDX-License-Identifier: LGPL-2.1-or-later
// global.js and globalThis.location: importing global.js installs the API
// on globalThis, and where the runtime has a location (as Deno's
// --location gives, or a web view), the default client takes its URL as
// base URL and its origin as origin. A separate process from the other
// suites, as the default client reads location when first used.

import {test, done, assertEq, assertIs, assertRejects, startServer} from './harness.js';

const {base, url} = startServer();
globalThis.location = {href: `${base}/echo/dir/page?q=1#h`, origin: base};

const NAMES = ['fetch', 'Headers', 'Request', 'Response', 'FormData', 'AbortController', 'AbortSignal',
    'DOMException', 'Event', 'EventTarget', 'URL', 'URLSearchParams', 'Blob', 'File'];

for (const name of NAMES)
    assertIs(globalThis[name], undefined, `GJS has no ${name} of its own`);
const module = await import('../../bindings/gjs/global.js');

await test('global.js installs the API on globalThis', () => {
    for (const name of NAMES) {
        assertEq(typeof globalThis[name], 'function', name);
        assertIs(globalThis[name], module[name], `${name} is the module's`);
        assertIs(Object.getOwnPropertyDescriptor(globalThis, name).enumerable, false, `${name} is not enumerable`);
    }
    // Already there: nothing more to install, unless forced.
    assertEq(module.installGlobals(), []);
    assertEq(module.installGlobals({force: true}).sort(), [...NAMES].sort());
});

await test('the default client follows globalThis.location', async () => {
    const client = module.getDefaultClient();
    assertEq(client.baseURL, `${base}/echo/dir/page?q=1#h`);
    assertEq(client.origin, base);
    const response = await fetch('sub?x=1');
    assertEq(response.url, `${base}/echo/dir/sub?x=1`);
    assertEq(response.type, 'basic');
    assertEq((await response.json()).path, '/echo/dir/sub');
    assertEq(new Request('../r').url, `${base}/echo/r`);
    assertEq(Response.redirect('/x').headers.get('location'), `${base}/x`);
});

await test('a same-origin request carries the referrer of the client', async () => {
    const data = await (await fetch('/echo/ref', {referrer: '/echo/from'})).json();
    const referer = data.headers.find(([n]) => n === 'referer')?.[1];
    assertEq(referer, `${base}/echo/from`);
});

await test('another origin is cross-origin: CORS applies', async () => {
    const other = url('/cors').replace('127.0.0.1', 'localhost');
    await assertRejects(fetch(other), TypeError);
    const opaque = await fetch(other, {mode: 'no-cors'});
    assertEq([opaque.type, opaque.status], ['opaque', 0]);
});

done();
