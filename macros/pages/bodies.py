"""/lenkungsgruppe/ and /projektgruppen/: who steers KIM and who works in it."""

from __future__ import annotations

from markupsafe import Markup

from ..context import PageContext
from ..html import join, table, tag
from ..schema import Organization

PARTICIPATION_ORDER = ("ständig", "für KIM erweitert", "nach Bedarf", None)
PARTICIPATION_KEYS = {
    "ständig": "steering.standing",
    "für KIM erweitert": "steering.extended",
    "nach Bedarf": "steering.on_demand",
    None: "steering.members",
}


def steering_groups(ctx: PageContext) -> list[Organization]:
    return [o for o in ctx.data.organizations.values() if o.classification == "Lenkungsgruppe"]


def _member(ctx: PageContext, membership) -> list:
    person = membership.person.name if membership.person and membership.person.publishable else ""
    return [ctx.tr.text(membership.role), ctx.actor(membership.onBehalfOf), person,
            ctx.source(membership.source)]


def steering_group(ctx: PageContext) -> Markup:
    groups = steering_groups(ctx)
    if not groups:
        return ctx.block("kim-steering", tag("p", ctx.t("steering.none")))
    parts = []
    for group in groups:
        parts.append(tag("h2", ctx.tr.text(group.name)))
        if group.description:
            parts.append(tag("p", ctx.tr.text(group.description)))
        members = [m for m in ctx.data.memberships if m.organization == group.id]
        for participation in PARTICIPATION_ORDER:
            rows = [_member(ctx, m) for m in members if m.participation == participation]
            if rows:
                parts.append(table(
                    ctx.t(PARTICIPATION_KEYS[participation]),
                    [ctx.t("steering.role"), ctx.t("steering.organisation"),
                     ctx.t("steering.person"), ctx.t("source")],
                    rows,
                ))
        parts.append(tag("p", ctx.source(group.source)))
    return ctx.block("kim-steering", *parts)


def project_groups(ctx: PageContext) -> Markup:
    groups = ctx.data.project_groups
    if not groups:
        return ctx.block("kim-groups", tag("p", ctx.t("groups.none")))
    parts = []
    for group in groups:
        facts = [
            (ctx.t("groups.topic"), ctx.tr.text(group.topic) if group.topic else None),
            (ctx.t("groups.lead"), ctx.actor(group.lead) if group.lead else None),
            (ctx.t("groups.cadence"), ctx.tr.text(group.cadence) if group.cadence else None),
            (ctx.t("groups.status"), ctx.t(f"groups.status.{group.status}") if group.status else None),
            (ctx.t("groups.start"), ctx.day(group.start) if group.start else None),
        ]
        facts_html = tag("dl", join(
            join([tag("dt", label), tag("dd", value)], "") for label, value in facts if value
        ))
        members = (join([tag("h3", ctx.t("groups.members")),
                         tag("ul", join(tag("li", ctx.tr.text(m)) for m in group.members))])
                   if group.members else Markup(""))
        results = (join([tag("h3", ctx.t("groups.results")),
                         tag("ul", join(tag("li", ctx.tr.text(r)) for r in group.results))])
                   if group.results else Markup(""))
        parts.append(tag("section", join([
            tag("h2", ctx.tr.text(group.name), id=group.id), facts_html, members, results,
            tag("p", ctx.source(group.source)),
        ]), class_="kim-group"))
    return ctx.block("kim-groups", *parts)
