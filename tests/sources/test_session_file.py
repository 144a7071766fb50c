"""The saved session holds tokens: however the directory looks beforehand, what is written is
private to the service user (issue 16: a world-readable `.tmp` left there made the session
file world-readable)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from bot.sources.session import SessionFile


@pytest.mark.parametrize("leftover", ["session.tmp", None])
def test_the_session_is_written_private_whatever_was_left_beside_it(
    tmp_path: Path, leftover: str | None
) -> None:
    if leftover is not None:
        (tmp_path / leftover).write_text("old")
        os.chmod(tmp_path / leftover, 0o666)
    path = tmp_path / "session"
    SessionFile(path).write("tokens")
    assert path.stat().st_mode & 0o777 == 0o600
    assert SessionFile(path).read() == "tokens"
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        n for n in ("session", leftover) if n is not None
    )


def test_a_symlink_in_the_way_is_not_followed(tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.write_text("someone else's file")
    (tmp_path / "session.tmp").symlink_to(elsewhere)
    SessionFile(tmp_path / "session").write("tokens")
    assert elsewhere.read_text() == "someone else's file"
    assert (tmp_path / "session").read_text() == "tokens"
