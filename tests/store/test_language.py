"""The person's language in the store (issue 24): counts folded in the ingest transaction, the
`lang` choice kept over posts, and a welcome waiting for the history read. Every backend."""

from __future__ import annotations

import pytest

from bot.clock import US_PER_SECOND
from bot.language import fold_signals
from bot.store import ActivityRow, IngestBatch, OptIn, OutboxDraft, Store
from tests.store.test_contract import ALICE, BOB, T0, no_next, opt_in_batch

WAIT = 5 * US_PER_SECOND


_RKEYS = iter(range(10**6))


def signals(did: str, *languages: str, rkeys: list[str] | None = None) -> IngestBatch:
    """Posts in these languages (new records unless `rkeys` names them again)."""
    keys = rkeys or [f"p{next(_RKEYS)}" for _ in languages]
    rows = [
        ActivityRow(did, "post", key, "post", T0 + 1000 + i, language=language)
        for i, (key, language) in enumerate(zip(keys, languages, strict=True))
    ]
    return IngestBatch(activities=rows)


async def test_a_post_delivered_twice_counts_once(store: Store) -> None:
    await store.apply(opt_in_batch(ALICE), T0, no_next)
    keys = ["p-a", "p-b"]
    await store.apply(signals(ALICE, "ja", "ja", rkeys=keys), T0 + 1, no_next)
    await store.apply(signals(ALICE, "ja", "ja", rkeys=keys), T0 + 2, no_next)  # a re-read
    state = await store.language_state(ALICE)
    assert state is not None and state[0] is None
    assert state[1] == pytest.approx(fold_signals({}, [("ja", 1.0)] * 2), abs=0.01)


async def test_posts_decide_the_language_in_the_ingest_transaction(store: Store) -> None:
    await store.apply(opt_in_batch(ALICE), T0, no_next)
    await store.apply(signals(ALICE, "de", "de"), T0 + 1, no_next)
    assert (await store.person(ALICE)).language is None  # type: ignore[union-attr]
    await store.apply(signals(ALICE, "de", "en", "de"), T0 + 2, no_next)
    state = await store.language_state(ALICE)
    assert state is not None
    language, counts, chosen = state
    assert (language, chosen) == ("de", False)
    assert set(counts) == {"de", "en"} and counts["de"] > 3 * counts["en"]
    # one stray post does not flip it
    await store.apply(signals(ALICE, "fr"), T0 + 3, no_next)
    assert (await store.person(ALICE)).language == "de"  # type: ignore[union-attr]


async def test_signals_of_people_not_opted_in_are_dropped(store: Store) -> None:
    await store.apply(signals(BOB, "ja", "ja", "ja", "ja"), T0, no_next)
    assert await store.person(BOB) is None
    assert await store.note_languages(BOB, [("ja", 3.0)]) is None
    assert await store.language_state(BOB) is None


async def test_a_chosen_language_is_kept_over_posts_until_chosen_again(store: Store) -> None:
    await store.apply(opt_in_batch(ALICE), T0, no_next)
    assert await store.choose_language(ALICE, "pt")
    assert await store.note_languages(ALICE, [("es", 3.0)] * 5) == "pt"
    await store.apply(signals(ALICE, *["fr"] * 10), T0 + 1, no_next)
    state = await store.language_state(ALICE)
    assert state is not None and state[0] == "pt" and state[2]
    assert state[1] == pytest.approx(_counts(), abs=0.01)
    assert await store.choose_language(ALICE, "ja")
    assert (await store.person(ALICE)).language == "ja"  # type: ignore[union-attr]
    assert not await store.choose_language(ALICE, "tlh")
    assert not await store.choose_language(BOB, "de")


def _counts() -> dict[str, float]:
    return fold_signals({}, [("es", 3.0)] * 5 + [("fr", 1.0)] * 10)


async def test_commands_count_like_several_posts(store: Store) -> None:
    await store.apply(opt_in_batch(ALICE), T0, no_next)
    assert await store.note_languages(ALICE, [("es", 3.0)]) == "es"


async def test_a_welcome_waits_for_the_history_read(store: Store) -> None:
    batch = IngestBatch()
    batch.opt_ins[ALICE] = OptIn(ALICE, "f1", T0)
    batch.welcomes[ALICE] = OutboxDraft(ALICE, "welcome", str(T0), 0, "hello", T0 + WAIT)
    await store.apply(batch, T0, no_next)
    assert await store.claim_due(T0 + 100, 10, 1000, "w") == []
    loaded = IngestBatch()
    loaded.histories[ALICE] = T0 + 200
    await store.apply(loaded, T0 + 200, no_next)
    assert [item.did for item in await store.claim_due(T0 + 200, 10, 1000, "w")] == [ALICE]


async def test_a_welcome_goes_when_the_history_read_is_given_up(store: Store) -> None:
    batch = IngestBatch()
    batch.opt_ins[BOB] = OptIn(BOB, "f1", T0)
    batch.welcomes[BOB] = OutboxDraft(BOB, "welcome", str(T0), 0, "hello", T0 + WAIT)
    await store.apply(batch, T0, no_next)
    await store.history_failed(BOB, T0 + 10, T0 + 60 * US_PER_SECOND)  # a retry: still waits
    assert await store.claim_due(T0 + 10, 10, 1000, "w") == []
    await store.history_failed(BOB, T0 + 20, None)
    assert [item.did for item in await store.claim_due(T0 + 20, 10, 1000, "w")] == [BOB]


async def test_opt_out_forgets_the_language(store: Store) -> None:
    await store.apply(opt_in_batch(ALICE), T0, no_next)
    await store.note_languages(ALICE, [("de", 3.0)])
    out = IngestBatch()
    out.opt_outs.add(ALICE)
    await store.apply(out, T0 + 1, no_next)
    await store.apply(opt_in_batch(ALICE, T0 + 2, "f2"), T0 + 2, no_next)
    assert await store.language_state(ALICE) == (None, {}, False)
