"""Post records of the wrong shape into the classifier (property-based): it scores them or
reads the broken parts as missing, and never raises (`classify`'s contract)."""

from __future__ import annotations

from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from bot.classify import PromoVerdict, classify
from tests.badinput import HUGE, json_values, mutated, nested

LINK = "app.bsky.richtext.facet#link"
TAG = "app.bsky.richtext.facet#tag"
EXTERNAL = {"$type": "app.bsky.embed.external", "external": {"uri": "https://x.example"}}
GOOD: dict[str, Any] = {
    "$type": "app.bsky.feed.post",
    "text": "50% off today only, use code SAVE50 https://shop.example",
    "facets": [
        {
            "index": {"byteStart": 36, "byteEnd": 57},
            "features": [{"$type": LINK, "uri": "https://shop.example"}],
        },
        {
            "index": {"byteStart": 0, "byteEnd": 3},
            "features": [{"$type": TAG, "tag": "sale"}],
        },
    ],
    "embed": {
        "$type": "app.bsky.embed.external",
        "external": {"uri": "https://x.example", "title": "Buy"},
    },
    "reply": {"parent": {"uri": "at://did:plc:b/app.bsky.feed.post/1"}},
}
impossible_facets = st.lists(
    st.fixed_dictionaries(
        {
            "index": st.fixed_dictionaries(
                {"byteStart": st.integers(-(2**63), 2**63), "byteEnd": st.integers(-(2**63), 2**63)}
            ),
            "features": st.lists(st.fixed_dictionaries({"$type": st.just(LINK), "uri": st.text()})),
        }
    ),
    max_size=5,
)


def check(record: Any) -> None:
    verdict = classify(record)
    assert isinstance(verdict, PromoVerdict) and 0.0 <= verdict.score <= 1.0


@given(st.one_of(json_values, mutated(GOOD)))
def test_any_record_is_scored_or_read_as_missing(record: Any) -> None:
    check(record)


@given(impossible_facets, st.integers(0, 400), st.sampled_from(["\ud800", "\udfff", "\x00", "é"]))
def test_impossible_offsets_huge_text_invalid_utf8_and_deep_embeds(
    facets: list[Any], depth: int, odd: str
) -> None:
    check(GOOD | {"facets": facets})
    check(GOOD | {"text": "buy now " * (HUGE // 8)})
    check(GOOD | {"text": f"50% off{odd}code SAVE50{odd}"})  # lone surrogates: not valid UTF-8
    check(GOOD | {"embed": nested(depth, GOOD["embed"])})
