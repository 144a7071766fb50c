"""DIDs are checked against the DID syntax at the edge, for every source that hands the bot a
DID: Jetstream events, relay and backfill records, `nudgebot replay` input and chat senders.
A follow from `did:plc:x\\n…` or one carrying a right-to-left override used to be welcomed."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import orjson
import pytest

from bot.chat.wire import Malformed, convo_of, message_of
from bot.events import MAX_DID_CHARS, is_did
from bot.replay import ReplayOptions, run_replay
from bot.sources.jetstream_json import FOLLOW, SkippedInput, event_from_jetstream, event_from_record
from tests.streams import BOT, Stream, at

GOOD = [
    "did:plc:z72i7hdynmk6r22z27h6tvur",
    "did:web:example.com",
    "did:web:localhost%3A2583",
    "did:plc:alice",  # the tests' short ones: the characters are what is checked
]
BAD = [
    "did:plc:abc\x00def",
    "did:plc:abc\ndef",
    "did:plc:abc\n",
    "did:plc:abc\u202edef",  # right-to-left override
    'did:plc:abc"def',
    "did:plc:abc'def",
    "did:plc:abc def",
    "did:plc:",
    "did:plc:abc:",
    "did:plc:abc%",
    "did:plc:abc%zz",
    "did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK",  # not a method the network uses
    "did:example:123",
    "DID:plc:abc",
    "did:plc:" + "a" * MAX_DID_CHARS,
    "did:plc:ålice",
]
START = at("2026-08-01T12:00")


@pytest.mark.parametrize("did", GOOD)
def test_valid_dids(did: str) -> None:
    assert is_did(did)


@pytest.mark.parametrize("did", [*BAD, None, 42, ["did:plc:abc"]])
def test_invalid_dids(did: Any) -> None:
    assert not is_did(did)


def follow_event(did: str, subject: str = BOT) -> dict[str, Any]:
    record = {"$type": FOLLOW, "subject": subject, "createdAt": "2026-08-01T12:00:00Z"}
    commit = {"operation": "create", "collection": FOLLOW, "rkey": "3kabc", "record": record}
    return {"did": did, "time_us": START, "kind": "commit", "commit": commit}


@pytest.mark.parametrize("did", BAD)
def test_jetstream_and_relay_events_from_a_malformed_did_are_skipped(did: str) -> None:
    with pytest.raises(SkippedInput, match="invalid did"):
        event_from_jetstream(follow_event(did))
    with pytest.raises(SkippedInput, match="invalid did"):  # relay ops and backfill records
        event_from_record(did, START, FOLLOW, "3kabc", follow_event(did)["commit"]["record"])
    with pytest.raises(SkippedInput, match="without a DID subject"):
        event_from_jetstream(follow_event(GOOD[0], subject=did))


async def test_replay_welcomes_no_malformed_did(tmp_path: Path) -> None:
    stream = Stream()
    for n, did in enumerate(BAD):
        stream.follow(did, START + n)
    stream.follow(GOOD[0], START + 100)
    path = tmp_path / "stream.jsonl"
    stream.write(str(path))
    out = io.StringIO()
    await run_replay(str(path), ReplayOptions(bot_did=BOT), out)
    welcomed = [orjson.loads(line)["did"] for line in out.getvalue().splitlines()]
    assert welcomed == [GOOD[0]]


@pytest.mark.parametrize("did", BAD)
def test_a_chat_message_or_convo_with_a_malformed_did_is_refused(did: str) -> None:
    message = {
        "id": "m1",
        "rev": "r1",
        "text": "stop",
        "sender": {"did": did},
        "sent_at": "2026-08-01T12:00:00Z",
    }
    with pytest.raises(Malformed, match="sender did"):
        message_of(message, "c1", lambda _: START)
    with pytest.raises(Malformed, match="member did"):
        convo_of({"id": "c1", "members": [{"did": BOT}, {"did": did}], "status": "accepted"})
