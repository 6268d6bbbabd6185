"""How many languages build at once: as many as there are cores and as fit into the memory budget."""  # noqa: E501

from __future__ import annotations

import os

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
    # Parent plus two workers, each the parent's size plus its MkDocs build, would need 420 MB.
    assert build_jobs(8, loaded_mb=100) == 1


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


@pytest.mark.regions  # the real data, for its variety of sets
def test_the_build_is_the_same_whatever_the_hash_seed(tmp_path):
    """Nothing on a page may depend on the order of a set (it changes with PYTHONHASHSEED)."""
    import filecmp
    import subprocess
    import sys

    from support import ROOT

    sites = []
    for seed in ("1", "2"):
        site = tmp_path / f"site-{seed}"
        subprocess.run([sys.executable, "-m", "macros.cli", "build", "--data", "data", "--out",
                        str(site), "--lang", "de"], cwd=ROOT, check=True,
                       capture_output=True, env={**os.environ, "PYTHONHASHSEED": seed,
                                                 "KIM_BUILD_DATE": "2026-01-01"})
        sites.append(site)
    differing = []

    def compare(diff: filecmp.dircmp) -> None:
        differing.extend(f"{diff.left}/{name}" for name in diff.diff_files + diff.left_only
                         + diff.right_only)
        for sub in diff.subdirs.values():
            compare(sub)

    compare(filecmp.dircmp(*sites))
    assert not differing
