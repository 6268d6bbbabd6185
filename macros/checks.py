"""Consistency checks of the documents' figures and statements, run at every build.

The source documents contain slips: sums that do not add up, one figure stated differently in two
places, dates that cannot both be right. The portal shows them instead of fixing them: each check
returns :class:`Finding` objects that the build prints as warnings (``path:line``, German) and
that the funding pages show beside the figure, in plain words, in the reader's language.

Every finding has a class. Most say the documents contradict themselves or each other
(``DOCUMENTS``); some say our data lacks something, e.g. the paper that decided an amount
(``OUR_DATA``). A gap in our data is never presented as an inconsistency of the documents.
A mismatch never fails the build; structural errors are refused by the loader.

Two sources feed the checks: ``funding.yml`` (amounts, totals, cost lines) and ``statements.yml``
(quoted statements with their place: figures, dates, counts, lists, names).

All functions here are pure: data in, findings out.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from decimal import Decimal
from typing import Any

from .html import tag
from .loader import Dataset, Origin
from .schema import DeclaredTotal, FundingRow, Source, Statement

CENT = Decimal("0.01")
GRANT_SIDE = {"Zuwendung", "Weiterleitung"}
COMMITTED = {"Weiterleitung", "Eigenanteil"}  # money a council commits by its decision

# Catalogue keys of the explanations, one per check, in the order the checks page lists them.
CHECKS = ("total", "cost", "rate", "forwarding", "same", "sum", "count", "share", "date",
          "decision", "undecided")
DOCUMENTS = "documents"  # the documents contradict themselves or each other
OUR_DATA = "data"  # our data lacks something the check needs; the documents may be right
CLASSES = (DOCUMENTS, OUR_DATA)
CHECK_CLASS = {check: DOCUMENTS for check in CHECKS} | {"decision": OUR_DATA,
                                                        "undecided": OUR_DATA}


@dataclass(frozen=True)
class Figure:
    """A number of a statement with its unit, formatted per language when explained."""

    value: Decimal
    unit: str  # "money", "fte", "count", "percent"


@dataclass(frozen=True)
class Finding:
    """One inconsistency: which check, which figure, where it stands, and the numbers."""

    check: str  # one of CHECKS
    subject: str  # id of the funding row, declared total or statement the marker belongs to
    origin: Origin | None
    values: dict[str, object] = field(default_factory=dict)
    variant: str = ""  # a second wording of the same check, e.g. "text" for dates and names
    places: tuple[str, ...] = ()  # every document place involved, "Drucksache 144/21, Sachbericht"
    note: str = ""  # the statement's explanation, e.g. how a compared figure follows (German)

    @property
    def key(self) -> str:
        return f"check.{self.check}" + (f".{self.variant}" if self.variant else "")

    @property
    def cls(self) -> str:
        """DOCUMENTS or OUR_DATA: whose inconsistency this is."""
        return CHECK_CLASS[self.check]

    def explain(self, t: Callable[..., Any], money: Callable[[Decimal], str],
                number: Callable[[Decimal], str] = str,
                day: Callable[[dt.date], str] = dt.date.isoformat) -> Any:
        """The finding in plain words, through a catalogue (escaped Markup) and formatters."""
        def show(key: str, value: object) -> object:
            if key in QUOTES:  # the documents' German words, marked as German in any language
                return tag("q", str(value), lang="de", dir="ltr")
            if key in PLACES:  # document names and sections are German too
                return tag("span", str(value), lang="de", dir="ltr")
            if isinstance(value, Decimal):
                return money(value)
            if isinstance(value, Figure):
                if value.unit == "money":
                    return money(value.value)
                text = number(value.value)
                return t(f"checks.unit.{value.unit}", value=text)
            if isinstance(value, dt.date):
                return day(value)
            return value
        return t(self.key, **{k: show(k, v) for k, v in self.values.items()})

    def where(self) -> str:
        return f"{self.origin.file}:{self.origin.line}" if self.origin else "funding.yml"


def _differs(stated: Decimal, computed: Decimal, approximate: bool) -> bool:
    """A document that says "ca." or "rund" is not wrong when it is off by its own rounding."""
    allowed = rounding_step(stated) / 2 if approximate else CENT / 2
    return abs(stated - computed) > allowed


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
            return [e for e in entries if e.measure in measures and e.year == year]  # noqa: B023 - called within this iteration

        years = sorted({e.year for e in entries if e.measure == "Kosten"}, key=lambda y: y or 0)
        for year in years:
            cost = of({"Kosten"}, year)
            # a yearly grant applies to each year
            grant = of(GRANT_SIDE, year) or of(GRANT_SIDE, None)
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
    """FTE x rate vs the amount; a ceiling ("bis zu", Höchstbetrag) may be undercut, not exceeded."""  # noqa: E501
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
                                    {"stated": row.amount,
                                     "paper": paper.reference or paper.name.de}))
    return findings


# --- Statements: what the documents say, held against each other -------------------------------

QUOTES = ("quote", "other_quote")
PLACES = ("here", "there")
UNITS = {"Betrag": "money", "Stellen": "fte", "Anzahl": "count", "Prozent": "percent"}


def rounding_step(value: Decimal) -> Decimal:
    """The step a rounded figure was rounded to: its last non-zero digit's place (a 5 there: fives).

    "rund 65.000" -> 5.000, "rund 300.000" -> 100.000, "ca. 193.500" -> 500, "ca. 76.000" -> 1.000.
    """
    if value == 0:
        return Decimal(1)
    _sign, digits, exponent = value.normalize().as_tuple()
    step = Decimal(1).scaleb(int(exponent))
    return step * 5 if digits[-1] == 5 else step


def tolerance(*statements: Statement) -> Decimal:
    """How far two figures may differ and still agree: half the coarsest rounding step of a
    rounded statement ("rund", "ca."); otherwise half a cent (amounts) or nothing (counts, FTE)."""
    steps = [rounding_step(s.value) / 2
             for s in statements if s.approximate and s.value is not None]
    if steps:
        return max(steps)
    return CENT / 2 if any(s.kind == "Betrag" for s in statements) else Decimal(0)


def place(data: Dataset, source: Source) -> str:
    """Document and section, as a reader finds them: 'Drucksache 144/21, Sachbericht'."""
    document = data.documents[source.document]
    name = document.short or document.reference or document.title
    return f"{name}, {source.section}" if source.section else name


def _statement_origin(data: Dataset, statement: Statement) -> Origin | None:
    return data.origins.get(("statement", statement.id))


def _figure(statement: Statement, value: Decimal | None = None) -> Figure:
    return Figure(statement.value if value is None else value, UNITS[statement.kind])


def _pair(data: Dataset, here: Statement, there: Statement) -> dict[str, object]:
    """Both places of a finding: this statement and the one it contradicts."""
    return {"here": place(data, here.source), "quote": here.quote,
            "there": place(data, there.source), "other_quote": there.quote}


def check_same(data: Dataset) -> list[Finding]:
    """Statements about the same subject agree: the same figure, date or name wherever it stands.

    Each statement is held against the first exact one of its subject (or the first, if all are
    rounded), within the rounding of a "rund"/"ca." figure."""
    groups: dict[tuple[str, str], list[Statement]] = defaultdict(list)
    for statement in data.statements:
        if statement.subject:
            groups[(statement.subject, statement.kind)].append(statement)
    findings = []
    for (_, kind), members in groups.items():
        reference = next((s for s in members if not s.approximate), members[0])
        for statement in members:
            if statement is reference:
                continue
            values = _pair(data, statement, reference)
            if kind in UNITS:
                difference = abs(statement.value - reference.value)
                if difference <= tolerance(statement, reference):
                    continue
                values |= {"stated": _figure(statement), "other": _figure(reference),
                           "difference": _figure(statement, difference)}
                findings.append(Finding("same", statement.id, _statement_origin(data, statement),
                                        values))
            elif kind in ("Datum", "Name"):
                mine, theirs = ((statement.date, reference.date) if kind == "Datum"
                                else (statement.name, reference.name))
                if mine == theirs:
                    continue
                values |= {"stated": mine, "other": theirs}
                findings.append(Finding("same", statement.id, _statement_origin(data, statement),
                                        values, variant="text"))
    return findings


def _by_id(data: Dataset) -> dict[str, Statement]:
    return {s.id: s for s in data.statements}


def term_value(statement: Statement, times: Decimal, months: int | None) -> Decimal:
    """One addend: a statement's value times its factor, for months / 12 of a year if given."""
    value = statement.value * times
    return (value * months / 12).quantize(CENT) if months else value


