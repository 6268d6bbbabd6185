"""The year at a glance on /finanzierung/ says what the data say, for all three regions: each
period's figures are the sums of exactly the cost-table amounts of that period, a stated figure is
one amount, a computed one lists its inputs, and a figure without amounts is "keine Angabe"."""

from __future__ import annotations

import re
from collections import defaultdict
from decimal import Decimal

import pytest
from support import REGIONS, page

from macros.datasets import load_cached

KINDS = {"Gesamtkosten": "Kosten", "Landeszuwendung an die Region": "Zuwendung",
         "Eigenanteil der Region": "Eigenanteil"}


def german_amount(text: str) -> Decimal:
    number = re.search(r"\d[\d.]*(,\d+)?", text).group(0)
    return Decimal(number.replace(".", "").replace(",", "."))


def expected_rows(data) -> dict[str, dict[str, list]]:
    """Per period heading: the ids of the region's cost-table rows of each kind, by the rules
    the page states (a yearless amount on a line with years counts in each of its years)."""
    others = {r.line for r in data.funding.rows
              if r.line and r.measure == "Zuwendung" and r.to and r.to != data.region.id}
    lines = defaultdict(list)
    for row in data.funding.rows:
        if row.line and row.line not in others:
            lines[row.line].append(row)
    found: dict[str, dict[str, list]] = defaultdict(lambda: defaultdict(list))
    for rows in lines.values():
        years = {r.year for r in rows if r.year}
        for row in rows:
            if row.year:
                headings = [str(row.year)]
            elif row.months:
                headings = [f"Zeitraum von {row.months} Monaten (kein Kalenderjahr)"]
            else:
                headings = [str(y) for y in years] or ["Beträge ohne Jahresangabe"]
            mine = (row.measure != "Zuwendung" or row.to == data.region.id) and (
                row.measure != "Eigenanteil" or row.from_ == data.region.id)
            for heading in headings:
                found[heading]["rows"].append(row)
                if mine:
                    found[heading][row.measure].append(row.id)
    return found


def cards(site):
    soup = page(site, "de", "finanzierung/index.html")
    box = soup.select_one("section.kim-glance")
    assert box is not None, "no year box on /finanzierung/"
    return {card.h3.get_text(strip=True): card for card in box.select(".kim-glance-period")}


def fact(card, label: str):
    for item in card.select(".kim-glance-fact"):
        if item.dt.get_text(strip=True) == label:
            return item.dd
    raise AssertionError(f"{label} missing")


def inputs_of(dd) -> list[str]:
    """The row ids a figure links to: its inputs, or the one stated amount."""
    links = dd.select(".kim-inputs li > a[href]") or dd.select("a.kim-stated[href]")
    return [a["href"].rsplit("#", 1)[1] for a in links]


@pytest.mark.parametrize("region", sorted(REGIONS))
def test_the_year_box_shows_one_card_per_period_of_the_cost_tables(sites, region):
    assert set(cards(sites[region])) == set(expected_rows(load_cached(REGIONS[region])))


@pytest.mark.parametrize("region", sorted(REGIONS))
def test_each_year_box_figure_is_the_sum_of_exactly_its_periods_amounts(sites, region):
    data = load_cached(REGIONS[region])
    amounts = {r.id: r.amount for r in data.funding.rows}
    expected = expected_rows(data)
    checked = 0
    for heading, card in cards(sites[region]).items():
        for label, measure in KINDS.items():
            dd = fact(card, label)
            want = expected[heading][measure]
            money = dd.select_one(".kim-money").get_text(" ", strip=True)
            if not want:
                assert money == "keine Angabe", f"{region} {heading} {label}: {money}"
                continue
            assert sorted(inputs_of(dd)) == sorted(want), f"{region} {heading} {label}"
            assert german_amount(money) == sum(amounts[i] for i in want), (region, heading, label)
            # One amount of the card's own period is stated; anything else says "berechnet".
            stated = len(want) == 1 and heading == str(
                next(r for r in data.funding.rows if r.id == want[0]).year or "")
            assert (dd.select_one(".kim-computed") is None) == (
                stated or (len(want) == 1 and heading.startswith(("Beträge ohne", "Zeitraum"))))
            checked += 1
    assert checked


