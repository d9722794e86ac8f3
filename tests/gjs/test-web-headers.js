// SPDX-License-Identifier: LGPL-2.1-or-later
// Headers, FormData, Blob and File of the GJS Fetch module, judged as a
// browser's would be (Fetch §5.1, XHR §4.3, File API).

import {Blob, File, FormData, Headers, Request, Response} from '../../bindings/gjs/fetch.js';
import {test, done, assert, assertEq, assertIs, assertThrows, assertRejects} from './harness.js';

/* Headers */

await test('Headers from each HeadersInit form', () => {
    assertEq([...new Headers()], []);
    assertEq([...new Headers(undefined)], []);
    assertEq([...new Headers({'Content-Type': 'text/html', 'X-B': ' 1 '})],
        [['content-type', 'text/html'], ['x-b', '1']]);
    assertEq([...new Headers([['a', '1'], ['A', '2']])], [['a', '1, 2']]);
    const source = new Headers([['x', '1'], ['set-cookie', 'a'], ['set-cookie', 'b']]);
    const copy = new Headers(source);
    assertEq([...copy], [['set-cookie', 'a'], ['set-cookie', 'b'], ['x', '1']]);
    source.set('x', '2');
    assertEq(copy.get('x'), '1');
    // Any iterable of iterables.
    function* pairs() {
        yield new Set(['k', 'v']);
        yield ['k2', 'v2'];
    }
    assertEq([...new Headers(pairs())], [['k', 'v'], ['k2', 'v2']]);
    assertEq([...new Headers(new Map([['m', '1']]))], [['m', '1']]);
    // A record is own enumerable properties only.
    const proto = {inherited: '1'};
    const rec = Object.create(proto);
    rec.own = '2';
    Object.defineProperty(rec, 'hidden', {value: '3', enumerable: false});
    assertEq([...new Headers(rec)], [['own', '2']]);
    assertEq(new Headers({n: 42}).get('n'), '42');
});

await test('Headers: bad HeadersInit is a TypeError', () => {
    assertThrows(() => new Headers(null), TypeError);
    assertThrows(() => new Headers('a: b'), TypeError);
    assertThrows(() => new Headers(42), TypeError);
    assertThrows(() => new Headers([['a']]), TypeError);
    assertThrows(() => new Headers([['a', 'b', 'c']]), TypeError);
    assertThrows(() => new Headers(['ab']), TypeError);
    assertThrows(() => new Headers([[]]), TypeError);
    assertThrows(() => new Headers({'bad name': 'x'}), TypeError);
    assertThrows(() => new Headers({x: 'a\nb'}), TypeError);
    assertThrows(() => new Headers({x: '€'}), TypeError);
    assertThrows(() => new Headers({[Symbol('s')]: 'x'}), TypeError);
});

await test('Headers methods', () => {
    const h = new Headers();
    h.append('Accept', 'a');
    h.append('accept', 'b');
    assertEq(h.get('ACCEPT'), 'a, b');
    assertIs(h.has('accept'), true);
    assertIs(h.has('missing'), false);
    assertIs(h.get('missing'), null);
    h.set('Accept', 'c');
    assertEq([...h], [['accept', 'c']]);
    h.append('X-Empty', '');
    assertEq(h.get('x-empty'), '');
    h.append('x-ws', ' \t v w \t');
    assertEq(h.get('x-ws'), 'v w');
    h.set('x-latin', 'caf\u00e9');
    assertEq(h.get('x-latin'), 'caf\u00e9');
    h.delete('ACCEPT');
    assertIs(h.has('accept'), false);
    h.delete('never-there');
    assertThrows(() => h.append('a b', 'x'), TypeError);
    assertThrows(() => h.append('x', 'a\rb'), TypeError);
    assertThrows(() => h.append('x', 'a\0b'), TypeError);
    assertThrows(() => h.set('(', 'x'), TypeError);
    assertThrows(() => h.get(''), TypeError);
    assertThrows(() => h.has('a:'), TypeError);
    assertThrows(() => h.delete('a\n'), TypeError);
    assertThrows(() => h.append('x'), TypeError);
    assertThrows(() => h.set('x'), TypeError);
    assertThrows(() => h.get(), TypeError);
    assertThrows(() => h.append('x', '\u0100'), TypeError);
});

