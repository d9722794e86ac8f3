// SPDX-License-Identifier: LGPL-2.1-or-later
// get.js: fetch a URL with the WHATWG fetch() and print the response.
//
//     gjs -m get.js URL
//
// Prints the status line and the headers (sorted and combined, as
// Headers iterates), then the body: pretty-printed if it is JSON, as
// text otherwise. A network error, a bad URL or a non-2xx status exits
// with status 1.

import Fetch from 'gi://Fetch?version=1.0';
import System from 'system';

// The WHATWG API: where the override says it is installed, else next to
// this file in the source tree (see docs/gjs-guide.md).
const {fetch} = await import(Fetch.WEB_MODULE_URI ?? '../../bindings/gjs/fetch.js');

if (ARGV.length !== 1) {
    printerr('usage: gjs -m get.js URL');
    System.exit(2);
}

try {
    const response = await fetch(ARGV[0]);
    print(`${response.status} ${response.statusText}`);
    for (const [name, value] of response.headers)
        print(`${name}: ${value}`);
    print();
    const type = response.headers.get('content-type') ?? '';
    if (/[/+]json(;|$)/.test(type))
        print(JSON.stringify(await response.json(), null, 2));
    else
        print(await response.text());
    if (!response.ok)
        System.exit(1);
} catch (e) {
    // TypeError: a bad URL or a network error (the GLib.Error in e.cause);
    // SyntaxError: a JSON body that is not JSON.
    printerr(`get: ${e.name}: ${e.message}`);
    System.exit(1);
}
