"""The whole offline pipeline, end to end, through `run_replay` on generated streams."""

from __future__ import annotations

import io
from collections import Counter
from pathlib import Path
from typing import Any

import orjson
import pytest

from bot.replay import ReplayOptions, ReplayStats, run_replay
from tests.streams import BOT, US_PER_DAY, US_PER_HOUR, Stream, at

ALICE, BOB, CAROL = "did:plc:alice", "did:plc:bob", "did:plc:carol"
START = at("2026-08-01T12:00")


async def replay(
    stream: Stream, tmp_path: Path, until: int | None = None
) -> tuple[list[dict[str, Any]], ReplayStats]:
    path = tmp_path / "stream.jsonl"
    stream.write(str(path))
    out = io.StringIO()
    stats = await run_replay(str(path), ReplayOptions(bot_did=BOT, until_us=until), out)
    return [orjson.loads(line) for line in out.getvalue().splitlines()], stats


def kinds(dms: list[dict[str, Any]], did: str) -> list[str]:
    return [dm["kind"] for dm in dms if dm["did"] == did]


def daily(stream: Stream, did: str, first_day: int, days: int, hour: int = 14) -> None:
    for day in range(first_day, first_day + days):
        stream.post(
            did, START + day * US_PER_DAY + (hour - 12) * US_PER_HOUR, "morning walk, nice light"
        )


async def test_follow_gets_one_welcome_right_away(tmp_path: Path) -> None:
    s = Stream()
    s.follow(ALICE, START + 5 * 60 * 1_000_000)
    s.post(ALICE, START + 50 * 60 * 1_000_000)  # same batch, later: must not delay the stamp
    dms, stats = await replay(s, tmp_path)
    assert kinds(dms, ALICE) == ["welcome"]
    assert dms[0]["at"] == "2026-08-01T12:05:00Z"
    assert stats.opted_in == 1


async def test_daily_poster_who_goes_quiet_gets_one_quiet_nudge(tmp_path: Path) -> None:
    s = Stream()
    s.follow(ALICE, START)
    daily(s, ALICE, 1, 30)
    s.like(BOB, START + 70 * US_PER_DAY)  # someone else keeps the stream going
    dms, _ = await replay(s, tmp_path)
    assert kinds(dms, ALICE) == ["welcome", "quiet"]
    quiet = next(dm for dm in dms if dm["kind"] == "quiet")
    # silent since day 30: 14 days later, in daytime (UTC, no zone inferred from 14:00 posts?)
    assert "2026-09-13" <= quiet["at"][:10] <= "2026-09-15"


async def test_no_quiet_nudge_for_someone_not_regularly_active(tmp_path: Path) -> None:
    s = Stream()
    s.follow(ALICE, START)
    for day in (1, 2, 3):
        s.post(ALICE, START + day * US_PER_DAY)
    s.like(BOB, START + 80 * US_PER_DAY)
    dms, _ = await replay(s, tmp_path)
    assert kinds(dms, ALICE) == ["welcome"]


async def test_weekly_poster_waits_three_typical_gaps(tmp_path: Path) -> None:
    s = Stream()
    s.follow(ALICE, START)
    for week in range(8):
        s.post(ALICE, START + (1 + 7 * week) * US_PER_DAY)
    last = START + 50 * US_PER_DAY
    s.like(BOB, START + 90 * US_PER_DAY)
    dms, _ = await replay(s, tmp_path, until=last + 20 * US_PER_DAY)
    assert kinds(dms, ALICE) == ["welcome"]  # 20 days < 3 x 7
    dms, _ = await replay(s, tmp_path)
    assert kinds(dms, ALICE) == ["welcome", "quiet"]


async def test_promo_only_streak_is_nudged_once_but_not_with_conversation(tmp_path: Path) -> None:
    s = Stream()
    for did in (ALICE, BOB):
        s.follow(did, START)
    for day in range(1, 13):
        t = START + day * US_PER_DAY
        for did in (ALICE, BOB):
            s.post(
                did,
                t,
                "New drop in my shop! 20% off with code FALL20, link in bio",
                link="https://myshop.example-store.com/p/1",
            )
        if day % 3 == 0:
            s.post(BOB, t + US_PER_HOUR, "haha same, congrats!", reply_to=CAROL)
    dms, _ = await replay(s, tmp_path)
    assert kinds(dms, ALICE) == ["welcome", "promo_only"]
    assert kinds(dms, BOB) == ["welcome"]


async def test_unfollow_and_block_opt_out_and_stop_everything(tmp_path: Path) -> None:
    s = Stream()
    rkey = s.follow(ALICE, START)
    s.follow(BOB, START)
    daily(s, ALICE, 1, 20)
    daily(s, BOB, 1, 20)
    s.unfollow(ALICE, START + 21 * US_PER_DAY, rkey)
    s.block(BOB, START + 21 * US_PER_DAY)
    s.like(CAROL, START + 80 * US_PER_DAY)
    dms, stats = await replay(s, tmp_path)
    assert kinds(dms, ALICE) == ["welcome"]
    assert kinds(dms, BOB) == ["welcome"]
    assert stats.opted_out == 2


