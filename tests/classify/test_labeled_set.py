"""The labeled set: its size and coverage, its frozen split, and floors on the test split.

The floors are a regression guard on the split frozen before tuning; weights were tuned on the
train split only (see docs/classifier.md).
"""

from __future__ import annotations

import importlib.util
from collections import Counter
from pathlib import Path
from types import ModuleType
from typing import Any

import orjson
import pytest

from bot.classify.evaluate import evaluate, load_rows

DATA_DIR = Path(__file__).parent / "data"
LABELED = DATA_DIR / "labeled.jsonl"


@pytest.fixture(scope="module")
def rows() -> list[dict[str, Any]]:
    return load_rows(LABELED)


def _source() -> ModuleType:
    spec = importlib.util.spec_from_file_location("labeled_source", DATA_DIR / "labeled_source.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_coverage(rows: list[dict[str, Any]]) -> None:
    assert len(rows) >= 250
    langs = Counter(r["lang"] for r in rows)
    for lang in ("es", "de", "fr", "pt", "ja"):
        assert langs[lang] >= 15, lang
    tags = Counter(t for r in rows for t in r["tags"])
    assert tags["hard-negative"] >= 60
    assert tags["subtle-promo"] >= 30
    assert all(r["label"] in ("promo", "not") for r in rows)
    assert len({r["id"] for r in rows}) == len(rows)


def test_rows_are_post_records(rows: list[dict[str, Any]]) -> None:
    for row in rows:
        record = row["record"]
        assert record["$type"] == "app.bsky.feed.post"
        assert isinstance(record["text"], str)
        for facet in record.get("facets", []):
            start, end = facet["index"]["byteStart"], facet["index"]["byteEnd"]
            assert 0 <= start < end <= len(record["text"].encode()), row["id"]


def test_split_is_frozen_by_id_hash(rows: list[dict[str, Any]]) -> None:
    split_of = _source().split_of
    assert all(row["split"] == split_of(row["id"]) for row in rows)
    share = sum(row["split"] == "test" for row in rows) / len(rows)
    assert 0.3 <= share <= 0.45


def test_file_matches_its_source(tmp_path: Path) -> None:
    source = _source()
    rebuilt = [
        orjson.dumps(
            {
                "id": post_id,
                "lang": lang,
                "label": label,
                "tags": tags,
                "split": source.split_of(post_id),
                "record": source.build_record(lang, text, extras, n),
            }
        )
        for n, (post_id, lang, label, tags, text, extras) in enumerate(source.POSTS)
    ]
    assert LABELED.read_bytes() == b"\n".join(rebuilt) + b"\n"


def test_test_split_floors(rows: list[dict[str, Any]]) -> None:
    overall = evaluate(rows, "test").overall
    assert overall.precision >= 0.92
    assert overall.recall >= 0.80


def test_hard_negatives_stay_negative_on_train(rows: list[dict[str, Any]]) -> None:
    train_hard = [r for r in rows if r["split"] == "train" and "hard-negative" in r["tags"]]
    report = evaluate(train_hard, "train")
    assert report.overall.fp == 0, report.errors
