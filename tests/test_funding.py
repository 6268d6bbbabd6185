"""The funding pages of the real sites: every seed figure, the check notes, charts and tables."""

from __future__ import annotations

import csv
import json
from decimal import Decimal
from pathlib import Path

import pytest
from babel.numbers import get_decimal_symbol, get_group_symbol
from bs4 import BeautifulSoup
from support import REGIONS, html_files, page, text_of

from macros.build import fallback_pages
from macros.i18n import language, languages

FUNDING_PAGES = ["finanzierung/index.html", "finanzierung/baustein-1/index.html",
                 "finanzierung/baustein-2/index.html", "finanzierung/baustein-3/index.html"]

# Every funding figure of the seed documents, written as the document writes it (German format),
# with "ca." where the document says "ca."/"rund" and "bis zu" where it says "bis zu".
SEED_FIGURES = {
    "kreis-unna": [
        # Rahmenkonzept, Fördervolumen Bausteine 1-3
        "bis zu 192.500,00 €", "bis zu 22.500,00 €", "bis zu 55.000,00 €", "bis zu 48.500,00 €",
        "318.500,00 €", "46.072,00 €", "364.572,00 €", "bis zu 440.000,00 €", "37.500,00 €",
        "187.500,00 €", "75.000,00 €", "25.000,00 €", "50.000,00 €", "105.000,00 €",
        "ca. 8.750,00 €", "ca. 4.750,00 €", "165.000,00 €", "137.500,00 €", "38.000,00 €",
        "32.096,00 €",
        # Kostenkalkulation 2021/2022, Bausteine 1-3 and Lünen, Gesamtübersicht
        "222.944,95 €", "30.444,95 €", "226.748,55 €", "34.248,55 €", "23.945,64 €", "1.445,64 €",
        "24.373,73 €", "1.873,73 €", "38.800,00 €", "253.800,00 €", "285.690,59 €", "31.890,59 €",
        "289.922,28 €", "36.122,28 €", "6.072,00 €", "30.000,00 €", "10.000,00 €", "299.872,00 €",
        "331.762,59 €", "335.994,28 €", "63.698,27 €", "8.698,27 €", "64.785,30 €", "9.785,30 €",
        "9.700,00 €", "64.700,00 €", "73.398,27 €", "74.485,30 €", "405.160,86 €", "40.588,86 €",
        "410.479,58 €", "45.907,58 €", "465.108,00 €", "25.108,00 €", "473.064,72 €",
        "33.064,72 €", "77.600,00 €", "542.708,00 €", "102.708,00 €", "550.654,72 €",
        "110.664,72 €", "87.209,00 €", "12.209,00 €", "88.700,00 €", "13.700,00 €",
        "96.909,00 €", "21.909,00 €", "98.400,00 €", "23.400,00 €", "331.762,00 €",
        "550.655,00 €", "110.655,00 €", "814.872,00 €", "971.379,59 €", "156.507,59 €",
        "985.059,00 €", "170.187,00 €", "64.000,00 €", "879.572,00 €", "1.044.777,86 €",
        "165.205,86 €", "1.059.544,30 €", "179.972,30 €",
        # Drucksache 144/21 (forwarding) and 156/21 (refinancing own shares)
        "ca. 430.000,00 €", "ca. 300.000,00 €", "ca. 65.000,00 €", "ca. 440.000,00 €",
        "ca. 76.000,00 €", "ca. 193.500,00 €", "ca. 160.500,00 €", "19.500,00 €", "17.500,00 €",
        "7.000,00 €", "6.000,00 €", "ca. 50.000,00 €", "ca. 60.000,00 €",
    ],
    "kreis-wesel": ["352.916,67 €", "55.000,00 €", "22.500,00 €", "ca. 63.500,00 €",
                    "ca. 10.000,00 €"],
    "stadt-leverkusen": ["962.300,00 €", "625.600,00 €", "78.100,00 €", "547.500,00 €",
                         "913.257,24 €", "576.600,00 €", "336.657,24 €", "160.000,00 €",
                         "29.100,00 €", "49.000,00 €", "275.000,00 €", "bis zu 112.500,00 €",
                         "22.500,00 €", "55.000,00 €"],
}

