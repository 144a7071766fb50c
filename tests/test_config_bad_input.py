"""Settings from any string (property-based): a valid `Settings` or one `ConfigError`, never
another exception — also from what the CLI derives right after (`policy()`, the database URL).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.config import Settings, load_settings
from bot.errors import ConfigError

FIELDS = sorted(Settings.model_fields)
# what an environment variable can hold: no NUL, no lone surrogates
env_text = st.text(
    alphabet=st.characters(codec="utf-8", exclude_characters="\x00"), max_size=60
) | st.sampled_from(["", " ", "0", "-1", "1e309", "nan", "inf", "true", "25", "did:", "://"])


@contextmanager
def environment(values: dict[str, str]) -> Iterator[None]:
    saved = {name: os.environ.get(name) for name in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for name, old in saved.items():
            if old is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = old


@pytest.fixture(autouse=True)
def clean_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    for name in FIELDS:
        monkeypatch.delenv(name.upper(), raising=False)
    monkeypatch.chdir(tmp_path)


def load_and_derive(values: dict[str, str]) -> Settings | None:
    with environment(values):
        try:
            settings = load_settings(env_file=None)
            settings.policy()
            settings.resolved_database_url()
            settings.app_password()
        except ConfigError as e:
            assert str(e).startswith(("invalid settings: ", "DATABASE_URL"))
            return None
    return settings


@given(st.sampled_from(FIELDS), env_text)
def test_any_string_for_one_setting(name: str, value: str) -> None:
    load_and_derive({name.upper(): value})


@given(st.dictionaries(st.sampled_from(FIELDS).map(str.upper), env_text, max_size=6))
def test_any_strings_for_several_settings(values: dict[str, str]) -> None:
    load_and_derive(values)


def test_a_bad_value_names_the_setting() -> None:
    with pytest.raises(ConfigError, match="DM_PER_MINUTE"), environment({"DM_PER_MINUTE": "x"}):
        load_settings(env_file=None)
