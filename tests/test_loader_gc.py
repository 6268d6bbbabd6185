"""Loading pauses Python's cyclic garbage collector (macros/loader.py, ``collector_paused``):
safe only while loading makes no reference cycles, and only if the collector always resumes."""

from __future__ import annotations

import gc
from pathlib import Path

import pytest
from support import TINY_REGION

from macros.loader import DataErrors, collector_paused, load


def test_loading_a_region_makes_no_reference_cycles() -> None:
    load(TINY_REGION)  # the first load imports lazily; its import machinery may leave garbage
    gc.collect()

    with collector_paused():
        dataset = load(TINY_REGION)
        unreachable = gc.collect()  # an explicit collection runs while the collector is paused

    assert dataset.offers
    assert unreachable == 0


def test_collector_runs_again_after_a_load() -> None:
    load(TINY_REGION)

    assert gc.isenabled()


def test_collector_runs_again_after_a_load_that_fails(minimal_data: Path) -> None:
    (minimal_data / "documents.yml").write_text("documents: [\n", encoding="utf-8")

    with pytest.raises(DataErrors):
        load(minimal_data)

    assert gc.isenabled()


def test_collector_paused_by_the_caller_stays_paused_after_a_load() -> None:
    gc.disable()
    try:
        load(TINY_REGION)
        assert not gc.isenabled()
    finally:
        gc.enable()
