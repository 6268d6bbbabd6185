"""/bausteine/ and /bausteine/<n>/: the three modules of KIM."""

from __future__ import annotations

from markupsafe import Markup

from ..context import PageContext
from ..html import table_model
from ..schema import Module, Text
from ..views import render
from .parts import source_model


def _list(ctx: PageContext, heading: Markup, items: list[Text]) -> dict | None:
    if not items:
        return None
    return {"heading": heading, "entries": [ctx.tr.text(i) for i in items]}


def module_list(ctx: PageContext) -> Markup:
    modules = [{"href": ctx.link("module", m.number),
                "label": ctx.t("module.title", number=m.number), "title": ctx.tr.text(m.title),
                "purpose": ctx.tr.text(m.purpose) if m.purpose else None}
               for m in ctx.data.modules]
    return ctx.block("kim-modules", render("modules/list.html", modules=modules,
                                           empty_text=ctx.t("modules.none")))


def _positions_model(ctx: PageContext, module: Module) -> dict | None:
    if not module.positions:
        return None
    rows = [
        [ctx.tr.text(p.title), ctx.number(p.fte), p.pay_grade or "",
         ctx.actor(p.holder) if p.holder or not p.employer else ctx.tr.text(p.employer),
         ctx.tr.text(p.qualification), ctx.source(p.source)]
        for p in module.positions
    ]
    total = sum(p.fte for p in module.positions)
    return {"heading": ctx.t("positions.heading"), "table": table_model(
        ctx.t("positions.caption", number=module.number),
        [ctx.t("positions.title"), ctx.t("positions.fte"), ctx.t("positions.pay_grade"),
         ctx.t("positions.holder"), ctx.t("positions.qualification"), ctx.t("source")],
        rows,
        # The portal adds the FTE up; no document states this total: say so.
        footer=[ctx.t("funding.computed_sum"), ctx.number(total), "", "", "", ""],
        numeric=[1],
    )}


def _facts(ctx: PageContext, module: Module) -> dict | None:
    """Further statements of the documents, each with its own source (variants, contract terms)."""
    if not module.facts:
        return None
    return {"heading": ctx.t("module.facts"),
            "entries": [{"text": ctx.tr.text(f.text), "source": source_model(ctx, f.source)}
                      for f in module.facts]}


def module_page(ctx: PageContext, number: int) -> Markup:
    module = ctx.data.module(number)
    if module is None:
        raise KeyError(f"module {number} is not in the data")
    model = {
        "label": ctx.t("module.title", number=number),
        "title": ctx.tr.text(module.title),
        "purpose": ctx.tr.text(module.purpose) if module.purpose else None,
        "lists_before": [s for s in (_list(ctx, ctx.t("module.goals"), module.goals),
                                     _list(ctx, ctx.t("module.tasks"), module.tasks)) if s],
        "funding_basis": ({"heading": ctx.t("module.funding_basis"),
                           "text": ctx.tr.text(module.funding_basis)}
                          if module.funding_basis else None),
        "lists_after": [s for s in (_list(ctx, ctx.t("module.requirements"),
                                          module.requirements),) if s],
        "positions": _positions_model(ctx, module),
        "facts": _facts(ctx, module),
        "source": source_model(ctx, module.source),
    }
    return ctx.block("kim-module", render("modules/page.html", **model))