await test('Headers iterate sorted, combined, Set-Cookie apart', () => {
    const h = new Headers([
        ['b', '1'], ['A', 'x'], ['Set-Cookie', 's1'], ['c', '3'], ['set-cookie', 's2'], ['a', 'y'],
    ]);
    assertEq([...h], [['a', 'x, y'], ['b', '1'], ['c', '3'], ['set-cookie', 's1'], ['set-cookie', 's2']]);
    assertEq([...h.entries()], [...h]);
    assertEq([...h.keys()], ['a', 'b', 'c', 'set-cookie', 'set-cookie']);
    assertEq([...h.values()], ['x, y', '1', '3', 's1', 's2']);
    assertEq(h.get('set-cookie'), 's1, s2');
    assertEq(h.getSetCookie(), ['s1', 's2']);
    assertEq(new Headers().getSetCookie(), []);
    const seen = [];
    h.forEach(function (value, name, object) {
        seen.push([name, value, object === h, this.tag]);
    }, {tag: 't'});
    assertEq(seen[0], ['a', 'x, y', true, 't']);
    assertEq(seen.length, 5);
    assertThrows(() => h.forEach(), TypeError);
    assertThrows(() => h.forEach('no'), TypeError);
    assertEq(Object.prototype.toString.call(h), '[object Headers]');
    assertEq(Object.prototype.toString.call(h.keys()), '[object Headers Iterator]');
    assertIs(h[Symbol.iterator], h.entries);
    const it = h.keys();
    assertIs(it[Symbol.iterator](), it);
});

await test('Headers iterators are live', () => {
    const h = new Headers([['a', '1'], ['c', '3']]);
    const it = h.entries();
    assertEq(it.next().value, ['a', '1']);
    h.append('b', '2');             // sorts after "a": seen next
    assertEq(it.next().value, ['b', '2']);
    h.delete('a');                  // the list shifts: "c" was at 2, now at 1
    assertEq(it.next(), {value: undefined, done: true});
    const it2 = new Headers([['x', '1']]).values();
    assertEq([it2.next(), it2.next()], [{value: '1', done: false}, {value: undefined, done: true}]);
});

await test('Headers guards: request, no-cors, response, immutable', () => {
    const req = new Request('https://example.com/', {headers: {'Host': 'evil', 'X-A': '1', 'Cookie': 'c=1'}});
    assertIs(req.headers.has('host'), false);
    assertIs(req.headers.has('cookie'), false);
    assertEq(req.headers.get('x-a'), '1');
    req.headers.append('Content-Length', '5');      // forbidden: ignored
    assertIs(req.headers.has('content-length'), false);
    assertIs(req.headers, req.headers);
    const noCors = new Request('https://example.com/', {mode: 'no-cors', headers: {'X-Custom': '1', 'Accept': 'text/x'}});
    assertIs(noCors.headers.has('x-custom'), false);
    assertEq(noCors.headers.get('accept'), 'text/x');
    const resp = new Response('', {headers: {'Set-Cookie': 'a=b', 'X-R': '1'}});
    assertIs(resp.headers.has('set-cookie'), false);
    assertEq(resp.headers.get('x-r'), '1');
    const err = Response.error();
    assertThrows(() => err.headers.append('x', '1'), TypeError);
    assertThrows(() => err.headers.set('x', '1'), TypeError);
    assertThrows(() => err.headers.delete('x'), TypeError);
    assertEq([...err.headers], []);
});

/* FormData */

