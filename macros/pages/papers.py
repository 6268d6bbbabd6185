"""/beschluesse/ and /beschluesse/<id>/: council papers and their Beratungsfolge."""

from __future__ import annotations

import datetime as dt

from markupsafe import Markup

from ..context import PageContext
from ..html import join, tag
from ..schema import Paper
from .decisions import state, state_badge
from .funding import approved_amounts


def _sort_day(paper: Paper):
    """A paper without its own date sorts by its first meeting (042/21: only the Kreistag's day)."""
    days = [paper.date] if paper.date else [c.meeting_date for c in paper.consultation]
    return min(days) if days else dt.date.min


def _papers_by_date(ctx: PageContext) -> list[Paper]:
    return sorted(ctx.data.papers.values(), key=lambda p: (_sort_day(p), p.reference or ""))


def paper_label(t, paper: Paper) -> Markup:
    """'Drucksache 144/21', or for a decision the documents cite without its paper's number, say so."""  # noqa: E501
    return (t("papers.paper", reference=paper.reference) if paper.reference
            else t("papers.unnumbered"))


def _paper_day(ctx: PageContext, paper: Paper) -> Markup:
    if paper.date is None:
        return ctx.t("funding.no_figure")
    return tag("time", ctx.day(paper.date), datetime=paper.date.isoformat())


def timeline(ctx: PageContext, paper: Paper) -> Markup:
    """The Beratungsfolge as an ordered list: date, body, role, result."""
    if not paper.consultation:
        return tag("p", ctx.t("papers.no_consultation"))
    steps = []
    for step in sorted(paper.consultation, key=lambda c: c.meeting_date):
        steps.append(tag("li", join([
            tag("time", ctx.day(step.meeting_date), datetime=step.meeting_date.isoformat()),
            tag("span", ctx.actor(step.organization), class_="kim-body"),
            tag("span", ctx.t(f"consultation.{step.role}"), class_="kim-role"),
            tag("span", ctx.t("consultation.result", result=step.result), class_="kim-result")
            if step.result else Markup(""),
            tag("span", join([ctx.t("papers.state"), state(ctx, step.decision_state)], ": "),
                class_="kim-badge kim-decision")
            if step.decision_state != "unbekannt" else Markup(""),
            tag("span", ctx.t("consultation.authoritative"), class_="kim-badge")
            if step.authoritative else Markup(""),
            Markup("") if step.public
            else tag("span", ctx.t("consultation.closed"), class_="kim-badge"),
        ], Markup(" · "))))
    return tag("ol", join(steps), class_="kim-timeline",
               aria_label=ctx.t("papers.consultation_of",
                                reference=paper.reference or paper.name.de))


def papers_overview(ctx: PageContext) -> Markup:
    papers = _papers_by_date(ctx)
    if not papers:
        return ctx.block("kim-papers", tag("p", ctx.t("papers.none")))
    items = []
    for paper in papers:
        items.append(tag("section", join([
            tag("h2", tag("a", join([paper_label(ctx.t, paper), Markup(": "),
                                     ctx.tr.text(paper.name)], ""),
                          href=ctx.link("paper", paper.id)), id=paper.id),
            tag("p", join([ctx.t("papers.dated"), _paper_day(ctx, paper),
                           Markup("·"), Markup("{}:").format(ctx.t("papers.state")),
                           state_badge(ctx, paper)], " ")),
            tag("p", ctx.tr.text(paper.summary)) if paper.summary else Markup(""),
            timeline(ctx, paper),
            tag("p", ctx.source(paper.source)),
        ]), class_="kim-paper"))
    return ctx.block("kim-papers", *items)


def paper_page(ctx: PageContext, ident: str) -> Markup:
    paper = ctx.data.papers[ident]
    facts = [
        (ctx.t("papers.reference"), paper.reference),
        (ctx.t("papers.date"), _paper_day(ctx, paper)),
        (ctx.t("papers.type"), paper.paperType),
        (ctx.t("papers.state"), state(ctx, paper.decision_state)),
        (ctx.t("papers.under_direction_of"),
         join((ctx.actor(o) for o in paper.underDirectionOf), ", ")
         if paper.underDirectionOf else None),
    ]
    related = [ctx.data.papers[r] for r in paper.relatedPaper]
    parts = [
        tag("h1", join([paper_label(ctx.t, paper), Markup(": "),
                        ctx.tr.text(paper.name)], "")),
        tag("dl", join(join([tag("dt", k), tag("dd", v)], "") for k, v in facts if v)),
        join([tag("h2", ctx.t("papers.summary")), tag("p", ctx.tr.text(paper.summary))])
        if paper.summary else Markup(""),
        tag("h2", ctx.t("papers.consultation")),
        timeline(ctx, paper),
        approved_amounts(ctx, paper.id),
        join([tag("h2", ctx.t("papers.files")),
              tag("ul", join(tag("li", f.name) for f in paper.files))])
        if paper.files else Markup(""),
        join([tag("h2", ctx.t("papers.related")), tag("ul", join(
            tag("li", tag("a", paper_label(ctx.t, r),
                          href=ctx.link("paper", r.id))) for r in related))])
        if related else Markup(""),
        tag("p", ctx.source(paper.source)),
    ]
    return ctx.block("kim-paper-page", *parts)
