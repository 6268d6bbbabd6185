"""Blocks of the legal pages (imprint, privacy, accessibility) and the data-quality page.

The website's provider and its accessibility contact come from region.yml ``site:``; where the
region has not entered them, the block says so instead of naming some other body (the KI's
contact line in a concept is not the website's provider).
"""

from __future__ import annotations

from markupsafe import Markup

from .. import completeness
from ..context import PageContext
from ..html import join, tag
from ..schema import SiteContact
from .parts import tel_href


def _address(ctx: PageContext, entry: SiteContact) -> Markup:
    lines: list[Markup | str] = [tag("strong", entry.name)]
    if entry.address:
        lines += [tag("span", entry.address.street, dir="ltr"),
                  tag("span", f"{entry.address.postal_code} {entry.address.locality}",
                      dir="ltr")]
    contact = entry.contact
    if contact and contact.phone:
        lines.append(join([ctx.t("contact.phone"),
                           tag("a", contact.phone, href=tel_href(contact.phone),
                               dir="ltr")], ": "))
    if contact and contact.email:
        lines.append(join([ctx.t("contact.email"),
                           tag("a", contact.email, href=f"mailto:{contact.email}",
                               dir="ltr")], ": "))
    if contact and contact.website:
        lines.append(join([ctx.t("contact.website"),
                           tag("a", contact.website, href=contact.website,
                               dir="ltr")], ": "))
    return tag("address", join(lines, Markup("<br>\n")))


def _missing(ctx: PageContext, key: str) -> Markup:
    link = tag("a", ctx.t("quality.title"), href=ctx.href("datenqualitaet/"))
    return tag("p", join([ctx.t(key), link], " "), class_="kim-missing", role="note")


def site_provider(ctx: PageContext) -> Markup:
    """The website's provider (imprint, controller of the website), or that it is missing."""
    site = ctx.data.region.site
    if site is None or site.provider is None:
        return ctx.block("kim-contact", _missing(ctx, "legal.provider_missing"))
    return ctx.block("kim-contact", _address(ctx, site.provider))


def accessibility_contact(ctx: PageContext) -> Markup:
    """Where readers report barriers, or that the region has not said so yet."""
    site = ctx.data.region.site
    if site is None or site.accessibility_contact is None:
        return ctx.block("kim-contact", _missing(ctx, "legal.accessibility_missing"))
    return ctx.block("kim-contact", _address(ctx, site.accessibility_contact))


def data_quality(ctx: PageContext) -> Markup:
    """/datenqualitaet/: every completeness gap of the region, as `kim validate` prints it."""
    found = completeness.gaps(ctx.data)
    if not found:
        return ctx.block("kim-quality", tag("p", ctx.t("quality.none")))
    items = [tag("li", join([tag("p", join([tag("strong", gap.subject), gap.message], ": ")),
                             tag("p", tag("code", gap.where()), class_="kim-source")]))
             for gap in found]
    return ctx.block("kim-quality", tag("p", ctx.t("quality.lead", count=len(found))),
                     tag("ul", join(items)))
