"""The one owner of the bot account's authenticated session (edge: it uses the SDK).

Refresh tokens rotate: every refresh revokes the one used, so two clients refreshing at once
can lose the session. Every client of the bot's account (the plain one, the chat-proxied one,
…) is therefore a clone of one SDK client — clones share its session — and they also share
its refresh lock, so exactly one refresh happens and the others see its result.

The session string is persisted (mode 0600) on every change and resumed on restart, so a
restart does not log in again: `createSession` is limited to 30 per 5 minutes and 300 a day,
and a crash-looping service must never burn through that.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import tempfile
import time
from collections import deque
from pathlib import Path
from types import TracebackType
from typing import Any

from atproto import AsyncClient, Session, SessionEvent
from atproto_client.exceptions import (
    BadRequestError,
    InvokeTimeoutError,
    NetworkError,
    RequestException,
    UnauthorizedError,
)
from pydantic import SecretStr

from bot.errors import AuthError, NudgebotError, TransientError
from bot.sdk.xrpc_errors import map_sdk_error
from bot.sources.bounded import SESSION_MAX_BYTES, BoundedRequest

log = logging.getLogger(__name__)

_AUTH_ERROR_NAMES = frozenset({"ExpiredToken", "InvalidToken", "AuthenticationRequired"})
LOGINS_PER_HOUR = 10  # far below createSession's own limits (30 / 5 min, 300 / day)
MIN_LOGIN_INTERVAL_S = 30.0


def _error_name(exc: BaseException) -> str | None:
    content = getattr(getattr(exc, "response", None), "content", None)
    name = getattr(content, "error", None)
    if name is None and isinstance(content, dict):
        name = content.get("error")
    return name if isinstance(name, str) else None


def is_session_error(exc: BaseException) -> bool:
    """The session itself is no good (expired or revoked tokens): log in again."""
    return isinstance(exc, UnauthorizedError) or (
        isinstance(exc, BadRequestError) and _error_name(exc) in _AUTH_ERROR_NAMES
    )


def is_transient(exc: BaseException) -> bool:
    """Down, slow, overloaded or rate-limited (timeouts, transport errors, 5xx, 429): worth
    the same request later. Everything else the server said (any other 4xx) is an answer."""
    return isinstance(exc, OSError) or isinstance(map_sdk_error(exc), TransientError)


def session_error(exc: BaseException, doing: str) -> NudgebotError:
    """SDK failures while logging in, as the project's errors (never with the password)."""
    if isinstance(exc, NudgebotError):  # already ours, e.g. an oversized answer
        return exc
    if is_session_error(exc) or isinstance(exc, BadRequestError):
        return AuthError(f"{doing}: {_error_name(exc) or type(exc).__name__}")
    if isinstance(exc, InvokeTimeoutError | NetworkError | RequestException | OSError):
        return TransientError(f"{doing}: {_error_name(exc) or type(exc).__name__}")
    return NudgebotError(f"{doing}: {type(exc).__name__}")


class SessionFile:
    """Where the session string lives: private to the service user, replaced atomically."""

    def __init__(self, path: Path | None) -> None:
        self.path = path

    def read(self) -> str | None:
        if self.path is None or not self.path.is_file():
            return None
        if self.path.stat().st_mode & 0o077:
            raise AuthError(f"{self.path} is readable by others: chmod 600 it (it holds tokens)")
        text = self.path.read_text().strip()
        return text or None

    def write(self, text: str) -> None:
        if self.path is None:
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        # a fresh file (O_EXCL, 0600): reusing a fixed `.tmp` name kept the mode of whatever
        # file (or symlink) already had that name, e.g. a world-readable one
        fd, scratch = tempfile.mkstemp(prefix=f".{self.path.name}.", dir=self.path.parent)
        try:
            with os.fdopen(fd, "w") as handle:
                handle.write(text)
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(scratch, self.path)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(scratch)
            raise

    def clear(self) -> None:
        if self.path is not None:
            with contextlib.suppress(FileNotFoundError):
                self.path.unlink()


