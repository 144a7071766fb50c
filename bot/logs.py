"""The pieces the CLI assembles its logging from: one-line text or JSON formatters for stderr
(journald reads either), wrapped in a formatter that redacts secrets first.

Redaction happens once, in the handler's formatter, so no call site has to remember it: the
app password, the password inside DATABASE_URL, and anything shaped like a session token
(JWTs, `accessJwt`/`refreshJwt` fields, `Bearer …` and `Authorization:` values) become
`[redacted]` in the message, its arguments, the exception text and every `extra` field.
"""

from __future__ import annotations

import contextlib
import functools
import logging
import re
import sys
import traceback
from collections.abc import Iterable, Mapping
from datetime import UTC, datetime
from typing import TextIO
from urllib.parse import parse_qsl, unquote, urlsplit

import orjson

from bot.config import Settings

REDACTED = "[redacted]"
MIN_SECRET_CHARS = 4  # shorter "secrets" would blank out ordinary words all over the log

# group 1 (kept) names the field; what follows it is the secret
_FIELD_PATTERNS = (
    # "accessJwt": "…", access_jwt='…', refreshJwt=…
    r"((?:access|refresh)_?jwt[\"']?\s*[:=]\s*(?:b?[\"'])?)[^\s\"',;)}\]]+",
    # Authorization: Bearer …, "authorization": "DPoP …", (b'authorization', b'Basic …'),
    # but not "Vary: Authorization, Accept-Encoding"
    r"((?:authorization[\"']?\s*[:=]\s*(?:b?[\"'])?|authorization[\"']\s*,\s*b?[\"']))"
    r"(?:(?:bearer|basic|dpop)\s+)?[^\s\"',;)}\]]+",
    # a bare "Bearer <token68>"; the capital B and the length spare "bearer of bad news"
    r"((?-i:Bearer)\s+)[A-Za-z0-9._~+/=-]{8,}",
    # "password": "…" (JSON), password='…' (a model's repr), APP_PASSWORD=… (a query, an env)
    r"([\"']password[\"']\s*:\s*b?[\"'])[^\"']+",
    r"((?<![a-z])password=)[^\s&,;)}\]]+",
)
_FIELDS = re.compile("|".join(_FIELD_PATTERNS), re.IGNORECASE)
# any JWT (header and payload are base64url JSON, so both start with "eyJ"), e.g. in a
# session string; and the shape of a Bluesky app password (xxxx-xxxx-xxxx-xxxx)
_TOKENS = re.compile(
    r"eyJ[A-Za-z0-9_-]{4,}\.eyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]*"
    r"|\b[a-z0-9]{4}-[a-z0-9]{4}-[a-z0-9]{4}-[a-z0-9]{4}\b"
)


def _keep_field(match: re.Match[str]) -> str:
    prefix = next((g for g in match.groups() if g is not None), "")
    if match.group(0)[len(prefix) :].startswith(REDACTED[:-1]):
        return match.group(0)  # a known secret, already replaced
    return prefix + REDACTED


class Redactor:
    """Replaces known secret values and token-shaped text with `[redacted]`."""

    def __init__(self, secrets: Iterable[str] = ()) -> None:
        known = {s for s in secrets if len(s) >= MIN_SECRET_CHARS}
        # longest first: a secret that contains another is replaced whole
        ordered = sorted(known, key=len, reverse=True)
        self._literal = re.compile("|".join(map(re.escape, ordered))) if ordered else None

    def redact(self, text: str) -> str:
        if self._literal is not None:
            text = self._literal.sub(REDACTED, text)
        text = _FIELDS.sub(_keep_field, text)
        return _TOKENS.sub(REDACTED, text)

    def value(self, value: object) -> object:
        """A log `extra` value with every string in it redacted (JSON-friendly on the way)."""
        if value is None or isinstance(value, bool | int | float):
            return value
        if isinstance(value, str):
            return self.redact(value)
        if isinstance(value, Mapping):
            return {self.redact(str(k)): self.value(v) for k, v in value.items()}
        if isinstance(value, list | tuple | set | frozenset):
            return [self.value(v) for v in value]
        return self.redact(str(value))


def secrets_of(settings: Settings) -> list[str]:
    """Every secret value the settings know: the app password (environment and
    $CREDENTIALS_DIRECTORY both, whichever wins) and the password inside DATABASE_URL."""
    found: list[str] = []
    if settings.bsky_app_password is not None:  # also when a credentials file is ignored
        found.append(settings.bsky_app_password.get_secret_value())
    try:
        password = settings.app_password()
    except (OSError, UnicodeDecodeError):  # unreadable: the run fails later and says why
        password = None
    if password is not None:
        found.append(password.get_secret_value())
    if settings.database_url is not None:
        found += url_passwords(settings.database_url.get_secret_value())
    return found


def url_passwords(url: str) -> list[str]:
    """The password inside a URL, as written and percent-decoded; [] when there is none. Read
    as both urllib and SQLAlchemy read it (they split `user:pa/ss@` or `pa#ss@` without a host
    differently, and the driver gets SQLAlchemy's), and from a `password=` query parameter."""
    from sqlalchemy.engine import make_url

    found: list[str] = []
    with contextlib.suppress(ValueError):
        found.append(urlsplit(url).password or "")
    with contextlib.suppress(Exception):  # not a URL SQLAlchemy reads: the settings check says
        parsed = make_url(url)
        found.append(str(parsed.password or ""))
        found += [str(v) for k, v in parsed.query.items() if k.lower() == "password"]
    _, _, query = url.partition("?")
    found += [v for k, v in parse_qsl(query.partition("#")[0]) if k.lower() == "password"]
    both = [form for p in found if p for form in (p, unquote(p))]
    return list(dict.fromkeys(both))


