#!/usr/bin/python3
# SPDX-License-Identifier: LGPL-2.1-or-later
"""abort.py: give up on a fetch, three ways.

    abort.py URL SECONDS [timeout|signal|controller]

timeout     fetch(..., timeout=SECONDS): Fetch.TimeoutError
signal      a Gio.Cancellable as the request's signal, cancelled from a
            timer thread: Fetch.AbortError
controller  Fetch.Controller.abort(reason) from a timer thread: the
            fetch fails with that reason

Each reaches the fetch wherever it is, including while the body streams.
"""
import sys
import threading

import gi

gi.require_version("Fetch", "1.0")
gi.require_version("Gio", "2.0")
from gi.repository import Fetch, GLib, Gio  # noqa: E402


def main(argv):
    if len(argv) not in (3, 4):
        print(__doc__.strip(), file=sys.stderr)
        return 2
    url, seconds = argv[1], float(argv[2])
    how = argv[3] if len(argv) == 4 else "timeout"

    kwargs = {}
    timer = None
    if how == "timeout":
        kwargs["timeout"] = seconds
    elif how == "signal":
        kwargs["signal"] = signal = Gio.Cancellable()
        timer = threading.Timer(seconds, signal.cancel)
    elif how == "controller":
        kwargs["controller"] = controller = Fetch.Controller()
        reason = GLib.Error.new_literal(Gio.io_error_quark(), "Gave up after %g s" % seconds,
                                        Gio.IOErrorEnum.TIMED_OUT)
        timer = threading.Timer(seconds, controller.abort, (reason,))
    else:
        print(__doc__.strip(), file=sys.stderr)
        return 2

    if timer is not None:
        timer.daemon = True
        timer.start()
    try:
        with Fetch.fetch(url, **kwargs) as response:
            size = sum(len(chunk) for chunk in response)
    except Fetch.TimeoutError as e:
        print("timed out: %s" % e)
        return 1
    except Fetch.AbortError as e:
        # .gerror is the controller's reason, or the standard AbortError.
        print("aborted: %s (%s)" % (e, e.gerror.domain))
        return 1
    except Fetch.FetchError as e:
        print("failed: %s" % e)
        return 1
    print("done: %d bytes" % size)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
