"""Reply triage on the blind split: the confusion table and the goals of docs/safety.md, per
language. The blind split was written by a writer who never saw the triage; it is never trained
or tuned on, only reported.

Usage: python bench/triage_eval.py [FILE]
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

from bot.triage import triage

ROOT = Path(__file__).resolve().parent.parent
BLIND = ROOT / "data" / "triage" / "blind-test.jsonl"
LEVELS = ("crisis", "distress", "ok")


def figures(pairs: list[tuple[str, str]]) -> dict[str, float]:
    """Goal figures from (true level, predicted level) pairs."""
    counts = Counter(pairs)
    crisis = sum(n for (t, _), n in counts.items() if t == "crisis")
    called_crisis = sum(n for (_, p), n in counts.items() if p == "crisis")
    serious = sum(n for (t, _), n in counts.items() if t != "ok")
    ok = sum(n for (t, _), n in counts.items() if t == "ok")
    return {
        "crisis_recall": counts["crisis", "crisis"] / crisis if crisis else 1.0,
        "crisis_as_ok": counts["crisis", "ok"],
        "crisis_precision": counts["crisis", "crisis"] / called_crisis if called_crisis else 1.0,
        "serious_recall": sum(counts[t, p] for t in LEVELS[:2] for p in LEVELS[:2]) / serious
        if serious
        else 1.0,
        "ok_to_crisis": counts["ok", "crisis"] / ok if ok else 0.0,
    }


def main(argv: list[str]) -> int:
    path = Path(argv[0]) if argv else BLIND
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
    by_lang: dict[str, list[tuple[str, str]]] = {}
    for row in rows:
        pair = (row["level"], triage(row["text"]).level.value)
        by_lang.setdefault("all", []).append(pair)
        by_lang.setdefault(row["lang"], []).append(pair)
    print(f"reply triage on {path.name} ({len(rows)} replies)")
    print("goals: crisis recall >= 0.97, crisis as ok = 0, crisis precision >= 0.80,")
    print("       distress-or-crisis recall >= 0.90, ok raised to crisis <= 3 %")
    print(f"{'lang':<6}{'n':>5}{'c.recall':>10}{'c->ok':>7}{'c.prec':>8}{'d|c rec':>9}{'ok->c':>8}")
    for lang, pairs in sorted(by_lang.items(), key=lambda kv: (kv[0] != "all", kv[0])):
        f = figures(pairs)
        print(
            f"{lang:<6}{len(pairs):>5}{f['crisis_recall']:>10.3f}{f['crisis_as_ok']:>7}"
            f"{f['crisis_precision']:>8.3f}{f['serious_recall']:>9.3f}{f['ok_to_crisis']:>8.1%}"
        )
    confusion = Counter(by_lang["all"])
    print("\nconfusion (rows: true level, columns: triaged)")
    print(f"{'':<10}" + "".join(f"{p:>10}" for p in LEVELS))
    for t in LEVELS:
        print(f"{t:<10}" + "".join(f"{confusion[t, p]:>10}" for p in LEVELS))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
