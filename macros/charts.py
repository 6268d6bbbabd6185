"""The funding charts: computed from the data in Python, drawn in the browser by plotly.js.

Each chart comes as three: a plotly figure (embedded as JSON, drawn by assets/js/charts.js), a
one-sentence summary computed from the same numbers, and the same numbers as a table (plus CSV and
JSON downloads). Numbers are formatted with babel in the page's locale: the table and the hover
labels get finished strings, the axes get the locale's separators (layout.separators).

Only funding rows with a ``line`` (rows of a cost table) enter the charts, so that an amount that
several documents state is not counted twice.
"""

from __future__ import annotations

import csv
import io
import json
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

import plotly.graph_objects as go
from babel.numbers import get_decimal_symbol, get_group_symbol
from markupsafe import Markup

from . import csvsafe, formatting, xlsx
from .i18n import Language, Translator
from .loader import Dataset
from .schema import FundingRow

GRANT_COLOUR = "#283593"  # indigo 800: contrast 10:1 on white
OWN_COLOUR = "#b35c00"  # dark orange: 4.6:1 on white
MODULE_COLOURS = {1: "#283593", 2: "#00695c", 3: "#b35c00", None: "#616161"}
MONEY_AXIS = {"tickformat": ",.0f", "ticksuffix": " €", "automargin": True,
              "gridcolor": "#e0e0e0", "nticks": 4}
CATEGORY_AXIS = {"automargin": True, "autorange": "reversed"}
FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', 'Noto Sans Arabic', sans-serif"


# German headings of the download columns (the CSV keeps the keys; the spreadsheet shows these).
RECORD_HEADINGS = {
    "module": "Baustein", "year": "Jahr", "grant": "Landeszuwendung (Euro)",
    "own_share": "Eigenanteil (Euro)", "from": "Von (Kennung)", "to": "An (Kennung)",
    "period": "Zeitraum", "amount": "Betrag (Euro)", "approximate": "ca. (laut Dokument)",
    "ceiling": "bis zu (laut Dokument)", "computed_from": "berechnet aus Anzahl Beträgen",
    "holder": "Stelleninhaber", "fte": "Stellen (VZÄ)", "municipality": "Kommune",
    "region": "Region", "computed": "berechnet", "cost": "Kosten (Euro)",
    "cost_year": "Jahr der Kosten", "population": "Einwohnerinnen und Einwohner",
    "population_reference_date": "Stichtag Einwohnerzahl",
    "migration_background": "Personen mit Migrationshintergrund",
    "migration_background_reference_date": "Stichtag Migrationshintergrund",
    "migration_background_statistic": "Statistik Migrationshintergrund",
    "grant_per_inhabitant": "Zuwendung je Einwohner/in (Euro, berechnet)",
    "cost_per_inhabitant": "Kosten je Einwohner/in (Euro, berechnet)",
    "grant_per_migration": "Zuwendung je Person mit Migrationshintergrund (Euro, berechnet)",
    "cost_per_migration": "Kosten je Person mit Migrationshintergrund (Euro, berechnet)",
    "fte_year": "Jahr der Stellen (leer: ohne Jahresangabe)",
    "grant_per_fte": "Zuwendung je Stelle (Euro je VZÄ, berechnet)",
    "cost_per_fte": "Kosten je Stelle (Euro je VZÄ, berechnet)",
}


@dataclass
class Chart:
    ident: str  # stable, used for the element ids and the download file names
    title: str  # plain text
    summary: str  # one sentence, plain text
    headers: list[str]
    rows: list[list[str]]  # formatted cells, first cell is the row header
    records: list[dict[str, object]]  # the raw numbers, for CSV and JSON
    figure: dict[str, object] | None  # plotly JSON; None when there is nothing to draw
    numeric: tuple[int, ...] = ()
    notes: list[str] = field(default_factory=list)

    @property
    def height(self) -> int | None:
        """The drawn chart's height in pixels, to reserve before plotly.js draws it."""
        layout = (self.figure or {}).get("layout")
        height = layout.get("height") if isinstance(layout, dict) else None
        return int(height) if isinstance(height, int | float) else None

    def csv_text(self) -> str:
        out = io.StringIO()
        if self.records:
            # RFC 4180 line ends: a carriage return inside a cell is then quoted, not a row break.
            writer = csv.DictWriter(out, fieldnames=list(self.records[0]), lineterminator="\r\n")
            writer.writeheader()
            # Text cells are neutralised against formula injection; numbers stay numbers.
            writer.writerows({key: csvsafe.cell(value) for key, value in record.items()}
                             for record in self.records)
        return out.getvalue()

    def xlsx_bytes(self, about: list[tuple[str, str]]) -> bytes:
        """The CSV's cells as a spreadsheet, German headings, plus a sheet naming source and
        licence (``about``)."""
        keys = list(self.records[0]) if self.records else []
        columns = [xlsx.Column(key, RECORD_HEADINGS.get(key, key), type_)
                   for key, type_ in zip(keys, xlsx.infer_types(keys, self.records), strict=True)]
        rows = [[record.get(key) for key in keys] for record in self.records]
        return xlsx.workbook(self.title, columns, rows, about)

    def json_text(self) -> str:
        return json.dumps({"title": self.title, "summary": self.summary, "records": self.records},
                          ensure_ascii=False, indent=1, default=str)


