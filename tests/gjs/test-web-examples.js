// SPDX-License-Identifier: LGPL-2.1-or-later
// The GJS examples (examples/gjs/*.js) really run: each is started as a
// gjs process against the local server of this test.
//
//     gjs -m test-web-examples.js [GJS]

import GLib from 'gi://GLib';
import Gio from 'gi://Gio';

import {test, done, assert, assertEq, startServer} from './harness.js';

Gio._promisify(Gio.Subprocess.prototype, 'communicate_utf8_async');

const {base, url} = startServer();
const GJS = ARGV[0] ?? GLib.find_program_in_path('gjs');
const EXAMPLES = GLib.build_filenamev([GLib.path_get_dirname(GLib.filename_from_uri(import.meta.url)[0]),
    '..', '..', 'examples', 'gjs']);
const tmp = GLib.dir_make_tmp('fetch-gjs-examples-XXXXXX');

async function run(example, ...args) {
    const proc = Gio.Subprocess.new([GJS, '-m', GLib.build_filenamev([EXAMPLES, example]), ...args],
        Gio.SubprocessFlags.STDOUT_PIPE | Gio.SubprocessFlags.STDERR_PIPE);
    const [stdout, stderr] = await proc.communicate_utf8_async(null, null);
    return {status: proc.get_exit_status(), stdout, stderr};
}

function expectOk(result) {
    assert(result.status === 0, `exit status ${result.status}\n${result.stdout}\n${result.stderr}`);
    return result;
}

await test('get.js', async () => {
    const {stdout} = expectOk(await run('get.js', url('/json')));
    assert(stdout.startsWith('200 OK\n'), stdout);
    assert(stdout.includes('content-type: application/json\n'), stdout);
    assert(stdout.includes('"hello": "world"'), stdout);
    assertEq((await run('get.js', url('/status/404'))).status, 1);
    assertEq((await run('get.js', 'not a url')).status, 1);
    assertEq((await run('get.js')).status, 2);
});

await test('post-json.js', async () => {
    const {stdout} = expectOk(await run('post-json.js', `${base}/echo/api/`, 'items', '{"a": [1]}'));
    assert(stdout.startsWith(`200 OK ${base}/echo/api/items`), stdout);
    const echoed = JSON.parse(stdout.slice(stdout.indexOf('\n') + 1));
    assertEq([echoed.method, echoed.body], ['POST', '{"a":[1]}']);
    assert(echoed.headers.some(([n, v]) => n === 'user-agent' && v === 'post-json-example/1.0'));
});

await test('download.js', async () => {
    const out = GLib.build_filenamev([tmp, 'download.bin']);
    const {stderr} = expectOk(await run('download.js', url('/large?size=3000000'), out));
    assert(stderr.includes('3000000 of 3000000 bytes (100%)'), stderr);
    const [, contents] = GLib.file_get_contents(out);
    assertEq(contents.length, 3000000);
    assertEq([contents[0], contents[25], contents[26]], [0x61, 0x7A, 0x61]);
    const failed = GLib.build_filenamev([tmp, 'failed.bin']);
    assertEq((await run('download.js', url('/status/404'), failed)).status, 1);
    assert(!GLib.file_test(failed, GLib.FileTest.EXISTS), 'no file left behind');
});

await test('upload.js', async () => {
    const path = GLib.build_filenamev([tmp, 'upload.txt']);
    GLib.file_set_contents(path, 'uploaded contents\n');
    const plain = expectOk(await run('upload.js', url('/echo/upload'), path));
    const echoed = JSON.parse(plain.stdout.slice(plain.stdout.indexOf('\n') + 1));
    assertEq(echoed.body, 'uploaded contents\n');
    assert(echoed.headers.some(([n, v]) => n === 'content-length' && v === '18'), JSON.stringify(echoed.headers));
    assert(plain.stderr.includes('sent 18 of 18 bytes'), plain.stderr);
    const form = expectOk(await run('upload.js', url('/echo/upload'), path, '--form'));
    const multipart = JSON.parse(form.stdout.slice(form.stdout.indexOf('\n') + 1));
    assert(multipart.body.includes('name="file"; filename="upload.txt"\r\nContent-Type: text/plain\r\n\r\nuploaded contents\n'),
        multipart.body);
    assert(multipart.body.includes('name="description"\r\n\r\nupload of upload.txt'), multipart.body);
});

await test('abort.js', async () => {
    const {stdout} = expectOk(await run('abort.js', url('/slow-headers?ms=2000'), '200'));
    assertEq(stdout.trim().split('\n'), [
        'timeout: TimeoutError: signal timed out',
        'controller: Error: stopped by the user',
        'any: TimeoutError: signal timed out',
    ]);
    const quick = expectOk(await run('abort.js', url('/json'), '2000'));
    assert(quick.stdout.startsWith('timeout: done, 200, 31 bytes'), quick.stdout);
});

await test('origin.js', async () => {
    const {stdout} = expectOk(await run('origin.js', `${base}/page.html`, '/json', 'data:,x'));
    const lines = stdout.trim().split('\n');
    assertEq(lines[0], `as ${base}, based at ${base}/page.html`);
    assertEq(lines[1], `/json [same-origin]: basic 200 ${base}/json`);
    assertEq(lines[2], `/json [cors]: basic 200 ${base}/json`);
    assertEq(lines[3], `/json [no-cors]: basic 200 ${base}/json`);
    // Main fetch serves data: URLs before it checks the mode (§4.1 step 12).
    assertEq(lines[4], 'data:,x [same-origin]: basic 200 data:,x');
    assertEq(lines[5], 'data:,x [cors]: basic 200 data:,x');
    assertEq(lines[6], 'data:,x [no-cors]: basic 200 data:,x');
});

await test('browser-style.js', async () => {
    const {stdout} = expectOk(await run('browser-style.js', url('/echo/b')));
    assert(stdout.startsWith('200 http: '), stdout);
    assert(stdout.includes('"query":"from=gjs"'), stdout);
    const data = expectOk(await run('browser-style.js'));
    assertEq(data.stdout.trim(), '200 data: 33 characters: Hello from a browser-style script');
});

GLib.spawn_command_line_sync(`rm -rf ${GLib.shell_quote(tmp)}`);
done();
