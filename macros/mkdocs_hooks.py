"""MkDocs hooks (listed under ``hooks:`` in mkdocs.yml): per-page language facts for templates.

Loaded by MkDocs from its file path, so imports are absolute.
"""

from __future__ import annotations

from typing import Any

from macros.chrome import page_chrome
from macros.portal import MACHINE_PAGES


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
    return context


def on_template_context(context: dict[str, Any], template_name: str, config: Any) -> dict[str, Any]:
    """Theme pages without a Markdown page (404.html): switch languages at their start page."""
    kim = config["extra"]["kim"]
    context["kim_page"] = page_chrome(
        lang_code=kim["lang"], page_url="", src_path="", fallback_pages={},
        root_url=kim.get("root_url", ""),
    )
    return context