class Numbers:
    """Formatting in one locale, for tables, summaries, hover labels and axes."""

    def __init__(self, lang: Language) -> None:
        self.locale = lang.babel
        self.tr = Translator(lang)

    def money(self, value: Decimal | int | float) -> str:
        return formatting.money(Decimal(str(value)).quantize(Decimal("0.01")), self.locale)

    def number(self, value: Decimal | int | float) -> str:
        return formatting.number(value, self.locale)

    def t(self, key: str, **values: object) -> str:
        return str(Translator(self.tr.lang).t(key, **values).striptags())

    def plural(self, key: str, count: int, **values: object) -> str:
        """A sentence about ``count`` things in this language's CLDR plural form."""
        return str(Translator(self.tr.lang).plural(key, count, **values).striptags())

    def separators(self) -> str:
        return get_decimal_symbol(self.locale) + get_group_symbol(self.locale)


def _layout(num: Numbers, **extra: object) -> dict[str, object]:
    layout: dict[str, object] = {
        "separators": num.separators(),
        "font": {"family": FONT, "size": 13, "color": "#1f1f1f"},
        "margin": {"l": 8, "r": 8, "t": 36, "b": 8},
        "autosize": True,
        "height": 380,
        "paper_bgcolor": "#ffffff",
        "plot_bgcolor": "#ffffff",
        # Above the plot: a legend below it is clipped on small screens and in print.
        "legend": {"orientation": "h", "y": 1.0, "yanchor": "bottom", "x": 0},
        "hoverlabel": {"font": {"family": FONT}},
    }
    layout.update(extra)
    return layout


def _bar_height(bars: int) -> int:
    """Horizontal bars: the chart grows with its categories instead of squeezing labels."""
    return max(240, 38 * bars + 110)


def _figure(fig: go.Figure) -> dict[str, object]:
    return json.loads(fig.to_json(validate=True, pretty=False))


def line_rows(data: Dataset) -> list[FundingRow]:
    return [r for r in data.funding.rows if r.line]


def _module_label(num: Numbers, module: int | None) -> str:
    return num.t("module.title", number=module) if module else num.t("funding.no_module")


def _year_label(num: Numbers, year: int | None) -> str:
    return str(year) if year else num.t("funding.per_year")


# --- 1. State grant vs own share, per module and year (stacked bars) ---------------------------


@dataclass
class Part:
    """A computed sum of stated amounts; ``None`` amount = no document states one (unknown)."""

    amount: Decimal | None = None
    inputs: frozenset[str] = frozenset()  # ids of the stated amounts summed
    approximate: bool = False
    ceiling: bool = False

    def add(self, row: FundingRow) -> None:
        self.amount = (self.amount or Decimal(0)) + row.amount
        self.inputs |= {row.id}
        self.approximate |= row.approximate
        self.ceiling |= row.ceiling


def _stated(num: Numbers, part: Part | None) -> str:
    """An amount with its 'ca.'/'bis zu', or 'keine Angabe' (never 0) when none is stated."""
    if part is None or part.amount is None:
        return num.t("funding.no_figure")
    prefix = (num.t("funding.approx") + " " if part.approximate else "") + (
        num.t("funding.up_to") + " " if part.ceiling else "")
    return prefix + num.money(part.amount)


def _known_sum(num: Numbers, parts: list[Part]) -> str:
    """A sum of parts: exact when all are known, 'mindestens ...' when some are unknown."""
    known = [p for p in parts if p.amount is not None]
    if not known:
        return num.t("funding.no_figure")
    total = Part(sum((p.amount or Decimal(0) for p in known), Decimal(0)),
                 frozenset().union(*(p.inputs for p in known)),
                 any(p.approximate for p in known), any(p.ceiling for p in known))
    if len(known) == len(parts):
        return _stated(num, total)
    # "bis zu" parts plus an unknown part bound the sum on neither side: no sum at all.
    return num.t("funding.no_figure") if total.ceiling else num.t(
        "funding.at_least", amount=_stated(num, total))


