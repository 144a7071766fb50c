"""A replay per language (issue 24): people who post in es, de, fr, pt and ja get the welcome
and the quiet nudge in their language. Texts are matched against each language's catalog
(they are rewritten often), never pinned."""

from __future__ import annotations

from pathlib import Path

from bot.messages import catalog_for
from bot.policy import DmKind
from tests.streams import US_PER_DAY, US_PER_HOUR, Stream, at
from tests.test_replay import replay

START = at("2026-08-01T12:00")
# tag as clients write it -> the catalog it must be written from
PEOPLE = {
    "did:plc:ana": ("es", "es"),
    "did:plc:jonas": ("de-DE", "de"),
    "did:plc:claire": ("fr", "fr"),
    "did:plc:joao": ("pt-BR", "pt"),
    "did:plc:yuki": ("ja", "ja"),
    "did:plc:sam": ("en", "en"),
}
LATE = "did:plc:lena"  # posted nothing before following: no history to tell


def texts(language: str, kind: DmKind) -> set[str]:
    catalog = catalog_for(language)
    return {catalog.text(kind, i, None) for i in range(len(catalog.variants[kind]))}


def language_of(text: str, kind: DmKind) -> list[str]:
    return [lang for lang in ("en", "es", "de", "fr", "pt", "ja") if text in texts(lang, kind)]


def stream() -> Stream:
    s = Stream()
    for n, (did, (tag, _)) in enumerate(PEOPLE.items()):
        for day in range(5):  # before they follow: what the history read finds
            s.post(did, START + day * US_PER_DAY + n * 60_000_000, "…", langs=[tag])
        s.follow(did, START + 6 * US_PER_DAY + n * US_PER_HOUR)
        for day in range(7, 37):  # daily, then quiet
            s.post(did, START + day * US_PER_DAY + 2 * US_PER_HOUR, "…", langs=[tag, "en"])
    s.follow(LATE, START + 6 * US_PER_DAY)
    for day in range(7, 37):
        s.post(LATE, START + day * US_PER_DAY + 2 * US_PER_HOUR, "…", langs=["de"])
    s.like("did:plc:someoneelse", START + 70 * US_PER_DAY)  # the stream goes on
    return s


async def test_each_person_is_welcomed_and_nudged_in_their_language(tmp_path: Path) -> None:
    dms, stats = await replay(stream(), tmp_path)
    assert stats.opted_in == len(PEOPLE) + 1
    for did, (_, language) in PEOPLE.items():
        theirs = [dm for dm in dms if dm["did"] == did]
        assert [dm["kind"] for dm in theirs] == ["welcome", "quiet"], did
        welcome, quiet = theirs
        assert language_of(welcome["text"], DmKind.WELCOME) == [language], did
        assert language_of(quiet["text"], DmKind.QUIET) == [language], did


async def test_without_history_the_welcome_is_english_and_later_nudges_follow_posts(
    tmp_path: Path,
) -> None:
    dms, _ = await replay(stream(), tmp_path)
    welcome, quiet = [dm for dm in dms if dm["did"] == LATE]
    assert language_of(welcome["text"], DmKind.WELCOME) == ["en"]
    assert language_of(quiet["text"], DmKind.QUIET) == ["de"]
