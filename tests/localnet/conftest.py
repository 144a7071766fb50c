"""Session fixtures for the local AT Protocol network (see tests/localnet/README.md).

Each service starts on first use and is stopped by process id at session end, also when
tests fail. Where the network cannot run here the tests are skipped with the reason — but
under CI=true they fail instead, so a CI machine without the network cannot pass silently.
"""

from __future__ import annotations

import os
import secrets
import string
from collections.abc import AsyncIterator, Callable, Iterator
from pathlib import Path

import pytest

from tests.localnet import harness
from tests.localnet.botproc import BotProcess, Live
from tests.localnet.harness import Account, LocalnetUnavailable, Network, Session
from tests.localnet.util import Clients

_SKIPPED: set[str] = set()
_STARTS: dict[str, float] = {}


def _unavailable(reason: str) -> None:
    _SKIPPED.add(reason)
    if os.environ.get("CI") == "true":
        pytest.fail(f"localnet unavailable under CI: {reason}", pytrace=False)
    pytest.skip(f"localnet unavailable: {reason}")


@pytest.fixture(scope="session")
def localnet_session() -> Iterator[Session]:
    problem = harness.install_problem()
    if problem:
        _unavailable(problem)
    session = Session()
    try:
        yield session
    finally:
        session.close()


@pytest.fixture(scope="session")
def localnet(localnet_session: Session) -> Network:
    """PLC + PDS, no AppView (TestNetworkNoAppView): the light network most tests use."""
    try:
        net = harness.start_network(localnet_session)
        _STARTS["network (PLC + PDS)"] = net.start_seconds
        return net
    except LocalnetUnavailable as e:
        _unavailable(str(e))
        raise


@pytest.fixture(scope="session")
def appview_net(localnet_session: Session) -> Network:
    """PLC + PDS + AppView (TestNetwork) on PostgreSQL and a throw-away Redis."""
    problem = harness.redis_problem()
    if problem:
        _unavailable(problem)
    pg_url = harness.ensure_postgres()
    if not pg_url:
        _unavailable("PostgreSQL is unavailable (scripts/ensure-postgres.sh printed no URL)")
    assert pg_url is not None
    try:
        redis_host = harness.start_redis(localnet_session)
        net = harness.start_network(
            localnet_session,
            appview=True,
            pg_url=pg_url,
            # bsync accepts only [A-Za-z_] in schema names
            pg_schema="nb_" + "".join(secrets.choice(string.ascii_lowercase) for _ in range(10)),
            redis_host=redis_host,
        )
        _STARTS["network with AppView"] = net.start_seconds
        return net
    except LocalnetUnavailable as e:
        _unavailable(str(e))
        raise


@pytest.fixture(scope="session")
def chat_service(localnet_session: Session, localnet: Network) -> harness.ChatServiceInfo:
    """Our chat.bsky.convo service, reached through the light network's PDS proxy."""
    try:
        chat = harness.start_chat_service(localnet_session, localnet)
        _STARTS["chat service"] = chat.start_seconds
        return chat
    except LocalnetUnavailable as e:
        _unavailable(str(e))
        raise


@pytest.fixture(scope="session")
def appview_chat_service(
    localnet_session: Session, appview_net: Network
) -> harness.ChatServiceInfo:
    """Our chat service for the AppView network (it verifies callers against that PLC)."""
    try:
        chat = harness.start_chat_service(localnet_session, appview_net)
        _STARTS["chat service (AppView network)"] = chat.start_seconds
        return chat
    except LocalnetUnavailable as e:
        _unavailable(str(e))
        raise


@pytest.fixture(scope="session")
def jetstream(localnet_session: Session, localnet: Network) -> harness.JetstreamInfo:
    """Our Jetstream v2 server, fed by the light network's PDS firehose."""
    try:
        js = harness.start_jetstream(localnet_session, localnet)
        _STARTS["Jetstream server"] = js.start_seconds
        return js
    except LocalnetUnavailable as e:
        _unavailable(str(e))
        raise


AccountFactory = Callable[[str], Account]


@pytest.fixture
def make_account(localnet: Network) -> AccountFactory:
    """Creates a fresh account (with a privileged app password) on the light network's PDS."""

    def make(prefix: str = "user") -> Account:
        return harness.create_account(localnet.pds_url, prefix)

    return make


@pytest.fixture
async def clients() -> AsyncIterator[Clients]:
    """SDK clients for the test, closed at its end."""
    made = Clients()
    try:
        yield made
    finally:
        await made.close()


@pytest.fixture
def make_appview_account(appview_net: Network) -> AccountFactory:
    """Creates a fresh account on the AppView network's PDS."""

    def make(prefix: str = "user") -> Account:
        return harness.create_account(appview_net.pds_url, prefix)

    return make


@pytest.fixture
def processes() -> Iterator[list[BotProcess]]:
    """`nudgebot run` processes of the test, killed at its end if still running."""
    made: list[BotProcess] = []
    yield made
    for process in made:
        process.close()


@pytest.fixture
def live(
    localnet: Network,
    jetstream: harness.JetstreamInfo,
    chat_service: harness.ChatServiceInfo,
    make_account: AccountFactory,
    clients: Clients,
    processes: list[BotProcess],
    tmp_path: Path,
) -> Live:
    """The light network, Jetstream and chat service with the test's accounts, clients,
    bot processes and directory, for tests that run `nudgebot run` as a process."""
    return Live(localnet, jetstream, chat_service, make_account, clients, processes, tmp_path)


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """Say plainly why localnet tests were skipped, and how long the services took to start."""
    for reason in sorted(_SKIPPED):
        terminalreporter.write_line(f"NOTE: localnet tests skipped: {reason}")
    if _STARTS:
        starts = ", ".join(f"{name} {seconds:.1f} s" for name, seconds in _STARTS.items())
        terminalreporter.write_line(f"localnet start times: {starts}")
