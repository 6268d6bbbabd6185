"""/lenkungsgruppe/ and /projektgruppen/: who steers KIM and who works in it."""

from __future__ import annotations

from markupsafe import Markup

from ..context import PageContext
from ..html import table_model
from ..schema import Organization
from ..views import render
from .parts import source_html, source_model

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
            source_html(ctx, membership.source)]


def _steering_model(ctx: PageContext, group: Organization) -> dict:
    members = [m for m in ctx.data.memberships if m.organization == group.id]
    headers = [ctx.t("steering.role"), ctx.t("steering.organisation"),
               ctx.t("steering.person"), ctx.t("source")]
    tables = []
    for participation in PARTICIPATION_ORDER:
        rows = [_member(ctx, m) for m in members if m.participation == participation]
        if rows:
            tables.append(table_model(ctx.t(PARTICIPATION_KEYS[participation]), headers, rows))
    return {"name": ctx.tr.text(group.name),
            "description": ctx.tr.text(group.description) if group.description else None,
            "tables": tables, "source": source_model(ctx, group.source)}


def steering_group(ctx: PageContext) -> Markup:
    groups = [_steering_model(ctx, g) for g in steering_groups(ctx)]
    return ctx.block("kim-steering", render("bodies/steering.html", groups=groups,
                                            empty_text=ctx.t("steering.none")))


def _group_model(ctx: PageContext, group) -> dict:
    facts = [
        (ctx.t("groups.topic"), ctx.tr.text(group.topic) if group.topic else None),
        (ctx.t("groups.lead"), ctx.actor(group.lead) if group.lead else None),
        (ctx.t("groups.cadence"), ctx.tr.text(group.cadence) if group.cadence else None),
        (ctx.t("groups.status"), ctx.t(f"groups.status.{group.status}") if group.status else None),
        (ctx.t("groups.start"), ctx.day(group.start) if group.start else None),
    ]
    lists = [{"heading": ctx.t(key), "entries": [ctx.tr.text(e) for e in entries]}
             for key, entries in (("groups.members", group.members),
                                  ("groups.results", group.results)) if entries]
    return {"id": group.id, "name": ctx.tr.text(group.name),
            "facts": [{"label": label, "value": value} for label, value in facts if value],
            "lists": lists, "source": source_model(ctx, group.source)}


def project_groups(ctx: PageContext) -> Markup:
    groups = [_group_model(ctx, g) for g in ctx.data.project_groups]
    return ctx.block("kim-groups", render("bodies/groups.html", groups=groups,
                                          empty_text=ctx.t("groups.none")))