await test('FormData string entries', () => {
    const fd = new FormData();
    fd.append('a', '1');
    fd.append('b', 2);
    fd.append('a', '3');
    assertEq(fd.get('a'), '1');
    assertEq(fd.getAll('a'), ['1', '3']);
    assertEq(fd.getAll('none'), []);
    assertIs(fd.get('none'), null);
    assertIs(fd.has('b'), true);
    assertEq(fd.get('b'), '2');
    fd.set('a', 'x');
    assertEq([...fd], [['a', 'x'], ['b', '2']]);
    fd.set('c', 'new');
    fd.delete('b');
    assertEq([...fd.keys()], ['a', 'c']);
    assertEq([...fd.values()], ['x', 'new']);
    assertEq([...fd.entries()], [['a', 'x'], ['c', 'new']]);
    fd.append('lone\uD800', 'v\uDC00');
    assertEq(fd.getAll('lone\uFFFD'), ['v\uFFFD']);
    const seen = [];
    fd.forEach((value, name, object) => seen.push([name, value, object === fd]));
    assertEq(seen[0], ['a', 'x', true]);
    assertEq(Object.prototype.toString.call(fd), '[object FormData]');
    assertEq(Object.prototype.toString.call(fd.entries()), '[object FormData Iterator]');
    assertThrows(() => new FormData({}), TypeError);
    assertThrows(() => fd.append('x'), TypeError);
    assertThrows(() => fd.append('x', 'string', 'file.txt'), TypeError);
    assertThrows(() => fd.set('x', 'string', 'file.txt'), TypeError);
    assertThrows(() => fd.get(), TypeError);
});

await test('FormData file entries', async () => {
    const fd = new FormData();
    fd.append('blob', new Blob(['b1'], {type: 'text/x-b'}));
    fd.append('named', new Blob(['b2']), 'given.txt');
    fd.append('file', new File(['f'], 'orig.bin', {type: 'application/x-f', lastModified: 7}));
    fd.set('renamed', new File(['r'], 'old.txt'), 'new.txt');
    const blob = fd.get('blob');
    assert(blob instanceof File, 'a Blob entry is a File');
    assertEq([blob.name, blob.type, blob.size], ['blob', 'text/x-b', 2]);
    assertEq(await blob.text(), 'b1');
    assertEq(fd.get('named').name, 'given.txt');
    assertEq([fd.get('file').name, fd.get('file').type], ['orig.bin', 'application/x-f']);
    assertEq(fd.get('renamed').name, 'new.txt');
    assertEq(await fd.get('renamed').text(), 'r');
    assertEq([...fd.keys()], ['blob', 'named', 'file', 'renamed']);
});

await test('FormData round trip through a multipart body', async () => {
    const fd = new FormData();
    fd.append('text', 'héllo "w"\r\nx');
    fd.append('upload', new File([new Uint8Array([0, 1, 2, 255])], 'data.bin', {type: 'application/octet-stream'}));
    const response = new Response(fd);
    const type = response.headers.get('content-type');
    assert(/^multipart\/form-data; boundary=\S+$/.test(type), type);
    const parsed = await response.formData();
    assert(parsed instanceof FormData);
    assertEq(parsed.get('text'), 'héllo "w"\r\nx');
    const file = parsed.get('upload');
    assertEq([file.name, file.type], ['data.bin', 'application/octet-stream']);
    assertEq(await file.bytes(), new Uint8Array([0, 1, 2, 255]));
    // The body was taken at construction: changing fd changes nothing.
    const fd2 = new FormData();
    fd2.append('k', 'before');
    const r2 = new Response(fd2);
    fd2.set('k', 'after');
    assertEq((await r2.formData()).get('k'), 'before');
});

await test('formData() of urlencoded and of other bodies', async () => {
    const r = new Response('a=1&b=%20x+y&a=2', {headers: {'Content-Type': 'application/x-www-form-urlencoded'}});
    assertEq([...await r.formData()], [['a', '1'], ['b', ' x y'], ['a', '2']]);
    await assertRejects(new Response('a=1').formData(), TypeError);
    await assertRejects(new Response('garbage', {headers: {'Content-Type': 'multipart/form-data; boundary=x'}}).formData(), TypeError);
});

