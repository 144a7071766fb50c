"""Reading JSON lines with a bound on each line, for `replay`, `classify` and the bot-DID guess:
an endless or huge line must not take the memory of the whole process (decoding a line takes
a few times its size again)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import IO

MAX_LINE_BYTES = 1 << 20  # 1 MiB, newline not counted: far above any real Jetstream event
TOO_LONG = "too-long"  # what a skipped line is counted as


def bounded_lines(stream: IO[bytes], limit: int = MAX_LINE_BYTES) -> Iterator[bytes | None]:
    """The stream's lines (newline kept), or None in place of a line longer than `limit`
    bytes, which is read past in pieces: never more than `limit` + 1 bytes of it are held."""
    readline = stream.readline
    size = limit + 1
    while line := readline(size):
        if len(line) < size or line.endswith(b"\n"):
            yield line
            continue
        while (rest := readline(size)) and not rest.endswith(b"\n"):
            pass
        yield None