def region_rows(data: Dataset) -> list[FundingRow]:
    """Cost-table rows of the region itself: a line whose grant is addressed to someone else
    (Voerde's estimate for a post of its own) is that body's calculation, not the region's."""
    elsewhere = {r.line for r in not_flows(data)}
    return [r for r in line_rows(data) if r.line not in elsewhere]


def grant_and_own_share(data: Dataset, num: Numbers, module: int | None = None) -> Chart:
    rows = region_rows(data)
    by_line: dict[str, list[FundingRow]] = defaultdict(list)
    for row in rows:
        by_line[row.line].append(row)  # type: ignore[index]
    cells: dict[tuple[int | None, int | None], dict[str, Part]] = defaultdict(
        lambda: {"grant": Part(), "own": Part()})
    for entries in by_line.values():
        has_cost = any(e.measure == "Kosten" for e in entries)
        years = sorted({e.year for e in entries if e.year}) or [None]
        for row in entries:
            if module is not None and row.module != module:
                continue
            if row.measure == "Zuwendung" or (row.measure == "Weiterleitung" and has_cost):
                kind = "grant"
            elif row.measure == "Eigenanteil":
                kind = "own"
            else:
                continue
            # A yearly grant without a year belongs to every year of its cost-table line.
            for year in [row.year] if row.year else years:
                cells[(row.module, year)][kind].add(row)
    keys = sorted(cells, key=lambda k: (k[0] or 9, k[1] or 0))
    labels = [f"{_module_label(num, m)} · {_year_label(num, y)}" for m, y in keys]
    grants = [cells[k]["grant"] for k in keys]
    owns = [cells[k]["own"] for k in keys]
    grant_name, own_name = num.t("funding.grant"), num.t("funding.own_share")
    title = (num.t("chart.grant_own.title_module", number=module) if module
             else num.t("chart.grant_own.title"))
    figure = None
    if keys:
        fig = go.Figure()
        for name, values, colour in ((grant_name, grants, GRANT_COLOUR),
                                     (own_name, owns, OWN_COLOUR)):
            # An unknown amount gets no bar (None), never a bar of length 0.
            fig.add_bar(y=[label.replace(" · ", "<br>") for label in labels],
                        x=[float(v.amount) if v.amount is not None else None for v in values],
                        name=name, marker_color=colour, orientation="h",
                        customdata=[_stated(num, v) for v in values],
                        hovertemplate=name + ": %{customdata}<extra></extra>")
        fig.update_layout(**_layout(num, barmode="stack", height=_bar_height(len(keys)),
                                    xaxis=MONEY_AXIS, yaxis=CATEGORY_AXIS))
        figure = _figure(fig)
    summary = _grant_own_summary(num, keys, grants, owns) if keys else num.t("chart.empty")
    unknown = [f"{label} ({name})" for label, g, o in zip(labels, grants, owns, strict=True)
               for name, part in ((grant_name, g), (own_name, o)) if part.amount is None]
    notes = [num.t("chart.no_bar", items="; ".join(unknown))] if unknown else []
    left_out = [r for r in not_flows(data) if module is None or r.module == module]
    if left_out:
        region = num.tr.plain(data.region.name)
        notes.append(num.t("chart.not_region", region=region, items="; ".join(
            f"{num.tr.plain(r.item)} ({num.money(r.amount)})" for r in left_out)))
    return Chart(
        ident=f"zuwendung-eigenanteil{'-baustein-' + str(module) if module else ''}",
        title=title, summary=summary,
        headers=[num.t("funding.module_year"), grant_name, own_name, num.t("funding.computed_sum")],
        rows=[[label, _stated(num, g), _stated(num, o), _known_sum(num, [g, o])]
              for label, g, o in zip(labels, grants, owns, strict=True)],
        records=[{"module": m, "year": y,
                  "grant": str(g.amount) if g.amount is not None else None,
                  "own_share": str(o.amount) if o.amount is not None else None}
                 for (m, y), g, o in zip(keys, grants, owns, strict=True)],
        figure=figure, numeric=(1, 2, 3), notes=notes,
    )


