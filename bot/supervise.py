"""One place where every task's and job's errors go (PTB's `process_error`, in small).

Nothing in the bot dies silently: a failing job is logged with its context, counted per
place (the counts feed `status` and metrics), and the caller decides whether to go on.
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

log = logging.getLogger(__name__)

Listener = Callable[[str, BaseException], None]


@dataclass
class ErrorSink:
    counts: Counter[str] = field(default_factory=Counter)
    last: dict[str, str] = field(default_factory=dict)
    listeners: list[Listener] = field(default_factory=list)

    def report(self, where: str, exc: BaseException) -> None:
        self.counts[where] += 1
        self.last[where] = f"{type(exc).__name__}: {exc}"
        log.error(
            "%s failed (%d so far): %s",
            where,
            self.counts[where],
            self.last[where],
            exc_info=(type(exc), exc, exc.__traceback__),
        )
        for listener in self.listeners:
            try:
                listener(where, exc)
            except Exception:  # a broken listener must not hide the original error
                log.exception("error listener failed")

    @property
    def total(self) -> int:
        return sum(self.counts.values())
