"""Tables. Schema changes go through Alembic migrations only (migrations/versions/).

No post text is ever stored: an activity row says who did what kind of thing when,
whether it looked promotional, and whom it addressed — nothing of what was said.
"""

from __future__ import annotations

from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    Float,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy import false as sa_false

metadata = MetaData(
    naming_convention={
        "ix": "ix_%(table_name)s_%(column_0_N_name)s",
        "uq": "uq_%(table_name)s_%(column_0_N_name)s",
        "pk": "pk_%(table_name)s",
    }
)

people = Table(
    "people",
    metadata,
    Column("did", String(256), primary_key=True),
    Column("handle", String(256)),
    Column("display_name", String(256)),
    Column("follow_rkey", String(64), nullable=False),
    Column("opted_in_us", BigInteger, nullable=False),
    Column("account_active", Boolean, nullable=False, default=True),
    Column("account_status", String(32)),
    # the person's own settings
    Column("paused_until_us", BigInteger),
    Column("tz_name", String(64)),
    Column("day_start_hour", Integer),
    Column("day_end_hour", Integer),
    Column("frequency_days", Integer),
    Column("language", String(16)),
    # how that language was decided (bot/language.py): small decayed counts of their posts per
    # supported language ("de:4.31 en:0.9", never any text), and whether they chose it (`lang`)
    Column("lang_counts", String(96), nullable=False, default="", server_default=""),
    Column("language_chosen", Boolean, nullable=False, default=False, server_default=sa_false()),
    # aggregates (see bot/aggregates.py)
    Column("last_activity_us", BigInteger),
    Column("active_days", Text, nullable=False, default=""),
    Column("hour_counts", Text, nullable=False, default=""),
    Column("recent_posts", Text, nullable=False, default=""),
    # what the bot already did
    Column("last_nudge_us", BigInteger),
    Column("last_quiet_episode", BigInteger),
    Column("last_promo_nudge_us", BigInteger),
    Column("last_variants", Text, nullable=False, default=""),
    Column("unreachable_reason", String(64)),
    Column("next_eval_us", BigInteger),
    # history backfill (bot/history.py): NULL until their recent records were read or given up
    Column("history_loaded_us", BigInteger),
    Column("history_attempts", Integer, nullable=False, default=0, server_default="0"),
    Column("history_retry_us", BigInteger),
    # the DM conversation (bot/chat): where replies come from and nudges go
    Column("convo_id", String(128)),
    Column("unanswered_nudges", Integer, nullable=False, default=0, server_default="0"),
    Column("last_reply_us", BigInteger),
    Column("last_ack_us", BigInteger),
    Column("unreachable_checked_us", BigInteger),
    # set with the pause that follows a check-in nobody answered; any reply lifts that pause
    Column("checkin_until_us", BigInteger),
    # "stay in touch": off by default; when the last `friend` suggestion was queued
    Column("friends_enabled", Boolean, nullable=False, default=False, server_default=sa_false()),
    Column("last_friend_us", BigInteger),
    # reply triage (bot/safety): automated DMs wait until then; HELD_UNTIL_CLEARED (a crisis
    # reply) until the operator clears their inbox entry. When the bot last answered a crisis.
    Column("nudges_held_until_us", BigInteger),
    Column("last_crisis_answer_us", BigInteger),
    Index(None, "next_eval_us"),
    Index(None, "history_loaded_us"),
    Index(None, "convo_id"),
)

activity = Table(
    "activity",
    metadata,
    Column("did", String(256), primary_key=True),
    Column("collection", String(64), primary_key=True),  # short code or NSID (bot/pipeline.py)
    Column("rkey", String(64), primary_key=True),
    Column("kind", String(16), nullable=False),
    Column("time_us", BigInteger, nullable=False),
    Column("promo", Boolean, nullable=False, default=False),
    Column("promo_score", Float, nullable=False, default=0.0),
    Column("target_did", String(256)),
    Index(None, "time_us"),  # pruning; per-person reads use the primary key's did prefix
    # the opt-out purge finds others' replies and likes that addressed the person
    Index(
        None,
        "target_did",
        sqlite_where=text("target_did IS NOT NULL"),
        postgresql_where=text("target_did IS NOT NULL"),
    ),
)

outbox = Table(
    "outbox",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("did", String(256), nullable=False),
    Column("kind", String(32), nullable=False),
    Column("episode", String(64), nullable=False),
    Column("variant", Integer, nullable=False, default=0),
    Column("text", Text, nullable=False),
    Column("created_us", BigInteger, nullable=False),
    Column("send_after_us", BigInteger, nullable=False),
    Column("status", String(16), nullable=False, default="pending"),
    Column("claimed_until_us", BigInteger),
    Column("claimed_by", String(64)),
    Column("attempts", Integer, nullable=False, default=0),
    Column("last_error", Text),
    Column("sent_us", BigInteger),
    Column("message_id", String(128)),
    Column("prev_last_nudge_us", BigInteger),
    # keyed digest of whom the text names besides the recipient (a `friend` suggestion names the
    # friend's handle): that person's `forget` or opt-out drops the row without reading texts
    Column("about_digest", String(64)),
    UniqueConstraint("did", "kind", "episode"),
    Index(None, "status", "send_after_us"),
    Index(None, "did"),
    Index(
        None,
        "about_digest",
        sqlite_where=text("about_digest IS NOT NULL"),
        postgresql_where=text("about_digest IS NOT NULL"),
    ),
)

