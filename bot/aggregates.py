"""Per-person aggregates: what judgment needs, kept compact, merged as events arrive.

They live in the person's row as short strings so that evaluation reads one row per
person and never scans activity. Pure functions only: the store calls them inside its
transaction.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from itertools import repeat
from operator import and_, rshift

import orjson

from bot.clock import US_PER_DAY, US_PER_HOUR
from bot.policy import RecentPost

RECENT_POSTS_CAP = 400  # bounds the row for prolific posters; the ratio over 400 posts is plenty


@dataclass(slots=True)
class Aggregates:
    last_activity_us: int | None = None
    active_days: list[int] = field(default_factory=list)
    hour_counts: list[int] = field(default_factory=lambda: [0] * 24)
    recent_posts: list[RecentPost] = field(default_factory=list)

    def add_activity(self, time_us: int) -> None:
        if self.last_activity_us is None or time_us > self.last_activity_us:
            self.last_activity_us = time_us
        day = time_us // US_PER_DAY
        days = self.active_days
        if not days or day > days[-1]:
            days.append(day)
        elif day not in days:
            days.append(day)
            days.sort()
        self.hour_counts[(time_us // US_PER_HOUR) % 24] += 1

    def add_post(self, mark: RecentPost) -> None:
        # Called once per newly stored activity row: re-sent events (reconnect overlap, a
        # history read meeting the live stream) were already dropped by the row's key. Two
        # alike marks are two posts made in the same microsecond, never a duplicate.
        posts = self.recent_posts
        if posts and mark.time_us < posts[-1].time_us:
            posts.append(mark)
            posts.sort(key=lambda p: p.time_us)
        else:
            posts.append(mark)
        if len(posts) > RECENT_POSTS_CAP:
            del posts[: len(posts) - RECENT_POSTS_CAP]

    def trim(self, now_us: int, day_window: int, post_window_days: int) -> None:
        """Forget what no rule can look at any more."""
        oldest_day = now_us // US_PER_DAY - day_window
        if self.active_days and self.active_days[0] < oldest_day:
            self.active_days = [d for d in self.active_days if d >= oldest_day]
        oldest_post = now_us - (post_window_days + 1) * US_PER_DAY
        if self.recent_posts and self.recent_posts[0].time_us < oldest_post:
            self.recent_posts = [p for p in self.recent_posts if p.time_us >= oldest_post]


def encode_ints(values: Iterable[int]) -> str:
    # orjson writes a list of ints ~3x faster than str() per item (ingest re-encodes every
    # changed person's aggregates); the brackets are dropped, the text stays "1,2,3"
    listed = values if isinstance(values, list) else list(values)
    return orjson.dumps(listed)[1:-1].decode()


def decode_ints(text: str | None) -> list[int]:
    if not text:
        return []
    # orjson's parser reads the encoded list (decimal integers and commas) 3-4x faster than
    # int() per item; the evaluation pass decodes every due person's aggregates
    values: list[int] = orjson.loads("[" + text + "]")
    return values


def encode_posts(posts: Iterable[RecentPost]) -> str:
    # one integer per post, time and both flags packed: decoding is one integer per post
    return encode_ints([p.time_us << 2 | p.promo << 1 | p.replies_to_other for p in posts])


def decode_posts(text: str | None) -> list[RecentPost]:
    return _unpack_posts(decode_ints(text))


def decode_posts_after(
    text: str | None, after_us: int, keep: Callable[[int, int], bool] | None = None
) -> list[RecentPost]:
    """Only the posts later than `after_us`: the rest are never built (evaluation skips them).
    With `keep`, none unless keep(number of those posts, how many are promotional)."""
    if not text:
        return []
    # packed = time << 2 | flags, so packed > after << 2 | 3 exactly when time > after
    floor = after_us << 2 | 3
    packed = list(filter(floor.__lt__, decode_ints(text)))
    if keep is not None and not keep(len(packed), sum(map(and_, packed, repeat(2))) >> 1):
        return []
    return _unpack_posts(packed)


_new_tuple = tuple.__new__


def _unpack_posts(packed: list[int]) -> list[RecentPost]:
    # maps over C callables, no bytecode per post: thousands of posts per evaluation page
    times = map(rshift, packed, repeat(2))
    promos = map(bool, map(and_, packed, repeat(2)))
    replies = map(bool, map(and_, packed, repeat(1)))
    return list(map(_new_tuple, repeat(RecentPost), zip(times, promos, replies, strict=True)))


def decode_hours(text: str | None) -> list[int]:
    counts = decode_ints(text)
    return counts if len(counts) == 24 else [0] * 24
