"""Site behaviours on the tiny SYNTHETIC region (tests/fixtures/tiny-region), built once per
session in German, English and Arabic: fast feedback for `make test-fast`. The real regions'
data, and these behaviours in all eight languages, are tested on their full builds (`regions`)."""

from __future__ import annotations

import json

from bs4 import BeautifulSoup
from support import (
    OWN_ORIGINS,
    PAGE_TYPES,
    TINY_LANGUAGES,
    html_files,
    lang_of,
    page,
    sidebar_links,
    text_of,
)

from macros.i18n import languages
from macros.privacy import scan_site

TINY = [lang for lang in languages() if lang.code in TINY_LANGUAGES]


def test_the_tiny_region_has_one_left_to_right_and_one_right_to_left_language_beside_german():
    assert {lang.code for lang in TINY} == set(TINY_LANGUAGES)
    assert {lang.dir for lang in TINY if lang.code != "de"} == {"ltr", "rtl"}


def test_every_page_type_is_built_in_every_selected_language(tiny):
    for lang in TINY:
        for path in PAGE_TYPES:
            prefix = f"{lang.path}/" if lang.path else ""
            assert (tiny / prefix / path).is_file(), f"{prefix}{path} fehlt"


def test_languages_not_selected_are_not_built(tiny):
    for lang in languages():
        if lang.code not in TINY_LANGUAGES and lang.path:
            assert not (tiny / lang.path).exists(), lang.code


def test_every_page_has_the_lang_and_dir_of_its_language(tiny):
    for path in html_files(tiny):
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        lang = lang_of(tiny, path)
        expected_dir = next(x.dir for x in languages() if x.code == lang)
        assert soup.html["lang"] == lang, path
        assert soup.body["dir"] == expected_dir, path


def test_the_region_name_is_on_the_start_page(tiny):
    assert "Testkreis" in page(tiny, "de", "index.html").h1.get_text()


def test_the_regions_own_page_replaces_the_shared_one_in_each_language(tiny):
    for code in TINY_LANGUAGES:
        assert "SYNTHETIC" in text_of(page(tiny, code, "datenschutz/index.html")), code


def test_each_selected_language_has_its_own_search_index(tiny):
    for lang in TINY:
        index = json.loads((tiny / (lang.path or ".") / "search" / "index.json").read_text("utf-8"))
        assert index["lang"] == lang.code and index["dir"] == lang.dir
        assert index["docs"], f"{lang.code}: empty search index"


def test_material_search_index_and_bundle_are_not_published(tiny):
    assert not list(tiny.rglob("search_index.json"))
    assert not list(tiny.rglob("bundle.*.js")) and not list(tiny.rglob("workers"))


def test_record_pages_stay_out_of_the_sidebar(tiny):
    links = sidebar_links(tiny)
    assert not any("beschluesse/ds-" in href for href in links)
    assert any(href.endswith("beschluesse/") for href in links)


def test_every_paper_has_its_own_page(tiny):
    assert (tiny / "beschluesse" / "ds-1-21" / "index.html").is_file()


def test_every_offer_has_its_own_page_in_every_selected_language(tiny):
    for lang in TINY:
        prefix = f"{lang.path}/" if lang.path else ""
        for offer in ("sprachcafe", "lernhilfe"):
            assert (tiny / prefix / "angebote" / offer / "index.html").is_file(), (lang.code, offer)


def test_no_page_loads_anything_from_another_host(tiny):
    assert scan_site(tiny, OWN_ORIGINS) == []
