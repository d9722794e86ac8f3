// SPDX-License-Identifier: LGPL-2.1-or-later
// Request and Response of the GJS Fetch module without the network: the
// constructors and their init dictionaries, the statics, the body mixin
// and body streams, judged as a browser's would be (Fetch §5.2-5.5).

import GLib from 'gi://GLib';
import Gio from 'gi://Gio';

import {
    AbortController, AbortSignal, Blob, BodyStream, Client, FormData, Headers, Request,
    Response, URL, URLSearchParams,
} from '../../bindings/gjs/fetch.js';
import {
    test, done, assert, assertEq, assertIs, assertThrows, assertRejects, utf8, fromUtf8,
} from './harness.js';

const URL_A = 'https://example.com/a?b#c';

/* Request */

await test('Request defaults', () => {
    const r = new Request(URL_A);
    assertEq(r.url, URL_A);
    assertEq(r.method, 'GET');
    assertEq(r.mode, 'cors');
    assertEq(r.credentials, 'same-origin');
    assertEq(r.cache, 'default');
    assertEq(r.redirect, 'follow');
    assertEq(r.referrer, 'about:client');
    assertEq(r.referrerPolicy, '');
    assertEq(r.integrity, '');
    assertEq(r.destination, '');
    assertEq(r.duplex, 'half');
    assertIs(r.keepalive, false);
    assertIs(r.isReloadNavigation, false);
    assertIs(r.isHistoryNavigation, false);
    assert(r.signal instanceof AbortSignal);
    assertIs(r.signal.aborted, false);
    assertIs(r.body, null);
    assertIs(r.bodyUsed, false);
    assert(r.headers instanceof Headers);
    assertEq([...r.headers], []);
    assertEq(Object.prototype.toString.call(r), '[object Request]');
    assertEq(new Request(new URL('http://h/x')).url, 'http://h/x');
});

await test('Request init members', () => {
    const controller = new AbortController();
    const r = new Request('https://example.com/', {
        method: 'post', headers: {'X-A': '1'}, body: 'b', referrer: '',
        referrerPolicy: 'no-referrer', mode: 'same-origin', credentials: 'include',
        cache: 'no-store', redirect: 'manual', integrity: 'sha256-abc', keepalive: true,
        signal: controller.signal, duplex: 'half', priority: 'high', window: null,
    });
    assertEq(r.method, 'POST');
    assertEq(r.headers.get('x-a'), '1');
    assertEq(r.headers.get('content-type'), 'text/plain;charset=UTF-8');
    assertEq(r.referrer, '');
    assertEq(r.referrerPolicy, 'no-referrer');
    assertEq(r.mode, 'same-origin');
    assertEq(r.credentials, 'include');
    assertEq(r.cache, 'no-store');
    assertEq(r.redirect, 'manual');
    assertEq(r.integrity, 'sha256-abc');
    assertIs(r.keepalive, true);
    assertIs(r.body instanceof BodyStream, true);
    // The request's signal is its own, following init's.
    assert(r.signal !== controller.signal);
    const reason = new Error('stop');
    controller.abort(reason);
    assertIs(r.signal.aborted, true);
    assertIs(r.signal.reason, reason);
    assertEq(new Request('https://example.com/', {method: 'patch'}).method, 'patch');
    assertEq(new Request('https://example.com/', {method: 'DeLeTe'}).method, 'DELETE');
    assertEq(new Request('https://example.com/', {cache: 'only-if-cached', mode: 'same-origin'}).cache, 'only-if-cached');
    assertEq(new Request('https://example.com/', {referrer: 'about:client'}).referrer, 'about:client');
    assertIs(new Request('https://example.com/', {signal: AbortSignal.abort('r')}).signal.aborted, true);
    assertEq(new Request('https://example.com/', {signal: null}).signal.aborted, false);
});

