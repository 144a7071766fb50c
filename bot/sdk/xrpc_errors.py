"""The one place SDK (atproto 0.0.73) request errors become the bot's own errors.

What the SDK raises (atproto_client/request.py): 401/403 `UnauthorizedError`, 400
`BadRequestError`, 429 `RateLimitExceededError` (a `RequestException`), 409/413/502 and
transport failures `NetworkError` (no response for the latter), timeouts `InvokeTimeoutError`
(a `NetworkError`), anything else `RequestException`. Its classes follow "retry the same way",
not "can a retry help", so the decision here is by status and XRPC error name:

- auth: 401/403, and 400 `InvalidToken` / `ExpiredToken` → `AuthError`
- 429 → `RateLimited(retry_after)` (from `retry-after`, else `ratelimit-reset`, else None)
- timeouts, transport failures, 500/502/503/504 → `TransientError`
- everything else (400, 404, 409, 413, 501, …) → `PermanentError`

The mapped error keeps `status` and `error_name`; callers `raise map_sdk_error(e) from e`.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import httpx
from atproto_client.exceptions import (
    InvokeTimeoutError,
    RateLimitExceededError,
    RequestErrorBase,
)
from atproto_client.models.common import XrpcError
from atproto_client.models.dot_dict import DotDict

from bot.errors import AuthError, NudgebotError, PermanentError, RateLimited, TransientError

AUTH_ERROR_NAMES = frozenset({"InvalidToken", "ExpiredToken", "AuthMissing", "AuthRequired"})
TRANSIENT_STATUSES = frozenset({500, 502, 503, 504})
# 409 is a conflict (e.g. InvalidSwap): the same request conflicts again. 413: too large again.


def error_details(exc: RequestErrorBase) -> tuple[int | None, str | None, str | None]:
    """(HTTP status, XRPC error name, message) of an SDK request error; Nones when absent."""
    response = exc.response
    if response is None:
        return None, None, None
    content: Any = response.content
    if isinstance(content, XrpcError):
        return response.status_code, content.error, content.message
    if isinstance(content, DotDict):  # the SDK's fallback for a body without "message"
        content = content.to_dict()
    if isinstance(content, dict):
        name, message = content.get("error"), content.get("message")
        return (
            response.status_code,
            name if isinstance(name, str) else None,
            message if isinstance(message, str) else None,
        )
    return response.status_code, None, None


def map_sdk_error(exc: BaseException) -> NudgebotError:
    """The bot's error for an SDK (or httpx) exception; a `NudgebotError` is returned as is."""
    if isinstance(exc, NudgebotError):
        return exc
    if isinstance(exc, InvokeTimeoutError | httpx.TimeoutException):
        return TransientError(f"request timed out: {exc!r}")
    if isinstance(exc, RequestErrorBase):
        return _from_request_error(exc)
    if isinstance(exc, httpx.TransportError):
        return TransientError(f"connection failed: {exc!r}")
    # ModelError (an answer of the wrong shape) and anything unforeseen: retrying the same
    # request against the same server would get the same answer.
    return PermanentError(f"unexpected error from the SDK: {exc!r}")


def _from_request_error(exc: RequestErrorBase) -> NudgebotError:
    status, name, message = error_details(exc)
    if status is None:
        return TransientError(f"connection failed: {exc.__cause__ or exc!r}")
    text = f"{status} {name or ''}{': ' + message if message else ''}".strip()
    mapped: NudgebotError
    if status in (401, 403) or name in AUTH_ERROR_NAMES:
        mapped = AuthError(text)
    elif status == 429:
        mapped = RateLimited(text, retry_after=_retry_after(exc))
    elif status in TRANSIENT_STATUSES:
        mapped = TransientError(text)
    else:
        mapped = PermanentError(text)
    mapped.status, mapped.error_name = status, name
    return mapped


def _retry_after(exc: RequestErrorBase) -> float | None:
    """Seconds to wait: `retry-after`, else until `ratelimit-reset`; None when neither is sent
    (the dev PDS proxy drops both)."""
    if not isinstance(exc, RateLimitExceededError):
        return None
    if exc.retry_after is not None:
        return float(exc.retry_after)
    reset_at = exc.reset_at
    if reset_at is None:
        return None
    seconds: float = (reset_at - datetime.now(UTC)).total_seconds()
    return max(seconds, 0.0)
