"""`nudgebot classify`: placeholder until the classifier issue lands."""

from __future__ import annotations

import sys


def run_classify(path: str) -> int:
    print("classify: not built yet", file=sys.stderr)
    return 2
