#!/usr/bin/env python3
# SPDX-License-Identifier: LGPL-2.1-or-later
"""Prints where to install the PyGObject overrides for an install prefix.

Line 1: the gi/overrides directory. Line 2: "searched" when this Python
finds it without PYTHONPATH, else "not-searched".

meson's python.get_install_dir() is no help on Debian: for /usr/local it
gives /usr/local/lib/python3/dist-packages, which Debian's Python does not
search (it searches /usr/local/lib/python3.X/dist-packages). So, in order:
1. PyGObject's own overrides directory, if it is under the prefix
   (Debian, prefix /usr: /usr/lib/python3/dist-packages/gi/overrides);
2. a site directory of sys.path under the prefix (Debian, prefix
   /usr/local: /usr/local/lib/python3.11/dist-packages/gi/overrides;
   gi.overrides extends its __path__ over every gi/overrides of sys.path);
3. sysconfig's purelib for the prefix, which this Python does not search.
"""
import os
import sys
import sysconfig


def under_prefix(path, prefix):
    """Whether path is in a lib* directory of prefix (not in prefix/local)."""
    relative = os.path.relpath(os.path.realpath(path), prefix)
    return relative.split(os.sep)[0].startswith("lib")


def main():
    prefix = os.path.realpath(sys.argv[1])
    try:
        import gi
        gi_dir = os.path.dirname(os.path.realpath(gi.__file__))
        if under_prefix(gi_dir, prefix):
            print(os.path.join(gi_dir, "overrides"))
            print("searched")
            return
    except ImportError:
        pass
    for entry in sys.path:
        if (os.path.basename(entry) in ("site-packages", "dist-packages")
                and under_prefix(entry, prefix)):
            print(os.path.join(entry, "gi", "overrides"))
            print("searched")
            return
    purelib = sysconfig.get_path("purelib", "posix_prefix",
                                 vars={"base": prefix, "platbase": prefix})
    print(os.path.join(purelib, "gi", "overrides"))
    print("not-searched")


if __name__ == "__main__":
    main()
