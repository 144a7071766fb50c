"""The learned model: the committed weights are what the committed corpus trains, the blind
split is the frozen file it was, and the model file stays small and well-formed."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from types import ModuleType

import pytest

from bot.classify import PromoVerdict, classify, post_features, score_post
from bot.classify.learned import MODEL_PATH, load_model
from tests.training import load_trainer

ROOT = Path(__file__).resolve().parents[2]
BLIND = ROOT / "data" / "promo" / "blind-test.jsonl"
BLIND_SHA256 = "9721c133b785e9b0724e4b17e60ca3a410253e226b9ebbafcba9c1a1866e15d0"
# half of a realistic timeline by a writer who never saw the classifier, split by id hash
TIMELINE = ROOT / "data" / "promo" / "timeline-test.jsonl"
TIMELINE_SHA256 = "2a1b000c292e4a7e262ab155885a0dfac4ee29a897c5ec00b51445edbe890da1"


def _trainer() -> ModuleType:
    return load_trainer("train_promo")


@pytest.mark.parametrize(("path", "digest"), [(BLIND, BLIND_SHA256), (TIMELINE, TIMELINE_SHA256)])
def test_test_splits_are_the_frozen_files(path: Path, digest: str) -> None:
    assert hashlib.sha256(path.read_bytes()).hexdigest() == digest


@pytest.mark.parametrize("path", [BLIND, TIMELINE])
def test_training_never_reads_a_test_split(path: Path) -> None:
    trainer = _trainer()
    rows = [json.loads(line) for line in path.read_text().splitlines() if line]
    training = trainer.training_rows()
    assert not {row["id"] for row in rows} & {row["id"] for row in training}
    # independent writers sometimes write the same short post word for word
    texts = {row["record"]["text"].strip().lower() for row in rows}
    assert not texts & {row["record"]["text"].strip().lower() for row in training}


@pytest.mark.slow
def test_committed_weights_are_what_the_corpus_trains() -> None:
    pytest.importorskip("sklearn")
    trainer = _trainer()
    assert trainer.dump(trainer.train()) == MODEL_PATH.read_text(encoding="utf-8")


def test_model_file_is_small_and_complete() -> None:
    assert MODEL_PATH.stat().st_size <= 2 * 1024 * 1024
    model = load_model()
    assert 0.0 < model.share_threshold <= model.threshold < 1.0
    assert len(model.weights) > 1000


def test_load_model_refuses_another_format(tmp_path: Path) -> None:
    path = tmp_path / "model.json"
    path.write_text(json.dumps({"format": 99, "bias": 0, "weights": {}}))
    with pytest.raises(ValueError, match="format 99"):
        load_model(path)


def test_score_is_a_probability_and_reasons_name_features() -> None:
    record = {
        "$type": "app.bsky.feed.post",
        "text": "Commissions open! 3 slots left, 20% off with code WINTER20, link in bio",
    }
    verdict = classify(record)
    assert verdict.promo and 0.5 < verdict.score <= 1.0
    assert verdict.reasons and all(isinstance(r, str) and r for r in verdict.reasons)
    # the service's path gives the same verdict without naming reasons
    assert score_post(record) == PromoVerdict(verdict.score, True, (), verdict.share)


def test_share_flag_is_at_least_as_generous_as_the_post_verdict() -> None:
    record = {"$type": "app.bsky.feed.post", "text": "new episode is out, link in bio"}
    verdict = classify(record)
    assert verdict.counts_toward_share or not verdict.promo


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Now booking 2 tattoo appointments", {"now", "booking", "now booking"}),
        ("Preis 25 €", {"preis", "0", "€", "preis 0"}),
        ("新刊通販", {"c:新刊", "c:刊通", "c:通販"}),
    ],
)
def test_text_features(text: str, expected: set[str]) -> None:
    assert expected <= post_features({"text": text})


def test_malformed_records_never_raise() -> None:
    for record in ({"text": 5}, {"facets": "x", "embed": []}, {"reply": 1}, {}):
        assert 0.0 <= classify(record).score <= 1.0
