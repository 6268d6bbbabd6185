"""/finanzierung/, /finanzierung/baustein-<n>/ and /finanzierung/pruefhinweise/.

Every amount of funding.yml appears on exactly one funding page (its module's page, or the
region's page when it has no module), with its approving paper, its source and, where a
consistency check found a mismatch, a visible note in plain words. Charts are computed once per
dataset and language (see :func:`charts_for`).
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from markupsafe import Markup

from .. import charts as ch
from .. import checks, datasets, glance, portalconfig
from ..context import PageContext, page_url
from ..html import join, table_model, tag
from ..i18n import PROJECT_ROOT, Language, Translator
from ..loader import Dataset
from ..opendata import licence
from ..portalconfig import PORTAL_YML
from ..schema import DeclaredTotal, FundingRow
from ..views import render
from .decisions import decided, state
from .parts import source_model

DOWNLOADS = "finanzierung/daten"


# --- what is computed once per dataset and language --------------------------------------------

def findings(data: Dataset) -> list[checks.Finding]:
    """The consistency checks' findings, computed once per dataset (kept in data.derived)."""
    if "findings" not in data.derived:
        data.derived["findings"] = checks.run(data)
    return data.derived["findings"]  # type: ignore[return-value]


def comparison_folders(config: Path = PORTAL_YML) -> list[Path]:
    """portal.yml `comparison`: the data folders whose figures the region is compared with."""
    return [PROJECT_ROOT / folder for folder in portalconfig.read(config).comparison]


def comparison_regions(data: Dataset) -> list[Dataset]:
    regions = [data]
    seen = {data.root.resolve()}
    for folder in comparison_folders():
        if folder.resolve() not in seen:
            seen.add(folder.resolve())
            regions.append(datasets.load_cached(folder))
    return regions


def plain_actor(data: Dataset, tr: Translator, ident: str | None) -> str:
    if not ident:
        return ""
    if ident in data.organizations:
        return tr.plain(data.organizations[ident].name)
    if ident in data.providers:
        return data.providers[ident].name
    return data.municipalities[ident].name


def charts_for(data: Dataset, lang: Language) -> dict[str, ch.Chart]:
    key = ("charts", lang.code)
    if key not in data.derived:
        num = ch.Numbers(lang)
        tr = Translator(lang)

        def actor(ident: str | None) -> str:
            return plain_actor(data, tr, ident)

        made = [
            ch.grant_and_own_share(data, num),
            ch.flows(data, num, actor),
            ch.positions(data, num, actor),
            ch.own_share_by_municipality(data, num),
            ch.comparison(comparison_regions(data), num),
            *[ch.grant_and_own_share(data, num, module=m.number) for m in data.modules],
        ]
        data.derived[key] = {c.ident: c for c in made}
    return data.derived[key]  # type: ignore[return-value]


def download_about(data: Dataset) -> list[tuple[str, str]]:
    """The spreadsheets' sheet "Quelle und Lizenz": region, source documents, licence."""
    used = sorted({r.source.document for r in data.funding.rows})
    terms = licence()
    return [("Region", data.region.name.de),
            ("Quelle", "KIM-Portal " + data.region.name.de + ", aus funding.yml; Dokumente: "
             + "; ".join(ch._document_name(data, d) for d in used)),
            ("Hinweis", "Beträge, die das Portal zusammenzählt, sind berechnet, keine Angaben "
                        "der Dokumente; leere Zellen: keine Angabe (nicht 0)."),
            ("Lizenz", f"{terms.name} ({terms.id}), {terms.url}")]


def downloads(data: Dataset, lang: Language) -> dict[str, bytes]:
    """CSV, XLSX and JSON of every chart by file name, computed once per dataset and language
    (kept in data.derived: the build computes the German ones before the language workers
    fork, so that plotly's validators, openpyxl and the compared regions are loaded once)."""
    key = ("downloads", lang.code)
    if key not in data.derived:
        about = download_about(data)
        files: dict[str, bytes] = {}
        for chart in charts_for(data, lang).values():
            files[f"{chart.ident}.csv"] = chart.csv_text().encode("utf-8")
            files[f"{chart.ident}.xlsx"] = chart.xlsx_bytes(about)
            files[f"{chart.ident}.json"] = chart.json_text().encode("utf-8")
        data.derived[key] = files
    return data.derived[key]  # type: ignore[return-value]


