"""In-call retries by exception type (tenacity), for requests that are safe to repeat.

- a timeout or a dropped connection: try again soon (0.5 s, then 1 s, …);
- other transient failures (5xx, 502 through the PDS proxy): back off, capped;
- a 429 is not retried here: the caller waits for the server's reset (the DM budget, an
  outbox row's own schedule), which can be far longer than a call should block;
- nor is an oversized answer (`ResponseTooLarge`): asked again at once, the server would
  most likely send it again; the caller's own schedule tries later;
- permanent and auth failures abort at once.

Sending a DM is *not* repeated this way: a timed-out `sendMessage` may have gone through, so the
outbox retries it later, after looking at the conversation (see bot/sender.py).
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from typing import TypeVar

from tenacity import (
    AsyncRetrying,
    RetryCallState,
    retry_if_exception,
    stop_after_attempt,
    stop_after_delay,
)

from bot.errors import RateLimited, ResponseTooLarge, TransientError

log = logging.getLogger(__name__)

T = TypeVar("T")

ATTEMPTS = 3
FIRST_WAIT_S = 0.5
CAP_WAIT_S = 8.0
GIVE_UP_AFTER_S = 30.0


def _worth_repeating(exc: BaseException) -> bool:
    return isinstance(exc, TransientError) and not isinstance(exc, RateLimited | ResponseTooLarge)


def _wait(state: RetryCallState) -> float:
    """Timeouts and dropped connections soon, other transient failures a little later."""
    attempt = max(state.attempt_number - 1, 0)
    outcome = state.outcome
    error = outcome.exception() if outcome is not None else None
    base = FIRST_WAIT_S if _is_connection_trouble(error) else 2 * FIRST_WAIT_S
    return float(min(CAP_WAIT_S, base * 2**attempt))


def _is_connection_trouble(error: BaseException | None) -> bool:
    text = str(error).lower()
    return "timed out" in text or "connection" in text


def _log(state: RetryCallState) -> None:
    outcome = state.outcome
    error = outcome.exception() if outcome is not None else None
    log.info("retrying after %s (attempt %d)", error, state.attempt_number)


async def repeat_safely(
    call: Callable[[], Awaitable[T]], *, attempts: int = ATTEMPTS, wait_scale: float = 1.0
) -> T:
    """`call()` again on transient failures, a few times; the last error is raised as is."""
    retrying = AsyncRetrying(
        retry=retry_if_exception(_worth_repeating),
        wait=lambda state: _wait(state) * wait_scale,
        stop=stop_after_attempt(attempts) | stop_after_delay(GIVE_UP_AFTER_S),
        before_sleep=_log,
        reraise=True,
    )
    async for attempt in retrying:
        with attempt:
            return await call()
    raise AssertionError("unreachable: tenacity reraises the last error")  # pragma: no cover