def _grant_own_summary(num: Numbers, keys: list[tuple[int | None, int | None]],
                       grants: list[Part], owns: list[Part]) -> str:
    """Computed sums per year; amounts without a year are named per module, never added in."""
    groups: dict[str, list[int]] = {}
    for index, (module, year) in enumerate(keys):
        label = str(year) if year else f"{_module_label(num, module)}, {num.t('funding.per_year')}"
        groups.setdefault(label, []).append(index)
    parts = []
    for label, indices in groups.items():
        grant = _known_sum(num, [grants[i] for i in indices])
        own = _known_sum(num, [owns[i] for i in indices])
        known = all(grants[i].amount is not None and owns[i].amount is not None for i in indices)
        text = num.t("chart.grant_own.period", period=label, grant=grant, own=own)
        g = sum((grants[i].amount or Decimal(0) for i in indices), Decimal(0))
        o = sum((owns[i].amount or Decimal(0) for i in indices), Decimal(0))
        if known and g + o:
            text += " " + num.t("chart.grant_own.share", share=formatting.number(
                (o * 100 / (g + o)).quantize(Decimal("0.1")), num.locale))
        parts.append(text)
    inputs = frozenset().union(*(p.inputs for p in grants + owns))
    return num.plural("chart.grant_own.summary", len(inputs), periods="; ".join(parts))


# --- 2. Flows Land -> Kreis -> municipalities / providers (sankey) -----------------------------


def _is_flow(data: Dataset, row: FundingRow) -> bool:
    """A row that moves money from one named body to another, as the data state it.

    The Land's grant goes to the region (its grant recipient): a grant row addressed to anyone
    else (e.g. a town's cost estimate citing the Land's rate per post) is not a payment the
    documents describe, so it is no direct Land -> town flow. Its amount stays in the tables.
    """
    if row.measure not in ("Zuwendung", "Weiterleitung", "Eigenanteil") or not row.from_:
        return False
    if row.measure == "Zuwendung":
        return row.to == data.region.id
    return bool(row.to) or row.measure == "Weiterleitung"


def not_flows(data: Dataset) -> list[FundingRow]:
    """Grant rows left out of the sankey because they are not addressed to the region."""
    return [r for r in line_rows(data)
            if r.measure == "Zuwendung" and r.from_ and r.to and r.to != data.region.id]


def flows(data: Dataset, num: Numbers, actor: Callable[[str | None], str]) -> Chart:
    links: dict[tuple[str, str, int | None, str], list[FundingRow]] = defaultdict(list)
    for row in line_rows(data):
        if _is_flow(data, row):
            # Amounts of different periods are never added up into one flow.
            links[(row.from_, row.to or "", row.module, _period(num, [row]))].append(row)
    keys = sorted(links, key=lambda k: (k[2] or 9, k[0], k[1], k[3]))
    names: list[str] = []
    for source, target, _, _ in keys:
        for ident in (source, target):
            name = actor(ident) if ident else num.t("funding.recipient_open")
            if name not in names:
                names.append(name)

    def node(ident: str) -> int:
        return names.index(actor(ident) if ident else num.t("funding.recipient_open"))

    shown = [wrap(name) for name in names]

    parts: list[Part] = []
    for k in keys:
        part = Part()
        for row in links[k]:
            part.add(row)
        parts.append(part)
    values = [p.amount or Decimal(0) for p in parts]
    figure = None
    if keys:
        link_labels = [f"{_module_label(num, k[2])}, {k[3]}" for k in keys]
        fig = go.Figure(go.Sankey(
            arrangement="snap",
            node={"label": shown, "pad": 14, "thickness": 14, "color": "#5c6bc0",
                  "hovertemplate": "%{label}<extra></extra>"},
            link={"source": [node(k[0]) for k in keys], "target": [node(k[1]) for k in keys],
                  "value": [float(v) for v in values], "label": link_labels,
                  "color": [_alpha(MODULE_COLOURS.get(k[2], "#616161")) for k in keys],
                  "customdata": [_stated(num, p) for p in parts],
                  "hovertemplate": "%{source.label} → %{target.label}<br>%{label}: "
                                   "%{customdata}<extra></extra>"},
        ))
        fig.update_layout(**_layout(num, height=420))
        figure = _figure(fig)
    summary = _flows_summary(num, keys, parts, links) if keys else num.t("chart.empty")
    left_out = not_flows(data)
    notes = [num.t("chart.flows.not_shown", items="; ".join(
        f"{num.tr.plain(r.item)} ({num.money(r.amount)}, {actor(r.from_)} → {actor(r.to)})"
        for r in left_out), region=num.tr.plain(data.region.name))] if left_out else []
    return Chart(
        ident="mittelfluss",
        title=num.t("chart.flows.title", region=num.tr.plain(data.region.name)),
        summary=summary,
        headers=[num.t("funding.from"), num.t("funding.to"), num.t("funding.module"),
                 num.t("funding.period"), num.t("funding.amount"), num.t("funding.basis")],
        rows=[[actor(k[0]), actor(k[1]) if k[1] else num.t("funding.recipient_open"),
               _module_label(num, k[2]), k[3], _stated(num, p), _basis(num, p)]
              for k, p in zip(keys, parts, strict=True)],
        records=[{"from": k[0], "to": k[1] or None, "module": k[2], "period": k[3],
                  "amount": str(p.amount), "approximate": p.approximate, "ceiling": p.ceiling,
                  "computed_from": len(p.inputs)} for k, p in zip(keys, parts, strict=True)],
        figure=figure, numeric=(4,), notes=notes,
    )


