#!/usr/bin/python3
# SPDX-License-Identifier: LGPL-2.1-or-later
"""origin.py: fetch as a web page of some origin does.

    origin.py PAGE-URL URL [MODE]

A client gets the page's origin and the page URL as base URL: URL may be
relative, and requests follow the standard's origin model for MODE
("cors" by default, "no-cors", "same-origin"): the response type tells
what the page would see.
"""
import sys

import gi

gi.require_version("Fetch", "1.0")
from gi.repository import Fetch, GLib  # noqa: E402


def main(argv):
    if len(argv) not in (3, 4):
        print(__doc__.strip(), file=sys.stderr)
        return 2
    page_url, url = argv[1], argv[2]
    mode = argv[3] if len(argv) == 4 else "cors"

    client = Fetch.Client()
    try:
        client.set_base_url(page_url)
        client.set_origin(Fetch.Origin.new_for_url(page_url))
    except GLib.Error as e:  # not a URL
        print("origin: %s" % e.message, file=sys.stderr)
        return 2

    try:
        with client.fetch(url, mode=mode) as response:
            kind = response.type.value_nick  # "basic", "cors", "opaque"...
            print("%s response, status %d" % (kind, response.status))
            print(response.text())
    except Fetch.FetchError as e:
        print("origin: %s: %s" % (type(e).__name__, e), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
