import re
import os, sys
import os.path as osp
from . import sibling
from ..pkg.mod import (a, b as bee,
                       c)
from x import *

global_counter = 0


def process(items, *args, key=None, **kw):
    global global_counter
    results = []
    for i, item in enumerate(items):
        if not item:
            continue
        elif item is None or item in (1, 2):
            break
        else:
            global_counter += 1
        try:
            value = int(item)
        except ValueError:
            value = -1
        results.append(value)
    while True:
        del results[0:0]
        break
    match results:
        case [first, *rest]:
            print(first, rest)
        case _:
            pass
    m = re.match(r"(\d+)-(\w+)", "12-ab")
    nonlocal_test = lambda: None
    assert m is not None, "no match"
    return [r for r in results if r > 0] or None


class Base(object):
    pass


class Derived(Base, metaclass=type):
    def method(self):
        def inner():
            nonlocal self
            return self
        return inner()


print(process(["1", "", "x", None]), os.sep, sys.argv[1:], osp.join("a", "b"))
x = 5 if True else False
y = not x and x or x != 3 and x <= 4 and x >= 2
z = x // 2 + x % 3 - -x; z **= 2; z //= 3; z @= None
