"""Which pages exist: hand-written template pages, the navigation, and generated record pages.

Only the pages listed in TEMPLATE_PAGES may call macros (``render_macros: true``); every other
Markdown page is plain prose, and a check refuses template syntax in it (see macros.doccheck).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from markupsafe import escape

from ..i18n import Translator
from ..loader import Dataset
from . import offers
from .papers import paper_label

# Hand-written pages (in docs/<lang>/ or a region's <data>/pages/<lang>/) that are rendered
# as templates.
TEMPLATE_PAGES = frozenset({
    "index.md",
    "angebote/index.md",
    "fallmanagement.md",
    "bausteine/index.md",
    "lenkungsgruppe.md",
    "projektgruppen.md",
    "beschluesse/index.md",
    "kommunen.md",
    "quellen.md",
    "impressum.md",
    "datenschutz.md",
    "barrierefreiheit.md",
    "daten.md",
    "finanzierung/index.md",
    "finanzierung/pruefhinweise.md",
    "redaktion/uebersetzungen.md",
    "datenqualitaet.md",
})

# The sidebar: (page, catalogue key of its title, children). Record pages stay out of it.
NAV: tuple[tuple[str, str], ...] = (
    ("index.md", "nav.home"),
    ("angebote/index.md", "nav.offers"),
    ("fallmanagement.md", "nav.casemanagement"),
    ("bausteine/index.md", "nav.modules"),
    ("lenkungsgruppe.md", "nav.steering"),
    ("projektgruppen.md", "nav.groups"),
    ("beschluesse/index.md", "nav.papers"),
    ("finanzierung/index.md", "nav.funding"),
    ("kommunen.md", "nav.municipalities"),
    ("quellen.md", "nav.sources"),
    ("daten.md", "nav.opendata"),
    ("impressum.md", "nav.imprint"),
    ("datenschutz.md", "nav.privacy"),
    ("barrierefreiheit.md", "nav.accessibility"),
)

# Titles of pages outside the sidebar that need one in every language (catalogue keys).
TITLES: dict[str, str] = {"redaktion/uebersetzungen.md": "page.translations",
                          "datenqualitaet.md": "quality.title",
                          "finanzierung/pruefhinweise.md": "checks.title"}

# gitignore-style patterns (MkDocs' not_in_nav) for generated record pages.
NOT_IN_NAV = "\n".join([
    "/bausteine/*.md", "!/bausteine/index.md",
    "/beschluesse/*.md", "!/beschluesse/index.md",
    "/angebote/*", "!/angebote/index.md",
    "/finanzierung/*.md", "!/finanzierung/index.md",
    "/datenqualitaet.md",  # linked from the sources page and the legal pages
    "/redaktion/",  # pages for editors: linked from EDITING.md, not from the reader's menu
])


@dataclass(frozen=True)
class GeneratedPage:
    path: str  # inside the language's docs folder, e.g. "bausteine/1.md"
    title: str  # plain text; escaped when written
    macro: str  # the one macro call that renders the page, e.g. "module_page(1)"
    meta: dict = field(default_factory=dict)  # further front matter, e.g. {"kim_scripts": [...]}


def nav(tr: Translator) -> list[dict[str, str]]:
    # Markup: Material writes nav titles unescaped.
    return [{escape(tr.t(key).striptags()): path} for path, key in NAV]


def generated_pages(data: Dataset, tr: Translator) -> list[GeneratedPage]:
    pages = [
        GeneratedPage(f"bausteine/{m.number}.md",
                      f"{tr.t('module.title', number=m.number).striptags()}: {tr.plain(m.title)}",
                      f"module_page({m.number})")
        for m in data.modules
    ]
    pages += [
        GeneratedPage(f"beschluesse/{p.id}.md",
                      f"{paper_label(tr.t, p).striptags()}: {tr.plain(p.name)}",
                      f"paper_page('{p.id}')")
        for p in data.papers.values()
    ]
    pages += _offer_pages(data, tr)
    pages += [
        GeneratedPage(f"finanzierung/baustein-{m.number}.md",
                      f"{tr.t('funding.module_page', number=m.number).striptags()}: {tr.plain(m.title)}",
                      f"funding_module({m.number})")
        for m in data.modules
    ]
    return pages


def _offer_pages(data: Dataset, tr: Translator) -> list[GeneratedPage]:
    """One page per offer (same slug in every language) and the browse pages per topic/town."""
    pages = []
    for offer in data.offers.values():
        has_hours = any(s.weekly and not s.appointment_only for s in offer.schedules)
        # The summary is what a search engine shows under the offer; Material writes the
        # description into the page head without escaping, so it is escaped here.
        meta: dict = {"description": str(escape(tr.plain(offer.summary)))}
        if has_hours:
            meta["kim_scripts"] = ["hours"]
        pages.append(GeneratedPage(f"angebote/{offer.id}.md", tr.plain(offer.name),
                                   f"offer_page('{offer.id}')", meta))
    for kind, keys, listed, label in (
        ("thema", offers.used_topics(data), offers.topic_offers,
         lambda k: offers.topic_label(tr, k).striptags()),
        ("ort", offers.used_towns(data), offers.town_offers,
         lambda k: data.municipalities[k].name),
    ):
        macro = "offers_topic" if kind == "thema" else "offers_town"
        for key in keys:
            total = offers.page_count(len(listed(data, tr, key)))
            for number in range(1, total + 1):
                title = tr.t(f"offers.{kind}.title", name=label(key)).striptags()
                if total > 1:
                    title += f" ({number}/{total})"
                path = offers.browse_url(kind, key, number).rstrip("/") + ".md"
                pages.append(GeneratedPage(path, title, f"{macro}('{key}', {number})"))
    return pages


def generated_files(data: Dataset, tr: Translator) -> list[tuple[str, str]]:
    """Data files written beside the pages of one language: (path in docs, text)."""
    if not data.offers:
        return []
    return [(f"angebote/{offers.JSON_FILE}", offers.offers_json(data, tr))]
