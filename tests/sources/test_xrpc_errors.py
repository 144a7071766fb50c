"""SDK errors -> the bot's errors (bot/sdk/xrpc_errors.py), on real SDK exception objects.

Each SDK exception is made by the SDK's own response/transport handling
(`atproto_client.request._handle_response` / `_handle_request_errors`) from a real
`httpx.Response` or httpx exception, so the table also pins which SDK class each status gets.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import httpx
import pytest
from atproto_client import exceptions as sdk
from atproto_client.exceptions import ModelError
from atproto_client.request import Response, _handle_request_errors, _handle_response

from bot.errors import (
    AuthError,
    NudgebotError,
    PermanentError,
    RateLimited,
    TransientError,
)
from bot.sdk.xrpc_errors import map_sdk_error

_REQUEST = httpx.Request("GET", "https://pds.example/xrpc/com.atproto.repo.listRecords")


def sdk_error_for(
    status: int, body: Any = None, headers: dict[str, str] | None = None
) -> sdk.RequestErrorBase:
    """What the SDK raises for this answer."""
    if isinstance(body, dict):
        response = httpx.Response(status, json=body, headers=headers, request=_REQUEST)
    else:
        response = httpx.Response(status, content=body or b"", headers=headers, request=_REQUEST)
    with pytest.raises(sdk.RequestErrorBase) as caught:
        _handle_response(response)
    return caught.value


def sdk_error_from_transport(error: Exception) -> sdk.RequestErrorBase:
    with pytest.raises(sdk.RequestErrorBase) as caught:
        _handle_request_errors(error)
    return caught.value


def xrpc(name: str, message: str = "") -> dict[str, str]:
    return {"error": name, "message": message}


# (status, body, SDK class, our class, error name kept)
STATUS_CASES: list[tuple[int, Any, type[Exception], type[NudgebotError], str | None]] = [
    (401, xrpc("AuthMissing"), sdk.UnauthorizedError, AuthError, "AuthMissing"),
    (403, xrpc("Forbidden"), sdk.UnauthorizedError, AuthError, "Forbidden"),
    (400, xrpc("InvalidToken", "Bad token scope"), sdk.BadRequestError, AuthError, "InvalidToken"),
    (400, xrpc("ExpiredToken"), sdk.BadRequestError, AuthError, "ExpiredToken"),
    (
        400,
        xrpc("InvalidRequest", "Could not find repo"),
        sdk.BadRequestError,
        PermanentError,
        "InvalidRequest",
    ),
    (400, xrpc("RepoNotFound"), sdk.BadRequestError, PermanentError, "RepoNotFound"),
    (400, xrpc("RepoTakendown"), sdk.BadRequestError, PermanentError, "RepoTakendown"),
    (400, b"not json", sdk.BadRequestError, PermanentError, None),
    (404, xrpc("NotFound"), sdk.RequestException, PermanentError, "NotFound"),
    (404, None, sdk.RequestException, PermanentError, None),
    (409, xrpc("InvalidSwap"), sdk.NetworkError, PermanentError, "InvalidSwap"),
    (413, xrpc("PayloadTooLarge"), sdk.NetworkError, PermanentError, "PayloadTooLarge"),
    (429, xrpc("RateLimitExceeded"), sdk.RateLimitExceededError, RateLimited, "RateLimitExceeded"),
    (500, xrpc("InternalServerError"), sdk.RequestException, TransientError, "InternalServerError"),
    (
        501,
        xrpc("MethodNotImplemented"),
        sdk.RequestException,
        PermanentError,
        "MethodNotImplemented",
    ),
    (502, xrpc("UpstreamFailure"), sdk.NetworkError, TransientError, "UpstreamFailure"),
    (503, None, sdk.RequestException, TransientError, None),
    (504, b"<html>gateway timeout</html>", sdk.RequestException, TransientError, None),
]


@pytest.mark.parametrize(("status", "body", "sdk_class", "ours", "name"), STATUS_CASES)
def test_status_and_error_name_decide(
    status: int,
    body: Any,
    sdk_class: type[Exception],
    ours: type[NudgebotError],
    name: str | None,
) -> None:
    error = sdk_error_for(status, body)
    assert type(error) is sdk_class  # the SDK still raises what the mapping assumes
    mapped = map_sdk_error(error)
    assert type(mapped) is ours
    assert mapped.status == status
    assert mapped.error_name == name
    assert str(status) in str(mapped)


@pytest.mark.parametrize(
    ("transport_error", "sdk_class"),
    [
        (httpx.ConnectError("refused", request=_REQUEST), sdk.NetworkError),
        (httpx.ReadError("reset", request=_REQUEST), sdk.NetworkError),
        (httpx.ReadTimeout("slow", request=_REQUEST), sdk.InvokeTimeoutError),
        (httpx.ConnectTimeout("slow", request=_REQUEST), sdk.InvokeTimeoutError),
    ],
)
def test_transport_failures_are_transient(
    transport_error: Exception, sdk_class: type[Exception]
) -> None:
    error = sdk_error_from_transport(transport_error)
    assert type(error) is sdk_class and error.response is None
    mapped = map_sdk_error(error)
    assert type(mapped) is TransientError
    assert mapped.status is None and mapped.error_name is None


def test_rate_limit_uses_retry_after() -> None:
    error = sdk_error_for(429, xrpc("RateLimitExceeded"), {"retry-after": "42"})
    mapped = map_sdk_error(error)
    assert isinstance(mapped, RateLimited) and mapped.retry_after == 42.0


def test_rate_limit_falls_back_to_the_reset_time() -> None:
    reset = int(datetime.now(UTC).timestamp()) + 120
    error = sdk_error_for(429, xrpc("RateLimitExceeded"), {"ratelimit-reset": str(reset)})
    mapped = map_sdk_error(error)
    assert isinstance(mapped, RateLimited) and mapped.retry_after is not None
    assert 100 <= mapped.retry_after <= 121


def test_rate_limit_without_headers_has_no_retry_after() -> None:
    """What the dev PDS proxy gives: the headers are dropped."""
    mapped = map_sdk_error(sdk_error_for(429, xrpc("RateLimitExceeded")))
    assert isinstance(mapped, RateLimited) and mapped.retry_after is None


def test_dict_content_is_read_like_the_model() -> None:
    """`response.content` may be a plain dict (e.g. a hand-built Response)."""
    error = sdk.BadRequestError(
        Response(False, 400, {"error": "ExpiredToken", "message": "old"}, {})
    )
    mapped = map_sdk_error(error)
    assert type(mapped) is AuthError and mapped.error_name == "ExpiredToken"


def test_error_body_without_message_keeps_its_name() -> None:
    """XRPC allows `{"error": name}` alone; the SDK then gives a DotDict, not XrpcError."""
    mapped = map_sdk_error(sdk_error_for(400, {"error": "MessagesDisabled"}))
    assert type(mapped) is PermanentError
    assert (mapped.status, mapped.error_name) == (400, "MessagesDisabled")
    assert map_sdk_error(sdk_error_for(400, {"error": "InvalidToken"})).error_name == "InvalidToken"


@pytest.mark.parametrize(
    ("error", "ours"),
    [
        (httpx.ReadTimeout("slow"), TransientError),  # raised past the SDK's wrapping
        (httpx.ConnectError("refused"), TransientError),
        (ModelError("unexpected shape"), PermanentError),
        (ValueError("anything else"), PermanentError),
    ],
)
def test_other_errors(error: Exception, ours: type[NudgebotError]) -> None:
    assert type(map_sdk_error(error)) is ours


def test_our_own_errors_pass_through() -> None:
    error = RateLimited(retry_after=3)
    assert map_sdk_error(error) is error
