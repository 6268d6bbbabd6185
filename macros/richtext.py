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


def render(source: str) -> Markup:
    """Markdown -> HTML that can only contain the allowlisted tags, attributes and URL schemes."""
    html = _MARKDOWN.reset().convert(source)
    clean = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_SCHEMES,
        link_rel="noopener noreferrer",
    )
    return Markup(clean)
