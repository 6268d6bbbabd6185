"""Which pages exist, declared once: the page-type table ``PAGE_TYPES``.

Each page type names its URL function, where its content comes from (a hand-written template
page in docs/<lang>/ or a region's <data>/pages/<lang>/, or one generated page per record), the
catalogue key of its title, whether the sidebar lists it, its views (the macros its pages call,
each a page builder ``(ctx, *args) -> Markup``) and its scripts. Everything else derives from
the table: the macro table (``MACROS``, what template pages may call and mkdocs-macros
registers), the template pages, the nav, the titles of pages outside it, MkDocs' not_in_nav,
the generated record pages, and the tests' page list (tests/support.PAGE_TYPES). Every URL of
a page comes from ``url``.

Only the template pages may call macros (``render_macros: true``); every other Markdown page is
plain prose, and a check refuses template syntax in it (see macros.doccheck).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from markupsafe import Markup, escape

from .. import offerstore
from ..i18n import Translator
from ..loader import Dataset
from . import (
    bodies,
    casemanagement,
    editorial,
    funding,
    glossary,
    home,
    legal,
    modules,
    municipalities,
    offers,
    opendata,
    papers,
)
from .papers import paper_label

# a hand-written page (docs/<lang>/ or <data>/pages/<lang>/), rendered by mkdocs-macros
TEMPLATE = "template"
# one generated page per record (or per browse page), added in memory by the build
RECORD = "record"

# One page of a record type: its key (the URL function's and the view's arguments), its title
# (plain text; escaped when handed to the theme) and further page meta.
Record = tuple[tuple[object, ...], str, dict]


@dataclass(frozen=True)
class PageType:
    name: str
    url: Callable[..., str]  # key of one page -> its URL inside a language, e.g. "bausteine/2/"
    source: str  # TEMPLATE or RECORD
    title_key: str | None = None  # catalogue key of a template page's title (records: from data)
    in_nav: bool = False  # listed in the sidebar (in the table's order)
    views: dict[str, Callable[..., Markup]] = field(default_factory=dict)  # macro name -> builder
    # overrides/assets/js/<name>.js a record page of the type loads where it needs them (a
    # template page names its scripts in its front matter, kim_scripts).
    scripts: tuple[str, ...] = ()
    # Keys of the pages the tests' page list shows (the same in every region); () for a
    # template page is its one page.
    examples: tuple[tuple[object, ...], ...] = ((),)
    page: str | None = None  # a template page's file inside a language folder, e.g. "impressum.md"
    # A record type's pages: (data, translator) -> (key, title, meta) for each page, in order;
    # the key is the URL function's and the view's arguments, the title plain text, meta further
    # page meta (e.g. {"kim_scripts": [...]}). The build generates exactly these pages.
    records: Callable[[Dataset, Translator], Iterable[Record]] | None = None


def page_url(src_path: str) -> str:
    """'impressum.md' -> 'impressum/', 'bausteine/index.md' -> 'bausteine/', 'index.md' -> ''."""
    stem = src_path.removesuffix(".md")
    if stem == "index":
        return ""
    return stem.removesuffix("/index") + "/"


def _template(name: str, page: str, title_key: str, in_nav: bool = False,
              views: dict[str, Callable[..., Markup]] | None = None) -> PageType:
    """A hand-written template page: ``page`` is its file inside a language folder."""
    return PageType(name, lambda: page_url(page), TEMPLATE, title_key, in_nav, views or {},
                    page=page)


# --- the pages of the record types (the ``records`` column of the table) ----------------------


def _modules(data: Dataset, tr: Translator) -> Iterator[Record]:
    for m in data.modules:
        yield ((m.number,),
               f"{tr.t('module.title', number=m.number).striptags()}: {tr.plain(m.title)}", {})


def _papers(data: Dataset, tr: Translator) -> Iterator[Record]:
    for p in data.papers.values():
        yield (p.id,), f"{paper_label(tr.t, p).striptags()}: {tr.plain(p.name)}", {}


def _offers(data: Dataset, tr: Translator) -> Iterator[Record]:
    """One page per offer, with the same slug in every language."""
    return _offer_records(data, tr, data.offers)


def _offer_records(data: Dataset, tr: Translator, ids: Iterable[str]) -> Iterator[Record]:
    for ident in ids:
        offer = offerstore.brief_of(data.offers, ident)  # no offer is expanded for its title
        has_hours = offer.has_hours
        # The summary is what a search engine shows under the offer; Material writes the
        # description into the page head without escaping, so it is escaped here.
        meta: dict = {"description": str(escape(tr.plain(offer.summary)))}
        if has_hours:  # the opening-hours script: only where there are weekly hours
            meta["kim_scripts"] = list(TYPES["offer"].scripts)
        yield (offer.id,), tr.plain(offer.name), meta


def _browse(kind: str, keys: list[str], count: Callable[[Dataset, str], int],
            label: Callable[[str], str], data: Dataset, tr: Translator) -> Iterator[Record]:
    """The browse pages of the offers by topic ("thema") or town ("ort"), 50 offers a page
    (the counts come from the offers' facets: nothing is expanded here)."""
    for key in keys:
        total = offers.page_count(count(data, key))
        for number in range(1, total + 1):
            title = tr.t(f"offers.{kind}.title", name=label(key)).striptags()
            if total > 1:
                title += f" ({number}/{total})"
            yield (key, number), title, {}


def _topic_pages(data: Dataset, tr: Translator) -> Iterator[Record]:
    return _browse("thema", offers.used_topics(data), offers.topic_count,
                   lambda k: offers.topic_label(tr, k).striptags(), data, tr)


def _town_pages(data: Dataset, tr: Translator) -> Iterator[Record]:
    return _browse("ort", offers.used_towns(data), offers.town_count,
                   lambda k: data.municipalities[k].name, data, tr)


def _funding_modules(data: Dataset, tr: Translator) -> Iterator[Record]:
    for m in data.modules:
        yield ((m.number,), f"{tr.t('funding.module_page', number=m.number).striptags()}: "
                            f"{tr.plain(m.title)}", {})


# The sidebar lists the in_nav types in this order.
PAGE_TYPES: tuple[PageType, ...] = (
    _template("home", "index.md", "nav.home", True,
             {"region_name": home.region_name, "entry_points": home.entry_points,
              "ki_contact": home.ki_contact}),
    _template("offers", "angebote/index.md", "nav.offers", True,
             {"offers_overview": offers.offers_overview}),
    _template("casemanagement", "fallmanagement.md", "nav.casemanagement", True,
             {"case_management": casemanagement.case_management}),
    # Region-neutral: the same terms on every region's site (macros/glossary.yml).
    _template("glossary", "glossar.md", "nav.glossary", True,
             {"glossary": glossary.glossary_page}),
    _template("modules", "bausteine/index.md", "nav.modules", True,
             {"module_list": modules.module_list}),
    _template("steering", "lenkungsgruppe.md", "nav.steering", True,
             {"steering_group": bodies.steering_group}),
    _template("groups", "projektgruppen.md", "nav.groups", True,
             {"project_groups": bodies.project_groups}),
    _template("papers", "beschluesse/index.md", "nav.papers", True,
             {"papers_overview": papers.papers_overview}),
    _template("funding", "finanzierung/index.md", "nav.funding", True,
             {"funding_overview": funding.funding_overview}),
    _template("municipalities", "kommunen.md", "nav.municipalities", True,
             {"population_table": municipalities.population_table}),
    _template("sources", "quellen.md", "nav.sources", True,
             {"sources_list": home.sources_list}),
    _template("opendata", "daten.md", "nav.opendata", True,
             {"open_data": opendata.open_data}),
    _template("imprint", "impressum.md", "nav.imprint", True,
             {"site_provider": legal.site_provider}),
    _template("privacy", "datenschutz.md", "nav.privacy", True),
    _template("accessibility", "barrierefreiheit.md", "nav.accessibility", True,
             {"accessibility_contact": legal.accessibility_contact}),
    # Linked from EDITING.md, the sources page and the legal pages, not from the reader's menu.
    _template("translations", "redaktion/uebersetzungen.md", "page.translations",
             views={"translation_report": editorial.translation_report}),
    _template("quality", "datenqualitaet.md", "quality.title",
             views={"data_quality": legal.data_quality}),
    _template("checks", "finanzierung/pruefhinweise.md", "checks.title",
             views={"funding_checks": funding.funding_checks}),
    # Record pages. Offer and paper ids differ per region: no example in the tests' list.
    PageType("module", lambda number: f"bausteine/{number}/", RECORD,
             views={"module_page": modules.module_page}, examples=((1,), (2,), (3,)),
             records=_modules),
    PageType("paper", lambda ident: f"beschluesse/{ident}/", RECORD,
             views={"paper_page": papers.paper_page}, examples=(), records=_papers),
    PageType("offer", lambda ident: f"angebote/{ident}/", RECORD,
             views={"offer_page": offers.offer_page}, scripts=("hours",), examples=(),
             records=_offers),
    PageType("offers_topic", lambda key, number=1: offers.browse_url("thema", key, number), RECORD,
             views={"offers_topic": offers.offers_topic}, examples=(("beratung",),),
             records=_topic_pages),
    PageType("offers_town", lambda key, number=1: offers.browse_url("ort", key, number), RECORD,
             views={"offers_town": offers.offers_town}, examples=(), records=_town_pages),
    PageType("funding_module", lambda number: f"finanzierung/baustein-{number}/", RECORD,
             views={"funding_module": funding.funding_module}, examples=((1,),),
             records=_funding_modules),
)

TYPES: dict[str, PageType] = {kind.name: kind for kind in PAGE_TYPES}


def url(name: str, *key: object) -> str:
    """The URL (inside a language) of the page of type ``name`` for ``key``."""
    return TYPES[name].url(*key)


def _template_types() -> Iterator[PageType]:
    return (kind for kind in PAGE_TYPES if kind.source == TEMPLATE)


# name in templates -> page builder; each builder takes a PageContext and the macro's arguments.
MACROS: dict[str, Callable[..., Markup]] = {name: view for kind in PAGE_TYPES
                                           for name, view in kind.views.items()}

# Hand-written pages (in docs/<lang>/ or a region's <data>/pages/<lang>/) that are templates.
TEMPLATE_PAGES = frozenset(kind.page for kind in _template_types())

# The sidebar: (page, catalogue key of its title). Record pages stay out of it.
NAV: tuple[tuple[str, str], ...] = tuple((kind.page, kind.title_key)
                                         for kind in _template_types() if kind.in_nav)

# Titles of pages outside the sidebar that need one in every language (catalogue keys).
TITLES: dict[str, str] = {kind.page: kind.title_key for kind in _template_types()
                          if not kind.in_nav}

# gitignore-style patterns (MkDocs' not_in_nav): record pages and template pages outside the nav.
NOT_IN_NAV = "\n".join([
    "/bausteine/*.md", "!/bausteine/index.md",
    "/beschluesse/*.md", "!/beschluesse/index.md",
    "/angebote/*", "!/angebote/index.md",
    "/finanzierung/*.md", "!/finanzierung/index.md",
    *(f"/{path}" for path in TITLES),
])


def example_urls() -> list[str]:
    """One page of every page type (several where the key matters), for the tests' gates."""
    return [kind.url(*key) for kind in PAGE_TYPES for key in kind.examples]


@dataclass(frozen=True)
class GeneratedPage:
    """One record page, held in memory: no file, no Markdown, no template pass."""

    path: str  # inside the language's docs folder, e.g. "bausteine/1.md"
    title: str  # plain text; escaped when handed to the theme
    view: str  # the macro that renders the page, e.g. "module_page"
    args: tuple[object, ...]  # its arguments (the record's key), e.g. (1,)
    meta: dict = field(default_factory=dict)  # further page meta, e.g. {"kim_scripts": [...]}


def _record(kind: PageType, key: tuple[object, ...], title: str, meta: dict) -> GeneratedPage:
    (view,) = kind.views
    return GeneratedPage(kind.url(*key).rstrip("/") + ".md", title, view, key, meta)


def nav(tr: Translator) -> list[dict[str, str]]:
    # Markup: Material writes nav titles unescaped.
    return [{escape(tr.t(key).striptags()): path} for path, key in NAV]


def generated_pages(data: Dataset, tr: Translator) -> list[GeneratedPage]:
    """Every record page of one language, in the table's order (each type's ``records``)."""
    return [_record(kind, key, title, meta) for kind in PAGE_TYPES if kind.records
            for key, title, meta in kind.records(data, tr)]


def offer_pages(data: Dataset, tr: Translator, ids: Iterable[str]) -> list[GeneratedPage]:
    """The pages of the given offers (in the order given): the preview's quick rebuild."""
    kind = TYPES["offer"]
    return [_record(kind, key, title, meta) for key, title, meta in _offer_records(data, tr, ids)]


def generated_files(data: Dataset, tr: Translator) -> list[tuple[str, str]]:
    """Data files written beside the pages of one language: (path in docs, text)."""
    if not data.offers:
        return []
    return [(f"angebote/{offers.JSON_FILE}", offers.offers_json(data, tr))]