await test('Request: bad input is a TypeError', () => {
    const u = 'https://example.com/';
    const bad = [
        [u, {method: 'CONNECT'}], [u, {method: 'trace'}], [u, {method: 'a b'}], [u, {method: 'GE\0T'}],
        [u, {mode: 'navigate'}], [u, {mode: 'bogus'}], [u, {credentials: 'x'}], [u, {cache: 'x'}],
        [u, {redirect: 'x'}], [u, {referrerPolicy: 'x'}], [u, {duplex: 'full'}], [u, {priority: 'urgent'}],
        [u, {window: {}}], [u, {signal: {}}], [u, {headers: [['a']]}], [u, {body: 'x'}],
        [u, {method: 'HEAD', body: 'x'}], [u, {cache: 'only-if-cached'}],
        [u, {body: (async function* () {})(), method: 'POST'}],
        ['/relative', undefined], ['http://a b/', undefined], ['https://user:pw@example.com/', undefined],
        [u, 'not a dictionary'],
    ];
    for (const [input, init] of bad) {
        const e = assertThrows(() => new Request(input, init), TypeError);
        assert(e.message.length > 0, 'the error says why');
    }
    assertThrows(() => new Request(), TypeError);
    // Errors from the library carry its GLib.Error as the cause.
    const e = assertThrows(() => new Request(u, {method: 'TRACE'}), TypeError);
    assert(e.cause instanceof GLib.Error, `cause: ${e.cause}`);
});

await test('Request made from a Request', async () => {
    const a = new Request('https://example.com/x', {method: 'PUT', body: 'data', headers: {'X-A': '1'}});
    const b = new Request(a);
    assertEq([b.url, b.method, b.headers.get('x-a')], ['https://example.com/x', 'PUT', '1']);
    assertIs(a.bodyUsed, true);      // the body moved to b
    assertEq(await b.text(), 'data');
    assertThrows(() => new Request(a), TypeError);
    const c = new Request(new Request('https://example.com/', {method: 'POST', body: 'z'}), {method: 'PUT', headers: {}});
    assertEq([c.method, [...c.headers]], ['PUT', []]);
    assertEq(await c.text(), 'z');
    assertThrows(() => new Request(new Request('https://example.com/', {method: 'POST', body: 'z'}), {method: 'GET'}), TypeError);
    const withBody = new Request('https://example.com/', {method: 'POST', body: 'old'});
    const replaced = new Request(withBody, {body: 'new'});
    assertEq(await replaced.text(), 'new');
    // The signal follows the input's.
    const controller = new AbortController();
    const d = new Request(new Request('https://example.com/', {signal: controller.signal}));
    controller.abort();
    assertIs(d.signal.aborted, true);
});

await test('Request.clone', async () => {
    const controller = new AbortController();
    const a = new Request('https://example.com/', {method: 'POST', body: 'twice', headers: {'X-A': '1'}, signal: controller.signal});
    const b = a.clone();
    assertEq([b.url, b.method, b.headers.get('x-a')], [a.url, a.method, '1']);
    b.headers.set('x-a', '2');
    assertEq(a.headers.get('x-a'), '1');
    assertEq(await a.text(), 'twice');
    assertEq(await b.text(), 'twice');
    assertThrows(() => a.clone(), TypeError);
    controller.abort();
    assertIs(b.signal.aborted, true);
});

await test('Request with a client: base URL, origin and referrer', () => {
    const page = new Client({origin: 'https://example.com', baseURL: 'https://example.com/app/'});
    const r = new page.Request('api?q=1', {referrer: '/page'});
    assertEq(r.url, 'https://example.com/app/api?q=1');
    assertEq(r.referrer, 'https://example.com/page');
    assert(r instanceof Request, 'a client Request is a Request');
    // A cross-origin referrer falls back to the client.
    assertEq(new page.Request('x', {referrer: 'https://other.example/'}).referrer, 'about:client');
    assertThrows(() => new Request('api'), TypeError);
});

/* Response */

await test('Response defaults', async () => {
    const r = new Response();
    assertEq([r.status, r.ok, r.statusText, r.type, r.url, r.redirected], [200, true, '', 'default', '', false]);
    assertEq([...r.headers], []);
    assertIs(r.body, null);
    assertIs(r.bodyUsed, false);
    assertEq(await r.text(), '');
    assertIs(r.bodyUsed, false);     // a null body is never used
    assertEq(await r.text(), '');
    assertEq(Object.prototype.toString.call(r), '[object Response]');
});

await test('Response init: status, statusText, headers', () => {
    const r = new Response('x', {status: 404, statusText: 'Not Found', headers: [['X-A', '1']]});
    assertEq([r.status, r.ok, r.statusText, r.headers.get('x-a')], [404, false, 'Not Found', '1']);
    assertEq(new Response(null, {status: 299}).ok, true);
    assertEq(new Response(null, {status: 65536 + 201}).status, 201);    // unsigned short wraps
    assertEq(new Response(null, {status: '202'}).status, 202);
    for (const status of [0, 100, 101, 199, 600, 999])
        assertThrows(() => new Response(null, {status}), RangeError);
    assertThrows(() => new Response(null, {statusText: 'a\nb'}), TypeError);
    assertThrows(() => new Response(null, {statusText: 'caf€'}), TypeError);
    for (const status of [204, 205, 304])
        assertThrows(() => new Response('body', {status}), TypeError);
    assertEq(new Response(null, {status: 204}).status, 204);
});

