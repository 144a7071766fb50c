"""Settings: defaults, environment overrides, validation, secrets and the policy thresholds."""

from __future__ import annotations

from dataclasses import fields
from pathlib import Path

import pytest
from pydantic import SecretStr, ValidationError

from bot.config import Settings, load_settings
from bot.errors import ConfigError
from bot.policy import PolicySettings


@pytest.fixture(autouse=True)
def clean_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """No setting leaks in from the machine running the tests, and no `.env` is near."""
    for name in Settings.model_fields:
        monkeypatch.delenv(name.upper(), raising=False)
        monkeypatch.delenv(name, raising=False)
    monkeypatch.chdir(tmp_path)


def test_defaults() -> None:
    settings = load_settings(env_file=None)
    assert settings.bsky_service == "https://bsky.social"
    assert settings.firehose == "jetstream"
    assert settings.bot_did is None
    assert settings.bsky_handle is None
    assert settings.dry_run is False
    assert settings.log_format == "text"
    assert settings.log_level == "INFO"
    assert settings.app_password() is None
    assert settings.resolved_database_url() == "sqlite+aiosqlite:///state/nudgebot.db"
    assert settings.policy() == PolicySettings()


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        (
            "postgres://bot:pw@db.example:5432/nudge",
            "postgresql+asyncpg://bot:pw@db.example:5432/nudge",
        ),
        ("postgresql://bot:pw@db.example/nudge", "postgresql+asyncpg://bot:pw@db.example/nudge"),
        ("postgresql+asyncpg://bot@db.example/nudge", "postgresql+asyncpg://bot@db.example/nudge"),
        ("sqlite:///x.db", "sqlite+aiosqlite:///x.db"),
        ("sqlite:////var/lib/nudgebot/x.db", "sqlite+aiosqlite:////var/lib/nudgebot/x.db"),
        ("sqlite+aiosqlite:///x.db", "sqlite+aiosqlite:///x.db"),
    ],
    ids=["postgres-scheme", "postgresql", "already-async", "sqlite-relative", "sqlite-abs", "same"],
)
def test_database_url_is_normalised_to_the_async_driver(
    monkeypatch: pytest.MonkeyPatch, url: str, expected: str
) -> None:
    monkeypatch.setenv("DATABASE_URL", url)
    assert load_settings(env_file=None).resolved_database_url() == expected


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        ({}, "sqlite+aiosqlite:///state/nudgebot.db"),
        (
            {"STATE_DIRECTORY": "/var/lib/nudgebot"},
            "sqlite+aiosqlite:////var/lib/nudgebot/nudgebot.db",
        ),
        ({"STATE_DIRECTORY": "state"}, "sqlite+aiosqlite:///state/nudgebot.db"),
        (
            {"STATE_DIRECTORY": "/srv/s", "DATABASE_URL": "sqlite:///own.db"},
            "sqlite+aiosqlite:///own.db",
        ),
        ({"DATABASE_URL": ""}, "sqlite+aiosqlite:///state/nudgebot.db"),  # empty means unset
    ],
    ids=["local-state", "state-dir", "relative-state-dir", "database-url-wins", "empty-url"],
)
def test_default_sqlite_lives_under_state_directory(
    monkeypatch: pytest.MonkeyPatch, env: dict[str, str], expected: str
) -> None:
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    assert load_settings(env_file=None).resolved_database_url() == expected


@pytest.mark.parametrize("url", ["mysql://u:p@h/db", "not a url at all"])
def test_unusable_database_url_is_a_config_error(monkeypatch: pytest.MonkeyPatch, url: str) -> None:
    monkeypatch.setenv("DATABASE_URL", url)
    settings = load_settings(env_file=None)
    with pytest.raises(ConfigError, match="DATABASE_URL"):
        settings.resolved_database_url()


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("FIREHOSE", "kafka"),
        ("BOT_DID", "alice"),
        ("BOT_DID", "alice.bsky.social"),
        ("DAY_START_HOUR", "30"),
        ("DAY_START_HOUR", "-1"),
        ("DAY_END_HOUR", "0"),
        ("DAY_END_HOUR", "25"),
        ("JUDGMENT_WINDOW_DAYS", "7"),
        ("PROMO_MIN_RATIO", "1.5"),
        ("PROMO_MIN_RATIO", "0"),
        ("QUIET_MIN_DAYS", "soon"),
        ("REGULAR_MIN_DAYS", "0"),
        ("LOG_FORMAT", "xml"),
        ("DRY_RUN", "maybe"),
        ("METRICS_ADDR", "9464"),
        ("METRICS_ADDR", "localhost:http"),
        ("METRICS_ADDR", "127.0.0.1:70000"),
        ("METRICS_ADDR", "::1:9464"),
        ("WATCHDOG_USEC", "soon"),
        ("FIREHOSE_PING_TIMEOUT_SECONDS", "0"),
    ],
)
def test_invalid_values_raise_a_config_error_naming_the_setting(
    monkeypatch: pytest.MonkeyPatch, name: str, value: str
) -> None:
    monkeypatch.setenv(name, value)
    with pytest.raises(ConfigError) as caught:
        load_settings(env_file=None)
    assert name in str(caught.value)
    assert caught.value.__cause__ is None and caught.value.__suppress_context__


