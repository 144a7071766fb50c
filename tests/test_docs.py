"""The docs stay short and true: README.md within 200 lines, every relative link in README.md and
docs/*.md pointing at a file (and heading) that exists, and every `file.py:function` that
docs/architecture.md's walks name still defined (a rename would otherwise leave them stale)."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PAGES = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
LINK = re.compile(r"\[[^\]]*\]\(([^)\s]+)\)")


def slug(heading: str) -> str:
    """GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens."""
    text = re.sub(r"[^\w\- ]", "", heading.strip().lower())
    return text.replace(" ", "-")


def anchors(page: Path) -> set[str]:
    return {slug(m) for m in re.findall(r"^#{1,6} (.+)$", page.read_text(), re.M)}


def links(page: Path) -> list[str]:
    text = re.sub(r"```.*?```", "", page.read_text(), flags=re.S)  # code blocks hold no links
    return [t for t in LINK.findall(text) if not re.match(r"[a-z]+:", t)]


def test_the_readme_stays_within_200_lines() -> None:
    assert len((ROOT / "README.md").read_text().splitlines()) <= 200


def broken_links(page: Path) -> list[str]:
    broken = []
    for target in links(page):
        path, _, anchor = target.partition("#")
        file = (page.parent / path).resolve() if path else page
        if not file.exists() or (anchor and file.suffix == ".md" and anchor not in anchors(file)):
            broken.append(target)
    return broken


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_every_relative_link_points_at_an_existing_file_and_heading(page: Path) -> None:
    assert broken_links(page) == []


def test_the_link_check_sees_a_missing_file_and_a_missing_heading(tmp_path: Path) -> None:
    (tmp_path / "there.md").write_text("# There\n\n## The bot's heading (`code`)\n")
    page = tmp_path / "page.md"
    page.write_text(
        "[ok](there.md#the-bots-heading-code) [gone](missing.md#x) [bad](there.md#nope)\n"
        "[web](https://example.org/x.md) [self](#there)\n"
        "```\n[in code](not-a-link.md)\n```\n"
    )
    assert broken_links(page) == [
        "missing.md#x",
        "there.md#nope",
        "#there",
    ]


def defines(path: Path, qualname: str) -> bool:
    scope: list[ast.stmt] = ast.parse(path.read_text()).body
    for name in qualname.split("."):
        found = [
            node
            for node in scope
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef)
            and node.name == name
        ]
        if not found:
            return False
        scope = found[0].body
    return True


def test_every_function_the_architecture_walks_name_exists() -> None:
    named = set(re.findall(r"`([\w/]+\.py):([\w.]+)`", (ROOT / "docs/architecture.md").read_text()))
    assert len(named) > 100  # both walks, not a page that lost them
    missing = [
        f"{path}:{name}"
        for path, name in sorted(named)
        if not (ROOT / "bot" / path).exists() or not defines(ROOT / "bot" / path, name)
    ]
    assert missing == []
