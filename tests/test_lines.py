"""Bounded line reading: lines up to the limit come through as they are, a longer one is
replaced by None and read past without holding it, whatever its length."""

from __future__ import annotations

import io
import tracemalloc

import pytest

from bot.lines import bounded_lines


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"", []),
        (b"abc\n", [b"abc\n"]),
        (b"abcd\n", [b"abcd\n"]),  # exactly the limit, newline not counted
        (b"abcd", [b"abcd"]),  # last line without a newline
        (b"abcde\nxy\n", [None, b"xy\n"]),
        (b"abcde", [None]),
        (b"a" * 50 + b"\n\nz", [None, b"\n", b"z"]),  # several pieces long, then a blank line
        (b"abcd" + b"\n", [b"abcd\n"]),
    ],
)
def test_lines_over_the_limit_are_replaced_by_none(
    data: bytes, expected: list[bytes | None]
) -> None:
    assert list(bounded_lines(io.BytesIO(data), limit=4)) == expected


def test_a_huge_line_is_never_held() -> None:
    limit = 64 * 1024
    huge = b"x" * (40 * 1024 * 1024)
    stream = io.BytesIO(b'{"a":1}\n' + huge + b"\n" + b'{"b":2}\n')
    tracemalloc.start()
    try:
        got = list(bounded_lines(stream, limit=limit))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert got == [b'{"a":1}\n', None, b'{"b":2}\n']
    assert peak < 8 * limit  # the 40 MiB line was read past in pieces of the limit
