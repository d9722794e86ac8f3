// SPDX-License-Identifier: LGPL-2.1-or-later
// URL and URLSearchParams of the GJS Fetch module, against the URL
// Standard (expected values as browsers give them; many are from the
// web-platform-tests urltestdata).

import {URL, URLSearchParams, Blob, fetch} from '../../bindings/gjs/fetch.js';
import {test, done, assert, assertEq, assertIs, assertThrows} from './harness.js';

// [input, base, href or null for failure]
const PARSE_CASES = [
    ['http://example.com/a/../b/./c?x=1#f', undefined, 'http://example.com/b/c?x=1#f'],
    ['HTTP://EXAMPLE.COM:80/', undefined, 'http://example.com/'],
    ['https://example.com:443/', undefined, 'https://example.com/'],
    ['https://example.com:8443', undefined, 'https://example.com:8443/'],
    ['ws://h:80/', undefined, 'ws://h/'],
    ['ftp://h:21/', undefined, 'ftp://h/'],
    ['//foo/bar', 'http://example.org/x', 'http://foo/bar'],
    ['../c', 'http://a/b/d/e', 'http://a/b/c'],
    ['./', 'http://a/b/c', 'http://a/b/'],
    ['/', 'http://a/b/c?q#f', 'http://a/'],
    ['?q', 'http://a/b?x#y', 'http://a/b?q'],
    ['#h', 'http://a/b?x#y', 'http://a/b?x#h'],
    ['', 'http://a/b?x#y', 'http://a/b?x'],
    ['http:', 'http://a/b', 'http://a/b'],
    ['https:', 'http://a/b', null],
    ['http://user:pa ss@host/', undefined, 'http://user:pa%20ss@host/'],
    ['http://u@h/', undefined, 'http://u@h/'],
    ['http://:p@h/', undefined, 'http://:p@h/'],
    ['http://@h/', undefined, 'http://h/'],
    ['http://0x7f.1/', undefined, 'http://127.0.0.1/'],
    ['http://0300.0250.0.1/', undefined, 'http://192.168.0.1/'],
    ['http://2130706433/', undefined, 'http://127.0.0.1/'],
    ['http://999999999/', undefined, 'http://59.154.201.255/'],
    ['http://4294967296/', undefined, null],
    ['http://1.2.3.4.5/', undefined, null],
    ['http://1.2.3.09/', undefined, null],
    ['http://foo.09/', undefined, null],
    ['http://foo.0x/', undefined, null],
    ['http://[::1]:8080/', undefined, 'http://[::1]:8080/'],
    ['http://[1:0:0:0:0:0:0:1]/', undefined, 'http://[1::1]/'],
    ['http://[0:0:1:0:0:1:0:0]/', undefined, 'http://[::1:0:0:1:0:0]/'],
    ['http://[1:0::]/', undefined, 'http://[1::]/'],
    ['http://[::ffff:192.168.0.1]/', undefined, 'http://[::ffff:c0a8:1]/'],
    ['http://[::1/', undefined, null],
    ['http://[1:2:3:4:5:6:7:8:9]/', undefined, null],
    ['http://[::1::]/', undefined, null],
    ['http://bücher.de/', undefined, 'http://xn--bcher-kva.de/'],
    ['http://faß.de/', undefined, 'http://xn--fa-hia.de/'],
    ['http://ＡＢＣ.com/', undefined, 'http://abc.com/'],
    ['http://例え.テスト/', undefined, 'http://xn--r8jz45g.xn--zckzah/'],
    ['http://xn--bcher-kva.de/', undefined, 'http://xn--bcher-kva.de/'],
    ['http://EXAMPLE.com./', undefined, 'http://example.com./'],
    ['https://%41.com/', undefined, 'https://a.com/'],
    ['https://a%00b/', undefined, null],
    ['http://a b/', undefined, null],
    ['http://a<b/', undefined, null],
    ['http://a%25b/', undefined, null],
    ['http://example.com/ä?ä#ä', undefined, 'http://example.com/%C3%A4?%C3%A4#%C3%A4'],
    ['http://example.com/^{}`|', undefined, 'http://example.com/%5E%7B%7D%60|'],
    ['http://example.com/ "<>', undefined, 'http://example.com/%20%22%3C%3E'],
    ["http://x/?'", undefined, 'http://x/?%27'],
    ["foo://x/?'", undefined, "foo://x/?'"],
    ['http://x/?a b"#c d`', undefined, 'http://x/?a%20b%22#c%20d%60'],
    ['mailto:a@b.c', undefined, 'mailto:a@b.c'],
    ['data:text/plain,hi there', undefined, 'data:text/plain,hi there'],
    ['javascript:alert(1)', undefined, 'javascript:alert(1)'],
    ['file:///C|/x', undefined, 'file:///C:/x'],
    ['file://localhost/etc/x', undefined, 'file:///etc/x'],
    ['file:/etc', undefined, 'file:///etc'],
    ['..', 'file:///C:/', 'file:///C:/'],
    ['http:\\\\a\\b\\c', undefined, 'http://a/b/c'],
    ['  http://a/ \n', undefined, 'http://a/'],
    ['ht\ntp://a\t/b\r', undefined, 'http://a/b'],
    ['http://a/%2e%2E/b/%2e/c', undefined, 'http://a/b/c'],
    ['http://a/b/..', undefined, 'http://a/'],
    ['non-spec:/.//p', undefined, 'non-spec:/.//p'],
    ['foo://host:123/p', undefined, 'foo://host:123/p'],
    ['foo://ho%20st/', undefined, 'foo://ho%20st/'],
    ['foo://ho st/', undefined, null],
    ['foo:', undefined, 'foo:'],
    ['x', undefined, null],
    ['x', 'mailto:a@b', null],
    ['#x', 'mailto:a@b', 'mailto:a@b#x'],
    ['http://h:65535/', undefined, 'http://h:65535/'],
    ['http://h:65536/', undefined, null],
    ['http://h:8a/', undefined, null],
    ['http::@c:29', 'http://example.org/foo/bar', 'http://example.org/foo/:@c:29'],
    ['/\\/\\//example.org/../path', 'http://example.org/foo/bar', 'http://example.org/path'],
    ['blob:https://a.com/uuid', undefined, 'blob:https://a.com/uuid'],
    // U+0000: percent-encoded in a path, query, fragment or userinfo; a
    // forbidden host code point in any host; stripped at either end.
    ['foo://a\0b/', undefined, null],
    ['http://a\0b/', undefined, null],
    ['foo://a%00b/', undefined, 'foo://a%00b/'],
    ['http://u\0:p@h/p\0?q\0#f\0g', undefined, 'http://u%00:p@h/p%00?q%00#f%00g'],
    ['foo:a\0b', undefined, 'foo:a%00b'],
    ['\0http://h/\0', undefined, 'http://h/'],
];

