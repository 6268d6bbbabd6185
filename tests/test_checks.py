"""The funding consistency checks, each on a crafted case (SYNTHETIC data from minimal_data).

Every check must fire on its crafted mismatch and stay silent on consistent data; a mismatch is a
warning naming path:line, never an error; a structural error still stops loading.
"""

from __future__ import annotations

import io
from decimal import Decimal
from pathlib import Path
from textwrap import dedent, indent

import pytest
from support import MINIMAL_GRANT as GRANT  # SYNTHETIC: minimal_data's one funding row
from support import shipped_findings

from macros import checks
from macros.build import report_findings
from macros.loader import DataErrors, load


def row(ident: str, measure: str, amount: str, **fields: str) -> str:
    extra = "".join(f"  {key.rstrip('_')}: {value}\n" for key, value in fields.items())
    return (f"- id: {ident}\n  item: Testbetrag {ident}\n  measure: {measure}\n"
            f"  amount: {amount}\n{extra}  source:\n    document: test-vorlage\n")


def write_funding(root: Path, rows: list[str], totals: str = "") -> None:
    text = "# Synthetische Testdaten (erfunden)\nrows:\n" + "".join(indent(r, "  ") for r in rows)
    text += "declared_totals:\n" + indent(dedent(totals), "  ") if totals else ""
    (root / "funding.yml").write_text(text, encoding="utf-8")


def findings_of(root: Path, check) -> list[checks.Finding]:
    return check(load(root))


# --- consistent data: every check is silent ---------------------------------------------------


@pytest.mark.parametrize("check", checks.CHECK_FUNCTIONS, ids=lambda c: c.__name__)
def test_each_check_is_silent_on_consistent_data(minimal_data, check):
    assert findings_of(minimal_data, check) == []


def test_consistent_cost_table_line_with_rate_and_forwarding_passes_every_check(minimal_data):
    write_funding(minimal_data, [
        row("z", "Zuwendung", "55000.00", fte="1.0", rate="55000.00", line="fm",
            from_="kreistag", to="musterstadt", paper="ds-1-21"),
        row("k", "Kosten", "60000.00", year="2022", line="fm", from_="musterstadt"),
        row("e", "Eigenanteil", "5000.00", year="2022", line="fm", from_="musterstadt",
            paper="ds-1-21"),
        row("w", "Weiterleitung", "55000.00", from_="musterstadt", to="beispieldorf",
            paper="ds-1-21"),
    ], "- id: s\n  label: Summe\n  amount: 60000.00\n  parts: [z, e]\n"
       "  source:\n    document: test-vorlage\n")
    assert checks.run(load(minimal_data)) == []


# --- declared total vs sum of parts -------------------------------------------------------------


def test_declared_total_that_differs_from_its_parts_is_reported(minimal_data):
    write_funding(minimal_data, [GRANT], "- id: summe\n  label: Summe\n  amount: 55700.00\n"
                  "  parts: [zuwendung-2022]\n  source:\n    document: test-vorlage\n")
    [finding] = findings_of(minimal_data, checks.check_totals)
    assert finding.subject == "summe"
    assert finding.values == {"stated": Decimal("55700.00"), "computed": Decimal("55000.00")}


def test_approximate_total_within_rounding_is_accepted(minimal_data):
    # "rund 60 Tsd." is rounded to tens of thousands: 55.000 rounds to it (at most 5.000 off)
    write_funding(minimal_data, [GRANT], "- id: summe\n  label: rund 60 Tsd.\n  amount: 60000\n"
                  "  approximate: true\n  parts: [zuwendung-2022]\n"
                  "  source:\n    document: test-vorlage\n")
    assert findings_of(minimal_data, checks.check_totals) == []


def test_approximate_total_off_by_more_than_its_own_rounding_is_reported(minimal_data):
    # "rund 56 Tsd." is rounded to thousands: 55.000 would be "rund 55 Tsd."
    write_funding(minimal_data, [GRANT], "- id: summe\n  label: rund 56 Tsd.\n  amount: 56000\n"
                  "  approximate: true\n  parts: [zuwendung-2022]\n"
                  "  source:\n    document: test-vorlage\n")
    [finding] = findings_of(minimal_data, checks.check_totals)
    assert finding.values["computed"] == Decimal("55000.00")


