"""The macros that template pages may call, bound to one dataset and one language.

Each macro builds a PageContext for the page being rendered and hands it to a page builder in
macros.pages; it returns escaped HTML. Nothing here evaluates data as a template.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from .context import PageContext
from .i18n import DEFAULT_LANGUAGE, Language, language
from .loader import Dataset, load
from .pages import bodies, home, modules, municipalities, papers

MACROS = (
    "region_name", "entry_points", "ki_contact", "module_list", "module_page",
    "steering_group", "project_groups", "papers_overview", "paper_page",
    "population_table", "sources_list",
)


_loaded: dict[Path, Dataset] = {}


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
    def __init__(self, data: Dataset, lang: Language, page: Callable[[], tuple[str, str]],
                 fallback_pages: frozenset[str] = frozenset()) -> None:
        self.data = data
        self.lang = lang
        self._page = page
        self._fallback_pages = fallback_pages

    def _ctx(self) -> PageContext:
        url, src = self._page()
        # A page shown in German for want of a translation is German throughout, data included.
        lang = language(DEFAULT_LANGUAGE) if src in self._fallback_pages else self.lang
        return PageContext(self.data, lang, url=url)

    def region_name(self) -> str:
        return str(home.region_name(self._ctx()))

    def entry_points(self) -> str:
        return str(home.entry_points(self._ctx()))

    def ki_contact(self) -> str:
        return str(home.ki_contact(self._ctx()))

    def sources_list(self) -> str:
        return str(home.sources_list(self._ctx()))

    def module_list(self) -> str:
        return str(modules.module_list(self._ctx()))

    def module_page(self, number: int) -> str:
        return str(modules.module_page(self._ctx(), number))

    def steering_group(self) -> str:
        return str(bodies.steering_group(self._ctx()))

    def project_groups(self) -> str:
        return str(bodies.project_groups(self._ctx()))

    def papers_overview(self) -> str:
        return str(papers.papers_overview(self._ctx()))

    def paper_page(self, ident: str) -> str:
        return str(papers.paper_page(self._ctx(), ident))

    def population_table(self) -> str:
        return str(municipalities.population_table(self._ctx()))
