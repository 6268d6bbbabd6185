"""KimPlugin: the MkDocs plugin that owns one language build's state.

``macros.engine.run`` creates one KimPlugin per language build, from the build's typed context
(``macros.languagebuild.LanguageBuild``), and registers it on the build's configuration; nothing
about a build lives in a module global, so two builds in one process share nothing. The plugin

- checks every hand-written page again before mkdocs-macros renders it (``on_page_markdown`` at
  a higher event priority than mkdocs-macros; see CONTRIBUTING.md "Safety");
- adds the record pages (offers, modules, papers, browse pages ...) in memory (``on_files``):
  a ``RecordPage`` has no source file and skips Markdown and mkdocs-macros; its content is the
  view's escaped HTML;
- gives the theme what it shows around a page (language switcher, alternates, translation
  notices, CSP, search strings) and reports each rendered page to the build (search index);
- renders the sidebar of record pages once per URL folder and reuses it (``NavSlot``).
"""

from __future__ import annotations

import functools
import re
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import jinja2
from markupsafe import escape
from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel, file_sort_key
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc

from ..chrome import PageChrome, page_chrome, print_label
from ..doccheck import PageRefused, check_text
from ..errorreport import record_id, report_link
from ..languagebuild import LanguageBuild, RenderedPage
from ..pages.registry import MACROS, GeneratedPage
from ..portal import Portal
from .frame import Frames, Parts, frameable, sentinel_page

# Material's page template; record pages use RECORD_TEMPLATE, which writes what the plugin
# rendered (overrides/record.html).
THEME_TEMPLATE = "main.html"
RECORD_TEMPLATE = "record.html"
# Page meta that are parts of a record page, not of its shape (macros/engine/frame.py).
PARTS_META = ("title", "description")

# Macro output that Markdown takes as a block of raw HTML; other output stays inline text.
BLOCK_START = re.compile(r"\s*<(?:div|section|table|ul|ol|dl|p|h[1-6]|nav|form|figure|details|"
                         r"aside|article|blockquote|pre|header|footer|template|script)[\s>]")

# Above mkdocs-macros' default priority (0): MkDocs runs higher priorities first.
CHECK_PRIORITY = 100


class CompiledTemplates(jinja2.BytecodeCache):
    """The theme's templates compiled once per process, not once per language build.

    MkDocs gives each language build a Jinja environment of its own, and each compiled all of
    Material's templates again (about 0.1 CPU s per language). Jinja keys a template by its file
    and checks its source's checksum, so a changed template is compiled anew (the preview)."""

    def __init__(self) -> None:
        self._code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        code = self._code.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self._code[bucket.key] = bucket.bytecode_to_string()


# A cache, not state: what it holds is fixed by the templates' sources.
THEME_TEMPLATES = CompiledTemplates()


class KimConfig(base.Config):
    """The plugin's own settings, validated by MkDocs (set by macros.engine.run)."""

    lang = c.Type(str)  # BCP 47 code of the language built
    dir = c.Choice(("ltr", "rtl"))  # its writing direction
    root_url = c.Type(str)  # the site's absolute root URL (German), ending in "/"


@dataclass(frozen=True)
class ThemeLanguage:
    """What overrides/partials/language.html needs: our language tag, direction, strings."""

    lang: str
    dir: str
    material_strings: dict[str, str]


class RecordPage(Page):
    """A record page held in memory: meta from the record, content the view's HTML.

    No source file, no Markdown conversion, no mkdocs-macros: ``read_source`` and ``render``
    take the record's data directly."""

    def __init__(self, record: GeneratedPage, file: File, config: Any,
                 render: Callable[[RecordPage], str]) -> None:
        super().__init__(None, file, config)
        self.record = record
        self._render = render

    def read_source(self, config: Any) -> None:
        # Material writes the title and the description unescaped: both are escaped here.
        self.meta = {"title": str(escape(self.record.title)), **self.record.meta,
                     "template": RECORD_TEMPLATE}
        self.markdown = ""

    def render(self, config: Any, files: Any) -> None:
        # MkDocs renders every page before it writes the first one; a record page's HTML is
        # made only when the page is built (``KimPlugin.on_page_context``) and dropped once it
        # is written, so a build never holds all record pages' HTML at once.
        self.content = ""
        self.toc = get_toc([])

    def render_now(self) -> None:
        self.content = self._render(self)


class NavSlot:
    """The sidebar of the record pages in one URL folder, rendered once and then reused.

    No record page is in the nav and every nav link is relative to the page's folder, so the
    sidebar is the same on each record page of a language in the same folder (all offer pages
    share one; overrides/main.html, site_nav)."""

    def __init__(self) -> None:
        self.html: str | None = None

    def keep(self, html: str) -> str:
        self.html = html
        return html


