"""atproto TIDs (timestamp identifiers), the record keys of posts, likes and reposts.

A TID is 13 characters of base32-sortable (`234567a-z`) holding a 64-bit integer: the top bit
0, then 53 bits of microseconds since the Unix epoch, then a 10-bit clock id. The time in it
is set by the writing PDS, not typed by the person (unlike `createdAt`), and it orders
`listRecords`, which is why backfill times records by it.
"""

from __future__ import annotations

ALPHABET = "234567abcdefghijklmnopqrstuvwxyz"
TID_LENGTH = 13
_VALUE = {char: index for index, char in enumerate(ALPHABET)}
# 13 characters x 5 bits = 65 bits: the first character carries only bits 60-63 of the 64, and
# the top bit must be 0, so it is one of the first 8 letters. (The spec's syntax regex admits 16;
# the other 8 would set the top bit.)
_FIRST = frozenset(ALPHABET[:8])
_CLOCK_BITS = 10
_MAX_TIME_US = (1 << 53) - 1


def tid_value(rkey: str) -> int | None:
    """The 64-bit integer of a TID, or None when `rkey` is not a valid TID."""
    if len(rkey) != TID_LENGTH or rkey[0] not in _FIRST:
        return None
    value = 0
    for char in rkey:
        digit = _VALUE.get(char)
        if digit is None:
            return None
        value = (value << 5) | digit
    return value


def tid_time_us(rkey: str) -> int | None:
    """Microseconds since the epoch encoded in a TID record key; None when it is not a TID."""
    value = tid_value(rkey)
    return None if value is None else value >> _CLOCK_BITS


def make_tid(time_us: int, clock_id: int = 0) -> str:
    """The TID for `time_us` and `clock_id` (for tests and benchmarks; PDSes mint real ones)."""
    if not 0 <= time_us <= _MAX_TIME_US or not 0 <= clock_id < (1 << _CLOCK_BITS):
        raise ValueError(f"no TID for time_us={time_us}, clock_id={clock_id}")
    value = (time_us << _CLOCK_BITS) | clock_id
    chars = [ALPHABET[(value >> shift) & 31] for shift in range(60, -1, -5)]
    return "".join(chars)