async def test_follow_loop_gets_one_welcome_per_30_days(tmp_path: Path) -> None:
    s = Stream()
    for i in range(4):
        rkey = s.follow(ALICE, START + i * 2 * US_PER_DAY)
        s.unfollow(ALICE, START + i * 2 * US_PER_DAY + US_PER_HOUR, rkey)
    s.follow(ALICE, START + 40 * US_PER_DAY)
    dms, stats = await replay(s, tmp_path)
    assert kinds(dms, ALICE) == ["welcome", "welcome"]
    assert stats.opted_in == 5


async def test_events_before_opt_in_are_ignored(tmp_path: Path) -> None:
    s = Stream()
    daily(s, ALICE, 0, 30)  # a month of posting before following the bot
    s.follow(ALICE, START + 31 * US_PER_DAY)
    s.like(BOB, START + 80 * US_PER_DAY)
    dms, _ = await replay(s, tmp_path)
    assert kinds(dms, ALICE) == ["welcome"]


async def test_bad_lines_are_counted_and_skipped(tmp_path: Path) -> None:
    s = Stream()
    s.follow(ALICE, START)
    s.add_raw(START + 1, b"{not json")
    s.add_raw(START + 2, b"[1, 2, 3]")
    s.add_raw(
        START + 3,
        orjson.dumps(
            {
                "did": ALICE,
                "time_us": START + 3,
                "kind": "commit",
                "commit": {
                    "operation": "create",
                    "collection": "com.example.thing",
                    "rkey": "x",
                    "record": {"$type": "com.example.thing"},
                },
            }
        ),
    )
    s.add_raw(
        START + 4,
        orjson.dumps(
            {
                "did": ALICE,
                "time_us": START + 4,
                "kind": "commit",
                "commit": {
                    "operation": "create",
                    "collection": "app.bsky.feed.post",
                    "rkey": "y",
                    "record": {"$type": "app.bsky.feed.like"},
                },
            }
        ),
    )
    s.add_raw(START + 5, orjson.dumps({"did": ALICE, "time_us": "soon", "kind": "commit"}))
    s.add_raw(START + 6, b"")
    dms, stats = await replay(s, tmp_path)
    assert kinds(dms, ALICE) == ["welcome"]
    assert stats.skipped == Counter(
        {"malformed": 3, "unknown-collection": 1, "unknown-record-type": 1}
    )


async def test_deleted_account_is_purged_and_deactivated_is_paused(tmp_path: Path) -> None:
    s = Stream()
    s.follow(ALICE, START)
    s.follow(BOB, START)
    daily(s, ALICE, 1, 20)
    daily(s, BOB, 1, 20)
    s.account(ALICE, START + 21 * US_PER_DAY, False, "deleted")
    s.account(BOB, START + 21 * US_PER_DAY, False, "deactivated")
    s.like(CAROL, START + 80 * US_PER_DAY)
    dms, stats = await replay(s, tmp_path)
    assert kinds(dms, ALICE) == ["welcome"]
    assert kinds(dms, BOB) == ["welcome"]
    assert stats.opted_out == 1


async def test_nudges_wait_for_daytime_in_the_inferred_zone(tmp_path: Path) -> None:
    s = Stream()
    s.follow(ALICE, START)
    # awake 08:00-23:00 in UTC-8 (16:00-07:00 UTC), posting through the waking day
    for day in range(1, 31):
        for local_hour in range(8, 24, 3):
            t = START - 12 * US_PER_HOUR + day * US_PER_DAY + (local_hour + 8) * US_PER_HOUR
            s.post(ALICE, t)
    s.like(BOB, START + 70 * US_PER_DAY)
    dms, _ = await replay(s, tmp_path)
    quiet = [dm for dm in dms if dm["did"] == ALICE and dm["kind"] == "quiet"]
    assert len(quiet) == 1
    local_hour = (int(quiet[0]["at"][11:13]) - 8) % 24
    assert 10 <= local_hour < 19, quiet[0]["at"]


async def test_output_lines_have_the_documented_shape(tmp_path: Path) -> None:
    s = Stream()
    s.follow(ALICE, START)
    dms, _ = await replay(s, tmp_path)
    assert set(dms[0]) == {"at", "did", "kind", "text"}
    assert dms[0]["at"].endswith("Z") and dms[0]["did"] == ALICE
    assert 0 < len(dms[0]["text"]) <= 1000


async def friends_replay(stream: Stream, tmp_path: Path, friends: frozenset[str]) -> list[Any]:
    path = tmp_path / "friends.jsonl"
    stream.write(str(path))
    out = io.StringIO()
    await run_replay(str(path), ReplayOptions(bot_did=BOT, friends=friends), out)
    return [orjson.loads(line) for line in out.getvalue().splitlines()]


