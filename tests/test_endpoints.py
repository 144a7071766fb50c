"""The real network's defaults: defined once (bot/endpoints.py), equal to the installed SDK's
own defaults, and the same in Settings, the sources and .env.example."""

from __future__ import annotations

from pathlib import Path

import pytest
from atproto_client.client.base import _BASE_API_URL
from atproto_client.client.methods_mixin.headers import HeadersConfigurationMethodsMixin
from atproto_firehose.firehose import _REPOS_BASE_WEBSOCKET_URI
from atproto_identity.did.resolver import _BASE_PLC_URL
from atproto_jetstream.jetstream import _BASE_WEBSOCKET_URI as _JETSTREAM_BASE_URI

from bot import endpoints
from bot.config import Settings
from bot.sources.jetstream_sub import DEFAULT_URL, JetstreamOptions
from bot.sources.relay import DEFAULT_RELAY_URI, RelayOptions

ENV_EXAMPLE = Path(__file__).resolve().parent.parent / ".env.example"


@pytest.mark.parametrize(
    ("ours", "sdk"),
    [
        (endpoints.JETSTREAM_URL, _JETSTREAM_BASE_URI),
        (endpoints.RELAY_URL, _REPOS_BASE_WEBSOCKET_URI),
        (endpoints.PLC_URL, _BASE_PLC_URL),
        (endpoints.BSKY_SERVICE + "/xrpc", _BASE_API_URL),
        (endpoints.BSKY_CHAT_DID, HeadersConfigurationMethodsMixin.BSKY_CHAT_DID),
    ],
)
def test_each_default_is_the_sdks_own(ours: str, sdk: str) -> None:
    assert ours == sdk


def test_the_jetstream_default_is_a_v2_host() -> None:
    assert "jetstream1." not in endpoints.JETSTREAM_URL
    assert "jetstream2." not in endpoints.JETSTREAM_URL
    assert endpoints.JETSTREAM_URL in endpoints.JETSTREAM_V2_URLS


def _example() -> dict[str, str]:
    pairs = (
        line.split("=", 1)
        for line in ENV_EXAMPLE.read_text().splitlines()
        if "=" in line and not line.startswith("#")
    )
    return {key.strip(): value.strip() for key, value in pairs}


def test_settings_sources_and_env_example_share_the_defaults(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    for name in ("JETSTREAM_URL", "RELAY_URL", "PLC_URL", "BSKY_SERVICE", "BSKY_CHAT_DID"):
        monkeypatch.delenv(name, raising=False)
    settings = Settings(_env_file=None)  # type: ignore[call-arg]
    example = _example()
    expected = {
        "JETSTREAM_URL": endpoints.JETSTREAM_URL,
        "RELAY_URL": endpoints.RELAY_URL,
        "PLC_URL": endpoints.PLC_URL,
        "BSKY_SERVICE": endpoints.BSKY_SERVICE,
        "BSKY_CHAT_DID": endpoints.BSKY_CHAT_DID,
    }
    for name, value in expected.items():
        assert getattr(settings, name.lower()) == value, name
        assert example[name] == value, name
    assert DEFAULT_URL == JetstreamOptions(bot_did="did:plc:x").url == endpoints.JETSTREAM_URL
    assert DEFAULT_RELAY_URI == RelayOptions().base_uri == endpoints.RELAY_URL
