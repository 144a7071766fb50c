"""Logging: secrets redacted at the formatter (message, arguments, exception text, extras), one
JSON object per line, one-line text whose first line says what went wrong."""

from __future__ import annotations

import logging
import sys
from pathlib import Path

import orjson
import pytest
from pydantic import SecretStr

from bot.config import Settings
from bot.logs import (
    REDACTED,
    JsonFormatter,
    RedactingFormatter,
    Redactor,
    TextFormatter,
    secrets_of,
    url_passwords,
)

APP_PASSWORD = "hunter2-app-secret"
DB_PASSWORD = "s3cr@t/db"  # percent-encoded in the URL: s3cr%40t%2Fdb
JWT = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJkaWQ6cGxjOmJvdCJ9.c2lnbmF0dXJlLWJ5dGVz"
X = REDACTED
REDACTOR = Redactor([APP_PASSWORD, DB_PASSWORD, "s3cr%40t%2Fdb", "ab"])


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (f"login with {APP_PASSWORD} failed", f"login with {X} failed"),
        (f"{APP_PASSWORD}{APP_PASSWORD}", REDACTED * 2),
        ("postgresql://bot:s3cr%40t%2Fdb@db/nudge", f"postgresql://bot:{X}@db/nudge"),
        (f"password is {DB_PASSWORD}.", f"password is {X}."),
        (f'{{"accessJwt": "{JWT}", "did": "x"}}', f'{{"accessJwt": "{X}", "did": "x"}}'),
        ("refresh_jwt='opaque-token-1'", f"refresh_jwt='{X}'"),
        ("accessJwt=plain", f"accessJwt={X}"),
        ("Authorization: Bearer abc.def.ghi", f"Authorization: {X}"),
        ("{'authorization': 'DPoP tok_123'}", f"{{'authorization': '{X}'}}"),
        ("(b'Authorization', b'Basic dXNlcjpwdw==')", f"(b'Authorization', b'{X}')"),
        ("sent Bearer abcdefgh1234 to the PDS", f"sent Bearer {X} to the PDS"),
        (f"bot.test:::did:plc:x:::{JWT}:::{JWT}:::https://pds", f"bot.test:::did:plc:x:::{X}:::{X}:::https://pds"),
        ("app password abcd-efgh-ijkl-mnop here", f"app password {X} here"),
        ('{"id": "bot", "password": "x y z"}', f'{{"id": "bot", "password": "{X}"}}'),
        ("Data(identifier='bot', password='pw1234')", f"Data(identifier='bot', password={X})"),
        ("BSKY_APP_PASSWORD=pw1234 BSKY_HANDLE=bot", f"BSKY_APP_PASSWORD={X} BSKY_HANDLE=bot"),
        (f"password={APP_PASSWORD}", f"password={X}"),
        # what must stay as it is
        ("BSKY_APP_PASSWORD: Field required", "BSKY_APP_PASSWORD: Field required"),
        ("the password was wrong", "the password was wrong"),
        ("bearer of bad news", "bearer of bad news"),
        ("(b'Vary', b'Authorization, Accept')", "(b'Vary', b'Authorization, Accept')"),
        ("Authorization, please", "Authorization, please"),
        ("id 1b4e28ba-2fa1-11d2-883f-0016d3cca427", "id 1b4e28ba-2fa1-11d2-883f-0016d3cca427"),
        ("did:plc:abcd1234 at://did:plc:x/app.bsky.feed.post/3k", "did:plc:abcd1234 at://did:plc:x/app.bsky.feed.post/3k"),
        ("a table about bats", "a table about bats"),  # "ab" is too short to be a secret
    ],
    ids=lambda v: v[:32] if isinstance(v, str) else None,
)  # fmt: skip
def test_redact(text: str, expected: str) -> None:
    assert REDACTOR.redact(text) == expected


def test_extra_values_are_redacted_inside_containers() -> None:
    value = {"headers": {"Authorization": f"Bearer {JWT}"}, "tries": [1, APP_PASSWORD], "ok": True}
    assert REDACTOR.value(value) == {
        "headers": {"Authorization": f"Bearer {REDACTED}"},
        "tries": [1, REDACTED],
        "ok": True,
    }
    assert REDACTOR.value(SecretHolder()) == f"holder of {REDACTED}"


class SecretHolder:
    def __str__(self) -> str:
        return f"holder of {APP_PASSWORD}"


