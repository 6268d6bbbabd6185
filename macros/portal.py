"""The macros that template pages may call, bound to one dataset and one language.

Each macro builds a PageContext for the page being rendered and hands it to a page builder in
macros.pages; it returns escaped HTML. Nothing here evaluates data as a template.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from markupsafe import Markup

from .context import PageContext
from .i18n import DEFAULT_LANGUAGE, Language, language
from .loader import Dataset, load
from .pages import (bodies, casemanagement, editorial, funding, home, legal, modules,
                    municipalities, offers, opendata, papers)

# name in templates -> page builder; each builder takes a PageContext and the macro's arguments.
MACROS: dict[str, Callable[..., Markup]] = {
    "region_name": home.region_name,
    "entry_points": home.entry_points,
    "ki_contact": home.ki_contact,
    "sources_list": home.sources_list,
    "module_list": modules.module_list,
    "module_page": modules.module_page,
    "steering_group": bodies.steering_group,
    "project_groups": bodies.project_groups,
    "papers_overview": papers.papers_overview,
    "paper_page": papers.paper_page,
    "population_table": municipalities.population_table,
    "open_data": opendata.open_data,
    "offers_overview": offers.offers_overview,
    "offers_topic": offers.offers_topic,
    "offers_town": offers.offers_town,
    "offer_page": offers.offer_page,
    "case_management": casemanagement.case_management,
    "funding_overview": funding.funding_overview,
    "funding_module": funding.funding_module,
    "funding_checks": funding.funding_checks,
    "translation_report": editorial.translation_report,
    "site_provider": legal.site_provider,
    "accessibility_contact": legal.accessibility_contact,
    "data_quality": legal.data_quality,
}


_loaded: dict[Path, Dataset] = {}

# (language, page source path) of pages whose macros showed unreviewed or outdated translations;
# the theme hook reads it to put one notice at the top of the page (macros run before it).
MACHINE_PAGES: set[tuple[str, str]] = set()


def load_cached(data_dir: Path) -> Dataset:
    """One validated dataset per folder and process: the per-language builds share it."""
    key = data_dir.resolve()
    if key not in _loaded:
        _loaded[key] = load(key)
    return _loaded[key]


def forget(data_dir: Path) -> None:
    """Drop a folder's dataset, so that the next build reads the edited files."""
    _loaded.pop(data_dir.resolve(), None)


class Portal:
    """Renders page builders for the page that mkdocs-macros is rendering right now."""

    def __init__(self, data: Dataset, lang: Language, page: Callable[[], tuple[str, str]],
                 fallback_pages: frozenset[str] = frozenset(), site_url: str = "") -> None:
        self.data = data
        self.site_url = site_url
        self.lang = lang
        self._page = page
        self._fallback_pages = fallback_pages

    def context(self) -> PageContext:
        url, src = self._page()
        # A page shown in German for want of a translation is German throughout, data included.
        lang = language(DEFAULT_LANGUAGE) if src in self._fallback_pages else self.lang
        return PageContext(self.data, lang, url=url, build_path=self.lang.path,
                           site_url=self.site_url)

    def render(self, builder: Callable[..., Markup], *args: object) -> str:
        ctx = self.context()
        html = str(builder(ctx, *args))
        if ctx.tr.machine:
            MACHINE_PAGES.add((self.lang.code, self._page()[1]))
        return html
