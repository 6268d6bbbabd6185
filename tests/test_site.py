"""The real site, built from the real data of all three regions, read as HTML."""

from __future__ import annotations

import json
import shutil

import pytest
from bs4 import BeautifulSoup
from support import (
    OWN_ORIGINS,
    PAGE_TYPES,
    REGIONS,
    TINY_REGION,
    html_files,
    lang_of,
    page,
    sidebar_links,
    text_of,
)

from macros.build import build_site
from macros.i18n import languages
from macros.loader import DataErrors
from macros.privacy import scan_site

# --- every page type exists, in every language, for every region ------------------------------


@pytest.mark.parametrize("region", REGIONS)
def test_every_page_type_is_built_in_every_language(sites, region):
    for lang in languages():
        for path in PAGE_TYPES:
            prefix = f"{lang.path}/" if lang.path else ""
            assert (sites[region] / prefix / path).is_file(), f"{region}: {prefix}{path} fehlt"


@pytest.mark.parametrize("region", REGIONS)
def test_every_page_has_the_lang_and_dir_of_its_language(sites, region):
    site = sites[region]
    for path in html_files(site):
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        lang = lang_of(site, path)
        expected_dir = next(x.dir for x in languages() if x.code == lang)
        assert soup.html["lang"] == lang, path
        assert soup.body["dir"] == expected_dir, path


@pytest.mark.parametrize("region", REGIONS)
def test_region_name_is_on_the_start_page(sites, region):
    soup = page(sites[region], "de", "index.html")
    name = {"kreis-unna": "Kreis Unna", "kreis-wesel": "Kreis Wesel",
            "stadt-leverkusen": "Stadt Leverkusen"}[region]
    assert name in soup.h1.get_text()


@pytest.mark.parametrize("code", [lang.code for lang in languages()])
def test_every_page_describes_the_portal_in_its_language_for_search_engines(unna, code):
    from macros.i18n import Translator, catalogue, language
    from macros.loader import load

    # The region's name in the reader's language (Region.name is translatable).
    name = Translator(language(code)).plain(load(REGIONS["kreis-unna"]).region.name)
    described = page(unna, code, "index.html").select_one('meta[name="description"]')
    assert described["content"] == catalogue(code)["site.description"].format(region=name)


def test_an_offer_page_is_described_by_its_summary(unna):
    from macros.loader import load

    offer = load(REGIONS["kreis-unna"]).offers["go-in"]
    described = page(unna, "de", "angebote/go-in/index.html").select_one('meta[name="description"]')
    assert described["content"] == offer.summary.de


@pytest.mark.parametrize("region", REGIONS)
def test_every_paper_has_its_own_page_with_its_beratungsfolge(sites, region):
    site = sites[region]
    papers = sorted((site / "beschluesse").glob("*/index.html"))
    assert papers, f"{region}: keine Drucksachen-Seiten"
    for path in papers:
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        assert soup.select("ol.kim-timeline li"), path
        assert soup.select(".kim-source a"), path


@pytest.mark.parametrize("region", REGIONS)
def test_module_pages_show_their_source(sites, region):
    for number in (1, 2, 3):
        soup = page(sites[region], "de", f"bausteine/{number}/index.html")
        assert soup.select(".kim-source a[href*='quellen/#']"), f"{region} Baustein {number}"


# --- Kreis Unna: the figures of the documents are on the pages ---------------------------------


def test_population_table_shows_the_figures_of_the_concept(unna):
    soup = page(unna, "de", "kommunen/index.html")
    rows = {tr.th.get_text(strip=True): [td.get_text(strip=True) for td in tr.find_all("td")]
            for tr in soup.select("table.kim-table tbody tr")}
    assert rows["Bergkamen"][1:] == ["48.740", "6.295", "12.390", "145", "141"]
    assert rows["Lünen"][1:] == ["86.348", "12.455", "29.190", "248", "210"]
    footer = [c.get_text(strip=True) for c in soup.select("table.kim-table tfoot tr > *")]
    assert footer == ["Kreis Unna", "", "394.891", "42.141", "92.700", "1.071", "1.054"]


def test_population_sources_name_statistic_and_reference_date(unna):
    notes = page(unna, "de", "kommunen/index.html").select_one(
        ".kim-municipalities ul").get_text(" ")
    assert "IT.NRW" in notes and "31. Dezember 2019" in notes
    assert "Zensus 2011" in notes
    assert "1. Januar 2021" in notes


def test_population_table_has_accessible_headers(unna):
    table = page(unna, "de", "kommunen/index.html").select_one("table.kim-table")
    assert table.caption.get_text(strip=True) == "Bevölkerung in Kreis Unna"
    assert all(th["scope"] == "col" for th in table.thead.find_all("th"))
    assert all(tr.th["scope"] == "row" for tr in table.tbody.find_all("tr"))


def test_numbers_are_formatted_per_language(unna):
    english = page(unna, "en", "kommunen/index.html").select_one("table.kim-table tbody tr")
    assert "48,740" in english.get_text()


def test_beratungsfolge_of_drucksache_144_21(unna):
    soup = page(unna, "de", "beschluesse/ds-144-21/index.html")
    steps = [" ".join(li.get_text(" ").split()) for li in soup.select("ol.kim-timeline li")]
    assert len(steps) == 3
    assert steps[0].startswith(
        "7. September 2021 · Ausschuss für Arbeit, Soziales, Inklusion und Familie")
    assert "Kreistag" in steps[2] and "Entscheidung" in steps[2] and "5. Oktober 2021" in steps[2]