def test_secrets_of_settings_include_credentials_file_and_database_url(tmp_path: Path) -> None:
    (tmp_path / "bsky_app_password").write_text("from-the-credentials-file\n")
    settings = Settings(
        _env_file=None,  # type: ignore[call-arg]
        credentials_directory=str(tmp_path),
        database_url=SecretStr("postgresql://bot:s3cr%40t%2Fdb@db.example/nudge"),
    )
    assert set(secrets_of(settings)) == {"from-the-credentials-file", "s3cr%40t%2Fdb", DB_PASSWORD}
    in_env = Settings(_env_file=None, bsky_app_password=SecretStr(APP_PASSWORD))  # type: ignore[call-arg]
    assert secrets_of(in_env) == [APP_PASSWORD, APP_PASSWORD]
    assert secrets_of(Settings(_env_file=None)) == []  # type: ignore[call-arg]


# --- formatters --------------------------------------------------------------------------


def record(
    msg: str, *args: object, exc: BaseException | None = None, **extra: object
) -> logging.LogRecord:
    exc_info = (type(exc), exc, exc.__traceback__) if exc is not None else None
    made = logging.LogRecord("bot.sources.session", logging.ERROR, __file__, 1, msg, args, exc_info)
    made.__dict__.update(extra)
    return made


def raised(message: str) -> BaseException:
    try:
        raise RuntimeError(message)
    except RuntimeError as exc:
        return exc


def test_json_is_one_object_per_line_with_exception_and_extras_redacted() -> None:
    formatter = RedactingFormatter(JsonFormatter(), REDACTOR)
    exc = raised(f"createSession echoed {{'password': '{APP_PASSWORD}'}}")
    line = formatter.format(
        record("login as %s with %s", "bot.test", APP_PASSWORD, exc=exc, did="did:plc:bot",
               session={"accessJwt": JWT, "n": 2})
    )  # fmt: skip
    assert "\n" not in line
    out = orjson.loads(line)
    assert out["time"].endswith("Z") and "T" in out["time"]
    assert (out["level"], out["logger"]) == ("ERROR", "bot.sources.session")
    assert out["message"] == f"login as bot.test with {REDACTED}"
    assert out["exception"].startswith("Traceback (most recent call last):")
    assert out["exception"].endswith(
        f"RuntimeError: createSession echoed {{'password': '{REDACTED}'}}"
    )
    assert out["did"] == "did:plc:bot"
    assert out["session"] == {"accessJwt": REDACTED, "n": 2}
    assert APP_PASSWORD not in line and JWT not in line


def test_json_without_exception_has_no_exception_field() -> None:
    out = orjson.loads(RedactingFormatter(JsonFormatter(), REDACTOR).format(record("hi %d", 3)))
    assert set(out) == {"time", "level", "logger", "message"} and out["message"] == "hi 3"


def test_text_first_line_names_the_exception_and_the_traceback_follows() -> None:
    formatter = RedactingFormatter(TextFormatter(), REDACTOR)
    exc = raised(f"refused {APP_PASSWORD}")
    text = formatter.format(record("send failed", exc=exc, where="send"))
    first, *rest = text.split("\n")
    assert first.endswith(
        f"ERROR bot.sources.session: send failed where=send [RuntimeError: refused {REDACTED}]"
    )
    assert rest[0] == "Traceback (most recent call last):"
    assert rest[-1] == f"RuntimeError: refused {REDACTED}"
    assert APP_PASSWORD not in text
    assert formatter.format(record("plain %s", "line")).count("\n") == 0


def test_text_does_not_repeat_an_exception_the_message_already_names() -> None:
    exc = raised("boom")
    text = RedactingFormatter(TextFormatter(), REDACTOR).format(
        record("x: RuntimeError: boom", exc=exc)
    )
    assert text.split("\n")[0].endswith("x: RuntimeError: boom")


def test_the_logged_record_itself_is_left_alone() -> None:
    exc = raised(APP_PASSWORD)
    original = record("with %s", APP_PASSWORD, exc=exc, token=JWT)
    RedactingFormatter(JsonFormatter(), REDACTOR).format(original)
    assert original.getMessage() == f"with {APP_PASSWORD}"
    assert original.exc_info is not None and original.__dict__["token"] == JWT


def test_unformattable_arguments_are_reported_redacted_not_raised() -> None:
    line = RedactingFormatter(JsonFormatter(), REDACTOR).format(record("%d items", APP_PASSWORD))
    assert "unformattable arguments" in line and APP_PASSWORD not in line