def test_approximate_total_far_from_its_parts_is_reported(minimal_data):
    write_funding(minimal_data, [GRANT], "- id: summe\n  label: ca. 66 Tsd.\n  amount: 66000\n"
                  "  approximate: true\n  parts: [zuwendung-2022]\n"
                  "  source:\n    document: test-vorlage\n")
    assert [f.subject for f in findings_of(minimal_data, checks.check_totals)] == ["summe"]


# --- grant + own share = cost -------------------------------------------------------------------


def test_cost_that_is_not_grant_plus_own_share_is_reported(minimal_data):
    write_funding(minimal_data, [
        row("z", "Zuwendung", "55000.00", line="fm", to="musterstadt", paper="ds-1-21"),
        row("k", "Kosten", "60010.00", year="2022", line="fm"),
        row("e", "Eigenanteil", "5000.00", year="2022", line="fm", paper="ds-1-21"),
    ])
    [finding] = findings_of(minimal_data, checks.check_cost_lines)
    assert finding.subject == "k"
    assert finding.values["computed"] == Decimal("60000.00")
    assert finding.values["stated"] == Decimal("60010.00")


def test_cost_line_without_own_share_is_not_checked(minimal_data):
    write_funding(minimal_data, [
        row("z", "Zuwendung", "55000.00", line="fm"),
        row("k", "Kosten", "70000.00", year="2022", line="fm"),
    ])
    assert findings_of(minimal_data, checks.check_cost_lines) == []


# --- FTE x rate vs grant ----------------------------------------------------------------------


def test_grant_that_is_not_fte_times_rate_is_reported(minimal_data):
    write_funding(minimal_data, [row("z", "Zuwendung", "50000.00", fte="1.0", rate="55000.00",
                                     basis="Pauschale je Stelle")])
    [finding] = findings_of(minimal_data, checks.check_rates)
    assert finding.values == {"stated": Decimal("50000.00"), "computed": Decimal("55000.00")}


def test_ceiling_may_be_undercut_but_not_exceeded(minimal_data):
    write_funding(minimal_data, [
        row("unter", "Zuwendung", "50000.00", fte="1.0", rate="55000.00", ceiling="true"),
        row("ueber", "Zuwendung", "60000.00", fte="1.0", rate="55000.00", ceiling="true"),
    ])
    assert [f.subject for f in findings_of(minimal_data, checks.check_rates)] == ["ueber"]


def test_rate_parts_and_months_enter_the_expected_amount(minimal_data):
    parts = ("\n    - label: Koordination\n      fte: 1.5\n      rate: 55000.00"
             "\n    - label: Assistenz\n      fte: 0.5\n      rate: 22500.00")
    write_funding(minimal_data, [
        row("teile", "Zuwendung", "93750.00", rate_parts=parts),
        row("teile-falsch", "Zuwendung", "90000.00", rate_parts=parts),
        row("vierzehn", "Zuwendung", "64166.67", fte="1.0", rate="55000.00", months="14"),
    ])
    [finding] = findings_of(minimal_data, checks.check_rates)
    assert finding.subject == "teile-falsch"
    assert finding.values["computed"] == Decimal("93750.00")


# --- forwarded <= received ------------------------------------------------------------------


def test_forwarding_more_than_received_is_reported(minimal_data):
    write_funding(minimal_data, [
        GRANT,
        row("weiter", "Weiterleitung", "60000.00", module="2", from_="musterstadt",
            to="beispieldorf", paper="ds-1-21"),
    ])
    [finding] = findings_of(minimal_data, checks.check_forwarding)
    assert finding.values == {"forwarded": Decimal("60000.00"), "received": Decimal("55000.00")}


