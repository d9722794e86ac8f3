// SPDX-License-Identifier: LGPL-2.1-or-later
// upload.js: upload a file, streamed, with upload progress.
//
//     gjs -m upload.js URL FILE [--form]
//
// Without --form the file is the request body: a Gio.File body is read as
// it is sent, with a Content-Length (a GJS extension of BodyInit; browser
// code would send a Blob). With --form it is a "file" field of a
// multipart/form-data body, next to a "description" field, as a browser
// form upload (the file is read into a File first).
//
// Upload progress is not in the WHATWG API: the fetchController init
// member (a GJS extension) hands a Fetch.Controller to the fetch, whose
// "upload-progress" signal reports it.

import Fetch from 'gi://Fetch?version=1.0';
import Gio from 'gi://Gio';
import System from 'system';

const {fetch, File, FormData} = await import(Fetch.WEB_MODULE_URI ?? '../../bindings/gjs/fetch.js');

if (ARGV.length < 2 || ARGV.length > 3 || (ARGV[2] ?? '--form') !== '--form') {
    printerr('usage: gjs -m upload.js URL FILE [--form]');
    System.exit(2);
}
const [url, path, form] = ARGV;
const file = Gio.File.new_for_commandline_arg(path);

let body;
if (form) {
    const [, contents] = file.load_contents(null);
    const info = file.query_info('standard::content-type', Gio.FileQueryInfoFlags.NONE, null);
    body = new FormData();
    body.append('description', `upload of ${file.get_basename()}`);
    body.append('file', new File([contents], file.get_basename(), {
        type: Gio.content_type_get_mime_type(info.get_content_type()) ?? '',
    }));
} else {
    body = file;
}

const controller = Fetch.Controller.new();
controller.connect('upload-progress', (_c, sent, total) => {
    printerr(total > 0 ? `\rsent ${sent} of ${total} bytes` : `\rsent ${sent} bytes`);
});

try {
    const response = await fetch(url, {method: 'POST', body, fetchController: controller});
    printerr('');
    print(`${response.status} ${response.statusText}`);
    print(await response.text());
    System.exit(response.ok ? 0 : 1);
} catch (e) {
    printerr(`\nupload: ${e.name}: ${e.message}`);
    System.exit(1);
}