def _basis(num: Numbers, part: Part) -> str:
    """Whether a figure is one stated amount or the portal's sum of several."""
    if len(part.inputs) == 1:
        return num.t("funding.basis_stated")
    return num.plural("funding.basis_computed", len(part.inputs))


def _flows_summary(num: Numbers, keys: list[tuple[str, str, int | None, str]], parts: list[Part],
                   links: dict[tuple[str, str, int | None, str], list[FundingRow]]) -> str:
    """What the Land gives and what is forwarded, summed per period only (computed)."""
    def per_period(indices: list[int]) -> str:
        periods: dict[str, list[Part]] = {}
        for i in indices:
            periods.setdefault(keys[i][3], []).append(parts[i])
        return "; ".join(f"{period}: {_known_sum(num, group)}" for period, group in periods.items())

    land = [i for i, k in enumerate(keys) if k[0] == "land-nrw"]
    onward = [i for i, k in enumerate(keys) if links[k][0].measure == "Weiterleitung"]
    return num.plural("chart.flows.summary", len(keys),
                      land=per_period(land) or num.t("funding.no_figure"),
                      onward=per_period(onward) or num.t("funding.no_figure"))


def wrap(label: str, width: int = 22) -> str:
    """Long node labels on several lines (<br>), so that a sankey stays readable at 360 px."""
    lines: list[str] = []
    for word in label.split():
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return "<br>".join(lines)


def _alpha(colour: str) -> str:
    r, g, b = (int(colour[i:i + 2], 16) for i in (1, 3, 5))
    return f"rgba({r},{g},{b},0.45)"


def _period(num: Numbers, rows: list[FundingRow]) -> str:
    years = sorted({r.year for r in rows if r.year})
    months = {r.months for r in rows if r.months}
    if months:
        return num.t("funding.months", months=", ".join(str(m) for m in sorted(months)))
    return ", ".join(str(y) for y in years) if years else num.t("funding.per_year")


# --- 3. Positions (FTE) by holder --------------------------------------------------------------


def positions(data: Dataset, num: Numbers, actor: Callable[[str | None], str]) -> Chart:
    fte: dict[tuple[str, int], Decimal] = defaultdict(Decimal)
    for module in data.modules:
        for position in module.positions:
            holder = actor(position.holder) if position.holder else num.t("funding.holder_open")
            fte[(holder, module.number)] += position.fte
    # Ties broken by name: the order must not depend on set order (PYTHONHASHSEED).
    holders = sorted({h for h, _ in fte},
                     key=lambda h: (-sum(v for (k, _), v in fte.items() if k == h), h))
    modules = sorted({m for _, m in fte})
    figure = None
    if fte:
        fig = go.Figure()
        for number in modules:
            values = [fte.get((h, number)) for h in holders]
            name = _module_label(num, number)
            fig.add_bar(y=holders, x=[float(v) if v is not None else None for v in values],
                        name=name, orientation="h", marker_color=MODULE_COLOURS[number],
                        customdata=[num.number(v) if v is not None else num.t("funding.no_figure")
                                    for v in values],
                        hovertemplate="%{y}<br>" + name + ": %{customdata} "
                        + num.t("funding.fte_short") + "<extra></extra>")
        fig.update_layout(**_layout(num, barmode="stack", height=max(260, 44 * len(holders) + 120),
                                    yaxis={"automargin": True, "autorange": "reversed"},
                                    xaxis={"automargin": True, "gridcolor": "#e0e0e0",
                                           "tickformat": ",~r"}))
        figure = _figure(fig)
    total = sum(fte.values(), Decimal(0))
    summary = (num.t("chart.positions.summary", fte=num.number(total), holders=len(holders))
               if fte else num.t("chart.empty"))
    return Chart(
        ident="stellen", title=num.t("chart.positions.title"), summary=summary,
        headers=[num.t("positions.holder"), *[_module_label(num, m) for m in modules],
                 num.t("funding.computed_sum")],
        # A holder without a listed position in a module: no figure, not 0.
        rows=[[h, *[num.number(fte[(h, m)]) if (h, m) in fte else num.t("funding.no_figure")
                    for m in modules],
               num.number(sum((fte.get((h, m), Decimal(0)) for m in modules), Decimal(0)))]
              for h in holders],
        records=[{"holder": h, "module": m, "fte": str(v)} for (h, m), v in sorted(fte.items())],
        figure=figure, numeric=tuple(range(1, len(modules) + 2)),
    )


