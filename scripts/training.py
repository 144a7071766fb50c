"""What both training scripts share: reading a corpus, its digest, and the binary feature matrix
over the features seen in at least `min_docs` examples."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import numpy as np
from scipy.sparse import csr_matrix


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


def corpus_digest(rows: list[dict[str, Any]]) -> str:
    digest = hashlib.sha256()
    for row in rows:
        digest.update(json.dumps(row, sort_keys=True, ensure_ascii=False).encode())
    return digest.hexdigest()


def binary_matrix(sets: list[set[str]], min_docs: int) -> tuple[csr_matrix, list[str]]:
    """One row per example, one column per feature seen in >= min_docs examples (a feature seen
    in one example only is that example's fingerprint, not a pattern), sorted by name."""
    docs: dict[str, int] = {}
    for features in sets:
        for feature in features:
            docs[feature] = docs.get(feature, 0) + 1
    vocabulary = sorted(f for f, n in docs.items() if n >= min_docs)
    index = {f: i for i, f in enumerate(vocabulary)}
    indptr, cols = [0], []
    for features in sets:
        cols.extend(sorted(index[f] for f in features if f in index))
        indptr.append(len(cols))
    data = np.ones(len(cols), dtype=np.float64)
    shape = (len(sets), len(index))
    return csr_matrix((data, np.array(cols), np.array(indptr)), shape=shape), vocabulary


def labels_of(values: Iterable[int]) -> np.ndarray:
    return np.array(list(values), dtype=np.int64)
