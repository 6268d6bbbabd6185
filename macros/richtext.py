"""Rich text fields: Markdown rendered, then sanitised with an allowlist (nh3/ammonia)."""

from __future__ import annotations

from functools import cache

import markdown
import nh3
from markupsafe import Markup

ALLOWED_TAGS = {"p", "br", "strong", "em", "ul", "ol", "li", "a", "h3", "h4", "blockquote", "code"}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}
ALLOWED_SCHEMES = {"https", "mailto", "tel"}

# Markdown tries each inline pattern on every piece of text; most of them cannot match a text
# without their opening character (a link needs "[", raw HTML "<", an entity "&" ...). A text
# is converted by a converter without the patterns whose character it lacks: the same output
# (the patterns left out find nothing, and no step of Markdown adds these characters to the text
# the inline patterns see; tests/test_richtext.py compares both on every text and on generated
# ones), about a quarter less time.
_NEEDS = {"backtick": "`", "escape": "\\", "reference": "[", "link": "[", "image_link": "[",
          "image_reference": "[", "short_reference": "[", "short_image_ref": "[",
          "autolink": "<", "automail": "<", "html": "<", "entity": "&"}
_TRIGGERS = "".join(sorted(set(_NEEDS.values())))


@cache
def _converter(present: str, line_breaks: bool) -> markdown.Markdown:
    """One converter per set of opening characters present (``present``, in ``_TRIGGERS``
    order), reset per text: building one costs more than converting a field."""
    # Leichte Sprache puts each statement on its own line: there a line break is a line break.
    md = markdown.Markdown(extensions=["nl2br"] if line_breaks else [], output_format="html")
    for name, needed in _NEEDS.items():
        if needed not in present:
            md.inlinePatterns.deregister(name)
    return md


def to_html(source: str, line_breaks: bool = False) -> str:
    """Markdown -> HTML, not yet sanitised."""
    present = "".join(c for c in _TRIGGERS if c in source)
    return _converter(present, line_breaks).reset().convert(source)


def render(source: str, line_breaks: bool = False) -> Markup:
    """Markdown -> HTML that can only contain the allowlisted tags, attributes and URL schemes.
    ``line_breaks``: a single line break in a paragraph is kept as ``<br>``."""
    clean = nh3.clean(
        to_html(source, line_breaks),
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_SCHEMES,
        link_rel="noopener noreferrer",
    )
    return Markup(clean)
