"""The layers of docs/architecture.md hold, and `make check`'s import-linter contracts
([tool.importlinter] in pyproject.toml) would see them broken: each breach below is added to a
copy of bot/, and the same contracts must fail on it."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
LINT_IMPORTS = Path(sys.executable).parent / "lint-imports"


def lint_imports(tree: Path) -> subprocess.CompletedProcess[str]:
    # the copy first on the path: grimp must read it, not the installed (editable) package
    env = {**os.environ, "PYTHONPATH": str(tree)}
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache", "--no-logo"],
        cwd=tree,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    shutil.copytree(ROOT / "bot", tmp_path / "bot", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", tmp_path)
    return tmp_path


def add_line(module: Path, line: str) -> None:
    module.write_text(module.read_text() + f"\n{line}\n")


def test_the_layers_hold_on_the_tree_as_it_is(tree: Path) -> None:
    result = lint_imports(tree)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "2 kept, 0 broken" in result.stdout


@pytest.mark.parametrize(
    ("module", "line", "named"),
    [
        # a source naming the ingest loop's type again (what sources/ did before issue 19)
        ("sources/relay.py", "from bot.ingest import IngestLoop", "sources.relay -> bot.ingest"),
        # settings reaching into the database adapter
        ("config.py", "from bot.store import engine", "bot.config -> bot.store"),
        # a sibling adapter
        ("chat/client.py", "from bot.sources import session", "bot.chat.client -> bot.sources"),
        # the base importing the domain
        ("shared.py", "from bot import policy", "bot.shared -> bot.policy"),
    ],
)
def test_an_upward_import_fails_the_check(tree: Path, module: str, line: str, named: str) -> None:
    add_line(tree / "bot" / module, line)
    result = lint_imports(tree)
    assert result.returncode == 1, result.stdout
    assert "layers: entry > assembly" in result.stdout and "BROKEN" in result.stdout
    assert named in result.stdout


def test_a_cycle_within_a_layer_fails_the_check(tree: Path) -> None:
    # store/friends.py <-> store/ingest.py was one, hidden by an import inside a function
    add_line(tree / "bot/store/drafts.py", "from bot.store import ingest")
    result = lint_imports(tree)
    assert result.returncode == 1, result.stdout
    assert "no import cycle between the modules of one package BROKEN" in result.stdout


def test_a_new_module_must_be_given_a_layer(tree: Path) -> None:
    (tree / "bot/newcomer.py").write_text('"""Not yet in any layer."""\n')
    result = lint_imports(tree)
    assert result.returncode == 1, result.stdout
    assert "bot.newcomer" in result.stdout
