"""Running `nudgebot run` as a real process in the localnet tests: its environment, start,
SIGKILL, SIGTERM, captured output, and small helpers to act as the people it serves."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from pathlib import Path

from atproto import AsyncClient, models

from bot.store import Store
from tests.localnet.harness import Account, ChatServiceInfo, JetstreamInfo, Network, free_port
from tests.localnet.util import Clients, JetstreamControl, now_iso

ROOT = Path(__file__).resolve().parents[2]


@dataclass
class BotProcess:
    """`python -m bot run` with its environment; output kept in a file for failures."""

    env: dict[str, str]
    workdir: Path
    runs: list[subprocess.Popen[bytes]] = field(default_factory=list)
    args: tuple[str, ...] = ("run",)  # after `python -m bot`, e.g. ("-vv", "run")

    @property
    def log(self) -> Path:
        return self.workdir / "bot.log"

    def start(self) -> subprocess.Popen[bytes]:
        with self.log.open("ab") as out:
            proc = subprocess.Popen(
                [sys.executable, "-m", "bot", *self.args],
                cwd=self.workdir,  # no .env of the developer's is read
                env=self.env,
                stdout=out,
                stderr=subprocess.STDOUT,
            )
        self.runs.append(proc)
        return proc

    def kill(self) -> None:
        proc = self.runs[-1]
        proc.send_signal(signal.SIGKILL)
        proc.wait(10)

    def terminate(self) -> tuple[int, float]:
        proc = self.runs[-1]
        started = time.monotonic()
        proc.send_signal(signal.SIGTERM)
        code = proc.wait(30)
        return code, time.monotonic() - started

    def output(self) -> str:
        return self.log.read_text(errors="replace") if self.log.exists() else ""

    def close(self) -> None:
        for proc in self.runs:
            if proc.poll() is None:
                proc.kill()
                proc.wait(10)


def bot_env(
    net: Network,
    bot: Account,
    workdir: Path,
    firehose: str,
    source_url: str,
    chat: ChatServiceInfo,
) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("BSKY_", "NUDGEBOT_"))}
    env.update(
        PYTHONPATH=str(ROOT),
        BSKY_SERVICE=net.pds_url,
        BSKY_HANDLE=bot.handle,
        BSKY_APP_PASSWORD=bot.app_password,
        STATE_DIRECTORY=str(workdir),
        DATABASE_URL=f"sqlite:///{workdir / 'bot.db'}",
        FIREHOSE=firehose,
        PLC_URL=net.plc_url,
        BSKY_CHAT_DID=chat.did,  # never Bluesky's: the PDS would go out to resolve it
        CHAT_POLL_SECONDS="1",
        # never the default port: suites run side by side on one machine
        METRICS_ADDR=f"127.0.0.1:{free_port()}",
    )
    env["JETSTREAM_URL" if firehose == "jetstream" else "RELAY_URL"] = source_url
    return env


async def follow(client: AsyncClient, who: Account, subject: Account) -> str:
    made = await client.app.bsky.graph.follow.create(
        who.did, models.AppBskyGraphFollow.Record(subject=subject.did, created_at=now_iso())
    )
    return str(made.uri).rsplit("/", 1)[1]


async def post(client: AsyncClient, who: Account, text: str) -> str:
    made = await client.app.bsky.feed.post.create(
        who.did, models.AppBskyFeedPost.Record(text=text, created_at=now_iso())
    )
    return str(made.uri)


async def like(client: AsyncClient, who: Account, uri: str, cid: str) -> None:
    await client.app.bsky.feed.like.create(
        who.did,
        models.AppBskyFeedLike.Record(
            subject=models.ComAtprotoRepoStrongRef.Main(uri=uri, cid=cid), created_at=now_iso()
        ),
    )


async def counted_once(store: Store, did: str, rows: int, posts: int) -> bool:
    """Exactly `rows` activity rows, and the aggregates counted each of them once."""
    person = await store.person(did)
    if person is None or await store.activity_count(did) != rows:
        return False
    assert sum(person.hour_counts) == rows, "an event was counted twice in the aggregates"
    assert len(person.recent_posts) == posts
    return True


async def prepare(store: Store, firehose: str, jetstream: JetstreamInfo | None) -> None:
    """A fresh bot on a shared network watches from now: start its follow stream there."""
    await store.migrate()
    if firehose == "jetstream":
        assert jetstream is not None
        next_seq: int = (await JetstreamControl(jetstream.url).stats())["nextSeq"]
        await store.set_cursor("jetstream:follows", next_seq - 1, 0)
    else:
        await store.set_cursor("relay", 0, 0)  # the dev PDS replays its (short) history


@dataclass(frozen=True)
class Live:
    """The light network with our Jetstream server and chat service, and the test's own
    accounts, clients, bot processes and directory: what a process test starts from."""

    net: Network
    jetstream: JetstreamInfo
    chat: ChatServiceInfo
    make_account: Callable[[str], Account]
    clients: Clients
    processes: list[BotProcess]
    tmp_path: Path

    def bot_process(
        self,
        bot: Account,
        *,
        firehose: str = "jetstream",
        source_url: str | None = None,
        args: tuple[str, ...] = ("run",),
        **env: str,
    ) -> BotProcess:
        """`nudgebot run` as `bot` in tmp_path, `env` over bot_env's; killed at the test's end."""
        if source_url is None:
            source_url = self.jetstream.ws_uri if firehose == "jetstream" else self.net.firehose_uri
        base = bot_env(self.net, bot, self.tmp_path, firehose, source_url, self.chat)
        process = BotProcess({**base, **env}, self.tmp_path, args=args)
        self.processes.append(process)
        return process

    @asynccontextmanager
    async def store(self, url: str = "", firehose: str = "jetstream") -> AsyncIterator[Store]:
        """The bot's store (its SQLite file in tmp_path unless `url`), watching from now."""
        async with Store.open(url or f"sqlite+aiosqlite:///{self.tmp_path / 'bot.db'}") as store:
            await prepare(store, firehose, self.jetstream)
            yield store
