"""Blocks of the start page and the legal pages that come from the region's data."""

from __future__ import annotations

from markupsafe import Markup

from ..context import PageContext
from ..html import join, tag
from ..views import render


def tel_href(phone: str) -> str:
    """'02307 9248872' -> 'tel:+4923079248872' (German numbers; '+' numbers kept)."""
    digits = "".join(ch for ch in phone if ch.isdigit() or ch == "+")
    if digits.startswith("+"):
        return f"tel:{digits}"
    if digits.startswith("0"):
        return f"tel:+49{digits[1:]}"
    return f"tel:{digits}"


def ki_contact(ctx: PageContext, person: bool = False) -> Markup:
    """The Kommunales Integrationszentrum's contact, as the documents publish it.

    The named person of the document's contact line appears only with ``person=True``, and
    then as what the document calls them (named in its contact line), never as a controller,
    provider or an offer's contact."""
    return ctx.block("kim-contact", ki_address(ctx, person=person),
                     tag("p", ctx.source(ctx.data.region.ki.source)))


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


def entry_points(ctx: PageContext) -> Markup:
    """Three doors: for people looking for help, for council members, for everyone curious."""
    doors = [
        ("entry.help", "entry.help.text", "#kontakt"),
        ("entry.council", "entry.council.text", "beschluesse/"),
        ("entry.structure", "entry.structure.text", "bausteine/"),
    ]
    cards = [
        tag("li", join([tag("h2", tag("a", ctx.t(title),
                                      href=ctx.href(url) if not url.startswith("#") else url)),
                        tag("p", ctx.t(text))]))
        for title, text, url in doors
    ]
    return ctx.block("kim-entry", tag("ul", join(cards), class_="kim-cards"))


def region_name(ctx: PageContext) -> Markup:
    return Markup("{}").format(ctx.data.region.name)


def sources_list(ctx: PageContext) -> Markup:
    """Every source document, with an anchor that the 'Quelle' links of each figure point to."""
    items = []
    for document in sorted(ctx.data.documents.values(), key=lambda d: (d.publisher, d.id)):
        facts = [document.publisher, document.reference,
                 ctx.day(document.date) if document.date else None,
                 Markup("{}: {}").format(ctx.t("sources.file"), tag("code", document.file))]
        items.append(tag("li", join([tag("strong", document.title),
                                     join((f for f in facts if f), ", ")], Markup("<br>\n")),
                         id=document.id))
    return ctx.block("kim-sources", tag("ul", join(items)))
