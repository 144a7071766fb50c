"""A local AT Protocol network to try `make run` against, with nothing public involved.

    make sandbox        # PLC + PDS, our chat service and Jetstream server, a bot account and
                        # two people; writes .env.sandbox; runs until Ctrl-C
    cp .env.sandbox .env && make run      # in another terminal

The people's handles and passwords are printed, so you can act as them with the SDK (follow the
bot, post, answer its DMs) while the bot runs. Everything is gone when the sandbox stops.
"""

from __future__ import annotations

import contextlib
import signal
import sys
import threading
from pathlib import Path

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
            "DATABASE_URL=sqlite:///sandbox.db",
            "CHAT_POLL_SECONDS=2",
            "",
        ]
    )


def main() -> int:
    session = Session()
    try:
        print("starting the local network (PLC + PDS), chat service and Jetstream…", flush=True)
        net = start_network(session)
        chat = start_chat_service(session, net)
        jetstream = start_jetstream(session, net)
        bot = create_account(net.pds_url, "bot")
        people = [create_account(net.pds_url, name) for name in ("alice", "bob")]
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
