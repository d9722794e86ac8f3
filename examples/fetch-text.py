#!/usr/bin/python3
# fetch-text.py: fetch a URL with libfetch-glib and print status and body.
# SPDX-License-Identifier: LGPL-2.1-or-later
import sys

import gi
gi.require_version("Fetch", "1.0")
from gi.repository import Fetch, GLib  # noqa: E402

url = sys.argv[1] if len(sys.argv) > 1 else "data:,Hello%20from%20Python"
try:
    request = Fetch.Request.new(url, None)
    response = Fetch.Client.get_default().fetch_sync(request, None)
except GLib.Error as e:
    print(e.message, file=sys.stderr)
    sys.exit(1)

body = response.get_body().read_bytes(1 << 20, None).get_data()
print(response.get_status(), response.get_status_text())
print(body.decode())
