"""Which failures of a saved session are worth waiting for (the same session may work later)
and which are the server's answer (a password login replaces the session). The real PDS
cases are in tests/localnet/test_session.py."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest
from pydantic import SecretStr

from bot.errors import TransientError
from bot.sources.session import SessionFile, SessionOwner, is_transient
from tests.sources.test_xrpc_errors import sdk_error_for, sdk_error_from_transport, xrpc


@pytest.mark.parametrize(
    ("error", "transient"),
    [
        (sdk_error_for(400, xrpc("InvalidRequest", "Could not find user info")), False),
        (sdk_error_for(400, xrpc("ExpiredToken")), False),
        (sdk_error_for(401, xrpc("AuthenticationRequired")), False),
        (sdk_error_for(403), False),
        (sdk_error_for(404), False),
        (sdk_error_for(409), False),
        (sdk_error_for(429, xrpc("RateLimitExceeded")), True),
        (sdk_error_for(500), True),
        (sdk_error_for(502, xrpc("UpstreamFailure")), True),
        (sdk_error_for(503), True),
        (sdk_error_from_transport(httpx.ConnectError("refused")), True),
        (sdk_error_from_transport(httpx.ReadTimeout("slow")), True),
        (ConnectionRefusedError(), True),
        (ValueError("a token that is not a JWT"), False),
    ],
)
def test_what_is_worth_waiting_for(error: BaseException, transient: bool) -> None:
    assert is_transient(error) is transient


def _jwt(exp: int) -> str:
    import base64
    import json

    def part(value: dict[str, object]) -> str:
        return base64.urlsafe_b64encode(json.dumps(value).encode()).rstrip(b"=").decode()

    return f"{part({'alg': 'HS256'})}.{part({'sub': 'did:plc:bot', 'exp': exp})}.c2ln"


@pytest.mark.loopback
async def test_a_pds_that_is_down_spends_no_login(tmp_path: Path, unused_tcp_port: int) -> None:
    path = tmp_path / "session"
    far = 2**31 - 1
    SessionFile(path).write(
        f"bot.test:::did:plc:bot:::{_jwt(far)}:::{_jwt(far)}:::http://127.0.0.1:{unused_tcp_port}"
    )
    owner = SessionOwner(
        f"http://127.0.0.1:{unused_tcp_port}", "bot.test", SecretStr("pw"), SessionFile(path)
    )
    with pytest.raises(TransientError, match="resuming the saved session"):
        await owner.start()
    await owner.close()
    assert owner.password_logins == 0 and path.exists()
