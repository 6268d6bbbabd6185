"""What one language's engine run is given: a typed build context, computed by macros/build.py.

Data flows downwards: the build computes everything a language needs (dataset, language,
folders, nav, fallbacks, record pages, generated files) into a LanguageBuild and hands it to the
engine (macros/engine/), which renders it and reports each rendered page back through
``on_page``. Nothing here imports the engine; nothing is kept between builds.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from markupsafe import Markup

from .i18n import Language
from .loader import Dataset
from .pages.registry import GeneratedPage


@dataclass(frozen=True)
class RenderedPage:
    """A page as the engine rendered it, reported through ``LanguageBuild.on_page``."""

    title: str
    url: str  # relative to the language's root, "angebote/go-in/"
    html: str  # the article's HTML
    view: str | None  # the record view of a generated page ("offer_page"), None: hand-written
    fallback: bool  # shown in German for want of a translation
    args: tuple[object, ...] = ()  # the record's key (the offer's id), () for a hand-written page


def _ignore_page(page: RenderedPage) -> None:
    return None


@dataclass
class LanguageBuild:
    data: Dataset
    lang: Language
    docs_dir: Path  # hand-written pages and the files beside them (assembled by build.write_docs)
    site_dir: Path  # where this language's site is written
    root_url: str  # the site's absolute root URL, ending in "/"
    site_name: Markup  # escaped: the theme writes it unescaped in places
    site_description: str  # escaped text
    nav: list[dict[str, str]]  # the sidebar: {escaped title: page}
    not_in_nav: str  # gitignore-style patterns of pages outside the sidebar
    fallback_pages: frozenset[str]  # this language's pages shown in German
    fallback_by_lang: dict[str, list[str]]  # every language's (for the switcher and hreflang)
    german_pages: dict[str, Path]  # German original of each hand-written page
    material_strings: dict[str, str]  # Material's interface strings from our catalogue
    search_strings: dict[str, str]  # search.js's interface strings
    csp: str  # the Content-Security-Policy of every page
    records: list[GeneratedPage] = field(default_factory=list)  # record pages, in memory
    files: list[tuple[str, str]] = field(default_factory=list)  # generated data files (path, text)
    # Called with every page as it is rendered (the search index is made from these).
    on_page: Callable[[RenderedPage], None] = _ignore_page

    @property
    def site_url(self) -> str:
        """This language's absolute URL (German at the root, others at /<path>/)."""
        return self.root_url + (f"{self.lang.path}/" if self.lang.path else "")
