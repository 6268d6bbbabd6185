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
from .. import checks, datasets, portalconfig
from ..context import PageContext
from ..html import join, table, tag
from ..i18n import PROJECT_ROOT, Language, Translator
from ..loader import Dataset
from ..portalconfig import PORTAL_YML
from ..schema import DeclaredTotal, FundingRow
from .decisions import decided, state

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


def write_downloads(data: Dataset, lang: Language, docs: Path) -> None:
    """CSV and JSON of every chart, into the language's docs folder (MkDocs copies them)."""
    folder = docs / DOWNLOADS
    folder.mkdir(parents=True, exist_ok=True)
    for chart in charts_for(data, lang).values():
        (folder / f"{chart.ident}.csv").write_text(chart.csv_text(), encoding="utf-8")
        (folder / f"{chart.ident}.json").write_text(chart.json_text(), encoding="utf-8")


# --- where each figure is shown -----------------------------------------------------------------


def _total_module(data: Dataset, total: DeclaredTotal) -> int | None:
    modules = {row.module for row in checks._parts(data, total)}
    return modules.pop() if len(modules) == 1 else None


def page_of(data: Dataset, ident: str) -> str:
    """URL (inside a language) of the funding page that shows a row or declared total."""
    rows = {r.id: r for r in data.funding.rows}
    totals = {t.id: t for t in data.funding.declared_totals}
    module = rows[ident].module if ident in rows else _total_module(data, totals[ident])
    return f"finanzierung/baustein-{module}/" if module else "finanzierung/"


def figure_href(ctx: PageContext, ident: str) -> str:
    return ctx.href(f"{page_of(ctx.data, ident)}#{ident}")


# --- building blocks ----------------------------------------------------------------------------


def _marker(ctx: PageContext, found: list[checks.Finding]) -> Markup:
    if not found:
        return Markup("")
    notes = [tag("span", join([tag("strong", ctx.t("checks.marker")), Markup(" "),
                               tag("span", ctx.t(f"checks.class.{f.cls}"),
                                   class_=f"kim-badge kim-check-{f.cls}"), Markup(" "),
                               explain(ctx, f)], ""), class_="kim-check", role="note")
             for f in found]
    link = tag("a", ctx.t("checks.more"),
               href=ctx.href(f"finanzierung/pruefhinweise/#{found[0].subject}"))
    return join([*notes, link], " ")


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
    return join([tag("a", paper_label(ctx.t, record), href=ctx.href(f"beschluesse/{paper}/")),
                 Markup("({})").format(state(ctx, record.decision_state))], " ")


def _flow(ctx: PageContext, row: FundingRow) -> Markup:
    if row.from_ and row.to:
        return join([ctx.actor(row.from_), ctx.actor(row.to)], " → ")
    if row.from_:
        return Markup("{}").format(ctx.actor(row.from_))
    return Markup("–")


def _rate(ctx: PageContext, row: FundingRow) -> Markup:
    if row.rate_parts:
        return join((join([ctx.tr.text(p.label), Markup(": "), ctx.number(p.fte), Markup(" × "),
                           ctx.money(p.rate)], "") for p in row.rate_parts), "; ")
    return Markup("{}").format(ctx.money(row.rate)) if row.rate is not None else Markup("")


def rows_table(ctx: PageContext, caption: Markup, rows: list[FundingRow]) -> Markup:
    found = checks.by_subject(findings(ctx.data))
    body = []
    for row in rows:
        body.append([
            join([tag("span", ctx.tr.text(row.item), id=row.id)], ""),
            str(row.year) if row.year else "–",
            ctx.t(f"measure.{row.measure}"),
            ctx.number(row.fte) if row.fte is not None else "",
            _rate(ctx, row),
            join([amount_text(ctx, row.amount, row.approximate, row.ceiling),
                  _marker(ctx, found.get(row.id, []))], " "),
            _flow(ctx, row),
            _paper_link(ctx, row.paper),
            ctx.source(row.source),
        ])
    return table(caption, [ctx.t("funding.item"), ctx.t("funding.year"), ctx.t("funding.measure"),
                           ctx.t("positions.fte"), ctx.t("funding.rate"), ctx.t("funding.amount"),
                           ctx.t("funding.flow"), ctx.t("funding.paper"), ctx.t("source")],
                 body, numeric=[3, 4, 5], css="kim-table kim-funding-table")


