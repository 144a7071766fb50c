"""The followers edge with a fake SDK client answering real SDK models (no network)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pytest
from atproto import models
from atproto_client import exceptions as sdk
from atproto_client.models.common import XrpcError
from atproto_client.request import Response

from bot.errors import AuthError, PermanentError
from bot.sources.followers import (
    FollowerList,
    follow_rkey,
    list_followers,
    rkey_of_follow_uri,
)

BOT = "did:plc:thebot"


def did(i: int) -> str:
    return f"did:plc:p{i:03}"


def follow_uri(follower: str, rkey: str) -> str:
    return f"at://{follower}/app.bsky.graph.follow/{rkey}"


def profile(who: str, followed_by: str | None = None, *, viewer: bool = True) -> Any:
    state = models.AppBskyActorDefs.ViewerState(followed_by=followed_by) if viewer else None
    return models.AppBskyActorDefs.ProfileView(did=who, handle="x.test", viewer=state)


def error(cls: type[sdk.RequestErrorBase], status: int, name: str, headers: Any = None) -> Any:
    return cls(Response(False, status, XrpcError(error=name, message="m"), headers or {}))


class FakeGraph:
    """`client.app.bsky.graph`: scripted pages (or errors) and relationships."""

    def __init__(self, pages: Sequence[Any], relationships: dict[str, str | None]) -> None:
        self.pages = list(pages)
        self.relationships = relationships
        self.follower_calls: list[dict[str, Any]] = []
        self.relationship_calls: list[list[str]] = []
        self.relationships_error: Exception | None = None

    async def get_followers(self, params: dict[str, Any]) -> Any:
        self.follower_calls.append(params)
        page = self.pages.pop(0)
        if isinstance(page, Exception):
            raise page
        return page

    async def get_relationships(self, params: dict[str, Any]) -> Any:
        others = list(params["others"])
        assert params["actor"] == BOT and len(others) <= 30
        self.relationship_calls.append(others)
        if self.relationships_error is not None:
            raise self.relationships_error
        rels: list[Any] = [
            models.AppBskyGraphDefs.Relationship(did=o, followed_by=self.relationships.get(o))
            for o in others
            if o.startswith("did:")
        ]
        rels += [
            models.AppBskyGraphDefs.NotFoundActor(actor=o, not_found=True)
            for o in others
            if not o.startswith("did:")
        ]
        return models.AppBskyGraphGetRelationships.Response(relationships=rels, actor=BOT)


class FakeClient:
    def __init__(self, graph: FakeGraph) -> None:
        self.app = type("App", (), {"bsky": type("Bsky", (), {"graph": graph})()})()


def page(profiles: list[Any], cursor: str | None) -> Any:
    subject = models.AppBskyActorDefs.ProfileView(did=BOT, handle="bot.test")
    return models.AppBskyGraphGetFollowers.Response(
        followers=profiles, subject=subject, cursor=cursor
    )


async def test_pages_through_and_reads_rkeys_from_viewer_followed_by() -> None:
    graph = FakeGraph(
        [
            page([profile(did(1), follow_uri(did(1), "r1"))], "c1"),
            page([profile(did(2), follow_uri(did(2), "r2"))], "c2"),
            page([], None),
        ],
        {},
    )
    got = await list_followers(FakeClient(graph), BOT, page_size=1)  # type: ignore[arg-type]
    assert got == FollowerList({did(1): "r1", did(2): "r2"}, complete=True)
    assert [c.get("cursor") for c in graph.follower_calls] == [None, "c1", "c2"]
    assert {c["actor"] for c in graph.follower_calls} == {BOT}
    assert graph.relationship_calls == []


async def test_missing_viewer_state_is_filled_from_get_relationships_in_batches() -> None:
    followers = [profile(did(i), viewer=False) for i in range(65)]
    followers.append(profile(did(99), follow_uri(did(99), "own")))
    rel = {did(i): follow_uri(did(i), f"r{i}") for i in range(64)}  # did(64): none there
    graph = FakeGraph([page(followers, None)], rel)
    got = await list_followers(FakeClient(graph), BOT)  # type: ignore[arg-type]
    assert got.complete
    assert got.follows[did(0)] == "r0" and got.follows[did(63)] == "r63"
    assert got.follows[did(64)] is None
    assert got.follows[did(99)] == "own"
    assert [len(c) for c in graph.relationship_calls] == [30, 30, 5]


async def test_a_failing_fallback_leaves_rkeys_missing_but_keeps_the_listing() -> None:
    graph = FakeGraph([page([profile(did(1), viewer=False)], None)], {})
    graph.relationships_error = sdk.InvokeTimeoutError()
    got = await list_followers(FakeClient(graph), BOT)  # type: ignore[arg-type]
    assert got == FollowerList({did(1): None}, complete=True)


async def test_follow_rkey_ignores_foreign_uris_and_not_found_actors() -> None:
    rel = {did(1): follow_uri(did(2), "x"), did(3): "at://did:plc:p003/app.bsky.feed.like/y"}
    graph = FakeGraph([], rel)
    client: Any = FakeClient(graph)
    got = await follow_rkey(client, BOT, [did(1), did(3), "nobody.test", did(1)])
    assert got == {did(1): None, did(3): None, "nobody.test": None}
    with pytest.raises(ValueError, match="batch_size"):
        await follow_rkey(client, BOT, [did(1)], batch_size=31)


async def test_stops_incomplete_at_max_pages_and_on_a_repeated_cursor() -> None:
    pages = [page([profile(did(i), follow_uri(did(i), "r"))], f"c{i}") for i in range(5)]
    got = await list_followers(FakeClient(FakeGraph(pages, {})), BOT, max_pages=3)  # type: ignore[arg-type]
    assert got == FollowerList({did(0): "r", did(1): "r", did(2): "r"}, complete=False)
    looping = [page([profile(did(1), follow_uri(did(1), "r"))], "same")] * 3
    got = await list_followers(FakeClient(FakeGraph(looping, {})), BOT)  # type: ignore[arg-type]
    assert got == FollowerList({did(1): "r"}, complete=False)


async def test_first_page_error_propagates_mapped() -> None:
    graph = FakeGraph([error(sdk.UnauthorizedError, 401, "AuthMissing")], {})
    with pytest.raises(AuthError, match="AuthMissing"):
        await list_followers(FakeClient(graph), BOT)  # type: ignore[arg-type]


async def test_transient_error_after_some_pages_gives_an_incomplete_listing() -> None:
    first = page([profile(did(1), follow_uri(did(1), "r1"))], "c1")
    graph = FakeGraph([first, *[sdk.NetworkError()] * 3], {})  # still failing after 3 tries
    got = await list_followers(FakeClient(graph), BOT)  # type: ignore[arg-type]
    assert got == FollowerList({did(1): "r1"}, complete=False)


async def test_one_transient_error_is_tried_again() -> None:
    first = page([profile(did(1), follow_uri(did(1), "r1"))], "c1")
    last = page([profile(did(2), follow_uri(did(2), "r2"))], None)
    graph = FakeGraph([first, sdk.NetworkError(), last], {})
    got = await list_followers(FakeClient(graph), BOT)  # type: ignore[arg-type]
    assert got == FollowerList({did(1): "r1", did(2): "r2"}, complete=True)


async def test_permanent_error_after_some_pages_propagates() -> None:
    graph = FakeGraph(
        [
            page([profile(did(1), follow_uri(did(1), "r1"))], "c1"),
            error(sdk.BadRequestError, 400, "InvalidRequest"),
        ],
        {},
    )
    with pytest.raises(PermanentError, match="InvalidRequest"):
        await list_followers(FakeClient(graph), BOT)  # type: ignore[arg-type]


async def test_page_size_is_checked_before_any_call() -> None:
    graph = FakeGraph([], {})
    with pytest.raises(ValueError, match="page_size"):
        await list_followers(FakeClient(graph), BOT, page_size=101)  # type: ignore[arg-type]
    assert graph.follower_calls == []


@pytest.mark.parametrize(
    ("uri", "rkey"),
    [
        (follow_uri(did(1), "3abc"), "3abc"),
        (follow_uri(did(2), "3abc"), None),  # someone else's record
        (f"at://{did(1)}/app.bsky.feed.like/3abc", None),
        (f"at://{did(1)}/app.bsky.graph.follow/", None),
        (f"at://{did(1)}/app.bsky.graph.follow/a/b", None),
        ("https://example.com", None),
        (None, None),
    ],
)
def test_rkey_of_follow_uri(uri: object, rkey: str | None) -> None:
    assert rkey_of_follow_uri(uri, did(1)) == rkey
