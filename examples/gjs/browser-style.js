// SPDX-License-Identifier: LGPL-2.1-or-later
// browser-style.js: code written for a browser, unchanged.
//
//     gjs -m browser-style.js URL
//
// Importing global.js installs fetch, Headers, Request, Response,
// FormData, AbortController, AbortSignal, URL, URLSearchParams, Blob,
// File... on globalThis; the function below is plain browser code.

import Fetch from 'gi://Fetch?version=1.0';

await import(Fetch.WEB_GLOBAL_MODULE_URI ?? '../../bindings/gjs/global.js');

async function summarize(address) {
    const url = new URL(address);
    if (url.protocol === 'http:' || url.protocol === 'https:')
        url.searchParams.set('from', 'gjs');
    const response = await fetch(url, {headers: {Accept: 'text/plain, */*'}});
    const text = await response.text();
    return `${response.status} ${url.protocol} ${text.length} characters: ${text.slice(0, 60)}`;
}

print(await summarize(ARGV[0] ?? 'data:,Hello%20from%20a%20browser-style%20script'));