@pytest.mark.parametrize("region", sorted(REGIONS))
def test_forwarded_amounts_and_municipal_own_shares_are_named_per_recipient(sites, region):
    data = load_cached(REGIONS[region])
    names = {m.id: m.name for m in data.region.municipalities}
    for heading, card in cards(sites[region]).items():
        rows = expected_rows(data)[heading]["rows"]
        onward = [r for r in rows if r.measure == "Weiterleitung" and r.from_ == data.region.id]
        paid = [r for r in rows if r.measure == "Eigenanteil" and r.from_ in names]
        for row in onward + paid:
            dd = next(dd for dd in card.select("dd") if row.id in inputs_of(dd))
            label = dd.find_previous_sibling("dt").get_text(strip=True)
            if row.from_ in names:
                assert names[row.from_] in label
            elif row.to:
                assert data.municipalities[row.to].name in label if row.to in names else True
        if not onward:
            assert fact(card, "Weitergeleitet").select_one(".kim-money").get_text() == \
                "keine Angabe"


@pytest.mark.parametrize("region", sorted(REGIONS))
def test_the_year_box_names_each_papers_state_as_the_documents_give_it(sites, region):
    data = load_cached(REGIONS[region])
    words = {"Beschluss": "beschlossen", "Vorschlag": "Vorschlag, noch nicht beschlossen",
             "Empfehlung": "empfohlen, noch nicht abschließend beschlossen",
             "unbekannt": "keine Angabe"}
    for heading, card in cards(sites[region]).items():
        papers = sorted({r.paper for r in expected_rows(data)[heading]["rows"] if r.paper})
        items = card.select(".kim-glance-papers li")
        assert [li.a["href"].rstrip("/").rsplit("/", 1)[1] for li in items] == papers
        for li, ident in zip(items, papers, strict=True):
            assert li.select_one(".kim-decision").get_text() == \
                words[data.papers[ident].decision_state]


# --- the comparison per post (FTE) ---------------------------------------------------------------


def posts_in(data, heading: str) -> Decimal | None:
    """The posts the period's cost rows name; where they name none, those of its grants."""
    rows = expected_rows(data)[heading]["rows"]

    def fte(row) -> Decimal | None:
        if row.rate_parts:
            return sum(p.fte for p in row.rate_parts)
        return row.fte

    cost = [fte(r) for r in rows if r.measure == "Kosten" and fte(r) is not None]
    grant = [fte(r) for r in rows if r.measure == "Zuwendung" and r.to == data.region.id
             and fte(r) is not None]
    chosen = cost or grant
    return sum(chosen) if chosen else None


def test_per_fte_values_are_amount_divided_by_the_posts_of_the_data(sites):
    import json
    site = sites["kreis-unna"]
    records = json.loads((site / "finanzierung/daten/vergleich-regionen.json")
                         .read_text(encoding="utf-8"))["records"]
    assert len(records) == len(REGIONS)
    with_fte = 0
    for folder in REGIONS.values():
        data = load_cached(folder)
        record = next(r for r in records if r["region"] == data.region.name.de)
        heading = str(record["cost_year"]) if record["cost_year"] else "Beträge ohne Jahresangabe"
        posts = posts_in(data, heading)
        assert (Decimal(record["fte"]) if record["fte"] else None) == posts, data.region.name.de
        for amount, per in (("grant", "grant_per_fte"), ("cost", "cost_per_fte")):
            if posts and record[amount]:
                want = (Decimal(record[amount]) / posts).quantize(Decimal("0.01"))
                assert Decimal(record[per]) == want, (data.region.name.de, per)
                with_fte += 1
            else:
                assert record[per] is None, (data.region.name.de, per)
    assert with_fte >= 3  # every region's documents give posts


def comparison_row(soup, figure: str) -> list[str]:
    """One figure's cells of the comparison table, one per region (regions are its columns)."""
    table = soup.select_one("#chart-vergleich-regionen-data").find_parent("section").table
    row = next(r for r in table.select("tbody tr") if r.th.get_text(strip=True) == figure)
    cells = [td.get_text(" ", strip=True).replace("\xa0", " ") for td in row.select("td")]
    assert len(cells) == len(REGIONS)
    return cells


def test_the_comparison_table_shows_each_per_fte_value_with_its_inputs(sites):
    soup = page(sites["kreis-unna"], "de", "finanzierung/index.html")
    for cell in comparison_row(soup, "Zuwendung je Stelle (VZÄ)"):
        assert cell == "keine Angabe" or re.fullmatch(
            r"(bis zu )?[\d.,]+ € = (bis zu )?[\d.,]+ € / [\d,]+ VZÄ", cell), cell


# --- honest summaries: no sentence adds across periods without saying so -----------------------