def test_every_invalid_setting_is_named_at_once(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FIREHOSE", "kafka")
    monkeypatch.setenv("DAY_START_HOUR", "30")
    with pytest.raises(ConfigError) as caught:
        load_settings(env_file=None)
    assert "FIREHOSE" in str(caught.value) and "DAY_START_HOUR" in str(caught.value)


@pytest.mark.parametrize(
    ("name", "value", "attr", "expected"),
    [
        ("FIREHOSE", "relay", "firehose", "relay"),
        ("BOT_DID", "did:plc:abc123", "bot_did", "did:plc:abc123"),
        ("BOT_DID", "did:web:bot.example", "bot_did", "did:web:bot.example"),
        ("DRY_RUN", "true", "dry_run", True),
        ("DRY_RUN", "1", "dry_run", True),
        ("LOG_FORMAT", "json", "log_format", "json"),
        ("DAY_START_HOUR", "0", "day_start_hour", 0),
        ("DAY_END_HOUR", "24", "day_end_hour", 24),
        ("bot_did", "did:plc:lower", "bot_did", "did:plc:lower"),  # names are case-insensitive
        ("WATCHDOG_USEC", "30000000", "watchdog_usec", 30_000_000),
        ("WATCHDOG_PID", "4242", "watchdog_pid", 4242),
        ("FIREHOSE_PING_INTERVAL_SECONDS", "1.5", "firehose_ping_interval_seconds", 1.5),
    ],
)
def test_valid_values_are_read(
    monkeypatch: pytest.MonkeyPatch, name: str, value: str, attr: str, expected: object
) -> None:
    monkeypatch.setenv(name, value)
    assert getattr(load_settings(env_file=None), attr) == expected


def test_settings_are_frozen() -> None:
    settings = load_settings(env_file=None)
    with pytest.raises(ValidationError):
        settings.bot_did = "did:plc:other"  # type: ignore[misc]


# --- the app password -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("env_password", "file_text", "expected"),
    [
        (None, "file-pw-1234\n", "file-pw-1234"),
        (None, "  spaced-pw \n\n", "spaced-pw"),
        ("env-pw-5678", "file-pw-1234\n", "env-pw-5678"),  # the environment wins
        ("env-pw-5678", None, "env-pw-5678"),
        (None, None, None),  # a credentials directory without the file
    ],
    ids=["file", "file-stripped", "env-wins", "env-only", "no-file"],
)
def test_app_password_from_credentials_directory(
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    env_password: str | None,
    file_text: str | None,
    expected: str | None,
) -> None:
    creds = tmp_path / "creds"
    creds.mkdir()
    if file_text is not None:
        (creds / "bsky_app_password").write_text(file_text)
    monkeypatch.setenv("CREDENTIALS_DIRECTORY", str(creds))
    if env_password is not None:
        monkeypatch.setenv("BSKY_APP_PASSWORD", env_password)
    password = load_settings(env_file=None).app_password()
    if expected is None:
        assert password is None
    else:
        assert isinstance(password, SecretStr)
        assert password.get_secret_value() == expected
        assert expected not in repr(password) and expected not in str(password)


# --- secrets never show ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "value", "secret"),
    [
        ("BSKY_APP_PASSWORD", "abcd-efgh-ijkl-mnop", "abcd-efgh-ijkl-mnop"),
        ("DATABASE_URL", "postgresql://nudgebot:pg-s3cret-pw@db.example/nudge", "pg-s3cret-pw"),
    ],
    ids=["app-password", "database-password"],
)
def test_secrets_do_not_show_in_repr(
    monkeypatch: pytest.MonkeyPatch, name: str, value: str, secret: str
) -> None:
    monkeypatch.setenv(name, value)
    settings = load_settings(env_file=None)
    assert secret not in repr(settings)
    assert secret not in str(settings)


# --- policy thresholds -----------------------------------------------------------------------

