"""Precision/recall/F1 of the promo classifier on the frozen labeled set, per split and language.

Usage: python bench/classify_eval.py [--errors]   (tune on train only; test is for reporting)
"""

from __future__ import annotations

import sys
from pathlib import Path

from bot.classify.evaluate import evaluate, format_report, load_rows

DATA = Path(__file__).resolve().parent.parent / "tests" / "classify" / "data" / "labeled.jsonl"


def main(argv: list[str]) -> int:
    rows = load_rows(DATA)
    show_errors = "--errors" in argv
    for split in ("train", "test"):
        report = evaluate(rows, split)
        print(format_report(f"== {split} split (promo = positive class)", report))
        if show_errors and split == "train":
            for post_id, kind, reasons in report.errors:
                print(f"  {kind:<15} {post_id:<8} {', '.join(reasons)}")
        print()
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
