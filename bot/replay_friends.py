""" "Stay in touch" in replay: who has it on, and a FriendCheck that knows only the stream.

Replay has no AppView: a friend counts as around (active "now") unless the stream showed their
account deactivated or deleted; their handle is the stream's latest identity event, else the DID.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from typing import Any

from bot.friends import FriendLook

EVERYONE = "all"  # `--friends all`: everyone who opts in during the replay has it on


class ReplayFriendCheck:
    def __init__(self) -> None:
        self.gone: set[str] = set()
        self.handles: dict[str, str] = {}
        self.now_us = 0

    def observe(self, obj: Mapping[str, Any]) -> None:
        """Note account and identity events of anyone in the stream (not only opted-in)."""
        did, kind = obj.get("did"), obj.get("kind")
        if not isinstance(did, str):
            return
        time_us = obj.get("time_us")
        if isinstance(time_us, int) and time_us > self.now_us:
            self.now_us = time_us
        if kind == "account" and isinstance(account := obj.get("account"), Mapping):
            if account.get("active") is False or account.get("status") == "deleted":
                self.gone.add(did)
            elif account.get("active") is True:
                self.gone.discard(did)
        elif kind == "identity" and isinstance(identity := obj.get("identity"), Mapping):
            handle = identity.get("handle")
            if isinstance(handle, str) and handle:
                self.handles[did] = handle

    async def look(self, did: str) -> FriendLook:
        if did in self.gone:
            return FriendLook(False, None, None)
        return FriendLook(True, self.handles.get(did, did), self.now_us)

    async def resolve(self, handle: str) -> str | None:
        return next((did for did, h in self.handles.items() if h == handle), None)


def enabled_for(did: str, chosen: Collection[str]) -> bool:
    return EVERYONE in chosen or did in chosen