POLICY_OVERRIDES: list[tuple[str, str, str, object]] = [
    ("JUDGMENT_WINDOW_DAYS", "120", "judgment_window_days", 120),
    ("REGULAR_MIN_DAYS", "3", "regular_min_days", 3),
    ("REGULAR_WINDOW_DAYS", "30", "regular_window_days", 30),
    ("QUIET_MIN_DAYS", "21.5", "quiet_min_days", 21.5),
    ("QUIET_GAP_MULTIPLIER", "2.5", "quiet_gap_multiplier", 2.5),
    ("PROMO_WINDOW_DAYS", "10", "promo_window_days", 10),
    ("PROMO_MIN_POSTS", "8", "promo_min_posts", 8),
    ("PROMO_MIN_RATIO", "0.75", "promo_min_ratio", 0.75),
    ("PROMO_COOLDOWN_DAYS", "45", "promo_cooldown_days", 45),
    ("NUDGE_MIN_INTERVAL_DAYS", "9", "nudge_min_interval_days", 9),
    ("WELCOME_COOLDOWN_DAYS", "60", "welcome_cooldown_days", 60),
    ("DAY_START_HOUR", "8", "day_start_hour", 8),
    ("DAY_END_HOUR", "21", "day_end_hour", 21),
]


@pytest.mark.parametrize(
    ("name", "value", "attr", "expected"), POLICY_OVERRIDES, ids=[c[0] for c in POLICY_OVERRIDES]
)
def test_policy_carries_each_threshold(
    monkeypatch: pytest.MonkeyPatch, name: str, value: str, attr: str, expected: object
) -> None:
    monkeypatch.setenv(name, value)
    policy = load_settings(env_file=None).policy()
    assert getattr(policy, attr) == expected
    others = {f.name for f in fields(PolicySettings)} - {attr}
    defaults = PolicySettings()
    assert all(getattr(policy, o) == getattr(defaults, o) for o in others)


def test_policy_carries_all_thresholds_together(monkeypatch: pytest.MonkeyPatch) -> None:
    for name, value, _, _ in POLICY_OVERRIDES:
        monkeypatch.setenv(name, value)
    policy = load_settings(env_file=None).policy()
    assert {attr: getattr(policy, attr) for _, _, attr, _ in POLICY_OVERRIDES} == {
        attr: expected for _, _, attr, expected in POLICY_OVERRIDES
    }


# --- the .env file ---------------------------------------------------------------------------


def test_dot_env_is_read_and_the_environment_wins(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    (tmp_path / ".env").write_text("BOT_DID=did:plc:fromfile\nFIREHOSE=relay\n")
    settings = load_settings()
    assert (settings.bot_did, settings.firehose) == ("did:plc:fromfile", "relay")
    monkeypatch.setenv("BOT_DID", "did:plc:fromenv")
    assert load_settings().bot_did == "did:plc:fromenv"
    assert load_settings(env_file=None).firehose == "jetstream"


@pytest.mark.parametrize(("given", "expected"), [("debug", "DEBUG"), ("Warning", "WARNING")])
def test_log_level_is_a_level_name_in_any_case(
    monkeypatch: pytest.MonkeyPatch, given: str, expected: str
) -> None:
    monkeypatch.setenv("LOG_LEVEL", given)
    assert load_settings(env_file=None).log_level == expected


def test_profile_description_is_optional_and_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    assert load_settings(env_file=None).profile_description is None
    monkeypatch.setenv("PROFILE_DESCRIPTION", "")  # empty: leave the description alone
    assert load_settings(env_file=None).profile_description is None
    monkeypatch.setenv("PROFILE_DESCRIPTION", "👋🏽" * 256)  # graphemes, not code points
    assert load_settings(env_file=None).profile_description == "👋🏽" * 256
    monkeypatch.setenv("PROFILE_DESCRIPTION", "x" * 257)
    with pytest.raises(ConfigError, match=r"PROFILE_DESCRIPTION: .*at most 256"):
        load_settings(env_file=None)


@pytest.mark.parametrize(
    ("value", "address"),
    [
        (None, ("127.0.0.1", 9464)),  # the default
        ("", ("127.0.0.1", 9464)),  # empty is unset, as for every setting
        ("0.0.0.0:9100", ("0.0.0.0", 9100)),
        (":9100", ("0.0.0.0", 9100)),
        ("[::1]:9464", ("::1", 9464)),
        ("localhost:9464", ("localhost", 9464)),
        ("off", None),
        (" None ", None),
        ("false", None),
    ],
)
def test_metrics_addr(
    monkeypatch: pytest.MonkeyPatch, value: str | None, address: tuple[str, int] | None
) -> None:
    if value is not None:
        monkeypatch.setenv("METRICS_ADDR", value)
    assert load_settings(env_file=None).metrics_address() == address


def test_the_watchdog_settings_default_to_none() -> None:
    settings = load_settings(env_file=None)
    assert settings.watchdog_usec is None and settings.watchdog_pid is None
    assert settings.firehose_ping_interval_seconds == settings.firehose_ping_timeout_seconds == 20
