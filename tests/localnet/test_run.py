"""`nudgebot run` as a real process against the local network: follow → opt-in, activity
recorded, SIGKILL while people keep posting and following, restart from the saved cursors with
nothing missed and nothing counted twice, SIGTERM → exit 0 with the cursors saved. With both
firehose sources."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from atproto import AsyncClient, models

from bot.store import Store
from bot.store.models import metadata
from tests.localnet.conftest import AccountFactory
from tests.localnet.harness import Account, JetstreamInfo, Network
from tests.localnet.util import Clients, JetstreamControl, eventually, now_iso

pytestmark = pytest.mark.localnet

ROOT = Path(__file__).resolve().parents[2]


@dataclass
class BotProcess:
    """`python -m bot run` with its environment; output kept in a file for failures."""

    env: dict[str, str]
    workdir: Path
    runs: list[subprocess.Popen[bytes]] = field(default_factory=list)

    @property
    def log(self) -> Path:
        return self.workdir / "bot.log"

    def start(self) -> subprocess.Popen[bytes]:
        with self.log.open("ab") as out:
            proc = subprocess.Popen(
                [sys.executable, "-m", "bot", "run"],
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


@pytest.fixture
def processes() -> Iterator[list[BotProcess]]:
    made: list[BotProcess] = []
    yield made
    for process in made:
        process.close()


def bot_env(
    net: Network, bot: Account, workdir: Path, firehose: str, source_url: str
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


@pytest.mark.parametrize("firehose", ["jetstream", "relay"])
async def test_sigkill_and_restart_loses_and_doubles_nothing(
    firehose: str,
    localnet: Network,
    jetstream: JetstreamInfo,
    make_account: AccountFactory,
    clients: Clients,
    processes: list[BotProcess],
    tmp_path: Path,
) -> None:
    bot, alice, bob = make_account("bot"), make_account("alice"), make_account("bob")
    source_url = jetstream.ws_uri if firehose == "jetstream" else localnet.firehose_uri
    process = BotProcess(bot_env(localnet, bot, tmp_path, firehose, source_url), tmp_path)
    processes.append(process)
    a, b = await clients.login(alice), await clients.login(bob)
    async with Store.open(f"sqlite+aiosqlite:///{tmp_path / 'bot.db'}") as store:
        await prepare(store, firehose, jetstream)
        process.start()
        try:
            await follow(a, alice, bot)
            first = await post(a, alice, "hello from before the crash")
            await eventually(
                lambda: counted_once(store, alice.did, 2, 1), within=60, what="alice's follow+post"
            )
            process.kill()

            # the bot is down: the network goes on
            made = await a.com.atproto.repo.get_record(
                {
                    "repo": alice.did,
                    "collection": "app.bsky.feed.post",
                    "rkey": first.rsplit("/", 1)[1],
                }
            )
            await post(a, alice, "while the bot was down 1")
            await post(a, alice, "while the bot was down 2")
            await like(a, alice, made.uri, str(made.cid))
            await post(b, bob, "before following: only the history read can see this")
            await follow(b, bob, bot)
            await post(b, bob, "bob says hi")

            process.start()
            await eventually(
                lambda: counted_once(store, alice.did, 5, 3), within=60, what="alice's missed 3"
            )
            await eventually(
                lambda: counted_once(store, bob.did, 3, 2),
                within=60,
                what="bob's history+follow+post",
            )
            for person in (alice, bob):
                state = await store.history_state(person.did)
                assert state is not None and state[0] is not None, "history not read"
            welcomes = [r["did"] for r in await store.outbox_rows() if r["kind"] == "welcome"]
            assert sorted(welcomes) == sorted([alice.did, bob.did])

            code, seconds = process.terminate()
            assert code == 0 and seconds < 10, process.output()[-3000:]
            counts = await store.status(0)
            assert counts.cursors, "no cursor was saved"
        except BaseException:
            print(process.output()[-6000:])
            raise
    output = process.output()
    assert bot.app_password not in output
    assert "Traceback" not in output, output[-6000:]
    assert {t.name for t in metadata.sorted_tables} >= {"people", "activity", "cursors"}


async def test_startup_reconciliation_repairs_a_follow_the_stream_never_showed(
    appview_net: Network,
    make_appview_account: AccountFactory,
    clients: Clients,
    processes: list[BotProcess],
    tmp_path: Path,
) -> None:
    """The follow happens before the bot ever ran and it starts live (no cursor): only
    reconciliation through the AppView can see it."""
    bot, carol = make_appview_account("bot"), make_appview_account("carol")
    c = await clients.login(carol)
    rkey = await follow(c, carol, bot)
    viewer = await clients.login(bot)

    async def indexed() -> bool:
        page = await viewer.app.bsky.graph.get_followers({"actor": bot.did})
        return any(f.did == carol.did for f in page.followers)

    await eventually(indexed, within=60, what="the AppView to index carol's follow")
    env = bot_env(appview_net, bot, tmp_path, "relay", appview_net.firehose_uri)
    process = BotProcess(env, tmp_path)
    processes.append(process)
    async with Store.open(f"sqlite+aiosqlite:///{tmp_path / 'bot.db'}") as store:
        await store.migrate()  # and no relay cursor: the bot starts at the live tip
        process.start()
        try:
            await eventually(
                lambda: store.load_opted_in(), within=60, what="reconciliation's opt-in"
            )
            assert await store.load_opted_in() == {carol.did: rkey}
            welcomes = [r for r in await store.outbox_rows(carol.did) if r["kind"] == "welcome"]
            assert len(welcomes) == 1
            code, _ = process.terminate()
            assert code == 0
        except BaseException:
            print(process.output()[-6000:])
            raise
