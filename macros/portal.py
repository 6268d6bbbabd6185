"""The macros that template pages may call, bound to one dataset and one language.

The macro table (MACROS) comes from the page-type table (macros/pages/registry.py). Each macro
builds a PageContext for the page being rendered and hands it to a page builder in macros.pages;
it returns escaped HTML. Nothing here evaluates data as a template.
"""

from __future__ import annotations

from collections.abc import Callable

from markupsafe import Markup

from .context import PageContext
from .datasets import forget, load_cached  # noqa: F401 - the build's entry points to the cache
from .i18n import DEFAULT_LANGUAGE, Language, language
from .loader import Dataset
from .pages.registry import MACROS  # noqa: F401 - derived from the page-type table


class Portal:
    """Renders page builders for the page being rendered right now (one Portal per language
    build, owned by the build's engine plugin; nothing is kept between builds)."""

    def __init__(self, data: Dataset, lang: Language, page: Callable[[], tuple[str, str]],
                 fallback_pages: frozenset[str] = frozenset(), site_url: str = "") -> None:
        self.data = data
        self.site_url = site_url
        self.lang = lang
        self._page = page
        self._fallback_pages = fallback_pages
        # Source paths of pages whose views showed unreviewed or outdated translations: the
        # theme puts one notice at the top of such a page (views run before the theme).
        self.machine_pages: set[str] = set()

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
            self.machine_pages.add(self._page()[1])
        return html
