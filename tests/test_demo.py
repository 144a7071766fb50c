"""The demo stream is in sync with its generator and tells the story it promises."""

from __future__ import annotations

import io
from collections import Counter
from pathlib import Path

import orjson

from bot.replay import ReplayOptions, run_replay
from demo.generate import build
from tests.streams import BOT

DEMO = Path(__file__).resolve().parent.parent / "demo" / "stream.jsonl"


def test_committed_demo_stream_matches_its_generator() -> None:
    assert DEMO.read_bytes().splitlines() == build().lines()


async def test_demo_replay_sends_the_expected_dms() -> None:
    out = io.StringIO()
    stats = await run_replay(str(DEMO), ReplayOptions(bot_did=BOT), out)
    dms = [orjson.loads(line) for line in out.getvalue().splitlines()]
    by_name = Counter((dm["did"].split("demo")[1][4:].rstrip("0"), dm["kind"]) for dm in dms)
    welcomed = {name for name, kind in by_name if kind == "welcome"}
    assert len(welcomed) == 19 and all(by_name[(n, "welcome")] == 1 for n in welcomed)
    nudges = {key: n for key, n in by_name.items() if key[1] != "welcome"}
    # the shop posts only promotions for 85 days: one promo-only nudge per 30 days
    assert nudges == {("hiro", "quiet"): 1, ("nia", "quiet"): 1, ("plumprints", "promo_only"): 3}
    assert stats.skipped == Counter({"malformed": 2})
    assert (stats.opted_in, stats.opted_out) == (22, 5)


async def test_one_stranger_line_far_ahead_does_not_change_the_demo(tmp_path: Path) -> None:
    lines = DEMO.read_bytes().splitlines()
    stranger = {"did": "did:plc:stranger", "time_us": 1_885_543_430_509_027, "kind": "identity"}
    path = tmp_path / "stream.jsonl"
    path.write_bytes(b"\n".join([*lines[:100], orjson.dumps(stranger), *lines[100:]]) + b"\n")
    plain, with_stranger = io.StringIO(), io.StringIO()
    await run_replay(str(DEMO), ReplayOptions(bot_did=BOT), plain)
    stats = await run_replay(str(path), ReplayOptions(bot_did=BOT), with_stranger)
    assert with_stranger.getvalue() == plain.getvalue() and stats.dms == 24
    assert stats.skipped == Counter({"malformed": 2, "ahead-of-stream": 1})
