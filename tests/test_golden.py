"""Golden HTML: every view of the page-type table, rendered on the tiny SYNTHETIC region.

Each view (a macro of ``macros/pages/registry.PAGE_TYPES``) is called directly with a
PageContext, without MkDocs, in German, English and Arabic; its output for every page of the
tiny region (a template page's one call, or every record page of the view) must equal
``tests/golden/<view>-<lang>.html`` byte for byte. A change to a view, a template, a partial or
a catalogue string that reaches a view shows up here as a diff.

After an intended change, rewrite the files and review them with ``git diff tests/golden``:

    make golden        (= KIM_UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/test_golden.py)
"""

from __future__ import annotations

import difflib
import functools
import os
from pathlib import Path

import pytest
from support import ROOT, TINY_LANGUAGES, TINY_REGION

from macros.build import DEFAULT_SITE_URL
from macros.context import PageContext
from macros.i18n import Translator, language
from macros.loader import Dataset, load
from macros.pages import registry

GOLDEN = ROOT / "tests" / "golden"
UPDATE = os.environ.get("KIM_UPDATE_GOLDEN") == "1"
HOW_TO_UPDATE = ("If the change is intended, rewrite the golden files and review them: "
                 "make golden (KIM_UPDATE_GOLDEN=1 .venv/bin/python -m pytest "
                 "tests/test_golden.py), then git diff tests/golden")
# Review notices are computed against the build day; a fixed day keeps the output stable.
BUILD_DATE = "2026-01-15"
MAX_DIFF_LINES = 80

VIEWS: list[tuple[registry.PageType, str]] = [(kind, view) for kind in registry.PAGE_TYPES
                                              for view in kind.views]


@functools.cache
def tiny_data() -> Dataset:
    return load(TINY_REGION)


def record_keys(data: Dataset, view: str, lang: str) -> list[tuple[object, ...]]:
    """The keys of every record page of ``view`` that the tiny region's build generates."""
    pages = registry.generated_pages(data, Translator(language(lang)))
    return [page.args for page in pages if page.view == view]


def keys_of(kind: registry.PageType, view: str, lang: str) -> list[tuple[object, ...]]:
    if kind.source == registry.TEMPLATE:
        return [()]  # template pages call their views without arguments
    return record_keys(tiny_data(), view, lang)


def context(kind: registry.PageType, key: tuple[object, ...], lang: str) -> PageContext:
    """What the build hands the view for this page (its URL, its language build's address)."""
    language_ = language(lang)
    site_url = DEFAULT_SITE_URL + (f"{language_.path}/" if language_.path else "")
    return PageContext(tiny_data(), language_, url=kind.url(*key), build_path=language_.path,
                       site_url=site_url)


def rendered(kind: registry.PageType, view: str, lang: str) -> str:
    """Every page of the view in one text, each after a comment naming the call."""
    parts = []
    for key in keys_of(kind, view, lang):
        call = f"{view}({', '.join(repr(part) for part in key)})"
        html = str(kind.views[view](context(kind, key, lang), *key))
        parts.append(f"<!-- {call} -->\n{html}\n")
    return "".join(parts)


def golden_path(view: str, lang: str) -> Path:
    return GOLDEN / f"{view}-{lang}.html"


def difference(expected: str, actual: str, name: str) -> str:
    """A unified diff, cut after MAX_DIFF_LINES lines."""
    lines = list(difflib.unified_diff(expected.splitlines(), actual.splitlines(),
                                      f"{name} (golden)", f"{name} (now)", lineterm=""))
    if len(lines) > MAX_DIFF_LINES:
        lines = [*lines[:MAX_DIFF_LINES], f"... {len(lines) - MAX_DIFF_LINES} more lines"]
    return "\n".join(lines)


@pytest.fixture(autouse=True)
def fixed_build_date_and_folder(monkeypatch) -> None:
    monkeypatch.setenv("KIM_BUILD_DATE", BUILD_DATE)
    monkeypatch.chdir(ROOT)  # data file names in the output are relative to the working folder


@pytest.mark.parametrize("lang", TINY_LANGUAGES)
@pytest.mark.parametrize(("kind", "view"), VIEWS, ids=[view for _kind, view in VIEWS])
def test_a_view_renders_its_golden_html(kind: registry.PageType, view: str, lang: str) -> None:
    actual = rendered(kind, view, lang)
    path = golden_path(view, lang)
    if UPDATE:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(actual, encoding="utf-8")
        return
    assert path.is_file(), f"{path.relative_to(ROOT)} is missing. {HOW_TO_UPDATE}"
    expected = path.read_text(encoding="utf-8")
    assert actual == expected, (f"{view} ({lang}) no longer renders "
                                f"{path.relative_to(ROOT)}:\n"
                                f"{difference(expected, actual, path.name)}\n{HOW_TO_UPDATE}")


def test_every_golden_file_belongs_to_a_view() -> None:
    expected = {golden_path(view, lang).name for _kind, view in VIEWS for lang in TINY_LANGUAGES}
    orphans = sorted(p.name for p in GOLDEN.glob("*.html") if p.name not in expected)
    if UPDATE:
        for name in orphans:
            (GOLDEN / name).unlink()
        return
    assert not orphans, f"golden files of no view: {orphans}. {HOW_TO_UPDATE}"


def test_every_record_view_has_a_page_in_the_tiny_region() -> None:
    # A record view without a page here would compare an empty text and test nothing.
    for kind, view in VIEWS:
        if kind.source == registry.RECORD:
            assert record_keys(tiny_data(), view, "de"), f"{view}: no page in the tiny region"


def test_a_changed_view_fails_with_a_readable_diff() -> None:
    kind, view = next((k, v) for k, v in VIEWS if v == "module_list")
    expected = rendered(kind, view, "de")
    changed = expected.replace("<ul", "<ol", 1)
    message = difference(expected, changed, "module_list-de.html")
    lines = message.splitlines()
    assert lines[:2] == ["--- module_list-de.html (golden)", "+++ module_list-de.html (now)"]
    assert any(line.startswith("-") and "<ul" in line for line in lines[2:])
    assert any(line.startswith("+") and "<ol" in line for line in lines[2:])
