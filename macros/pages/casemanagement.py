"""/fallmanagement/: "Where do I get help in my town?" The case management contact points by
sub-region and town, each with its offer page, and the KI as the contact the documents give."""

from __future__ import annotations

from markupsafe import Markup

from .. import offerstore
from ..context import PageContext
from ..glossary import TermLinker
from ..schema import Municipality, Offer
from ..views import render
from .glossary import term_linker
from .home import ki_address_model
from .offers import contact_models, serves
from .offers import towns as served_towns
from .parts import source_model


def case_management_offers(ctx: PageContext) -> list[Offer]:
    """The contact points (not ended), in the offers' order; only they are expanded."""
    offers = ctx.data.offers
    return [offers[ident] for ident, f in offerstore.offer_facets(offers).items()
            if f.case_management and f.status != "beendet"]


def _point(ctx: PageContext, offer: Offer, badge: bool) -> dict:
    status = None
    if badge and offer.status != "aktiv":
        key = {"geplant": "planned", "unbekannt": "unknown"}.get(offer.status, "closed")
        status = ctx.t(f"casemanagement.status.{key}")
    return {"href": ctx.link("offer", offer.id), "name": ctx.tr.text(offer.name),
            "badge": status, "provider": ctx.actor(offer.provider) if offer.provider else None,
            "contacts": contact_models(ctx, offer)}


def _town(ctx: PageContext, town: Municipality, offers: list[Offer], linker: TermLinker) -> dict:
    points = [_point(ctx, o, badge=True) for o in offers if serves(ctx.data, o, town.id)]
    empty = ctx.t("casemanagement.none_in_town")
    # Only text that is shown may take a term's first link.
    return {"id": town.id, "name": ctx.german(town.name), "points": points,
            "empty": empty if points else linker.link(empty)}


def case_management(ctx: PageContext) -> Markup:
    region = ctx.data.region
    offers = case_management_offers(ctx)
    # The first use of a glossary term in this block links to its entry (in reading order: the
    # values below are built from top to bottom).
    linker = term_linker(ctx)
    groups: list[tuple[Markup | None, str | None, list[Municipality]]] = [
        (ctx.tr.text(sub.name), sub.id,
         [m for m in region.municipalities if m.sub_region == sub.id])
        for sub in region.sub_regions
    ]
    rest = [m for m in region.municipalities if m.sub_region is None]
    if rest:
        groups.append((ctx.t("casemanagement.other_towns") if region.sub_regions else None,
                       None, rest))
    # Contact points whose area no document names are listed once, not under every town.
    unplaced = [o for o in offers if not o.region_wide and not served_towns(ctx.data, o)]
    model = {
        "jump": ({"title": ctx.t("casemanagement.choose_town"),
                  "towns": [{"id": m.id, "name": ctx.german(m.name)}
                            for m in region.municipalities]}
                 if len(region.municipalities) > 1 else None),
        "none_at_all": None if offers else ctx.t("casemanagement.none"),
        "groups": [{"title": title, "anchor": f"teilregion-{ident}" if ident else "weitere",
                    "towns": [_town(ctx, m, offers, linker) for m in members]}
                   for title, ident, members in groups if members],
        "unplaced_title": ctx.t("casemanagement.area_unknown"),
        "unplaced": [_point(ctx, o, badge=False) for o in unplaced],
        "ki": {"title": ctx.t("casemanagement.ki"),
               "text": linker.link(ctx.t("casemanagement.ki.text")),
               "address": ki_address_model(ctx), "source": source_model(ctx, region.ki.source)},
    }
    return ctx.block("kim-casemanagement", render("casemanagement/page.html", **model))
