"""The pages a migrant reads exist in every language of every region's site, in that language and
its direction; Leichte Sprache says it has not yet been checked by readers of its target group."""

from __future__ import annotations

from pathlib import Path

import pytest
from support import REGIONS, page

from macros.chrome import page_chrome
from macros.i18n import DEFAULT_LANGUAGE, Translator, language, languages
from macros.loader import load
from macros.regionpages import page_files
from macros.translations import MIGRANT_PAGES, page_hash

ROOT = Path(__file__).resolve().parent.parent
OTHER_LANGUAGES = [lang for lang in languages() if lang.code != DEFAULT_LANGUAGE]
READER_CHECKED = [lang for lang in languages() if lang.reader_check]


def migrant_pages(region: str) -> list[str]:
    """The pages of MIGRANT_PAGES the region's site shows (its own over the shared ones)."""
    shown = page_files(DEFAULT_LANGUAGE, REGIONS[region])
    return [name for name in MIGRANT_PAGES if name in shown]


def built(name: str) -> str:
    """The built file of a page source: index.md -> index.html, x.md -> x/index.html."""
    stem = name.removesuffix(".md")
    return "index.html" if stem == "index" else (
        f"{stem.removesuffix('/index')}/index.html" if stem.endswith("/index")
        else f"{stem}/index.html")


def unchecked_label(code: str) -> str:
    return str(Translator(language(code)).t("notice.readers_unchecked"))


def test_leichte_sprache_is_a_language_whose_texts_readers_must_check():
    assert [lang.code for lang in READER_CHECKED] == ["de-x-ls"]


@pytest.mark.parametrize("region", REGIONS)
def test_every_region_shows_the_pages_migrants_read(region):
    assert {"index.md", "angebote/index.md", "fallmanagement.md", "datenschutz.md",
            "barrierefreiheit.md"} <= set(migrant_pages(region))


@pytest.mark.parametrize("lang", OTHER_LANGUAGES, ids=lambda lang: lang.code)
@pytest.mark.parametrize("region", REGIONS)
def test_every_page_a_migrant_reads_is_translated_with_its_language_and_direction(
        sites, region, lang):
    files = page_files(lang.code, REGIONS[region])
    for name in migrant_pages(region):
        assert files[name].translated, f"{region}: {lang.code}/{name} fehlt"
        soup = page(sites[region], lang.code, built(name))
        assert (soup.html["lang"], soup.body["dir"]) == (lang.code, lang.dir), (region, name)
        # the German fallback wraps the whole content in a German block; a translation does not
        assert not soup.select("article > div[lang='de']"), (region, lang.code, name)


@pytest.mark.parametrize("region", REGIONS)
def test_leichte_sprache_pages_say_readers_have_not_checked_them(sites, region):
    label = unchecked_label("de-x-ls")
    offer = min(load(REGIONS[region]).offers)
    for path in [built(name) for name in migrant_pages(region)] + [f"angebote/{offer}/index.html"]:
        notes = " ".join(p.get_text(" ") for p in
                         page(sites[region], "de-x-ls", path).select("article p.kim-notice"))
        assert label in " ".join(notes.split()), (region, path)


@pytest.mark.parametrize("region", REGIONS)
def test_other_languages_carry_no_reader_check_label(sites, region):
    for lang in OTHER_LANGUAGES:
        if lang.reader_check:
            continue
        soup = page(sites[region], lang.code, "fallmanagement/index.html")
        assert unchecked_label(lang.code) not in soup.get_text(" "), (region, lang.code)


def test_the_reader_check_label_goes_once_readers_have_reviewed_the_page():
    german = ROOT / "docs" / DEFAULT_LANGUAGE / "barrierefreiheit.md"
    label = unchecked_label("de-x-ls")

    def notice(meta: dict, code: str = "de-x-ls") -> str:
        return str(page_chrome(code, "barrierefreiheit/", "barrierefreiheit.md", {}, "",
                               meta=meta, german_page=german).machine_notice)

    assert label in notice({"translation": "machine", "source_hash": page_hash(german)})
    assert label in notice({"translation": "reviewed", "source_hash": "00000000"})  # outdated
    assert label not in notice({"translation": "reviewed", "source_hash": page_hash(german)})
    assert unchecked_label("en") not in notice({"translation": "machine"}, "en")


@pytest.mark.parametrize("region", REGIONS)
def test_german_fragments_in_a_right_to_left_page_keep_german_and_left_to_right(sites, region):
    # Module prose may stay German (the notice covers it); each such fragment says so itself.
    soup = page(sites[region], "fa", "bausteine/2/index.html")
    assert (soup.html["lang"], soup.body["dir"]) == ("fa", "rtl")
    fragments = soup.select("article [lang='de']")
    assert fragments, region
    for fragment in fragments:
        assert fragment.get("dir") == "ltr", (region, str(fragment)[:80])


def test_leichte_sprache_keeps_each_statement_on_its_own_line(sites):
    offer = load(REGIONS["kreis-wesel"]).offers["kim-case-management-kreis-wesel"]
    lines = offer.summary.translation("de-x-ls").text.strip().split("\n")
    path = "angebote/kim-case-management-kreis-wesel/index.html"
    lead = page(sites["kreis-wesel"], "de-x-ls", path).select_one("article p.kim-lead")
    assert len(lead.select("br")) == len(lines) - 1 > 0
    described = page(sites["kreis-wesel"], "de-x-ls", path).select("article p br")
    assert len(described) > len(lines) - 1  # the description's lines too (Markdown, nl2br)
    assert not page(sites["kreis-wesel"], "en", path).select("article p br")


@pytest.mark.parametrize("path", ["angebote/casemanagement-awo/index.html",
                                  "fallmanagement/index.html"])
def test_a_providers_german_name_is_marked_german_on_other_languages_pages(sites, path):
    site = sites["stadt-leverkusen"]
    marked = [span for span in page(site, "fa", path).select("article span[lang='de']")
              if span.get_text() == "Arbeiterwohlfahrt"]
    assert marked and all(span["dir"] == "ltr" for span in marked)
    german = page(site, "de", path)
    assert "Arbeiterwohlfahrt" in german.select_one("article").get_text()
    assert not german.select("article span[lang='de']")
