"""One place where every task's and job's errors go (PTB's `process_error`, in small).

Nothing in the bot dies silently: a failing job is logged with its context, counted per
place (the counts feed `status` and metrics), and the caller decides whether to go on.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections import Counter
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field

from bot.backoff import backoff_delay
from bot.errors import AuthError, ConfigError

log = logging.getLogger(__name__)

Listener = Callable[[str, BaseException], None]


TRACEBACK_EVERY_S = 3600.0


@dataclass
class ErrorSink:
    counts: Counter[str] = field(default_factory=Counter)
    last: dict[str, str] = field(default_factory=dict)
    listeners: list[Listener] = field(default_factory=list)
    clock: Callable[[], float] = time.monotonic
    # (where, exception type) → when its traceback was last logged: an outage that fails the
    # same task every few seconds gets one traceback an hour and one line per failure
    _traced: dict[tuple[str, str], float] = field(default_factory=dict)

    def report(self, where: str, exc: BaseException) -> None:
        self.counts[where] += 1
        self.last[where] = f"{type(exc).__name__}: {exc}"
        key, now = (where, type(exc).__qualname__), self.clock()
        traced = self._traced.get(key)
        again = traced is not None and now - traced < TRACEBACK_EVERY_S
        if not again:
            self._traced[key] = now
        log.error(
            "%s failed (%d so far): %s%s",
            where,
            self.counts[where],
            self.last[where],
            " (traceback as logged before)" if again else "",
            exc_info=None if again else (type(exc), exc, exc.__traceback__),
        )
        for listener in self.listeners:
            try:
                listener(where, exc)
            except Exception:  # a broken listener must not hide the original error
                log.exception("error listener failed")

    @property
    def total(self) -> int:
        return sum(self.counts.values())


class Fatal(Exception):
    """Raised inside a supervised task when the service cannot go on (e.g. login refused)."""


async def supervised(
    name: str,
    run: Callable[[], Awaitable[object]],
    sink: ErrorSink,
    *,
    on_fatal: Callable[[BaseException], None],
    backoff_cap_s: float = 60.0,
) -> None:
    """Run a long-lived task forever: an error is reported and the task restarted after a
    capped, jittered backoff; errors that restarting cannot fix end the service instead."""
    attempt = 0
    while True:
        started = asyncio.get_running_loop().time()
        try:
            await run()
            log.info("%s ended", name)
            return
        except asyncio.CancelledError:
            raise
        except (Fatal, AuthError, ConfigError) as exc:
            sink.report(name, exc)
            on_fatal(exc)
            return
        except Exception as exc:
            sink.report(name, exc)
        if asyncio.get_running_loop().time() - started > 2 * backoff_cap_s:
            attempt = 0  # it ran well for a while: this is a new problem, start gently
        await asyncio.sleep(backoff_delay(attempt, cap_s=backoff_cap_s))
        attempt += 1
