// SPDX-License-Identifier: LGPL-2.1-or-later
// global.js: importing this module installs the Fetch API on globalThis
// (fetch, Headers, Request, Response, FormData, AbortController,
// AbortSignal, and URL, URLSearchParams, Blob, File, DOMException, Event,
// EventTarget where the runtime has none), for code written for a
// browser:
//
//     import 'file:///usr/share/libfetch-glib/gjs/global.js';
//     const response = await fetch('https://example.com/');
//
// It also re-exports everything fetch.js exports.

import {installGlobals} from './fetch.js';

export * from './fetch.js';

installGlobals();
