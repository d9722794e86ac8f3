#!/usr/bin/python3
# SPDX-License-Identifier: LGPL-2.1-or-later
"""upload.py: upload a file without loading it in memory.

    upload.py URL FILE            PUT the file as the body
    upload.py --form FIELD URL FILE
                                  POST it as a multipart/form-data field

A file object as body streams from its descriptor, with its size as the
Content-Length. Upload progress comes from the controller's
"upload-progress" signal. A form holds the file's bytes in memory.
"""
import mimetypes
import os
import sys

import gi

gi.require_version("Fetch", "1.0")
from gi.repository import Fetch  # noqa: E402


def on_progress(_controller, sent, total):
    if total > 0:
        sys.stderr.write("\rsent %d of %d bytes" % (sent, total))
    else:
        sys.stderr.write("\rsent %d bytes" % sent)
    sys.stderr.flush()


def main(argv):
    args = argv[1:]
    field = None
    if args[:1] == ["--form"] and len(args) == 4:
        field, args = args[1], args[2:]
    if len(args) != 2:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    url, path = args
    content_type = mimetypes.guess_type(path)[0] or "application/octet-stream"

    controller = Fetch.Controller()
    controller.connect("upload-progress", on_progress)
    try:
        with open(path, "rb") as f:
            if field is None:
                init = {"method": "PUT", "body": f,
                        "headers": {"Content-Type": content_type}}
            else:
                form = Fetch.FormData({field: (os.path.basename(path), f, content_type)})
                init = {"method": "POST", "body": form}
            with Fetch.fetch(url, controller=controller, **init) as response:
                sys.stderr.write("\n%d %s\n" % (response.status, response.status_text))
                print(response.text())
                return 0 if response.ok else 1
    except (Fetch.FetchError, OSError) as e:
        sys.stderr.write("\nupload: %s\n" % e)
        return 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
