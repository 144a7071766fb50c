"""A canary password appears nowhere: `nudgebot -vv run` with LOG_FORMAT=json logs in with a
distinctive password, labels its profile, welcomes a follower and stops; a second run with a
wrong (also distinctive) password fails to log in with a one-line reason. Neither password is
in the captured stdout/stderr, in any file of the state directories (SQLite database, session,
key), in `nudgebot status` or in /metrics and /healthz."""

from __future__ import annotations

import secrets
import subprocess
import sys
from pathlib import Path

import httpx
import orjson
import pytest
from atproto import models

from bot.sources.profile import PROFILE, SELF_LABELS
from bot.store import Store
from tests.localnet.botproc import ROOT, BotProcess, Live
from tests.localnet.harness import Account, create_account
from tests.localnet.util import eventually, follow

pytestmark = pytest.mark.localnet


def run_settings(state: Path, password: str) -> dict[str, str]:
    """What a run differs in: its password and state directory, JSON logs, any hour."""
    return {
        "BSKY_APP_PASSWORD": password,
        "STATE_DIRECTORY": str(state),
        "DATABASE_URL": f"sqlite:///{state / 'bot.db'}",
        "LOG_FORMAT": "json",
        "DAY_START_HOUR": "0",
        "DAY_END_HOUR": "24",
    }


def status(env: dict[str, str], cwd: Path, *extra: str) -> str:
    done = subprocess.run(
        [sys.executable, "-m", "bot", "status", *extra],
        cwd=cwd,
        env={**env, "PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return done.stdout + done.stderr


def json_or_fatal(output: str) -> list[str]:
    """Every line is a JSON log object, or main()'s one-line `nudgebot: …` reason: the
    lines that are neither."""
    odd = []
    for line in output.splitlines():
        if line.startswith("nudgebot: "):
            continue
        try:
            assert {"time", "level", "logger", "message"} <= set(orjson.loads(line))
        except (orjson.JSONDecodeError, AssertionError, TypeError):
            odd.append(line)
    return odd


async def welcomed(store: Store, did: str) -> bool:
    rows = await store.outbox_rows(did)
    return any(r["kind"] == "welcome" and r["status"] == "sent" for r in rows)


async def test_a_canary_password_appears_nowhere(live: Live) -> None:
    canary = f"canary-{secrets.token_hex(10)}"
    wrong = f"wrong-canary-{secrets.token_hex(10)}"
    # the account's own password (a full login: DMs included), not an app password
    bot: Account = create_account(live.net.pds_url, "bot", password=canary)
    alice = live.make_account("alice")
    tmp_path = live.tmp_path
    state = tmp_path / "state"
    state.mkdir()
    process = live.bot_process(bot, args=("-vv", "run"), **run_settings(state, canary))
    env = process.env
    a = await live.clients.login(alice)
    anyone = live.clients.new(live.net.pds_url)
    async with live.store(f"sqlite+aiosqlite:///{state / 'bot.db'}") as store:
        process.start()
        try:
            await follow(a, alice, bot)
            await eventually(lambda: welcomed(store, alice.did), within=60, what="the welcome")
            params = models.ComAtprotoRepoGetRecord.Params(
                repo=bot.did, collection=PROFILE, rkey="self"
            )
            profile = await anyone.invoke_query("com.atproto.repo.getRecord", params=params)
            assert profile.content["value"]["labels"] == {
                "$type": SELF_LABELS, "values": [{"val": "bot"}]
            }  # fmt: skip
            async with httpx.AsyncClient(base_url=f"http://{env['METRICS_ADDR']}") as web:
                scraped = (await web.get("/metrics")).text + (await web.get("/healthz")).text
            assert "nudgebot_" in scraped
            code, _ = process.terminate()
            assert code == 0
        except BaseException:
            print(process.output()[-6000:])
            raise
    first = process.output()
    assert '"logger":"httpx"' in first, "-vv should have brought back the HTTP request lines"
    reports = status(env, tmp_path) + status(env, tmp_path, "--json")
    assert '"outbox_sent":1' in reports

    # a second run with a wrong password and no saved session: the login itself fails
    elsewhere = tmp_path / "wrong"
    elsewhere.mkdir()
    # every setting run_settings gives is replaced: all else is the first run's
    failing = BotProcess({**env, **run_settings(elsewhere, wrong)}, elsewhere, args=("-vv", "run"))
    live.processes.append(failing)
    assert failing.start().wait(60) == 1
    second = failing.output()
    reason = second.rstrip("\n").rsplit("\n", 1)[-1]
    assert reason.startswith(f"nudgebot: logging in as {bot.handle}: "), second[-3000:]

    for output in (first, second):
        assert json_or_fatal(output) == []
    session = (state / "nudgebot.session").read_text()
    tokens = [part for part in session.split(":::") if part.startswith("eyJ")]
    assert tokens, "the session file should hold the session's tokens"
    texts = {"first run": first, "second run": second, "status": reports, "metrics": scraped}
    texts |= {str(path): path.read_bytes().decode("latin-1") for path in files(tmp_path)}
    for where, text in texts.items():
        assert canary not in text, f"the password is in {where}"
        assert wrong not in text, f"the wrong password is in {where}"
        if "nudgebot.session" not in where:
            assert not any(t in text for t in tokens), f"a session token is in {where}"


def files(root: Path) -> list[Path]:
    found = [p for p in root.rglob("*") if p.is_file()]
    names = {p.name for p in found}
    assert {"bot.db", "nudgebot.session", "nudgebot.key", "bot.log"} <= names, names
    return found
