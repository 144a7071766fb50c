"""Train the reply-triage model (`make train`): data/triage/train-*.jsonl in,
bot/triage/triage_model.json out. Deterministic: the same corpus gives the same file.

The blind split (data/triage/blind-test.jsonl) is never read here; bench/triage_eval.py reports
on it. Chosen on the training data only, by 5-fold cross-validation:
- the L2 strength C, by out-of-fold log-loss;
- the distress threshold: the highest p(crisis) + p(distress) at which out-of-fold at most
  CRISIS_AS_OK_CAP of the crisis replies would be called ok (a crisis called distress still
  reaches a human in the inbox and stops the nudges; one called ok is missed). 2 %, not 1 %:
  at 1 % the line fell to 0.02 and "fine", "good" and "great!" were answered as distress;
- the crisis threshold: the lowest p(crisis) at which out-of-fold at most OK_AS_CRISIS_CAP of
  the ok replies would be called a crisis (a false alarm sends crisis lines to someone who is
  fine: cheaper than a miss, but not free, and it is the one message that carries numbers).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

import numpy as np
from scipy.sparse import csr_matrix
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import log_loss
from sklearn.model_selection import StratifiedKFold

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.triage.model import LEVELS, MODEL_FORMAT, MODEL_PATH, reply_features  # noqa: E402
from scripts.training import binary_matrix, corpus_digest, labels_of, read_jsonl  # noqa: E402

CORPUS = ROOT / "data" / "triage"
C_GRID = (0.5, 1.0, 2.0, 4.0, 8.0)
CRISIS_AS_OK_CAP = 0.02
OK_AS_CRISIS_CAP = 0.05
MIN_DOCS = 3
MIN_WEIGHT = 0.01


def training_rows() -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    for path in sorted(CORPUS.glob("train-*.jsonl")):
        rows.extend(read_jsonl(path))
    return rows


def featurize(rows: list[dict[str, Any]]) -> tuple[csr_matrix, np.ndarray, list[str]]:
    sets = [reply_features(row["text"]) for row in rows]
    matrix, vocabulary = binary_matrix(sets, MIN_DOCS)
    return matrix, labels_of(LEVELS.index(row["level"]) for row in rows), vocabulary


def _model(c: float) -> LogisticRegression:
    return LogisticRegression(C=c, solver="lbfgs", max_iter=3000, random_state=0)


def out_of_fold(matrix: csr_matrix, labels: np.ndarray, c: float) -> np.ndarray:
    folds = StratifiedKFold(n_splits=5, shuffle=True, random_state=0)
    probabilities = np.zeros((len(labels), len(LEVELS)))
    for train, held in folds.split(matrix, labels):
        fitted = _model(c).fit(matrix[train], labels[train])
        probabilities[held] = fitted.predict_proba(matrix[held])
    return probabilities


def highest_threshold_keeping(scores: np.ndarray, positive: np.ndarray, cap: float) -> float:
    """The highest threshold (steps of 0.01) that leaves at most `cap` of `positive` below it."""
    for t in np.arange(0.95, 0.0, -0.01):
        if (scores[positive] < t).mean() <= cap:
            return round(float(t), 2)
    return 0.01


def lowest_threshold_admitting(scores: np.ndarray, negative: np.ndarray, cap: float) -> float:
    """The lowest threshold (steps of 0.01) that lets at most `cap` of `negative` reach it."""
    for t in np.arange(0.05, 1.0, 0.01):
        if (scores[negative] >= t).mean() <= cap:
            return round(float(t), 2)
    return 0.99


def train() -> dict[str, Any]:
    rows = training_rows()
    matrix, labels, vocabulary = featurize(rows)
    losses = {c: log_loss(labels, out_of_fold(matrix, labels, c)) for c in C_GRID}
    best_c = min(C_GRID, key=lambda c: (round(losses[c], 6), c))
    oof = out_of_fold(matrix, labels, best_c)
    crisis_t = lowest_threshold_admitting(oof[:, 0], labels == 2, OK_AS_CRISIS_CAP)
    distress_t = highest_threshold_keeping(oof[:, 0] + oof[:, 1], labels == 0, CRISIS_AS_OK_CAP)
    fitted = _model(best_c).fit(matrix, labels)
    weights = {}
    for i, feature in enumerate(vocabulary):
        column = fitted.coef_[:, i]
        if np.abs(column).max() >= MIN_WEIGHT:
            weights[feature] = [round(float(w), 3) for w in column]
    return {
        "format": MODEL_FORMAT,
        "corpus_sha256": corpus_digest(rows),
        "replies": len(rows),
        "c": best_c,
        "bias": [round(float(b), 4) for b in fitted.intercept_],
        "crisis_threshold": crisis_t,
        "distress_threshold": distress_t,
        "weights": dict(sorted(weights.items())),
    }


def dump(model: dict[str, Any]) -> str:
    return json.dumps(model, ensure_ascii=False, separators=(",", ":")) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=MODEL_PATH)
    args = parser.parse_args()
    model = train()
    args.out.write_text(dump(model), encoding="utf-8")
    print(
        f"train: {model['replies']} replies, C={model['c']}, {len(model['weights'])} weights, "
        f"crisis threshold {model['crisis_threshold']}, "
        f"distress threshold {model['distress_threshold']} -> {args.out}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
