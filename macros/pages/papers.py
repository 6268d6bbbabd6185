"""/beschluesse/ and /beschluesse/<id>/: council papers and their Beratungsfolge."""

from __future__ import annotations

import datetime as dt

from markupsafe import Markup

from ..context import PageContext
from ..html import join, tag
from ..schema import Paper
from ..views import render
from .decisions import state
from .funding import amounts_model
from .parts import source_model


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


def timeline_model(ctx: PageContext, paper: Paper) -> dict:
    """papers/timeline.html: each consultation with its outcome as far as a document records
    it; a step without a recorded outcome says so."""
    if not paper.consultation:
        return {"empty": ctx.t("papers.no_consultation"), "label": "", "steps": []}
    steps = []
    for step in sorted(paper.consultation, key=lambda c: c.meeting_date):
        badges = [ctx.t("consultation.authoritative")] if step.authoritative else []
        if not step.public:
            badges.append(ctx.t("consultation.closed"))
        steps.append({
            "iso": step.meeting_date.isoformat(), "day": ctx.day(step.meeting_date),
            "body": ctx.actor(step.organization), "role": ctx.t(f"consultation.{step.role}"),
            "result": (ctx.t("consultation.result", result=step.result) if step.result
                       else ctx.t("consultation.no_result")),
            "state": (join([ctx.t("papers.state"), state(ctx, step.decision_state)], ": ")
                      if step.decision_state != "unbekannt" else None),
            "badges": badges})
    return {"empty": None, "steps": steps,
            "label": ctx.t("papers.consultation_of", reference=paper.reference or paper.name.de)}


def timeline(ctx: PageContext, paper: Paper) -> Markup:
    """The Beratungsfolge as an ordered list: date, body, role, result."""
    return render("papers/timeline.html", timeline=timeline_model(ctx, paper))


def papers_overview(ctx: PageContext) -> Markup:
    papers = _papers_by_date(ctx)
    models = [{
        "id": paper.id, "href": ctx.link("paper", paper.id),
        "label": paper_label(ctx.t, paper), "name": ctx.tr.text(paper.name),
        "dated": ctx.t("papers.dated"), "day": _paper_day(ctx, paper),
        "state_label": ctx.t("papers.state"), "state": state(ctx, paper.decision_state),
        "summary": ctx.tr.text(paper.summary) if paper.summary else None,
        "timeline": timeline_model(ctx, paper), "source": source_model(ctx, paper.source),
    } for paper in papers]
    return ctx.block("kim-papers", render(
        "papers/overview.html", papers=models,
        empty=None if papers else ctx.t("papers.none")))


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
    model = {
        "heading": join([paper_label(ctx.t, paper), Markup(": "), ctx.tr.text(paper.name)], ""),
        "facts": [{"label": k, "value": v} for k, v in facts if v],
        "summary": {"heading": ctx.t("papers.summary"), "text": ctx.tr.text(paper.summary)}
        if paper.summary else None,
        "consultation_heading": ctx.t("papers.consultation"),
        "timeline": timeline_model(ctx, paper),
        "amounts": amounts_model(ctx, paper.id),
        "files": {"heading": ctx.t("papers.files"), "names": [f.name for f in paper.files]}
        if paper.files else None,
        "related": {"heading": ctx.t("papers.related"), "links": [
            {"href": ctx.link("paper", r.id), "label": paper_label(ctx.t, r)}
            for r in related]} if related else None,
        "source": source_model(ctx, paper.source),
    }
    return ctx.block("kim-paper-page", render("papers/page.html", **model))