def write_downloads(data: Dataset, lang: Language, docs: Path) -> None:
    """CSV, XLSX and JSON of every chart, into the language's docs folder (MkDocs copies them)."""
    folder = docs / DOWNLOADS
    folder.mkdir(parents=True, exist_ok=True)
    for name, content in downloads(data, lang).items():
        (folder / name).write_bytes(content)


# --- where each figure is shown -----------------------------------------------------------------


def _total_module(data: Dataset, total: DeclaredTotal) -> int | None:
    modules = {row.module for row in checks._parts(data, total)}
    return modules.pop() if len(modules) == 1 else None


def page_of(data: Dataset, ident: str) -> str:
    """URL (inside a language) of the funding page that shows a row or declared total."""
    rows = {r.id: r for r in data.funding.rows}
    totals = {t.id: t for t in data.funding.declared_totals}
    module = rows[ident].module if ident in rows else _total_module(data, totals[ident])
    return page_url("funding_module", module) if module else page_url("funding")


def figure_href(ctx: PageContext, ident: str) -> str:
    return ctx.href(f"{page_of(ctx.data, ident)}#{ident}")


# --- building blocks ----------------------------------------------------------------------------


def amount_text(ctx: PageContext, amount: Decimal, approximate: bool = False,
                ceiling: bool = False) -> Markup:
    prefix = ctx.t("funding.approx") if approximate else ctx.t("funding.up_to") if ceiling else ""
    return (join([prefix, ctx.money(amount)], " ") if prefix
            else Markup("{}").format(ctx.money(amount)))


def _paper_link(ctx: PageContext, paper: str | None) -> Markup:
    if not paper:
        return Markup("–")
    from .papers import paper_label  # papers imports this module
    record = ctx.data.papers[paper]
    return join([tag("a", paper_label(ctx.t, record), href=ctx.link("paper", paper)),
                 Markup("({})").format(state(ctx, record.decision_state))], " ")


def _flow(ctx: PageContext, row: FundingRow) -> Markup:
    if row.from_ and row.to:
        return join([ctx.actor(row.from_), ctx.actor(row.to)], " → ")
    if row.from_:
        return Markup("{}").format(ctx.actor(row.from_))
    return Markup("–")


class Notes:
    """The numbered notes under one table: each source and each finding once, however many
    rows cite it; the rows carry links "Quelle n" / "Prüfhinweis n" to them."""

    def __init__(self, ctx: PageContext, key: str) -> None:
        self.ctx, self.key = ctx, key
        self.sources: list[dict] = []
        self.findings: list[dict] = []
        self._sources: dict[tuple[str, str | None], int] = {}
        self._findings: dict[tuple[str, str], int] = {}

    def source(self, source) -> Markup:
        key = (source.document, source.section)
        if key not in self._sources:
            self.sources.append(source_model(self.ctx, source))
            self._sources[key] = len(self.sources)
        number = self._sources[key]
        return tag("a", self.ctx.t("notes.source_ref", number=number),
                   href=f"#{self.key}-quelle-{number}", class_="kim-note-ref")

    def finding_refs(self, found: list[checks.Finding]) -> Markup:
        refs = []
        for finding in found:
            text = explain(self.ctx, finding)
            key = (finding.cls, str(text))
            if key not in self._findings:
                self.findings.append({
                    "label": self.ctx.t("checks.marker"), "cls": finding.cls,
                    "cls_label": self.ctx.t(f"checks.class.{finding.cls}"), "text": text,
                    "more": self.ctx.t("checks.more"),
                    "href": self.ctx.link("checks", anchor=finding.subject)})
                self._findings[key] = len(self.findings)
            number = self._findings[key]
            refs.append(tag("a", self.ctx.t("notes.finding_ref", number=number),
                            href=f"#{self.key}-hinweis-{number}",
                            class_="kim-note-ref kim-finding-ref"))
        return join(refs, " ")

    def model(self, caption: Markup, headers: list, numeric: list[int],
              rows: list[dict]) -> dict:
        return {"key": self.key, "caption": caption, "label": caption.striptags(),
                "headers": headers, "numeric": numeric, "rows": rows,
                "sources": self.sources, "findings": self.findings,
                "sources_title": self.ctx.t("notes.sources", caption=caption),
                "findings_title": self.ctx.t("notes.findings", caption=caption)}