# --- 4. Own share per municipality -------------------------------------------------------------


def own_share_by_municipality(data: Dataset, num: Numbers) -> Chart:
    municipalities = data.municipalities
    shares: dict[tuple[str, int | None], Part] = defaultdict(Part)
    for row in line_rows(data):
        if row.measure == "Eigenanteil" and row.from_ in municipalities:
            shares[(municipalities[row.from_].name, row.year)].add(row)
    names = sorted({n for n, _ in shares})
    years = sorted({y for _, y in shares}, key=lambda y: y or 0)
    figure = None
    if shares:
        fig = go.Figure()
        palette = ["#283593", "#00695c", "#b35c00", "#6a1b9a"]
        for index, year in enumerate(years):
            values = [shares.get((n, year)) for n in names]
            label = _year_label(num, year)
            fig.add_bar(y=names, x=[float(v.amount) if v is not None else None for v in values],
                        name=label, orientation="h", marker_color=palette[index % len(palette)],
                        customdata=[_stated(num, v) for v in values],
                        hovertemplate="%{y}<br>" + label + ": %{customdata}<extra></extra>")
        fig.update_layout(**_layout(num, barmode="group",
                                    height=_bar_height(len(names) * max(1, len(years)) // 2 + 1),
                                    xaxis=MONEY_AXIS, yaxis=CATEGORY_AXIS))
        figure = _figure(fig)
    # Summed per period only: an amount without a year is never added to a year's amounts.
    periods = "; ".join(
        num.plural("chart.own_share.period", sum(1 for (_, year) in shares if year == y),
                   period=_year_label(num, y),
              total=_known_sum(num, [v for (_, year), v in shares.items() if year == y]))
        for y in years)
    summary = (num.t("chart.own_share.summary", periods=periods) if shares
               else num.t("chart.own_share.empty"))
    return Chart(
        ident="eigenanteil-kommunen", title=num.t("chart.own_share.title"), summary=summary,
        headers=[num.t("funding.municipality"), *[_year_label(num, y) for y in years]],
        rows=[[n, *[_stated(num, shares.get((n, y))) for y in years]] for n in names],
        records=[{"municipality": n, "year": y, "own_share": str(v.amount)}
                 for (n, y), v in sorted(shares.items(), key=lambda kv: (kv[0][0], kv[0][1] or 0))],
        figure=figure, numeric=tuple(range(1, len(years) + 1)),
    )


# --- 5. Cost and grant per inhabitant and per person with migration background ----------------


@dataclass(frozen=True)
class RegionFigures:
    name: str
    grant: Part | None  # computed: None when the documents give no amounts of one period
    cost: Part | None
    cost_year: int | None
    population: int | None
    population_date: object
    migration: int | None
    migration_date: object
    migration_statistic: str | None
    sources: list[str] = field(default_factory=list)  # documents of the summed amounts


def region_figures(data: Dataset) -> RegionFigures:
    rows = region_rows(data)
    # The Land's grant to the region itself, summed only when every amount covers the same
    # period (one year, or all without a year): otherwise no sum is stated and none is made.
    granted = [r for r in rows if r.measure == "Zuwendung" and r.to == data.region.id]
    grant: Part | None = None
    if granted and len({(r.year, r.months) for r in granted}) == 1:
        grant = Part()
        for row in granted:
            grant.add(row)
    cost_years = sorted({r.year for r in rows if r.measure == "Kosten" and r.year})
    cost_year = cost_years[-1] if cost_years else None
    # The last year's costs; a region whose documents give its cost without a year (Leverkusen:
    # "pro Jahr") has its yearless costs, summed only when they cover the same period.
    costed = ([r for r in rows if r.measure == "Kosten" and r.year == cost_year] if cost_year
              else [r for r in rows if r.measure == "Kosten" and r.year is None])
    cost: Part | None = None
    if costed and len({r.months for r in costed}) == 1:
        cost = Part()
        for row in costed:
            cost.add(row)
    population = data.region.population
    total = population.total if population else None
    migration = population.migration_background if population else None
    summed = [*(granted if grant else []), *(costed if cost else [])]
    sources = sorted({_document_name(data, r.source.document) for r in summed})
    return RegionFigures(
        name=data.region.name.de, grant=grant, cost=cost, cost_year=cost_year,
        population=total.value if total else None,
        population_date=total.reference_date if total else None,
        migration=migration.value if migration else None,
        migration_date=migration.reference_date if migration else None,
        migration_statistic=migration.statistic if migration else None,
        sources=sources,
    )


def _document_name(data: Dataset, ident: str) -> str:
    document = data.documents[ident]
    return f"{document.publisher}, {document.reference}" if document.reference else document.title


def _per(amount: Part | None, people: int | None) -> Part | None:
    if amount is None or amount.amount is None or not people:
        return None
    return Part((amount.amount / Decimal(people)).quantize(Decimal("0.01")), amount.inputs,
                amount.approximate, amount.ceiling)


def posts_of(data: Dataset, figures: RegionFigures) -> tuple[Decimal | None, object]:
    """The posts (FTE) of the period the compared cost covers (the year box's figure):
    (None, ...) when the documents name none for it. Second item: the period."""
    from . import glance  # glance builds on this module's rows
    period = glance.Period(figures.cost_year, None)
    for year in glance.year_figures(data):
        if year.period == period:
            return year.fte.value, period
    return None, period


def _per_fte(amount: Part | None, fte: Decimal | None) -> Part | None:
    if amount is None or amount.amount is None or not fte:
        return None
    return Part((amount.amount / fte).quantize(Decimal("0.01")), amount.inputs,
                amount.approximate, amount.ceiling)


def comparison(regions: list[Dataset], num: Numbers) -> Chart:
    figures = [region_figures(d) for d in regions]
    posts = {f.name: posts_of(d, f) for d, f in zip(regions, figures, strict=True)}
    measures = [
        ("grant_per_inhabitant", num.t("chart.compare.grant_inhabitant"), "grant", "population"),
        ("cost_per_inhabitant", num.t("chart.compare.cost_inhabitant"), "cost", "population"),
        ("grant_per_migration", num.t("chart.compare.grant_migration"), "grant", "migration"),
        ("cost_per_migration", num.t("chart.compare.cost_migration"), "cost", "migration"),
    ]
    per_fte = [("grant_per_fte", num.t("chart.compare.grant_fte"), "grant"),
               ("cost_per_fte", num.t("chart.compare.cost_fte"), "cost")]
    values = {(f.name, key): _per(getattr(f, amount), getattr(f, people))
              for f in figures for key, _, amount, people in measures}
    values.update({(f.name, key): _per_fte(getattr(f, amount), posts[f.name][0])
                   for f in figures for key, _, amount in per_fte})
    # The bars compare per post (every region's documents may give posts); a region without
    # the figure gets no bar and is named in a note, never an empty bar of its own.
    names = [f.name for f in figures
             if any(values[(f.name, key)] is not None for key, _, _ in per_fte)]
    figure = None
    if names:
        fig = go.Figure()
        palette = [GRANT_COLOUR, OWN_COLOUR]
        for index, (key, label, _) in enumerate(per_fte):
            series = [values[(n, key)] for n in names]
            fig.add_bar(y=names, x=[float(v.amount) if v is not None else None for v in series],
                        name=label, orientation="h", marker_color=palette[index],
                        customdata=[_stated(num, v) for v in series],
                        hovertemplate="%{y}<br>" + label + ": %{customdata}<extra></extra>")
        fig.update_layout(**_layout(num, barmode="group", height=_bar_height(len(names) * 2),
                                    xaxis=MONEY_AXIS, yaxis=CATEGORY_AXIS))
        figure = _figure(fig)
    missing = [f.name for f in figures if not f.population]
    with_fte = sum(1 for f in figures if posts[f.name][0])
    summary = " ".join([num.plural("chart.compare.fte_summary", len(figures),
                                   with_fte=num.number(with_fte)),
                        num.plural("chart.compare.summary", len(figures),
                                   with_population=num.number(len(figures) - len(missing)))])
    notes = [num.t("chart.compare.missing", regions=", ".join(missing))] if missing else []
    no_bar = [f"{f.name} ({label})" for f in figures for key, label, _ in per_fte
              if values[(f.name, key)] is None]
    if no_bar:
        notes.append(num.t("chart.compare.fte_missing", items="; ".join(no_bar)))
    # Every figure of this chart is the portal's own arithmetic: say so, with its inputs.
    notes.append(num.t("chart.compare.computed"))
    notes += [num.t("chart.compare.inputs", region=f.name,
                    grant=len(f.grant.inputs) if f.grant else 0,
                    cost=len(f.cost.inputs) if f.cost else 0,
                    sources="; ".join(f.sources) or num.t("funding.no_figure"))
              for f in figures]

    def day(value: object) -> str:
        return formatting.day(value, num.locale) if value else num.t("funding.no_date")

    def people(count: int | None, date: object) -> str:
        if count is None:
            return num.t("funding.no_figure")
        return num.t("chart.compare.people", count=num.number(count), date=day(date))

    def fte_cell(name: str) -> str:
        fte, period = posts[name]
        if fte is None:
            return num.t("funding.no_figure")
        label = str(period.year) if period.year else num.t("funding.per_year")
        return num.t("chart.compare.fte_period", fte=num.number(fte), period=label)

    def per_fte_cell(name: str, key: str, amount: Part | None) -> str:
        value = values[(name, key)]
        if value is None:
            return num.t("funding.no_figure")
        return num.t("chart.compare.per_fte", value=_stated(num, value),
                     amount=_stated(num, amount), fte=num.number(posts[name][0]))

    def per_person_cell(f: RegionFigures, key: str, amount: str, people: str) -> str:
        value = values[(f.name, key)]
        if value is None:
            return num.t("funding.no_figure")
        return num.t("chart.compare.per_person", value=_stated(num, value),
                     amount=_stated(num, getattr(f, amount)), people=num.number(getattr(f, people)))

    rows = []
    for f in figures:
        rows.append([
            f.name, _stated(num, f.grant),
            (_stated(num, f.cost) + (f" ({f.cost_year})" if f.cost_year else ""))
            if f.cost is not None else num.t("funding.no_figure"),
            people(f.population, f.population_date),
            people(f.migration, f.migration_date),
            *[per_person_cell(f, key, amount, people) for key, _, amount, people in measures],
            fte_cell(f.name),
            *[per_fte_cell(f.name, key, getattr(f, amount)) for key, _, amount in per_fte],
        ])
    labels = [num.t("chart.compare.grant"), num.t("chart.compare.cost"),
              num.t("chart.compare.population"), num.t("chart.compare.migration"),
              *[label for _, label, _, _ in measures], num.t("chart.compare.fte"),
              *[label for _, label, _ in per_fte]]
    # One column per region, one row per figure: three regions fit a phone's or a desk's column,
    # eleven figures side by side did not.
    return Chart(
        ident="vergleich-regionen", title=num.t("chart.compare.title_fte"), summary=summary,
        headers=[num.t("chart.compare.figure"), *[f.name for f in figures]],
        rows=[[label, *[row[index + 1] for row in rows]] for index, label in enumerate(labels)],
        records=[{"region": f.name, "computed": True,
                  "grant": str(f.grant.amount) if f.grant else None,
                  "cost": str(f.cost.amount) if f.cost else None, "cost_year": f.cost_year,
                  "population": f.population,
                  "population_reference_date": (str(f.population_date) if f.population_date
                                                else None),
                  "migration_background": f.migration,
                  "migration_background_reference_date":
                      str(f.migration_date) if f.migration_date else None,
                  "migration_background_statistic": f.migration_statistic,
                  **{key: str(values[(f.name, key)].amount) if values[(f.name, key)] is not None
                     else None
                     for key, _, _, _ in measures},
                  "fte": str(posts[f.name][0]) if posts[f.name][0] is not None else None,
                  "fte_year": posts[f.name][1].year,
                  **{key: str(values[(f.name, key)].amount) if values[(f.name, key)] is not None
                     else None
                     for key, _, _ in per_fte}}
                 for f in figures],
        figure=figure, numeric=tuple(range(1, len(figures) + 1)), notes=notes,
    )


def embed_json(figure: dict[str, object]) -> Markup:
    """Figure JSON safe inside <script type="application/json">: no '<', '>' or '&' left raw."""
    text = json.dumps(figure, ensure_ascii=False, separators=(",", ":"))
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return Markup(text)  # noqa: S704 - escaped above; JSON in a non-executed script element