await test('Response: an empty string body with a null body status', () => {
    // "" is a non-null body, so status 204 with it is a TypeError.
    assertThrows(() => new Response('', {status: 204}), TypeError);
});

await test('Response.error()', () => {
    const r = Response.error();
    assertEq([r.type, r.status, r.ok, r.statusText, r.url], ['error', 0, false, '', '']);
    assertIs(r.body, null);
    assertThrows(() => r.headers.set('a', 'b'), TypeError);
    assert(Response.error() !== Response.error(), 'a new object each time');
});

await test('Response.redirect()', () => {
    const r = Response.redirect('https://example.com/next?x#y', 301);
    assertEq([r.status, r.type, r.headers.get('location')], [301, 'default', 'https://example.com/next?x#y']);
    assertIs(r.body, null);
    assertEq(Response.redirect('https://example.com/').status, 302);
    for (const status of [303, 307, 308])
        assertEq(Response.redirect('https://example.com/', status).status, status);
    for (const status of [200, 300, 304, 309])
        assertThrows(() => Response.redirect('https://example.com/', status), RangeError);
    assertThrows(() => Response.redirect('/relative'), TypeError);
    assertThrows(() => Response.redirect('http://a b/'), TypeError);
    assertThrows(() => Response.redirect('https://example.com/', 299), RangeError);
    const page = new Client({baseURL: 'https://example.com/app/'});
    assertEq(page.Response.redirect('next').headers.get('location'), 'https://example.com/app/next');
    assertThrows(() => Response.redirect(), TypeError);
});

await test('Response.json()', async () => {
    const r = Response.json({a: [1, 'é'], b: null});
    assertEq(r.headers.get('content-type'), 'application/json');
    assertEq(r.status, 200);
    assertEq(await r.text(), '{"a":[1,"é"],"b":null}');
    const custom = Response.json('s', {status: 201, statusText: 'Made', headers: {'Content-Type': 'application/vnd.x+json'}});
    assertEq([custom.status, custom.statusText, custom.headers.get('content-type')], [201, 'Made', 'application/vnd.x+json']);
    assertEq(await custom.json(), 's');
    assertThrows(() => Response.json(undefined), TypeError);
    assertThrows(() => Response.json(() => {}), TypeError);
    assertThrows(() => Response.json(1n), TypeError);
    const mine = new Error('toJSON failed');
    try {
        Response.json({toJSON() {
            throw mine;
        }});
        throw new Error('did not throw');
    } catch (e) {
        assertIs(e, mine);
    }
    assertThrows(() => Response.json({}, {status: 100}), RangeError);
    assertThrows(() => Response.json(null, {status: 204}), TypeError);
    assertThrows(() => Response.json(), TypeError);
});

/* BodyInit and the body mixin */

const BODY_CASES = [
    ['string', () => 'héllo', 'text/plain;charset=UTF-8', utf8('héllo')],
    ['string with NUL', () => 'a\0b', 'text/plain;charset=UTF-8', new Uint8Array([97, 0, 98])],
    ['ArrayBuffer', () => new Uint8Array([1, 2, 3]).buffer, null, new Uint8Array([1, 2, 3])],
    ['Uint8Array view', () => new Uint8Array([9, 1, 2, 3, 9]).subarray(1, 4), null, new Uint8Array([1, 2, 3])],
    ['Int16Array', () => new Int16Array([0x0201]), null, new Uint8Array([1, 2])],
    ['DataView', () => new DataView(new Uint8Array([7, 8, 9]).buffer, 1, 2), null, new Uint8Array([8, 9])],
    ['Blob with a type', () => new Blob(['bl'], {type: 'text/x-b'}), 'text/x-b', utf8('bl')],
    ['Blob without a type', () => new Blob(['bl']), null, utf8('bl')],
    ['URLSearchParams', () => new URLSearchParams([['a', '1 2'], ['b', 'é&\0']]),
        'application/x-www-form-urlencoded;charset=UTF-8', utf8('a=1+2&b=%C3%A9%26%00')],
    ['GLib.Bytes', () => new GLib.Bytes(utf8('gb')), null, utf8('gb')],
    ['Gio.InputStream', () => Gio.MemoryInputStream.new_from_bytes(new GLib.Bytes(utf8('gis'))), null, utf8('gis')],
    ['async iterable', () => (async function* () {
        yield utf8('a');
        yield new Uint8Array(0);
        yield utf8('sync').buffer;
    })(), null, utf8('async')],
    ['number', () => 42, 'text/plain;charset=UTF-8', utf8('42')],
    ['plain object', () => ({}), 'text/plain;charset=UTF-8', utf8('[object Object]')],
];