KNOWN_NOTES = {
    "kreis-unna": [
        "Das Dokument nennt 64.000,00 €, seine Einzelposten ergeben 64.700,00 €.",
        "Das Dokument nennt 331.762,00 €, seine Einzelposten ergeben 331.762,59 €.",
        "Das Dokument nennt 550.654,72 €, seine Einzelposten ergeben 550.664,72 €.",
        "Das Dokument nennt 550.655,00 €, seine Einzelposten ergeben 550.664,72 €.",
        "Das Dokument nennt 110.655,00 €, seine Einzelposten ergeben 110.664,72 €.",
        "Das Dokument nennt 76.000,00 €; Stellen mal Betrag je Stelle ergeben 64.166,67 €.",
    ],
    "kreis-wesel": [
        "Das Dokument nennt 352.916,67 €; Stellen mal Betrag je Stelle ergeben 368.750,00 €."],
    "stadt-leverkusen": [
        "Das Dokument nennt 962.300,00 €, seine Einzelposten ergeben 962.257,24 €."],
}


def funding_text(site: Path, lang: str = "de") -> str:
    texts = []
    for path in FUNDING_PAGES:
        prefix = "" if lang == "de" else f"{lang}/"
        if (site / prefix / path).exists():
            texts.append(text_of(page(site, lang, path)))
    return " ".join(texts).replace("\xa0", " ").replace("\u202f", " ")


def normal(text: str) -> str:
    return text.replace("\xa0", " ").replace("\u202f", " ")


@pytest.mark.parametrize("region", REGIONS)
def test_funding_pages_show_every_seed_figure_as_its_document_states_it(sites, region):
    text = funding_text(sites[region])
    missing = [figure for figure in SEED_FIGURES[region] if figure not in text]
    assert not missing, f"{region}: missing on the funding pages: {missing}"


@pytest.mark.parametrize("region", REGIONS)
def test_known_discrepancies_are_marked_beside_the_figure(sites, region):
    marked = []
    for path in FUNDING_PAGES:
        if (sites[region] / path).exists():
            marked += [normal(m.get_text(" ")) for m in page(sites[region], "de", path)
                       .select(".kim-check")]
    for note in KNOWN_NOTES[region]:
        assert any(note in m for m in marked), f"{region}: no marker saying {note!r}"


@pytest.mark.parametrize("region", REGIONS)
def test_check_page_lists_the_known_discrepancies_with_path_and_line(sites, region):
    soup = page(sites[region], "de", "finanzierung/pruefhinweise/index.html")
    text = normal(text_of(soup))
    for note in KNOWN_NOTES[region]:
        assert note in text
    assert soup.select("code") and all(
        "funding.yml:" in c.get_text() or "statements.yml:" in c.get_text()
        for c in soup.select("code"))


def test_check_note_links_to_its_figure(unna):
    soup = page(unna, "de", "finanzierung/pruefhinweise/index.html")
    link = soup.select_one("li#gu-luenen-zuwendung a")
    assert link["href"] == "../baustein-1/#gu-luenen-zuwendung"
    target = page(unna, "de", "finanzierung/baustein-1/index.html")
    assert target.select_one("#gu-luenen-zuwendung")


# --- charts: embedded data, tables, summaries ------------------------------------------------


def charts_of(soup: BeautifulSoup) -> dict[str, dict]:
    return {s["id"].removesuffix("-data").removeprefix("chart-"): json.loads(s.string)
            for s in soup.select('script[type="application/json"].kim-chart-data')}


def chart_table(soup: BeautifulSoup, ident: str):
    return soup.select_one(f"section[aria-labelledby='chart-{ident}-title'] table")


def test_overview_embeds_every_chart_as_json_with_a_drawing_target(unna):
    soup = page(unna, "de", "finanzierung/index.html")
    charts = charts_of(soup)
    assert set(charts) == {"zuwendung-eigenanteil", "mittelfluss", "stellen",
                           "eigenanteil-kommunen", "vergleich-regionen"}
    for ident in charts:
        target = soup.select_one(f"#chart-{ident}")
        assert target["data-kim-chart"] == f"chart-{ident}-data"
    assert charts["mittelfluss"]["data"][0]["type"] == "sankey"
    assert {t["type"] for t in charts["zuwendung-eigenanteil"]["data"]} == {"bar"}


