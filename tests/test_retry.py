"""In-call retries by exception type: which errors are repeated, how often, and which abort."""

from __future__ import annotations

import pytest

from bot.errors import AuthError, PermanentError, RateLimited, TransientError
from bot.retry import repeat_safely


class Flaky:
    def __init__(self, *errors: Exception) -> None:
        self.errors = list(errors)
        self.calls = 0

    async def __call__(self) -> str:
        self.calls += 1
        if self.errors:
            raise self.errors.pop(0)
        return "ok"


@pytest.mark.parametrize(
    ("errors", "calls", "raised"),
    [
        ([], 1, None),
        ([TransientError("request timed out")], 2, None),
        ([TransientError("503"), TransientError("502")], 3, None),
        ([TransientError("503")] * 3, 3, TransientError),  # three tries, then the error
        ([RateLimited(retry_after=30)], 1, RateLimited),  # the caller waits for the reset
        ([PermanentError("404")], 1, PermanentError),
        ([AuthError("ExpiredToken")], 1, AuthError),
        ([ValueError("a bug")], 1, ValueError),
    ],
)
async def test_retry_by_exception_type(
    errors: list[Exception], calls: int, raised: type[Exception] | None
) -> None:
    flaky = Flaky(*errors)
    if raised is None:
        assert await repeat_safely(flaky, wait_scale=0) == "ok"
    else:
        with pytest.raises(raised):
            await repeat_safely(flaky, wait_scale=0)
    assert flaky.calls == calls
