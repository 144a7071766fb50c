"""`nudgebot triage`: one line out per non-blank line in, in order; bad lines say why; a line
past the 1 MiB cap is an error line, not a crash (issue 18)."""

from __future__ import annotations

import io
from collections import Counter
from pathlib import Path

import orjson
import pytest

from bot.cli import main
from bot.lines import MAX_LINE_BYTES, bounded_lines
from bot.safety.triage_cli import triage_lines
from bot.triage import Level, Triage

PHRASE = "I don't want to be here anymore. I've given my things away."


def judge(text: str) -> Triage:
    if "explode" in text:
        raise ValueError("no")
    return Triage(Level.DISTRESS if "sad" in text else Level.OK, ("len", str(len(text))))


def run_lines(data: bytes) -> list[dict[str, object]]:
    tally: Counter[str] = Counter()
    out = b"".join(triage_lines(bounded_lines(io.BytesIO(data)), judge, tally))
    return [orjson.loads(line) for line in out.splitlines()]


def test_lines_in_order_with_ids_and_errors() -> None:
    data = b"\n".join(
        [
            b'{"id": "a", "text": "sad today"}',
            b'"a bare string"',
            b"",
            b'{"id": 7, "text": 5}',
            b"{not json",
            b'{"id": "x", "text": "explode"}',
            b'["a list"]',
        ]
    )
    got = run_lines(data)
    assert [g.get("id") for g in got] == ["a", None, 7, None, "x", None]
    assert got[0] == {"id": "a", "level": "distress", "reasons": ["len", "9"]}
    assert got[1]["level"] == "ok"
    assert all("error" in g for g in got[2:])
    assert "triage failed" in str(got[4]["error"])


def test_an_overlong_line_is_one_error_line_and_the_next_still_counts() -> None:
    data = b'"' + b"x" * (MAX_LINE_BYTES + 10) + b'"\n{"id": 2, "text": "sad"}\n'
    got = run_lines(data)
    assert "error" in got[0] and got[1] == {"id": 2, "level": "distress", "reasons": ["len", "3"]}


def test_the_command_reads_a_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "replies.jsonl"
    path.write_bytes(orjson.dumps({"id": 1, "text": PHRASE}) + b"\n" + b'"fine"\n')
    assert main(["triage", str(path)]) == 0
    out, err = capsys.readouterr()
    levels = [orjson.loads(line)["level"] for line in out.splitlines()]
    assert levels == ["crisis", "ok"]  # the placeholder's one phrase; the real model replaces it
    assert "2 lines" in err


def test_a_missing_file_is_exit_1(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["triage", str(tmp_path / "nope")]) == 1
    assert "cannot open" in capsys.readouterr().err