def _fte_rate(ctx: PageContext, row: FundingRow) -> Markup:
    if row.rate_parts or row.rate is not None:
        rate = _rate(ctx, row)
        if row.fte is not None:
            return join([ctx.number(row.fte), Markup(" × "), rate], "")
        return rate
    if row.fte is not None:
        return Markup("{} {}").format(ctx.number(row.fte), ctx.t("funding.fte_short"))
    return Markup("")


def _rate(ctx: PageContext, row: FundingRow) -> Markup:
    if row.rate_parts:
        return join((join([ctx.tr.text(p.label), Markup(": "), ctx.number(p.fte), Markup(" × "),
                           ctx.money(p.rate)], "") for p in row.rate_parts), "; ")
    return Markup("{}").format(ctx.money(row.rate)) if row.rate is not None else Markup("")


def rows_table(ctx: PageContext, caption: Markup, rows: list[FundingRow],
               key: str = "betraege") -> Markup:
    found = checks.by_subject(findings(ctx.data))
    notes = Notes(ctx, key)
    body = []
    for row in rows:
        refs = notes.finding_refs(found.get(row.id, []))
        flow = _flow(ctx, row)
        paper = _paper_link(ctx, row.paper)
        body.append({"id": row.id, "cells": [
            join([ctx.tr.text(row.item), tag("span", flow, class_="kim-flow")], " ")
            if row.from_ else ctx.tr.text(row.item),
            str(row.year) if row.year else "–",
            ctx.t(f"measure.{row.measure}"),
            _fte_rate(ctx, row),
            join([amount_text(ctx, row.amount, row.approximate, row.ceiling), refs], " ")
            if refs else amount_text(ctx, row.amount, row.approximate, row.ceiling),
            join([paper, notes.source(row.source)], " · ") if row.paper
            else notes.source(row.source),
        ]})
    headers = [ctx.t("funding.item_flow"), ctx.t("funding.year"), ctx.t("funding.measure"),
               ctx.t("funding.fte_rate"), ctx.t("funding.amount"), ctx.t("funding.evidence")]
    return render("funding/table.html", table=notes.model(caption, headers, [3, 4], body))


def totals_table(ctx: PageContext, caption: Markup, totals: list[DeclaredTotal],
                 key: str = "summen") -> Markup:
    found = checks.by_subject(findings(ctx.data))
    notes = Notes(ctx, key)
    body = []
    for total in totals:
        computed = sum((r.amount for r in checks._parts(ctx.data, total)), Decimal(0))
        mine = found.get(total.id, [])
        refs = notes.finding_refs([f for f in mine if f.check == "total"] +
                                  [f for f in mine if f.check != "total"])
        stated = amount_text(ctx, total.amount, total.approximate)
        body.append({"id": total.id, "cells": [
            ctx.tr.text(total.label),
            join([stated, refs], " ") if refs else stated,
            ctx.money(computed),
            notes.source(total.source),
        ]})
    headers = [ctx.t("funding.total_label"), ctx.t("funding.stated"), ctx.t("funding.computed"),
               ctx.t("source")]
    return render("funding/table.html", table=notes.model(caption, headers, [1, 2], body))


XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def chart_model(ctx: PageContext, chart: ch.Chart) -> dict:
    """funding/chart.html: the chart's heading, summary, drawing target, table, notes, files."""
    return {
        "base": f"chart-{chart.ident}", "title": chart.title, "summary": chart.summary,
        "figure": ch.embed_json(chart.figure) if chart.figure is not None else None,
        "height": chart.height,
        "table": table_model(chart.title, chart.headers, chart.rows, numeric=chart.numeric)
        if chart.rows else None,
        "notes": chart.notes, "downloads_label": ctx.t("funding.download"),
        "downloads": [{"label": label, "type": kind,
                       "href": ctx.href(f"{DOWNLOADS}/{chart.ident}.{ext}")}
                      for label, ext, kind in (("CSV", "csv", "text/csv"),
                                               ("XLSX", "xlsx", XLSX_TYPE),
                                               ("JSON", "json", "application/json"))],
    }