def test_steering_group_lists_roles_and_never_unpublished_names(unna):
    soup = page(unna, "de", "lenkungsgruppe/index.html")
    text = text_of(soup)
    assert "Ständige Mitglieder" in text and "Jobcenter" in text.replace("JobCenter", "Jobcenter")
    person_cells = [row.find_all("td")[1].get_text(strip=True)
                    for row in soup.select("table.kim-table tbody tr")]
    assert person_cells and all(cell == "" for cell in person_cells)


def test_legal_pages_say_the_provider_is_missing_rather_than_naming_the_ki(unna):
    # No document names the website's provider; the KI's contact line is not that role.
    for path in ("impressum/index.html", "datenschutz/index.html", "barrierefreiheit/index.html"):
        soup = page(unna, "de", path)
        assert soup.select_one("p.kim-missing a[href$='datenqualitaet/']"), path
        assert "Schulstraße 8" not in text_of(soup), path


def test_phone_link_is_an_international_tel_uri(unna):
    link = page(unna, "de", "index.html").select_one("address a[href^='tel:']")
    assert link["href"] == "tel:+4923079248872"


# --- languages: switching, alternates, fallbacks ------------------------------------------------


def test_language_switcher_leads_to_the_same_page(unna):
    soup = page(unna, "en", "bausteine/1/index.html")
    links = {a["hreflang"]: a["href"] for a in soup.select("a.md-select__link")}
    assert links["de"] == "../../../bausteine/1/" and links["en"] == "./"
    assert links["ar"] == "../../../ar/bausteine/1/"
    assert links["de-x-ls"] == "../../../leichte-sprache/bausteine/1/"
    for href in links.values():
        assert (unna / "en/bausteine/1" / href / "index.html").resolve().is_file()


def test_hreflang_alternates_name_every_language_and_x_default(unna):
    soup = page(unna, "ar", "kommunen/index.html")
    alternates = {link["hreflang"]: link["href"]
                  for link in soup.select("link[rel=alternate][hreflang]")}
    assert set(alternates) == {"de", "en", "ar", "x-default"}
    assert alternates["ar"].endswith("/ar/kommunen/")
    assert alternates["x-default"] == alternates["de"]


def test_untranslated_page_shows_german_marked_as_german(unna):
    soup = page(unna, "ar", "impressum/index.html")
    wrapper = soup.select_one("article div[lang=de][dir=ltr]")
    assert wrapper is not None and wrapper.h1.get_text(strip=True) == "Impressum"
    notice = soup.select_one("article > p.kim-notice")
    assert "لم تُترجم" in notice.get_text()


def test_untranslated_data_text_is_marked_german_inside_a_translated_page(unna):
    soup = page(unna, "en", "bausteine/1/index.html")
    goal = soup.select_one(".kim-module ul li")
    assert goal.select_one("span[lang=de][dir=ltr]"), "an untranslated goal must carry lang=de"
    notice = soup.select_one(".kim-module > p.kim-notice")
    assert notice["lang"] == "en" and "not been translated" in notice.get_text()


def test_machine_translated_page_says_so_and_links_the_german_original(unna):
    soup = page(unna, "en", "kommunen/index.html")
    notice = soup.select_one("article > p.kim-notice")
    assert "translated by machine" in notice.get_text()
    assert notice.a["href"] == "../../kommunen/"


def test_record_pages_stay_out_of_the_sidebar(unna):
    links = sidebar_links(unna)
    assert not any("beschluesse/ds-" in href for href in links)
    assert any(href.endswith("beschluesse/") for href in links)


def test_each_language_has_its_own_search_index(unna):
    for lang in languages():
        index = json.loads((unna / (lang.path or ".") / "search" / "index.json").read_text("utf-8"))
        assert index["lang"] == lang.code and index["dir"] == lang.dir
        assert index["docs"], f"{lang.code}: empty search index"
    english = json.loads((unna / "en/search/index.json").read_text(encoding="utf-8"))
    titles = {doc["t"] for doc in english["docs"]}
    assert "Municipalities" in titles and "Kommunen" not in titles


def test_material_search_index_and_bundle_are_not_published(unna):
    assert not list(unna.rglob("search_index.json"))
    assert not list(unna.rglob("bundle.*.js")) and not list(unna.rglob("workers"))


# --- safe by construction ----------------------------------------------------------------------

@pytest.mark.parametrize("region", REGIONS)
def test_no_page_loads_anything_from_another_host(sites, region):
    assert scan_site(sites[region], OWN_ORIGINS) == []


def test_a_failed_build_leaves_the_previous_site_untouched(tmp_path, tiny):
    out = tmp_path / "site"
    shutil.copytree(tiny, out)
    before = (out / "index.html").read_bytes()
    broken = tmp_path / "data"
    shutil.copytree(TINY_REGION, broken)
    region = broken / "region.yml"
    region.write_text(region.read_text(encoding="utf-8").replace("kind: Kreis", "kind: Landkreis"),
                      encoding="utf-8")
    with pytest.raises(DataErrors) as failure:
        build_site(broken, out)
    assert any(e.field == "kind" for e in failure.value.errors)
    assert (out / "index.html").read_bytes() == before
    assert not list(tmp_path.glob(".site-build-*")), "the staging folder must be removed"
