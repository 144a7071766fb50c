"""docs/threat-model.md: one page, and every file it points to exists (a renamed module would
otherwise leave the page describing code that is gone)."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PAGE = ROOT / "docs" / "threat-model.md"


def test_the_threat_model_is_one_page_covering_the_trust_the_bot_places() -> None:
    text = PAGE.read_text()
    assert len(text.splitlines()) <= 100
    for topic in ("Jetstream operator", "not signed", "reconciliation re-checks", "SSRF guard"):
        assert topic in text, topic
    assert "docs/threat-model.md" in (ROOT / "README.md").read_text()


def test_every_file_the_threat_model_names_exists() -> None:
    named = set(
        re.findall(r"\b((?:bot|deploy|docs|tests)/[\w./-]+\.(?:py|md|service))", PAGE.read_text())
    )
    assert "bot/sources/egress.py" in named
    assert [n for n in sorted(named) if not (ROOT / n).exists()] == []
