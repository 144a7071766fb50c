"""The bot's followers as the AppView lists them: DID -> rkey of their follow of the bot.

`app.bsky.graph.getFollowers` for the bot's own DID, called with the bot's session so the
AppView fills each profile's viewer state: `viewer.followedBy` is then the at:// URI of that
person's follow record of the bot (checked on the dev-env AppView, @atproto/bsky 0.0.280).
Where it is missing, `follow_rkey` asks `app.bsky.graph.getRelationships` instead. Only plain
data leaves this module.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from atproto import AsyncClient

from bot.errors import (
    TransientError,
)
from bot.events import did_of_uri
from bot.retry import repeat_safely
from bot.sdk.xrpc_errors import map_sdk_error

log = logging.getLogger(__name__)

FOLLOW_COLLECTION = "app.bsky.graph.follow"
MAX_PAGE_SIZE = 100  # the lexicon's limit for getFollowers
MAX_RELATIONSHIP_BATCH = 30  # the lexicon's limit for getRelationships `others`


@dataclass(frozen=True, slots=True)
class FollowerList:
    """`follows`: follower DID -> rkey of their follow of the bot (None: not found).
    `complete` is False when paging stopped early, so absence proves nothing."""

    follows: dict[str, str | None]
    complete: bool


def rkey_of_follow_uri(uri: object, follower: str) -> str | None:
    """The rkey of `at://<follower>/app.bsky.graph.follow/<rkey>`, else None: a URI in
    another repo or collection cannot be the follower's follow of the bot."""
    if not isinstance(uri, str) or did_of_uri(uri) != follower:
        return None
    parts = uri[len("at://") :].split("/")
    if len(parts) != 3 or parts[1] != FOLLOW_COLLECTION or not parts[2]:
        return None
    return parts[2]


def _page_follows(page: Any) -> dict[str, str | None]:
    follows: dict[str, str | None] = {}
    for profile in page.followers:
        viewer = getattr(profile, "viewer", None)
        uri = getattr(viewer, "followed_by", None)
        follows[profile.did] = rkey_of_follow_uri(uri, profile.did)
    return follows


async def _get_page(client: AsyncClient, bot_did: str, cursor: str | None, page_size: int) -> Any:
    params: dict[str, Any] = {"actor": bot_did, "limit": page_size}
    if cursor is not None:
        params["cursor"] = cursor

    async def once() -> Any:
        try:
            return await client.app.bsky.graph.get_followers(params)
        except Exception as e:
            raise map_sdk_error(e) from e

    return await repeat_safely(once)  # a read: safe to repeat on a transient failure


async def _page_all(
    client: AsyncClient, bot_did: str, page_size: int, max_pages: int
) -> FollowerList:
    """Every page; stops early (incomplete) at `max_pages`, on a repeated cursor, or on a
    transient error after the first page: a partial listing still yields its opt-ins."""
    follows: dict[str, str | None] = {}
    cursor: str | None = None
    seen: set[str] = set()
    for pages in range(max_pages):
        try:
            page = await _get_page(client, bot_did, cursor, page_size)
        except TransientError as e:
            if pages == 0:
                raise
            log.warning("followers listing stopped after %d pages: %s", pages, e)
            return FollowerList(follows, complete=False)
        follows.update(_page_follows(page))
        cursor = page.cursor
        if not cursor:
            return FollowerList(follows, complete=True)
        if cursor in seen:
            log.warning("followers listing repeated cursor %r: stopping", cursor)
            return FollowerList(follows, complete=False)
        seen.add(cursor)
    log.warning("followers listing stopped at max_pages=%d", max_pages)
    return FollowerList(follows, complete=False)


async def follow_rkey(
    client: AsyncClient,
    bot_did: str,
    dids: Sequence[str],
    *,
    batch_size: int = MAX_RELATIONSHIP_BATCH,
) -> dict[str, str | None]:
    """The rkey of each DID's follow of the bot, from `app.bsky.graph.getRelationships`
    (actor = the bot, `followedBy`), in batches of at most 30; None where it does not follow."""
    if not 1 <= batch_size <= MAX_RELATIONSHIP_BATCH:
        raise ValueError(f"batch_size must be 1..{MAX_RELATIONSHIP_BATCH}, not {batch_size}")
    found: dict[str, str | None] = dict.fromkeys(dids)
    unique = list(found)
    for start in range(0, len(unique), batch_size):
        part = unique[start : start + batch_size]
        try:
            answer = await client.app.bsky.graph.get_relationships(
                {"actor": bot_did, "others": part}
            )
        except Exception as e:
            raise map_sdk_error(e) from e
        for rel in answer.relationships:
            did = getattr(rel, "did", None)  # a notFoundActor has none
            if did in found:
                found[did] = rkey_of_follow_uri(getattr(rel, "followed_by", None), did)
    return found


async def list_followers(
    client: AsyncClient, bot_did: str, *, page_size: int = 100, max_pages: int = 2000
) -> FollowerList:
    """Pages through the followers of `bot_did` with the bot's own session (`client`) and
    fills any rkey the listing lacked from getRelationships. Errors come out mapped to
    `NudgebotError`s (an AuthError for a client that is not logged in)."""
    if not 1 <= page_size <= MAX_PAGE_SIZE:
        raise ValueError(f"page_size must be 1..{MAX_PAGE_SIZE}, not {page_size}")
    listing = await _page_all(client, bot_did, page_size, max_pages)
    follows = {did: rkey for did, rkey in listing.follows.items() if did != bot_did}
    missing = [did for did, rkey in follows.items() if rkey is None]
    if missing:
        log.info("followers listing lacked %d follow rkeys: asking getRelationships", len(missing))
        try:
            found = await follow_rkey(client, bot_did, missing)
        except TransientError as e:
            # the listing itself stands; the core skips followers without an rkey
            log.warning(
                "getRelationships failed, %d followers stay without rkey: %s", len(missing), e
            )
            return FollowerList(follows, listing.complete)
        follows.update((did, rkey) for did, rkey in found.items() if rkey is not None)
    return FollowerList(follows, listing.complete)
