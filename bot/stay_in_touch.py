""" "Stay in touch": the suggestion job and the `friends …` commands.

The decisions are bot/friends.py's; this module fetches what they need from the store and, at
suggestion time only, asks the public AppView (through a `FriendCheck`, implemented at the edge
in bot/sources/friend_check.py) whether the friend is still around. That answer is not stored.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Protocol

from bot import friends, policy
from bot.clock import iso_z
from bot.commands import Command, CommandKind
from bot.errors import NudgebotError
from bot.friends import Drift, FriendLook, FriendSettings
from bot.messages.friends import suggestion_text
from bot.messages.replies import Answer
from bot.store import OutboxDraft, PersonRow, Store

log = logging.getLogger(__name__)

FRIEND_KINDS = frozenset(
    {
        CommandKind.FRIENDS_ON,
        CommandKind.FRIENDS_OFF,
        CommandKind.FRIENDS_SKIP,
        CommandKind.FRIENDS_LIST,
    }
)


class FriendCheck(Protocol):
    async def look(self, did: str) -> FriendLook:
        """The friend's public profile and latest activity, now."""
        ...

    async def resolve(self, handle: str) -> str | None:
        """The DID of a handle, None when it does not resolve."""
        ...


@dataclass(frozen=True, slots=True)
class Suggestion:
    did: str
    friend: str
    handle: str
    quiet: bool
    drift: Drift


class StayInTouch:
    def __init__(
        self,
        store: Store,
        check: FriendCheck,
        rules: policy.PolicySettings,
        bot_did: str,
        settings: FriendSettings | None = None,
    ) -> None:
        self.store = store
        self.check = check
        self.rules = rules
        self.bot_did = bot_did
        self.settings = settings or FriendSettings()

    async def drifted(self, did: str, now_us: int) -> list[Drift]:
        """Drifted friends of `did`, without those they block or skipped (or the bot)."""
        excluded = await self.store.friend_exclusions(did)
        pairs = [
            p
            for p in await self.store.counterparts(did)
            if p.friend != self.bot_did and self.store.digest(p.friend) not in excluded
        ]
        return friends.drifted(pairs, (did,), now_us, self.rules, self.settings)

    async def pick(self, person: PersonRow, now_us: int) -> Suggestion | None:
        """The best drifted friend who is still around, looked up now (a few at most)."""
        for candidate in (await self.drifted(person.did, now_us))[: self.settings.max_checks]:
            try:
                look = await self.check.look(candidate.friend)
            except NudgebotError as exc:
                log.warning("could not look up a friend of %s: %s", person.did, exc)
                return None  # try again next round rather than suggest someone else
            if not friends.around(look, now_us, self.settings) or look.handle is None:
                continue
            opted = (await self.store.people([candidate.friend])).get(candidate.friend)
            quiet = friends.friend_is_quiet(opted, now_us, self.rules)
            return Suggestion(person.did, candidate.friend, look.handle, quiet, candidate)
        return None

    async def suggest(self, now_us: int) -> int:
        """The job: at most one suggestion per friends-enabled person the budget allows."""
        enabled = await self.store.friends_enabled()
        rows = await self.store.people(list(enabled))
        queued = 0
        for did, person in sorted(rows.items()):
            why_not = friends.budget_refusal(
                person, enabled[did], now_us, self.rules, self.settings
            )
            if why_not is not None:
                continue
            found = await self.pick(person, now_us)
            if found is None:
                continue
            text = suggestion_text(found.handle, person.language, found.quiet)
            send_after = policy.next_send_us(person, now_us, self.rules)
            about = self.store.digest(found.friend)  # the text names them: their forget drops it
            draft = OutboxDraft(
                did, policy.DmKind.FRIEND, iso_z(now_us)[:10], 0, text, send_after, about
            )
            await self.store.queue_friend(draft, now_us, person.last_nudge_us)
            log.info("friend suggestion for %s: %s", did, found.drift.reason)
            queued += 1
        return queued

    async def command(self, person: PersonRow, command: Command, now_us: int) -> Answer:
        """Apply a `friends …` command; the reply's key and values (bot/messages/replies.py)."""
        kind, did = command.kind, person.did
        if kind in (CommandKind.FRIENDS_ON, CommandKind.FRIENDS_OFF):
            on = kind is CommandKind.FRIENDS_ON
            await self.store.set_friends(did, on, now_us, self.rules.judgment_window_days)
            return ("friends_on" if on else "friends_off"), {}
        if kind is CommandKind.FRIENDS_SKIP and command.handle:
            return await self._skip(did, command.handle, now_us)
        return await self.listing(person, now_us)

    async def _skip(self, did: str, handle: str, now_us: int) -> Answer:
        friend = handle if handle.startswith("did:") else await self.check.resolve(handle)
        if friend is None:
            return "friends_unknown", {"handle": handle}
        await self.store.add_friend_skip(did, friend, now_us)
        return "friends_skip", {"handle": handle}

    async def listing(self, person: PersonRow, now_us: int) -> Answer:
        """`friends`: whom it would suggest and why (handles looked up now, not stored)."""
        state = await self.store.friends_state(person.did)
        if state is None or not state[0]:
            return "friends_disabled", {}
        shown: list[str] = []
        for candidate in (await self.drifted(person.did, now_us))[: self.settings.max_checks]:
            try:
                look = await self.check.look(candidate.friend)
            except NudgebotError:
                continue
            if friends.around(look, now_us, self.settings) and look.handle:
                shown.append(f"@{look.handle} ({candidate.reason})")
        if not shown:
            return "friends_none", {}
        return "friends_list", {"list": "; ".join(shown)}