def test_forwarding_within_what_was_received_passes(minimal_data):
    write_funding(minimal_data, [
        GRANT,
        row("weiter", "Weiterleitung", "55000.00", module="2", from_="musterstadt",
            to="beispieldorf", paper="ds-1-21"),
    ])
    assert findings_of(minimal_data, checks.check_forwarding) == []


# --- money without an approving decision --------------------------------------------------------


def test_own_share_without_a_paper_is_reported(minimal_data):
    write_funding(minimal_data,
                  [GRANT, row("eigen", "Eigenanteil", "5000.00", from_="musterstadt")])
    [finding] = findings_of(minimal_data, checks.check_decisions)
    assert (finding.check, finding.subject) == ("decision", "eigen")


def test_amount_approved_by_a_paper_not_yet_decided_is_reported(minimal_data):
    papers = minimal_data / "papers.yml"
    papers.write_text(papers.read_text(encoding="utf-8").replace(
        "authoritative: true", "authoritative: false"), encoding="utf-8")
    [finding] = findings_of(minimal_data, checks.check_decisions)
    assert (finding.check, finding.values["paper"]) == ("undecided", "1/21")


# --- structural errors stop the build; mismatches are warnings with path:line ----------------


def test_unknown_paper_is_a_structural_error(minimal_data):
    write_funding(minimal_data, [GRANT.replace("paper: ds-1-21", "paper: ds-9-99")])
    with pytest.raises(DataErrors, match=r"funding\.yml"):
        load(minimal_data)


def test_build_output_names_path_and_line_in_german(minimal_data):
    write_funding(minimal_data, [GRANT], "- id: summe\n  label: Summe\n  amount: 64000.00\n"
                  "  parts: [zuwendung-2022]\n  source:\n    document: test-vorlage\n")
    out = io.StringIO()
    report_findings(load(minimal_data), out)
    lines = (minimal_data / "funding.yml").read_text(encoding="utf-8").splitlines()
    line = next(i for i, text in enumerate(lines, 1) if "id: summe" in text)
    assert f"funding.yml:{line}: Warnung:" in out.getvalue()
    assert ("Das Dokument nennt 64.000,00 €, seine Einzelposten ergeben 55.000,00 €."
            in out.getvalue())


# --- the known discrepancies of the real documents -------------------------------------------

KNOWN = [
    ("data", "gu-luenen-zuwendung", "total", "64000.00", "64700.00"),
    ("data", "gu-b1-2021-kosten", "total", "331762.00", "331762.59"),
    ("data", "b2-2022-gesamt-kosten", "cost", "550654.72", "550664.72"),
    ("data", "gu-b2-2022-kosten", "total", "550655.00", "550664.72"),
    ("data", "gu-b2-2022-eigenanteil", "total", "110655.00", "110664.72"),
    ("data", "ds144-weiterleitung-luenen-b1", "rate", "76000.00", "64166.67"),
    ("data", "ds144-weiterleitung-nord-b2", "rate", "193500.00", "192500.00"),
    ("examples/stadt-leverkusen", "summe-aufwendungen-massnahme", "total",
     "962300.00", "962257.24"),
    ("examples/kreis-wesel", "m1-personalkosten-insgesamt", "rate", "352916.67", "368750.00"),
]


@pytest.mark.parametrize(("folder", "subject", "check", "stated", "computed"), KNOWN)
def test_known_discrepancies_of_the_documents_are_found(folder, subject, check, stated, computed):
    found = [f for f in shipped_findings(folder) if f.subject == subject and f.check == check]
    assert found, f"{subject}: {check} not reported"
    assert found[0].values["stated"] == Decimal(stated)
    assert found[0].values["computed"] == Decimal(computed)


def test_rate_parts_together_with_fte_and_rate_are_a_structural_error(minimal_data):
    parts = "\n    - label: Koordination\n      fte: 1.0\n      rate: 55000.00"
    write_funding(minimal_data, [row("z", "Zuwendung", "55000.00", fte="1.0", rate="55000.00",
                                     rate_parts=parts)])
    with pytest.raises(DataErrors, match="rate_parts"):
        load(minimal_data)
