"""The person's language (issue 24): which signals count and when they decide. Pure tables."""

from __future__ import annotations

import pytest

from bot import messages
from bot.language import (
    DIRECT_WEIGHT,
    SUPPORTED,
    decide_language,
    decode_counts,
    encode_counts,
    fold_signals,
    post_language,
    primary_language,
    reply_language,
)


def test_the_supported_languages_are_the_catalogs() -> None:
    assert SUPPORTED == messages.LANGUAGES


@pytest.mark.parametrize(
    ("tag", "expected"),
    [
        ("pt-BR", "pt"),
        ("pt", "pt"),
        ("DE", "de"),
        ("de_AT", "de"),
        (" ja ", "ja"),
        ("en-GB", "en"),
        ("zh-Hans", None),  # not one the bot writes
        ("und", None),
        ("", None),
        (None, None),
        (3, None),
        ("x" * 100, None),
    ],
)
def test_primary_language(tag: object, expected: str | None) -> None:
    assert primary_language(tag) == expected


@pytest.mark.parametrize(
    ("record", "expected"),
    [
        ({"text": "hola", "langs": ["es"]}, "es"),
        ({"text": "oi", "langs": ["pt-BR", "en"]}, "pt"),  # the first tag decides
        ({"text": "x", "langs": ["ko", "de"]}, None),  # first tag unsupported: no signal
        ({"text": "hi"}, None),  # many clients omit it
        ({"text": "hi", "langs": []}, None),
        ({"text": "hi", "langs": "en"}, None),  # malformed
        ({"text": "hi", "langs": [None, 3]}, None),
    ],
)
def test_post_language(record: dict[str, object], expected: str | None) -> None:
    assert post_language(record) == expected


def posts(*languages: str) -> dict[str, float]:
    return fold_signals({}, [(language, 1.0) for language in languages])


@pytest.mark.parametrize(
    ("counts", "current", "chosen", "expected"),
    [
        ({}, None, False, None),
        (posts("de", "de"), None, False, None),  # too few
        (posts("de", "de", "de"), None, False, "de"),  # three posts: 2.71 after decay
        (posts("de", "de", "de", "de"), None, False, "de"),
        (posts("de", "fr", "de", "fr", "de", "fr"), None, False, None),  # no clear majority
        (posts("en", "en", "en", "en", "en"), None, False, "en"),
        ({"ja": 5.0, "en": 1.0}, "de", False, "ja"),  # nothing left of de
        ({"ja": 5.9, "de": 3.0}, "de", False, "de"),  # hysteresis: not twice de's count
        ({"ja": 6.0, "de": 3.0}, "de", False, "ja"),
        ({"ja": 6.0, "de": 3.0, "fr": 2.0}, None, False, None),  # 55 %: no clear majority
        ({"ja": 9.0}, "pt", True, "pt"),  # chosen with `lang`: posts never override it
        ({"ja": 9.0}, None, True, None),
        ({"es": 4.0, "pt": 4.0}, None, False, None),  # a tie is no majority
        ({"xx": 9.0}, None, False, None),
    ],
)
def test_decide_language(
    counts: dict[str, float], current: str | None, chosen: bool, expected: str | None
) -> None:
    assert decide_language(counts, current, chosen) == expected


def test_one_stray_post_does_not_flip_a_decided_language() -> None:
    counts = posts(*["fr"] * 10)
    assert decide_language(counts, None) == "fr"
    counts = fold_signals(counts, [("en", 1.0)])
    assert decide_language(counts, "fr") == "fr"
    counts = fold_signals(counts, [("en", 1.0)] * 10)  # they now write English
    assert decide_language(counts, "fr") == "en"


def test_a_command_in_one_language_counts_like_several_posts() -> None:
    counts = fold_signals({}, [("es", DIRECT_WEIGHT)])
    assert decide_language(counts, None) == "es"
    assert decide_language(posts("es"), None) is None


def test_counts_stay_bounded_and_unsupported_languages_do_not_count() -> None:
    counts = posts(*["de"] * 1000, "ko", "und")
    assert counts == pytest.approx({"de": 10.0}, rel=1e-3)
    assert fold_signals({"de": 1.0}, [("de", -5.0), ("de", 0.0)]) == {"de": 1.0}


@pytest.mark.parametrize(
    "counts", [{}, {"de": 4.31, "en": 0.9}, posts("ja", "ja", "pt"), {"es": 27.0}]
)
def test_counts_round_trip_their_stored_form(counts: dict[str, float]) -> None:
    stored = encode_counts(counts)
    assert len(stored) <= 96  # the column
    assert decode_counts(stored) == pytest.approx(counts, abs=0.01)


@pytest.mark.parametrize(
    "stored", [None, "", "garbage", "de:x en:1", "xx:3 de:2", "de:nan", "de:-1", "de:1e9"]
)
def test_malformed_stored_counts_are_skipped(stored: str | None) -> None:
    decoded = decode_counts(stored)
    assert set(decoded) <= {"de", "en"}
    assert all(0 < n < 1e6 for n in decoded.values())


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ありがとう、元気です", "ja"),
        ("¡Gracias! Estoy bien, mañana te cuento", "es"),
        ("Danke, mir geht's gut, schönes Wochenende", "de"),
        ("Ça va, merci, très bien", "fr"),
        ("Obrigada, estou bem, não se preocupe", "pt"),
        ("thanks, all good", None),  # English has no letters of its own: no signal
        ("ok", None),
    ],
)
def test_reply_language(text: str, expected: str | None) -> None:
    assert reply_language(text) == expected


def test_the_edge_reads_a_posts_language() -> None:
    from bot.events import PostCreated
    from bot.sources.jetstream_json import event_from_jetstream

    line = {
        "did": "did:plc:ana",
        "time_us": 1_785_585_600_000_000,
        "kind": "commit",
        "commit": {
            "rev": "r",
            "operation": "create",
            "collection": "app.bsky.feed.post",
            "rkey": "3l00000000001",
            "cid": "bafy",
            "record": {"$type": "app.bsky.feed.post", "text": "olá", "langs": ["pt-BR"]},
        },
    }
    event = event_from_jetstream(line)
    assert isinstance(event, PostCreated) and event.language == "pt"
