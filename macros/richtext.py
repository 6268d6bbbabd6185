"""Rich text fields: Markdown rendered, then sanitised with an allowlist (nh3/ammonia)."""

from __future__ import annotations

import markdown
import nh3
from markupsafe import Markup

ALLOWED_TAGS = {"p", "br", "strong", "em", "ul", "ol", "li", "a", "h3", "h4", "blockquote", "code"}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}
ALLOWED_SCHEMES = {"https", "mailto", "tel"}
# One converter, reset per text: building a Markdown instance costs more than converting a field.
_MARKDOWN = markdown.Markdown(extensions=[], output_format="html")
# Leichte Sprache puts each statement on its own line: there a line break is a line break.
_MARKDOWN_LINES = markdown.Markdown(extensions=["nl2br"], output_format="html")


def render(source: str, line_breaks: bool = False) -> Markup:
    """Markdown -> HTML that can only contain the allowlisted tags, attributes and URL schemes.
    ``line_breaks``: a single line break in a paragraph is kept as ``<br>``."""
    html = (_MARKDOWN_LINES if line_breaks else _MARKDOWN).reset().convert(source)
    clean = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_SCHEMES,
        link_rel="noopener noreferrer",
    )
    return Markup(clean)
