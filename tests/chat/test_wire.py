"""The pure parts of the chat edge: time parsing and text bounds."""

from __future__ import annotations

import pytest

from bot.chat.wire import bounded_text, parse_time_us


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("1970-01-01T00:00:00Z", 0),
        ("2026-01-02T03:04:05.678Z", 1_767_323_045_678_000),
        ("2026-01-02T03:04:05.678123456Z", 1_767_323_045_678_123),  # nanoseconds: cut
        ("2026-01-02T04:04:05.678+01:00", 1_767_323_045_678_000),
        ("2026-01-02T03:04:05.678", 1_767_323_045_678_000),  # naive: UTC
        ("2026-01-02", 1_767_312_000_000_000),
        ("yesterday", None),
        ("", None),
        ("2026-01-02T03:04:05Z" + " " * 100, None),  # absurdly long: not even tried
        (None, None),
        (1_767_323_045, None),
    ],
)
def test_parse_time_us(value: object, expected: int | None) -> None:
    assert parse_time_us(value) == expected


@pytest.mark.parametrize(
    ("text", "limit", "expected"),
    [
        ("short", 4096, "short"),
        ("a" * 5000, 4096, "a" * 4096),
        ("é" * 3000, 4096, "é" * 2048),
        ("ab€", 4, "ab"),  # never half a code point
        ("👋🏽" * 3, 12, "👋🏽👋"),  # may split a grapheme, never a code point
    ],
)
def test_bounded_text(text: str, limit: int, expected: str) -> None:
    out = bounded_text(text, limit)
    assert out == expected and len(out.encode()) <= limit
