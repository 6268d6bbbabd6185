"""The year at a glance: the region's funding figures per period of its cost tables.

Pure functions over the dataset, no markup. A period is a year, a span of months the documents
name ("14 Monate"), or "ohne Jahresangabe"; periods are never added together. A figure is either
one amount as a document states it (``stated``) or the portal's sum of several (``computed``,
with its inputs). A missing figure is ``None`` ("keine Angabe"), never 0.

Only rows of a cost table (``line``) count, as in the charts, so that an amount several documents
state is counted once; a line whose grant goes to someone else than the region (a town's own
estimate) is not the region's. A yearless amount on a line with years (the tables' yearly grant)
counts in every year of its line, and the figure then says it is computed.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from .charts import region_rows
from .loader import Dataset
from .schema import FundingRow

KINDS = ("cost", "grant", "own", "fte")


@dataclass(frozen=True)
class Period:
    year: int | None
    months: int | None

    def sort_key(self) -> tuple[int, int, int]:
        # Years first in order, then spans of months, then amounts without a year.
        return (0 if self.year else 1 if self.months else 2, self.year or 0, self.months or 0)


@dataclass
class Figure:
    """A figure of the box and the stated amounts it is made of."""

    rows: list[FundingRow] = field(default_factory=list)
    period: Period | None = None  # the box's period; rows of another period make it computed
    fte: bool = False  # a count of posts (VZÄ) instead of an amount

    @property
    def known(self) -> bool:
        return bool(self.rows)

    @property
    def value(self) -> Decimal | None:
        if not self.rows:
            return None
        return sum((row_fte(r) if self.fte else r.amount for r in self.rows), Decimal(0))

    @property
    def count(self) -> int:
        """How many stated figures the value is made of (a post count of 6,5 + 0,5 is two)."""
        if self.fte:
            return sum(len(r.rate_parts) or 1 for r in self.rows)
        return len(self.rows)

    @property
    def computed(self) -> bool:
        """True when the portal made the figure: a sum, or a yearless amount counted in a year."""
        return self.count > 1 or any(
            self.period is not None and Period(r.year, r.months) != self.period for r in self.rows)

    @property
    def approximate(self) -> bool:
        return not self.fte and any(r.approximate for r in self.rows)

    @property
    def ceiling(self) -> bool:
        return not self.fte and any(r.ceiling for r in self.rows)


@dataclass
class YearFigures:
    period: Period
    cost: Figure
    grant: Figure
    own: Figure
    fte: Figure
    forwarded: dict[str | None, Figure]  # recipient id (None: not yet named) -> amount
    municipal_own: dict[str, Figure]  # municipality id -> its own share
    own_unquantified: bool = False  # a document names an own share of the region without amount
    papers: list[str] = field(default_factory=list)  # the papers the figures' rows name


def row_fte(row: FundingRow) -> Decimal:
    if row.rate_parts:
        return sum((p.fte for p in row.rate_parts), Decimal(0))
    return row.fte or Decimal(0)


def has_fte(row: FundingRow) -> bool:
    return row.fte is not None or bool(row.rate_parts)


def periods_of(data: Dataset) -> dict[Period, list[FundingRow]]:
    """Each period's cost-table rows (a yearless row on a line with years is in each year)."""
    by_line: dict[str, list[FundingRow]] = defaultdict(list)
    for row in region_rows(data):
        by_line[row.line].append(row)  # type: ignore[index]
    found: dict[Period, list[FundingRow]] = defaultdict(list)
    for entries in by_line.values():
        years = sorted({r.year for r in entries if r.year})
        for row in entries:
            if row.year or row.months or not years:
                found[Period(row.year, row.months)].append(row)
            else:
                for year in years:
                    found[Period(year, None)].append(row)
    return dict(sorted(found.items(), key=lambda item: item[0].sort_key()))


def year_figures(data: Dataset) -> list[YearFigures]:
    region = data.region.id
    municipalities = data.municipalities
    unquantified = any(u.measure == "Eigenanteil" and u.from_ in (None, region)
                       for u in data.funding.unquantified)
    result = []
    for period, rows in periods_of(data).items():
        def figure(chosen: list[FundingRow], fte: bool = False, p: Period = period) -> Figure:
            return Figure(chosen, p, fte)

        cost = [r for r in rows if r.measure == "Kosten"]
        grant = [r for r in rows if r.measure == "Zuwendung" and r.to == region]
        own = [r for r in rows if r.measure == "Eigenanteil" and r.from_ == region]
        # Posts: those the cost rows name; where no cost row names any, those of the grants.
        posts = [r for r in cost if has_fte(r)] or [r for r in grant if has_fte(r)]
        forwarded: dict[str | None, Figure] = {}
        for row in rows:
            if row.measure == "Weiterleitung" and row.from_ == region:
                forwarded.setdefault(row.to, figure([])).rows.append(row)
        municipal: dict[str, Figure] = {}
        for row in rows:
            if (row.measure == "Eigenanteil" and row.from_ in municipalities
                    and row.from_ != region):
                municipal.setdefault(row.from_, figure([])).rows.append(row)
        papers = sorted({r.paper for r in rows if r.paper})
        result.append(YearFigures(
            period=period, cost=figure(cost), grant=figure(grant), own=figure(own),
            fte=figure(posts, fte=True), forwarded=forwarded, municipal_own=municipal,
            own_unquantified=unquantified and not own, papers=papers))
    return result
