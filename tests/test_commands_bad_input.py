"""DM text into the command parser (property-based): any Unicode, control characters, very long
text. It answers a Command, an Invalid or None (a human reply), and never raises."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from bot.commands import Command, Invalid, parse_command
from tests.badinput import any_text

NOW = 1_785_585_600_000_000
WORDS = ["stop", "pause", "2w", "until", "2026-12-24", "tz", "Europe/Berlin", "hours", "9-18"]
command_like = st.lists(st.sampled_from(WORDS) | any_text, min_size=1, max_size=6).map(" ".join)


@given(st.one_of(any_text, command_like, st.just("stop " * 100_000), st.just("\x00" * 5000)))
def test_any_text_is_a_command_an_invalid_or_a_reply(text: str) -> None:
    found = parse_command(text, NOW)
    assert found is None or isinstance(found, Command | Invalid)


@given(st.sampled_from(["pause", "tz", "hours", "stop"]), any_text)
def test_any_argument_is_accepted_or_refused(word: str, argument: str) -> None:
    found = parse_command(f"{word} {argument}", NOW)
    assert found is None or isinstance(found, Command | Invalid)