def chart_block(ctx: PageContext, chart: ch.Chart) -> Markup:
    return render("funding/chart.html", chart=chart_model(ctx, chart))


def lead_model(ctx: PageContext) -> dict:
    """funding/checks_lead.html: the number of findings and the way to all of them."""
    count = len(findings(ctx.data))
    if not count:
        return {"text": ctx.t("checks.none"), "link": None, "href": ""}
    return {"text": ctx.tr.plural("checks.lead", count), "link": ctx.t("checks.all"),
            "href": ctx.link("checks")}


# --- the year at a glance ------------------------------------------------------------------------


def money_model(ctx: PageContext, amount: Decimal | None, approximate: bool = False,
                ceiling: bool = False) -> dict:
    """partials/money.html: the amount with 'ca.'/'bis zu', or 'keine Angabe' (never 0)."""
    if amount is None:
        return {"text": ctx.t("funding.no_figure"), "known": False}
    return {"text": amount_text(ctx, amount, approximate, ceiling), "known": True}


def period_label(ctx: PageContext, period: glance.Period) -> Markup:
    if period.year:
        return Markup("{}").format(period.year)
    if period.months:
        return ctx.t("funding.months", months=period.months)
    return ctx.t("funding.per_year")


def _figure_money(ctx: PageContext, figure: glance.Figure) -> dict:
    if figure.fte:
        value = figure.value
        return ({"text": Markup("{} {}").format(ctx.number(value), ctx.t("funding.fte_short")),
                 "known": True} if value is not None else money_model(ctx, None))
    return money_model(ctx, figure.value, figure.approximate, figure.ceiling)


def basis_model(ctx: PageContext, figure: glance.Figure) -> dict | None:
    """partials/basis.html: the stated amount's source, or the computation with its inputs."""
    if not figure.known:
        return None
    if not figure.computed:
        row = figure.rows[0]
        return {"computed": False, "label": ctx.t("glance.stated"),
                "href": figure_href(ctx, row.id), "source": source_model(ctx, row.source)}
    inputs = [{
        "href": figure_href(ctx, row.id), "item": ctx.tr.text(row.item),
        "money": ({"text": Markup("{} {}").format(ctx.number(glance.row_fte(row)),
                                                  ctx.t("funding.fte_short")), "known": True}
                  if figure.fte else money_model(ctx, row.amount, row.approximate, row.ceiling)),
        "period": (ctx.t("glance.yearly_input") if figure.period
                   and glance.Period(row.year, row.months) != figure.period else None),
        "source": source_model(ctx, row.source),
    } for row in figure.rows]
    label = (ctx.tr.plural("glance.computed_sum", figure.count) if figure.count > 1
             else ctx.t("glance.computed_year"))
    return {"computed": True, "label": label, "inputs_label": ctx.t("glance.inputs"),
            "inputs": inputs}


def _fact(ctx: PageContext, label: Markup, figure: glance.Figure,
          note: Markup | None = None) -> dict:
    return {"label": label, "money": _figure_money(ctx, figure),
            "basis": basis_model(ctx, figure), "note": note}


def _paper_date(ctx: PageContext, ident: str) -> Markup:
    paper = ctx.data.papers[ident]
    if paper.date:
        return ctx.t("glance.paper_dated", date=ctx.day(paper.date))
    decided_at = [c for c in paper.consultation if c.decision_state == "Beschluss"]
    if decided_at:
        return ctx.t("glance.decided_on", date=ctx.day(decided_at[0].meeting_date),
                     body=ctx.actor(decided_at[0].organization))
    return ctx.t("glance.no_date")


