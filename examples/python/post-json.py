#!/usr/bin/python3
# SPDX-License-Identifier: LGPL-2.1-or-later
"""post-json.py: POST a JSON document to an API with a client of its own.

    post-json.py BASE-URL PATH JSON

The client has the API's URL as base URL, so PATH may be relative, and a
user agent of its own. The reply is printed as JSON when it is JSON.
"""
import json
import sys

import gi

gi.require_version("Fetch", "1.0")
from gi.repository import Fetch, GLib  # noqa: E402


def main(argv):
    if len(argv) != 4:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    base_url, path, document = argv[1:]
    try:
        data = json.loads(document)
    except ValueError as e:
        print("post-json: not JSON: %s" % e, file=sys.stderr)
        return 2

    client = Fetch.Client()
    try:
        client.set_base_url(base_url)
    except GLib.Error as e:  # not a URL
        print("post-json: %s" % e.message, file=sys.stderr)
        return 2
    client.set_user_agent("post-json-example/1.0")

    try:
        with client.fetch(path, method="POST", body=json.dumps(data),
                          headers={"Content-Type": "application/json",
                                   "Accept": "application/json"},
                          timeout=30) as response:
            print(response.status, response.status_text, file=sys.stderr)
            if "json" in response.headers.get("content-type", ""):
                print(json.dumps(response.json(), indent=2, ensure_ascii=False))
            else:
                print(response.text())
            return 0 if response.ok else 1
    except Fetch.FetchError as e:
        print("post-json: %s" % e, file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
