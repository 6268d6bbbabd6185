"""Blocks of the start page and the legal pages that come from the region's data."""

from __future__ import annotations

from markupsafe import Markup

from ..context import PageContext
from ..views import render
from .offers import browse_url, topic_label, used_topics, used_towns
from .parts import source_model, tel_href


def ki_contact(ctx: PageContext, person: bool = False) -> Markup:
    """The Kommunales Integrationszentrum's contact, as the documents publish it.

    The named person of the document's contact line appears only with ``person=True``, and
    then as what the document calls them (named in its contact line), never as a controller,
    provider or an offer's contact."""
    return ctx.block("kim-contact", render("home/contact.html", ki=ki_address_model(ctx, person),
                                           source=source_model(ctx, ctx.data.region.ki.source)))


def ki_address_model(ctx: PageContext, person: bool = False) -> dict:
    """What partials/ki_address.html shows: the KI's name, address and contact links
    (no person by default)."""
    ki = ctx.data.region.ki
    contact = ki.contact
    channels = []
    if contact and contact.phone:
        channels.append({"label": ctx.t("contact.phone"), "text": contact.phone,
                         "href": tel_href(contact.phone)})
    if contact and contact.email:
        channels.append({"label": ctx.t("contact.email"), "text": contact.email,
                         "href": f"mailto:{contact.email}"})
    if contact and contact.website:
        channels.append({"label": ctx.t("contact.website"), "text": contact.website,
                         "href": contact.website})
    return {
        "name": ctx.tr.text(ki.name),
        "person": (ctx.t("contact.named_person", name=ki.person.name)
                   if person and ki.person and ki.person.publishable else None),
        "lines": ([ki.address.street, f"{ki.address.postal_code} {ki.address.locality}"]
                  if ki.address else []),
        "channels": channels,
    }


def ki_address(ctx: PageContext, person: bool = False) -> Markup:
    """The KI's name, address and contact links as an <address> block (no person by default)."""
    return render("partials/ki_address.html", ki=ki_address_model(ctx, person))


def help_model(ctx: PageContext) -> dict:
    """The way to help: all offers, the towns and topics that have offers (browse pages, which
    work without JavaScript), and the region's contact further down the page. A region without
    offers keeps only the way to its contact."""
    data = ctx.data
    has_offers = bool(data.offers)
    towns = used_towns(data) if has_offers and len(data.region.municipalities) > 1 else []
    return {
        "title": ctx.t("entry.help"),
        "href": ctx.link("offers") if has_offers else "#kontakt",
        "lead": ctx.t("help.lead") if has_offers else None,
        "all": ctx.t("help.all"),
        "town": ctx.t("help.town"),
        "towns": [{"href": ctx.href(browse_url("ort", m)),
                   "label": ctx.german(data.municipalities[m].name)}
                  for m in towns],
        "topic": ctx.t("help.topic"),
        "topics": [{"href": ctx.href(browse_url("thema", t)), "label": topic_label(ctx, t)}
                   for t in (used_topics(data) if has_offers else [])],
        "text": ctx.t("entry.help.text"),
        "contact": ctx.t("help.contact"),
    }


def entry_points(ctx: PageContext) -> Markup:
    """The start page's doors: help first (offers by town and topic, the contact), then one for
    council members and one for everyone curious."""
    doors = [{"title": ctx.t(title), "text": ctx.t(text), "href": ctx.link(page)}
             for title, text, page in (("entry.council", "entry.council.text", "papers"),
                                       ("entry.structure", "entry.structure.text", "modules"))]
    return ctx.block("kim-entry", render("home/entry.html", help=help_model(ctx), doors=doors))


def region_name(ctx: PageContext) -> Markup:
    return ctx.tr.text(ctx.data.region.name)


def sources_list(ctx: PageContext) -> Markup:
    """Every source document, with an anchor that the 'Quelle' links of each figure point to."""
    documents = [
        {"id": d.id, "title": d.title, "file": d.file, "file_label": ctx.t("sources.file"),
         "facts": [f for f in (d.publisher, d.reference, ctx.day(d.date) if d.date else None)
                   if f]}
        for d in sorted(ctx.data.documents.values(), key=lambda d: (d.publisher, d.id))]
    return ctx.block("kim-sources", render("home/sources.html", documents=documents))
