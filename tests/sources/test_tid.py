"""TID record keys -> microseconds (bot/sources/tid.py)."""

from __future__ import annotations

import pytest

from bot.sources.tid import make_tid, tid_time_us, tid_value

# (rkey, microseconds since the epoch or None). Expected values were worked out with Python's
# own base-32 (`int(rkey.translate(...), 32) >> 10`), independently of the code under test.
CASES = [
    # the spec's valid examples (atproto.com/specs/tid)
    ("3jzfcijpj2z2a", 1_688_137_381_887_007),  # 2023-06-30T15:03:01.887007Z
    ("7777777777777", 5_811_096_293_381_285),
    ("3zzzzzzzzzzzz", 2_251_799_813_685_247),
    ("2222222222222", 0),
    # minted by the local network's PDS (@atproto/pds 0.5.35) in tests/localnet/test_backfill.py:
    # a post, a quote and a repost, 2026-11-25T22:20:26.524/.616/.734Z (ms precision, clock id 23)
    ("3n366xxxbf22r", 1_795_645_226_524_000),
    ("3n366xy23a22r", 1_795_645_226_616_000),
    ("3n366xy5ohk2r", 1_795_645_226_734_000),
    # the spec's invalid examples, and more
    ("3jzfcijpj2z21", None),  # '1' is not in the alphabet
    ("0000000000000", None),
    ("3JZFCIJPJ2Z2A", None),  # upper case
    ("3jzfcijpj2z2aa", None),  # too long
    ("3jzfcijpj2z2", None),  # too short
    ("zzzzzzzzzzzzz", None),  # top bit set
    ("kjzfcijpj2z2a", None),  # top bit set
    ("cjzfcijpj2z2a", None),  # top bit set (the syntax regex's upper half)
    ("self", None),  # a profile's rkey
    ("", None),
    ("3jzfcijpj2z2-", None),
]


@pytest.mark.parametrize(("rkey", "expected"), CASES)
def test_tid_time_us(rkey: str, expected: int | None) -> None:
    assert tid_time_us(rkey) == expected


def test_clock_id_is_the_low_ten_bits() -> None:
    value = tid_value("3jzfcijpj2z2a")
    assert value is not None and value & 0x3FF == 6


@pytest.mark.parametrize("time_us", [0, 1, 1_688_137_381_887_007, (1 << 53) - 1])
@pytest.mark.parametrize("clock_id", [0, 7, 1023])
def test_make_tid_round_trips(time_us: int, clock_id: int) -> None:
    rkey = make_tid(time_us, clock_id)
    assert len(rkey) == 13
    assert tid_time_us(rkey) == time_us
    assert tid_value(rkey) == (time_us << 10) | clock_id


def test_make_tid_orders_like_time() -> None:
    times = [5, 1_000_000, 1_688_137_381_887_007, 1_800_000_000_000_000]
    assert sorted(make_tid(t) for t in times) == [make_tid(t) for t in times]


@pytest.mark.parametrize(("time_us", "clock_id"), [(-1, 0), (1 << 53, 0), (0, 1024), (0, -1)])
def test_make_tid_refuses_what_does_not_fit(time_us: int, clock_id: int) -> None:
    with pytest.raises(ValueError):
        make_tid(time_us, clock_id)
