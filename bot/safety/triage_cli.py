"""`nudgebot triage [FILE|-]`: JSON lines of replies in, one triage line out per reply.

Input lines are `{"id": ..., "text": "..."}` or a bare JSON string. Each non-blank input line
produces exactly one output line, in order: `{"id", "level", "reasons"}`, or `{"id", "error"}`
for a line that is not valid JSON, has no string text, or is longer than 1 MiB (read past in
pieces, never held whole). Blank lines are skipped without output. `id` is echoed from the
object (null for a bare string). The exit code is 0 even when some lines are bad (1 only when
the input cannot be opened); a one-line summary of counts goes to stderr.
"""

from __future__ import annotations

import sys
from collections import Counter
from collections.abc import Callable, Iterable
from typing import IO, Any

import orjson

from bot.lines import MAX_LINE_BYTES, bounded_lines
from bot.triage import Level, Triage
from bot.triage import triage as default_triage

_TOO_LONG = f"line longer than {MAX_LINE_BYTES} bytes: skipped"


class _BadLine(ValueError):
    """A line that holds no reply text; the message goes into the output."""


def run_triage(path: str, judge: Callable[[str], Triage] = default_triage) -> int:
    try:
        stream: IO[bytes] = sys.stdin.buffer if path == "-" else open(path, "rb")  # noqa: SIM115
    except OSError as exc:
        print(f"triage: cannot open {path}: {exc.strerror or exc}", file=sys.stderr)
        return 1
    tally: Counter[str] = Counter()
    out = sys.stdout.buffer
    try:
        with stream:
            for line in triage_lines(bounded_lines(stream), judge, tally):
                out.write(line)
        out.flush()
    except BrokenPipeError:
        return 0  # the reader went away (e.g. `| head`): not an error of ours
    except OSError as exc:
        print(f"triage: read failed: {exc}", file=sys.stderr)
        return 1
    counts = ", ".join(f"{tally[k]} {k}" for k in (*Level, "error"))
    print(f"triage: {sum(tally.values())} lines: {counts}", file=sys.stderr)
    return 0


def triage_lines(
    lines: Iterable[bytes | None],
    judge: Callable[[str], Triage] = default_triage,
    tally: Counter[str] | None = None,
) -> Iterable[bytes]:
    """One output line (with newline) per non-blank input line, in order; None stands for a
    line too long to read (bot/lines.py)."""
    tally = tally if tally is not None else Counter()
    for raw in lines:
        if raw is None:
            tally["error"] += 1
            yield orjson.dumps({"id": None, "error": _TOO_LONG}) + b"\n"
        elif raw.strip():
            yield orjson.dumps(_line(raw, judge, tally)) + b"\n"


def _line(raw: bytes, judge: Callable[[str], Triage], tally: Counter[str]) -> dict[str, Any]:
    reply_id: Any = None
    try:
        try:
            obj = orjson.loads(raw)
        except orjson.JSONDecodeError as exc:
            raise _BadLine(f"invalid JSON: {exc}") from None
        if isinstance(obj, dict):
            reply_id = obj.get("id")
            obj = obj.get("text")
        if not isinstance(obj, str):
            raise _BadLine("expected a JSON string or an object with a string 'text'")
        try:
            verdict = judge(obj)
        except Exception as exc:  # one reply the judgement cannot take must not end the run
            raise _BadLine(f"triage failed: {type(exc).__name__}") from None
    except _BadLine as exc:
        tally["error"] += 1
        return {"id": reply_id, "error": str(exc)}
    tally[verdict.level.value] += 1
    return {"id": reply_id, "level": verdict.level.value, "reasons": list(verdict.reasons)}
