"""Promo classifier (placeholder until the classifier issue lands: it never says promo)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True, slots=True)
class PromoVerdict:
    score: float
    promo: bool
    reasons: tuple[str, ...] = ()


def classify(record: Mapping[str, Any]) -> PromoVerdict:
    return PromoVerdict(score=0.0, promo=False, reasons=())