def glance_model(ctx: PageContext) -> dict:
    from .papers import paper_label  # papers imports this module
    periods = []
    for year in glance.year_figures(ctx.data):
        period = year.period
        ident = ("jahr-" + str(period.year) if period.year
                 else f"zeitraum-{period.months}-monate" if period.months else "ohne-jahr")
        facts = [
            _fact(ctx, ctx.t("glance.cost"), year.cost),
            _fact(ctx, ctx.t("glance.grant"), year.grant),
            _fact(ctx, ctx.t("glance.own"), year.own,
                  ctx.t("glance.unquantified") if year.own_unquantified else None),
        ]
        if year.forwarded:
            facts += [_fact(ctx, ctx.t("glance.forwarded_to", to=ctx.actor(to)) if to
                            else ctx.t("glance.forwarded_open"), figure)
                      for to, figure in year.forwarded.items()]
        else:
            facts.append(_fact(ctx, ctx.t("glance.forwarded"), glance.Figure()))
        if year.municipal_own:
            facts += [_fact(ctx, ctx.t("glance.municipal_own_of", municipality=ctx.actor(m)),
                            figure) for m, figure in year.municipal_own.items()]
        else:
            facts.append(_fact(ctx, ctx.t("glance.municipal_own"), glance.Figure()))
        facts.append(_fact(ctx, ctx.t("glance.fte"), year.fte))
        periods.append({
            "id": ident,
            "heading": (ctx.t("glance.period_year", year=period.year) if period.year
                        else ctx.t("glance.period_months", months=period.months)
                        if period.months else ctx.t("glance.period_none")),
            "facts": facts,
            "decisions_label": ctx.t("glance.decisions"),
            "decisions": [{"href": ctx.link("paper", p),
                           "label": paper_label(ctx.t, ctx.data.papers[p]),
                           "date": _paper_date(ctx, p),
                           "state": state(ctx, ctx.data.papers[p].decision_state)}
                          for p in year.papers],
            "no_decisions": ctx.t("glance.no_papers"),
        })
    return {"heading": ctx.t("glance.heading"), "lead": ctx.t("glance.lead"),
            "empty": None if periods else ctx.t("glance.empty"), "periods": periods}


def glance_html(ctx: PageContext) -> Markup:
    return render("funding/glance.html", glance=glance_model(ctx))


# --- pages --------------------------------------------------------------------------------------


def funding_overview(ctx: PageContext) -> Markup:
    made = charts_for(ctx.data, ctx.lang)
    rows = [r for r in ctx.data.funding.rows if r.module is None]
    totals = [t for t in ctx.data.funding.declared_totals if _total_module(ctx.data, t) is None]
    model = {
        "glance": glance_html(ctx), "lead": lead_model(ctx),
        "modules_heading": ctx.t("funding.by_module"),
        "modules": [{"href": ctx.link("funding_module", m.number),
                     "label": ctx.t("funding.module_page", number=m.number),
                     "title": ctx.tr.text(m.title)} for m in ctx.data.modules],
        "charts": [chart_block(ctx, made[i]) for i in (
            "zuwendung-eigenanteil", "mittelfluss", "stellen", "eigenanteil-kommunen",
            "vergleich-regionen")],
        "other": {"heading": ctx.t("funding.other_rows"), "table": rows_table(
            ctx, ctx.t("funding.other_rows"), rows, "betraege-ohne-baustein")} if rows else None,
        "totals": {"heading": ctx.t("funding.totals"), "table": totals_table(
            ctx, ctx.t("funding.totals"), totals)} if totals else None,
    }
    return ctx.block("kim-funding", render("funding/overview.html", **model))


def funding_module(ctx: PageContext, number: int) -> Markup:
    module = ctx.data.module(number)
    made = charts_for(ctx.data, ctx.lang)
    rows = [r for r in ctx.data.funding.rows if r.module == number]
    totals = [t for t in ctx.data.funding.declared_totals if _total_module(ctx.data, t) == number]
    page = ctx.t("funding.module_page", number=number)
    model = {
        "heading": join([page, Markup(": "), ctx.tr.text(module.title)], "") if module else page,
        "back": {"href": ctx.link("funding"), "label": ctx.t("funding.back")},
        "module_link": {"href": ctx.link("module", number),
                        "label": ctx.t("module.title", number=number)} if module else None,
        "lead": lead_model(ctx),
        "chart": chart_block(ctx, made[f"zuwendung-eigenanteil-baustein-{number}"]),
        "rows_heading": ctx.t("funding.rows"),
        "rows": rows_table(ctx, ctx.t("funding.rows_caption", number=number), rows)
        if rows else None,
        "no_rows": ctx.t("funding.no_rows"),
        "totals": {"heading": ctx.t("funding.totals"), "table": totals_table(
            ctx, ctx.t("funding.totals_caption", number=number), totals)} if totals else None,
    }
    return ctx.block("kim-funding", render("funding/module.html", **model))