await test('FormData: names, values and filenames with NUL are kept', async () => {
    const fd = new FormData();
    fd.append('a\0b', 'c\0d');
    fd.append('a', 'plain');
    fd.append('a\0b', 'second');
    fd.append('f\0', new Blob(['x'], {type: 'text/x'}), 'n\0.txt');
    assertEq(fd.get('a\0b'), 'c\0d');
    assertEq(fd.getAll('a\0b'), ['c\0d', 'second']);
    assertIs(fd.has('a\0b'), true);
    assertIs(fd.has('a'), true);
    assertIs(fd.has('a\0'), false);
    assertEq(fd.get('f\0').name, 'n\0.txt');
    assertEq([...fd.keys()], ['a\0b', 'a', 'a\0b', 'f\0']);
    fd.set('a\0b', 'set\0');
    assertEq([...fd].filter(([, v]) => typeof v === 'string'), [['a\0b', 'set\0'], ['a', 'plain']]);
    fd.delete('a\0b');
    assertEq([...fd.keys()], ['a', 'f\0']);
    // A File without a new name is the entry's value itself.
    const file = new File(['f'], 'same.txt');
    fd.append('file', file);
    assertIs(fd.get('file'), file);
    assert(fd.getAll('file')[0] === file);
});

await test('FormData with NUL round trip through a multipart body', async () => {
    const fd = new FormData();
    fd.append('a\0b', 'c\0d\ne');
    fd.append('up\0', new File([new Uint8Array([0, 1])], 'n\0"\r.bin', {type: 'application/x-a'}));
    const response = new Response(fd);
    const type = response.headers.get('content-type');
    const [, boundary] = /^multipart\/form-data; boundary=(\S+)$/.exec(type);
    const bytes = await response.clone().bytes();
    // HTML's multipart/form-data encoding, byte for byte as the library's.
    const expected = `--${boundary}\r\nContent-Disposition: form-data; name="a\0b"\r\n\r\nc\0d\r\ne\r\n` +
        `--${boundary}\r\nContent-Disposition: form-data; name="up\0"; filename="n\0%22%0D.bin"\r\n` +
        'Content-Type: application/x-a\r\n\r\n\0\u0001\r\n' +
        `--${boundary}--\r\n`;
    assertEq(bytes, new TextEncoder().encode(expected));
    const parsed = await response.formData();
    assertEq(parsed.get('a\0b'), 'c\0d\r\ne');
    const file = parsed.get('up\0');
    assertEq([file.name, file.type], ['n\0"\r.bin', 'application/x-a']);
    assertEq(await file.bytes(), new Uint8Array([0, 1]));
    // A request body too.
    const request = new Request('https://example.com/', {method: 'POST', body: fd});
    assertEq((await request.formData()).get('a\0b'), 'c\0d\r\ne');
});

await test('formData() parses NUL, BOM and bad UTF-8 as browsers do', async () => {
    const multipart = (body, boundary = 'B') => new Response(new TextEncoder().encode(body),
        {headers: {'Content-Type': `multipart/form-data; boundary=${boundary}`}});
    let fd = await multipart('--B\r\nContent-Disposition: form-data; name="n\0m"\r\n\r\nv\0al\r\n' +
        '--B\r\nContent-Disposition: form-data; name="f"; filename="a\0.txt"\r\n\r\nfile\0\r\n' +
        '--B\r\ncontent-disposition: form-data; name="%22q%0A"\r\n\r\n\uFEFFbom\r\n--B--').formData();
    assertEq(fd.get('n\0m'), 'v\0al');
    const file = fd.get('f');
    assertEq([file.name, file.type, await file.text()], ['a\0.txt', 'text/plain', 'file\0']);
    // UTF-8 decode without BOM: a value's BOM is kept.
    assertEq(fd.get('"q\n'), '\uFEFFbom');
    const invalid = new Uint8Array([...new TextEncoder().encode('--x\r\nContent-Disposition: form-data; name="b"\r\n\r\n'),
        0xE2, 0x82, 0x41, ...new TextEncoder().encode('\r\n--x--\r\n')]);
    fd = await new Response(invalid, {headers: {'Content-Type': 'multipart/form-data; boundary=x'}}).formData();
    assertEq(fd.get('b'), '\uFFFDA');
    for (const bad of ['--B\r\nContent-Disposition: form-data; name="x"\r\n\r\nno end',
        '--B\r\nContent-Disposition: form-data; name="x\0\r\n\r\nv\r\n--B--',
        '--B\r\nContent-Disposition: attachment\r\n\r\nv\r\n--B--',
        '--B\r\nX: 1\r\n\r\nv\r\n--B--', 'garbage'])
        await assertRejects(multipart(bad).formData(), TypeError);
    await assertRejects(new Response('x', {headers: {'Content-Type': 'multipart/form-data'}}).formData(), TypeError);
    const urlencoded = await new Response('a%00b=c%00d&e=\0&%EF%BB%BFf=%FF',
        {headers: {'Content-Type': 'application/x-www-form-urlencoded'}}).formData();
    assertEq([...urlencoded], [['a\0b', 'c\0d'], ['e', '\0'], ['\uFEFFf', '\uFFFD']]);
});

