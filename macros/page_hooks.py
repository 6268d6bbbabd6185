"""MkDocs hooks for hand-written pages (listed under ``hooks:`` in mkdocs.yml).

Every page MkDocs reads passes ``on_page_markdown``, whatever its suffix (.md, .markdown, ...)
and whichever folder it came from. Each is checked again here with the same function as before
the build (macros.doccheck.check_text), so no page is rendered that the check has not seen.
mkdocs-macros renders the declared template pages after this hook: ``on_page_markdown`` has a
higher event priority than the macros plugin's, so MkDocs runs the check first, and what
mkdocs-macros sees of a template page is text and calls of registered macros with literal
arguments only. The front matter title reaches Material's templates, which write it unescaped:
it is escaped here.

Loaded by MkDocs from its file path, so imports are absolute.
"""

from __future__ import annotations

from typing import Any

from markupsafe import escape
from mkdocs.plugins import event_priority

from macros.doccheck import PageRefused, check_text
from macros.generated_hooks import META_KEY

# Above mkdocs-macros' default priority (0): MkDocs runs higher priorities first.
CHECK_PRIORITY = 100


@event_priority(CHECK_PRIORITY)
def on_page_markdown(markdown: str, page: Any, config: Any, files: Any) -> str:
    # A generated record page (macros/generated_hooks.py fills it); never one mkdocs-macros renders.
    if META_KEY in page.meta and "render_macros" not in page.meta:
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
    return markdown
