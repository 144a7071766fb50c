"""Local state (key, session tokens, default SQLite) in one private, ignored folder: ./state
when STATE_DIRECTORY is unset; the old layout's files move in, losing nothing."""

from __future__ import annotations

import stat
import subprocess
from pathlib import Path

import pytest

from bot.config import load_settings
from bot.statedir import prepare_local_state, state_dir
from tests.test_cli import run

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True)
def fresh_checkout(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.chdir(tmp_path)
    for name in ("STATE_DIRECTORY", "DATABASE_URL", "BSKY_HANDLE", "BSKY_APP_PASSWORD"):
        monkeypatch.delenv(name, raising=False)


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_migrate_on_a_fresh_clone_keeps_everything_in_a_private_state_folder(
    tmp_path: Path,
) -> None:
    assert run(["migrate"]) == 0  # what `make run` does first
    assert sorted(p.name for p in tmp_path.iterdir()) == ["state"]
    assert mode(tmp_path / "state") == 0o700
    assert (tmp_path / "state" / "nudgebot.db").is_file()
    settings = load_settings(env_file=None)
    assert state_dir(settings.state_directory) == Path("state")


def test_the_old_layouts_files_move_in_unchanged(tmp_path: Path) -> None:
    old = {"nudgebot.key": "k", "nudgebot.session": "s", "nudgebot.db": "d", "nudgebot.db-wal": "w"}
    for name, text in old.items():
        (tmp_path / name).write_text(text)
    (tmp_path / "state").mkdir(mode=0o755)  # made by hand: tightened
    prepare_local_state(None, default_database=True)
    assert mode(tmp_path / "state") == 0o700
    for name, text in old.items():
        assert not (tmp_path / name).exists()
        assert (tmp_path / "state" / name).read_text() == text


def test_nothing_is_overwritten_and_a_named_database_stays(tmp_path: Path) -> None:
    (tmp_path / "state").mkdir()
    (tmp_path / "state" / "nudgebot.key").write_text("new")
    (tmp_path / "nudgebot.key").write_text("old")
    (tmp_path / "nudgebot.db").write_text("named by DATABASE_URL")
    prepare_local_state(None, default_database=False)
    assert (tmp_path / "state" / "nudgebot.key").read_text() == "new"
    assert (tmp_path / "nudgebot.key").read_text() == "old"
    assert (tmp_path / "nudgebot.db").read_text() == "named by DATABASE_URL"


def test_a_state_directory_is_systemds_to_make(tmp_path: Path) -> None:
    (tmp_path / "nudgebot.key").write_text("k")
    prepare_local_state(str(tmp_path / "var"), default_database=True)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["nudgebot.key"]


def test_offline_commands_make_no_state(tmp_path: Path) -> None:
    (tmp_path / "posts.jsonl").write_text("")
    assert run(["classify", "posts.jsonl"]) == 0
    assert not (tmp_path / "state").exists()


@pytest.mark.parametrize(
    "path",
    [
        "state/nudgebot.key",
        "state/nudgebot.session",
        "state/nudgebot.db",
        "nudgebot.key",
        "nudgebot.session",
        "nudgebot.session.tmp",
        "nudgebot.db",
        "state/sandbox/nudgebot.session",
        "sandbox.db",
    ],
)
def test_git_ignores_local_state(path: str) -> None:
    ignored = subprocess.run(
        ["git", "check-ignore", "--no-index", "-q", path], cwd=REPO, check=False
    )
    assert ignored.returncode == 0, f"{path} is not ignored"


def test_the_sandbox_keeps_its_own_state_and_starts_empty(tmp_path: Path) -> None:
    from tests.localnet.sandbox import SANDBOX_STATE, fresh_state

    stale = tmp_path / SANDBOX_STATE / "nudgebot.session"
    stale.parent.mkdir(parents=True)
    stale.write_text("a session of the last sandbox's network")
    state = fresh_state(tmp_path)
    assert state == tmp_path / "state" / "sandbox" and list(state.iterdir()) == []
    assert mode(state) == 0o700 and mode(state.parent) == 0o700
