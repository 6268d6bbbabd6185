"""/bausteine/ and /bausteine/<n>/: the three modules of KIM."""

from __future__ import annotations

from markupsafe import Markup

from ..context import PageContext
from ..html import join, table, tag
from ..schema import Module, Text


def _list(ctx: PageContext, heading: Markup, items: list[Text]) -> Markup:
    if not items:
        return Markup("")
    return join([tag("h2", heading), tag("ul", join(tag("li", ctx.tr.text(i)) for i in items))])


def module_list(ctx: PageContext) -> Markup:
    items = [
        tag("li", join([
            tag("a", ctx.t("module.title", number=m.number), href=ctx.href(f"bausteine/{m.number}/")),
            Markup(": "), ctx.tr.text(m.title),
            tag("p", ctx.tr.text(m.purpose)) if m.purpose else Markup(""),
        ], ""))
        for m in ctx.data.modules
    ]
    if not items:
        return ctx.block("kim-modules", tag("p", ctx.t("modules.none")))
    return ctx.block("kim-modules", tag("ul", join(items), class_="kim-cards"))


def positions_table(ctx: PageContext, module: Module) -> Markup:
    if not module.positions:
        return Markup("")
    rows = [
        [ctx.tr.text(p.title), ctx.number(p.fte), p.pay_grade or "",
         ctx.actor(p.holder) if p.holder or not p.employer else ctx.tr.text(p.employer),
         ctx.tr.text(p.qualification), ctx.source(p.source)]
        for p in module.positions
    ]
    total = sum(p.fte for p in module.positions)
    return join([
        tag("h2", ctx.t("positions.heading")),
        table(
            ctx.t("positions.caption", number=module.number),
            [ctx.t("positions.title"), ctx.t("positions.fte"), ctx.t("positions.pay_grade"),
             ctx.t("positions.holder"), ctx.t("positions.qualification"), ctx.t("source")],
            rows,
            # The portal adds the FTE up; no document states this total: say so.
            footer=[ctx.t("funding.computed_sum"), ctx.number(total), "", "", "", ""],
            numeric=[1],
        ),
    ])


def module_page(ctx: PageContext, number: int) -> Markup:
    module = ctx.data.module(number)
    if module is None:
        raise KeyError(f"module {number} is not in the data")
    parts = [
        tag("h1", join([ctx.t("module.title", number=number), Markup(": "), ctx.tr.text(module.title)], "")),
        tag("p", ctx.tr.text(module.purpose), class_="kim-lead") if module.purpose else Markup(""),
        _list(ctx, ctx.t("module.goals"), module.goals),
        _list(ctx, ctx.t("module.tasks"), module.tasks),
        join([tag("h2", ctx.t("module.funding_basis")), tag("p", ctx.tr.text(module.funding_basis))])
        if module.funding_basis else Markup(""),
        _list(ctx, ctx.t("module.requirements"), module.requirements),
        positions_table(ctx, module),
        _facts(ctx, module),
        tag("p", ctx.source(module.source)),
    ]
    return ctx.block("kim-module", *parts)


def _facts(ctx: PageContext, module: Module) -> Markup:
    """Further statements of the documents, each with its own source (variants, contract terms)."""
    if not module.facts:
        return Markup("")
    items = [tag("li", join([ctx.tr.text(f.text), ctx.source(f.source)], " ")) for f in module.facts]
    return join([tag("h2", ctx.t("module.facts")), tag("ul", join(items))])
