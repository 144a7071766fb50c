"""Precision/recall of `classify` over a labeled JSON-lines set (used by bench and tests)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import orjson

from bot.classify import classify


@dataclass(slots=True)
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    tn: int = 0

    def add(self, predicted: bool, actual: bool) -> None:
        if predicted and actual:
            self.tp += 1
        elif predicted:
            self.fp += 1
        elif actual:
            self.fn += 1
        else:
            self.tn += 1

    @property
    def n(self) -> int:
        return self.tp + self.fp + self.fn + self.tn

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass(slots=True)
class Report:
    overall: Counts = field(default_factory=Counts)
    by_lang: dict[str, Counts] = field(default_factory=dict)
    by_kind: dict[str, Counts] = field(default_factory=dict)
    errors: list[tuple[str, str, tuple[str, ...]]] = field(default_factory=list)
    # the same posts judged by the lower per-person threshold (what feeds the promotional share)
    share: Counts = field(default_factory=Counts)


def load_rows(path: Path) -> list[dict[str, Any]]:
    return [orjson.loads(line) for line in path.read_bytes().splitlines() if line.strip()]


def evaluate(rows: Iterable[Mapping[str, Any]], split: str | None) -> Report:
    """Score rows of the labeled set; `split` selects "train" or "test" (None: all rows)."""
    report = Report()
    for row in rows:
        if split is not None and row.get("split") != split:
            continue
        verdict = classify(row["record"])
        actual = row["label"] == "promo"
        report.overall.add(verdict.promo, actual)
        report.share.add(verdict.counts_toward_share, actual)
        lang = str(row["lang"])
        report.by_lang.setdefault(lang, Counts()).add(verdict.promo, actual)
        group = "en" if lang == "en" else "non-en"
        report.by_lang.setdefault(group + "*", Counts()).add(verdict.promo, actual)
        for tag in row.get("tags") or ("untagged",):
            report.by_kind.setdefault(f"{row['label']}:{tag}", Counts()).add(verdict.promo, actual)
        if verdict.promo != actual:
            kind = "false-positive" if verdict.promo else "false-negative"
            report.errors.append((str(row["id"]), kind, verdict.reasons))
    return report


def format_kinds(report: Report) -> str:
    """Per kind of post: how many were called promo (for promo kinds that is the recall, for
    kinds of hard negative the false-positive rate)."""
    lines = [f"{'kind':<34}{'n':>5}{'called promo':>14}"]
    for name, c in sorted(report.by_kind.items()):
        lines.append(f"{name:<34}{c.n:>5}{c.tp + c.fp:>14}")
    return "\n".join(lines)


def format_report(title: str, report: Report) -> str:
    lines = [
        title,
        f"{'lang':<8}{'n':>5}{'tp':>5}{'fp':>5}{'fn':>5}{'prec':>8}{'recall':>8}{'f1':>8}",
    ]
    rows = [("all", report.overall), *sorted(report.by_lang.items())]
    for name, c in rows:
        lines.append(
            f"{name:<8}{c.n:>5}{c.tp:>5}{c.fp:>5}{c.fn:>5}"
            f"{c.precision:>8.3f}{c.recall:>8.3f}{c.f1:>8.3f}"
        )
    return "\n".join(lines)


def format_flag_rates(report: Report) -> str:
    """How much of a timeline is flagged, against how much truly is promotion."""
    c, s = report.overall, report.share
    true_rate = (c.tp + c.fn) / c.n if c.n else 0.0
    return (
        f"promotions {c.tp + c.fn} of {c.n} ({true_rate:.1%}); called promo {c.tp + c.fp} "
        f"({(c.tp + c.fp) / c.n:.1%}); ordinary posts called promo {c.fp} of {c.fp + c.tn} "
        f"({c.fp / max(1, c.fp + c.tn):.1%}); counted toward a person's share {s.tp + s.fp} "
        f"({(s.tp + s.fp) / c.n:.1%}), ordinary {s.fp} ({s.fp / max(1, s.fp + s.tn):.1%})"
    )
