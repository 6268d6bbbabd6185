"""The page-type table (macros/pages/registry.py PAGE_TYPES) is the one declaration of pages."""

from __future__ import annotations

import ast
from pathlib import Path

from support import PAGE_TYPES, REGIONS, ROOT

from macros import portal
from macros.doccheck import front_matter
from macros.i18n import Translator, language
from macros.loader import load
from macros.pages import registry


def test_every_template_page_type_has_a_german_template_page():
    for kind in registry.PAGE_TYPES:
        if kind.source == registry.TEMPLATE:
            meta, _ = front_matter((ROOT / "docs" / "de" / kind.page).read_text(encoding="utf-8"))
            assert meta.get("render_macros") is True, kind.page


def test_the_macro_table_is_the_views_of_the_page_types_each_named_once():
    views = [name for kind in registry.PAGE_TYPES for name in kind.views]
    assert len(views) == len(set(views)) and list(portal.MACROS) == views


def test_the_sidebar_lists_the_template_pages_in_the_tables_order():
    listed = [kind.page for kind in registry.PAGE_TYPES if kind.in_nav]
    assert [page for page, _key in registry.NAV] == listed


def test_a_template_pages_url_follows_from_its_file():
    assert (registry.url("home"), registry.url("modules"), registry.url("imprint"),
            registry.url("checks")) == ("", "bausteine/", "impressum/",
                                        "finanzierung/pruefhinweise/")


def test_every_generated_page_is_written_where_its_types_url_points():
    data = load(REGIONS["kreis-unna"])
    pages = registry.generated_pages(data, Translator(language("de")))
    module = next(p for p in pages if (p.view, p.args) == ("module_page", (2,)))
    offer_id = next(iter(data.offers))
    offer = next(p for p in pages if (p.view, p.args) == ("offer_page", (offer_id,)))
    assert module.path == registry.url("module", 2).rstrip("/") + ".md"
    assert offer.path == registry.url("offer", offer_id).rstrip("/") + ".md"


def test_the_tests_page_list_comes_from_the_table():
    assert [f"{url}index.html" for url in registry.example_urls()] == PAGE_TYPES
    assert "finanzierung/baustein-1/index.html" in PAGE_TYPES


def _imports(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            found.add("." * node.level + (node.module or ""))
    return found


def test_no_page_builder_imports_the_macro_table_above_it():
    for path in sorted((ROOT / "macros" / "pages").glob("*.py")):
        assert "..portal" not in _imports(path), path.name
