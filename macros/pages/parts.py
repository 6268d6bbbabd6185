"""View-models shared by several page types (the partials in macros/templates/partials/)."""

from __future__ import annotations

from markupsafe import Markup

from ..context import PageContext
from ..schema import Source
from ..views import render


def source_model(ctx: PageContext, source: Source | None) -> dict | None:
    """What partials/source.html shows: the document's publisher and reference (or its title),
    linking to its entry on the sources page, and the section where one is given."""
    if source is None:
        return None
    document = ctx.data.documents[source.document]
    name = f"{document.publisher}, {document.reference}" if document.reference else document.title
    return {"label": ctx.t("source"), "href": ctx.link("sources", anchor=document.id), "name": name,
            "section": source.section or None}


def source_html(ctx: PageContext, source: Source | None) -> Markup:
    """partials/source.html on its own, for a table cell."""
    return render("partials/source.html", source=source_model(ctx, source))


def tel_href(phone: str) -> str:
    """'02307 9248872' -> 'tel:+4923079248872' (German numbers; '+' numbers kept)."""
    digits = "".join(ch for ch in phone if ch.isdigit() or ch == "+")
    if digits.startswith("+"):
        return f"tel:{digits}"
    if digits.startswith("0"):
        return f"tel:+49{digits[1:]}"
    return f"tel:{digits}"
