"""One validated, frozen Settings object, read once by the CLI and passed down.

Sources, strongest first: the process environment, `.env`, then defaults. The app password
may instead come from `$CREDENTIALS_DIRECTORY/bsky_app_password` (systemd LoadCredential=).
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

import grapheme
from pydantic import Field, SecretStr, ValidationError, ValidationInfo, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from bot import endpoints
from bot.answer_caps import AnswerCaps
from bot.database_url import default_database_url, normalize_url
from bot.errors import ConfigError
from bot.faults import FaultPointName
from bot.policy import PolicySettings

PROFILE_DESCRIPTION_GRAPHEMES = 256
LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")


METRICS_OFF = frozenset({"off", "none", "no", "false", "0"})


def parse_host_port(value: str) -> tuple[str, int]:
    """`127.0.0.1:9464`, `[::1]:9464`, `localhost:9464` or `:9464` (every interface)."""
    host, sep, port = value.strip().rpartition(":")
    if not sep or not port.isdigit() or not 0 < int(port) < 65536:
        raise ValueError(f"must be host:port (e.g. 127.0.0.1:9464) or off, not {value!r}")
    if host.startswith("[") and host.endswith("]"):
        host = host[1:-1]
    elif ":" in host:
        raise ValueError(f"an IPv6 host goes in brackets ([::1]:9464), not {value!r}")
    return host or "0.0.0.0", int(port)  # `:port` asks for every interface


def split_dids(value: str | None) -> tuple[str, ...]:
    return tuple(part for part in (value or "").replace(",", " ").split() if part)


class Settings(BaseSettings):
    model_config = SettingsConfigDict(
        env_file=".env", extra="ignore", frozen=True, env_ignore_empty=True
    )

    bsky_service: str = endpoints.BSKY_SERVICE
    bsky_handle: str | None = None
    bsky_app_password: SecretStr | None = None
    bot_did: str | None = None
    firehose: Literal["jetstream", "relay"] = "jetstream"
    jetstream_url: str = endpoints.JETSTREAM_URL
    jetstream_shard_size: int = Field(150, ge=1, le=10_000)  # DIDs per filtered connection
    jetstream_max_connections: int = Field(20, ge=1, le=200)  # past this, filter locally
    relay_url: str = endpoints.RELAY_URL
    plc_url: str = endpoints.PLC_URL
    # comma-separated service URLs a DID document may point at over plain http or at a
    # private address (bot/sources/egress.py); BSKY_SERVICE and PLC_URL always are
    trusted_service_urls: str | None = None
    reconcile_interval_hours: float = Field(6.0, gt=0, le=168)  # also at startup
    history_days: int = Field(60, ge=1, le=365)  # read on opt-in
    bsky_chat_did: str = endpoints.BSKY_CHAT_DID
    dm_per_minute: int = Field(3, ge=1, le=30)  # 429s were seen at ~5/min
    dm_per_day: int = Field(200, ge=1, le=10_000)
    dm_backoff_seconds: float = Field(60.0, ge=0.1, le=3600.0)  # after a 429 without a reset
    chat_poll_seconds: float = Field(10.0, ge=1.0, le=600.0)
    # answers to one person's DMs (bot/answer_caps.py); then silence until the window passed
    answers_per_hour: int = Field(5, ge=1, le=60)
    answers_per_day: int = Field(20, ge=1, le=500)
    stranger_answers_per_day: int = Field(1, ge=1, le=20)  # to people who do not follow
    # reply triage (docs/safety.md): DIDs told "an urgent reply is waiting" (comma-separated),
    # and a JSON file adding or overriding crisis resources by country
    operator_dids: str | None = None
    crisis_resources_file: Path | None = None
    database_url: SecretStr | None = None  # may hold a password
    state_directory: str | None = None
    credentials_directory: str | None = None
    # host:port of /metrics and /healthz; `off` (or `none`) turns them off. An empty value
    # means the default, as for every setting (env_ignore_empty).
    metrics_addr: str = "127.0.0.1:9464"
    log_format: Literal["text", "json"] = "text"
    log_level: str = "INFO"
    dry_run: bool = False
    # the bot's profile description, kept as given at every start; None: left alone
    profile_description: str | None = Field(None, max_length=2560)
    notify_socket: str | None = None  # systemd's $NOTIFY_SOCKET (Type=notify)
    watchdog_usec: int | None = Field(None, ge=1)  # systemd's $WATCHDOG_USEC (WatchdogSec=)
    watchdog_pid: int | None = Field(None, ge=1)  # systemd's $WATCHDOG_PID: whom it is for
    # websocket keepalive of the firehose: a peer silent past interval + timeout is dead
    firehose_ping_interval_seconds: float = Field(20.0, ge=0.1, le=600.0)
    firehose_ping_timeout_seconds: float = Field(20.0, ge=0.1, le=600.0)
    # test-only (bot/faults.py): die (os._exit) at the FAULT_AFTER-th pass of a named point,
    # to prove that restarts lose and double nothing; never set in production
    fault_point: FaultPointName | None = None
    fault_after: int = Field(1, ge=1)

    # policy thresholds (see bot/policy.py for what each means)
    judgment_window_days: int = Field(90, ge=14, le=365)
    regular_min_days: int = Field(5, ge=1)
    regular_window_days: int = Field(60, ge=7)
    quiet_min_days: float = Field(14.0, ge=1)
    quiet_gap_multiplier: float = Field(3.0, ge=1)
    promo_window_days: int = Field(14, ge=1)
    promo_min_posts: int = Field(5, ge=1)
    promo_min_ratio: float = Field(0.9, gt=0, le=1)
    promo_cooldown_days: int = Field(30, ge=1)
    nudge_min_interval_days: int = Field(7, ge=1)
    welcome_cooldown_days: int = Field(30, ge=1)
    checkin_after_ignored: int = Field(3, ge=1, le=20)
    checkin_pause_days: int = Field(90, ge=1, le=365)
    day_start_hour: int = Field(10, ge=0, le=23)
    day_end_hour: int = Field(19, ge=1, le=24)

    @field_validator("log_level")
    @classmethod
    def _level_name(cls, value: str) -> str:
        if value.upper() not in LOG_LEVELS:
            raise ValueError(f"must be one of {', '.join(LOG_LEVELS)}")
        return value.upper()

    @field_validator("profile_description")
    @classmethod
    def _description_fits(cls, value: str | None) -> str | None:
        if value is not None and grapheme.length(value) > PROFILE_DESCRIPTION_GRAPHEMES:
            raise ValueError(
                f"at most {PROFILE_DESCRIPTION_GRAPHEMES} characters (Bluesky's limit)"
            )
        return value

    @field_validator("bot_did")
    @classmethod
    def _did_shape(cls, value: str | None) -> str | None:
        if value is not None and not value.startswith("did:"):
            raise ValueError("must be a DID (did:plc:… or did:web:…)")
        return value

    @field_validator("operator_dids")
    @classmethod
    def _dids_shape(cls, value: str | None) -> str | None:
        for did in split_dids(value):
            if not did.startswith("did:"):
                raise ValueError(f"{did!r} is not a DID (did:plc:… or did:web:…)")
        return value

    def operator_did_list(self) -> tuple[str, ...]:
        return split_dids(self.operator_dids)

    @field_validator("answers_per_day")
    @classmethod
    def _day_holds_an_hour(cls, value: int, info: ValidationInfo) -> int:
        if value < info.data.get("answers_per_hour", 1):
            raise ValueError("must be at least ANSWERS_PER_HOUR")
        return value

    @field_validator("metrics_addr")
    @classmethod
    def _metrics_addr_shape(cls, value: str) -> str:
        if value.strip().lower() in METRICS_OFF:
            return "off"
        parse_host_port(value)
        return value.strip()

    def metrics_address(self) -> tuple[str, int] | None:
        """(host, port) to serve /metrics and /healthz on, or None when off."""
        return None if self.metrics_addr == "off" else parse_host_port(self.metrics_addr)

    def trusted_urls(self) -> tuple[str, ...]:
        """The origins a stranger's DID document may name although local (egress.py)."""
        extra = (self.trusted_service_urls or "").split(",")
        return tuple(u.strip() for u in (self.bsky_service, self.plc_url, *extra) if u.strip())

    def resolved_database_url(self) -> str:
        if self.database_url is not None and self.database_url.get_secret_value():
            return normalize_url(self.database_url.get_secret_value())
        return default_database_url(self.state_directory)

    def app_password(self) -> SecretStr | None:
        if self.bsky_app_password is not None:
            return self.bsky_app_password
        if self.credentials_directory:
            path = Path(self.credentials_directory) / "bsky_app_password"
            if path.is_file():
                return SecretStr(path.read_text().strip())
        return None

    def answer_caps(self) -> AnswerCaps:
        return AnswerCaps(
            self.answers_per_hour, self.answers_per_day, self.stranger_answers_per_day
        )

    def policy(self) -> PolicySettings:
        return PolicySettings(
            judgment_window_days=self.judgment_window_days,
            regular_min_days=self.regular_min_days,
            regular_window_days=self.regular_window_days,
            quiet_min_days=self.quiet_min_days,
            quiet_gap_multiplier=self.quiet_gap_multiplier,
            promo_window_days=self.promo_window_days,
            promo_min_posts=self.promo_min_posts,
            promo_min_ratio=self.promo_min_ratio,
            promo_cooldown_days=self.promo_cooldown_days,
            nudge_min_interval_days=self.nudge_min_interval_days,
            welcome_cooldown_days=self.welcome_cooldown_days,
            checkin_after_ignored=self.checkin_after_ignored,
            checkin_pause_days=self.checkin_pause_days,
            day_start_hour=self.day_start_hour,
            day_end_hour=self.day_end_hour,
        )


def load_settings(env_file: str | None = ".env") -> Settings:
    """Read and validate once; any problem becomes one ConfigError naming the setting."""
    try:
        return Settings(_env_file=env_file)  # type: ignore[call-arg]
    except ValidationError as exc:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in err['loc']).upper()}: {err['msg']}" for err in exc.errors()
        )
        raise ConfigError(f"invalid settings: {problems}") from None
