"""Writes demo/stream.jsonl: a few dozen people over ~90 days, as Jetstream would deliver it.

The cast: daily and weekly posters in several time zones, one daily poster and one weekly
poster who go quiet, a promo-only shop account, a shop that also talks to people, someone
who unfollows, someone who blocks, a follow/unfollow loop, strangers who never opt in, and a
few broken lines. `make demo` replays it. Deterministic (seeded).
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.streams import US_PER_DAY, US_PER_HOUR, Stream, at

START = at("2026-08-01T00:00")
DAYS = 90
PERSONAL = [
    "first coffee on the balcony, the swifts are back",
    "finally fixed the squeaky door. tiny victories",
    "anyone have a good recipe for plum cake?",
    "long walk by the river today, needed that",
    "my kid just explained black holes to me better than any documentary",
    "rainy day, reading in the window seat",
    "the new bakery on our street is dangerously good",
    "honestly just tired this week. hope you're all ok",
    "saw the most ridiculous dog in a raincoat",
    "trying to learn the ukulele. the neighbours are very patient",
]
PROMO = [
    "New prints just dropped in my shop! 15% off this weekend with code PLUMS15",
    "Restock alert: the linen tote is back in the store, link in bio",
    "Pre-orders are open for our autumn collection. Don't miss out!",
    "Commissions open! DM me for prices, slots are limited",
    "New episode of my podcast is up, go listen and subscribe!",
]
REPLIES = [
    "haha yes, exactly this",
    "congrats, that's wonderful!",
    "oh no, hope it gets better",
    "thank you, that means a lot",
    "ooh where is that?",
]


class Cast:
    def __init__(self, stream: Stream, rng: random.Random) -> None:
        self.s, self.rng, self.n = stream, rng, 0

    def person(self, name: str, tz_offset: int) -> tuple[str, int]:
        self.n += 1
        did = f"did:plc:demo{self.n:04d}{name.lower():0<16}"[:32]
        # after the follows: events from before someone opts in are (rightly) ignored
        seen = START + 4 * US_PER_DAY + self.n
        self.s.identity(did, seen, f"{name.lower()}.demo.test")
        self.s.commit(
            did, seen, "app.bsky.actor.profile", "update", record={"displayName": name}, rkey="self"
        )
        return did, tz_offset

    def moment(self, day: int, tz_offset: int) -> int:
        local_hour = self.rng.choice([8, 9, 12, 13, 18, 19, 20, 21, 22])
        return (
            START
            + day * US_PER_DAY
            + ((local_hour - tz_offset) % 24) * US_PER_HOUR
            + self.rng.randrange(US_PER_HOUR)
        )

    def active(
        self,
        did: str,
        tz: int,
        days: range,
        every: int = 1,
        promo: bool = False,
        chatty: bool = True,
    ) -> None:
        for day in days:
            if (day - days.start) % every:
                continue
            t = self.moment(day, tz)
            self.s.post(
                did,
                t,
                self.rng.choice(PROMO if promo else PERSONAL),
                link="https://shop.example-crafts.com/new" if promo else None,
            )
            if chatty and self.rng.random() < 0.6:
                self.s.post(
                    did,
                    t + 600_000_000,
                    self.rng.choice(REPLIES),
                    reply_to="did:plc:demofriend000000000000",
                )
            if self.rng.random() < 0.8:
                self.s.like(did, t + 900_000_000)


def build() -> Stream:
    rng = random.Random(2026)
    s = Stream()
    cast = Cast(s, rng)
    daily = [
        cast.person(n, tz)
        for n, tz in [
            ("Ana", -3),
            ("Ben", 0),
            ("Chen", 8),
            ("Dora", 1),
            ("Eli", -5),
            ("Femi", 1),
            ("Gwen", 0),
            ("Hiro", 9),
        ]
    ]
    weekly = [
        cast.person(n, tz)
        for n, tz in [("Ines", 1), ("Jon", -8), ("Kai", 10), ("Lena", 2), ("Mo", 0), ("Nia", -4)]
    ]
    for did, _tz in daily + weekly:
        s.follow(did, START + rng.randrange(2 * US_PER_DAY))
    for did, tz in daily[:-1]:
        cast.active(did, tz, range(2, DAYS))
    quiet_daily = daily[-1]
    cast.active(*quiet_daily, days=range(2, 45))  # Hiro goes quiet after day 45
    for did, tz in weekly[:-1]:
        cast.active(did, tz, range(3, DAYS), every=7)
    cast.active(*weekly[-1], days=range(3, 40), every=7)  # Nia goes quiet after day 40

    shop = cast.person("PlumPrints", 1)
    s.follow(shop[0], START + 3 * US_PER_DAY)
    cast.active(*shop, days=range(5, DAYS), promo=True, chatty=False)
    talker = cast.person("LinenLab", -5)
    s.follow(talker[0], START + 3 * US_PER_DAY)
    cast.active(*talker, days=range(5, DAYS), promo=True, chatty=True)

    leaver = cast.person("Otto", 1)
    rkey = s.follow(leaver[0], START + US_PER_DAY)
    cast.active(*leaver, days=range(2, 30))
    s.unfollow(leaver[0], START + 30 * US_PER_DAY, rkey)
    blocker = cast.person("Pia", 2)
    s.follow(blocker[0], START + US_PER_DAY)
    cast.active(*blocker, days=range(2, 25))
    s.block(blocker[0], START + 25 * US_PER_DAY)
    looper = cast.person("Quinn", 0)
    for i in range(3):
        rkey = s.follow(looper[0], START + (10 + i) * US_PER_DAY)
        s.unfollow(looper[0], START + (10 + i) * US_PER_DAY + US_PER_HOUR, rkey)
    s.follow(looper[0], START + 14 * US_PER_DAY)
    cast.active(*looper, days=range(14, DAYS), every=2)

    for i in range(12):  # strangers: public activity, never opted in, never stored
        stranger = cast.person(f"Stranger{i}", rng.choice([-5, 0, 1, 9]))
        cast.active(*stranger, days=range(0, DAYS), every=rng.choice([1, 3, 7]))
    s.add_raw(START + 50 * US_PER_DAY, b'{"did": "did:plc:broken", "time_us": ')
    s.add_raw(START + 60 * US_PER_DAY, b'"just a string"')
    return s


if __name__ == "__main__":
    out = Path(__file__).parent / "stream.jsonl"
    build().write(str(out))
    print(f"wrote {out}")
