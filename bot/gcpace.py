"""Fewer garbage-collector passes while a bulk job allocates many short-lived objects."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

BULK_GEN0_THRESHOLD = 50_000


@contextmanager
def fewer_collections(gen0: int = BULK_GEN0_THRESHOLD) -> Iterator[None]:
    """Raise the young-generation threshold for the duration, then restore it.

    The evaluation pass builds millions of tuples and lists (decoded aggregates, post marks)
    that form no cycles and die with their page. At CPython's default (a collection every 700
    net allocations, each traversing the survivors) the collector took ~25% of the pass's read
    phase (bench/evaluate.py, 100,000 people). Reference counting still frees everything at
    once; only cycle detection runs less often, so memory is unchanged. Not re-entrant: the
    jobs run one at a time.
    """
    old = gc.get_threshold()
    gc.set_threshold(max(gen0, old[0]), *old[1:])
    try:
        yield
    finally:
        gc.set_threshold(*old)
