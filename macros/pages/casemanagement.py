"""/fallmanagement/: "Where do I get help in my town?" The case management contact points by
sub-region and town, each with its offer page, and the KI as the contact the documents give."""

from __future__ import annotations

from markupsafe import Markup

from ..context import PageContext
from ..html import join, tag
from ..schema import Municipality, Offer
from .home import ki_address
from .offers import _contact_lines, serves
from .offers import towns as served_towns


def case_management_offers(ctx: PageContext) -> list[Offer]:
    return [o for o in ctx.data.offers.values() if o.case_management and o.status != "beendet"]


def _town(ctx: PageContext, town: Municipality, offers: list[Offer]) -> Markup:
    here = [o for o in offers if serves(ctx.data, o, town.id)]
    if not here:
        points = tag("p", ctx.t("casemanagement.none_in_town"))
    else:
        items = []
        for offer in here:
            parts = [tag("a", ctx.tr.text(offer.name), href=ctx.href(f"angebote/{offer.id}/"))]
            if offer.status != "aktiv":
                key = {"geplant": "planned", "unbekannt": "unknown"}.get(offer.status, "closed")
                parts.append(tag("span", ctx.t(f"casemanagement.status.{key}"), class_="kim-badge"))
            if offer.provider:
                parts.append(tag("span", ctx.actor(offer.provider), class_="kim-provider"))
            parts.extend(_contact_lines(ctx, offer))
            items.append(tag("li", join(parts, Markup("<br>\n"))))
        points = tag("ul", join(items), class_="kim-cm-points")
    return join([tag("h3", town.name, id=f"ort-{town.id}"), points])


def case_management(ctx: PageContext) -> Markup:
    region = ctx.data.region
    offers = case_management_offers(ctx)
    sections = []
    groups: list[tuple[Markup | None, str | None, list[Municipality]]] = [
        (ctx.tr.text(sub.name), sub.id, [m for m in region.municipalities if m.sub_region == sub.id])
        for sub in region.sub_regions
    ]
    rest = [m for m in region.municipalities if m.sub_region is None]
    if rest:
        groups.append((ctx.t("casemanagement.other_towns") if region.sub_regions else None,
                       None, rest))
    for title, ident, members in groups:
        if not members:
            continue
        heading = (tag("h2", title, id=f"teilregion-{ident}" if ident else "weitere")
                   if title is not None else Markup(""))
        sections.append(join([heading, *(_town(ctx, m, offers) for m in members)]))
    # Contact points whose area no document names are listed once, not under every town.
    unplaced = [o for o in offers if not o.region_wide and not served_towns(ctx.data, o)]
    if unplaced:
        sections.append(join([
            tag("h2", ctx.t("casemanagement.area_unknown"), id="ohne-einzugsgebiet"),
            tag("ul", join(tag("li", join([
                tag("a", ctx.tr.text(o.name), href=ctx.href(f"angebote/{o.id}/")),
                *([tag("span", ctx.actor(o.provider), class_="kim-provider")] if o.provider else []),
                *_contact_lines(ctx, o)], Markup("<br>\n"))) for o in unplaced),
                class_="kim-cm-points")]))
    if not offers:
        sections.insert(0, tag("p", ctx.t("casemanagement.none")))
    ki = join([
        tag("h2", ctx.t("casemanagement.ki"), id="kontakt"),
        tag("p", ctx.t("casemanagement.ki.text")),
        tag("div", join([ki_address(ctx), tag("p", ctx.source(region.ki.source))]),
            class_="kim-contact"),
    ])
    towns = tag("ul", join(tag("li", tag("a", m.name, href=f"#ort-{m.id}"))
                          for m in region.municipalities), class_="kim-browse")
    jump = (tag("nav", join([tag("h2", ctx.t("casemanagement.choose_town")), towns]),
                aria_label=ctx.t("casemanagement.choose_town"))
            if len(region.municipalities) > 1 else Markup(""))
    return ctx.block("kim-casemanagement", jump, join(sections), ki)