/* Blob and File */

await test('Blob', async () => {
    const empty = new Blob();
    assertEq([empty.size, empty.type], [0, '']);
    const b = new Blob(['abc', new Uint8Array([100]), new Blob(['e']), new Uint16Array([0x6766]).buffer],
        {type: 'Text/Plain;Charset=UTF-8'});
    assertEq(b.size, 7);
    assertEq(b.type, 'text/plain;charset=utf-8');
    assertEq(await b.text(), 'abcdefg');
    assertEq(new Uint8Array(await b.arrayBuffer()), new Uint8Array([97, 98, 99, 100, 101, 102, 103]));
    assertEq(await b.bytes(), new Uint8Array([97, 98, 99, 100, 101, 102, 103]));
    assertEq(new Blob([], {type: 'a/\u00e9'}).type, '');
    assertEq(await new Blob(['a\r\nb\rc'], {endings: 'native'}).text(), 'a\nb\nc');
    assertEq(await new Blob(['a\r\nb']).text(), 'a\r\nb');
    assertEq(await new Blob(['\uD800']).text(), '\uFFFD');
    // UTF-8 decode: one BOM stripped, NUL kept, one U+FFFD per broken sequence.
    assertEq(await new Blob([new Uint8Array([0xEF, 0xBB, 0xBF, 0xEF, 0xBB, 0xBF, 0x61, 0, 0xE2, 0x82])]).text(),
        '\uFEFFa\0\uFFFD');
    assertThrows(() => new Blob([], {endings: 'other'}), TypeError);
    assertThrows(() => new Blob('abc'), TypeError);
    assertThrows(() => new Blob(null), TypeError);
    assertEq(Object.prototype.toString.call(b), '[object Blob]');
});

await test('Blob.slice', async () => {
    const b = new Blob(['0123456789'], {type: 'text/plain'});
    assertEq(await b.slice(2, 5).text(), '234');
    assertEq(await b.slice(-3).text(), '789');
    assertEq(await b.slice(1, -1).text(), '12345678');
    assertEq(await b.slice(5, 2).text(), '');
    assertEq(await b.slice(-100, 100).text(), '0123456789');
    assertEq(b.slice().type, '');
    assertEq(b.slice(0, 1, 'X/Y').type, 'x/y');
});

await test('Blob.stream gives the bytes in chunks', async () => {
    const data = new Uint8Array(200000).map((_, i) => i % 251);
    const chunks = [];
    for await (const chunk of new Blob([data]).stream())
        chunks.push(chunk);
    assert(chunks.length > 1, `${chunks.length} chunks`);
    const all = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
    let o = 0;
    for (const c of chunks) {
        all.set(c, o);
        o += c.length;
    }
    assertEq(all.length, data.length);
    assert(all.every((v, i) => v === data[i]), 'same bytes');
});

await test('File', async () => {
    const f = new File(['x', 'y'], 'name.txt', {type: 'TEXT/PLAIN', lastModified: 42});
    assert(f instanceof Blob);
    assertEq([f.name, f.type, f.size, f.lastModified, f.webkitRelativePath], ['name.txt', 'text/plain', 2, 42, '']);
    assertEq(await f.text(), 'xy');
    const now = Date.now();
    const g = new File([], 'g');
    assert(Math.abs(g.lastModified - now) < 5000, 'lastModified defaults to now');
    assertThrows(() => new File(['x']), TypeError);
    assertEq(Object.prototype.toString.call(f), '[object File]');
});

done();
