// SPDX-License-Identifier: LGPL-2.1-or-later
// The GI overrides of the Fetch namespace (bindings/gjs/overrides/Fetch.js),
// loaded by GJS from GJS_PATH: Promise forms of the _async methods, and
// the URI of the WHATWG module.

import Fetch from 'gi://Fetch?version=1.0';
import GLib from 'gi://GLib';

import * as web from '../../bindings/gjs/fetch.js';
import {test, done, assert, assertEq, assertIs, startServer, utf8} from './harness.js';

const {url} = startServer();

await test('the override gives the module URIs', async () => {
    assert(typeof Fetch.WEB_MODULE_URI === 'string', 'WEB_MODULE_URI is set (GJS_PATH has the overrides)');
    assert(Fetch.WEB_MODULE_URI.startsWith('file:///') && Fetch.WEB_MODULE_URI.endsWith('/fetch.js'), Fetch.WEB_MODULE_URI);
    assert(Fetch.WEB_GLOBAL_MODULE_URI.endsWith('/global.js'), Fetch.WEB_GLOBAL_MODULE_URI);
    const imported = await import(Fetch.WEB_MODULE_URI);
    assertIs(imported.fetch, web.fetch);
});

await test('Client.fetch_async and fetch_with_controller_async return promises', async () => {
    const client = Fetch.Client.get_default();
    const request = Fetch.Request.new(url('/json'), null);
    const promise = client.fetch_async(request, null);
    assert(promise instanceof Promise);
    const response = await promise;
    assert(response instanceof Fetch.Response);
    assertEq(response.get_status(), 200);
    const text = await response.text_async(null);
    assertEq(JSON.parse(text).hello, 'world');
    const controller = Fetch.Controller.new();
    let progress = 0;
    controller.connect('download-progress', (c, received) => {
        progress = Number(received);
    });
    const big = await client.fetch_with_controller_async(Fetch.Request.new(url('/large?size=100000'), null), controller, null);
    const bytes = await big.bytes_async(null);
    assertEq(bytes.get_size(), 100000);
    assertEq(progress, 100000);
});

await test('Client.fetch_url_async returns a promise (fetch(url, init))', async () => {
    const client = Fetch.Client.new();
    const init = Fetch.RequestInit.new();
    init.set_method('DELETE');
    const response = await client.fetch_url_async(url('/echo'), init, null);
    assert(response instanceof Fetch.Response);
    assertEq(response.get_status(), 200);
    let error = null;
    try {
        await client.fetch_url_async('http://exa mple.com/', null, null);
    } catch (e) {
        error = e;
    }
    assert(error !== null && error.matches(Fetch.Error, Fetch.Error.TYPE), `${error}`);
});

await test('Fetch.fetch_async returns a promise', async () => {
    const init = Fetch.RequestInit.new();
    init.set_method('POST');
    init.set_body(Fetch.BodyInit.new_string('posted'));
    const response = await Fetch.fetch_async(url('/echo'), init, null);
    assertEq(JSON.parse(await response.text_async(null)).body, 'posted');
});

await test('body methods of Request and Response return promises', async () => {
    const request = () => {
        const init = Fetch.RequestInit.new();
        init.set_method('POST');
        init.set_body(Fetch.BodyInit.new_blob(new GLib.Bytes(utf8('{"k": 1}')), 'application/json'));
        return Fetch.Request.new('https://example.com/', init);
    };
    const response = () => Fetch.Response.new(Fetch.BodyInit.new_urlencoded(['a', '1']), null);
    for (const make of [request, response]) {
        assertEq((await make().bytes_async(null)).get_size() > 0, true);
        assert(typeof await make().text_async(null) === 'string');
        const [blob, type] = await make().blob_async(null);
        assert(blob.get_size() > 0 && typeof type === 'string', `${type}`);
    }
    const node = await request().json_async(null);
    assertEq(node.get_object().get_int_member('k'), 1);
    const fd = await response().form_data_async(null);
    assertEq(fd.get('a').get_value(), '1');
});

await test('the callback form still works', async () => {
    const text = await new Promise((resolve, reject) => {
        Fetch.Response.new(Fetch.BodyInit.new_string('cb'), null).text_async(null, (source, result) => {
            try {
                resolve(source.text_finish(result));
            } catch (e) {
                reject(e);
            }
        });
    });
    assertEq(text, 'cb');
});

done();
