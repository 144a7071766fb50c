"""Jetstream JSON -> the bot's events: every event type, every skip category, `is_relevant`."""

from __future__ import annotations

from typing import Any

import pytest

from bot.events import (
    AccountChanged,
    ActivityKind,
    BlockCreated,
    BlockDeleted,
    EngagementCreated,
    EngagementDeleted,
    Event,
    FollowCreated,
    FollowDeleted,
    IdentityChanged,
    OtherRecordCreated,
    PostCreated,
    PostDeleted,
    ProfileChanged,
)
from bot.sources.jetstream_json import (
    MALFORMED,
    UNKNOWN_COLLECTION,
    UNKNOWN_RECORD_TYPE,
    SkippedInput,
    event_from_jetstream,
    is_relevant,
)

ALICE = "did:plc:alice"
BOB = "did:plc:bob"
CAROL = "did:plc:carol"
BOT = "did:plc:thebot"
T = 1_785_585_600_123_456  # 2026-08-01T12:00:00.123456Z
RKEY = "3lrkey0000001"


def commit(
    collection: str,
    record: dict[str, Any] | None = None,
    *,
    operation: str = "create",
    did: str = ALICE,
    time_us: Any = T,
    rkey: str = RKEY,
    typed: bool = True,
) -> dict[str, Any]:
    body: dict[str, Any] = {"rev": "r1", "operation": operation, "collection": collection}
    body["rkey"] = rkey
    if record is not None:
        body["record"] = {"$type": collection, **record} if typed else record
    return {"did": did, "time_us": time_us, "kind": "commit", "commit": body}


def post_uri(did: str) -> str:
    return f"at://{did}/app.bsky.feed.post/3kpost"


def ref(did: str) -> dict[str, str]:
    return {"uri": post_uri(did), "cid": "bafyref"}


def post(**fields: Any) -> dict[str, Any]:
    return commit(
        "app.bsky.feed.post", {"text": "hi", "createdAt": "2026-08-01T12:00:00Z", **fields}
    )


QUOTE_EMBED = {"$type": "app.bsky.embed.record", "record": ref(CAROL)}
QUOTE_WITH_MEDIA = {
    "$type": "app.bsky.embed.recordWithMedia",
    "record": {"$type": "app.bsky.embed.record", "record": ref(CAROL)},
    "media": {"$type": "app.bsky.embed.images", "images": []},
}
MENTIONS = [
    {
        "index": {"byteStart": 0, "byteEnd": 4},
        "features": [{"$type": "app.bsky.richtext.facet#mention", "did": BOB}],
    },
    {
        "index": {"byteStart": 5, "byteEnd": 9},
        "features": [
            {"$type": "app.bsky.richtext.facet#link", "uri": "https://example.com"},
            {"$type": "app.bsky.richtext.facet#mention", "did": CAROL},
        ],
    },
]


# --- posts -------------------------------------------------------------------------------

POST_CASES: list[tuple[str, dict[str, Any], ActivityKind, str | None, str | None, str | None]] = [
    # id, extra record fields, kind, reply parent, reply root, quoted author
    ("plain", {}, ActivityKind.POST, None, None, None),
    (
        "reply",
        {"reply": {"parent": ref(BOB), "root": ref(CAROL)}},
        ActivityKind.REPLY,
        BOB,
        CAROL,
        None,
    ),
    (
        "self-reply",
        {"reply": {"parent": ref(ALICE), "root": ref(ALICE)}},
        ActivityKind.REPLY,
        ALICE,
        ALICE,
        None,
    ),
    ("quote", {"embed": QUOTE_EMBED}, ActivityKind.QUOTE, None, None, CAROL),
    ("quote-with-media", {"embed": QUOTE_WITH_MEDIA}, ActivityKind.QUOTE, None, None, CAROL),
    (
        "reply-and-quote",
        {"reply": {"parent": ref(BOB), "root": ref(BOB)}, "embed": QUOTE_EMBED},
        ActivityKind.REPLY,
        BOB,
        BOB,
        CAROL,
    ),
    (
        "external-embed-is-no-quote",
        {"embed": {"$type": "app.bsky.embed.external", "external": {"uri": "https://x.example"}}},
        ActivityKind.POST,
        None,
        None,
        None,
    ),
    (
        "reply-with-non-at-uri",
        {"reply": {"parent": {"uri": "https://x.example"}, "root": {"uri": "at://notadid/x"}}},
        ActivityKind.POST,
        None,
        None,
        None,
    ),
]


