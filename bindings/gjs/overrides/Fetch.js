// SPDX-License-Identifier: LGPL-2.1-or-later
// GJS overrides for the Fetch namespace (gi://Fetch): GJS loads this file
// from overrides/ on its search path ($datadir/gjs-1.0, or GJS_PATH in the
// build tree) when a script imports Fetch.
//
// Every _async method gets a Promise form (Gio._promisify), so that
//     const response = await client.fetch_async(request, null);
//     const text = await response.text_async(null);
// work without a callback; with one, the method works as before.
//
// Fetch.WEB_MODULE_URI and Fetch.WEB_GLOBAL_MODULE_URI are the file URIs of
// the WHATWG API modules (fetch.js and global.js), wherever they are
// installed, for a dynamic import:
//     const {fetch, Headers} = await import(Fetch.WEB_MODULE_URI);

const {Gio, GLib} = imports.gi;

const ASYNC_METHODS = {
    Client: ['fetch', 'fetch_with_controller:fetch', 'fetch_url:fetch'],
    Request: ['bytes', 'text', 'json', 'form_data', 'blob'],
    Response: ['bytes', 'text', 'json', 'form_data', 'blob'],
};

// The module directory relative to the directory this override was
// found in: the source tree keeps overrides/ next to fetch.js; an
// installation has $datadir/gjs-1.0/overrides and
// $datadir/libfetch-glib/gjs.
const MODULE_DIRS = ['.', '../libfetch-glib/gjs'];

function findWebModuleDir() {
    for (const dir of imports.searchPath) {
        if (dir.startsWith('resource:'))
            continue;
        const path = dir.startsWith('file:') ? Gio.File.new_for_uri(dir).get_path() : dir;
        if (!GLib.file_test(GLib.build_filenamev([path, 'overrides', 'Fetch.js']), GLib.FileTest.EXISTS))
            continue;
        // The first directory with overrides/Fetch.js is the one GJS
        // loaded this file from.
        for (const rel of MODULE_DIRS) {
            const candidate = Gio.File.new_for_path(GLib.build_filenamev([path, rel]));
            if (candidate.get_child('fetch.js').query_exists(null))
                return candidate;
        }
        return null;
    }
    return null;
}

function _init() {
    const Fetch = this;

    for (const [className, methods] of Object.entries(ASYNC_METHODS)) {
        const proto = Fetch[className].prototype;
        for (const spec of methods) {
            const [name, finish = name] = spec.split(':');
            Gio._promisify(proto, `${name}_async`, `${finish}_finish`);
        }
    }
    // The namespace function: its GTask has no source object, so the
    // promise calls Fetch.fetch_finish().
    Gio._promisify(Fetch, 'fetch_async', 'fetch_finish');

    const dir = findWebModuleDir();
    if (dir !== null) {
        Fetch.WEB_MODULE_URI = dir.get_child('fetch.js').get_uri();
        Fetch.WEB_GLOBAL_MODULE_URI = dir.get_child('global.js').get_uri();
    }
}
