// SPDX-License-Identifier: LGPL-2.1-or-later
// download.js: stream a large download to a file, with progress.
//
//     gjs -m download.js URL FILE
//
// The body is read chunk by chunk from response.body and written to FILE
// as it arrives, so memory use stays flat whatever the size. Progress is
// counted from the chunks against the Content-Length, as a browser
// script does. Ctrl+C aborts the fetch through an AbortController (the
// pending read rejects with the abort reason), and a failed download
// leaves no partial file.

import Fetch from 'gi://Fetch?version=1.0';
import GLib from 'gi://GLib';
import Gio from 'gi://Gio';
import System from 'system';

const {fetch, AbortController} = await import(Fetch.WEB_MODULE_URI ?? '../../bindings/gjs/fetch.js');

Gio._promisify(Gio.OutputStream.prototype, 'write_bytes_async');
Gio._promisify(Gio.OutputStream.prototype, 'close_async');
Gio._promisify(Gio.File.prototype, 'replace_async');

if (ARGV.length !== 2) {
    printerr('usage: gjs -m download.js URL FILE');
    System.exit(2);
}
const [url, path] = ARGV;
const file = Gio.File.new_for_commandline_arg(path);

const controller = new AbortController();
GLib.unix_signal_add(GLib.PRIORITY_DEFAULT, 2 /* SIGINT */, () => {
    controller.abort(new Error('interrupted'));
    return GLib.SOURCE_REMOVE;
});

function showProgress(received, total) {
    if (total > 0)
        printerr(`\r${received} of ${total} bytes (${Math.floor(received * 100 / total)}%)`);
    else
        printerr(`\r${received} bytes`);
}

async function writeAll(out, chunk) {
    // write_bytes_async may write less than asked: go on until all is out.
    for (let offset = 0; offset < chunk.length;) {
        // eslint-disable-next-line no-await-in-loop
        offset += await out.write_bytes_async(chunk.subarray(offset), GLib.PRIORITY_DEFAULT, null);
    }
}

const started = GLib.get_monotonic_time();
let out = null, received = 0;
try {
    const response = await fetch(url, {signal: controller.signal});
    if (!response.ok)
        throw new Error(`${response.status} ${response.statusText}`);
    // Content-Length is the size on the wire: with a Content-Encoding the
    // decoded body is longer, so it is only a hint then.
    const length = response.headers.has('content-encoding')
        ? -1 : Number(response.headers.get('content-length') ?? -1);
    out = await file.replace_async(null, false, Gio.FileCreateFlags.REPLACE_DESTINATION,
        GLib.PRIORITY_DEFAULT, null);
    for await (const chunk of response.body) {
        await writeAll(out, chunk);
        received += chunk.length;
        showProgress(received, length);
    }
    await out.close_async(GLib.PRIORITY_DEFAULT, null);
} catch (e) {
    // A network error or an abort, or a disk error.
    printerr(`\ndownload: ${e.name}: ${e.message}`);
    if (out !== null) {
        out.close(null);
        file.delete(null);
    }
    System.exit(1);
}
const seconds = Math.max(GLib.get_monotonic_time() - started, 1) / 1e6;
printerr(`\n${received} bytes in ${seconds.toFixed(2)} s (${(received / seconds / 1000).toFixed(0)} kB/s)`);
