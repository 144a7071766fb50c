"""The reply-triage model: the committed weights are what the committed corpus trains, the blind
split is the frozen file it was, and the model reads what the taxonomy says it must."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from types import ModuleType

import pytest

from bot.triage import Level, triage
from bot.triage.lexicon import signals
from bot.triage.model import MODEL_PATH, load_model, reply_features
from tests.training import load_trainer

ROOT = Path(__file__).resolve().parents[2]
BLIND = ROOT / "data" / "triage" / "blind-test.jsonl"
BLIND_SHA256 = "d54074cd9f78bb7cf7cc42b7a9f80f81ae6b8ebb868de80df81e9dc2f00c6d92"


def _trainer() -> ModuleType:
    return load_trainer("train_triage")


def test_blind_split_is_the_frozen_file() -> None:
    assert hashlib.sha256(BLIND.read_bytes()).hexdigest() == BLIND_SHA256


def test_training_never_reads_the_blind_split() -> None:
    blind = {json.loads(line)["text"] for line in BLIND.read_text().splitlines() if line}
    assert not blind & {row["text"] for row in _trainer().training_rows()}


@pytest.mark.slow
def test_committed_weights_are_what_the_corpus_trains() -> None:
    pytest.importorskip("sklearn")
    trainer = _trainer()
    assert trainer.dump(trainer.train()) == MODEL_PATH.read_text(encoding="utf-8")


def test_model_file_is_small_and_complete() -> None:
    # loaded once per process; replies are rare, so the file's size only costs start-up time
    assert MODEL_PATH.stat().st_size <= 3 * 1024 * 1024
    model = load_model()
    assert 0.0 < model.distress_threshold < 1.0 and 0.0 < model.crisis_threshold < 1.0
    assert len(model.weights) > 1000


@pytest.mark.parametrize("text", ["", "   ", None, 5])
def test_empty_or_wrong_input_is_ok_and_never_raises(text: object) -> None:
    assert triage(text).level is Level.OK  # type: ignore[arg-type]


def test_reasons_carry_the_probabilities_and_never_the_text() -> None:
    result = triage("I don't want to be here anymore. I've given my things away.")
    assert result.level is Level.CRISIS
    assert result.reasons[0].startswith("p_crisis=") and result.reasons[1].startswith("p_distress=")
    assert not any("given my things away" in r for r in result.reasons)


@pytest.mark.parametrize(
    ("text", "fired", "absent"),
    [
        ("my friend says she wants to kill herself", {"someone_else&suicidal"}, set()),
        ("this week is killing me lol", {"idiom&laughing"}, {"suicidal"}),
        ("planning a trip to europe", set(), {"means"}),  # "rope" only at a word start
        ("quiero morirme", {"suicidal"}, set()),
        ("消えたい", {"suicidal"}, set()),
        ("me muero de risa", {"laughing"}, {"suicidal"}),
        ("two years ago I wanted to die, now I'm good", {"suicidal&recovered"}, set()),
    ],
)
def test_signals(text: str, fired: set[str], absent: set[str]) -> None:
    found = signals(text.lower())
    assert fired <= found and not absent & found


def test_features_mark_negation_scope() -> None:
    features = reply_features("I'm not suicidal, just tired")
    assert "neg:suicidal" in features and "neg:tired" in features
    assert "neg:i'm" not in features


# The commonest answers there are. With the distress line at 1 % of training crises (0.02),
# each of these was answered as distress: "I'm sorry things are heavy" to someone who said
# "good" (docs/safety.md).
@pytest.mark.parametrize(
    "text", ["fine", "good", "great!", "all good!", "im fine", "bien", "gut", "ça va", "元気です"]
)
def test_a_plain_fine_is_ok(text: str) -> None:
    assert triage(text).level is Level.OK, triage(text)
