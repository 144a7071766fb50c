"""Keyed digests of DIDs: what remains of a person after opt-out (the welcome ledger, the
stop tombstone) must not name them to anyone who reads the database alone."""

from __future__ import annotations

import hashlib
import hmac

# Replay and tests run on throw-away databases; `nudgebot run` passes a secret key.
UNKEYED = b"nudgebot: no key configured"


class DidHasher:
    def __init__(self, key: bytes = UNKEYED) -> None:
        if not key:
            raise ValueError("the digest key must not be empty")
        self._key = key

    def __call__(self, value: str) -> str:
        return hmac.new(self._key, value.encode(), hashlib.sha256).hexdigest()

    def __repr__(self) -> str:  # never the key
        return "DidHasher(<key>)"