@pytest.mark.parametrize(
    ("extra", "kind", "parent", "root", "quoted"),
    [case[1:] for case in POST_CASES],
    ids=[case[0] for case in POST_CASES],
)
def test_posts_become_post_created_with_their_kind_and_targets(
    extra: dict[str, Any],
    kind: ActivityKind,
    parent: str | None,
    root: str | None,
    quoted: str | None,
) -> None:
    obj = post(**extra)
    event = event_from_jetstream(obj)
    assert isinstance(event, PostCreated)
    assert (event.did, event.time_us, event.rkey, event.kind) == (ALICE, T, RKEY, kind)
    assert (event.reply_parent_did, event.reply_root_did, event.quote_did) == (
        parent,
        root,
        quoted,
    )
    assert event.replies_to_other == (parent is not None and parent != ALICE)
    assert event.record["text"] == "hi"  # kept for the classifier
    assert event.mention_dids == ()


@pytest.mark.parametrize(
    ("facets", "expected"),
    [
        (MENTIONS, (BOB, CAROL)),
        ([], ()),
        ("not a list", ()),
        ([{"features": "nope"}, "junk", {"features": [{"did": 7}, "x"]}], ()),
    ],
    ids=["two-mentions", "empty", "not-a-list", "junk-facets"],
)
def test_mentions_come_from_facets(facets: Any, expected: tuple[str, ...]) -> None:
    event = event_from_jetstream(post(facets=facets))
    assert isinstance(event, PostCreated)
    assert event.mention_dids == expected


@pytest.mark.parametrize(
    "created_at",
    ["1999-01-01T00:00:00Z", "2099-12-31T23:59:59Z", "garbage", None],
)
def test_time_comes_from_time_us_never_from_created_at(created_at: Any) -> None:
    obj = post(createdAt=created_at)
    event = event_from_jetstream(obj)
    assert event is not None and event.time_us == T
    like = commit("app.bsky.feed.like", {"subject": ref(BOB), "createdAt": created_at})
    like_event = event_from_jetstream(like)
    assert like_event is not None and like_event.time_us == T


# --- other creates and deletes ------------------------------------------------------------

