"""The bot's own profile (edge: it uses the SDK): the `bot` self-label Bluesky's bot
guidelines ask for, and optionally a description that says how to opt in and out.

The record is handled as plain JSON, not an SDK model, so every field this module does not
know about (avatar and banner blob refs, pinned post, fields newer than the SDK) is written
back exactly as read. The write is a compare-and-swap on the CID just read (`swapRecord`; a
null swap when creating means "must still not exist"), so a concurrent edit in the app is
never overwritten: on a lost swap the record is read again and the change re-applied, once.
"""

from __future__ import annotations

import enum
import logging
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

import orjson
from atproto import AsyncClient, models

from bot.errors import NudgebotError, PermanentError
from bot.sdk.xrpc_errors import map_sdk_error

log = logging.getLogger(__name__)

PROFILE = "app.bsky.actor.profile"
SELF_LABELS = "com.atproto.label.defs#selfLabels"
BOT_LABEL = "bot"
_GET_RECORD = "com.atproto.repo.getRecord"
_PUT_RECORD = "com.atproto.repo.putRecord"


class ProfileChange(enum.Enum):
    UNCHANGED = "unchanged"
    UPDATED = "updated"
    CREATED = "created"


def labeled_profile(
    current: Mapping[str, Any] | None, description: str | None, created_at: str
) -> dict[str, Any] | None:
    """The profile record with the `bot` self-label (other self-labels kept) and, when given,
    the description; None when `current` already is exactly that. `created_at` is only used
    for a profile that does not exist yet."""
    wanted: dict[str, Any] = (
        dict(current) if current is not None else {"$type": PROFILE, "createdAt": created_at}
    )
    wanted.setdefault("$type", PROFILE)
    labels = wanted.get("labels")
    own = isinstance(labels, Mapping) and labels.get("$type") == SELF_LABELS
    present = labels.get("values") if own and isinstance(labels, Mapping) else None
    values = list(present) if isinstance(present, list) else []
    if not any(isinstance(v, Mapping) and v.get("val") == BOT_LABEL for v in values):
        # another member of the labels union cannot sit beside self-labels: ours replace it
        kept = dict(labels) if own and isinstance(labels, Mapping) else {"$type": SELF_LABELS}
        wanted["labels"] = {**kept, "values": [*values, {"val": BOT_LABEL}]}
    if description and wanted.get("description") != description:
        wanted["description"] = description
    return None if current is not None and wanted == dict(current) else wanted


async def ensure_bot_label(
    client: AsyncClient, did: str, description: str | None = None
) -> ProfileChange:
    """Make the bot's profile carry the `bot` self-label (and `description`, when given).
    Writes nothing when it already does. Raises the project's errors."""
    for attempt in (1, 2):
        cid, current = await _read(client, did)
        created_at = datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")
        wanted = labeled_profile(current, description, created_at)
        if wanted is None:
            return ProfileChange.UNCHANGED
        try:
            await _put(client, did, wanted, cid)
        except NudgebotError as exc:
            if exc.error_name == "InvalidSwap" and attempt == 1:
                log.info("the profile changed while labeling it; reading it again")
                continue
            raise
        change = ProfileChange.CREATED if current is None else ProfileChange.UPDATED
        log.info("bot profile %s: labeled %r as its guidelines ask", change.value, BOT_LABEL)
        return change
    raise PermanentError("the profile kept changing while labeling it")  # pragma: no cover


async def _read(client: AsyncClient, did: str) -> tuple[str | None, dict[str, Any] | None]:
    """(CID, record) of the profile, (None, None) when there is none."""
    params = models.ComAtprotoRepoGetRecord.Params(repo=did, collection=PROFILE, rkey="self")
    try:
        response = await client.invoke_query(_GET_RECORD, params=params)
    except Exception as exc:
        mapped = map_sdk_error(exc)
        if mapped.error_name == "RecordNotFound":
            return None, None
        raise mapped from exc
    content = response.content
    value = content.get("value") if isinstance(content, dict) else None
    cid = content.get("cid") if isinstance(content, dict) else None
    if not isinstance(value, dict) or not isinstance(cid, str):
        raise PermanentError("getRecord answered without the profile's value and CID")
    return cid, value


async def _put(client: AsyncClient, did: str, record: dict[str, Any], swap: str | None) -> None:
    body: dict[str, Any] = {"repo": did, "collection": PROFILE, "rkey": "self", "record": record}
    body["swapRecord"] = swap  # None (null): create only if it still does not exist
    try:
        await client.invoke_procedure(
            _PUT_RECORD,
            content=orjson.dumps(body),
            headers={"Content-Type": "application/json"},
        )
    except Exception as exc:
        raise map_sdk_error(exc) from exc
