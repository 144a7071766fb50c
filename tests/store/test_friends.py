""" "Stay in touch" against every backend: contacts kept only with `friends on`, the commands,
exclusion by skip and by block, a gone friend, the budget, and the opt-out purge."""

from __future__ import annotations

from typing import Any

from bot.classify import PromoVerdict
from bot.clock import US_PER_DAY
from bot.commands import Command, CommandKind
from bot.events import (
    ActivityKind,
    BlockCreated,
    BlockDeleted,
    Event,
    FollowCreated,
    PostCreated,
    StopRequested,
)
from bot.friends import FriendLook
from bot.pipeline import Pipeline
from bot.policy import PolicySettings
from bot.stay_in_touch import StayInTouch
from bot.store import Store
from tests.store.test_privacy import rows_naming

BOT = "did:plc:thebotxxxxxxxxxxxxxxxx"
ALICE, BOB, CAROL = "did:plc:alicefriends", "did:plc:bobfriends", "did:plc:carolfriends"
T0 = 1_785_585_600_000_000
RULES = PolicySettings()


class FakeCheck:
    """The AppView as the tests want it: handles, gone accounts, last activity = now."""

    def __init__(self) -> None:
        self.handles = {BOB: "bob.test", CAROL: "carol.test"}
        self.gone: set[str] = set()
        self.now_us = T0
        self.looked: list[str] = []

    async def look(self, did: str) -> FriendLook:
        self.looked.append(did)
        if did in self.gone:
            return FriendLook(False, None, None)
        return FriendLook(True, self.handles.get(did), self.now_us)

    async def resolve(self, handle: str) -> str | None:
        return next((d for d, h in self.handles.items() if h == handle), None)


def reply(did: str, to: str, t: int, rkey: str, mentions: tuple[str, ...] = ()) -> PostCreated:
    record: dict[str, Any] = {"text": "never stored"}
    return PostCreated(did, t, rkey, ActivityKind.REPLY, record, to, to, None, mentions)


def talks(did: str, friend: str, first_day: int, days: int, tag: str) -> list[Event]:
    """`did` replies to `friend` every other day."""
    return [
        reply(did, friend, T0 + (first_day + 2 * i) * US_PER_DAY, f"{tag}{i}") for i in range(days)
    ]


async def setup(store: Store) -> tuple[Pipeline, StayInTouch, FakeCheck]:
    pipeline = Pipeline(store, BOT, lambda r: PromoVerdict(0.0, False), RULES)
    await pipeline.start()
    await pipeline.ingest([FollowCreated(ALICE, T0, "fa", BOT)], T0)
    check = FakeCheck()
    return pipeline, StayInTouch(store, check, RULES, BOT), check


async def command(stay: StayInTouch, store: Store, kind: CommandKind, **kw: Any) -> Any:
    person = await store.person(ALICE)
    assert person is not None
    return await stay.command(person, Command(kind, **kw), T0 + 40 * US_PER_DAY)


async def test_contacts_are_kept_only_with_friends_on(store: Store) -> None:
    pipeline, stay, _ = await setup(store)
    await pipeline.ingest(talks(ALICE, BOB, 1, 3, "a"), T0 + 6 * US_PER_DAY)
    # without `friends on` the replies are activity as ever, but no counterpart is kept
    assert await store.counterparts(ALICE) == []
    assert await command(stay, store, CommandKind.FRIENDS_ON) == ("friends_on", {})
    seeded = await store.counterparts(ALICE)  # from the replies the activity table holds
    assert [(c.friend, c.times) for c in seeded] == [(BOB, 3)]
    mention = reply(ALICE, BOB, T0 + 8 * US_PER_DAY, "m1", mentions=(CAROL, BOT, ALICE))
    await pipeline.ingest([mention, mention], T0 + 8 * US_PER_DAY)  # re-delivered: counts once
    pairs = {c.friend: c for c in await store.counterparts(ALICE)}
    assert set(pairs) == {BOB, CAROL} and pairs[BOB].times == 4 and pairs[CAROL].times == 1
    assert await command(stay, store, CommandKind.FRIENDS_OFF) == ("friends_off", {})
    assert await store.counterparts(ALICE) == []


async def test_drifted_friend_is_suggested_once_within_the_budget(store: Store) -> None:
    pipeline, stay, check = await setup(store)
    await command(stay, store, CommandKind.FRIENDS_ON)
    await pipeline.ingest(talks(ALICE, BOB, 1, 8, "a"), T0 + 16 * US_PER_DAY)
    assert await stay.suggest(T0 + 20 * US_PER_DAY) == 0  # 5 days silent: not drifted yet
    now = T0 + 40 * US_PER_DAY
    check.now_us = now
    assert await stay.suggest(now) == 1
    [row] = [r for r in await store.outbox_rows(ALICE) if r["kind"] == "friend"]
    assert row["text"] == "You and @bob.test used to talk a lot — maybe say hi?"
    person = await store.person(ALICE)
    assert person is not None and person.last_nudge_us == now  # the shared nudge budget
    assert await stay.suggest(now + 10 * US_PER_DAY) == 0  # within 30 days of the last one
    assert await stay.suggest(now + 30 * US_PER_DAY) == 1


