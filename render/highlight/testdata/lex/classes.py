from __future__ import annotations

import dataclasses
import functools
from collections.abc import Iterator


@dataclasses.dataclass(frozen=True)
class Point:
    x: float = 0.0
    y: float = 0.0

    def __add__(self, other: "Point") -> "Point":
        return Point(self.x + other.x, self.y + other.y)

    def __repr__(self):
        return "Point({0.x:.2f}, {0.y:>8.3f})".format(self)

    @property
    def norm(self) -> float:
        return (self.x ** 2 + self.y ** 2) ** 0.5

    @classmethod
    def origin(cls) -> Point:
        return cls()


class Stack(list):
    '''A list that only grows at the end.'''

    def __init__(self, *items, **kwargs):
        super().__init__(items)
        self.limit = kwargs.get('limit', 1_000)

    def push(self, item):
        if len(self) >= self.limit:
            raise OverflowError('stack full: %(n)d items' % {'n': len(self)})
        self.append(item)

    def __iter__(self) -> Iterator:
        yield from reversed(self)


@functools.lru_cache(maxsize=None)
def fib(n: int) -> int:
    return n if n < 2 else fib(n - 1) + fib(n - 2)


nums = [0x1F, 0o17, 0b1010, 1e-3, 3.14j, .5, 10., 1_000_000]
flags = ~0 & 0xFF | 1 << 4 ^ 2 >> 1
matrix = [[1, 2], [3, 4]]
total = sum(x for row in matrix for x in row if x % 2 == 0)
lam = lambda a, *, b=None: (a, b)
print(Point(1, 2) + Point(3, 4), Stack(1, 2, limit=3), fib(30), nums, flags, total, lam(1))
print(isinstance(nums, list), type(None), NotImplemented, Ellipsis, ..., __name__, __file__)