await test('URL parsing table', () => {
    const failures = [];
    for (const [input, base, expected] of PARSE_CASES) {
        let got;
        try {
            got = (base === undefined ? new URL(input) : new URL(input, base)).href;
        } catch (e) {
            if (!(e instanceof TypeError))
                throw e;
            got = null;
        }
        if (got !== expected)
            failures.push(`${JSON.stringify(input)} (base ${base}): got ${got}, expected ${expected}`);
    }
    assert(failures.length === 0, failures.join('\n'));
});

await test('URL components', () => {
    const u = new URL('https://user:pw@example.com:8080/p/a?x=1&y=2#frag');
    assertEq(u.href, 'https://user:pw@example.com:8080/p/a?x=1&y=2#frag');
    assertEq(u.origin, 'https://example.com:8080');
    assertEq(u.protocol, 'https:');
    assertEq(u.username, 'user');
    assertEq(u.password, 'pw');
    assertEq(u.host, 'example.com:8080');
    assertEq(u.hostname, 'example.com');
    assertEq(u.port, '8080');
    assertEq(u.pathname, '/p/a');
    assertEq(u.search, '?x=1&y=2');
    assertEq(u.hash, '#frag');
    assertEq(u.toString(), u.href);
    assertEq(u.toJSON(), u.href);
    assertEq(JSON.stringify({u}), `{"u":"${u.href}"}`);
    assertEq(String(u), u.href);
    const e = new URL('http://h/?#');
    assertEq([e.search, e.hash, e.href], ['', '', 'http://h/?#']);
});