async def test_a_recent_nudge_holds_the_suggestion_back(store: Store) -> None:
    pipeline, stay, _ = await setup(store)
    await command(stay, store, CommandKind.FRIENDS_ON)
    await pipeline.ingest(talks(ALICE, BOB, 1, 8, "a"), T0 + 16 * US_PER_DAY)
    now = T0 + 40 * US_PER_DAY
    from sqlalchemy import update

    from bot.store.models import people

    async with store.engine.begin() as conn:
        await conn.execute(update(people).values(last_nudge_us=now - 3 * US_PER_DAY))
    assert await stay.suggest(now) == 0
    assert await stay.suggest(now + 4 * US_PER_DAY) == 1


async def test_skipped_blocked_and_gone_friends_are_never_suggested(store: Store) -> None:
    pipeline, stay, check = await setup(store)
    await command(stay, store, CommandKind.FRIENDS_ON)
    await pipeline.ingest(
        talks(ALICE, BOB, 1, 8, "b") + talks(ALICE, CAROL, 2, 8, "c"), T0 + 18 * US_PER_DAY
    )
    listed = await command(stay, store, CommandKind.FRIENDS_LIST)
    assert listed[0] == "friends_list" and "@bob.test" in listed[1]["list"]
    assert "@carol.test" in listed[1]["list"]
    assert await command(stay, store, CommandKind.FRIENDS_SKIP, handle="bob.test") == (
        "friends_skip",
        {"handle": "bob.test"},
    )
    assert (await command(stay, store, CommandKind.FRIENDS_SKIP, handle="nobody.test"))[0] == (
        "friends_unknown"
    )
    await pipeline.ingest([BlockCreated(ALICE, T0 + 30 * US_PER_DAY, "blk", CAROL)], T0)
    assert await command(stay, store, CommandKind.FRIENDS_LIST) == ("friends_none", {})
    await pipeline.ingest([BlockDeleted(ALICE, T0 + 31 * US_PER_DAY, "blk")], T0)
    check.gone.add(CAROL)  # unblocked, but the account is gone now
    assert await stay.suggest(T0 + 40 * US_PER_DAY) == 0
    check.gone.clear()
    check.now_us = T0 + 40 * US_PER_DAY
    assert await stay.suggest(T0 + 40 * US_PER_DAY) == 1
    [row] = [r for r in await store.outbox_rows(ALICE) if r["kind"] == "friend"]
    assert "@carol.test" in row["text"]


async def test_a_quiet_opted_in_friend_is_called_quiet(store: Store) -> None:
    pipeline, stay, check = await setup(store)
    await pipeline.ingest([FollowCreated(BOB, T0, "fb", BOT)], T0)
    await command(stay, store, CommandKind.FRIENDS_ON)
    bob_posts = [reply(BOB, CAROL, T0 + (1 + 2 * i) * US_PER_DAY, f"bp{i}") for i in range(8)]
    await pipeline.ingest(talks(ALICE, BOB, 1, 8, "a") + bob_posts, T0 + 16 * US_PER_DAY)
    check.now_us = T0 + 40 * US_PER_DAY
    assert await stay.suggest(T0 + 40 * US_PER_DAY) == 1
    [row] = [r for r in await store.outbox_rows(ALICE) if r["kind"] == "friend"]
    assert "they've been quiet lately" in row["text"]


async def test_opt_out_leaves_no_friend_row_naming_anyone_involved(store: Store) -> None:
    pipeline, stay, _ = await setup(store)
    await pipeline.ingest([FollowCreated(BOB, T0, "fb", BOT)], T0)
    await command(stay, store, CommandKind.FRIENDS_ON)
    bob = await store.person(BOB)
    assert bob is not None
    await stay.command(bob, Command(CommandKind.FRIENDS_ON), T0)
    await pipeline.ingest(
        talks(ALICE, BOB, 1, 3, "a")
        + talks(BOB, ALICE, 1, 3, "b")
        + [BlockCreated(ALICE, T0 + 9 * US_PER_DAY, "blk", CAROL)],
        T0 + 10 * US_PER_DAY,
    )
    await command(stay, store, CommandKind.FRIENDS_SKIP, handle="carol.test")
    assert [c.friend for c in await store.counterparts(BOB)] == [ALICE]
    await pipeline.ingest([StopRequested(ALICE, T0 + 11 * US_PER_DAY, "forget")], T0)
    assert await rows_naming(store, ALICE) == []
    assert await store.counterparts(BOB) == []  # Bob's row about Alice went with her
    assert await store.friend_exclusions(ALICE) == set()
