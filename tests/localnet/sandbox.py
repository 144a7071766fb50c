"""A local AT Protocol network to try `make run` against, with nothing public involved.

    make sandbox        # PLC + PDS, our chat service and Jetstream server, a bot account and
                        # two people; writes .env.sandbox; runs until Ctrl-C
    cp .env.sandbox .env && make run      # in another terminal
    .venv/bin/python -m tests.localnet.sandbox act alice follow     # act as one of the people:
        … act alice post "a new day"    … act alice dm "pause 2w"    … act alice read
        … act bob unfollow

The people's handles and passwords are also printed (and kept in .sandbox-people.json, mode
0600). Everything is gone when the sandbox stops. The bot run against it keeps its key, session
and SQLite file in ./state/sandbox/ (STATE_DIRECTORY in .env.sandbox), emptied at every start.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import shutil
import signal
import sys
import threading
from pathlib import Path
from typing import Any

from atproto import AsyncClient, models

from tests.localnet.harness import (
    REPO_ROOT,
    Account,
    ChatServiceInfo,
    JetstreamInfo,
    Network,
    Session,
    create_account,
    start_chat_service,
    start_jetstream,
    start_network,
)
from tests.localnet.util import now_iso


def env_text(net: Network, bot: Account, chat: ChatServiceInfo, jetstream: JetstreamInfo) -> str:
    return "\n".join(
        [
            "# written by `make sandbox`: the bot on a throw-away local network",
            f"BSKY_SERVICE={net.pds_url}",
            f"BSKY_HANDLE={bot.handle}",
            f"BSKY_APP_PASSWORD={bot.app_password}",
            "FIREHOSE=jetstream",
            f"JETSTREAM_URL={jetstream.ws_uri}",
            f"PLC_URL={net.plc_url}",
            f"BSKY_CHAT_DID={chat.did}",
            f"STATE_DIRECTORY={SANDBOX_STATE}",  # its own key, session and SQLite file
            "CHAT_POLL_SECONDS=2",
            "",
        ]
    )


PEOPLE_FILE = ".sandbox-people.json"
# under the git-ignored ./state/, apart from the real bot's: emptied at every start (the
# network it belonged to is gone)
SANDBOX_STATE = "state/sandbox"


def fresh_state(root: Path) -> Path:
    state = root / SANDBOX_STATE
    shutil.rmtree(state, ignore_errors=True)
    state.parent.mkdir(mode=0o700, exist_ok=True)
    state.parent.chmod(0o700)  # ./state holds the real bot's tokens too
    state.mkdir(mode=0o700)
    return state


def people_json(
    net: Network, bot: Account, chat: ChatServiceInfo, people: list[Account]
) -> dict[str, Any]:
    return {
        "pds": net.pds_url,
        "bot": bot.did,
        "chat_did": chat.did,
        # handles are the name and 8 hex digits (harness.new_handle)
        "people": {p.handle.split(".")[0][:-8]: vars(p) for p in people},
    }


async def act(name: str, verb: str, text: str) -> str:
    """One person's action on the sandbox network, as the Bluesky app would do it."""
    known = json.loads((Path(REPO_ROOT) / PEOPLE_FILE).read_text())
    who = known["people"][name]
    client = AsyncClient(base_url=f"{known['pds']}/xrpc")
    try:
        # no AppView in the sandbox: the SDK must not fetch the profile at login
        await client.login(who["handle"], who["password"], fetch_bsky_profile=False)
        return await _do(client, who["did"], known, verb, text)
    finally:
        await client.request.close()


async def _do(client: AsyncClient, did: str, known: dict[str, Any], verb: str, text: str) -> str:
    graph, bot = client.app.bsky.graph, known["bot"]
    if verb == "follow":
        record = models.AppBskyGraphFollow.Record(subject=bot, created_at=now_iso())
        return (await graph.follow.create(did, record)).uri
    if verb == "unfollow":
        follows = await client.com.atproto.repo.list_records(
            {"repo": did, "collection": "app.bsky.graph.follow"}
        )
        mine = [r.uri for r in follows.records if r.value["subject"] == bot]
        for uri in mine:
            await graph.follow.delete(did, uri.rsplit("/", 1)[1])
        return f"deleted {len(mine)} follow(s)"
    if verb == "post":
        record = models.AppBskyFeedPost.Record(text=text or "hello", created_at=now_iso())
        return (await client.app.bsky.feed.post.create(did, record)).uri
    chat = client.with_proxy("bsky_chat", known["chat_did"]).chat.bsky.convo
    convo = (await chat.get_convo_for_members({"members": [bot]})).convo.id
    if verb == "dm":
        await chat.send_message({"convo_id": convo, "message": {"text": text}})
        return "sent"
    if verb == "read":
        got = await chat.get_messages({"convo_id": convo})
        lines = []
        for message in reversed(got.messages):
            sender = "bot" if message.sender.did == bot else "you"
            lines.append(f"{sender}: {getattr(message, 'text', '')}")
        return "\n".join(lines)
    raise SystemExit(f"unknown action {verb!r}: follow, unfollow, post TEXT, dm TEXT, read")


def main() -> int:
    if sys.argv[1:2] == ["act"]:
        if len(sys.argv) < 4:
            raise SystemExit("usage: act NAME follow|unfollow|post TEXT|dm TEXT|read")
        print(asyncio.run(act(sys.argv[2], sys.argv[3], " ".join(sys.argv[4:]))))
        return 0
    session = Session()
    try:
        print("starting the local network (PLC + PDS), chat service and Jetstream…", flush=True)
        net = start_network(session)
        chat = start_chat_service(session, net)
        jetstream = start_jetstream(session, net)
        bot = create_account(net.pds_url, "bot")
        people = [create_account(net.pds_url, name) for name in ("alice", "bob")]
        people_file = Path(REPO_ROOT) / PEOPLE_FILE
        people_file.touch(mode=0o600)
        people_file.write_text(json.dumps(people_json(net, bot, chat, people), indent=1))
        fresh_state(Path(REPO_ROOT))
        env_file = Path(REPO_ROOT) / ".env.sandbox"
        env_file.write_text(env_text(net, bot, chat, jetstream))
        env_file.chmod(0o600)
        print(f"PDS {net.pds_url}   PLC {net.plc_url}   Jetstream {jetstream.ws_uri}")
        print(f"bot    @{bot.handle} ({bot.did})")
        for person in people:
            print(f"person @{person.handle} password {person.password}")
        print(f"wrote {env_file.name}: `cp .env.sandbox .env && make run` in another terminal")
        print("Ctrl-C stops the sandbox (and deletes it).", flush=True)
        stopped = threading.Event()
        signal.signal(signal.SIGTERM, lambda *_: stopped.set())
        with contextlib.suppress(KeyboardInterrupt):
            stopped.wait()
        return 0
    finally:
        session.close()


if __name__ == "__main__":
    sys.exit(main())