await test('URL origin by scheme', () => {
    assertEq(new URL('blob:https://a.com:8443/uuid').origin, 'https://a.com:8443');
    assertEq(new URL('blob:ftp://a.com/uuid').origin, 'null');
    assertEq(new URL('file:///x').origin, 'null');
    assertEq(new URL('foo://a/').origin, 'null');
    assertEq(new URL('ws://a:81/').origin, 'ws://a:81');
    assertEq(new URL('http://[::1]/').origin, 'http://[::1]');
});

await test('URL setters', () => {
    const u = new URL('https://user:pw@example.com:8080/p/a?x=1#f');
    u.protocol = 'http';
    assertEq(u.href, 'http://user:pw@example.com:8080/p/a?x=1#f');
    u.protocol = 'foo';             // special to non-special: ignored
    assertEq(u.protocol, 'http:');
    u.port = '80';                  // the default port is dropped
    assertEq(u.port, '');
    u.port = '81abc';
    assertEq(u.port, '81');
    u.port = 'abc';                 // no digits: unchanged
    assertEq(u.port, '81');
    u.port = '';
    assertEq(u.host, 'example.com');
    u.host = 'other.org:99';
    assertEq(u.host, 'other.org:99');
    u.hostname = 'h:1';             // a port in hostname invalidates it
    assertEq(u.hostname, 'other.org');
    u.hostname = 'Third.ORG';
    assertEq(u.host, 'third.org:99');
    u.username = 'a b@c';
    assertEq(u.username, 'a%20b%40c');
    u.password = '';
    assertEq(u.href, 'http://a%20b%40c@third.org:99/p/a?x=1#f');
    u.pathname = 'q r/../s';
    assertEq(u.pathname, '/s');
    u.search = 'a=é';
    assertEq(u.search, '?a=%C3%A9');
    assertEq(u.searchParams.get('a'), 'é');
    u.search = '';
    assertEq(u.href, 'http://a%20b%40c@third.org:99/s#f');
    u.hash = '#x y';
    assertEq(u.hash, '#x%20y');
    u.hash = '';
    assertEq(u.href, 'http://a%20b%40c@third.org:99/s');
    u.href = 'https://new.example/';
    assertEq(u.origin, 'https://new.example');
    assertThrows(() => {
        u.href = 'not a url';
    }, TypeError);
    assertEq(u.href, 'https://new.example/');
    const m = new URL('mailto:x@y');
    m.host = 'z';                   // opaque path: ignored
    m.pathname = 'other';
    assertEq(m.href, 'mailto:x@y');
    const f = new URL('file:///a');
    f.username = 'u';               // file: has no credentials
    f.port = '1';
    assertEq(f.href, 'file:///a');
});

await test('URL statics', () => {
    assertIs(URL.canParse('/x', 'http://a'), true);
    assertIs(URL.canParse('/x'), false);
    assertIs(URL.parse('nope'), null);
    assertEq(URL.parse('/x', 'http://a/b').href, 'http://a/x');
    assertThrows(() => new URL('/x'), TypeError);
    assertThrows(() => new URL('/x', 'not a base'), TypeError);
    assertThrows(() => new URL(), TypeError);
    assertEq(Object.prototype.toString.call(new URL('http://a/')), '[object URL]');
    assertEq(new URL(new URL('http://a/b')).href, 'http://a/b');
});

await test('URL.createObjectURL gives a fetchable blob: URL until revoked', async () => {
    const url = URL.createObjectURL(new Blob(['blob text'], {type: 'text/plain'}));
    assert(url.startsWith('blob:'), url);
    const response = await fetch(url);
    assertEq(response.status, 200);
    assertEq(response.headers.get('content-type'), 'text/plain');
    assertEq(await response.text(), 'blob text');
    URL.revokeObjectURL(url);
    try {
        await fetch(url);
        throw new Error('fetched a revoked blob URL');
    } catch (e) {
        assert(e instanceof TypeError, `${e}`);
    }
    assertThrows(() => URL.createObjectURL('text'), TypeError);
});

