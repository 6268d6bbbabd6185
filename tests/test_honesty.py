"""Each region's site says what its documents say, and nothing else.

Unknown is never 0; a figure the portal computes says so, with its inputs; amounts of
different periods are not added up; a proposal is not a decision; a planned post is not an
active one; an unknown service area is not "everywhere"; a person named in a document's contact
line is no one else's contact. Real builds of the three regions (and of synthetic data where a
case needs it), assertions on the HTML.
"""

from __future__ import annotations

import json
import re
from decimal import Decimal
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from support import REGIONS, html_files, lang_of, page, view_page

from macros import formatting
from macros.loader import DataErrors, load

ZERO_MONEY = re.compile(r"(?<![\d.,])0,00 €")
ZERO_PERCENT = re.compile(r"(?<![\d.,])0 %")
NEGATED = re.compile(r"noch nicht (abschließend |fertig )?beschlossen", re.IGNORECASE)


def normal(text: str) -> str:
    return " ".join(text.replace("\xa0", " ").replace("\u202f", " ").split())


def visible(soup: BeautifulSoup) -> str:
    for script in soup.select("script"):
        script.decompose()
    body = soup.select_one("article") or soup
    return normal(body.get_text(" "))


def charts_of(soup: BeautifulSoup) -> dict[str, dict]:
    return {s["id"].removesuffix("-data").removeprefix("chart-"): json.loads(s.string)
            for s in soup.select('script[type="application/json"].kim-chart-data')}


def chart_section(soup: BeautifulSoup, ident: str):
    return soup.select_one(f"section[aria-labelledby='chart-{ident}-title']")


def money(amount: Decimal) -> str:
    return normal(formatting.money(amount, "de_DE"))


# --- missing is never zero ----------------------------------------------------------------------