def test_stack_info_is_redacted() -> None:
    made = record("where am I")
    made.stack_info = f"Stack (most recent call last):\n  frame with {APP_PASSWORD}"
    out = orjson.loads(RedactingFormatter(JsonFormatter(), REDACTOR).format(made))
    assert out["stack"].endswith(f"frame with {REDACTED}")


def test_a_logger_call_goes_through_the_installed_handler_redacted(
    capsys: pytest.CaptureFixture[str],
) -> None:
    from bot.logs import StderrHandler

    handler = StderrHandler()
    handler.setFormatter(RedactingFormatter(JsonFormatter(), REDACTOR))
    log = logging.getLogger("tests.logs.handler")
    log.addHandler(handler)
    log.propagate = False
    try:
        log.warning("retrying with %s", APP_PASSWORD, extra={"attempt": 2})
    finally:
        log.removeHandler(handler)
        log.propagate = True
    err = capsys.readouterr().err
    assert handler.stream is sys.stderr
    assert orjson.loads(err) | {"time": None} == {
        "time": None, "level": "WARNING", "logger": "tests.logs.handler",
        "message": f"retrying with {REDACTED}", "attempt": 2,
    }  # fmt: skip


@pytest.mark.parametrize(
    ("url", "password"),
    [
        ("postgresql://bot:hunter2secret@db.example/nudge", "hunter2secret"),
        # without a host, these are read differently by urllib and by SQLAlchemy (and the
        # driver gets SQLAlchemy's): both readings are secrets
        ("postgresql://bot:hunter2/secret@/nudge", "hunter2/secret"),
        ("postgresql://bot:hunter2#secret@/nudge", "hunter2#secret"),
        ("postgresql+asyncpg://bot:hunter2?secret@/nudge", "hunter2?secret"),
        ("postgresql:///nudge?user=bot&password=hunter2secret", "hunter2secret"),
        ("postgresql:///nudge?host=/run/postgresql&PASSWORD=hunter2%21", "hunter2!"),
    ],
)
def test_the_database_password_is_found_however_the_url_is_spelled(url: str, password: str) -> None:
    assert password in url_passwords(url)
    assert "hunter2" not in Redactor(url_passwords(url)).redact(f"cannot connect to {url}")


# --- -vv: library debug lines never carry parameters -------------------------------------

PERSON = "did:plc:secretpersonsecretperson"
DM_TEXT = "Hi Alice, it has been a while"


async def _library_traffic() -> None:
    import aiosqlite
    import httpx

    async with aiosqlite.connect(":memory:") as db:
        await db.execute("SELECT ?, ?", (PERSON, DM_TEXT))
    answer = httpx.MockTransport(lambda request: httpx.Response(200, json={}))
    async with httpx.AsyncClient(transport=answer) as client:
        await client.get(f"https://pds.example/xrpc/com.atproto.repo.listRecords?repo={PERSON}")
    frame = f'TEXT \'{{"did": "{PERSON}", "text": "{DM_TEXT}"}}\' [80 bytes]'
    logging.getLogger("websockets.client").debug("< %s", frame)
    logging.getLogger("websockets.client").debug(
        "> GET %s HTTP/1.1", f"/subscribe?wantedDids={PERSON}"
    )


def test_at_vv_library_lines_name_the_call_but_never_its_parameters(
    capsys: pytest.CaptureFixture[str],
) -> None:
    import asyncio

    from bot.cli import _configure_logging

    root = logging.getLogger()
    before = (list(root.handlers), root.level)
    try:
        _configure_logging(2)  # -vv
        asyncio.run(_library_traffic())
    finally:
        root.handlers[:], _ = before[0], root.setLevel(before[1])
        for name in ("httpx", "httpcore", "websockets", "aiosqlite"):
            logging.getLogger(name).setLevel(logging.NOTSET)
    err = capsys.readouterr().err
    assert "execute(…)" in err and "pds.example/xrpc/com.atproto.repo.listRecords?…" in err
    assert "< TEXT frame (content not logged)" in err and "/subscribe?…" in err
    assert PERSON not in err and "Alice" not in err


async def test_a_database_error_does_not_quote_the_values_bound_to_it(tmp_path: Path) -> None:
    from sqlalchemy import text
    from sqlalchemy.exc import StatementError

    from bot.store.engine import create_engine

    engine = create_engine(f"sqlite:///{tmp_path}/x.db")
    try:
        async with engine.connect() as connection:
            with pytest.raises(StatementError) as raised:
                await connection.execute(text("SELECT * FROM nowhere WHERE x = :p"), {"p": PERSON})
    finally:
        await engine.dispose()
    assert PERSON not in str(raised.value)