class SessionOwner:
    def __init__(
        self,
        service: str,
        handle: str,
        password: SecretStr,
        session_file: SessionFile | None = None,
        *,
        timeout_s: float = 20.0,
    ) -> None:
        base = service.rstrip("/")
        self.base_url = base if base.endswith("/xrpc") else f"{base}/xrpc"
        self.handle = handle
        self._password = password
        self.file = session_file or SessionFile(None)
        self.timeout_s = timeout_s
        # every answer to the session and its clones (chat, AppView) is bounded before parsing
        request = BoundedRequest(SESSION_MAX_BYTES, timeout=timeout_s)
        self.client = AsyncClient(base_url=self.base_url, request=request)
        self.client.on_session_change(self._on_session_change)
        self._clones: list[AsyncClient] = []
        self._login_lock = asyncio.Lock()
        self._logins: deque[float] = deque(maxlen=LOGINS_PER_HOUR)
        self.did: str | None = None
        self.refreshes = 0
        self.password_logins = 0

    async def __aenter__(self) -> SessionOwner:
        await self.start()
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.close()

    async def start(self) -> str:
        """Resume the saved session if it still works, else log in. Returns the bot's DID."""
        saved = self.file.read()
        if saved is not None and not self._is_ours(saved):
            # BSKY_HANDLE changed (another account, another network): never resume theirs
            log.info("the saved session belongs to another account; logging in as %s", self.handle)
            saved = None
        if saved is not None:
            try:
                await self.client.login(session_string=saved, fetch_bsky_profile=False)
                self.did = (await self.client.com.atproto.server.get_session()).did
                log.info("resumed the saved session of %s", self.did)
                return self._did()
            except Exception as exc:
                if is_transient(exc):  # the PDS may take it tomorrow: no login spent on it
                    raise session_error(exc, "resuming the saved session") from None
                # expired, revoked, or from another network (a 400 InvalidRequest: no such
                # account here): only a refused password login stops the service
                why = _error_name(exc) or type(exc).__name__
                log.warning("the saved session was refused (%s); logging in again", why)
        await self.relogin()
        return self._did()

    def _is_ours(self, saved: str) -> bool:
        try:
            session = Session.decode(saved)
        except ValueError:
            return False  # unreadable: a fresh login replaces it
        wanted = self.handle.removeprefix("@").lower()
        return wanted in (session.handle.lower(), session.did.lower())

    async def relogin(self) -> None:
        """Log in with the app password — rarely: at most once per 30 s, ten times an hour."""
        async with self._login_lock:
            now = time.monotonic()
            if self._logins and now - self._logins[-1] < MIN_LOGIN_INTERVAL_S:
                raise AuthError("logged in moments ago and the session failed again")
            if len(self._logins) == LOGINS_PER_HOUR and now - self._logins[0] < 3600:
                raise AuthError(f"{LOGINS_PER_HOUR} logins within an hour: refusing more")
            self._logins.append(now)
            try:
                await self.client.login(
                    self.handle, self._password.get_secret_value(), fetch_bsky_profile=False
                )
            except Exception as exc:
                raise session_error(exc, f"logging in as {self.handle}") from None
            self.password_logins += 1
            await self._check()
            log.info("logged in as %s (%s)", self.handle, self.did)

    def proxied(self, service_type: str, did: str) -> AsyncClient:
        """A client whose calls the PDS proxies to `did#service_type` (e.g. the chat service),
        sharing the session *and* the refresh lock."""
        clone = self.client.with_proxy(service_type, did)
        return self._adopt(clone)

    def plain(self) -> AsyncClient:
        """Another client on the same session (e.g. for a task with its own headers)."""
        return self._adopt(self.client.clone())

    async def close(self) -> None:
        for client in (*self._clones, self.client):
            with contextlib.suppress(Exception):
                await client.request.close()
        self._clones.clear()

    def _adopt(self, clone: AsyncClient) -> AsyncClient:
        # SDK 0.0.73 gives each clone its own lock; one lock makes refreshes happen once
        clone._refresh_lock = self.client._refresh_lock
        self._clones.append(clone)
        return clone

    async def _check(self) -> None:
        """One authenticated call: proves the tokens work (refreshing them if due)."""
        try:
            response = await self.client.com.atproto.server.get_session()
        except Exception as exc:
            if is_session_error(exc):
                raise
            raise session_error(exc, "checking the session") from None
        self.did = response.did

    def _did(self) -> str:
        if self.did is None:  # pragma: no cover - _check always sets it
            raise AuthError("no DID in the session")
        return self.did

    async def _on_session_change(self, event: SessionEvent, session: Session) -> None:
        if event == SessionEvent.REFRESH:
            self.refreshes += 1
        if event in (SessionEvent.CREATE, SessionEvent.REFRESH):
            try:
                self.file.write(session.export())
            except OSError as exc:  # the session still works; only a restart would log in
                log.error("cannot save the session to %s: %s", self.file.path, exc)


def describe(owner: SessionOwner) -> dict[str, Any]:
    """What `status` may show about the session: never tokens or the password."""
    return {
        "handle": owner.handle,
        "did": owner.did,
        "refreshes": owner.refreshes,
        "password_logins": owner.password_logins,
    }
