"""`nudgebot classify [FILE|-]`: JSON lines of post records in, one verdict line out per record.

Input lines are either a bare `app.bsky.feed.post` record or `{"id": ..., "record": {...}}`.
Each non-blank input line produces exactly one output line, in order: a verdict
`{"id", "promo", "score", "reasons"}` or `{"id", "error"}` for a line that is not valid JSON or
not a post record, or longer than 1 MiB (read past in pieces, never held whole). Blank lines
(including a trailing newline) are skipped without output, since they carry no record and
JSON-lines readers treat them as absent. `id` is echoed from the
wrapper object, or null for a bare record. The exit code is 0 even when some lines are bad
(1 only when the input cannot be opened); a one-line summary of counts goes to stderr.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable
from dataclasses import dataclass
from typing import IO, Any

import orjson

from bot.classify import classify
from bot.lines import MAX_LINE_BYTES, bounded_lines

_POST_TYPE = "app.bsky.feed.post"
_TOO_LONG = f"line longer than {MAX_LINE_BYTES} bytes: skipped"


@dataclass(slots=True)
class _Tally:
    promo: int = 0
    not_promo: int = 0
    errors: int = 0
    blank: int = 0


class _BadLine(ValueError):
    """A line that is not a classifiable post record; the message goes into the output."""


def run_classify(path: str) -> int:
    try:
        stream: IO[bytes] = sys.stdin.buffer if path == "-" else open(path, "rb")  # noqa: SIM115
    except OSError as exc:
        print(f"classify: cannot open {path}: {exc.strerror or exc}", file=sys.stderr)
        return 1
    tally = _Tally()
    out = sys.stdout.buffer
    try:
        with stream:
            for line in classify_lines(bounded_lines(stream), tally):
                out.write(line)
        out.flush()
    except BrokenPipeError:
        # the reader went away (e.g. piped into `head`); that is not an error of ours
        return 0
    except OSError as exc:
        print(f"classify: read failed: {exc}", file=sys.stderr)
        return 1
    print(
        f"classify: {tally.promo + tally.not_promo + tally.errors} lines: {tally.promo} promo, "
        f"{tally.not_promo} not promo, {tally.errors} errors, {tally.blank} blank skipped",
        file=sys.stderr,
    )
    return 0


def classify_lines(lines: Iterable[bytes | None], tally: _Tally | None = None) -> Iterable[bytes]:
    """One output line (with newline) per non-blank input line, in order; None stands for a
    line too long to read (bot/lines.py)."""
    tally = tally if tally is not None else _Tally()
    for raw in lines:
        if raw is None:
            tally.errors += 1
            yield orjson.dumps({"id": None, "error": _TOO_LONG}) + b"\n"
            continue
        if not raw.strip():
            tally.blank += 1
            continue
        yield orjson.dumps(_verdict_line(raw, tally)) + b"\n"


def _verdict_line(raw: bytes, tally: _Tally) -> dict[str, Any]:
    post_id: Any = None
    try:
        try:
            obj = orjson.loads(raw)
        except orjson.JSONDecodeError as exc:
            raise _BadLine(f"invalid JSON: {exc}") from None
        if isinstance(obj, dict) and "record" in obj:
            post_id = obj.get("id")
        record = _unwrap(obj)
        _check_post(record)
        verdict = classify(record)
    except _BadLine as exc:
        tally.errors += 1
        return {"id": post_id, "error": str(exc)}
    if verdict.promo:
        tally.promo += 1
    else:
        tally.not_promo += 1
    return {
        "id": post_id,
        "promo": verdict.promo,
        "score": verdict.score,
        "reasons": list(verdict.reasons),
    }


def _unwrap(obj: Any) -> dict[str, Any]:
    if not isinstance(obj, dict):
        raise _BadLine(f"expected a JSON object, got {type(obj).__name__}")
    if "record" not in obj:
        return obj
    record = obj["record"]
    if not isinstance(record, dict):
        raise _BadLine("'record' is not a JSON object")
    return record


def _check_post(record: dict[str, Any]) -> None:
    kind = record.get("$type", _POST_TYPE)
    if kind != _POST_TYPE:
        raise _BadLine(f"not a post record: $type is {kind!r}, expected {_POST_TYPE!r}")
    if "text" not in record:
        raise _BadLine("not a post record: 'text' is missing")
    if not isinstance(record["text"], str):
        raise _BadLine("not a post record: 'text' is not a string")
