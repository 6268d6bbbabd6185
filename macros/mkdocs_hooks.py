"""MkDocs hooks (listed under ``hooks:`` in mkdocs.yml): per-page language facts for templates.

Loaded by MkDocs from its file path, so imports are absolute.
"""

from __future__ import annotations

from typing import Any

from macros.chrome import page_chrome
from macros.formatting import day
from macros.i18n import Translator, language
from macros.portal import MACHINE_PAGES


def print_label(lang_code: str, url: str) -> str:
    """A printed funding page says when it was made and where it lives (council handouts)."""
    import datetime as dt
    import os

    lang = language(lang_code)
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    today = (dt.datetime.fromtimestamp(int(epoch), dt.UTC) if epoch else dt.datetime.now(dt.UTC)).date()
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
    )
    # plotly.js and the chart script are loaded only on pages that embed chart data.
    context["kim_charts"] = 'class="kim-chart-data"' in (page.content or "")
    if context["kim_charts"]:
        context["kim_print_label"] = print_label(kim["lang"], page.canonical_url or page.url)
    return context


def on_template_context(context: dict[str, Any], template_name: str, config: Any) -> dict[str, Any]:
    """Theme pages without a Markdown page (404.html): switch languages at their start page."""
    kim = config["extra"]["kim"]
    context["kim_page"] = page_chrome(
        lang_code=kim["lang"], page_url="", src_path="", fallback_pages={},
        root_url=kim.get("root_url", ""),
    )
    return context