def cross_period_sums(data) -> set[Decimal]:
    """Every sum of one kind of amount (per module and over all modules) over two or more
    periods: the figures a summary may not state unless it says it adds periods together."""
    from itertools import combinations
    totals: dict[tuple, dict[str, Decimal]] = defaultdict(lambda: defaultdict(Decimal))
    for heading, found in expected_rows(data).items():
        for row in found["rows"]:
            for module in (row.module, "all"):
                totals[(row.measure, module)][heading] += row.amount
    sums = set()
    for by_period in totals.values():
        values = list(by_period.values())
        for size in range(2, len(values) + 1):
            sums |= {sum(c) for c in combinations(values, size)}
    return {s for s in sums if s}


SUMMARIES = ["finanzierung/index.html", "finanzierung/baustein-1/index.html",
             "finanzierung/baustein-2/index.html", "finanzierung/baustein-3/index.html"]


def amounts_in(text: str) -> list[Decimal]:
    return [Decimal(m.replace(".", "").replace(",", "."))
            for m in re.findall(r"\d{1,3}(?:\.\d{3})*,\d{2}(?=\s?€)", text)]


@pytest.mark.parametrize("region", sorted(REGIONS))
def test_no_summary_sentence_adds_across_periods_without_saying_so(sites, region):
    data = load_cached(REGIONS[region])
    forbidden = cross_period_sums(data)
    found = []
    for path in SUMMARIES:
        if not (sites[region] / path).exists():
            continue
        soup = page(sites[region], "de", path)
        for sentence in soup.select("p.kim-chart-summary, .kim-glance p"):
            text = sentence.get_text(" ").replace("\xa0", " ")
            if "zusammen" in text:
                continue
            found += [f"{path}: {a} in {text[:80]!r}" for a in amounts_in(text) if a in forbidden]
    assert not found, "; ".join(found)


def test_the_summary_check_finds_a_sum_of_two_years():
    data = load_cached(REGIONS["kreis-unna"])
    rows = expected_rows(data)
    cost = [sum(r.amount for r in rows[y]["rows"] if r.measure == "Kosten")
            for y in ("2021", "2022")]
    assert sum(cost) in cross_period_sums(data)


def test_per_inhabitant_values_show_their_inputs_or_say_keine_angabe(sites):
    import json
    site = sites["kreis-unna"]
    records = json.loads((site / "finanzierung/daten/vergleich-regionen.json")
                         .read_text(encoding="utf-8"))["records"]
    for record in records:
        data = load_cached(next(f for f in REGIONS.values()
                                if load_cached(f).region.name.de == record["region"]))
        population = data.region.population.total.value if (
            data.region.population and data.region.population.total) else None
        if population is None or record["grant"] is None:
            assert record["grant_per_inhabitant"] is None
        else:
            assert Decimal(record["grant_per_inhabitant"]) == (
                Decimal(record["grant"]) / population).quantize(Decimal("0.01"))
    soup = page(site, "de", "finanzierung/index.html")
    for cell in comparison_row(soup, "Zuwendung je Einwohner/in"):
        assert cell == "keine Angabe" or re.fullmatch(
            r"(bis zu )?[\d.,]+ € = (bis zu )?[\d.,]+ € / [\d.]+ Personen", cell), cell


def test_posts_summed_from_a_rows_rate_parts_are_computed_not_stated():
    """Kreis Wesel: 6,5 coordinators + 0,5 assistance in one row are 7 posts the portal adds."""
    from macros import glance
    data = load_cached(REGIONS["kreis-wesel"])
    posts = next(y.fte for y in glance.year_figures(data) if y.fte.known)
    parts = [p for r in posts.rows for p in r.rate_parts]
    assert len(parts) > 1 and posts.value == sum(p.fte for p in parts)
    assert posts.computed and posts.count == len(parts)


# --- decision pages: each consultation's outcome as far as a document records it ---------------


def test_a_consultation_without_a_recorded_outcome_says_so_and_one_with_it_quotes_it():
    from bs4 import BeautifulSoup

    from macros.context import PageContext
    from macros.i18n import language
    from macros.pages.papers import paper_page
    data = load_cached(REGIONS["kreis-wesel"])
    paper = next(p for p in data.papers.values()
                 if any(c.result for c in p.consultation)
                 and any(not c.result for c in p.consultation))
    soup = BeautifulSoup(str(paper_page(PageContext(data, language("de"),
                                                    f"beschluesse/{paper.id}/"), paper.id)),
                         "html.parser")
    results = [li.select_one(".kim-result").get_text() for li in soup.select(".kim-timeline li")]
    steps = sorted(paper.consultation, key=lambda c: c.meeting_date)
    assert results == [f"laut Dokument: {c.result}" if c.result
                       else "Ergebnis laut Dokument: keine Angabe" for c in steps]
    # The amounts the paper names link to their figures, which link back to the paper.
    for link in soup.select("#betraege ~ div a[href]"):
        assert "finanzierung/" in link["href"]
