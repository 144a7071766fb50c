"""The bot's profile against the real local PDS: a fresh account gets the `bot` self-label,
an existing profile keeps its display name, avatar and other self-labels, a second call writes
nothing, and an edit made between our read and our write is kept (swapRecord)."""

from __future__ import annotations

import struct
import zlib
from typing import Any

import orjson
import pytest
from atproto import AsyncClient, models

from bot.sources.profile import PROFILE, SELF_LABELS, ProfileChange, ensure_bot_label
from tests.localnet.conftest import AccountFactory
from tests.localnet.harness import Account
from tests.localnet.util import Clients

pytestmark = pytest.mark.localnet

DESCRIPTION = 'A bot. Follow to opt in; unfollow or DM "stop" to opt out, "pause" to pause.'


async def read(client: AsyncClient, did: str) -> tuple[str, dict[str, Any]] | None:
    params = models.ComAtprotoRepoGetRecord.Params(repo=did, collection=PROFILE, rkey="self")
    try:
        got = await client.invoke_query("com.atproto.repo.getRecord", params=params)
    except Exception as exc:
        if "RecordNotFound" in repr(exc):
            return None
        raise
    return got.content["cid"], got.content["value"]


async def head(client: AsyncClient, did: str) -> str:
    """The repository's latest revision: it moves with every write."""
    params = models.ComAtprotoSyncGetLatestCommit.Params(did=did)
    got = await client.invoke_query("com.atproto.sync.getLatestCommit", params=params)
    rev: str = got.content["rev"]
    return rev


async def put(client: AsyncClient, did: str, record: dict[str, Any]) -> None:
    body = {"repo": did, "collection": PROFILE, "rkey": "self", "record": record}
    await client.invoke_procedure(
        "com.atproto.repo.putRecord",
        content=orjson.dumps(body),
        headers={"Content-Type": "application/json"},
    )


def tiny_png() -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)  # 1x1, 8-bit RGB
    pixels = zlib.compress(b"\x00\xff\x80\x00")
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )


async def upload(client: AsyncClient, data: bytes) -> dict[str, Any]:
    got = await client.invoke_procedure(
        "com.atproto.repo.uploadBlob", content=data, headers={"Content-Type": "image/png"}
    )
    blob: dict[str, Any] = got.content["blob"]
    return blob


async def test_a_fresh_account_is_labeled_once(
    make_account: AccountFactory, clients: Clients
) -> None:
    bot = make_account("bot")
    client = await clients.login(bot)
    assert await read(client, bot.did) is None  # the PDS makes no profile record itself

    assert await ensure_bot_label(client, bot.did) is ProfileChange.CREATED
    found = await read(client, bot.did)
    assert found is not None
    cid, value = found
    assert value["$type"] == PROFILE
    assert value["labels"] == {"$type": SELF_LABELS, "values": [{"val": "bot"}]}
    assert "description" not in value and "createdAt" in value

    rev = await head(client, bot.did)
    assert await ensure_bot_label(client, bot.did) is ProfileChange.UNCHANGED
    assert await read(client, bot.did) == (cid, value)
    assert await head(client, bot.did) == rev, "the second call wrote something"


async def test_an_existing_profile_keeps_everything_and_gains_the_label(
    make_account: AccountFactory, clients: Clients
) -> None:
    bot = make_account("bot")
    client = await clients.login(bot)
    avatar = await upload(client, tiny_png())
    mine = {
        "$type": PROFILE,
        "displayName": "Nudge Bot",
        "description": "written in the app",
        "avatar": avatar,
        "labels": {"$type": SELF_LABELS, "values": [{"val": "graphic-media"}]},
    }
    await put(client, bot.did, mine)

    assert await ensure_bot_label(client, bot.did) is ProfileChange.UPDATED
    found = await read(client, bot.did)
    assert found is not None
    cid, value = found
    assert value == {
        **mine,
        "labels": {"$type": SELF_LABELS, "values": [{"val": "graphic-media"}, {"val": "bot"}]},
    }

    # with PROFILE_DESCRIPTION set, the description follows it; everything else stays
    assert await ensure_bot_label(client, bot.did, DESCRIPTION) is ProfileChange.UPDATED
    again = await read(client, bot.did)
    assert again is not None and again[0] != cid
    assert again[1] == {**value, "description": DESCRIPTION}
    rev = await head(client, bot.did)
    assert await ensure_bot_label(client, bot.did, DESCRIPTION) is ProfileChange.UNCHANGED
    assert await read(client, bot.did) == again
    assert await head(client, bot.did) == rev


class EditedMeanwhile(AsyncClient):
    """The owner edits the profile in the app just before our first write lands."""

    def __init__(self, base_url: str, owner: AsyncClient, did: str) -> None:
        super().__init__(base_url=base_url)
        self.owner, self.did, self.puts = owner, did, 0

    async def invoke_procedure(self, nsid: str, *args: Any, **kwargs: Any) -> Any:
        if nsid == "com.atproto.repo.putRecord":
            self.puts += 1
            if self.puts == 1:
                found = await read(self.owner, self.did)
                current = found[1] if found is not None else {"$type": PROFILE}
                await put(self.owner, self.did, {**current, "displayName": "edited meanwhile"})
        return await super().invoke_procedure(nsid, *args, **kwargs)


@pytest.mark.parametrize("exists", [True, False], ids=["update", "create"])
async def test_an_edit_between_read_and_write_is_kept(
    make_account: AccountFactory, clients: Clients, exists: bool
) -> None:
    bot: Account = make_account("bot")
    owner = await clients.login(bot)
    if exists:
        await put(owner, bot.did, {"$type": PROFILE, "displayName": "before"})
    racing = EditedMeanwhile(f"{bot.pds_url}/xrpc", owner, bot.did)
    try:
        await racing.login(bot.handle, bot.app_password, fetch_bsky_profile=False)
        assert await ensure_bot_label(racing, bot.did) is ProfileChange.UPDATED
    finally:
        await racing.request.close()
    assert racing.puts == 2  # the first lost its swap, the second was made on a fresh read
    found = await read(owner, bot.did)
    assert found is not None
    assert found[1]["displayName"] == "edited meanwhile"
    assert found[1]["labels"] == {"$type": SELF_LABELS, "values": [{"val": "bot"}]}
