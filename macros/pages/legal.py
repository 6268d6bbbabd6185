"""Blocks of the legal pages (imprint, privacy, accessibility) and the data-quality page.

The website's provider and its accessibility contact come from region.yml ``site:``; where the
region has not entered them, the block says so instead of naming some other body (the KI's
contact line in a concept is not the website's provider).
"""

from __future__ import annotations

from markupsafe import Markup

from .. import completeness
from ..context import PageContext
from ..schema import SiteContact
from ..views import render
from .parts import tel_href


def _address_model(ctx: PageContext, entry: SiteContact) -> dict:
    """What partials/ki_address.html shows, for the website's provider or contact (no person)."""
    contact = entry.contact
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
    return {"name": entry.name, "person": None,
            "lines": ([entry.address.street,
                       f"{entry.address.postal_code} {entry.address.locality}"]
                      if entry.address else []),
            "channels": channels}


def _contact_model(ctx: PageContext, entry: SiteContact | None, missing_key: str) -> dict:
    """legal/site_contact.html's model: the address, or the notice that the region has not
    entered it, linking to the data-quality page."""
    if entry is None:
        return {"address": None, "missing": {"text": ctx.t(missing_key),
                                             "link": ctx.t("quality.title"),
                                             "href": ctx.link("quality")}}
    return {"address": _address_model(ctx, entry), "missing": None}


def _site_contact(ctx: PageContext, entry: SiteContact | None, missing_key: str) -> Markup:
    model = _contact_model(ctx, entry, missing_key)
    return ctx.block("kim-contact", render("legal/site_contact.html", **model))


def site_provider(ctx: PageContext) -> Markup:
    """The website's provider (imprint, controller of the website), or that it is missing."""
    site = ctx.data.region.site
    return _site_contact(ctx, site.provider if site else None, "legal.provider_missing")


def accessibility_contact(ctx: PageContext) -> Markup:
    """Where readers report barriers, or that the region has not said so yet."""
    site = ctx.data.region.site
    return _site_contact(ctx, site.accessibility_contact if site else None,
                         "legal.accessibility_missing")


def data_quality(ctx: PageContext) -> Markup:
    """/datenqualitaet/: every completeness gap of the region, as `kim validate` prints it."""
    found = completeness.gaps(ctx.data)
    model = {
        "empty": ctx.t("quality.none") if not found else None,
        "lead": ctx.tr.plural("quality.lead", len(found)) if found else None,
        "gaps": [{"subject": gap.subject, "message": gap.message, "where": gap.where()}
                 for gap in found],
    }
    return ctx.block("kim-quality", render("legal/quality.html", **model))
