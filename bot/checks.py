"""`nudgebot check-config`: settings, database, state, the firehose's handshake, login and chat
access, one line each.
Sends nothing and changes nothing a running service relies on.

The login is a fresh password login that is never saved: resuming the service's saved session
could refresh it, and a refresh revokes the token the running service holds.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from bot.config import Settings
from bot.errors import ConfigError, NudgebotError
from bot.keyfile import read_key
from bot.logs import Redactor, secrets_of
from bot.statedir import KEY_FILE, state_dir


@dataclass(frozen=True, slots=True)
class Check:
    name: str
    ok: bool
    detail: str

    def line(self) -> str:
        if self.ok:
            return f"{self.name}: ok" + (f" ({self.detail})" if self.detail else "")
        return f"{self.name}: FAILED: {self.detail}"


async def _guard(name: str, check: Callable[[], Awaitable[str]]) -> Check:
    try:
        return Check(name, True, await check())
    except (NudgebotError, OSError) as exc:
        return Check(name, False, str(exc) or type(exc).__name__)
    except Exception as exc:  # a driver's own error (e.g. a refused connection): say which
        return Check(name, False, f"{type(exc).__name__}: {exc}")


async def check_database(settings: Settings) -> str:
    from bot.store import Store
    from bot.store.engine import current_revision, head_revision

    url = settings.resolved_database_url()
    _sqlite_directory_exists(url)
    async with Store.open(url) as store:
        current = await current_revision(store.engine)
    head = head_revision()
    if current == head:
        return f"{store.backend}, schema at {head} (current)"
    if current is None:
        return f"{store.backend}, empty: `nudgebot run` (or migrate) creates schema {head}"
    from bot.store.engine import MIGRATIONS_DIR

    known = {p.name.split("_", 1)[0] for p in (MIGRATIONS_DIR / "versions").glob("*.py")}
    if current not in known:
        raise ConfigError(f"schema at {current}, which this code does not know (newer code?)")
    return (
        f"{store.backend}, schema at {current}: `nudgebot run` (or migrate) upgrades it to {head}"
    )


def _sqlite_directory_exists(url: str) -> None:
    # say it plainly (SQLite would only say "unable to open database file")
    from pathlib import Path

    from sqlalchemy.engine import make_url

    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite" and parsed.database not in (None, "", ":memory:"):
        folder = Path(parsed.database).parent
        if not folder.is_dir():
            raise ConfigError(f"the SQLite file's directory {folder} does not exist")


def check_state(settings: Settings) -> str:
    key = state_dir(settings.state_directory) / KEY_FILE
    if not key.exists():
        return f"{key} does not exist yet (created on first run)"
    read_key(key)  # refuses a key others can read
    return f"{key} is private"


async def check_account(settings: Settings) -> tuple[Check, Check]:
    """Login, then chat access with that login (not checked without one)."""
    password = settings.app_password()
    if not settings.bsky_handle or password is None:
        missing = "BSKY_HANDLE and BSKY_APP_PASSWORD are needed (see .env.example)"
        return Check("login", False, missing), Check("chat", False, "not checked: no login")
    from bot.chat import ChatClient
    from bot.sources.session import SessionOwner

    owner = SessionOwner(settings.bsky_service, settings.bsky_handle, password, None)
    try:
        login = await _guard("login", owner.start)
        if not login.ok:
            return login, Check("chat", False, "not checked: no login")
        login = Check("login", True, f"{settings.bsky_handle} is {owner.did}")
        assert owner.did is not None
        chat = ChatClient(owner.proxied("bsky_chat", settings.bsky_chat_did), owner.did)

        async def access() -> str:
            await chat.check_access()
            return f"{settings.bsky_chat_did} answers; DMs allowed for this login"

        return login, await _guard("chat", access)
    finally:
        await owner.close()


async def check_firehose(settings: Settings) -> str:
    """One handshake with the source's URL: a wrong wire or an unreachable host, said here."""
    from bot.sources.handshake import probe
    from bot.wiring import firehose_of

    return await probe(firehose_of(settings))


async def run_checks(settings: Settings) -> list[Check]:
    """Every check, its text redacted as the logs are: a server's error may echo the request
    (an Authorization header), a driver's may quote the database URL."""
    checks = [Check("settings", True, "")]
    checks.append(await _guard("database", lambda: check_database(settings)))

    async def state() -> str:
        return check_state(settings)

    checks.append(await _guard("state", state))
    checks.append(await _guard("firehose", lambda: check_firehose(settings)))
    checks.extend(await check_account(settings))
    redactor = Redactor(secrets_of(settings))
    return [Check(c.name, c.ok, redactor.redact(c.detail)) for c in checks]