def _not_on_records(handler: Callable[..., Any]) -> Callable[..., Any]:
    """Another plugin's page_markdown handler (mkdocs-macros'), skipped on record pages."""

    @functools.wraps(handler)
    def skip(markdown: str, **kwargs: Any) -> str:
        if isinstance(kwargs.get("page"), RecordPage):
            return markdown
        return handler(markdown, **kwargs)

    return skip


class KimPlugin(BasePlugin[KimConfig]):
    """One language build's state and events (see the module's docstring)."""

    def __init__(self, build: LanguageBuild) -> None:
        self.build = build
        self._page: tuple[str, str] = ("", "")  # URL and source path of the page being built
        # One Portal per build: mkdocs-macros' template pages and the record pages render
        # through it, and it remembers which pages showed machine translations.
        self.portal = Portal(build.data, build.lang, page=lambda: self._page,
                             fallback_pages=build.fallback_pages, site_url=build.site_url)
        self.theme = ThemeLanguage(build.lang.code, build.lang.dir, build.material_strings)
        self._nav: dict[str, NavSlot] = {}
        self._env: Any = None  # the theme's Jinja environment (on_env)
        self._frames = Frames()
        self._chrome: dict[object, PageChrome] = {}  # by record page shape (its fallback flag)
        # Macro output waiting for its page's Markdown to be converted (see ``macro``); the
        # nonce makes the placeholders unguessable for a page's own text.
        self._held: dict[str, str] = {}
        self._key = f"<!--kim-{secrets.token_hex(8)}-"
        self._placeholder = re.compile(re.escape(self._key) + "[0-9]+-->")

    # --- configuration and files ---------------------------------------------------------------

    def on_config(self, config: Any) -> Any:
        handlers = config.plugins.events["page_markdown"]
        config.plugins.events["page_markdown"] = [
            handler if getattr(handler, "__self__", None) is self else _not_on_records(handler)
            for handler in handlers]
        return config

    def on_files(self, files: Files, config: Any) -> Files:
        for path, text in self.build.files:
            files.append(File.generated(config, path, content=text))
        for record in self.build.records:
            file = File.generated(config, record.path, content="",
                                  inclusion=InclusionLevel.NOT_IN_NAV)
            files.append(file)
            RecordPage(record, file, config, self._render_record)  # becomes file.page
        # The order MkDocs reads a docs folder in (index first, folders after files), so the
        # pages are built, and reported to the search index, as if they had been files.
        return Files(sorted(files, key=file_sort_key))

    def _render_record(self, page: RecordPage) -> str:
        return self.portal.render(MACROS[page.record.view], *page.record.args)

    def macro(self, builder: Callable[..., Any], *args: object) -> str:
        """A macro called on a template page (mkdocs-macros): the view's HTML is held back and
        Markdown sees an HTML comment in its place, put back in ``on_page_content``.

        The HTML is escaped and final already; Markdown would only parse it again with
        html.parser (slow for the large views: the translation status page lists every offer)
        and could read data text in it as Markdown."""
        html = self.portal.render(builder, *args)
        if not BLOCK_START.match(html):
            return html  # inline (a name in a heading): part of the heading's text and anchor
        key = f"{self._key}{len(self._held)}-->"
        self._held[key] = html
        return key

    # --- pages ---------------------------------------------------------------------------------

    def _now_on(self, page: Page) -> None:
        """Views render for ``page`` from now on (the Portal asks ``self._page``). MkDocs reads
        every page before it builds the first, and a record page renders when it is built."""
        self._page = (page.url, page.file.src_uri)

    def on_pre_page(self, page: Page, config: Any, files: Files) -> Page:
        self._now_on(page)
        return page

    @event_priority(CHECK_PRIORITY)
    def on_page_markdown(self, markdown: str, page: Page, config: Any, files: Files) -> str:
        """Every hand-written page is checked again, with the same function as before the
        build, before mkdocs-macros sees it; its title is escaped for the theme."""
        if isinstance(page, RecordPage):
            return markdown
        rel = page.file.src_uri
        source = page.file.content_string
        if not source.strip():  # an empty page (the preview's stubs) has nothing to check
            return markdown
        problems = check_text(source, rel, f"{self.build.lang.code}/{rel}")
        if problems:
            raise PageRefused("\n".join(str(p) for p in problems))
        if "title" in page.meta:
            page.meta["title"] = escape(str(page.meta["title"]))
        return markdown

    def on_page_content(self, html: str, page: Page, config: Any, files: Files) -> str:
        if not self._held:
            return html
        held, self._held = self._held, {}
        html = self._placeholder.sub(lambda found: held.pop(found.group(0), found.group(0)), html)
        if held:  # e.g. a macro call inside a code span: its output would be lost
            raise PageRefused(f"{page.file.src_uri}: Makro-Ausgabe ging in Markdown verloren "
                              "(Makroaufruf in Code oder HTML-Kommentar?)")
        return html

    def _shared(self, context: dict[str, Any]) -> None:
        context["kim_csp"] = self.build.csp
        context["kim_strings"] = self.build.search_strings
        context["kim_theme"] = self.theme

    def _nav_slot(self, page: Page) -> NavSlot | None:
        if not isinstance(page, RecordPage):
            return None
        # "angebote/go-in/" -> "angebote": the folder the nav's relative links start from.
        return self._nav.setdefault(page.url.rstrip("/").rpartition("/")[0], NavSlot())

    def _theme_context(self, context: dict[str, Any], page: Page, charts: bool,
                       record: str | None) -> PageChrome:
        """What the theme shows around ``page`` (a record page's sentinel copy, too)."""
        build = self.build
        src = page.file.src_uri
        context["kim_page"] = chrome = page_chrome(
            lang_code=build.lang.code, page_url=page.url, src_path=src,
            fallback_pages=build.fallback_by_lang, root_url=build.root_url, meta=page.meta,
            data_machine=src in self.portal.machine_pages,
            german_page=build.german_pages.get(src))
        # plotly.js and the chart script are loaded only on pages that embed chart data.
        context["kim_charts"] = charts
        if charts:
            context["kim_print_label"] = print_label(build.lang.code,
                                                     page.canonical_url or page.url)
        context["kim_nav"] = self._nav_slot(page)
        # "Fehler melden" (macros/errorreport.py): None where the region names no address.
        context["kim_report"] = report_link(self.portal.data, build.lang.code, page.url,
                                            page.canonical_url or "", record)
        self._shared(context)
        return chrome

    def on_env(self, env: Any, config: Any, files: Files) -> Any:
        env.bytecode_cache = THEME_TEMPLATES
        self._env = env
        return env

    def on_page_context(self, context: dict[str, Any], page: Page, config: Any,
                        nav: Any) -> dict[str, Any]:
        if isinstance(page, RecordPage):
            return self._record_context(context, page, config)
        charts = 'class="kim-chart-data"' in (page.content or "")
        chrome = self._theme_context(context, page, charts,
                                     record_id(self.portal.data, page.url))
        self.build.on_page(RenderedPage(title=page.title or "", url=page.url,
                                        html=page.content or "", view=None,
                                        fallback=bool(chrome.fallback)))
        return context

    def _record_context(self, context: dict[str, Any], page: RecordPage,
                        config: Any) -> dict[str, Any]:
        """A record page is rendered here, whole or in its shape's frame (``frame``); the
        theme's record.html only writes ``kim_html``."""
        build = self.build
        src = page.file.src_uri
        self._now_on(page)
        page.render_now()
        content = page.content or ""
        charts = 'class="kim-chart-data"' in content
        folder, _, slug = page.url.rstrip("/").rpartition("/")
        record = record_id(self.portal.data, page.url)
        meta = page.meta
        parts = Parts(slug=slug, title=str(meta.get("title") or ""),
                      description=str(meta.get("description") or ""), content=content)
        template = self._env.get_template(THEME_TEMPLATE)
        fallback_in = tuple(code for code, pages in build.fallback_by_lang.items()
                            if src in pages)
        shape = (folder, page.url.endswith("/"), fallback_in, src in self.portal.machine_pages,
                 build.german_pages.get(src), charts, "<h1" in content, bool(parts.description),
                 "slug" if record == slug else record,
                 repr(sorted((k, v) for k, v in meta.items() if k not in PARTS_META)))

        def render(marks: Parts | None) -> str:
            if marks is None:
                self._chrome[shape] = self._theme_context(context, page, charts, record)
                return template.render(context)
            copy = sentinel_page(page, marks, config.site_url)
            sentinel_context = dict(context, page=copy)
            self._chrome[shape] = self._theme_context(
                sentinel_context, copy, charts, marks.slug if record == slug else record)
            return template.render(sentinel_context)

        if frameable(parts, page.edit_url is not None) and page.url.endswith("/"):
            context["kim_html"] = self._frames.html(shape, parts, render)
        else:
            context["kim_html"] = render(None)
        build.on_page(RenderedPage(title=page.title or "", url=page.url, html=content,
                                   view=page.record.view,
                                   fallback=bool(self._chrome[shape].fallback),
                                   args=page.record.args))
        return context

    def on_template_context(self, context: dict[str, Any], template_name: str,
                            config: Any) -> dict[str, Any]:
        """Theme pages without a Markdown page (404.html): switch languages at their start."""
        context["kim_page"] = page_chrome(
            lang_code=self.build.lang.code, page_url="", src_path="", fallback_pages={},
            root_url=self.build.root_url)
        context["kim_nav"] = None
        context["kim_report"] = None
        self._shared(context)
        return context

    def on_post_page(self, output: str, page: Page, config: Any) -> str:
        """MkDocs keeps every page until the build ends; a written record page needs nothing
        (its HTML is made again if it were ever built twice)."""
        if isinstance(page, RecordPage):
            page.content = None
            page.markdown = None
        return output