def test_stacked_bar_data_match_the_table_and_the_cost_calculation(unna):
    soup = page(unna, "de", "finanzierung/index.html")
    figure = charts_of(soup)["zuwendung-eigenanteil"]
    grant, own = figure["data"]
    assert figure["layout"]["barmode"] == "stack"
    rows = chart_table(soup, "zuwendung-eigenanteil").select("tbody tr")
    assert ([normal(r.select("td")[0].get_text()) for r in rows]
            == [normal(c) for c in grant["customdata"]])
    assert ([normal(r.select("td")[1].get_text()) for r in rows]
            == [normal(c) for c in own["customdata"]])
    assert grant["orientation"] == "h"  # readable labels at 360 px
    labels = [label.replace("<br>", " · ") for label in grant["y"]]
    by_label = dict(zip(labels, zip(grant["x"], own["x"], strict=True), strict=True))
    # Baustein 1 in 2021: Kreis 299.872,00 + Lünen 64.700,00 grant; 31.890,59 + 8.698,27 own share
    assert by_label["Baustein 1 · 2021"] == (364572.0, pytest.approx(40588.86))
    assert by_label["Baustein 2 · 2022"] == (440000.0, pytest.approx(110664.72))


def test_sankey_shows_the_forwarding_of_drucksache_144_21(unna):
    figure = charts_of(page(unna, "de", "finanzierung/index.html"))["mittelfluss"]
    sankey = figure["data"][0]
    labels = [label.replace("<br>", " ") for label in sankey["node"]["label"]]
    flows = {(labels[s], labels[t], v) for s, t, v in zip(sankey["link"]["source"],
             sankey["link"]["target"], sankey["link"]["value"], strict=True)}
    assert ("Kreis Unna", "Lünen", 193500.0) in flows
    assert any(v == 160500.0 for _, _, v in flows)
    assert any(a.startswith("Land") and v == 440000.0 for a, _, v in flows)


def test_chart_numbers_use_the_page_locale(unna):
    for lang in languages():
        # A page without a translation is German throughout, its numbers included.
        shown = language("de") if "finanzierung/index.md" in fallback_pages(lang) else lang
        figure = charts_of(
            page(unna, lang.code, "finanzierung/index.html"))["zuwendung-eigenanteil"]
        assert figure["layout"]["separators"] == (get_decimal_symbol(shown.babel)
                                                  + get_group_symbol(shown.babel)), lang.code
    german = charts_of(page(unna, "de", "finanzierung/index.html"))["zuwendung-eigenanteil"]
    english = charts_of(page(unna, "en", "finanzierung/index.html"))["zuwendung-eigenanteil"]
    # Baustein 1 in 2021 sums "bis zu" amounts, so the sum is an upper bound too.
    assert normal(german["data"][0]["customdata"][0]) == "bis zu 364.572,00 €"
    assert english["data"][0]["customdata"][0] == "up to €364,572.00"


@pytest.mark.parametrize("region", REGIONS)
def test_every_chart_has_a_summary_an_accessible_table_and_downloads(sites, region):
    site = sites[region]
    for path in ("finanzierung/index.html", "finanzierung/baustein-2/index.html"):
        soup = page(site, "de", path)
        for section in soup.select("section.kim-chart-block"):
            assert section.select_one("p.kim-chart-summary").get_text(strip=True)
            table = section.select_one("table")
            if table is None:
                continue
            assert table.caption.get_text(strip=True)
            assert all(th.get("scope") in ("col", "row") for th in table.select("th"))
            links = section.select(".kim-downloads a")
            assert [a.get_text() for a in links] == ["CSV", "XLSX", "JSON"]
            for link in links:
                assert (site / Path(path).parent / link["href"]).resolve().is_file(), link["href"]