await test('BodyInit kinds: Content-Type and bytes', async () => {
    for (const [what, make, type, bytes] of BODY_CASES) {
        const r = new Response(make());
        assertEq(r.headers.get('content-type'), type, `${what} content type`);
        assertEq(await r.bytes(), bytes, `${what} bytes`);
        const q = new Request('https://example.com/', {method: 'POST', body: make(), duplex: 'half'});
        assertEq(q.headers.get('content-type'), type, `${what} request content type`);
        assertEq(await q.bytes(), bytes, `${what} request bytes`);
    }
    // An explicit Content-Type wins.
    const r = new Response('x', {headers: {'Content-Type': 'text/custom'}});
    assertEq(r.headers.get('content-type'), 'text/custom');
});

await test('body methods', async () => {
    const ab = await new Response('abc').arrayBuffer();
    assert(ab instanceof ArrayBuffer);
    assertEq(new Uint8Array(ab), utf8('abc'));
    const bytes = await new Response('abc').bytes();
    assert(bytes instanceof Uint8Array);
    assertEq(await new Response(new Uint8Array([0xEF, 0xBB, 0xBF, 0x68, 0xFF])).text(), 'h\uFFFD');
    assertEq(await new Response('{"a": [1, 2]}').json(), {a: [1, 2]});
    await assertRejects(new Response('{bad').json(), SyntaxError);
    await assertRejects(new Response('').json(), SyntaxError);
    const blob = await new Response('blob', {headers: {'Content-Type': 'Text/Plain;Charset=UTF-8'}}).blob();
    assert(blob instanceof Blob);
    assertEq([blob.type, blob.size, await blob.text()], ['text/plain;charset=UTF-8', 4, 'blob']);
    assertEq((await new Response(new Uint8Array([1])).blob()).type, '');
    const fd = await new Response(new URLSearchParams('x=1')).formData();
    assert(fd instanceof FormData);
    assertEq(fd.get('x'), '1');
});

await test('text() is UTF-8 decode: NUL kept, BOM stripped, U+FFFD per maximal subpart', async () => {
    const cases = [
        [[0x61, 0, 0x62], 'a\0b'],
        [[0, 0], '\0\0'],
        [[0xEF, 0xBB, 0xBF, 0xEF, 0xBB, 0xBF, 0x61], '\uFEFFa'],
        [[0xE2, 0x82, 0x41], '\uFFFDA'],
        [[0xF0, 0x90, 0x80], '\uFFFD'],
        [[0xC0, 0x80], '\uFFFD\uFFFD'],
        [[0xED, 0xA0, 0x80], '\uFFFD\uFFFD\uFFFD'],
        [[0xF4, 0x90, 0x80, 0x80], '\uFFFD\uFFFD\uFFFD\uFFFD'],
        [[0x80, 0xFF, 0x61], '\uFFFD\uFFFDa'],
        [[0xEF, 0xBF, 0xBE, 0xF0, 0x9F, 0x98, 0x80], '\uFFFE\u{1F600}'],
        [[0x61, 0xF0, 0x9F, 0x98], 'a\uFFFD'],
    ];
    for (const [bytes, expected] of cases) {
        assertEq(await new Response(new Uint8Array(bytes)).text(), expected, `bytes ${bytes}`);
        const request = new Request('https://example.com/', {method: 'POST', body: new Uint8Array(bytes)});
        assertEq(await request.text(), expected, `request bytes ${bytes}`);
    }
    assertEq(await new Response('a\0b').text(), 'a\0b');
    // A large body with an error far in decodes whole.
    const large = new Uint8Array(100000).fill(0x61);
    large[99998] = 0xFF;
    const text = await new Response(large).text();
    assertEq([text.length, text[99998], text.slice(-1)], [100000, '\uFFFD', 'a']);
});