SUBJECT_CASES: list[tuple[str, dict[str, Any], Event]] = [
    (
        "like",
        commit("app.bsky.feed.like", {"subject": ref(BOB), "createdAt": "x"}),
        EngagementCreated(ALICE, T, RKEY, ActivityKind.LIKE, BOB),
    ),
    (
        "repost",
        commit("app.bsky.feed.repost", {"subject": ref(CAROL), "createdAt": "x"}),
        EngagementCreated(ALICE, T, RKEY, ActivityKind.REPOST, CAROL),
    ),
    (
        "like-with-bad-subject",
        commit("app.bsky.feed.like", {"subject": {"uri": "https://x.example"}}),
        EngagementCreated(ALICE, T, RKEY, ActivityKind.LIKE, None),
    ),
    (
        "like-without-subject",
        commit("app.bsky.feed.like", {"createdAt": "x"}),
        EngagementCreated(ALICE, T, RKEY, ActivityKind.LIKE, None),
    ),
    (
        "follow",
        commit("app.bsky.graph.follow", {"subject": BOT, "createdAt": "x"}),
        FollowCreated(ALICE, T, RKEY, BOT),
    ),
    (
        "block",
        commit("app.bsky.graph.block", {"subject": BOB, "createdAt": "x"}),
        BlockCreated(ALICE, T, RKEY, BOB),
    ),
    (
        "profile-create",
        commit("app.bsky.actor.profile", {"displayName": "Alice A."}, rkey="self"),
        ProfileChanged(ALICE, T, "Alice A.", created=True),
    ),
    (
        "profile-update",
        commit(
            "app.bsky.actor.profile", {"displayName": "Alice B."}, operation="update", rkey="self"
        ),
        ProfileChanged(ALICE, T, "Alice B."),
    ),
    (
        "profile-without-name",
        commit("app.bsky.actor.profile", {"description": "hi"}, operation="update", rkey="self"),
        ProfileChanged(ALICE, T, None),
    ),
    (
        "profile-with-non-string-name",
        commit("app.bsky.actor.profile", {"displayName": 42}, rkey="self"),
        ProfileChanged(ALICE, T, None, created=True),
    ),
    (
        "list",
        commit("app.bsky.graph.list", {"name": "friends", "purpose": "x"}),
        OtherRecordCreated(ALICE, T, RKEY, "app.bsky.graph.list"),
    ),
    (
        "listitem",
        commit("app.bsky.graph.listitem", {"subject": BOB, "list": "at://x"}),
        OtherRecordCreated(ALICE, T, RKEY, "app.bsky.graph.listitem"),
    ),
    (
        "starterpack",
        commit("app.bsky.graph.starterpack", {"name": "pack"}),
        OtherRecordCreated(ALICE, T, RKEY, "app.bsky.graph.starterpack"),
    ),
    (
        "threadgate",
        commit("app.bsky.feed.threadgate", {"post": post_uri(ALICE)}),
        OtherRecordCreated(ALICE, T, RKEY, "app.bsky.feed.threadgate"),
    ),
    (
        "chat-declaration",
        commit("chat.bsky.actor.declaration", {"allowIncoming": "all"}, rkey="self"),
        OtherRecordCreated(ALICE, T, "self", "chat.bsky.actor.declaration"),
    ),
    ("post-delete", commit("app.bsky.feed.post", operation="delete"), PostDeleted(ALICE, T, RKEY)),
    (
        "like-delete",
        commit("app.bsky.feed.like", operation="delete"),
        EngagementDeleted(ALICE, T, RKEY, ActivityKind.LIKE),
    ),
    (
        "repost-delete",
        commit("app.bsky.feed.repost", operation="delete"),
        EngagementDeleted(ALICE, T, RKEY, ActivityKind.REPOST),
    ),
    (
        "follow-delete",
        commit("app.bsky.graph.follow", operation="delete"),
        FollowDeleted(ALICE, T, RKEY),
    ),
    (
        "block-delete",
        commit("app.bsky.graph.block", operation="delete"),
        BlockDeleted(ALICE, T, RKEY),
    ),
    (
        "account-active",
        {"did": ALICE, "time_us": T, "kind": "account", "account": {"active": True}},
        AccountChanged(ALICE, T, True, None),
    ),
    (
        "account-deactivated",
        {
            "did": ALICE,
            "time_us": T,
            "kind": "account",
            "account": {"active": False, "status": "deactivated"},
        },
        AccountChanged(ALICE, T, False, "deactivated"),
    ),
    (
        "account-deleted",
        {
            "did": ALICE,
            "time_us": T,
            "kind": "account",
            "account": {"active": False, "status": "deleted", "seq": 3},
        },
        AccountChanged(ALICE, T, False, "deleted"),
    ),
    (
        "account-status-not-a-string",
        {"did": ALICE, "time_us": T, "kind": "account", "account": {"active": False, "status": 5}},
        AccountChanged(ALICE, T, False, None),
    ),
    (
        "identity",
        {"did": ALICE, "time_us": T, "kind": "identity", "identity": {"handle": "alice.test"}},
        IdentityChanged(ALICE, T, "alice.test"),
    ),
    (
        "identity-without-handle",
        {"did": ALICE, "time_us": T, "kind": "identity", "identity": {"seq": 1}},
        IdentityChanged(ALICE, T, None),
    ),
    (
        "identity-without-body",
        {"did": ALICE, "time_us": T, "kind": "identity"},
        IdentityChanged(ALICE, T, None),
    ),
]


@pytest.mark.parametrize(
    ("obj", "expected"),
    [case[1:] for case in SUBJECT_CASES],
    ids=[case[0] for case in SUBJECT_CASES],
)
def test_events_convert_to_the_bots_own_types(obj: dict[str, Any], expected: Event) -> None:
    event = event_from_jetstream(obj)
    assert type(event) is type(expected)
    assert event == expected


