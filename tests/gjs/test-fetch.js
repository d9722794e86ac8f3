// SPDX-License-Identifier: LGPL-2.1-or-later
// The Fetch objects through GObject introspection, as GJS sees them.
import Fetch from 'gi://Fetch?version=1.0';
import GLib from 'gi://GLib';
import Gio from 'gi://Gio';
import System from 'system';

Gio._promisify(Fetch.Request.prototype, 'text_async', 'text_finish');
Gio._promisify(Fetch.Response.prototype, 'text_async', 'text_finish');
Gio._promisify(Fetch.Response.prototype, 'bytes_async', 'bytes_finish');

let passed = 0, failed = 0;
async function test(name, fn) {
    try {
        await fn();
        passed++;
        print(`ok - ${name}`);
    } catch (e) {
        failed++;
        printerr(`not ok - ${name}: ${e}\n${e.stack ?? ''}`);
    }
}
function assertEq(actual, expected) {
    const a = JSON.stringify(actual), b = JSON.stringify(expected);
    if (a !== b)
        throw new Error(`expected ${b}, got ${a}`);
}
function assertThrowsType(fn) {
    try {
        fn();
    } catch (e) {
        if (e.matches?.(Fetch.error_quark(), Fetch.Error.TYPE))
            return;
        throw new Error(`wrong error: ${e}`);
    }
    throw new Error('did not throw');
}

await test('headers combine and iterate', () => {
    const h = Fetch.Headers.new();
    h.append('Accept', 'a');
    h.append('accept', 'b');
    h.append('Set-Cookie', 'x=1');
    h.append('Set-Cookie', 'y=2');
    assertEq(h.get('ACCEPT'), 'a, b');
    assertEq(h.get_set_cookie(), ['x=1', 'y=2']);
    assertEq(h.get_entries(), ['accept', 'a, b', 'set-cookie', 'x=1', 'set-cookie', 'y=2']);
});

await test('invalid header value is a TypeError', () => {
    const h = Fetch.Headers.new();
    assertThrowsType(() => h.set('x', 'a\nb'));
    assertEq(h.get_entries(), []);
});

await test('request body reads as text', async () => {
    const init = Fetch.RequestInit.new();
    init.set_method('PUT');
    init.set_body(Fetch.BodyInit.new_string('héllo'));
    const req = Fetch.Request.new('http://example.com:80/x', init);
    assertEq(req.get_url(), 'http://example.com/x');
    assertEq(req.get_method(), 'PUT');
    assertEq(await req.text_async(null), 'héllo');
    assertEq(req.get_body_used(), true);
    assertThrowsType(() => req.clone());
});

await test('forbidden method is a TypeError', () => {
    const init = Fetch.RequestInit.new();
    init.set_method('TRACE');
    assertThrowsType(() => Fetch.Request.new('https://example.com/', init));
});

await test('response clone tees the body', async () => {
    const resp = Fetch.Response.new(Fetch.BodyInit.new_string('abc'), null);
    const copy = resp.clone();
    assertEq(await resp.text_async(null), 'abc');
    const bytes = await copy.bytes_async(null);
    assertEq(new TextDecoder().decode(bytes.toArray()), 'abc');
});

await test('Response.redirect validates its status', () => {
    const r = Fetch.Response.redirect('https://example.com/n', 307);
    assertEq(r.get_status(), 307);
    assertThrowsType(() => Fetch.Response.redirect('https://example.com/', 299));
});

print(`${passed} passed, ${failed} failed`);
if (failed)
    System.exit(1);
