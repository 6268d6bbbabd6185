"""MkDocs hooks (listed under ``hooks:`` in mkdocs.yml): per-page language facts for templates,
the Content-Security-Policy, and our own per-language search index.

Loaded by MkDocs from its file path, so imports are absolute. ``kim build`` runs one MkDocs build
per language; each build starts with ``on_pre_build``, which empties the collected index records.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

from macros import search_index
from macros.chrome import page_chrome
from macros.datasets import load_cached
from macros.errorreport import report_link
from macros.formatting import day
from macros.i18n import Translator, language
from macros.portal import MACHINE_PAGES
from macros.security import CONTENT_SECURITY_POLICY

_entries: list[search_index.Entry] = []

# Interface strings search.js shows, handed over in data-* attributes (no inline script).
SEARCH_STRINGS = ("search.label", "search.prompt", "search.loading", "search.none",
                  "search.one", "search.many", "search.failed", "header.menu")


def search_strings(lang_code: str) -> dict[str, str]:
    tr = Translator(language(lang_code))
    return {key: str(tr.t(key).striptags()) if key != "search.many" else
            str(tr.t(key, count="{count}").striptags()) for key in SEARCH_STRINGS}


def _shared(context: dict[str, Any], kim: dict[str, Any]) -> None:
    context["kim_csp"] = CONTENT_SECURITY_POLICY
    context["kim_strings"] = search_strings(kim["lang"])


def on_pre_build(config: Any) -> None:
    _entries.clear()


def print_label(lang_code: str, url: str) -> str:
    """A printed funding page says when it was made and where it lives (council handouts)."""
    import datetime as dt
    import os

    lang = language(lang_code)
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    today = (dt.datetime.fromtimestamp(int(epoch), dt.UTC) if epoch
             else dt.datetime.now(dt.UTC)).date()
    return Translator(lang).t("print.meta", date=day(today, lang.babel), url=url)


def on_page_context(context: dict[str, Any], page: Any, config: Any, nav: Any) -> dict[str, Any]:
    kim = config["extra"]["kim"]
    context["kim_page"] = page_chrome(
        lang_code=kim["lang"],
        page_url=page.url,
        src_path=page.file.src_uri,
        fallback_pages=kim.get("fallback_by_lang", {}),
        root_url=kim.get("root_url", ""),
        meta=page.meta,
        data_machine=(kim["lang"], page.file.src_uri) in MACHINE_PAGES,
        german_page=(Path(kim["german_pages"][page.file.src_uri])
                     if page.file.src_uri in kim.get("german_pages", {}) else None),
    )
    # plotly.js and the chart script are loaded only on pages that embed chart data.
    context["kim_charts"] = 'class="kim-chart-data"' in (page.content or "")
    if context["kim_charts"]:
        context["kim_print_label"] = print_label(kim["lang"], page.canonical_url or page.url)
    _shared(context, kim)
    context["kim_report"] = report_link(load_cached(Path(kim["data_dir"])), kim["lang"],
                                        page.url, page.canonical_url or "")
    if not context["kim_page"].fallback:
        _entries.append(search_index.entry(page.title or "", page.url, page.content or ""))
    return context


def on_template_context(context: dict[str, Any], template_name: str, config: Any) -> dict[str, Any]:
    """Theme pages without a Markdown page (404.html): switch languages at their start page."""
    kim = config["extra"]["kim"]
    context["kim_page"] = page_chrome(
        lang_code=kim["lang"], page_url="", src_path="", fallback_pages={},
        root_url=kim.get("root_url", ""),
    )
    _shared(context, kim)
    return context


# Theme files no page references any more (Material's JS bundle, lunr search worker, palette
# CSS): removed from the built site so nobody serves or audits dead weight.
UNUSED_THEME_FILES = ("assets/javascripts/bundle.*", "assets/javascripts/lunr",
                      "assets/javascripts/workers", "assets/stylesheets/palette.*")


def on_post_build(config: Any) -> None:
    site = Path(config["site_dir"])
    lang = language(config["extra"]["kim"]["lang"])
    search_index.write(site, lang.code, lang.dir, list(_entries))
    for pattern in UNUSED_THEME_FILES:
        for path in site.glob(pattern):
            if path.is_dir():
                shutil.rmtree(path)
            else:
                path.unlink()
    javascripts = site / "assets" / "javascripts"
    if javascripts.is_dir() and not any(javascripts.iterdir()):
        javascripts.rmdir()