def drifting(stream: Stream, deleted: bool = False) -> None:
    """Alice replies to Bob every other day for three weeks, then only posts on her own."""
    stream.follow(ALICE, START)
    stream.identity(BOB, START, "bob.test")
    for i in range(10):
        stream.post(ALICE, START + (1 + 2 * i) * US_PER_DAY, "hey!", reply_to=BOB)
    if deleted:
        stream.account(BOB, START + 30 * US_PER_DAY, False, "deleted")
    daily(stream, ALICE, 21, 60)


async def test_replay_suggests_a_drifted_friend_only_with_friends_on(tmp_path: Path) -> None:
    s = Stream()
    drifting(s)
    off = await friends_replay(s, tmp_path, frozenset())
    assert "friend" not in kinds(off, ALICE)
    dms = await friends_replay(s, tmp_path, frozenset({ALICE}))
    friend = [dm for dm in dms if dm["kind"] == "friend"]
    assert {dm["did"] for dm in friend} == {ALICE} and len(friend) == 2  # over 80 days
    times = [at(dm["at"][:16]) for dm in friend]
    assert times[1] - times[0] >= 30 * US_PER_DAY  # at most one `friend` DM per 30 days
    assert friend[0]["text"] == "You and @bob.test used to talk a lot — maybe say hi?"
    # two weeks after the last reply at the soonest (the pair talked every 2 days: 3 x 2 < 14)
    assert at(friend[0]["at"][:16]) >= START + 33 * US_PER_DAY


async def test_replay_never_suggests_a_deleted_account(tmp_path: Path) -> None:
    s = Stream()
    drifting(s, deleted=True)
    dms = await friends_replay(s, tmp_path, frozenset({"all"}))
    assert "friend" not in kinds(dms, ALICE)


def stranger_at(time_us: int, did: str = "did:plc:stranger") -> bytes:
    """A line whose `time_us` is its own: a clock far off, or no clock's value at all."""
    identity = {"did": did, "handle": "x.test", "seq": 1, "time": "x"}
    return orjson.dumps({"did": did, "time_us": time_us, "kind": "identity", "identity": identity})


def daily_poster_goes_quiet() -> Stream:
    s = Stream()
    s.follow(ALICE, START)
    daily(s, ALICE, 1, 30)
    s.like(BOB, START + 70 * US_PER_DAY)
    return s


@pytest.mark.parametrize("time_us", [2**64 - 1, 2**63, -1, 0, 10**18, True, 1.5e15])
async def test_a_time_no_clock_can_hold_is_malformed_not_a_crash(
    tmp_path: Path, time_us: Any
) -> None:
    s = daily_poster_goes_quiet()
    s.add_raw(START + 5 * US_PER_DAY, stranger_at(time_us))
    s.add_raw(START + 6 * US_PER_DAY, stranger_at(time_us, did=ALICE))  # opted in, too
    dms, stats = await replay(s, tmp_path)
    assert kinds(dms, ALICE) == ["welcome", "quiet"]
    assert stats.skipped == Counter({"malformed": 2})


async def test_a_line_far_ahead_of_the_stream_is_skipped_and_time_does_not_jump(
    tmp_path: Path,
) -> None:
    plain, _ = await replay(daily_poster_goes_quiet(), tmp_path)
    s = daily_poster_goes_quiet()
    s.add_raw(START + 5 * US_PER_DAY, stranger_at(START + 400 * US_PER_DAY))
    # after her post of day 9 (14:00), a line 22 hours ahead: within a day, taken as it is
    s.add_raw(START + 9 * US_PER_DAY + 3 * US_PER_HOUR, stranger_at(START + 10 * US_PER_DAY))
    dms, stats = await replay(s, tmp_path)
    assert dms == plain
    assert stats.skipped == Counter({"ahead-of-stream": 1})
    assert stats.last_us == START + 70 * US_PER_DAY


async def test_a_gap_in_the_recording_moves_time_on(tmp_path: Path) -> None:
    s = Stream()
    s.follow(ALICE, START)
    daily(s, ALICE, 1, 30)
    # 40 days of nothing, then the stream goes on: these lines agree with each other
    for day in range(70, 75):
        s.like(BOB, START + day * US_PER_DAY)
    dms, stats = await replay(s, tmp_path)
    assert kinds(dms, ALICE) == ["welcome", "quiet"]
    assert stats.skipped == Counter() and stats.last_us == START + 74 * US_PER_DAY


async def test_a_line_over_the_bound_is_counted_and_skipped(tmp_path: Path) -> None:
    from bot.lines import MAX_LINE_BYTES

    s = daily_poster_goes_quiet()
    s.add_raw(START + 2 * US_PER_DAY, b'{"did": "' + b"x" * MAX_LINE_BYTES + b'"}')
    dms, stats = await replay(s, tmp_path)
    assert kinds(dms, ALICE) == ["welcome", "quiet"]
    assert stats.skipped == Counter({"too-long": 1})
