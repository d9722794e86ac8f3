#!/usr/bin/python3
# SPDX-License-Identifier: LGPL-2.1-or-later
"""download.py: stream a large download to a file, with progress.

    download.py URL FILE

The body is written to FILE chunk by chunk as it arrives, so memory use
stays flat whatever the size. Progress comes from the Fetch.Controller's
"download-progress" signal; Ctrl+C aborts the fetch through the same
controller, and a failed download leaves no partial file. At the end the
controller's timing info gives the transfer rate.

The download runs in a thread of its own (fetch() works in any thread):
the main thread stays free to take Ctrl+C even while a read waits for a
stalled server, and aborts from there.
"""
import os
import sys
import threading

import gi

gi.require_version("Fetch", "1.0")
from gi.repository import Fetch  # noqa: E402


def on_progress(_controller, received, total):
    # total is the Content-Length, or -1 when unknown (chunked, gzip...).
    if total > 0:
        sys.stderr.write("\r%d of %d bytes (%d%%)" % (received, total, received * 100 // total))
    else:
        sys.stderr.write("\r%d bytes" % received)
    sys.stderr.flush()


def download(url, path, controller, outcome, done):
    try:
        with Fetch.fetch(url, controller=controller) as response:
            if not response.ok:
                outcome["error"] = "%d %s" % (response.status, response.status_text)
                return
            with open(path, "wb") as out:
                for chunk in response.iter_content(256 * 1024):
                    out.write(chunk)
    except (Fetch.FetchError, OSError) as e:  # network error, abort, disk full
        outcome["error"] = str(e)
    finally:
        done.set()


def main(argv):
    if len(argv) != 3:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    url, path = argv[1:]

    controller = Fetch.Controller()
    controller.connect("download-progress", on_progress)
    outcome = {}
    done = threading.Event()
    threading.Thread(target=download, args=(url, path, controller, outcome, done)).start()
    try:
        # Not Thread.join(): interrupted by Ctrl+C, it may return early.
        while not done.wait(0.2):
            pass
    except KeyboardInterrupt:
        controller.abort()  # from any thread; the read fails with AbortError
        done.wait()

    if "error" in outcome:
        sys.stderr.write("\ndownload: %s\n" % outcome["error"])
        if os.path.exists(path):
            os.unlink(path)
        return 1

    timing = controller.get_timing_info()
    seconds = max(timing.end_time - timing.start_time, 1) / 1e6
    size = os.path.getsize(path)
    sys.stderr.write("\n%d bytes in %.2f s (%.0f kB/s)\n" % (size, seconds, size / seconds / 1000))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
