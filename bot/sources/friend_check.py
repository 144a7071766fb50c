"""The "stay in touch" edge: the public AppView, through the bot's session, says whether a
friend is still around (profile exists, latest post) and which DID a handle names. Answers are
used at once and never stored."""

from __future__ import annotations

import logging
from datetime import datetime
from typing import Any

from atproto import AsyncClient
from atproto_client.exceptions import RequestErrorBase

from bot.clock import US_PER_SECOND
from bot.friends import FriendLook
from bot.sdk.xrpc_errors import error_details, map_sdk_error

log = logging.getLogger(__name__)

# what the AppView answers for an account that is gone (deleted, deactivated, taken down)
_GONE = frozenset({"InvalidRequest", "AccountDeactivated", "AccountTakedown", "NotFound"})


def _time_us(text: object) -> int | None:
    if not isinstance(text, str):
        return None
    try:
        return int(datetime.fromisoformat(text).timestamp() * US_PER_SECOND)
    except ValueError:
        return None


def newest_us(feed: list[Any]) -> int | None:
    """The newest moment in an author feed page: a post's indexedAt, or a repost's."""
    times = []
    for item in feed:
        reason = getattr(item, "reason", None)
        times.append(_time_us(getattr(reason, "indexed_at", None)))
        times.append(_time_us(getattr(getattr(item, "post", None), "indexed_at", None)))
    found = [t for t in times if t is not None]
    return max(found) if found else None


class AppViewFriendCheck:
    def __init__(self, client: AsyncClient) -> None:
        self.client = client

    async def look(self, did: str) -> FriendLook:
        try:
            profile = await self.client.app.bsky.actor.get_profile(params={"actor": did})
            page = await self.client.app.bsky.feed.get_author_feed(
                params={"actor": did, "limit": 5}
            )
        except RequestErrorBase as exc:
            status, name, _ = error_details(exc)
            if status == 400 and name in _GONE:
                return FriendLook(False, None, None)
            raise map_sdk_error(exc) from exc
        handle = getattr(profile, "handle", None)
        return FriendLook(True, handle if isinstance(handle, str) else None, newest_us(page.feed))

    async def resolve(self, handle: str) -> str | None:
        try:
            answer = await self.client.com.atproto.identity.resolve_handle(
                params={"handle": handle}
            )
        except RequestErrorBase as exc:
            status, _, _ = error_details(exc)
            if status == 400:
                return None
            raise map_sdk_error(exc) from exc
        did = getattr(answer, "did", None)
        return did if isinstance(did, str) else None