await test('json() is JSON.parse of text(): NUL kept, or a SyntaxError', async () => {
    assertEq(await new Response('{"a": "x\\u0000y"}').json(), {a: 'x\0y'});
    assertEq(await new Response(new Uint8Array([0xEF, 0xBB, 0xBF, 0x31])).json(), 1);
    // A NUL is not JSON whitespace: what follows it is not ignored.
    await assertRejects(new Response('{"a": 1}\0').json(), SyntaxError);
    await assertRejects(new Response('{"a": 1}\0{').json(), SyntaxError);
    await assertRejects(new Response('"a\0b"').json(), SyntaxError);
    await assertRejects(new Request('https://example.com/', {method: 'POST', body: '1\0'}).json(), SyntaxError);
});

await test('URLs with NUL are parsed as the URL Standard says', () => {
    assertThrows(() => new Request('foo://a\0b/'), TypeError);
    assertThrows(() => new Request('http://a\0b/'), TypeError);
    assertEq(new Request('foo://a%00b/').url, 'foo://a%00b/');
    assertEq(new Request('https://example.com/a\0b?c\0d#e\0f').url, 'https://example.com/a%00b?c%00d#e%00f');
    assertEq(new Request('\0https://example.com/\0').url, 'https://example.com/');
    assertThrows(() => Response.redirect('foo://a\0b/'), TypeError);
    assertEq(Response.redirect('https://example.com/\0x').headers.get('location'), 'https://example.com/%00x');
    const page = new Client({origin: 'https://example.com', baseURL: 'https://example.com/app/'});
    assertEq(new page.Request('a\0b').url, 'https://example.com/app/a%00b');
    assertEq(new page.Request('x', {referrer: '/p\0q'}).referrer, 'https://example.com/p%00q');
    assertThrows(() => new page.Request('x', {referrer: 'foo://a\0b/'}), TypeError);
    assertThrows(() => new page.Request('//a\0b/'), TypeError);
    assertThrows(() => new Request('x\0'), TypeError);
    page.baseURL = 'https://example.com/\0/';
    assertEq(page.baseURL, 'https://example.com/%00/');
    assertThrows(() => {
        page.baseURL = 'foo://a\0b/';
    }, TypeError);
    assertEq(page.baseURL, 'https://example.com/%00/');
});

await test('integrity, user agent, Accept-Language and origin with NUL are TypeErrors', () => {
    const e = assertThrows(() => new Request('https://example.com/', {integrity: 'sha256-abc\0'}), TypeError);
    assert(e.message.includes('\\0'), e.message);
    assertEq(new Request('https://example.com/', {integrity: 'sha256-abc'}).integrity, 'sha256-abc');
    assertThrows(() => new Client({userAgent: 'agent\0/1'}), TypeError);
    assertThrows(() => new Client({acceptLanguage: 'de\0'}), TypeError);
    assertThrows(() => new Client({origin: 'https://a.example\0.evil'}), TypeError);
    const client = new Client();
    assertThrows(() => {
        client.origin = 'https://example.com\0';
    }, TypeError);
    assertIs(client.origin, null);
});

await test('a body is read once: bodyUsed and TypeError', async () => {
    for (const method of ['arrayBuffer', 'blob', 'bytes', 'formData', 'json', 'text']) {
        const r = new Response(new URLSearchParams('a=1'));
        await r[method]().catch(() => {});
        assertIs(r.bodyUsed, true, `${method} uses the body`);
        await assertRejects(r[method](), TypeError);
        await assertRejects(r.text(), TypeError);
    }
    // The rejection is a promise, never a synchronous throw.
    const used = new Response('x');
    await used.text();
    const p = used.text();
    assert(p instanceof Promise);
    await assertRejects(p, TypeError);
    // Wrong this is a rejected promise too.
    await assertRejects(Response.prototype.text.call({}), TypeError);
});

await test('Response.clone tees the body', async () => {
    const r = new Response('shared', {status: 201, headers: {'X-A': '1'}});
    const c = r.clone();
    assertEq([c.status, c.headers.get('x-a'), c.type], [201, '1', 'default']);
    assertEq(await c.text(), 'shared');
    assertEq(await r.text(), 'shared');
    assertThrows(() => r.clone(), TypeError);
    const locked = new Response('x');
    locked.body.getReader();
    assertThrows(() => locked.clone(), TypeError);
    assertEq(Response.error().clone().type, 'error');
});

/* Body streams */