@pytest.mark.parametrize(
    "obj",
    [
        commit("app.bsky.feed.post", {"text": "edited"}, operation="update"),
        commit("app.bsky.graph.list", {"name": "renamed"}, operation="update"),
        commit("app.bsky.feed.threadgate", {"post": "x"}, operation="update"),
        commit("app.bsky.graph.list", operation="delete"),
        commit("app.bsky.graph.listitem", operation="delete"),
        commit("app.bsky.actor.profile", operation="delete", rkey="self"),
        commit("app.bsky.graph.starterpack", operation="delete"),
    ],
    ids=[
        "post-update",
        "list-update",
        "threadgate-update",
        "list-delete",
        "listitem-delete",
        "profile-delete",
        "starterpack-delete",
    ],
)
def test_meaningless_events_become_none(obj: dict[str, Any]) -> None:
    assert event_from_jetstream(obj) is None


# --- what gets skipped, and under which category ------------------------------------------

VALID_POST = post()


def with_(base: dict[str, Any], **changes: Any) -> dict[str, Any]:
    obj = dict(base)
    for key, value in changes.items():
        if value is _DROP:
            obj.pop(key, None)
        else:
            obj[key] = value
    return obj


_DROP = object()

SKIP_CASES: list[tuple[str, Any, str]] = [
    ("list", [1, 2, 3], MALFORMED),
    ("string", "hello", MALFORMED),
    ("none", None, MALFORMED),
    ("did-missing", with_(VALID_POST, did=_DROP), MALFORMED),
    ("did-not-a-did", with_(VALID_POST, did="alice.bsky.social"), MALFORMED),
    ("did-not-a-string", with_(VALID_POST, did=123), MALFORMED),
    ("time-missing", with_(VALID_POST, time_us=_DROP), MALFORMED),
    ("time-negative", with_(VALID_POST, time_us=-5), MALFORMED),
    ("time-zero", with_(VALID_POST, time_us=0), MALFORMED),
    ("time-bool", with_(VALID_POST, time_us=True), MALFORMED),
    ("time-string", with_(VALID_POST, time_us=str(T)), MALFORMED),
    ("time-float", with_(VALID_POST, time_us=float(T)), MALFORMED),
    ("kind-unknown", with_(VALID_POST, kind="sync"), MALFORMED),
    ("kind-missing", with_(VALID_POST, kind=_DROP), MALFORMED),
    ("commit-not-a-dict", with_(VALID_POST, commit="x"), MALFORMED),
    ("commit-missing", with_(VALID_POST, commit=_DROP), MALFORMED),
    ("rkey-missing", with_(VALID_POST, commit=with_(VALID_POST["commit"], rkey=_DROP)), MALFORMED),
    ("rkey-empty", with_(VALID_POST, commit=with_(VALID_POST["commit"], rkey="")), MALFORMED),
    (
        "collection-missing",
        with_(VALID_POST, commit=with_(VALID_POST["commit"], collection=_DROP)),
        MALFORMED,
    ),
    (
        "operation-unknown",
        with_(VALID_POST, commit=with_(VALID_POST["commit"], operation="upsert")),
        MALFORMED,
    ),
    (
        "operation-missing",
        with_(VALID_POST, commit=with_(VALID_POST["commit"], operation=_DROP)),
        MALFORMED,
    ),
    ("create-without-record", commit("app.bsky.feed.post"), MALFORMED),
    ("update-without-record", commit("app.bsky.actor.profile", operation="update"), MALFORMED),
    (
        "create-record-not-a-dict",
        with_(VALID_POST, commit=with_(VALID_POST["commit"], record="text")),
        MALFORMED,
    ),
    ("follow-handle-subject", commit("app.bsky.graph.follow", {"subject": "bob.test"}), MALFORMED),
    ("follow-no-subject", commit("app.bsky.graph.follow", {"createdAt": "x"}), MALFORMED),
    ("block-dict-subject", commit("app.bsky.graph.block", {"subject": {"did": BOB}}), MALFORMED),
    ("account-without-body", {"did": ALICE, "time_us": T, "kind": "account"}, MALFORMED),
    (
        "account-active-not-bool",
        {"did": ALICE, "time_us": T, "kind": "account", "account": {"active": "yes"}},
        MALFORMED,
    ),
    ("collection-unknown", commit("com.example.thing", {"x": 1}), UNKNOWN_COLLECTION),
    (
        "collection-unknown-delete",
        commit("com.example.thing", operation="delete"),
        UNKNOWN_COLLECTION,
    ),
    ("collection-near-miss", commit("app.bsky.feed.posts", {"text": "x"}), UNKNOWN_COLLECTION),
    (
        "type-mismatch",
        commit("app.bsky.feed.post", {"$type": "app.bsky.feed.like", "text": "x"}, typed=False),
        UNKNOWN_RECORD_TYPE,
    ),
    (
        "type-missing",
        commit("app.bsky.feed.post", {"text": "x"}, typed=False),
        UNKNOWN_RECORD_TYPE,
    ),
    (
        "profile-type-mismatch",
        commit(
            "app.bsky.actor.profile",
            {"$type": "app.bsky.feed.post"},
            operation="update",
            typed=False,
        ),
        UNKNOWN_RECORD_TYPE,
    ),
]


