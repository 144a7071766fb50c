"""`nudgebot pause-all / resume-all / forget / export / check-config` and what `status` adds,
in-process over a temporary SQLite database, with a fake handle resolver (no network)."""

from __future__ import annotations

import asyncio
import base64
import contextlib
import http.server
import threading
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import orjson
import pytest

from bot import operator_cli
from bot.aggregates import Aggregates
from bot.config import Settings
from bot.errors import HistoryUnavailable
from bot.keyfile import load_or_create_key, verify_key
from bot.operator_cli import human_age
from bot.store import ActivityRow, IngestBatch, OptIn, OutboxDraft, Store
from bot.store.digest import DidHasher
from tests.test_cli import run

ALICE, BOB, CAROL = "did:plc:alice", "did:plc:bob", "did:plc:carol"
T0 = 1_785_585_600_000_000
HANDLES = {"alice.test": ALICE, "bob.test": BOB}


def no_next(_: Aggregates) -> int | None:
    return None


@pytest.fixture(autouse=True)
def isolated(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.chdir(tmp_path)
    for name in ("BOT_DID", "DATABASE_URL", "BSKY_HANDLE", "BSKY_APP_PASSWORD"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("STATE_DIRECTORY", str(tmp_path))
    monkeypatch.setenv("JETSTREAM_URL", "ws://127.0.0.1:9/xrpc")  # check-config: no DNS

    async def fake_resolver(handle: str, settings: Settings) -> str:
        did = HANDLES.get(handle.removeprefix("@"))
        if did is None:
            raise HistoryUnavailable(handle, "no DID for this handle")
        return did

    monkeypatch.setattr(operator_cli, "resolve_handle", fake_resolver)


@pytest.fixture
def url(tmp_path: Path) -> str:
    """Alice (opted in, a reply to Bob, a welcome, an inbox entry) and Bob, keyed as the
    service would key them."""
    key = load_or_create_key(tmp_path / "nudgebot.key")
    db = f"sqlite+aiosqlite:///{tmp_path}/bot.db"

    async def fill() -> None:
        async with Store.open(db, digest=DidHasher(key)) as store:
            await store.migrate()
            batch = IngestBatch()
            for did, rkey in ((ALICE, "fa"), (BOB, "fb")):
                batch.opt_ins[did] = OptIn(did, rkey, T0)
                batch.welcomes[did] = OutboxDraft(did, "welcome", str(T0), 0, "hi!", T0)
            await store.apply(batch, T0, no_next)
            await store.note_reply(ALICE, "convo-a", T0 + 5, human=True)
            await store.set_cursor("jetstream:follows", T0, T0)

    asyncio.run(fill())
    return db


def out_of(capsys: pytest.CaptureFixture[str]) -> str:
    return capsys.readouterr()[0]


def export(url: str, capsys: pytest.CaptureFixture[str], who: str) -> dict[str, Any]:
    assert run(["export", who, "--db", url]) == 0
    doc: dict[str, Any] = orjson.loads(out_of(capsys))
    return doc


def status(url: str, capsys: pytest.CaptureFixture[str]) -> dict[str, Any]:
    assert run(["status", "--db", url, "--json"]) == 0
    report: dict[str, Any] = orjson.loads(out_of(capsys))
    return report


def test_pause_all_and_resume_all_show_in_status(
    url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert status(url, capsys)["paused_all"] is False
    assert run(["pause-all", "--db", url]) == 0
    assert out_of(capsys).startswith("paused:")
    report = status(url, capsys)
    assert report["paused_all"] is True and report["paused_since"].endswith("Z")
    assert run(["pause-all", "--db", url]) == 0
    assert out_of(capsys).startswith(f"already paused since {report['paused_since']}")
    assert run(["resume-all", "--db", url]) == 0
    assert out_of(capsys).startswith("resumed")
    assert run(["resume-all", "--db", url]) == 0
    assert out_of(capsys).strip() == "not paused"
    assert status(url, capsys)["paused_all"] is False


def test_status_adds_inbox_size_and_cursor_age(
    url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    report = status(url, capsys)
    assert report["inbox_open"] == 1 and report["outbox_pending"] == 2
    age = report["cursor_age"]["jetstream:follows"]
    assert age["of"] == "last commit" and age["seconds"] >= 0
    assert age["human"] == human_age(age["seconds"])
    assert run(["status", "--db", url]) == 0
    rows = dict(line.strip().split(": ", 1) for line in out_of(capsys).splitlines())
    assert rows["inbox_open"] == "1" and rows["paused_all"] == "False"
    assert rows["cursor_age"] == f"jetstream:follows {age['human']}"


@pytest.mark.parametrize(
    ("seconds", "text"),
    [(0, "0 s"), (59.9, "59 s"), (60, "1 min"), (3599, "59 min"), (3600, "1 h"),
     (3660, "1 h 1 min"), (86400 * 2 + 7200, "2 d 2 h"), (-3, "0 s")],
)  # fmt: skip
def test_human_age(seconds: float, text: str) -> None:
    assert human_age(seconds) == text


def test_forget_by_handle_deletes_and_is_idempotent(
    url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(["forget", "@alice.test", "--db", url]) == 0
    said = out_of(capsys)
    assert said.startswith(f"forgot {ALICE} (@alice.test): deleted 1 people, 1 outbox, 1 inbox")
    assert run(["export", ALICE, "--db", url]) == 0
    doc = orjson.loads(out_of(capsys))
    assert doc["person"] is None and doc["outbox"] == [] and doc["inbox"] == []
    assert doc["tombstone"]["reason"] == "forget" and doc["forget_requested_us"] is not None
    assert status(url, capsys)["forget_requests_pending"] == 1
    assert run(["forget", ALICE, "--db", url]) == 0
    assert out_of(capsys).startswith(f"{ALICE}: already forgotten (only the tombstone's")
    report = status(url, capsys)
    assert (report["opted_in"], report["inbox_open"]) == (1, 0)  # Bob is still there


def test_forget_of_someone_unknown_says_so_and_exits_0(
    url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(["forget", "did:plc:nobody", "--db", url]) == 0
    said = out_of(capsys).strip()
    assert said == "did:plc:nobody: the bot holds nothing about them; nothing to forget"


def test_forget_of_someone_only_others_name_says_what_no_longer_names_them(
    url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    async def alice_replies_to_carol() -> None:
        key = DidHasher(load_or_create_key(Path("nudgebot.key")))
        async with Store.open(url, digest=key) as store:
            batch = IngestBatch()
            batch.activities.append(
                ActivityRow(ALICE, "post", "r1", "reply", T0, False, 0.0, CAROL)
            )
            await store.apply(batch, T0 + 1, no_next)

    asyncio.run(alice_replies_to_carol())
    before = export(url, capsys, CAROL)
    assert before["held"] is True and before["person"] is None
    assert before["named_by_others"]["activity"][0]["by"] == "someone else"
    assert ALICE not in orjson.dumps(before).decode()
    assert run(["forget", CAROL, "--db", url]) == 0
    said = out_of(capsys).strip()
    assert said.startswith(f"forgot {CAROL}: never opted in, but others' rows named them: 1 ")
    assert "no tombstone" in said
    after = export(url, capsys, CAROL)
    assert not any(after["named_by_others"].values()) and after["tombstone"] is None


def test_an_unresolvable_handle_exits_1(url: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["forget", "ghost.test", "--db", url]) == 1
    assert "ghost.test" in capsys.readouterr()[1]
    assert status(url, capsys)["opted_in"] == 2


def test_forget_without_the_service_key_refuses(
    url: str, capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("STATE_DIRECTORY", str(tmp_path / "elsewhere"))
    assert run(["forget", ALICE, "--db", url]) == 2
    assert "STATE_DIRECTORY" in capsys.readouterr()[1]
    assert status(url, capsys)["opted_in"] == 2


def test_forget_with_a_key_made_anew_refuses_and_names_what_to_restore(
    url: str, capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    async def first_start() -> None:  # the service records its key's check value
        key = DidHasher(load_or_create_key(tmp_path / "nudgebot.key"))
        async with Store.open(url, digest=key) as store:
            await verify_key(store, tmp_path / "nudgebot.key", T0)

    asyncio.run(first_start())
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    load_or_create_key(elsewhere / "nudgebot.key")  # another key, as after a lost key file
    monkeypatch.setenv("STATE_DIRECTORY", str(elsewhere))
    assert run(["forget", ALICE, "--db", url]) == 2
    said = capsys.readouterr()[1].strip()
    assert "\n" not in said and "restore the nudgebot.key" in said
    assert status(url, capsys)["opted_in"] == 2


def test_export_is_one_json_document_of_their_data_only(
    url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(["export", "alice.test", "--db", url]) == 0
    doc = orjson.loads(out_of(capsys))
    assert (doc["did"], doc["handle_given"], doc["held"]) == (ALICE, "alice.test", True)
    assert doc["person"]["follow_rkey"] == "fa"
    assert [r["text"] for r in doc["outbox"]] == ["hi!"]
    assert [r["convo_id"] for r in doc["inbox"]] == ["convo-a"]
    assert doc["tombstone"] is None and doc["last_welcome_us"] == T0
    assert BOB not in orjson.dumps(doc).decode()


def test_export_of_someone_unknown_says_so(url: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["export", "did:plc:nobody", "--db", url]) == 0
    out, err = capsys.readouterr()
    assert orjson.loads(out)["held"] is False
    assert err.strip() == "the bot holds nothing about did:plc:nobody"


# --- check-config ---------------------------------------------------------------------------


def lines(capsys: pytest.CaptureFixture[str]) -> dict[str, str]:
    return dict(line.split(": ", 1) for line in out_of(capsys).splitlines())


def test_check_config_without_a_password_fails_login_and_chat(
    url: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DATABASE_URL", url)
    monkeypatch.setenv("BSKY_HANDLE", "bot.test")
    assert run(["check-config"]) == 1
    got = lines(capsys)
    assert got["settings"] == "ok" and got["database"].startswith("ok (sqlite, schema at")
    assert got["state"].startswith("ok (") and "is private" in got["state"]
    assert got["login"].startswith("FAILED: BSKY_HANDLE and BSKY_APP_PASSWORD are needed")
    assert got["chat"] == "FAILED: not checked: no login"


@pytest.mark.parametrize(
    ("database_url", "reason"),
    [
        ("mysql://root@localhost/db", "must be sqlite or postgresql"),
        ("not a url", "not a database URL"),
        ("sqlite+aiosqlite:////nonexistent/dir/bot.db", "/nonexistent/dir does not exist"),
    ],
)
def test_check_config_names_a_bad_database(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    database_url: str,
    reason: str,
) -> None:
    monkeypatch.setenv("DATABASE_URL", database_url)
    assert run(["check-config"]) == 1
    got = lines(capsys)
    assert got["database"].startswith("FAILED: ") and reason in got["database"]
    assert got["settings"] == "ok"


def test_check_config_reports_an_old_schema_as_upgradable(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from bot.store.engine import upgrade

    db = f"sqlite+aiosqlite:///{tmp_path}/old.db"

    async def old() -> None:
        async with Store.open(db) as store:
            await upgrade(store.engine, "0003")

    asyncio.run(old())
    monkeypatch.setenv("DATABASE_URL", db)
    run(["check-config"])
    assert lines(capsys)["database"].startswith("ok (sqlite, schema at 0003: `nudgebot run`")


def test_check_config_with_bad_settings_is_one_line_exit_2(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FIREHOSE", "kafka")
    assert run(["check-config"]) == 2
    _, err = capsys.readouterr()
    assert err.count("\n") == 1 and "FIREHOSE" in err


BOT = "did:plc:botbotbotbotbotbotbotbot"


def _b64(data: dict[str, object]) -> str:
    return base64.urlsafe_b64encode(orjson.dumps(data)).decode().rstrip("=")


_CLAIMS = {"sub": BOT, "iat": 1_700_000_000, "exp": 4_000_000_000, "scope": "com.atproto.access"}
ECHOED_TOKEN = f"{_b64({'alg': 'HS256', 'typ': 'JWT'})}.{_b64(_CLAIMS)}.c2lnbmF0dXJl"


SESSION = {"did": BOT, "handle": "bot.test", "accessJwt": ECHOED_TOKEN, "refreshJwt": ECHOED_TOKEN}


@contextlib.contextmanager
def echoing_service() -> Iterator[str]:
    """A PDS on loopback that logs anyone in, and whose every other answer is an error
    quoting the request's Authorization header."""

    class Echo(http.server.BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            self.rfile.read(int(self.headers.get("content-length", "0")))
            self.answer(200, SESSION)

        def do_GET(self) -> None:
            if "getSession" in self.path:
                self.answer(200, SESSION)
                return
            echo = f"you sent Authorization: {self.headers.get('authorization')}"
            self.answer(400, {"error": "InvalidRequest", "message": echo})

        def answer(self, status: int, body: Mapping[str, str]) -> None:
            data = orjson.dumps(body)
            self.send_response(status)
            self.send_header("content-type", "application/json")
            self.send_header("content-length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Echo)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


@pytest.mark.loopback
def test_check_config_redacts_what_a_server_echoes_back(
    url: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A service that echoes the request in its error (the session's bearer token) must not
    get it printed: every check line goes through the log redactor."""
    with echoing_service() as base:
        monkeypatch.setenv("DATABASE_URL", url)
        monkeypatch.setenv("BSKY_SERVICE", base)
        monkeypatch.setenv("BSKY_HANDLE", "bot.test")
        monkeypatch.setenv("BSKY_APP_PASSWORD", "hunter2-is-my-password")
        assert run(["check-config"]) == 1
    got = lines(capsys)
    assert got["login"].startswith("ok") and got["chat"].startswith("FAILED: ")
    assert "Authorization: [redacted]" in got["chat"] and ECHOED_TOKEN[:20] not in got["chat"]