await test('response.body: a reader, in order, then done', async () => {
    const r = new Response('stream me');
    const body = r.body;
    assertIs(r.body, body);
    assert(body instanceof BodyStream);
    assertEq(Object.prototype.toString.call(body), '[object ReadableStream]');
    assertIs(body.locked, false);
    const reader = body.getReader();
    assertIs(body.locked, true);
    assertThrows(() => body.getReader(), TypeError);
    await assertRejects(r.text(), TypeError);       // locked
    assertIs(r.bodyUsed, false);
    const chunks = [];
    for (;;) {
        const {value, done: finished} = await reader.read();
        if (finished) {
            assertIs(value, undefined);
            break;
        }
        assert(value instanceof Uint8Array);
        chunks.push(fromUtf8(value));
    }
    assertEq(chunks.join(''), 'stream me');
    assertIs(r.bodyUsed, true);
    assertEq(await reader.read(), {value: undefined, done: true});
    await reader.closed;
    reader.releaseLock();
    assertIs(body.locked, false);
    await assertRejects(reader.read(), TypeError);
    await assertRejects(r.text(), TypeError);       // disturbed
    assertThrows(() => body.getReader({mode: 'byob'}), TypeError);
});

await test('response.body: for await, break cancels, preventCancel keeps it', async () => {
    const gen = async function* () {
        for (let i = 0; i < 5; i++)
            yield utf8(`${i}`);
    };
    const r = new Response(gen());
    let text = '';
    for await (const chunk of r.body)
        text += fromUtf8(chunk);
    assertEq(text, '01234');
    assertIs(r.body.locked, false);
    const big = new Response(new Uint8Array(300000));
    for await (const chunk of big.body) {
        assert(chunk.length > 0);
        break;
    }
    assertIs(big.bodyUsed, true);
    assertIs(big.body.locked, false);
    assertEq(await big.body.getReader().read(), {value: undefined, done: true});
    const kept = new Response(new Uint8Array(300000).fill(1));
    let first = 0;
    for await (const chunk of kept.body.values({preventCancel: true})) {
        first = chunk.length;
        break;
    }
    let rest = 0;
    for await (const chunk of kept.body)
        rest += chunk.length;
    assertEq(first + rest, 300000);
});

await test('body.cancel() and reader.cancel()', async () => {
    const r = new Response('x');
    await r.body.cancel('why');
    assertIs(r.bodyUsed, true);
    await assertRejects(r.text(), TypeError);
    const s = new Response('y');
    const reader = s.body.getReader();
    await assertRejects(s.body.cancel(), TypeError);   // locked
    await reader.cancel();
    assertEq(await reader.read(), {value: undefined, done: true});
});

await test('a large streamed body arrives whole, in chunks', async () => {
    const total = 3 * 1024 * 1024;
    async function* source() {
        for (let sent = 0; sent < total; sent += 100000) {
            const n = Math.min(100000, total - sent);
            yield new Uint8Array(n).map((_, i) => (sent + i) % 253);
        }
    }
    const r = new Response(source());
    let received = 0, chunks = 0, ok = true;
    for await (const chunk of r.body) {
        for (let i = 0; i < chunk.length && ok; i++)
            ok = chunk[i] === (received + i) % 253;
        received += chunk.length;
        chunks++;
    }
    assertEq(received, total);
    assert(ok, 'bytes in order');
    assert(chunks > 10, `${chunks} chunks`);
});

await test('a failing async iterable errors the body', async () => {
    const failure = new Error('source failed');
    const failing = async function* () {
        yield utf8('partial');
        throw failure;
    };
    const e = await assertRejects(new Response(failing()).text(), TypeError);
    assertIs(e.cause, failure);
    const reader = new Response(failing()).body.getReader();
    assertEq(fromUtf8((await reader.read()).value), 'partial');
    const e2 = await assertRejects(reader.read(), TypeError);
    assertIs(e2.cause, failure);
    const badChunk = async function* () {
        yield 'a string is not a chunk';
    };
    await assertRejects(new Response(badChunk()).text(), TypeError);
});

await test('a body stream as a body: piped, and locked for good', async () => {
    const source = new Response('piped through');
    const body = source.body;
    const r = new Response(body);
    assertIs(body.locked, true);
    assertEq(await r.text(), 'piped through');
    assertThrows(() => new Response(body), TypeError);
    const used = new Response('x');
    await used.text();
    assertThrows(() => new Response(used.body), TypeError);
});

await test('a request body stream', async () => {
    const r = new Request('https://example.com/', {method: 'POST', body: 'req body'});
    const reader = r.body.getReader();
    const {value} = await reader.read();
    assertEq(fromUtf8(value), 'req body');
    assertIs(r.bodyUsed, true);
    assertThrows(() => r.clone(), TypeError);
});

done();
