"""Per-person aggregates: merging activity and posts, trimming, and the compact encodings."""

from __future__ import annotations

from itertools import pairwise

import pytest

from bot.aggregates import (
    RECENT_POSTS_CAP,
    Aggregates,
    decode_hours,
    decode_ints,
    decode_posts,
    decode_posts_after,
    encode_ints,
    encode_posts,
)
from bot.clock import US_PER_DAY, US_PER_HOUR, US_PER_MINUTE
from bot.policy import RecentPost

DAY0 = 20_000  # a day number, 2024-10-04
T0 = DAY0 * US_PER_DAY


def at(day: int, hour: int = 0, minute: int = 0) -> int:
    return T0 + day * US_PER_DAY + hour * US_PER_HOUR + minute * US_PER_MINUTE


def mark(t: int, promo: bool = False, replies: bool = False) -> RecentPost:
    return RecentPost(t, promo, replies)


# --- add_activity ---------------------------------------------------------------------------

ACTIVITY_CASES: list[tuple[str, list[int], list[int], int]] = [
    # id, times (in arrival order), expected day offsets, expected last activity
    ("single", [at(0, 5)], [0], at(0, 5)),
    ("same-day-twice", [at(0, 1), at(0, 23, 59)], [0], at(0, 23, 59)),
    ("in-order", [at(0), at(1), at(3)], [0, 1, 3], at(3)),
    ("out-of-order", [at(3, 2), at(0, 4), at(1, 6)], [0, 1, 3], at(3, 2)),
    ("late-arrival-in-a-gap", [at(0), at(5), at(2), at(5, 1)], [0, 2, 5], at(5, 1)),
    ("late-arrival-repeats-a-day", [at(4), at(1), at(4, 3), at(1, 9)], [1, 4], at(4, 3)),
    ("oldest-last", [at(9), at(8), at(7)], [7, 8, 9], at(9)),
]


@pytest.mark.parametrize(
    ("times", "days", "last"),
    [case[1:] for case in ACTIVITY_CASES],
    ids=[case[0] for case in ACTIVITY_CASES],
)
def test_add_activity_keeps_distinct_sorted_days_and_the_latest_time(
    times: list[int], days: list[int], last: int
) -> None:
    aggs = Aggregates()
    for t in times:
        aggs.add_activity(t)
    assert aggs.active_days == [DAY0 + d for d in days]
    assert aggs.last_activity_us == last
    assert sum(aggs.hour_counts) == len(times)


@pytest.mark.parametrize(
    ("hours", "expected"),
    [
        ([0], {0: 1}),
        ([23, 23, 23], {23: 3}),
        ([9, 14, 9, 0, 14, 9], {0: 1, 9: 3, 14: 2}),
    ],
)
def test_add_activity_counts_utc_hours(hours: list[int], expected: dict[int, int]) -> None:
    aggs = Aggregates()
    for i, hour in enumerate(hours):
        aggs.add_activity(at(i % 3, hour, 30))
    assert aggs.hour_counts == [expected.get(h, 0) for h in range(24)]


def test_last_activity_never_moves_backwards() -> None:
    aggs = Aggregates(last_activity_us=at(10))
    aggs.add_activity(at(2))
    assert aggs.last_activity_us == at(10)


# --- add_post -------------------------------------------------------------------------------

POST_CASES: list[tuple[str, list[RecentPost], list[RecentPost]]] = [
    ("in-order", [mark(1), mark(2), mark(3)], [mark(1), mark(2), mark(3)]),
    ("out-of-order", [mark(3), mark(1), mark(2)], [mark(1), mark(2), mark(3)]),
    # the store adds a post only for a newly inserted activity row (its key is the record's
    # rkey), so two marks alike are two posts: one microsecond can hold two (a history read
    # clamps records made during it to its start; relay times have millisecond precision)
    (
        "same-time-same-flags-are-two-posts",
        [mark(1), mark(2), mark(2)],
        [mark(1), mark(2), mark(2)],
    ),
    (
        "same-time-other-flags-is-another-post",
        [mark(5), mark(5, promo=True)],
        [mark(5), mark(5, promo=True)],
    ),
    (
        "an-older-post-after-equal-times",
        [mark(4), mark(7), mark(7, True), mark(4)],
        [mark(4), mark(4), mark(7), mark(7, True)],
    ),
]


@pytest.mark.parametrize(
    ("added", "expected"),
    [case[1:] for case in POST_CASES],
    ids=[case[0] for case in POST_CASES],
)
def test_add_post_keeps_time_order_and_every_post(
    added: list[RecentPost], expected: list[RecentPost]
) -> None:
    aggs = Aggregates()
    for p in added:
        aggs.add_post(p)
    assert aggs.recent_posts == expected


@pytest.mark.parametrize("extra", [1, 2, 50])
def test_add_post_is_capped_and_keeps_the_newest(extra: int) -> None:
    aggs = Aggregates()
    total = RECENT_POSTS_CAP + extra
    for i in range(total):
        aggs.add_post(mark(at(0) + i * US_PER_MINUTE, promo=i % 2 == 0))
    assert len(aggs.recent_posts) == RECENT_POSTS_CAP
    assert aggs.recent_posts[0].time_us == at(0) + extra * US_PER_MINUTE
    assert aggs.recent_posts[-1].time_us == at(0) + (total - 1) * US_PER_MINUTE


