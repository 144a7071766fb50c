"""The session owner against the real local PDS: login, resume without logging in, one
refresh for every clone, a revoked session replaced by a fresh login, another account's
session never resumed, a private session file."""

from __future__ import annotations

import asyncio
import base64
import hashlib
import hmac
import json
import stat
from pathlib import Path

import pytest
from atproto import Session
from pydantic import SecretStr

from bot.errors import AuthError
from bot.sources.session import SessionFile, SessionOwner
from tests.localnet.conftest import AccountFactory
from tests.localnet.harness import Account

pytestmark = pytest.mark.localnet


def owner_for(account: Account, path: Path, password: str | None = None) -> SessionOwner:
    secret = SecretStr(password if password is not None else account.app_password)
    return SessionOwner(account.pds_url, account.handle, secret, SessionFile(path))


async def test_login_then_resume_without_a_second_login(
    make_account: AccountFactory, tmp_path: Path
) -> None:
    account = make_account("bot")
    path = tmp_path / "state" / "session"
    async with owner_for(account, path) as first:
        assert first.did == account.did and first.password_logins == 1
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert account.app_password not in path.read_text()

    async with owner_for(account, path, password="wrong-on-purpose") as second:
        assert second.did == account.did
        assert second.password_logins == 0  # resumed: the (wrong) password was never needed
        profile = await second.client.com.atproto.repo.describe_repo({"repo": account.did})
        assert profile.handle == account.handle


async def test_clones_refresh_once_and_share_the_new_tokens(
    make_account: AccountFactory, tmp_path: Path
) -> None:
    account = make_account("bot")
    async with owner_for(account, tmp_path / "session") as owner:
        clones = [owner.plain() for _ in range(4)] + [owner.client]
        session = owner.client._session
        assert session is not None and session.access_jwt_payload is not None
        expires = session.access_jwt_payload.exp
        assert expires is not None
        await asyncio.sleep(1.5)  # the refreshed token's expiry is then later than the old one
        # every clone now believes the token is about to expire (15 min before exp: refresh)
        almost = owner.client.get_time_from_timestamp(expires - 15 * 60 + 1)
        for client in clones:
            client.get_current_time = lambda: almost  # type: ignore[method-assign]
        await asyncio.gather(*(c.com.atproto.server.get_session() for c in clones))
        assert owner.refreshes == 1
        saved = (tmp_path / "session").read_text()
        assert owner.client._session is not None
        assert saved == owner.client._session.export()


async def test_a_revoked_saved_session_falls_back_to_the_password(
    make_account: AccountFactory, tmp_path: Path
) -> None:
    account = make_account("bot")
    path = tmp_path / "session"
    async with owner_for(account, path) as owner:
        await owner.client.com.atproto.server.delete_session(
            headers={"Authorization": f"Bearer {owner.client._session.refresh_jwt}"}  # type: ignore[union-attr]
        )
    again = owner_for(account, path)
    # access tokens outlive a revocation until they expire; jump to that moment, so resuming
    # must refresh with the revoked token
    again.client.get_current_time = lambda: again.client.get_time_from_timestamp(  # type: ignore[method-assign]
        2**31
    )
    async with again:
        assert again.password_logins == 1 and again.did == account.did


async def test_a_wrong_password_is_an_auth_error_without_the_password(
    make_account: AccountFactory, tmp_path: Path
) -> None:
    account = make_account("bot")
    canary = "canary-password-123456"
    owner = owner_for(account, tmp_path / "session", password=canary)
    with pytest.raises(AuthError) as caught:
        await owner.start()
    await owner.close()
    assert canary not in str(caught.value) and account.handle in str(caught.value)
    assert not (tmp_path / "session").exists()


async def test_a_saved_session_of_another_account_is_never_resumed(
    make_account: AccountFactory, tmp_path: Path
) -> None:
    before, after = make_account("bot"), make_account("newbot")
    path = tmp_path / "session"
    async with owner_for(before, path) as first:
        assert first.did == before.did
    async with owner_for(after, path) as second:  # BSKY_HANDLE changed, the file stayed
        assert second.did == after.did and second.password_logins == 1
    assert after.did in path.read_text() and before.did not in path.read_text()


def test_a_world_readable_session_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "session"
    path.write_text("x")
    path.chmod(0o644)
    with pytest.raises(AuthError, match="chmod 600"):
        SessionFile(path).read()


def _signed_for(token: str, sub: str, secret: bytes = b"jwt-secret") -> str:
    """`token` with another subject, signed as the dev-env PDS signs (HS256, its fixed secret):
    what an earlier local network handed out to an account this one does not have."""
    header, payload, _ = token.split(".")
    claims = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    claims["sub"] = sub
    body = base64.urlsafe_b64encode(json.dumps(claims).encode()).rstrip(b"=").decode()
    signing_input = f"{header}.{body}".encode()
    signature = hmac.new(secret, signing_input, hashlib.sha256).digest()
    return f"{header}.{body}.{base64.urlsafe_b64encode(signature).rstrip(b'=').decode()}"


async def test_a_session_from_an_earlier_network_falls_back_to_the_password(
    make_account: AccountFactory, tmp_path: Path
) -> None:
    account = make_account("bot")
    path = tmp_path / "session"
    async with owner_for(account, path) as first:
        session = first.client._session
        assert session is not None
    gone = "did:plc:" + "a" * 24  # the account of the earlier network: unknown here
    old = Session(
        account.handle,
        gone,
        _signed_for(session.access_jwt, gone),
        _signed_for(session.refresh_jwt, gone),
        session.pds_endpoint,
    )
    SessionFile(path).write(old.encode())
    # the PDS takes the token and answers getSession with 400 InvalidRequest (no such account)
    async with owner_for(account, path) as again:
        assert again.did == account.did and again.password_logins == 1
    assert account.did in path.read_text() and gone not in path.read_text()


async def test_a_refused_session_and_a_refused_password_stop_with_the_login_error(
    make_account: AccountFactory, tmp_path: Path
) -> None:
    account = make_account("bot")
    path = tmp_path / "session"
    async with owner_for(account, path) as first:
        session = first.client._session
        assert session is not None
    gone = "did:plc:" + "b" * 24
    old = Session(
        account.handle,
        gone,
        _signed_for(session.access_jwt, gone),
        _signed_for(session.refresh_jwt, gone),
        session.pds_endpoint,
    )
    SessionFile(path).write(old.encode())
    owner = owner_for(account, path, password="wrong-on-purpose")
    with pytest.raises(AuthError, match=f"logging in as {account.handle}"):
        await owner.start()
    await owner.close()
