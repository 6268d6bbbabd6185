"""MkDocs hooks for hand-written pages (listed under ``hooks:`` in mkdocs.yml).

Every page MkDocs reads passes ``on_page_markdown``, whatever its suffix (.md, .markdown, ...)
and whichever folder it came from. Each is checked again here with the same function as before
the build (macros.doccheck.check_text), so no page is rendered that the check has not seen. A
declared template page is then put together from its parts: its text, and for each macro call
the registered macro's escaped HTML. No Jinja template is compiled or evaluated. The front
matter title reaches Material's templates, which write it unescaped: it is escaped here.

Loaded by MkDocs from its file path, so imports are absolute.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from markupsafe import escape

from macros import portal
from macros.doccheck import PageRefused, check_text, front_matter, render_template, template_parts
from macros.generated_hooks import META_KEY
from macros.i18n import language
from macros.pages.registry import TEMPLATE_PAGES


def _portal(page: Any, config: Any) -> portal.Portal:
    kim = config["extra"]["kim"]
    return portal.Portal(portal.load_cached(Path(kim["data_dir"])), language(kim["lang"]),
                         page=lambda: (page.url, page.file.src_uri),
                         fallback_pages=frozenset(kim.get("fallback_pages", [])),
                         site_url=config.get("site_url") or "")


def on_page_markdown(markdown: str, page: Any, config: Any, files: Any) -> str:
    if META_KEY in page.meta:  # a generated record page: macros/generated_hooks.py fills it
        return markdown
    rel = page.file.src_uri
    source = page.file.content_string
    if not source.strip():  # an empty page (the preview's stubs) has nothing to check or render
        return markdown
    problems = check_text(source, rel, f"{config['extra']['kim']['lang']}/{rel}")
    if problems:
        raise PageRefused("\n".join(str(p) for p in problems))
    if "title" in page.meta:
        page.meta["title"] = escape(str(page.meta["title"]))
    if rel not in TEMPLATE_PAGES:
        return markdown
    _, offset = front_matter(source)
    renderer = _portal(page, config)
    parts = template_parts(markdown, offset + 1)
    return render_template(parts, lambda call: renderer.render(portal.MACROS[call.name],
                                                               *call.args))