def check_sums(data: Dataset) -> list[Finding]:
    """A statement that is the sum of others (value = sum of value x factor [x months / 12])."""
    statements = _by_id(data)
    findings = []
    for statement in data.statements:
        if not statement.sum_of or statement.value is None:
            continue
        terms = [(statements[t.statement], t) for t in statement.sum_of]
        if any(s.value is None for s, _ in terms):
            continue
        computed = sum((term_value(s, t.times, t.months) for s, t in terms), Decimal(0))
        if abs(statement.value - computed) <= tolerance(statement):
            continue
        first = terms[0][0]
        findings.append(Finding("sum", statement.id, _statement_origin(data, statement), {
            **_pair(data, statement, first), "stated": _figure(statement),
            "computed": _figure(statement, computed),
            "difference": _figure(statement, abs(statement.value - computed)),
        }))
    return findings


def check_counts(data: Dataset) -> list[Finding]:
    """A count in the text against the list it refers to."""
    statements = _by_id(data)
    findings = []
    for statement in data.statements:
        if not statement.counts:
            continue
        listed = statements[statement.counts]
        if statement.value == len(listed.items):
            continue
        findings.append(Finding("count", statement.id, _statement_origin(data, statement), {
            **_pair(data, statement, listed), "stated": _figure(statement),
            "computed": Figure(Decimal(len(listed.items)), "count"),
        }))
    return findings


