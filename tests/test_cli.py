"""`nudgebot` in-process: replay, migrate, status, and the time parser."""

from __future__ import annotations

import argparse
import socket
from pathlib import Path
from typing import Any

import orjson
import pytest

from bot.cli import main, parse_time
from bot.store.engine import head_revision
from tests.streams import BOT, US_PER_DAY, US_PER_HOUR, Stream, at

ALICE, BOB, CAROL = "did:plc:alice", "did:plc:bob", "did:plc:carol"
START = at("2026-08-01T12:00")


@pytest.fixture(autouse=True)
def isolated(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """No `.env` from the repository and no settings from the machine."""
    monkeypatch.chdir(tmp_path)
    for name in ("BOT_DID", "DATABASE_URL", "STATE_DIRECTORY", "FIREHOSE", "DAY_START_HOUR"):
        monkeypatch.delenv(name, raising=False)


def stream_file(tmp_path: Path) -> Path:
    s = Stream()
    s.follow(ALICE, START)
    s.post(ALICE, START + 10 * 60 * 1_000_000, "hello world")
    s.follow(BOB, START + 3 * US_PER_HOUR)
    s.follow(CAROL, START + 4 * US_PER_HOUR, subject="did:plc:someoneelse")
    s.like(CAROL, START + 2 * US_PER_DAY)
    path = tmp_path / "stream.jsonl"
    s.write(str(path))
    return path


def run(argv: list[str]) -> int:
    """main() as the console script sees it: a return code, or SystemExit's code."""
    try:
        return main(argv)
    except SystemExit as exc:
        return exc.code if isinstance(exc.code, int) else 1


def dms(stdout: str) -> list[dict[str, Any]]:
    return [orjson.loads(line) for line in stdout.splitlines() if line.strip()]


# --- replay ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("extra", "expected"),
    [
        ([], [ALICE, BOB]),
        (["--until", "2026-08-01T12:30:00Z"], [ALICE]),
        (["--until", "2026-08-01T14:30:00+02:00"], [ALICE]),  # the same moment
        (["--until", "2026-08-01T11:00:00Z"], []),
    ],
    ids=["whole-stream", "until-z", "until-offset", "until-before-start"],
)
def test_replay_prints_one_json_line_per_dm(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], extra: list[str], expected: list[str]
) -> None:
    path = stream_file(tmp_path)
    assert run(["replay", str(path), "--bot-did", BOT, *extra]) == 0
    out, err = capsys.readouterr()
    lines = dms(out)
    assert [line["did"] for line in lines] == expected
    for line in lines:
        assert set(line) == {"at", "did", "kind", "text"}
        assert line["kind"] == "welcome"
        assert line["at"].endswith("Z") and line["text"]
    # welcomes answer the follow within the hour it was seen (simulated time)
    assert all("2026-08-01T12:00:00Z" <= line["at"] <= "2026-08-01T16:00:00Z" for line in lines)
    assert lines == [] or lines[0]["at"] < "2026-08-01T13:00:00Z"
    # the summary goes to stderr, never mixed into the JSON lines
    assert err.strip().splitlines()[-1].startswith("replay: ")
    assert f"{len(expected)} opt-ins" in err
    assert f"{len(expected)} DMs" in err
    assert "replay:" not in out


def test_replay_guesses_the_bot_did_from_the_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = stream_file(tmp_path)
    assert run(["replay", str(path)]) == 0
    out, err = capsys.readouterr()
    assert f"using the most-followed DID {BOT}" in err
    assert [line["did"] for line in dms(out)] == [ALICE, BOB]


