"""/glossar/: the official terms the pages use, explained in the reader's language, each with
its German original and the law or public source it rests on (macros/glossary.yml)."""

from __future__ import annotations

from markupsafe import Markup

from .. import glossary
from ..context import PageContext
from ..i18n import DEFAULT_LANGUAGE
from ..views import render


def term_linker(ctx: PageContext) -> glossary.TermLinker:
    """A linker for one page: the first use of each term links to its glossary entry."""
    return glossary.TermLinker(ctx.lang.code, ctx.href(glossary.GLOSSARY_URL))


def _term_model(ctx: PageContext, term) -> dict:
    shown = ctx.tr.plain(term.name)
    return {"id": glossary.anchor(term), "name": ctx.tr.text(term.name),
            # The German original beside the translation (not twice where German is shown).
            "german": term.name.de if shown != term.name.de else None,
            "explanation": ctx.tr.text(term.explanation), "sources": term.sources}


def glossary_page(ctx: PageContext) -> Markup:
    model = {"terms": [_term_model(ctx, term) for term in glossary.terms()],
             "sources_label": ctx.t("glossary.sources"),
             "german_sources": ctx.lang.code != DEFAULT_LANGUAGE}
    return ctx.block("kim-glossary", render("glossary/page.html", **model))
