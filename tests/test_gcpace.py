"""fewer_collections raises the young-generation threshold only while it is entered."""

from __future__ import annotations

import gc

import pytest

from bot.gcpace import BULK_GEN0_THRESHOLD, fewer_collections


def test_threshold_is_raised_inside_and_restored_after() -> None:
    before = gc.get_threshold()
    with fewer_collections():
        inside = gc.get_threshold()
    assert inside == (max(BULK_GEN0_THRESHOLD, before[0]), *before[1:])
    assert gc.get_threshold() == before


def test_threshold_is_restored_when_the_job_fails() -> None:
    before = gc.get_threshold()
    with pytest.raises(RuntimeError), fewer_collections(gen0=123_456):
        assert gc.get_threshold()[0] == 123_456
        raise RuntimeError("job failed")
    assert gc.get_threshold() == before


def test_a_higher_threshold_already_set_is_kept() -> None:
    before = gc.get_threshold()
    gc.set_threshold(10**6, *before[1:])
    try:
        with fewer_collections():
            assert gc.get_threshold()[0] == 10**6
    finally:
        gc.set_threshold(*before)