def test_replay_takes_bot_did_from_the_environment(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    path = stream_file(tmp_path)
    monkeypatch.setenv("BOT_DID", "did:plc:someoneelse")  # only Carol follows this one
    assert run(["replay", str(path)]) == 0
    out, err = capsys.readouterr()
    assert "most-followed" not in err
    assert [line["did"] for line in dms(out)] == [CAROL]


def test_replay_from_stdin_without_a_bot_did_is_a_clear_error(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert run(["replay", "-"]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert "--bot-did" in err and err.startswith("nudgebot: ")


@pytest.mark.parametrize("bot_did", [[], ["--bot-did", BOT]], ids=["guessing", "given"])
def test_replay_of_a_missing_file_fails_cleanly(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], bot_did: list[str]
) -> None:
    missing = tmp_path / "no-such-stream.jsonl"
    code = run(["replay", str(missing), *bot_did])  # an exception escaping here is the bug
    out, err = capsys.readouterr()
    assert code != 0
    assert out == ""
    assert "no-such-stream.jsonl" in err
    assert "Traceback" not in err


def test_replay_rejects_a_bad_until(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = stream_file(tmp_path)
    assert run(["replay", str(path), "--bot-did", BOT, "--until", "yesterday"]) == 2
    _, err = capsys.readouterr()
    assert "not an ISO-8601 time" in err


# --- migrate and status ---------------------------------------------------------------------


def status_json(url: str, capsys: pytest.CaptureFixture[str]) -> dict[str, Any]:
    assert run(["status", "--db", url, "--json"]) == 0
    out, _ = capsys.readouterr()
    [line] = out.splitlines()
    report: dict[str, Any] = orjson.loads(line)
    return report


def test_migrate_then_status_prints_counts(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url = f"sqlite+aiosqlite:///{tmp_path}/bot.db"
    assert run(["migrate", "--db", url]) == 0
    out, _ = capsys.readouterr()
    assert out.strip() == f"database at revision {head_revision()}"
    assert status_json(url, capsys) == {
        "opted_in": 0,
        "paused": 0,
        "inactive_accounts": 0,
        "unreachable": 0,
        "outbox_pending": 0,
        "outbox_sent": 0,
        "last_dm_sent": None,
        "cursors": {},
        "paused_all": False,
        "paused_since": None,
        "inbox_open": 0,
        "inbox_urgent": 0,
        "forget_requests_pending": 0,
        "cursor_age": {},
    }
    # a replay kept in the same database shows up in the counts
    assert run(["replay", str(stream_file(tmp_path)), "--bot-did", BOT, "--db", url]) == 0
    capsys.readouterr()
    report = status_json(url, capsys)
    assert (report["opted_in"], report["outbox_sent"], report["outbox_pending"]) == (2, 2, 0)
    assert report["last_dm_sent"] == "2026-08-01T15:00:00Z"


def test_status_as_text(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    url = f"sqlite+aiosqlite:///{tmp_path}/bot.db"
    assert run(["migrate", "--db", url]) == 0
    capsys.readouterr()
    assert run(["status", "--db", url]) == 0
    out, _ = capsys.readouterr()
    rows = dict(line.strip().split(": ", 1) for line in out.splitlines())
    assert rows["opted_in"] == "0" and rows["outbox_sent"] == "0"
    assert rows["last_dm_sent"] == "None"


def test_status_on_an_unmigrated_database_says_to_migrate(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url = f"sqlite+aiosqlite:///{tmp_path}/fresh.db"
    assert run(["status", "--db", url, "--json"]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert "nudgebot migrate" in err


def test_migrate_uses_database_url_from_the_environment(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path}/env.db")
    assert run(["migrate"]) == 0
    capsys.readouterr()
    assert (tmp_path / "env.db").is_file()
    assert status_json(f"sqlite+aiosqlite:///{tmp_path}/env.db", capsys)["opted_in"] == 0


def test_invalid_settings_exit_2_with_the_setting_named(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FIREHOSE", "kafka")
    assert run(["status", "--json"]) == 2
    _, err = capsys.readouterr()
    assert "FIREHOSE" in err


# --- parse_time -----------------------------------------------------------------------------

SECOND = 1_000_000


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-08-01T12:00:00Z", START),
        ("2026-08-01T12:00Z", START),
        ("2026-08-01T12:00:00z", START),
        ("2026-08-01T12:00:00", START),  # no zone means UTC
        ("2026-08-01T12:00:00+00:00", START),
        ("2026-08-01T14:00:00+02:00", START),
        ("2026-08-01T07:00:00-05:00", START),
        ("2026-08-01 12:00:00Z", START),
        ("2026-08-01", START - 12 * US_PER_HOUR),
        ("2026-08-01T12:00:01.5Z", START + SECOND + SECOND // 2),
        ("2026-08-01T12:00:00.000001Z", START + 1),
        ("2026-08-01T12:00:00.999999Z", START + SECOND - 1),
        ("1970-01-01T00:00:00Z", 0),
    ],
)
def test_parse_time(text: str, expected: int) -> None:
    assert parse_time(text) == expected


@pytest.mark.parametrize("text", ["yesterday", "", "2026-13-01", "12:00", "2026-08-01T25:00Z"])
def test_parse_time_rejects_what_is_not_iso(text: str) -> None:
    with pytest.raises(argparse.ArgumentTypeError, match="not an ISO-8601 time"):
        parse_time(text)


def test_run_without_credentials_says_what_to_set(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("BSKY_HANDLE", raising=False)
    monkeypatch.delenv("BSKY_APP_PASSWORD", raising=False)
    monkeypatch.setenv("STATE_DIRECTORY", str(tmp_path))
    assert main(["run"]) == 2
    _, err = capsys.readouterr()
    assert err.count("\n") == 1 and "BSKY_HANDLE and BSKY_APP_PASSWORD" in err


@pytest.mark.parametrize(
    ("name", "value"), [("FIREHOSE", "carrier-pigeon"), ("METRICS_ADDR", "port 9464")]
)
def test_run_with_a_bad_setting_exits_with_one_line(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, name: str, value: str
) -> None:
    monkeypatch.setenv(name, value)
    assert main(["run"]) == 2
    _, err = capsys.readouterr()
    assert err.count("\n") == 1 and name in err


def test_run_with_the_metrics_port_taken_stops_at_once_with_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        monkeypatch.setenv("BSKY_HANDLE", "bot.test")
        monkeypatch.setenv("BSKY_APP_PASSWORD", "canary-password")
        monkeypatch.setenv("STATE_DIRECTORY", str(tmp_path))
        monkeypatch.setenv("METRICS_ADDR", f"127.0.0.1:{port}")
        assert main(["run"]) == 1
    _, err = capsys.readouterr()
    assert err.count("\n") == 1 and f"127.0.0.1:{port} (METRICS_ADDR)" in err
    assert "canary-password" not in err
    assert not (tmp_path / "nudgebot.db").exists()  # nothing else was started


async def _with_inbox(url: str) -> None:
    from bot.aggregates import Aggregates
    from bot.store import IngestBatch, OptIn, Store

    def no_next(_: Aggregates) -> int | None:
        return None

    async with Store.open(url) as store:
        await store.migrate()
        await store.apply(IngestBatch(opt_ins={ALICE: OptIn(ALICE, "f1", START)}), START, no_next)
        await store.note_reply(ALICE, "convo-1", START + 5, human=True)


def test_inbox_lists_and_clears(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import asyncio

    url = f"sqlite+aiosqlite:///{tmp_path / 'i.db'}"
    asyncio.run(_with_inbox(url))
    assert main(["inbox", "--db", url]) == 0
    out, _ = capsys.readouterr()
    assert "convo-1" in out and ALICE in out and "1 message(s)" in out
    assert main(["inbox", "--db", url, "--json"]) == 0
    line = orjson.loads(capsys.readouterr()[0])
    assert (line["convo"], line["did"], line["messages"]) == ("convo-1", ALICE, 1)
    assert main(["inbox", "done", "convo-1", "--db", url]) == 0
    assert main(["inbox", "done", "convo-1", "--db", url]) == 1
    capsys.readouterr()
    assert main(["inbox", "--db", url]) == 0
    assert "inbox empty" in capsys.readouterr()[0]


def test_copy_db_moves_a_replayed_database_and_refuses_to_copy_twice(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    old, new = f"sqlite:///{tmp_path}/old.db", f"sqlite:///{tmp_path}/new.db"
    assert run(["replay", str(stream_file(tmp_path)), "--bot-did", BOT, "--db", old]) == 0
    capsys.readouterr()
    assert run(["copy-db", new, "--db", old]) == 0
    out, _ = capsys.readouterr()
    assert "copied" in out and "people: 2 rows" in out
    assert status_json(new, capsys) == status_json(old, capsys)

    assert run(["copy-db", new, "--db", old]) == 2  # the target is no longer empty
    _, err = capsys.readouterr()
    assert "already holds data" in err and len(err.strip().splitlines()) == 1


# --- logging: format, level, secrets --------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "value"),
    [("DM_PER_MINUTE", "abc"), ("LOG_LEVEL", "LOUD"), ("LOG_FORMAT", "xml")],
)
def test_a_bad_setting_exits_2_with_one_line_naming_it(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, name: str, value: str
) -> None:
    monkeypatch.setenv(name, value)
    assert main(["run"]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err.count("\n") == 1 and err.startswith("nudgebot: invalid settings: ") and name in err


def test_log_format_json_makes_every_stderr_line_one_json_object(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LOG_FORMAT", "json")
    monkeypatch.setenv("LOG_LEVEL", "info")  # migrate alone logs warnings only
    assert run(["migrate", "--db", f"sqlite:///{tmp_path}/j.db"]) == 0
    out, err = capsys.readouterr()
    lines = [orjson.loads(line) for line in err.splitlines()]
    assert lines, "alembic logs its context at INFO"
    for line in lines:
        assert {"time", "level", "logger", "message"} <= set(line)
        assert line["level"] in ("INFO", "WARNING")
    assert out.startswith("database at revision")


def test_without_log_level_a_command_logs_warnings_only(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(["migrate", "--db", f"sqlite:///{tmp_path}/q.db"]) == 0
    assert capsys.readouterr().err == ""


APP_SECRET = "canary-app-secret-7731"
FILE_SECRET = "canary-credential-file-9902"


def _fail_with(exc: Exception) -> Any:
    def command(args: argparse.Namespace, settings: Any) -> int:
        raise exc

    return command


@pytest.mark.parametrize("source", ["environment", "credentials-file"])
def test_the_one_line_fatal_message_never_carries_the_password(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    source: str,
) -> None:
    from bot import cli
    from bot.errors import AuthError

    if source == "environment":
        monkeypatch.setenv("BSKY_APP_PASSWORD", APP_SECRET)
        secret = APP_SECRET
    else:
        monkeypatch.delenv("BSKY_APP_PASSWORD", raising=False)
        (tmp_path / "bsky_app_password").write_text(FILE_SECRET + "\n")
        monkeypatch.setenv("CREDENTIALS_DIRECTORY", str(tmp_path))
        secret = FILE_SECRET
    # a login error that echoes the request, as a careless library might
    echoed = AuthError(f"createSession refused {{'identifier': 'bot', 'password': '{secret}'}}")
    monkeypatch.setattr(cli, "_cmd_status", _fail_with(echoed))
    assert main(["status"]) == 1
    _, err = capsys.readouterr()
    assert err.count("\n") == 1 and err.startswith("nudgebot: createSession refused")
    assert secret not in err and "[redacted]" in err


def test_an_unexpected_error_is_logged_redacted_and_exits_1(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from bot import cli

    monkeypatch.setenv("BSKY_APP_PASSWORD", APP_SECRET)
    monkeypatch.setenv("DATABASE_URL", "postgresql://bot:db-canary-5150@db.example/nudge")
    monkeypatch.setenv("LOG_FORMAT", "json")
    problem = RuntimeError(f"POST failed: password={APP_SECRET} db-canary-5150")
    monkeypatch.setattr(cli, "_cmd_status", _fail_with(problem))
    assert main(["status"]) == 1
    _, err = capsys.readouterr()
    [line] = [orjson.loads(text) for text in err.splitlines()]
    assert line["level"] == "CRITICAL" and line["message"].startswith("nudgebot failed: Runtime")
    assert line["exception"].splitlines()[-1] == (
        "RuntimeError: POST failed: password=[redacted] [redacted]"
    )
    assert APP_SECRET not in err and "db-canary-5150" not in err


def test_the_real_process_with_a_bad_setting_prints_one_line_and_exits_2(tmp_path: Path) -> None:
    import os
    import subprocess
    import sys

    root = Path(__file__).resolve().parents[1]
    env = {k: v for k, v in os.environ.items() if not k.startswith(("BSKY_", "NUDGEBOT_"))}
    env.update(PYTHONPATH=str(root), DM_PER_MINUTE="abc", BSKY_APP_PASSWORD=APP_SECRET)
    done = subprocess.run(
        [sys.executable, "-m", "bot", "-vv", "run"],
        cwd=tmp_path, env=env, capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert done.returncode == 2 and done.stdout == ""
    assert done.stderr.count("\n") == 1, done.stderr
    assert done.stderr.startswith("nudgebot: invalid settings: DM_PER_MINUTE: ")
    assert APP_SECRET not in done.stderr


def test_a_password_in_a_url_on_the_command_line_is_redacted_too(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from bot import cli
    from bot.errors import TransientError

    url = "postgresql://bot:url-canary%2F42@db.example/nudge"
    failure = TransientError(f"cannot reach {url} (password url-canary/42)")
    monkeypatch.setattr(cli, "_cmd_status", _fail_with(failure))
    assert main(["status", "--db", url]) == 1
    _, err = capsys.readouterr()
    assert err == "nudgebot: cannot reach postgresql://bot:[redacted]@db.example/nudge" + (
        " (password [redacted])\n"
    )
