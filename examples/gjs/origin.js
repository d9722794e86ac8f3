// SPDX-License-Identifier: LGPL-2.1-or-later
// origin.js: fetch as a web page does, for a web-view helper.
//
//     gjs -m origin.js PAGE_URL URL...
//
// A Client with the page's origin and base URL: each URL (relative ones
// resolve against the page) is fetched in the three request modes, and
// the response type (basic, cors, opaque) or the error is printed, as a
// script of that page would see it in a browser.

import Fetch from 'gi://Fetch?version=1.0';
import System from 'system';

const {Client} = await import(Fetch.WEB_MODULE_URI ?? '../../bindings/gjs/fetch.js');

if (ARGV.length < 2) {
    printerr('usage: gjs -m origin.js PAGE_URL URL...');
    System.exit(2);
}
const [pageURL, ...urls] = ARGV;

const page = new Client({origin: pageURL, baseURL: pageURL});
// The page's own fetch and Request, as its scripts would have them.
const {fetch} = page;
print(`as ${page.origin}, based at ${page.baseURL}`);

for (const url of urls) {
    for (const mode of ['same-origin', 'cors', 'no-cors']) {
        try {
            const response = await fetch(url, {mode});
            print(`${url} [${mode}]: ${response.type} ${response.status} ${response.url || '(no URL)'}`);
            await response.body?.cancel();
        } catch (e) {
            print(`${url} [${mode}]: ${e.name}: ${e.message}`);
        }
    }
}
