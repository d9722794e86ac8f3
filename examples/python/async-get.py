#!/usr/bin/python3
# SPDX-License-Identifier: LGPL-2.1-or-later
"""async-get.py: fetch URLs concurrently, the GLib way.

    async-get.py URL...

Fetch.fetch_async() with a callback on a GLib main loop, as a GTK
application would do it: all the fetches run at once on the main thread,
and each body is read with Response.text_async().
"""
import sys

import gi

gi.require_version("Fetch", "1.0")
from gi.repository import Fetch, GLib  # noqa: E402


def main(argv):
    urls = argv[1:]
    if not urls:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    loop = GLib.MainLoop()
    pending = {"count": len(urls), "failed": 0}

    def done(url, message, failed=False):
        print("%s: %s" % (url, message))
        pending["failed"] += failed
        pending["count"] -= 1
        if pending["count"] == 0:
            loop.quit()

    def on_text(response, result, url):
        try:
            text = response.text_finish(result)
        except GLib.Error as e:
            done(url, Fetch.FetchError.from_gerror(e), True)
            return
        done(url, "%d %s, %d characters" % (response.status, response.status_text, len(text)))

    def on_response(_source, result, url):
        try:
            response = Fetch.fetch_finish(result)
        except GLib.Error as e:
            # Fetch.FetchError.from_gerror() gives the Python exception.
            error = Fetch.FetchError.from_gerror(e)
            done(url, "%s: %s" % (type(error).__name__, error), True)
            return
        response.text_async(None, on_text, url)

    for url in urls:
        # The GObject API takes a Fetch.RequestInit (or None).
        Fetch.fetch_async(url, None, None, on_response, url)
    loop.run()
    return 1 if pending["failed"] else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
