"""Precision/recall of the promo classifier: the blind split first, then the old labeled set.

Usage: python bench/classify_eval.py [--kinds] [--errors]
The blind split (data/promo/blind-test.jsonl) was written by a writer who never saw the
classifier; it is never trained or tuned on, only reported. `--errors` lists the old set's
train-split errors only (never the blind split's: looking at them would be tuning on them).
"""

from __future__ import annotations

import sys
from pathlib import Path

from bot.classify.evaluate import (
    evaluate,
    format_flag_rates,
    format_kinds,
    format_report,
    load_rows,
)

ROOT = Path(__file__).resolve().parent.parent
BLIND = ROOT / "data" / "promo" / "blind-test.jsonl"
# half of a realistic timeline (about 3 % promotions), by a writer who never saw the classifier;
# the other half trains (data/promo/train-tl.jsonl); this half is only reported
TIMELINE = ROOT / "data" / "promo" / "timeline-test.jsonl"
OLD = ROOT / "tests" / "classify" / "data" / "labeled.jsonl"


def main(argv: list[str]) -> int:
    if BLIND.exists():
        report = evaluate(load_rows(BLIND), None)
        print(format_report("== blind split (promo = positive class)", report))
        if "--kinds" in argv:
            print(format_kinds(report))
        print()
    if TIMELINE.exists():
        report = evaluate(load_rows(TIMELINE), None)
        print(format_report("== timeline split (ordinary posts, few promotions)", report))
        print(format_flag_rates(report))
        print()
    rows = load_rows(OLD)
    for split in ("train", "test"):
        report = evaluate(rows, split)
        print(format_report(f"== old set, {split} split", report))
        if "--errors" in argv and split == "train":
            for post_id, kind, reasons in report.errors:
                print(f"  {kind:<15} {post_id:<8} {', '.join(reasons)}")
        print()
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