# attributes every LogRecord has; anything else on a record came in through `extra=`
_STANDARD = frozenset(logging.LogRecord("", 0, "", 0, "", None, None).__dict__) | {
    "message",
    "asctime",
    "taskName",
}


def extras(record: logging.LogRecord) -> dict[str, object]:
    return {k: v for k, v in record.__dict__.items() if k not in _STANDARD}


# Libraries whose debug lines (-vv) carry request parameters: the DIDs in a URL's query (httpx,
# the firehose's `wantedDids`), the values bound to SQL statements (aiosqlite logs each call
# with its arguments: DIDs, DM texts with names), whole frames (websockets: people's posts).
_LIBRARIES = ("httpx", "httpcore", "websockets", "aiosqlite", "asyncpg", "sqlalchemy")
_QUERY = re.compile(r"\?[^\s\"'<>]+")
_FRAME = re.compile(r"^([<>] (?:TEXT|BINARY|CONT))\b.*", re.DOTALL)


def library_message(record: logging.LogRecord) -> str | None:
    """A library's log line without its parameters (queries as `?…`, SQL arguments and frame
    contents left out); None for the bot's own records, which name what they choose to."""
    if not record.name.startswith(_LIBRARIES):
        return None
    args = record.args
    if record.name.startswith("aiosqlite") and isinstance(args, tuple):
        args = tuple(_callable_name(a) for a in args)
    message = str(record.msg) % args if args else str(record.msg)
    message = _FRAME.sub(r"\1 frame (content not logged)", message)
    return _QUERY.sub("?…", message)


def _callable_name(value: object) -> object:
    if isinstance(value, functools.partial):  # aiosqlite's call: the method, not its arguments
        value = value.func
    name = getattr(value, "__qualname__", None)
    return f"{name}(…)" if isinstance(name, str) else value


class RedactingFormatter(logging.Formatter):
    """Wraps the real formatter: it formats a redacted copy of the record, so nothing the
    record carries (message, arguments, exception text, stack, extras) reaches the output
    raw, and other handlers still get the record as it was logged."""

    def __init__(self, inner: logging.Formatter, redactor: Redactor) -> None:
        super().__init__()
        self.inner = inner
        self.redactor = redactor

    def format(self, record: logging.LogRecord) -> str:
        return self.inner.format(self.redacted(record))

    def redacted(self, record: logging.LogRecord) -> logging.LogRecord:
        redact = self.redactor.redact
        copy = logging.makeLogRecord(record.__dict__)
        try:
            message = library_message(record) or record.getMessage()
        except Exception:  # bad arguments: say so rather than fail (logging prints them raw)
            message = f"{record.msg!s} (unformattable arguments {record.args!r})"
        copy.msg, copy.args = redact(message), None
        exception = record.exc_text
        if record.exc_info and not exception:
            exception = "".join(traceback.format_exception(*record.exc_info)).rstrip()
        # the exception object still holds the raw text: formatters read exc_text only
        copy.exc_info, copy.exc_text = None, redact(exception) if exception else None
        if record.stack_info:
            copy.stack_info = redact(record.stack_info)
        for key, value in extras(record).items():
            setattr(copy, key, self.redactor.value(value))
        return copy


def _iso(created: float) -> str:
    return datetime.fromtimestamp(created, UTC).isoformat(timespec="milliseconds")[:-6] + "Z"


class JsonFormatter(logging.Formatter):
    """One JSON object per line: time, level, logger, message, exception (one string, when
    present), stack, then the record's `extra` fields."""

    def format(self, record: logging.LogRecord) -> str:
        out: dict[str, object] = {
            "time": _iso(record.created),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        exception = record.exc_text or (
            self.formatException(record.exc_info) if record.exc_info else None
        )
        if exception:
            out["exception"] = exception
        if record.stack_info:
            out["stack"] = record.stack_info
        for key, value in extras(record).items():
            out.setdefault(key, value)
        return orjson.dumps(out, default=str).decode()


class TextFormatter(logging.Formatter):
    """`time LEVEL logger: message key=value …` on one line. A traceback follows on its own
    lines (journald keeps each line as an entry), so the first line also names the
    exception: read alone, it still says what went wrong."""

    def __init__(self) -> None:
        super().__init__("%(asctime)s %(levelname)s %(name)s: %(message)s")

    def format(self, record: logging.LogRecord) -> str:
        record.message = record.getMessage()
        record.asctime = self.formatTime(record)
        line = self.formatMessage(record)
        line += "".join(f" {k}={v}" for k, v in extras(record).items())
        exception = record.exc_text or (
            self.formatException(record.exc_info) if record.exc_info else ""
        )
        if exception:
            last = exception.rstrip().rsplit("\n", 1)[-1].strip()
            if last and last not in line:
                line += f" [{last}]"
            line += "\n" + exception
        if record.stack_info:
            line += "\n" + record.stack_info
        return line


class StderrHandler(logging.StreamHandler[TextIO]):
    """Writes to whatever `sys.stderr` is at the moment (pytest swaps it per test)."""

    def __init__(self) -> None:
        super().__init__(sys.stderr)

    @property
    def stream(self) -> TextIO:
        return sys.stderr

    @stream.setter
    def stream(self, value: TextIO) -> None:
        pass  # always sys.stderr
