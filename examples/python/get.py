#!/usr/bin/python3
# SPDX-License-Identifier: LGPL-2.1-or-later
"""get.py: fetch a URL and show its status, headers and body.

    get.py URL [HEADER:VALUE...]

A JSON body is printed back as indented JSON, any other as text.
"""
import json
import sys

import gi

gi.require_version("Fetch", "1.0")
from gi.repository import Fetch  # noqa: E402


def main(argv):
    if len(argv) < 2:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    headers = Fetch.Headers([arg.split(":", 1) for arg in argv[2:]])
    try:
        with Fetch.fetch(argv[1], headers=headers) as response:
            print(response.status, response.status_text)
            for name, value in response.headers.multi_items():
                print("%s: %s" % (name, value))
            print()
            content_type = response.headers.get("content-type", "")
            if "json" in content_type:
                print(json.dumps(response.json(), indent=2, ensure_ascii=False))
            else:
                print(response.text())
    except Fetch.FetchError as e:  # TypeError, NetworkError, AbortError
        print("get: %s" % e, file=sys.stderr)
        return 1
    except ValueError as e:  # the body was no JSON
        print("get: %s" % e, file=sys.stderr)
        return 1
    return 0 if response.ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
