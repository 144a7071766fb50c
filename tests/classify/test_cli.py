"""`nudgebot classify`: JSON lines in, one verdict or error line out per input line."""

from __future__ import annotations

import io
import sys
from pathlib import Path
from typing import Any

import orjson
import pytest

from bot.classify.cli import classify_lines, run_classify
from bot.cli import main

PROMO = {"$type": "app.bsky.feed.post", "text": "Commissions open! 3 slots, link in bio"}
PLAIN = {"$type": "app.bsky.feed.post", "text": "my cat is asleep on the keyboard"}


def _run(lines: list[bytes]) -> list[dict[str, Any]]:
    return [orjson.loads(out) for out in classify_lines(lines)]


def test_wrapped_and_bare_records_in_order() -> None:
    out = _run(
        [
            orjson.dumps({"id": "a", "record": PROMO}),
            orjson.dumps(PLAIN),
            orjson.dumps({"id": 7, "record": PLAIN}),
        ]
    )
    assert [o["id"] for o in out] == ["a", None, 7]
    assert [o["promo"] for o in out] == [True, False, False]
    assert out[0]["reasons"] and all(isinstance(r, str) for r in out[0]["reasons"])
    assert all(0.0 <= o["score"] <= 1.0 for o in out)


@pytest.mark.parametrize(
    ("line", "post_id", "message"),
    [
        (b"not json", None, "invalid JSON"),
        (b"[1, 2]", None, "expected a JSON object"),
        (b'"text"', None, "expected a JSON object"),
        (b'{"id": "p", "record": {"$type": "app.bsky.actor.profile"}}', "p", "$type"),
        (b'{"id": "q", "record": {"text": 5}}', "q", "'text' is not a string"),
        (b'{"id": "r", "record": {"langs": ["en"]}}', "r", "'text' is missing"),
        (b'{"id": "s", "record": [1]}', "s", "'record' is not a JSON object"),
        (b'{"$type": "app.bsky.feed.like"}', None, "$type"),
        (b"\xff\xfe garbage", None, "invalid JSON"),
    ],
)
def test_bad_lines_get_an_error_object(line: bytes, post_id: Any, message: str) -> None:
    (out,) = _run([line])
    assert out["id"] == post_id
    assert message in out["error"]
    assert "promo" not in out


def test_blank_lines_are_skipped() -> None:
    out = _run([b"\n", orjson.dumps(PLAIN) + b"\n", b"   \n"])
    assert len(out) == 1


def test_run_classify_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "posts.jsonl"
    path.write_bytes(
        orjson.dumps({"id": 1, "record": PROMO}) + b"\nbroken\n\n" + orjson.dumps(PLAIN)
    )
    assert run_classify(str(path)) == 0
    captured = capsys.readouterr()
    lines = captured.out.splitlines()
    assert len(lines) == 3
    assert orjson.loads(lines[0])["promo"] is True
    assert "error" in orjson.loads(lines[1])
    assert "3 lines: 1 promo, 1 not promo, 1 errors, 1 blank skipped" in captured.err


def test_run_classify_stdin_via_main(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    stdin = io.TextIOWrapper(io.BytesIO(orjson.dumps(PROMO) + b"\n"))
    monkeypatch.setattr(sys, "stdin", stdin)
    assert main(["classify", "-"]) == 0
    assert orjson.loads(capsys.readouterr().out)["promo"] is True


def test_missing_file_is_reported(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    assert run_classify(str(tmp_path / "nope.jsonl")) == 1
    assert "cannot open" in capsys.readouterr().err


def test_a_line_over_the_bound_is_one_error_and_never_held(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import tracemalloc

    from bot.lines import MAX_LINE_BYTES

    path = tmp_path / "posts.jsonl"
    huge = b'{"id": 2, "record": {"text": "' + b"x" * (24 * MAX_LINE_BYTES) + b'"}}'
    path.write_bytes(orjson.dumps(PLAIN) + b"\n" + huge + b"\n" + orjson.dumps(PROMO) + b"\n")
    del huge
    tracemalloc.start()
    try:
        assert run_classify(str(path)) == 0
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    out = [orjson.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [o.get("promo") for o in out] == [False, None, True]
    assert out[1] == {"id": None, "error": f"line longer than {MAX_LINE_BYTES} bytes: skipped"}
    assert peak < 8 * MAX_LINE_BYTES  # far below the 24 MiB line: read past in pieces
