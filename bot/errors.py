"""One exception hierarchy for the whole bot; errors carry data, not just messages."""

from __future__ import annotations


class NudgebotError(Exception):
    """Base of every error the bot raises on purpose.

    `status` / `error_name` say what a server answered (HTTP status, XRPC error name) when the
    error came from one; set by `bot.sdk.xrpc_errors.map_sdk_error`, else None."""

    status: int | None = None
    error_name: str | None = None


class ConfigError(NudgebotError):
    """Settings are missing or invalid; the service cannot start."""


class TransientError(NudgebotError):
    """Worth retrying soon: timeouts, 5xx, dropped connections."""


class RateLimited(TransientError):
    """The server asked us to slow down; wait `retry_after` seconds (None: unknown)."""

    def __init__(self, message: str = "rate limited", retry_after: float | None = None) -> None:
        super().__init__(message)
        self.retry_after = retry_after


class ResponseTooLarge(TransientError):
    """An answer from the network larger than its bound, refused before it was parsed.

    Transient: a broken server or proxy may heal, and for a DM, retrying later (the outbox
    row's own schedule) is what keeps it from being lost. An edge where one such answer is
    final maps it to its permanent error (backfill: `HistoryUnavailable`)."""

    def __init__(self, where: str, limit: int, *, announced: int | None = None) -> None:
        size = f"{announced} bytes announced" if announced is not None else "more"
        super().__init__(f"answer from {where} too large ({size}; the bound is {limit} bytes)")
        self.where, self.limit = where, limit


class PermanentError(NudgebotError):
    """Retrying cannot help: bad request, record too large, unknown method."""


class AuthError(PermanentError):
    """Credentials are wrong, expired or lack a scope (e.g. app password without DM access)."""


class UnreachableRecipient(PermanentError):
    """The person cannot receive our DMs; `reason` is the XRPC error name."""

    def __init__(self, did: str, reason: str) -> None:
        super().__init__(f"{did} is unreachable: {reason}")
        self.did = did
        self.reason = reason


class HistoryUnavailable(PermanentError):
    """A person's public history cannot be read: unknown DID, no PDS, repo gone or taken down.
    `reason` is the XRPC error name or what was wrong with the identity."""

    def __init__(self, did: str, reason: str) -> None:
        super().__init__(f"history of {did} is unavailable: {reason}")
        self.did = did
        self.reason = reason


class BadInput(NudgebotError):
    """A line, record or command we cannot read; counted and skipped, never fatal."""

    def __init__(self, message: str, *, where: str | None = None) -> None:
        super().__init__(message if where is None else f"{where}: {message}")
        self.where = where


class HeldByOperator(TransientError):
    """The operator paused every DM (`nudgebot pause-all`): the DM waits, it is not lost."""