def share_value(part: Decimal, whole: Decimal, like: Decimal) -> Decimal:
    """part / whole in percent, rounded to as many decimals as the stated percentage shows."""
    exponent = min(like.as_tuple().exponent, 0)
    return (part / whole * 100).quantize(Decimal(1).scaleb(int(exponent)))


def check_shares(data: Dataset) -> list[Finding]:
    """A percentage against the figures of its own table (part / whole)."""
    statements = _by_id(data)
    findings = []
    for statement in data.statements:
        if not statement.share_of or statement.value is None:
            continue
        part, whole = statements[statement.share_of.part], statements[statement.share_of.whole]
        if part.value is None or not whole.value:
            continue
        computed = share_value(part.value, whole.value, statement.value)
        if computed == statement.value:
            continue
        findings.append(Finding("share", statement.id, _statement_origin(data, statement), {
            **_pair(data, statement, part), "stated": _figure(statement),
            "computed": Figure(computed, "percent"),
            "part": _figure(part), "whole": _figure(whole),
        }))
    return findings


def check_dates(data: Dataset) -> list[Finding]:
    """A date that cannot lie before another (a deadline before the decision it serves)."""
    statements = _by_id(data)
    findings = []
    for statement in data.statements:
        if not statement.not_before or statement.date is None:
            continue
        earliest = statements[statement.not_before]
        if earliest.date is None or statement.date >= earliest.date:
            continue
        findings.append(Finding("date", statement.id, _statement_origin(data, statement), {
            **_pair(data, statement, earliest), "stated": statement.date, "other": earliest.date,
        }))
    return findings


CHECK_FUNCTIONS = (check_totals, check_cost_lines, check_rates, check_forwarding, check_decisions,
                   check_same, check_sums, check_counts, check_shares, check_dates)


def _funding_sources(data: Dataset, ident: str) -> list[Source]:
    """The document places behind a funding figure: its own and, for a total, its parts'."""
    rows = _rows(data)
    if ident in rows:
        row = rows[ident]
        same_line = [r for r in data.funding.rows if row.line and r.line == row.line]
        return [row.source, *(r.source for r in same_line)]
    total = next(t for t in data.funding.declared_totals if t.id == ident)
    return [total.source, *(r.source for r in _parts(data, total))]


def places_of(data: Dataset, finding: Finding) -> tuple[str, ...]:
    """Both (or all) places a finding is about, each named once, the finding's own first."""
    if "here" in finding.values:
        named = [str(finding.values["here"]), str(finding.values["there"])]
    else:
        named = [place(data, s) for s in _funding_sources(data, finding.subject)]
    return tuple(dict.fromkeys(named))


def run(data: Dataset) -> list[Finding]:
    """Every finding of every check, in file order, with the document places it is about."""
    notes = {s.id: s.note for s in data.statements if s.note}
    findings = [replace(f, places=places_of(data, f), note=notes.get(f.subject, ""))
                for check in CHECK_FUNCTIONS for f in check(data)]
    return sorted(findings, key=lambda f: (f.origin.file if f.origin else "",
                                           f.origin.line if f.origin else 0, f.check))


def by_subject(findings: Iterable[Finding]) -> dict[str, list[Finding]]:
    grouped: dict[str, list[Finding]] = defaultdict(list)
    for finding in findings:
        grouped[finding.subject].append(finding)
    return grouped