await test('URLSearchParams parsing and serialization', () => {
    const p = new URLSearchParams('?a=1&b=2&a=3&c=%20+x&&d&=e&f=%zz');
    assertEq(p.getAll('a'), ['1', '3']);
    assertEq(p.get('c'), '  x');
    assertEq(p.get('d'), '');
    assertEq(p.get(''), 'e');
    assertEq(p.get('f'), '%zz');
    assertIs(p.get('zz'), null);
    assertEq(p.size, 7);
    assertEq(p.toString(), 'a=1&b=2&a=3&c=++x&d=&=e&f=%25zz');
    assertEq(new URLSearchParams({x: '1', y: 'ü ~*'}).toString(), 'x=1&y=%C3%BC+%7E*');
    assertEq(new URLSearchParams([['a', 'b'], ['a', 'c']]).toString(), 'a=b&a=c');
    assertEq(new URLSearchParams(new URLSearchParams('q=1')).toString(), 'q=1');
    assertEq(new URLSearchParams().toString(), '');
    assertThrows(() => new URLSearchParams([['a']]), TypeError);
    assertThrows(() => new URLSearchParams([1]), TypeError);
});

await test('URLSearchParams: NUL kept, UTF-8 decoded without BOM', () => {
    const p = new URLSearchParams('a%00b=c%00d&e=\0&%EF%BB%BFf=1&g=%E2%82&h=%C0%80&i=%F0%90%80x');
    assertEq([...p], [['a\0b', 'c\0d'], ['e', '\0'], ['\uFEFFf', '1'], ['g', '\uFFFD'],
        ['h', '\uFFFD\uFFFD'], ['i', '\uFFFDx']]);
    assertEq(new URLSearchParams([['n\0', 'v\0']]).toString(), 'n%00=v%00');
});

await test('URLSearchParams methods', () => {
    const p = new URLSearchParams('b=2&a=1&b=3');
    p.append('c', '4');
    assertEq(p.toString(), 'b=2&a=1&b=3&c=4');
    p.set('b', '9');
    assertEq(p.toString(), 'b=9&a=1&c=4');
    assertIs(p.has('a'), true);
    assertIs(p.has('a', '2'), false);
    p.append('a', '2');
    p.delete('a', '1');
    assertEq(p.toString(), 'b=9&c=4&a=2');
    p.sort();
    assertEq(p.toString(), 'a=2&b=9&c=4');
    p.delete('c');
    assertEq([...p], [['a', '2'], ['b', '9']]);
    assertEq([...p.keys()], ['a', 'b']);
    assertEq([...p.values()], ['2', '9']);
    assertEq([...p.entries()], [['a', '2'], ['b', '9']]);
    const seen = [];
    p.forEach((value, key, obj) => seen.push([key, value, obj === p]));
    assertEq(seen, [['a', '2', true], ['b', '9', true]]);
    assertThrows(() => p.append('x'), TypeError);
    assertEq(Object.prototype.toString.call(p[Symbol.iterator]()), '[object URLSearchParams Iterator]');
    // sort() is stable and by code units.
    const s = new URLSearchParams('z=1&a=2&z=0&\uFFFD=3&\u{1F600}=4');
    s.sort();
    assertEq([...s.keys()], ['a', 'z', 'z', '\u{1F600}', '\uFFFD']);
    assertEq(s.getAll('z'), ['1', '0']);
});

await test('URL.searchParams is live both ways', () => {
    const u = new URL('http://h/p?x=1');
    const params = u.searchParams;
    assertIs(u.searchParams, params);
    params.append('y', 'a b');
    assertEq(u.href, 'http://h/p?x=1&y=a+b');
    params.delete('x');
    params.delete('y');
    assertEq(u.href, 'http://h/p');
    u.search = '?k=v';
    assertEq(params.get('k'), 'v');
    u.href = 'http://h/?n=1';
    assertEq([...params], [['n', '1']]);
});

done();