def totals_table(ctx: PageContext, caption: Markup, totals: list[DeclaredTotal]) -> Markup:
    found = checks.by_subject(findings(ctx.data))
    body = []
    for total in totals:
        computed = sum((r.amount for r in checks._parts(ctx.data, total)), Decimal(0))
        body.append([
            tag("span", ctx.tr.text(total.label), id=total.id),
            join([amount_text(ctx, total.amount, total.approximate),
                  _marker(ctx, [f for f in found.get(total.id, []) if f.check == "total"] +
                          [f for f in found.get(total.id, []) if f.check != "total"])], " "),
            ctx.money(computed),
            ctx.source(total.source),
        ])
    return table(caption, [ctx.t("funding.total_label"), ctx.t("funding.stated"),
                           ctx.t("funding.computed"), ctx.t("source")],
                 body, numeric=[1, 2], css="kim-table kim-funding-table")


def chart_block(ctx: PageContext, chart: ch.Chart) -> Markup:
    base = f"chart-{chart.ident}"
    parts = [
        tag("h2", chart.title, id=f"{base}-title"),
        tag("p", chart.summary, class_="kim-chart-summary"),
    ]
    if chart.figure is not None:
        parts.append(tag("div", "", class_="kim-chart", id=base, role="img",
                         aria_label=f"{chart.title}: {chart.summary}",
                         data_kim_chart=f"{base}-data",
                         data_kim_height=chart.height))
        parts.append(Markup('<script type="application/json" id="{}" class="kim-chart-data">'
                            '{}</script>')
                     .format(f"{base}-data", ch.embed_json(chart.figure)))
    if chart.rows:
        parts.append(table(chart.title, chart.headers, chart.rows, numeric=chart.numeric))
    parts += [tag("p", note, class_="kim-chart-note") for note in chart.notes]
    parts.append(tag("p", join([
        ctx.t("funding.download"),
        tag("a", "CSV", href=ctx.href(f"{DOWNLOADS}/{chart.ident}.csv"), download="",
            type="text/csv"),
        tag("a", "JSON", href=ctx.href(f"{DOWNLOADS}/{chart.ident}.json"), download="",
            type="application/json"),
    ], " "), class_="kim-downloads"))
    return tag("section", join(parts), class_="kim-chart-block", aria_labelledby=f"{base}-title")


def _checks_lead(ctx: PageContext) -> Markup:
    count = len(findings(ctx.data))
    if not count:
        return tag("p", ctx.t("checks.none"))
    return tag("p", join([ctx.t("checks.lead", count=count), tag(
        "a", ctx.t("checks.all"), href=ctx.href("finanzierung/pruefhinweise/"))], " "),
               class_="kim-checks-lead", role="note")


# --- pages --------------------------------------------------------------------------------------


def funding_overview(ctx: PageContext) -> Markup:
    made = charts_for(ctx.data, ctx.lang)
    rows = [r for r in ctx.data.funding.rows if r.module is None]
    totals = [t for t in ctx.data.funding.declared_totals if _total_module(ctx.data, t) is None]
    modules = tag("ul", join(
        tag("li", join([tag("a", ctx.t("funding.module_page", number=m.number),
                             href=ctx.href(f"finanzierung/baustein-{m.number}/")),
                        Markup(": "), ctx.tr.text(m.title)], ""))
        for m in ctx.data.modules))
    parts = [
        _checks_lead(ctx),
        tag("h2", ctx.t("funding.by_module")),
        modules,
        *[chart_block(ctx, made[i]) for i in ("zuwendung-eigenanteil", "mittelfluss", "stellen",
                                               "eigenanteil-kommunen", "vergleich-regionen")],
    ]
    if rows:
        parts += [tag("h2", ctx.t("funding.other_rows")),
                  rows_table(ctx, ctx.t("funding.other_rows"), rows)]
    if totals:
        parts += [tag("h2", ctx.t("funding.totals")),
                  totals_table(ctx, ctx.t("funding.totals"), totals)]
    return ctx.block("kim-funding", *parts)


