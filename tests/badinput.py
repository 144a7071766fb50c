"""Hypothesis strategies for the bad-input property tests: wrong shapes of good things.

`mutated(good)` takes a valid JSON-like object and breaks it at one random place: a field
dropped, replaced by a value of any type, a string made huge or a list made long. Random and
truncated bytes come from `broken_bytes(good)`. A `LogTally` counts what was logged, to check
that each bad item is logged once, briefly.
"""

from __future__ import annotations

import logging
from typing import Any

from hypothesis import strategies as st

HUGE = 1_000_000  # 1 MB strings: the size the issue names

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**63), max_value=2**64 - 1),  # what JSON and CBOR decoders give
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=40),
    st.sampled_from(["", "did:", "did:plc:x", "at://did:plc:x/a/b", "\x00", "\ud7ff", "create"]),
)
json_values = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner),
    max_leaves=12,
)
# strings of every Unicode category, control characters and lone surrogates included
any_text = st.text(alphabet=st.characters(codec=None, exclude_categories=()), max_size=200)


def nested(depth: int, leaf: Any) -> Any:
    """An embed (or any object) nested `depth` levels deep: hostile records do this."""
    value = leaf
    for _ in range(depth):
        value = {"$type": "app.bsky.embed.recordWithMedia", "record": value, "media": leaf}
    return value


replacements = st.one_of(
    json_values,
    st.just("x" * HUGE),
    st.just(["x"] * 10_000),
    st.builds(nested, st.integers(1, 200), json_values),
)


def paths(obj: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every place in a JSON-like object that can be replaced or removed."""
    found = [prefix] if prefix else []
    if isinstance(obj, dict):
        for key, value in obj.items():
            found.extend(paths(value, (*prefix, key)))
    elif isinstance(obj, list):
        for i, value in enumerate(obj):
            found.extend(paths(value, (*prefix, i)))
    return found


def _replace(obj: Any, path: tuple[Any, ...], value: Any, drop: bool) -> Any:
    if not path:
        return value
    head, rest = path[0], path[1:]
    if isinstance(obj, dict):
        copy = dict(obj)
        if drop and not rest:
            copy.pop(head, None)
        else:
            copy[head] = _replace(obj[head], rest, value, drop)
        return copy
    copy_list = list(obj)
    copy_list[head] = _replace(obj[head], rest, value, drop)
    return copy_list


@st.composite
def mutated(draw: st.DrawFn, good: Any) -> Any:
    """`good` broken in one to three places."""
    obj = good
    for _ in range(draw(st.integers(1, 3))):
        places = paths(obj)
        if not places:
            break
        path = draw(st.sampled_from(places))
        obj = _replace(obj, path, draw(replacements), drop=draw(st.booleans()))
    return obj


@st.composite
def broken_bytes(draw: st.DrawFn, good: bytes) -> bytes:
    """Random bytes, a truncated `good`, or `good` with some bytes flipped."""
    how = draw(st.sampled_from(["random", "truncated", "flipped"]))
    if how == "random":
        return draw(st.binary(max_size=300))
    if how == "truncated":
        return good[: draw(st.integers(0, max(len(good) - 1, 0)))]
    data = bytearray(good)
    for _ in range(draw(st.integers(1, 8))):
        i = draw(st.integers(0, len(data) - 1))
        data[i] = draw(st.integers(0, 255))
    return bytes(data)


class LogTally(logging.Handler):
    """Collects warning-and-above records of the `bot` loggers while in use."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)

    def __enter__(self) -> LogTally:
        logging.getLogger("bot").addHandler(self)
        return self

    def __exit__(self, *exc_info: object) -> None:
        logging.getLogger("bot").removeHandler(self)

    def longest(self) -> int:
        return max((len(r.getMessage()) for r in self.records), default=0)
