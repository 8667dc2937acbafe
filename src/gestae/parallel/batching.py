"""Cutting a stream of articles into chunks without reading ahead more than needed."""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Iterator
from typing import TypeVar

T = TypeVar("T")


def chunked(items: Iterable[T], size: int) -> Iterator[list[T]]:
    """Lists of `size` items (the last may be shorter), pulled from `items` one chunk at a time."""
    if size < 1:
        raise ValueError(f"chunk size must be positive, got {size}")
    iterator = iter(items)
    while chunk := list(itertools.islice(iterator, size)):
        yield chunk


def peek(items: Iterable[T], count: int) -> tuple[list[T], Iterator[T], bool]:
    """The first `count` items, an iterator over all items (those first ones included), and
    whether the input ended within them."""
    iterator = iter(items)
    head = list(itertools.islice(iterator, count))
    return head, itertools.chain(head, iterator), len(head) < count