def funding_module(ctx: PageContext, number: int) -> Markup:
    module = ctx.data.module(number)
    made = charts_for(ctx.data, ctx.lang)
    rows = [r for r in ctx.data.funding.rows if r.module == number]
    totals = [t for t in ctx.data.funding.declared_totals if _total_module(ctx.data, t) == number]
    title = ctx.tr.text(module.title) if module else Markup("")
    parts = [
        tag("h1", join([ctx.t("funding.module_page", number=number), Markup(": "), title], "")
            if module else ctx.t("funding.module_page", number=number)),
        tag("p", join([tag("a", ctx.t("funding.back"), href=ctx.href("finanzierung/")),
                       tag("a", ctx.t("module.title", number=number),
                           href=ctx.href(f"bausteine/{number}/")) if module else ""], " · ")),
        _checks_lead(ctx),
        chart_block(ctx, made[f"zuwendung-eigenanteil-baustein-{number}"]),
        tag("h2", ctx.t("funding.rows")),
        rows_table(ctx, ctx.t("funding.rows_caption", number=number), rows)
        if rows else tag("p", ctx.t("funding.no_rows")),
    ]
    if totals:
        parts += [tag("h2", ctx.t("funding.totals")),
                  totals_table(ctx, ctx.t("funding.totals_caption", number=number), totals)]
    return ctx.block("kim-funding", *parts)


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
        return ctx.block("kim-checks", tag("p", ctx.t("checks.none")))
    labels = {r.id: ctx.tr.text(r.item) for r in ctx.data.funding.rows}
    labels.update({t.id: ctx.tr.text(t.label) for t in ctx.data.funding.declared_totals})
    parts = [tag("p", ctx.t("checks.lead", count=len(found)))]
    anchored: set[str] = set()  # a figure with findings of two checks gets its anchor once

    def anchor(subject: str) -> str | None:
        if subject in anchored:
            return None
        anchored.add(subject)
        return subject

    for cls in checks.CLASSES:
        of_class = [f for f in found if f.cls == cls]
        if not of_class:
            continue
        parts += [tag("h2", ctx.t(f"checks.classes.{cls}"), id=f"klasse-{cls}"),
                  tag("p", ctx.t(f"checks.classes_meaning.{cls}"))]
        for check in checks.CHECKS:
            mine = [f for f in of_class if f.check == check]
            if not mine:
                continue
            items = [tag("li", join([
                tag("p", tag("span", ctx.t(f"checks.class.{f.cls}"),
                             class_=f"kim-badge kim-check-{f.cls}")),
                _finding_label(ctx, f, labels),
                tag("p", explain(ctx, f)),
                tag("p", f.note, lang="de", dir="ltr", class_="kim-note") if f.note else None,
                tag("p", join([ctx.t("checks.places"), tag("span", " · ".join(f.places),
                                                             lang="de", dir="ltr")], " "),
                    class_="kim-source"),
                tag("p", join([ctx.t("checks.where"), tag("code", f.where())], " "),
                    class_="kim-source"),
            ]), id=anchor(f.subject)) for f in mine]
            parts += [tag("h3", ctx.t(f"checks.heading.{check}")),
                      tag("p", ctx.t(f"checks.meaning.{check}")), tag("ul", join(items))]
    return ctx.block("kim-checks", *parts)


def approved_amounts(ctx: PageContext, paper: str) -> Markup:
    """On a paper's page: the amounts it names, each linking to its figure. They are called
    approved only when a document states the paper's decision."""
    rows = [r for r in ctx.data.funding.rows if r.paper == paper]
    if not rows:
        return Markup("")
    body = [[tag("a", ctx.tr.text(r.item), href=figure_href(ctx, r.id)),
             str(r.year) if r.year else "–", ctx.t(f"measure.{r.measure}"),
             amount_text(ctx, r.amount, r.approximate, r.ceiling)] for r in rows]
    return join([
        tag("h2", ctx.t("papers.amounts") if decided(ctx.data.papers[paper])
            else ctx.t("papers.amounts_named")),
        table(ctx.t("papers.amounts_caption") if decided(ctx.data.papers[paper])
              else ctx.t("papers.amounts_named_caption",
                         state=state(ctx, ctx.data.papers[paper].decision_state)),
              [ctx.t("funding.item"), ctx.t("funding.year"), ctx.t("funding.measure"),
               ctx.t("funding.amount")], body, numeric=[3]),
    ])
