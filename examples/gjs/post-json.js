// SPDX-License-Identifier: LGPL-2.1-or-later
// post-json.js: POST a JSON document with a client of its own.
//
//     gjs -m post-json.js BASE_URL PATH JSON
//
// The client's base URL makes PATH relative to BASE_URL, as a page's URL
// does in a browser. Prints the response, as JSON if it is.

import Fetch from 'gi://Fetch?version=1.0';
import System from 'system';

const {Client} = await import(Fetch.WEB_MODULE_URI ?? '../../bindings/gjs/fetch.js');

if (ARGV.length !== 3) {
    printerr('usage: gjs -m post-json.js BASE_URL PATH JSON');
    System.exit(2);
}
const [baseURL, path, json] = ARGV;

try {
    const api = new Client({baseURL, userAgent: 'post-json-example/1.0'});
    const response = await api.fetch(path, {
        method: 'POST',
        headers: {'Content-Type': 'application/json', 'Accept': 'application/json'},
        body: JSON.stringify(JSON.parse(json)),
    });
    print(`${response.status} ${response.statusText} ${response.url}`);
    const type = response.headers.get('content-type') ?? '';
    print(type.includes('json') ? JSON.stringify(await response.json(), null, 2) : await response.text());
    System.exit(response.ok ? 0 : 1);
} catch (e) {
    printerr(`post-json: ${e.name}: ${e.message}`);
    System.exit(1);
}