def explain(ctx: PageContext, finding: checks.Finding) -> Markup:
    return finding.explain(ctx.t, ctx.money, ctx.number, ctx.day)


def _finding_label(ctx: PageContext, finding: checks.Finding, labels: dict[str, Markup]) -> Markup:
    """A funding figure links to where it is shown; a statement names its document and section."""
    if finding.subject in labels:
        return tag("a", labels[finding.subject], href=figure_href(ctx, finding.subject))
    statement = next(s for s in ctx.data.statements if s.id == finding.subject)
    return tag("strong", checks.place(ctx.data, statement.source), lang="de", dir="ltr")


def funding_checks(ctx: PageContext) -> Markup:
    """/finanzierung/pruefhinweise/: every finding, by class (documents / our data), then check."""
    found = findings(ctx.data)
    if not found:
        return ctx.block("kim-checks", render("funding/checks.html", none=ctx.t("checks.none"),
                                              lead="", classes=[]))
    labels = {r.id: ctx.tr.text(r.item) for r in ctx.data.funding.rows}
    labels.update({t.id: ctx.tr.text(t.label) for t in ctx.data.funding.declared_totals})
    anchored: set[str] = set()  # a figure with findings of two checks gets its anchor once

    def anchor(subject: str) -> str | None:
        if subject in anchored:
            return None
        anchored.add(subject)
        return subject

    def finding(f: checks.Finding) -> dict:
        return {"anchor": anchor(f.subject), "cls": f.cls,
                "cls_label": ctx.t(f"checks.class.{f.cls}"),
                "label": _finding_label(ctx, f, labels), "text": explain(ctx, f),
                "note": f.note or None, "places_label": ctx.t("checks.places"),
                "places": " · ".join(f.places), "where_label": ctx.t("checks.where"),
                "where": f.where()}

    classes = []
    for cls in checks.CLASSES:
        of_class = [f for f in found if f.cls == cls]
        if not of_class:
            continue
        groups = []
        for check in checks.CHECKS:
            mine = [f for f in of_class if f.check == check]
            if mine:
                groups.append({"heading": ctx.t(f"checks.heading.{check}"),
                               "meaning": ctx.t(f"checks.meaning.{check}"),
                               "findings": [finding(f) for f in mine]})
        classes.append({"id": f"klasse-{cls}", "heading": ctx.t(f"checks.classes.{cls}"),
                        "meaning": ctx.t(f"checks.classes_meaning.{cls}"), "checks": groups})
    return ctx.block("kim-checks", render("funding/checks.html", none=None,
                                          lead=ctx.tr.plural("checks.lead", len(found)),
                                          classes=classes))


def amounts_model(ctx: PageContext, paper: str) -> dict | None:
    """On a paper's page: the amounts it names, each linking to its figure (the figure links
    back to the paper). They are called decided only when a document states the decision."""
    rows = [r for r in ctx.data.funding.rows if r.paper == paper]
    if not rows:
        return None
    record = ctx.data.papers[paper]
    caption = (ctx.t("papers.amounts_caption") if decided(record)
               else ctx.t("papers.amounts_named_caption", state=state(ctx, record.decision_state)))
    body = [[Markup('<a href="{}">{}</a>').format(figure_href(ctx, r.id), ctx.tr.text(r.item)),
             str(r.year) if r.year else "–", ctx.t(f"measure.{r.measure}"),
             amount_text(ctx, r.amount, r.approximate, r.ceiling)] for r in rows]
    heading = ctx.t("papers.amounts") if decided(record) else ctx.t("papers.amounts_named")
    return {"heading": heading, "table": table_model(
        caption, [ctx.t("funding.item"), ctx.t("funding.year"), ctx.t("funding.measure"),
                  ctx.t("funding.amount")], body, numeric=[3])}
