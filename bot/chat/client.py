"""The bot's DMs: chat.bsky.convo.* through the PDS proxy (edge: it uses the SDK).

`client` must be proxied to the chat service (`SessionOwner.proxied("bsky_chat", DID)`), so
it shares the bot's session and its refresh lock. Every SDK error becomes a project error
here (`map_sdk_error`, plus the chat names below); every answer becomes plain data (wire.py).
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

import grapheme
from atproto import AsyncClient, models

from bot.chat.wire import (
    MAX_ID_CHARS,
    MESSAGE_VIEW,
    ChatMessage,
    Convo,
    LogEntry,
    Malformed,
    convo_of,
    entry_of,
    message_of,
    parse_time_us,
    type_of,
)
from bot.errors import AuthError, NudgebotError, PermanentError, UnreachableRecipient
from bot.retry import repeat_safely
from bot.sdk.xrpc_errors import map_sdk_error

log = logging.getLogger(__name__)

T = TypeVar("T")

# getConvoForMembers' errors (lexicon): the person cannot get our DMs until something changes
REACHABILITY_ERRORS = frozenset(
    {
        "MessagesDisabled",
        "NotFollowedBySender",
        "BlockedActor",
        "BlockedSubject",
        "RecipientNotFound",
        "AccountSuspended",
    }
)
DM_ACCESS_HELP = (
    "the bot's login cannot use direct messages: create an app password with 'Allow access to "
    "your direct messages' (Settings → Privacy and security → App passwords) and use it"
)
MAX_GRAPHEMES = 1000
MAX_LOG_ENTRIES = 1000  # one getLog page; far more than the service sends at once
MAX_PAGE = 100  # getMessages' own maximum


class ChatClient:
    def __init__(self, client: AsyncClient, bot_did: str) -> None:
        self._client = client
        self._convo = client.chat.bsky.convo
        self.bot_did = bot_did
        self.bad_times = 0  # sentAt values we could not read (each became 0)
        self.skipped = 0  # list items of the wrong shape, left out

    async def check_access(self) -> None:
        """One cheap chat call at startup; a login without DM access stops the bot with
        instructions (the chat service answers it with InvalidToken, "Bad token scope")."""
        try:
            await self._call(lambda: self._convo.list_convos({"limit": 1}))
        except AuthError as e:
            if e.error_name == "ExpiredToken":
                raise
            help_ = AuthError(f"{DM_ACCESS_HELP} (the chat service answered: {e})")
            help_.status, help_.error_name = e.status, e.error_name
            raise help_ from e

    async def convo_with(self, did: str) -> Convo:
        """The direct convo with `did`, created if needed; UnreachableRecipient when they
        cannot get our DMs (the reason is the chat service's error name)."""
        try:
            got = await self._call(lambda: self._convo.get_convo_for_members({"members": [did]}))
        except NudgebotError as e:
            if e.error_name in REACHABILITY_ERRORS:
                raise _unreachable(did, e) from e
            raise
        convo = self._one(convo_of, got.convo)
        if did not in convo.member_dids:
            raise PermanentError(f"getConvoForMembers answered a convo without {did}")
        return convo

    async def can_chat(self, did: str) -> bool:
        """Whether the bot may DM `did` now (no reason: getConvoForMembers gives those)."""
        got = await self._call(lambda: self._convo.get_convo_availability({"members": [did]}))
        return got.can_chat is True

    async def send(self, convo_id: str, text: str) -> ChatMessage:
        if grapheme.length(text) > MAX_GRAPHEMES:
            raise PermanentError(f"message longer than {MAX_GRAPHEMES} graphemes")
        data = {"convo_id": convo_id, "message": {"text": text}}
        sent = await self._call(lambda: self._convo.send_message(data), repeat=False)
        return self._one(message_of, sent, convo_id, self._time)

    async def recent_messages(self, convo_id: str, limit: int = 30) -> list[ChatMessage]:
        """The convo's newest messages, newest first (deleted and system messages left out)."""
        params = models.ChatBskyConvoGetMessages.Params(
            convo_id=convo_id, limit=max(1, min(limit, MAX_PAGE))
        )
        got = await self._raw("chat.bsky.convo.getMessages", params)
        views = _items(got, "messages")[:MAX_PAGE]
        wanted = [v for v in views if type_of(v) == MESSAGE_VIEW]
        return self._many(message_of, wanted, convo_id, self._time)

    async def log(self, cursor: str | None) -> tuple[str | None, list[LogEntry]]:
        """Log entries after `cursor` and the cursor to poll with next. Without a cursor the
        service answers only the current position ("now"), no history."""
        got = await self._raw(
            "chat.bsky.convo.getLog", models.ChatBskyConvoGetLog.Params(cursor=cursor)
        )
        entries = self._many(entry_of, _items(got, "logs")[:MAX_LOG_ENTRIES], self._time)
        new_cursor = got.get("cursor")
        if not isinstance(new_cursor, str) or not new_cursor or len(new_cursor) > MAX_ID_CHARS:
            new_cursor = cursor  # keep our place rather than start again at "now"
        return new_cursor, entries

    async def accept(self, convo_id: str) -> None:
        await self._call(lambda: self._convo.accept_convo({"convo_id": convo_id}))

    async def mark_read(self, convo_id: str, message_id: str | None = None) -> None:
        data = {"convo_id": convo_id}
        if message_id is not None:
            data["message_id"] = message_id
        await self._call(lambda: self._convo.update_read(data))

    # --- helpers ----------------------------------------------------------------------

    async def _call(self, make: Callable[[], Awaitable[T]], *, repeat: bool = True) -> T:
        """One chat call, its errors mapped; a call safe to repeat is tried again on a
        transient failure (bot/retry.py). Sending is not: it may have gone through."""

        async def once() -> T:
            try:
                return await make()
            except Exception as e:
                raise map_sdk_error(e) from e

        return await repeat_safely(once) if repeat else await once()

    async def _raw(self, nsid: str, params: Any) -> dict[str, Any]:
        """A query's JSON as a dict. The SDK validates a whole list answer at once, so one odd
        item (a message over its 10,000-character limit, a missing field) would fail every
        poll at that cursor forever; read item by item instead and skip only the odd ones."""
        response = await self._call(lambda: self._client.invoke_query(nsid, params=params))
        content = response.content
        if not isinstance(content, dict):
            raise PermanentError(f"{nsid} answered {type(content).__name__}, not a JSON object")
        return content

    def _time(self, value: Any) -> int:
        parsed = parse_time_us(value)
        if parsed is not None:
            return parsed
        self.bad_times += 1
        if self.bad_times == 1:  # once: a broken clock upstream would flood the log
            log.warning("unreadable sentAt %.80r from the chat service; using 0", value)
        return 0

    def _one(self, convert: Callable[..., T], *args: Any) -> T:
        try:
            return convert(*args)
        except Malformed as e:
            raise PermanentError(f"malformed answer from the chat service: {e}") from e

    def _many(self, convert: Callable[..., T], views: list[Any], *args: Any) -> list[T]:
        out: list[T] = []
        for view in views:
            try:
                out.append(convert(view, *args))
            except Malformed as e:
                self.skipped += 1
                log.warning("skipped a malformed item from the chat service: %s", e)
        return out


def _items(content: dict[str, Any], key: str) -> list[Any]:
    items = content.get(key)
    if not isinstance(items, list):
        raise PermanentError(f"malformed answer from the chat service: no {key} list")
    return items


def _unreachable(did: str, cause: NudgebotError) -> UnreachableRecipient:
    error = UnreachableRecipient(did, cause.error_name or "unknown")
    error.status, error.error_name = cause.status, cause.error_name
    return error
