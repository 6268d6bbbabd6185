"""Consistency checks of the funding figures, run at every build.

The source documents contain arithmetic slips. The portal shows them instead of fixing them: each
check returns :class:`Finding` objects that the build prints as warnings (``path:line``, German)
and that the funding pages show beside the figure, in plain words, in the reader's language.
A mismatch in a document never fails the build; structural errors are refused by the loader.

All functions here are pure: data in, findings out.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from .loader import Dataset, Origin
from .schema import DeclaredTotal, FundingRow

CENT = Decimal("0.01")
# A document that says "ca." or "rund" is not wrong when it is off by rounding.
APPROXIMATE_TOLERANCE = Decimal("0.02")
GRANT_SIDE = {"Zuwendung", "Weiterleitung"}
COMMITTED = {"Weiterleitung", "Eigenanteil"}  # money a council commits by its decision

# Catalogue keys of the explanations, one per check, in the order the checks page lists them.
CHECKS = ("total", "cost", "rate", "forwarding", "decision", "undecided")


@dataclass(frozen=True)
class Finding:
    """One inconsistency: which check, which figure, where it stands, and the numbers."""

    check: str  # one of CHECKS
    subject: str  # id of the funding row or declared total the marker belongs to
    origin: Origin | None
    values: dict[str, Decimal | str] = field(default_factory=dict)

    @property
    def key(self) -> str:
        return f"check.{self.check}"

    def explain(self, t: Callable[..., Any], money: Callable[[Decimal], str]) -> Any:
        """The finding in plain words, through a catalogue (escaped Markup) and a money formatter."""
        shown = {k: money(v) if isinstance(v, Decimal) else v for k, v in self.values.items()}
        return t(self.key, **shown)

    def where(self) -> str:
        return f"{self.origin.file}:{self.origin.line}" if self.origin else "funding.yml"


def _differs(stated: Decimal, computed: Decimal, approximate: bool) -> bool:
    tolerance = abs(stated) * APPROXIMATE_TOLERANCE if approximate else CENT / 2
    return abs(stated - computed) > tolerance


def _origin(data: Dataset, ident: str) -> Origin | None:
    return data.origins.get(("funding_row", ident))


def _rows(data: Dataset) -> dict[str, FundingRow]:
    return {row.id: row for row in data.funding.rows}


def _parts(data: Dataset, total: DeclaredTotal) -> list[FundingRow]:
    """The rows a declared total is made of; a part may itself be a declared total."""
    rows = _rows(data)
    totals = {t.id: t for t in data.funding.declared_totals}
    found: list[FundingRow] = []
    seen: set[str] = set()

    def walk(ident: str) -> None:
        if ident in seen:
            return
        seen.add(ident)
        if ident in rows:
            found.append(rows[ident])
        elif ident in totals:
            for part in totals[ident].parts:
                walk(part)

    for part in total.parts:
        walk(part)
    return found


def check_totals(data: Dataset) -> list[Finding]:
    """Declared total vs the sum of its parts."""
    findings = []
    for total in data.funding.declared_totals:
        computed = sum((row.amount for row in _parts(data, total)), Decimal(0))
        if _differs(total.amount, computed, total.approximate):
            findings.append(Finding("total", total.id, _origin(data, total.id),
                                    {"stated": total.amount, "computed": computed}))
    return findings


@dataclass(frozen=True)
class _LineEntry:
    ident: str
    measure: str
    year: int | None
    amount: Decimal
    approximate: bool


def _line_entries(data: Dataset) -> dict[str, list[_LineEntry]]:
    lines: dict[str, list[_LineEntry]] = defaultdict(list)
    for row in data.funding.rows:
        if row.line:
            lines[row.line].append(_LineEntry(row.id, row.measure, row.year, row.amount,
                                              row.approximate))
    for total in data.funding.declared_totals:
        if not total.line:
            continue
        parts = _parts(data, total)
        measures = {"Zuwendung" if p.measure in GRANT_SIDE else p.measure for p in parts}
        years = {p.year for p in parts}
        if len(measures) != 1 or len(years) != 1:
            continue  # a mixed total has no place in one column of a cost table
        lines[total.line].append(_LineEntry(total.id, measures.pop(), years.pop(), total.amount,
                                            total.approximate))
    return lines


def check_cost_lines(data: Dataset) -> list[Finding]:
    """In a line of a cost table: grant + own share = cost, for every year that states a cost."""
    findings = []
    for entries in _line_entries(data).values():
        def of(measures: set[str], year: int | None) -> list[_LineEntry]:
            return [e for e in entries if e.measure in measures and e.year == year]

        years = sorted({e.year for e in entries if e.measure == "Kosten"}, key=lambda y: y or 0)
        for year in years:
            cost = of({"Kosten"}, year)
            grant = of(GRANT_SIDE, year) or of(GRANT_SIDE, None)  # a yearly grant applies to each year
            own = of({"Eigenanteil"}, year)
            if not (grant and own):
                continue
            stated = sum((e.amount for e in cost), Decimal(0))
            grant_sum = sum((e.amount for e in grant), Decimal(0))
            own_sum = sum((e.amount for e in own), Decimal(0))
            approximate = any(e.approximate for e in cost + grant + own)
            if _differs(stated, grant_sum + own_sum, approximate):
                findings.append(Finding("cost", cost[0].ident, _origin(data, cost[0].ident), {
                    "grant": grant_sum, "own": own_sum, "computed": grant_sum + own_sum,
                    "stated": stated, "year": str(year) if year else "",
                }))
    return findings


def expected_from_rate(row: FundingRow) -> Decimal | None:
    """FTE x rate (or the sum of the rate parts), for the months the amount covers."""
    if row.rate_parts:
        yearly = sum((p.fte * p.rate for p in row.rate_parts), Decimal(0))
    elif row.fte is not None and row.rate is not None:
        yearly = row.fte * row.rate
    else:
        return None
    return (yearly * (row.months or 12) / 12).quantize(CENT)


def check_rates(data: Dataset) -> list[Finding]:
    """FTE x rate vs the amount; a ceiling ("bis zu", Höchstbetrag) may be undercut, not exceeded."""
    findings = []
    for row in data.funding.rows:
        expected = expected_from_rate(row)
        if expected is None or row.measure not in GRANT_SIDE:
            continue
        ceiling = row.ceiling or row.basis == "Höchstbetrag je Stelle"
        tolerance_ok = not _differs(row.amount, expected, row.approximate)
        if tolerance_ok or (ceiling and row.amount < expected):
            continue
        findings.append(Finding("rate", row.id, _origin(data, row.id),
                                {"stated": row.amount, "computed": expected}))
    return findings


def check_forwarding(data: Dataset) -> list[Finding]:
    """Nobody forwards more than they receive, within one document and module."""
    received: dict[tuple[str, int | None, str], Decimal] = defaultdict(Decimal)
    forwarded: dict[tuple[str, int | None, str], list[FundingRow]] = defaultdict(list)
    for row in data.funding.rows:
        if row.measure in GRANT_SIDE and row.to:
            received[(row.source.document, row.module, row.to)] += row.amount
        if row.measure == "Weiterleitung" and row.from_:
            forwarded[(row.source.document, row.module, row.from_)].append(row)
    any_document: dict[tuple[int | None, str], Decimal] = defaultdict(Decimal)
    for (_, module, actor), amount in received.items():
        any_document[(module, actor)] = max(any_document[(module, actor)], amount)
    findings = []
    for key, rows in sorted(forwarded.items(), key=lambda kv: str(kv[0])):
        out = sum((r.amount for r in rows), Decimal(0))
        # A document that forwards without stating what came in is held against the largest
        # amount any document states as received.
        came_in = received.get(key) or any_document.get((key[1], key[2]), Decimal(0))
        if out > came_in + CENT / 2:
            first = rows[0]
            findings.append(Finding("forwarding", first.id, _origin(data, first.id),
                                    {"forwarded": out, "received": came_in}))
    return findings


def check_decisions(data: Dataset) -> list[Finding]:
    """Money a council commits (forwarding, own shares) needs a paper that decided it."""
    findings = []
    for row in data.funding.rows:
        if row.paper is None:
            if row.measure in COMMITTED:
                findings.append(Finding("decision", row.id, _origin(data, row.id),
                                        {"stated": row.amount}))
            continue
        paper = data.papers[row.paper]
        if not any(step.authoritative for step in paper.consultation):
            findings.append(Finding("undecided", row.id, _origin(data, row.id),
                                    {"stated": row.amount, "paper": paper.reference}))
    return findings


CHECK_FUNCTIONS = (check_totals, check_cost_lines, check_rates, check_forwarding, check_decisions)


def run(data: Dataset) -> list[Finding]:
    """Every finding of every check, in file order."""
    findings = [f for check in CHECK_FUNCTIONS for f in check(data)]
    return sorted(findings, key=lambda f: (f.origin.file if f.origin else "",
                                           f.origin.line if f.origin else 0, f.check))


def by_subject(findings: Iterable[Finding]) -> dict[str, list[Finding]]:
    grouped: dict[str, list[Finding]] = defaultdict(list)
    for finding in findings:
        grouped[finding.subject].append(finding)
    return grouped
