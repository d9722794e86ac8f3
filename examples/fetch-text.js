// fetch-text.js: fetch a URL with libfetch-glib (async) and print it.
//   gjs -m fetch-text.js [URL]
// SPDX-License-Identifier: LGPL-2.1-or-later
import Fetch from 'gi://Fetch?version=1.0';
import GLib from 'gi://GLib';
import Gio from 'gi://Gio';
import System from 'system';

Gio._promisify(Fetch.Client.prototype, 'fetch_async', 'fetch_finish');
Gio._promisify(Fetch.Response.prototype, 'text_async', 'text_finish');

const url = ARGV[0] ?? 'data:,Hello%20from%20GJS';
const loop = new GLib.MainLoop(null, false);
let status = 0;
(async () => {
    try {
        const request = Fetch.Request.new(url, null);
        const response = await Fetch.Client.get_default().fetch_async(request, null);
        print(response.get_status(), response.get_status_text());
        print(await response.text_async(null));
    } catch (e) {
        printerr(e.message);
        status = 1;
    } finally {
        loop.quit();
    }
})();
loop.run();
System.exit(status);