@pytest.mark.parametrize("region", REGIONS)
def test_no_german_page_shows_zero_euro_or_zero_percent(sites, region):
    site = sites[region]
    found = []
    for path in html_files(site):
        if lang_of(site, path) != "de":
            continue
        text = visible(BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser"))
        found += [f"{path.relative_to(site)}: …{text[max(0, m.start() - 60):m.end()]}"
                  for pattern in (ZERO_MONEY, ZERO_PERCENT) for m in pattern.finditer(text)]
    assert not found, "\n".join(found)


def test_an_own_share_no_document_states_is_keine_angabe_and_gets_no_bar(sites):
    soup = page(sites["kreis-wesel"], "de", "finanzierung/index.html")
    rows = chart_section(soup, "zuwendung-eigenanteil").select("table tbody tr")
    assert rows and all(normal(r.select("td")[1].get_text()) == "keine Angabe" for r in rows)
    own = charts_of(soup)["zuwendung-eigenanteil"]["data"][1]
    assert all(x is None for x in own["x"])
    notes = " ".join(p.get_text() for p in chart_section(soup, "zuwendung-eigenanteil")
                     .select("p.kim-chart-note"))
    assert "Kein Balken" in notes


def test_a_sum_with_an_unknown_part_says_at_least(sites):
    soup = page(sites["kreis-wesel"], "de", "finanzierung/index.html")
    row = chart_section(soup, "zuwendung-eigenanteil").select("table tbody tr")[0]
    grant, total = normal(row.select("td")[0].get_text()), normal(row.select("td")[2].get_text())
    assert total == f"mindestens {grant}"


def test_a_holder_without_a_position_in_a_module_has_no_figure_not_zero(sites):
    soup = page(sites["kreis-wesel"], "de", "finanzierung/index.html")
    cells = [normal(td.get_text()) for td in chart_section(soup, "stellen").select("tbody td")]
    assert "keine Angabe" in cells and "0" not in cells


# --- computed figures are labelled, with their inputs; no sums across periods ---------------


@pytest.mark.parametrize("region", REGIONS)
def test_every_chart_with_figures_says_they_are_computed(sites, region):
    soup = page(sites[region], "de", "finanzierung/index.html")
    for section in soup.select("section.kim-chart-block"):
        if section.select_one("table") is None:
            continue  # nothing to compute: the summary says the documents give no amounts
        words = normal(" ".join(p.get_text() for p in section.select("p.kim-chart-summary, "
                                                                      "p.kim-chart-note")))
        headers = normal(" ".join(th.get_text() for th in section.select("thead th")))
        assert "berechnet" in (words + headers).casefold(), section["aria-labelledby"]


def test_comparison_names_the_inputs_of_each_region(sites):
    soup = page(sites["kreis-unna"], "de", "finanzierung/index.html")
    notes = normal(" ".join(p.get_text() for p in chart_section(soup, "vergleich-regionen")
                            .select("p.kim-chart-note")))
    assert "berechnet das Portal, kein Dokument nennt sie" in notes
    for region, folder in REGIONS.items():
        data = load(folder)
        grants = [r for r in data.funding.rows
                  if r.line and r.measure == "Zuwendung" and r.to == data.region.id]
        assert f"{data.region.name.de}: Summe aus {len(grants)} Zuwendungsbeträgen" in notes, region


def comparison_cell(table, figure: str, region: str) -> str:
    """The comparison table has one column per region and one row per figure."""
    column = [normal(th.get_text()) for th in table.select("thead th")].index(region)
    row = next(r for r in table.select("tbody tr") if normal(r.th.get_text()).startswith(figure))
    return normal(row.select("th, td")[column].get_text()).strip()


def test_comparison_grant_of_wesel_adds_nothing_the_documents_do_not_address_to_it(sites):
    """407.916,67 € was 352.916,67 € (Kreis Wesel) plus Voerde's 55.000 € estimate a post."""
    for region in REGIONS:
        text = visible(page(sites[region], "de", "finanzierung/index.html"))
        assert "407.916,67" not in text
    table = chart_section(page(sites["kreis-unna"], "de", "finanzierung/index.html"),
                          "vergleich-regionen").select_one("table")
    assert comparison_cell(table, "Landeszuwendung", "Kreis Wesel") == "352.916,67 €"


def test_an_amount_without_a_year_is_not_added_into_a_years_total(sites):
    site = sites["kreis-unna"]
    soup = page(site, "de", "finanzierung/index.html")
    summary = normal(chart_section(soup, "zuwendung-eigenanteil")
                     .select_one("p.kim-chart-summary").get_text())
    records = json.loads((site / "finanzierung/daten/zuwendung-eigenanteil.json")
                         .read_text(encoding="utf-8"))["records"]
    for year in sorted({r["year"] for r in records if r["year"]}):
        own = sum((Decimal(r["own_share"]) for r in records
                   if r["year"] == year and r["own_share"]), Decimal(0))
        assert f"{year}: Landeszuwendung" in summary
        stated = re.search(rf"{year}: Landeszuwendung [^;]*?, Eigenanteil ([^;(]*)", summary)
        assert normal(stated.group(1)).rstrip(".") == money(own), year
    # Module 2's own shares of DS 156/21 have no year: named on their own, in no year's sum.
    undated = [r for r in records if r["year"] is None and r["module"] == 2 and r["own_share"]]
    assert undated and "Baustein 2, ohne Jahresangabe" in summary


def test_sankey_draws_no_land_flow_past_the_grant_recipient(sites):
    """002: funds for posts at towns or providers go only through the Kreis Wesel."""
    soup = page(sites["kreis-wesel"], "de", "finanzierung/index.html")
    sankey = charts_of(soup)["mittelfluss"]["data"][0]
    labels = [label.replace("<br>", " ") for label in sankey["node"]["label"]]
    for source, target in zip(sankey["link"]["source"], sankey["link"]["target"], strict=True):
        if labels[source].startswith("Land"):
            assert labels[target] == "Kreis Wesel", labels[target]
    # Voerde's estimate for a possible post is no flow at all (docs-data: it is a forwarding the
    # Kreis would make, outside the region's sums), so no node of the sankey is Stadt Voerde.
    assert "Stadt Voerde" not in labels


def test_flows_say_which_figures_are_sums_of_several_amounts(sites):
    soup = page(sites["kreis-unna"], "de", "finanzierung/index.html")
    cells = [normal(r.select("td")[-1].get_text())
             for r in chart_section(soup, "mittelfluss").select("tbody tr")]
    assert any(re.fullmatch(r"Summe aus \d+ Beträgen \(berechnet\)", c) for c in cells)
    assert all(c == "ein Betrag laut Dokument" or c.endswith("(berechnet)") for c in cells)


# --- a proposal is not a decision ---------------------------------------------------------------


@pytest.mark.parametrize("region", REGIONS)
def test_no_paper_of_the_documents_is_called_decided(sites, region):
    site = sites[region]
    # 042/21 and Kreis Wesel's decision of 17.12.2020: the documents state their decision.
    papers = load(REGIONS[region]).papers
    decided = {i for i, p in papers.items() if p.decision_state == "Beschluss"}
    for ident in set(papers) - decided:
        for path in (f"beschluesse/{ident}/index.html", "beschluesse/index.html"):
            soup = page(site, "de", path)
            for section in soup.select("section.kim-paper"):
                if section.select_one("h2[id]")["id"] in decided:
                    section.decompose()
            text = NEGATED.sub("", visible(soup))
            assert "beschlossen" not in text.casefold(), (path, text[:300])


def test_paper_page_gives_the_state_the_document_gives(sites):
    soup = page(sites["kreis-unna"], "de", "beschluesse/ds-144-21/index.html")
    facts = {normal(dt.get_text()): normal(dt.find_next_sibling("dd").get_text())
             for dt in soup.select("dl dt")}
    assert facts["Stand laut Dokument"] == "Vorschlag, noch nicht beschlossen"


def _paper_page(minimal_data: Path, state: str | None) -> BeautifulSoup:
    """The paper's page as its view renders it (SYNTHETIC minimal data)."""
    if state:
        papers = minimal_data / "papers.yml"
        papers.write_text(papers.read_text(encoding="utf-8").replace(
            "    paperType: Beschlussvorlage\n",
            f"    paperType: Beschlussvorlage\n    decision_state: {state}\n"), encoding="utf-8")
    return view_page(load(minimal_data), "paper", "ds-1-21")


def test_a_paper_without_a_stated_state_is_shown_as_unknown(minimal_data):
    text = visible(_paper_page(minimal_data, None))
    assert "Stand laut Dokument keine Angabe" in text
    assert "Beträge in dieser Drucksache" in text and "beschlossen" not in text


def test_only_a_decided_paper_has_approved_amounts(minimal_data):
    text = visible(_paper_page(minimal_data, "Beschluss"))
    assert "Stand laut Dokument beschlossen" in text and "Beschlossene Beträge" in text


# --- planned is not active; unknown status and area are said ----------------------------------


def test_planned_case_management_posts_are_shown_as_planned(sites):
    for region, ident in (("kreis-unna", "fallmanagement-nord"),
                          ("kreis-wesel", "kim-case-management-voerde"),
                          ("stadt-leverkusen", "casemanagement-awo")):
        notice = page(sites[region], "de", f"angebote/{ident}/index.html").select_one(".kim-status")
        assert notice and "geplant" in notice.get_text(), (region, ident)


def test_an_offer_without_a_stated_status_says_it_is_unknown(sites):
    data = load(REGIONS["kreis-wesel"])
    unknown = [o.id for o in data.offers.values() if o.status == "unbekannt"]
    assert unknown
    for ident in unknown:
        notice = page(sites["kreis-wesel"], "de", f"angebote/{ident}/index.html").select_one(
            ".kim-status")
        assert notice and "nennen die Quelldokumente nicht" in notice.get_text(), ident


@pytest.mark.parametrize("region", REGIONS)
def test_no_page_claims_an_offer_serves_all_places(sites, region):
    site = sites[region]
    for path in html_files(site):
        if lang_of(site, path) == "de":
            assert "alle Orte" not in path.read_text(encoding="utf-8"), path


def test_an_offer_without_a_service_area_says_keine_angabe(sites):
    site = sites["kreis-unna"]
    soup = page(site, "de", "angebote/index.html")
    item = next(li for li in soup.select("li") if li.select_one("a[href='griffbereit/']"))
    assert normal(item.select_one(".kim-offer-where").get_text()) == "Einzugsgebiet: keine Angabe"
    facts = page(site, "de", "angebote/griffbereit/index.html").select_one("dl.kim-facts")
    assert "keine Angabe" in normal(facts.get_text(" "))


def test_an_offer_without_a_service_area_is_on_no_town_page(sites):
    site = sites["kreis-unna"]
    for town in load(REGIONS["kreis-unna"]).region.municipalities:
        path = site / "angebote" / "ort" / town.id / "index.html"
        if path.exists():
            assert "griffbereit/" not in path.read_text(encoding="utf-8"), town.id


# --- a person only in the role a document gives them ------------------------------------------


def test_the_contact_line_person_is_named_on_no_page_as_anyones_contact(sites):
    site = sites["kreis-unna"]
    person = load(REGIONS["kreis-unna"]).region.ki.person.name
    named = [str(p.relative_to(site)) for p in html_files(site)
             if person in visible(BeautifulSoup(p.read_text(encoding="utf-8"), "html.parser"))]
    assert not named, named


def test_a_modules_fte_total_is_labelled_as_computed(sites):
    foot = page(sites["kreis-unna"], "de", "bausteine/2/index.html").select_one("tfoot")
    assert normal(foot.get_text(" ")).startswith("Summe (berechnet)")


def test_a_population_no_document_states_is_keine_angabe(sites):
    data = load(REGIONS["kreis-wesel"])
    unknown = next(m for m in data.region.municipalities if m.population is None)
    table = page(sites["kreis-wesel"], "de", "kommunen/index.html").select_one("table.kim-table")
    row = next(r for r in table.select("tbody tr") if unknown.name in r.get_text())
    assert [normal(td.get_text()) for td in row.select("td")][-5:] == ["keine Angabe"] * 5


def test_a_region_wide_offer_says_so_where_a_document_does(sites):
    site = sites["kreis-wesel"]
    soup = page(site, "de", "angebote/index.html")
    item = next(li for li in soup.select("li")
                if li.select_one("a[href='sprachmittlerpool-kreis-wesel/']"))
    assert (normal(item.select_one(".kim-offer-where").get_text())
            == "Kreis Wesel (ganze Region laut Quelldokument)")
    assert "sprachmittlerpool-kreis-wesel/" in (
        site / "angebote/ort/moers/index.html").read_text(encoding="utf-8")


def test_region_wide_and_a_service_area_together_are_refused_in_german(minimal_data):
    offer = minimal_data / "offers" / "sprachcafe.yml"
    offer.write_text(offer.read_text(encoding="utf-8").replace(
        "service_area: [musterstadt]", "service_area: [musterstadt]\nregion_wide: true"),
        encoding="utf-8")
    with pytest.raises(DataErrors) as caught:
        load(minimal_data)
    [error] = caught.value.errors
    assert error.file.endswith("offers/sprachcafe.yml")
    assert "entweder 'region_wide: true' oder 'service_area'" in error.message


def test_a_case_management_point_without_an_area_is_listed_once_not_under_every_town(
        minimal_data):
    offer = minimal_data / "offers" / "sprachcafe.yml"
    offer.write_text(offer.read_text(encoding="utf-8").replace(
        "service_area: [musterstadt]", "case_management: true"), encoding="utf-8")
    soup = view_page(load(minimal_data), "casemanagement")
    section = soup.find(id="ohne-einzugsgebiet")
    assert section and section.find_next("ul").select_one("a[href='../angebote/sprachcafe/']")
    assert len(soup.select("a[href='../angebote/sprachcafe/']")) == 1


def test_a_towns_cost_estimate_is_no_part_of_the_regions_cost(sites):
    """Voerde's ca. 63.500 + 10.000 € for a post of its own are not Kreis Wesel's KIM cost."""
    table = chart_section(page(sites["kreis-wesel"], "de", "finanzierung/index.html"),
                          "vergleich-regionen").select_one("table")
    assert comparison_cell(table, "Kosten", "Kreis Wesel") == "keine Angabe"


def test_an_upper_bound_plus_an_unknown_part_is_no_sum(sites):
    """Leverkusen, Baustein 3: 'bis zu 112.500 €' grant, no own share stated: no total at all."""
    soup = page(sites["stadt-leverkusen"], "de", "finanzierung/baustein-3/index.html")
    row = chart_section(soup, "zuwendung-eigenanteil-baustein-3").select("table tbody tr")[0]
    cells = [normal(td.get_text()) for td in row.select("td")]
    assert cells[0].startswith("bis zu") and cells[1:] == ["keine Angabe", "keine Angabe"]
