#!/usr/bin/env python3
"""Fork a child and talk to it over a pipe.

The parent reads until every writer has closed its end.
"""
import os
import sys
from os import path as p, waitpid


def main() -> int:  # entry point
    r, w = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.close(r)
        os.write(w, b"hello from the child\n")
        os._exit(0)
    os.close(w)
    with os.fdopen(r, "rb") as f:
        data = f.read()
    _, status = os.waitpid(pid, 0)
    print(f"child said {data.decode()!r} (status={status:#x})")
    print("exit code: %d, signal: %s" % (os.WEXITSTATUS(status), None))
    return 0 if os.WIFEXITED(status) else 1


if __name__ == "__main__":
    sys.exit(main())
