"""MkDocs hooks for generated record pages (listed under ``hooks:`` in mkdocs.yml).

A generated page (macros.pages.registry.generated_pages: one page per offer, module, paper ...)
is a single macro call. Rendering it through Markdown and mkdocs-macros costs a Jinja compile
and a Markdown pass over the whole HTML for every page, for nothing: the builder already returns
finished, escaped HTML. build.write_docs therefore writes such pages with the call in the front
matter (``kim_macro``) and an empty body; these hooks hand Markdown nothing and put the builder's
HTML in as the page content. The call is parsed, never evaluated: a known macro name and literal
arguments only. Loaded by MkDocs from its file path, so imports are absolute.
"""

from __future__ import annotations

import ast
from pathlib import Path
from typing import Any

from macros import portal
from macros.i18n import language

META_KEY = "kim_macro"


def parse_call(call: str) -> tuple[str, tuple[Any, ...]]:
    """``"offer_page('go-in')"`` -> ("offer_page", ("go-in",)); refuses anything else."""
    node = ast.parse(call.strip(), mode="eval").body
    if (not isinstance(node, ast.Call) or not isinstance(node.func, ast.Name)
            or node.func.id not in portal.MACROS or node.keywords):
        raise ValueError(f"not a call of a known macro: {call!r}")
    return node.func.id, tuple(ast.literal_eval(arg) for arg in node.args)


def on_page_markdown(markdown: str, page: Any, config: Any, files: Any) -> str:
    return "" if META_KEY in page.meta else markdown


def on_page_content(html: str, page: Any, config: Any, files: Any) -> str:
    call = page.meta.get(META_KEY)
    if call is None:
        return html
    name, args = parse_call(call)
    kim = config["extra"]["kim"]
    renderer = portal.Portal(portal.load_cached(Path(kim["data_dir"])), language(kim["lang"]),
                             page=lambda: (page.url, page.file.src_uri),
                             fallback_pages=frozenset(kim.get("fallback_pages", [])),
                             site_url=config.get("site_url") or "")
    return renderer.render(portal.MACROS[name], *args)


def on_post_page(output: str, page: Any, config: Any) -> str:
    """MkDocs keeps every page's HTML until the build ends; a written record page needs it no more."""  # noqa: E501
    if META_KEY in page.meta:
        page.content = None
        page.markdown = None
    return output