cursors = Table(
    "cursors",
    metadata,
    Column("name", String(128), primary_key=True),
    Column("value", BigInteger, nullable=False),
    Column("updated_us", BigInteger, nullable=False),
)

# Remembers only a digest of a DID that was welcomed, so a follow/unfollow loop cannot
# turn into a stream of welcomes after opt-out has deleted everything else about them.
welcome_ledger = Table(
    "welcome_ledger",
    metadata,
    Column("did_digest", String(64), primary_key=True),
    Column("last_welcome_us", BigInteger, nullable=False),
)

# After `stop` or `forget` by someone who still follows the bot: only keyed digests of the DID
# and of the follow record's rkey, so reconciliation (which still sees the follow) does not
# sign them up again, while a new follow record (another rkey) or `start` does.
tombstones = Table(
    "tombstones",
    metadata,
    Column("did_digest", String(64), primary_key=True),
    Column("rkey_digest", String(64)),
    Column("reason", String(16), nullable=False),
    Column("created_us", BigInteger, nullable=False),
)

# Conversations with human replies the operator has not looked at: who and when, never text
# (the operator reads and answers in the Bluesky app, as the bot's account).
inbox = Table(
    "inbox",
    metadata,
    Column("convo_id", String(128), primary_key=True),
    Column("did", String(256), nullable=False),
    Column("first_us", BigInteger, nullable=False),
    Column("last_us", BigInteger, nullable=False),
    Column("messages", Integer, nullable=False),
    Column("status", String(16), nullable=False),  # open | done
    # the highest triage level of its replies since it (re)opened: crisis | distress | ok —
    # only the level, never the text; crisis entries are urgent and listed first
    Column("level", String(16), nullable=False, default="ok", server_default="ok"),
    Column("operators_told_us", BigInteger),  # OPERATOR_DIDS were told an urgent one waits
    Index(None, "did"),
    Index(None, "status", "last_us"),
)

# Small named values that are not numbers (e.g. the chat log cursor, a string).
markers = Table(
    "markers",
    metadata,
    Column("name", String(128), primary_key=True),
    Column("value", Text, nullable=False),
    Column("updated_us", BigInteger, nullable=False),
)

# Named operator switches: `pause_all` (the global stop switch the running service obeys) and
# `forget:<keyed digest>` (a `nudgebot forget` the running service has yet to apply to its
# in-memory state; a digest, because after forget no table may name the DID).
switches = Table(
    "switches",
    metadata,
    Column("name", String(128), primary_key=True),
    Column("value", Text, nullable=False),
    Column("updated_us", BigInteger, nullable=False),
)

# Answers to people (command confirmations, acknowledgements) decided while the operator had
# paused the bot: the commands took effect at once, the DMs wait for `resume-all`. The text is
# the bot's own, never theirs.
held_replies = Table(
    "held_replies",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("convo_id", String(128), nullable=False),
    Column("text", Text, nullable=False),
    Column("since_us", BigInteger, nullable=False),
    Column("created_us", BigInteger, nullable=False),
    # an answer to a crisis reply: sent first, also while the operator has paused the bot
    Column("urgent", Boolean, nullable=False, default=False, server_default=sa_false()),
    Index(None, "convo_id"),
)

# The answer decided for a DM command (bot/replies.py), from just after its effect until the
# chat-log cursor has moved past it: a crash in between answers again with the same text, not
# with what the changed state would say now. The text is the bot's own, never theirs.
answers = Table(
    "answers",
    metadata,
    Column("convo_id", String(128), primary_key=True),
    Column("message_id", String(128), primary_key=True),
    Column("text", Text, nullable=False),
    Column("created_us", BigInteger, nullable=False),
)

# When the bot answered someone in DMs (bot/answer_caps.py caps answers per person; the DM budget
# counts them after a restart): a keyed digest of whom (bot/store/digest.py: also strangers,
# who have no row to name), and when. Kept a day.
answer_log = Table(
    "answer_log",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("did_digest", String(64), nullable=False),
    Column("at_us", BigInteger, nullable=False),
    Column("stranger", Boolean, nullable=False),  # not a follower when answered
    Index(None, "did_digest", "at_us"),
    Index(None, "at_us"),
)

# "Stay in touch" (bot/friends.py), only for people who wrote `friends on`: whom they addressed
# in their own public records (replies, mentions, quotes) — DIDs, counts and days, never text.
friend_counterparts = Table(
    "friend_counterparts",
    metadata,
    Column("did", String(256), primary_key=True),
    Column("counterpart_did", String(256), primary_key=True),
    Column("count", Integer, nullable=False),
    Column("first_us", BigInteger, nullable=False),
    Column("last_us", BigInteger, nullable=False),
    Column("days", Text, nullable=False),  # sorted UTC day numbers, as people.active_days
    Index(None, "counterpart_did"),
    Index(None, "last_us"),
)

# Whom a friends-enabled person blocks (their own app.bsky.graph.block records): never suggested.
# Keyed digests (bot/store/digest.py) of the blocked and skipped DIDs: the exclusion outlives the
# excluded person's own opt-out (which leaves no row naming them) without naming them.
friend_blocks = Table(
    "friend_blocks",
    metadata,
    Column("did", String(256), primary_key=True),
    Column("rkey", String(64), primary_key=True),
    Column("blocked_digest", String(64), nullable=False),
)

# `friends skip @handle`: never suggest this one.
friend_skips = Table(
    "friend_skips",
    metadata,
    Column("did", String(256), primary_key=True),
    Column("skipped_digest", String(64), primary_key=True),
    Column("created_us", BigInteger, nullable=False),
)