@pytest.mark.parametrize(
    ("obj", "category"),
    [case[1:] for case in SKIP_CASES],
    ids=[case[0] for case in SKIP_CASES],
)
def test_bad_input_is_skipped_with_a_category(obj: Any, category: str) -> None:
    with pytest.raises(SkippedInput) as caught:
        event_from_jetstream(obj)
    assert caught.value.category == category
    assert str(caught.value)  # a message for the log


def test_the_valid_post_used_above_is_valid() -> None:
    assert isinstance(event_from_jetstream(VALID_POST), PostCreated)


# --- is_relevant ---------------------------------------------------------------------------

RELEVANT_CASES: list[tuple[str, dict[str, Any], bool]] = [
    ("watched-post", post(), True),
    ("watched-delete", commit("app.bsky.feed.post", operation="delete"), True),
    (
        "watched-account",
        {"did": ALICE, "time_us": T, "kind": "account", "account": {"active": False}},
        True,
    ),
    ("watched-identity", {"did": ALICE, "time_us": T, "kind": "identity"}, True),
    ("watched-malformed-still-looked-at", {"did": ALICE, "kind": "commit"}, True),
    ("stranger-follows-bot", commit("app.bsky.graph.follow", {"subject": BOT}, did=BOB), True),
    ("stranger-blocks-bot", commit("app.bsky.graph.block", {"subject": BOT}, did=BOB), True),
    (
        "stranger-follows-someone-else",
        commit("app.bsky.graph.follow", {"subject": CAROL}, did=BOB),
        False,
    ),
    (
        "stranger-blocks-someone-else",
        commit("app.bsky.graph.block", {"subject": CAROL}, did=BOB),
        False,
    ),
    ("stranger-posts", commit("app.bsky.feed.post", {"text": "x"}, did=BOB), False),
    (
        "stranger-likes-bot-post",
        commit("app.bsky.feed.like", {"subject": ref(BOT)}, did=BOB),
        False,
    ),
    (
        "stranger-updates-follow-of-bot",
        commit("app.bsky.graph.follow", {"subject": BOT}, did=BOB, operation="update"),
        False,
    ),
    (
        "stranger-deletes-follow",
        commit("app.bsky.graph.follow", operation="delete", did=BOB),
        False,
    ),
    ("stranger-deletes-block", commit("app.bsky.graph.block", operation="delete", did=BOB), False),
    ("stranger-deletes-post", commit("app.bsky.feed.post", operation="delete", did=BOB), False),
    (
        "stranger-account",
        {"did": BOB, "time_us": T, "kind": "account", "account": {"active": False}},
        False,
    ),
    ("stranger-identity", {"did": BOB, "time_us": T, "kind": "identity"}, False),
    ("stranger-commit-not-a-dict", {"did": BOB, "kind": "commit", "commit": [1]}, False),
    (
        "stranger-follow-record-not-a-dict",
        with_(
            commit("app.bsky.graph.follow", did=BOB),
            commit={"operation": "create", "collection": "app.bsky.graph.follow", "record": BOT},
        ),
        False,
    ),
]


@pytest.mark.parametrize(
    ("obj", "relevant"),
    [case[1:] for case in RELEVANT_CASES],
    ids=[case[0] for case in RELEVANT_CASES],
)
def test_is_relevant(obj: dict[str, Any], relevant: bool) -> None:
    assert is_relevant(obj, {ALICE: "f1"}, BOT) is relevant
    assert is_relevant(obj, frozenset({ALICE}), BOT) is relevant


def test_nobody_watched_means_only_follows_and_blocks_of_the_bot() -> None:
    assert is_relevant(post(), set(), BOT) is False
    assert is_relevant(commit("app.bsky.graph.follow", {"subject": BOT}), set(), BOT) is True