def test_downloads_hold_the_charts_numbers(unna):
    folder = unna / "finanzierung" / "daten"
    records = json.loads(
        (folder / "zuwendung-eigenanteil.json").read_text(encoding="utf-8"))["records"]
    with (folder / "zuwendung-eigenanteil.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    # An unknown amount is an empty CSV cell and null in JSON, never 0.
    assert [r["grant"] or None for r in rows] == [r["grant"] for r in records]
    assert sum(Decimal(r["own_share"]) for r in rows if r["own_share"]) > 0


def test_comparison_states_population_reference_dates_of_each_region(unna):
    soup = page(unna, "de", "finanzierung/index.html")
    table = chart_table(soup, "vergleich-regionen")
    text = normal(table.get_text(" "))
    for name in ("Kreis Unna", "Kreis Wesel", "Stadt Leverkusen"):
        assert name in text
    assert "394.891 (Stand: 31. Dezember 2019)" in text
    data = json.loads(
        (unna / "finanzierung/daten/vergleich-regionen.json").read_text(encoding="utf-8"))
    unna_record = next(r for r in data["records"] if r["region"] == "Kreis Unna")
    assert unna_record["population_reference_date"] == "2019-12-31"


# --- plotly.js only on chart pages, never inlined, never from elsewhere -----------------------


@pytest.mark.parametrize("region", REGIONS)
def test_only_chart_pages_can_fetch_plotly_and_only_from_this_site(sites, region):
    site = sites[region]
    for path in html_files(site):
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        has_chart = bool(soup.select(".kim-chart-data"))
        charts = soup.select("script[src$='charts.js']")
        assert bool(charts) == has_chart, path
        # plotly.js is never a script tag of its own: charts.js fetches it when a chart is on
        # screen.
        assert not [s for s in soup.select("script[src]") if "plotly" in s["src"]], path
        for script in charts:
            assert script.has_attr("defer"), path
            for attribute in ("data-plotly", "data-plotly-css"):
                url = script[attribute]
                assert "//" not in url and (path.parent / url).resolve().is_file(), (path, url)
        assert "Plotly.register" not in path.read_text(encoding="utf-8"), path


@pytest.mark.parametrize("region", REGIONS)
def test_no_inline_script_on_funding_pages(sites, region):
    soup = page(sites[region], "de", "finanzierung/index.html")
    ours = [s for s in soup.select("article script")]
    assert ours and all(s.get("type") == "application/json" for s in ours)


def test_the_plotly_bundle_is_served_by_the_site(unna):
    bundle = unna / "assets/js/plotly-kim.min.js"
    assert bundle.is_file() and bundle.stat().st_size < 1_600_000
    assert (unna / "assets/js/charts.js").is_file()


# --- decisions and money linked both ways -----------------------------------------------------


def test_funding_row_links_to_the_paper_that_approved_it(unna):
    soup = page(unna, "de", "finanzierung/baustein-2/index.html")
    cell = soup.find(id="ds144-weiterleitung-nord-b2").find_parent("tr")
    assert cell.select_one("a[href='../../beschluesse/ds-144-21/']")


def test_paper_page_shows_its_beratungsfolge_and_the_amounts_it_names(unna):
    soup = page(unna, "de", "beschluesse/ds-144-21/index.html")
    assert soup.select("ol.kim-timeline li")
    text = normal(text_of(soup))
    assert "Beträge in dieser Drucksache" in text and "ca. 193.500,00 €" in text
    assert soup.select_one("a[href='../../finanzierung/baustein-2/#ds144-weiterleitung-nord-b2']")


# --- print -----------------------------------------------------------------------------------


def test_funding_page_prints_with_date_and_permalink(unna):
    soup = page(unna, "de", "finanzierung/index.html")
    meta = soup.select_one(".kim-print-only")
    assert "Stand:" in meta.get_text() and "/finanzierung/" in meta.get_text()


def test_chart_assets_do_not_block_the_first_paint(unna):
    soup = page(unna, "de", "finanzierung/index.html")
    assert soup.head.select("script[src$='charts.js'][defer]")
    # Neither plotly.js nor its stylesheet is in the page: charts.js adds them when needed.
    assert not soup.select("script[src*='plotly'], link[href*='plotly']")
    assert soup.select_one("script[data-plotly-css]")["data-plotly-css"].endswith("plotly-kim.css")