def test_an_old_post_arriving_at_the_cap_does_not_push_out_a_newer_one() -> None:
    aggs = Aggregates()
    for i in range(RECENT_POSTS_CAP):
        aggs.add_post(mark(at(1) + i))
    aggs.add_post(mark(at(0)))  # older than everything kept
    assert len(aggs.recent_posts) == RECENT_POSTS_CAP
    assert aggs.recent_posts[0].time_us == at(1)
    assert all(a.time_us < b.time_us for a, b in pairwise(aggs.recent_posts))


# --- trim -----------------------------------------------------------------------------------

TRIM_CASES: list[tuple[str, list[int], list[int], int, int, int, list[int], list[int]]] = [
    # id, day offsets, post times (days, as at()), now day, day window, post window,
    # expected day offsets, expected post days
    ("nothing-old", [8, 9], [9], 10, 90, 14, [8, 9], [9]),
    ("drops-old-days", [0, 1, 5, 9], [], 10, 5, 14, [5, 9], []),
    ("boundary-day-is-kept", [4, 5], [], 10, 6, 14, [4, 5], []),
    ("drops-old-posts", [], [0, 2, 9], 10, 90, 7, [], [2, 9]),
    ("post-window-plus-one-day-is-kept", [], [1, 2], 10, 90, 8, [], [1, 2]),
    ("everything-old", [0, 1], [0, 1], 100, 10, 14, [], []),
]


@pytest.mark.parametrize(
    ("days", "post_days", "now_day", "day_window", "post_window", "want_days", "want_posts"),
    [case[1:] for case in TRIM_CASES],
    ids=[case[0] for case in TRIM_CASES],
)
def test_trim_forgets_what_no_rule_can_see(
    days: list[int],
    post_days: list[int],
    now_day: int,
    day_window: int,
    post_window: int,
    want_days: list[int],
    want_posts: list[int],
) -> None:
    aggs = Aggregates(
        last_activity_us=at(max(days + post_days, default=0)),
        active_days=[DAY0 + d for d in days],
        recent_posts=[mark(at(d)) for d in post_days],
    )
    hours = list(aggs.hour_counts)
    aggs.trim(at(now_day), day_window, post_window)
    assert aggs.active_days == [DAY0 + d for d in want_days]
    assert [p.time_us for p in aggs.recent_posts] == [at(d) for d in want_posts]
    assert aggs.last_activity_us == at(max(days + post_days, default=0))  # never trimmed
    assert aggs.hour_counts == hours


# --- encodings ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "values",
    [[], [0], [DAY0], [DAY0, DAY0 + 1, DAY0 + 40], list(range(24)), [0] * 24],
)
def test_ints_round_trip(values: list[int]) -> None:
    text = encode_ints(values)
    assert decode_ints(text) == values
    assert text == ",".join(str(v) for v in values)


@pytest.mark.parametrize("text", ["", None])
def test_empty_text_decodes_to_nothing(text: str | None) -> None:
    assert decode_ints(text) == []
    assert decode_posts(text) == []
    assert decode_hours(text) == [0] * 24


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (encode_ints(range(24)), list(range(24))),
        ("1,2,3", [0] * 24),  # a damaged row is reset, not misread
        (encode_ints([1] * 25), [0] * 24),
    ],
)
def test_decode_hours_requires_24_counts(text: str, expected: list[int]) -> None:
    assert decode_hours(text) == expected


@pytest.mark.parametrize(
    "posts",
    [
        [],
        [mark(at(0))],
        [mark(at(0), promo=True)],
        [mark(at(0), replies=True)],
        [mark(at(0), promo=True, replies=True)],
        [mark(1, True, True), mark(2, False, True), mark(3, True, False), mark(4, False, False)],
        [mark(at(400) + 123_456, True, True)],
    ],
    ids=["none", "plain", "promo", "reply", "both-flags", "all-combinations", "far-future"],
)
def test_posts_round_trip(posts: list[RecentPost]) -> None:
    text = encode_posts(posts)
    assert decode_posts(text) == posts
    assert text.count(",") == max(len(posts) - 1, 0)


def test_aggregates_survive_an_encode_decode_cycle() -> None:
    aggs = Aggregates()
    for day, hour, promo in [(0, 9, True), (2, 13, False), (1, 22, True)]:
        aggs.add_activity(at(day, hour))
        aggs.add_post(mark(at(day, hour), promo=promo))
    again = Aggregates(
        aggs.last_activity_us,
        decode_ints(encode_ints(aggs.active_days)),
        decode_hours(encode_ints(aggs.hour_counts)),
        decode_posts(encode_posts(aggs.recent_posts)),
    )
    assert again == aggs


# --- decode_posts_after (the evaluation pass) -------------------------------------------------


@pytest.mark.parametrize("offset", [-1, 0, 1])
def test_decode_posts_after_keeps_exactly_the_later_posts(offset: int) -> None:
    posts = [mark(at(0, h), h % 2 == 0, h % 3 == 0) for h in range(0, 24, 2)]
    after = at(0, 10) + offset
    kept = decode_posts_after(encode_posts(posts), after)
    assert kept == [p for p in posts if p.time_us > after]
    assert len(kept) == (7 if offset < 0 else 6)
    assert all(type(p) is RecentPost and type(p.promo) is bool for p in kept)
    assert decode_posts_after("", after) == [] and decode_posts_after(None, after) == []


def test_decode_posts_builds_named_posts_with_bool_flags() -> None:
    posts = [mark(at(0), True, False), mark(at(1), False, True), mark(at(2), True, True)]
    decoded = decode_posts(encode_posts(posts))
    assert decoded == posts
    assert [(p.promo, p.replies_to_other) for p in decoded] == [
        (True, False),
        (False, True),
        (True, True),
    ]
    assert all(type(p.replies_to_other) is bool for p in decoded)
