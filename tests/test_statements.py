"""Checks over the documents' quoted statements (statements.yml) and the class of every finding.

Each check has a crafted case that fires and one that stays silent (SYNTHETIC statements in
minimal_data); the real documents' inconsistencies are found where they stand; a data gap is
never classed as an inconsistency of the documents.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from textwrap import dedent, indent

import pytest
from support import REGIONS, page, shipped_findings

from macros import checks
from macros.loader import DataErrors, load


def statement(ident: str, kind: str, quote: str, section: str = "Abschnitt 1", **fields) -> str:
    """One statement of test-vorlage (SYNTHETIC) as YAML; fields are written as given."""
    lines = [f"id: {ident}", f"kind: {kind}", f'quote: "{quote}"',
             *(f"{key}: {value}" for key, value in fields.items()),
             "source:", "  document: test-vorlage", f"  section: {section}"]
    return "- " + indent("\n".join(lines), "  ").lstrip() + "\n"


def with_statements(root: Path, *items: str) -> Path:
    text = "# Synthetische Testdaten (erfunden)\nstatements:\n"
    text += "".join(indent(item, "  ") for item in items)
    (root / "statements.yml").write_text(text, encoding="utf-8")
    return root


def found(root: Path, check) -> list[checks.Finding]:
    return check(load(root))


# --- the same figure, date or name in two places ------------------------------------------------


def test_same_figure_stated_differently_in_two_places_is_reported(minimal_data):
    with_statements(minimal_data,
                    statement("a", "Betrag", "Gesamt 75.000 €", subject="x", value=75000),
                    statement("b", "Betrag", "= 50.000 €", "Abschnitt 2", subject="x", value=50000))
    [finding] = found(minimal_data, checks.check_same)
    assert finding.subject == "b"
    assert finding.values["difference"] == checks.Figure(Decimal(25000), "money")


def test_same_figure_stated_alike_in_two_places_is_silent(minimal_data):
    with_statements(minimal_data,
                    statement("a", "Stellen", "1,5 VzÄ", subject="x", value=1.5),
                    statement("b", "Stellen", "2 x 0,75 VzÄ", "Abschnitt 2", subject="x",
                              value=1.5))
    assert found(minimal_data, checks.check_same) == []


def test_finding_names_both_places_document_and_section(minimal_data):
    with_statements(minimal_data,
                    statement("a", "Stellen", "1,5 VzÄ", "Tabelle A", subject="x", value=1.5),
                    statement("b", "Stellen", "1,0 VzÄ", "Tabelle B", subject="x", value=1.0))
    [finding] = checks.run(load(minimal_data))
    assert finding.places == ("Drucksache 1/21, Tabelle B", "Drucksache 1/21, Tabelle A")


def test_rounded_figure_within_its_own_rounding_is_silent(minimal_data):
    with_statements(minimal_data,
                    statement("genau", "Betrag", "Gesamt Lünen 64.700,00 €", subject="x",
                              value=64700),
                    statement("rund", "Betrag", "rund 65.000 Euro", subject="x", value=65000,
                              approximate="true"))
    assert found(minimal_data, checks.check_same) == []


def test_rounded_figure_beyond_its_own_rounding_is_reported(minimal_data):
    with_statements(minimal_data,
                    statement("genau", "Betrag", "Gesamt 364.572,00 €", subject="x", value=364572),
                    statement("rund", "Betrag", "rund 300.000 Euro", subject="x", value=300000,
                              approximate="true"))
    [finding] = found(minimal_data, checks.check_same)
    assert finding.subject == "rund"


@pytest.mark.parametrize(("value", "step"), [
    ("65000", "5000"), ("300000", "100000"), ("193500", "500"), ("76000", "1000"), ("10.7", "0.1"),
])
def test_rounding_step_is_the_place_of_the_last_non_zero_digit_or_fives(value, step):
    assert checks.rounding_step(Decimal(value)) == Decimal(step)


def test_two_dates_of_the_same_thing_that_differ_are_reported(minimal_data):
    with_statements(minimal_data,
                    statement("a", "Datum", "mit Datum vom 15.05.2021", subject="bescheid",
                              date="2021-05-15"),
                    statement("b", "Datum", "vom 14.05.2021", "§ 2", subject="bescheid",
                              date="2021-05-14"))
    [finding] = found(minimal_data, checks.check_same)
    assert (finding.subject, finding.variant) == ("b", "text")


def test_two_names_of_the_same_thing_that_differ_are_reported(minimal_data):
    with_statements(minimal_data,
                    statement("a", "Name", "Einwanderung gestalten NRW", subject="p",
                              name="Einwanderung gestalten NRW"),
                    statement("b", "Name", "Zuwanderung gestalten NRW", subject="p",
                              name="Zuwanderung gestalten NRW"))
    assert [f.subject for f in found(minimal_data, checks.check_same)] == ["b"]


# --- a figure against the figures it is made of -------------------------------------------------


def sum_case(root: Path, total: int) -> Path:
    return with_statements(
        root,
        statement("rate", "Betrag", "55.000,00 Euro je VzÄ und Kalenderjahr", value=55000),
        statement("nord", "Betrag", "ca. 193.500 Euro für 3,0 VzÄ", value=total, approximate="true",
                  sum_of="\n  - statement: rate\n    times: 3\n    months: 14"))


def test_figure_that_differs_from_the_figures_it_is_made_of_is_reported(minimal_data):
    [finding] = found(sum_case(minimal_data, 193500), checks.check_sums)
    assert finding.values["computed"] == checks.Figure(Decimal("192500.00"), "money")


def test_figure_that_matches_the_figures_it_is_made_of_is_silent(minimal_data):
    assert found(sum_case(minimal_data, 192500), checks.check_sums) == []


# --- a count against the list it refers to ------------------------------------------------------


def count_case(root: Path, count: int) -> Path:
    return with_statements(
        root,
        statement("liste", "Liste", "Anlage Projektgruppen", "Anlage",
                  items="[Gremium, Arbeitsgruppe 1, Arbeitsgruppe 2]"),
        statement("zahl", "Anzahl", f"es bestehen {count} Projektgruppen", "§ 12", value=count,
                  counts="liste"))


def test_count_in_the_text_that_differs_from_its_list_is_reported(minimal_data):
    [finding] = found(count_case(minimal_data, 0), checks.check_counts)
    assert finding.values["computed"] == checks.Figure(Decimal(3), "count")


def test_count_in_the_text_that_matches_its_list_is_silent(minimal_data):
    assert found(count_case(minimal_data, 3), checks.check_counts) == []


# --- a percentage against its own table ----------------------------------------------------------


def share_case(root: Path, percent: str) -> Path:
    return with_statements(
        root,
        statement("alle", "Anzahl", "Insgesamt 48.740", value=48740),
        statement("teil", "Anzahl", "Ausländer 6.295", value=6295),
        statement("anteil", "Prozent", f"{percent} %", value=percent,
                  share_of="\n  part: teil\n  whole: alle"))


def test_percentage_that_does_not_match_its_table_is_reported(minimal_data):
    [finding] = found(share_case(minimal_data, "7.7"), checks.check_shares)
    assert finding.values["computed"] == checks.Figure(Decimal("12.9"), "percent")


def test_percentage_that_matches_its_table_to_its_decimals_is_silent(minimal_data):
    assert found(share_case(minimal_data, "12.9"), checks.check_shares) == []


# --- dates that cannot precede each other -------------------------------------------------------


def date_case(root: Path, deadline: str) -> Path:
    return with_statements(
        root,
        statement("beschluss", "Datum", "Beschluss am 17.12.2020", date="2020-12-17"),
        statement("frist", "Datum", "bis spätestens …", date=deadline, not_before="beschluss"))


def test_date_before_the_date_it_cannot_precede_is_reported(minimal_data):
    [finding] = found(date_case(minimal_data, "2020-01-20"), checks.check_dates)
    assert finding.subject == "frist"


def test_date_after_the_date_it_cannot_precede_is_silent(minimal_data):
    assert found(date_case(minimal_data, "2021-01-20"), checks.check_dates) == []


# --- statements are checked for structure ------------------------------------------------------


def test_statement_without_its_section_is_refused_in_german(minimal_data):
    (minimal_data / "statements.yml").write_text(dedent("""\
        statements:
          - id: a
            kind: Betrag
            quote: "75.000 €"
            value: 75000
            source:
              document: test-vorlage
        """), encoding="utf-8")
    with pytest.raises(DataErrors, match=r"statements\.yml:2.*Abschnitt"):
        load(minimal_data)


def test_statement_without_the_value_its_kind_needs_is_refused(minimal_data):
    with_statements(minimal_data, statement("a", "Datum", "am 15.05.2021"))
    with pytest.raises(DataErrors, match="fehlt das Feld 'date'"):
        load(minimal_data)


def test_statement_referring_to_an_unknown_statement_is_refused(minimal_data):
    with_statements(minimal_data, statement("a", "Anzahl", "0 Gruppen", value=0, counts="fehlt"))
    with pytest.raises(DataErrors, match="Aussage"):
        load(minimal_data)


# --- classes: the documents' inconsistencies apart from gaps in our data -----------------------


def test_amount_without_a_paper_is_a_gap_in_our_data_not_in_the_documents(minimal_data):
    from test_checks import GRANT, row, write_funding
    write_funding(minimal_data,
                  [GRANT, row("eigen", "Eigenanteil", "5000.00", from_="musterstadt")])
    [finding] = [f for f in checks.run(load(minimal_data)) if f.check == "decision"]
    assert finding.cls == checks.OUR_DATA


@pytest.mark.parametrize("check", ["total", "cost", "rate", "forwarding", "same", "sum", "count",
                                   "share", "date"])
def test_contradictions_are_inconsistencies_in_the_documents(check):
    assert checks.CHECK_CLASS[check] == checks.DOCUMENTS


# --- the real documents -----------------------------------------------------------------------

ROOT = Path(__file__).resolve().parent.parent


def test_drucksache_042_21_is_decided_by_the_kreistag_with_the_rahmenkonzept_as_annex():
    paper = load(ROOT / "data").papers["ds-042-21"]
    [step] = paper.consultation
    assert (step.organization, step.meeting_date.isoformat(), step.role) == (
        "kreistag-unna", "2021-03-23", "Entscheidung")
    assert [f.document for f in paper.files] == ["unna-rahmenkonzept"]
    assert paper.date is None  # no document gives its issue date


def test_no_amount_of_kreis_unna_is_shown_as_without_an_approving_paper():
    assert [f.subject for f in checks.run(load(ROOT / "data")) if f.check == "decision"] == []


KNOWN = [  # (folder, statement, check): inconsistencies inside the documents
    ("data", "u-144-b1-rund-300000", "same"),
    ("data", "u-156-b1-rund-300000", "same"),
    ("data", "u-144-bescheid-b1-vertrag-2-3", "same"),
    ("data", "u-144-verweis-empfaengerin", "same"),
    ("data", "u-144-lenkungskreis", "same"),
    ("data", "u-b2-eigenanteil-105000", "sum"),
    ("data", "u-b2-varb-eigenanteil-nord", "sum"),
    ("data", "u-b3-kreis-fte-anbindung", "same"),
    ("data", "u-b3-kreis-zuwendung-foerdersumme", "same"),
    ("data", "u-b3-luenen-fte-anbindung", "same"),
    ("data", "u-b3-luenen-zuwendung-foerdersumme", "same"),
    ("data", "u-b3-arbeitsplatzkosten", "sum"),
    ("data", "u-abk-jmb", "same"),
    ("data", "u-abk-meb", "same"),
    ("data", "u-bev-bergkamen-auslaender-prozent", "share"),
    ("data", "u-bev-holzwickede-auslaender-prozent", "share"),
    ("data", "ds144-weiterleitung-luenen-b1", "rate"),
    ("data", "ds144-weiterleitung-nord-b2", "rate"),
    # the same slips as test_checks.KNOWN's, found by a second check (cost line beside total)
    ("data", "b2-2022-gesamt-kosten", "total"),
    ("data", "gu-b1-2021-kosten", "cost"),
    ("data", "gu-luenen-2021-kosten", "cost"),
    ("data", "gu-luenen-2022-kosten", "cost"),
    ("examples/kreis-wesel", "w-anzahl-projektgruppen", "count"),
    ("examples/kreis-wesel", "w-abschluss-massnahme", "date"),
    ("examples/kreis-wesel", "w-frist-lenkungsgruppe-vorschlag", "date"),
    ("examples/kreis-wesel", "w-frist-lenkungsgruppe-auftakt", "date"),
    ("examples/kreis-wesel", "w-frist-umsetzungsvorlage", "date"),
    ("examples/kreis-wesel", "w-ds-cm-drittel-kreis", "share"),
    ("examples/kreis-wesel", "w-name-modellprojekt-7a", "same"),
    ("examples/kreis-wesel", "w-name-modellprojekt-7b", "same"),
    ("examples/kreis-wesel", "w-ebene-ds", "same"),
    ("examples/stadt-leverkusen", "l-b1-insgesamt", "sum"),
]


@pytest.mark.parametrize(("folder", "subject", "check"), KNOWN)
def test_known_inconsistency_of_the_documents_is_found(folder, subject, check):
    hits = [f for f in shipped_findings(folder) if (f.subject, f.check) == (subject, check)]
    assert [f.cls for f in hits] == [checks.DOCUMENTS]
    assert hits[0].places


@pytest.mark.parametrize("folder", ["data", "examples/kreis-wesel", "examples/stadt-leverkusen"])
def test_every_finding_of_the_real_documents_is_known(folder):
    """A new finding means a new slip in the documents or a mistake in our data: look at it."""
    from test_checks import KNOWN as FUNDING_KNOWN
    known = {(s, c) for f, s, c in KNOWN if f == folder}
    known |= {(s, c) for f, s, c, *_ in FUNDING_KNOWN if f == folder}
    assert {(f.subject, f.check) for f in shipped_findings(folder)} == known


# --- the check page -------------------------------------------------------------------------------


@pytest.mark.parametrize("region", REGIONS)
def test_every_finding_on_the_check_page_shows_its_class(sites, region):
    soup = page(sites[region], "de", "finanzierung/pruefhinweise/index.html")
    items = soup.select(".kim-checks li")
    labels = {"Unstimmigkeit in den Dokumenten", "Lücke in unseren Daten"}
    assert items
    assert all(li.select_one(".kim-badge").get_text(strip=True) in labels for li in items)


def test_check_page_names_both_places_of_a_contradiction(unna):
    soup = page(unna, "de", "finanzierung/pruefhinweise/index.html")
    item = soup.select_one("li#u-b3-kreis-fte-anbindung")
    text = item.get_text(" ")
    assert "Organisatorische Anbindung" in text and "Fördervolumen" in text
    assert item.select_one("q[lang=de]")


def test_kreis_wesel_decision_the_voerde_papers_cite_is_a_paper_without_invented_number():
    paper = load(ROOT / "examples/kreis-wesel").papers["kreis-wesel-beschluss-2020-12-17"]
    [step] = paper.consultation
    assert (step.organization, step.meeting_date.isoformat(), step.authoritative) == (
        "kreisausschuss-kreis-wesel", "2020-12-17", True)
    assert (paper.reference, paper.date) == (None, None)


def test_decision_without_paper_number_is_titled_as_such(sites):
    soup = page(sites["kreis-wesel"], "de",
                "beschluesse/kreis-wesel-beschluss-2020-12-17/index.html")
    assert soup.h1.get_text().startswith("Beschluss ohne bekannte Drucksachennummer: ")
    assert "Drucksache None" not in soup.get_text()


# --- data corrections of the honesty issue (data side) ------------------------------------------


def test_kreis_wesel_own_shares_are_unknown_not_zero():
    data = load(ROOT / "examples/kreis-wesel")
    assert not [r for r in data.funding.rows if r.measure == "Eigenanteil" and r.amount == 0]
    assert {(u.module, u.measure) for u in data.funding.unquantified} == {(1, "Eigenanteil"),
                                                                          (2, "Eigenanteil")}


def test_no_money_flows_from_the_land_to_voerde_directly():
    data = load(ROOT / "examples/kreis-wesel")
    assert not [r.id for r in data.funding.rows if r.from_ == "land-nrw" and r.to == "voerde"]


def test_voerdes_estimate_for_one_post_is_not_part_of_the_regions_grant():
    from macros.charts import region_figures
    assert region_figures(load(ROOT / "examples/kreis-wesel")).grant.amount == Decimal("352916.67")


def test_leverkusens_stated_total_cost_is_its_compared_cost():
    from macros.charts import region_figures
    figures = region_figures(load(ROOT / "examples/stadt-leverkusen"))
    assert (figures.cost.amount, figures.cost_year) == (Decimal("962300.00"), None)
