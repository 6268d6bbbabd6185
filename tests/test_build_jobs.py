"""How many languages build at once: as many as there are cores and as fit into the memory budget."""

from __future__ import annotations

import pytest

from macros.build import build_jobs, resident_mb


@pytest.fixture(autouse=True)
def two_cores(monkeypatch):
    monkeypatch.delenv("KIM_BUILD_JOBS", raising=False)
    monkeypatch.delenv("KIM_BUILD_MEMORY_MB", raising=False)
    monkeypatch.setattr("os.cpu_count", lambda: 2)


def test_small_data_builds_one_language_per_core():
    assert build_jobs(8, loaded_mb=60) == 2


def test_large_data_builds_languages_one_after_another_within_400_mb():
    # Parent plus two workers of about the parent's size would need 480 MB.
    assert build_jobs(8, loaded_mb=160) == 1


def test_the_memory_budget_can_be_raised(monkeypatch):
    monkeypatch.setenv("KIM_BUILD_MEMORY_MB", "1000")
    assert build_jobs(8, loaded_mb=160) == 2


def test_kim_build_jobs_overrides_the_budget(monkeypatch):
    monkeypatch.setenv("KIM_BUILD_JOBS", "2")
    assert build_jobs(8, loaded_mb=300) == 2


def test_never_more_workers_than_languages():
    assert build_jobs(1, loaded_mb=10) == 1


def test_resident_memory_of_this_process_is_read():
    assert resident_mb() > 10
