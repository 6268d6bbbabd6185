"""A build owns its state: two builds in one process share nothing (macros/engine/plugin.py)."""

from __future__ import annotations

import filecmp
import shutil
from pathlib import Path

from support import ROOT, TINY_REGION

from macros.build import BuildPlan, build_site, language_build
from macros.engine import run as engine_run
from macros.i18n import language
from macros.loader import load


def _differences(first: Path, second: Path) -> list[str]:
    found: list[str] = []
    compare = filecmp.dircmp(first, second)
    stack = [compare]
    while stack:
        here = stack.pop()
        found += here.left_only + here.right_only + here.diff_files
        stack += here.subdirs.values()
    return found


def test_a_build_in_the_same_process_is_not_changed_by_the_build_before(tmp_path, monkeypatch):
    monkeypatch.setenv("KIM_BUILD_JOBS", "1")  # every language in this process
    monkeypatch.setenv("KIM_BUILD_DATE", "2026-12-01")
    other = tmp_path / "other"
    shutil.copytree(TINY_REGION, other)
    offer = other / "offers" / "sprachcafe.yml"
    # The other region's English offer name is reviewed, not machine-translated: a state kept
    # from its build (the machine notice, the record pages) would show in the next one.
    offer.write_text(offer.read_text(encoding="utf-8").replace("status: machine",
                                                               "status: reviewed"),
                     encoding="utf-8")
    build_site(TINY_REGION, tmp_path / "first", languages=["de", "en"])
    build_site(other, tmp_path / "between", languages=["de", "en"])
    build_site(TINY_REGION, tmp_path / "again", languages=["de", "en"])
    assert _differences(tmp_path / "first", tmp_path / "between")  # the edit shows
    assert _differences(tmp_path / "first", tmp_path / "again") == []


def test_each_language_build_gets_its_own_plugin_and_portal(tmp_path):
    plan = BuildPlan(TINY_REGION, tmp_path / "out", (language("de"),), "http://example.org/")
    data = load(TINY_REGION)
    configs = [engine_run.load(language_build(plan, data, language(code), ROOT / "docs" / "de",
                                              tmp_path / code, [], records=[], files=[]))
               for code in ("de", "en")]
    first, second = (config.plugins[engine_run.PLUGIN_NAME] for config in configs)
    assert first is not second and first.portal is not second.portal
    assert first.portal.machine_pages is not second.portal.machine_pages
    assert (first.config.lang, second.config.lang) == ("de", "en")


def test_a_finished_language_build_leaves_its_plugin_to_the_garbage_collector(tmp_path):
    import gc
    import weakref

    plan = BuildPlan(TINY_REGION, tmp_path / "out", (language("de"),), "http://example.org/")
    build = language_build(plan, load(TINY_REGION), language("de"), ROOT / "docs" / "de",
                           tmp_path / "site", [], records=[], files=[])
    config = engine_run.load(build)
    plugin = weakref.ref(config.plugins[engine_run.PLUGIN_NAME])
    from mkdocs.commands.build import build as mkdocs_build

    try:
        mkdocs_build(config)
    finally:
        engine_run._release()
    del config
    gc.collect()
    assert plugin() is None  # nothing of MkDocs' keeps the build's state alive
