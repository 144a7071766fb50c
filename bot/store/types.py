"""Plain data crossing the store's interface (no SQLAlchemy rows leak out)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import NamedTuple, TypedDict

from bot.aggregates import Aggregates
from bot.policy import DmKind, RecentPost


@dataclass(frozen=True, slots=True)
class ActivityRow:
    did: str
    collection: str  # short code: post, like, repost, follow, block, other
    rkey: str
    kind: str
    time_us: int
    promo: bool = False
    promo_score: float = 0.0
    target_did: str | None = None
    replies_to_other: bool = False
    # a post's language (bot/language.py): folded into the person's counts, never stored here
    language: str | None = None


class Contact(NamedTuple):
    """A post of `did` (its rkey) that addressed `friend`: a reply, mention or quote. Stored only
    for people with "stay in touch" on (bot/store/friends.py); never any text."""

    did: str
    rkey: str
    friend: str
    time_us: int


@dataclass(frozen=True, slots=True)
class OptIn:
    did: str
    rkey: str
    time_us: int


class KnownFollower(NamedTuple):
    """What the store believes about one opted-in person's follow of the bot."""

    follow_rkey: str
    opted_in_us: int


@dataclass(frozen=True, slots=True)
class OutboxDraft:
    did: str
    kind: DmKind
    episode: str
    variant: int
    text: str
    send_after_us: int
    about_digest: str | None = None  # keyed digest of someone else the text names


@dataclass(frozen=True, slots=True)
class AccountState:
    active: bool
    status: str | None


@dataclass(slots=True)
class IngestBatch:
    """One transaction's worth of effects, applied in a fixed, safe order:
    opt-outs (purges), opt-ins (+ welcomes), deletions, activity, profile/identity/account,
    and the cursor last, so the cursor never moves past what was stored."""

    opt_outs: set[str] = field(default_factory=set)
    opt_ins: dict[str, OptIn] = field(default_factory=dict)
    welcomes: dict[str, OutboxDraft] = field(default_factory=dict)
    activities: list[ActivityRow] = field(default_factory=list)
    deletions: list[tuple[str, str, str]] = field(default_factory=list)  # did, collection, rkey
    display_names: dict[str, str | None] = field(default_factory=dict)
    handles: dict[str, str | None] = field(default_factory=dict)
    accounts: dict[str, AccountState] = field(default_factory=dict)
    histories: dict[str, int] = field(default_factory=dict)  # did -> when their history was read
    cursors: dict[str, int] = field(default_factory=dict)  # source position(s) after the batch
    # did -> (their follow rkey if known, "stop" | "forget"): opt-outs that leave a tombstone
    tombstones: dict[str, tuple[str | None, str]] = field(default_factory=dict)
    # filled by the store: opt-ins it refused (a tombstone names that very follow record)
    refused: set[str] = field(default_factory=set)
    # whom posts addressed; kept only for people with "stay in touch" on (their posts are
    # in `activities` too, so they never make a batch non-empty on their own)
    contacts: list[Contact] = field(default_factory=list)

    def is_empty(self) -> bool:
        return not (
            self.tombstones
            or self.opt_outs
            or self.opt_ins
            or self.activities
            or self.deletions
            or self.display_names
            or self.handles
            or self.accounts
            or self.histories
            or self.cursors
        )

    def forget(self, did: str) -> None:
        """Drop everything queued for a person who just opted out within this batch."""
        self.opt_ins.pop(did, None)
        self.welcomes.pop(did, None)
        self.activities = [a for a in self.activities if a.did != did]
        self.contacts = [c for c in self.contacts if c.did != did]
        self.display_names.pop(did, None)
        self.handles.pop(did, None)
        self.accounts.pop(did, None)
        self.histories.pop(did, None)


@dataclass(slots=True)
class PersonRow:
    did: str
    handle: str | None
    display_name: str | None
    follow_rkey: str
    opted_in_us: int
    account_active: bool
    account_status: str | None
    paused_until_us: int | None
    tz_name: str | None
    day_start_hour: int | None
    day_end_hour: int | None
    frequency_days: int | None
    language: str | None
    last_activity_us: int | None
    active_days: list[int]
    hour_counts: list[int]
    recent_posts: list[RecentPost]
    last_nudge_us: int | None
    last_quiet_episode: int | None
    last_promo_nudge_us: int | None
    last_variants: dict[str, int]
    unreachable_reason: str | None
    next_eval_us: int | None
    convo_id: str | None = None
    unanswered_nudges: int = 0
    last_reply_us: int | None = None
    last_ack_us: int | None = None
    checkin_until_us: int | None = None
    nudges_held_until_us: int | None = None  # reply triage: no automated DM before then
    last_crisis_answer_us: int | None = None


NextEval = Callable[[Aggregates], int | None]
"""When a person with these fresh aggregates should next be looked at (the policy decides;
the store only indexes the answer)."""


class PersonSettings(TypedDict, total=False):
    """The columns of a person's row `Store.update_person` may set, by keyword: a misspelt or
    unsettable one is a mypy error (and a ValueError for untyped callers)."""

    paused_until_us: int | None
    tz_name: str | None
    day_start_hour: int | None
    day_end_hour: int | None
    frequency_days: int | None
    language: str | None
    unreachable_reason: str | None
    handle: str | None
    display_name: str | None
    next_eval_us: int | None


@dataclass(frozen=True, slots=True)
class OutboxItem:
    id: int
    did: str
    kind: DmKind
    episode: str
    variant: int
    text: str
    send_after_us: int
    attempts: int


@dataclass(frozen=True, slots=True)
class StatusCounts:
    opted_in: int
    paused: int
    inactive_accounts: int
    unreachable: int
    outbox_pending: int
    outbox_sent: int
    last_sent_us: int | None
    cursors: dict[str, int]


@dataclass(frozen=True, slots=True)
class InboxEntry:
    """A conversation with human replies for the operator: who and when, never what."""

    convo_id: str
    did: str
    handle: str | None
    first_us: int
    last_us: int
    messages: int
    status: str
    level: str = "ok"  # the triage level (crisis: urgent), never the text
