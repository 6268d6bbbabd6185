"""Rich text fields: Markdown rendered, then sanitised with an allowlist (nh3/ammonia)."""

from __future__ import annotations

import re
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


# --- the common case without Markdown and nh3 --------------------------------------------------
# Most texts are paragraphs, "- " lists and **bold**. For exactly that, the HTML Python-Markdown
# writes is built here directly (about twenty times faster); anything else, or any doubt, goes to
# Markdown and nh3. tests/test_richtext.py compares both on every text of the repository and on
# generated ones.
#
# Why this HTML needs no sanitiser: a text takes the short path only without "<", ">" and "&",
# so no character of it can open a tag, an attribute or an entity; the only tags are the ones
# written below (p, br, ul, li, strong: all on the allowlist, without attributes). nh3 would
# return it unchanged (the tests check that too; U+00A0 is left to the long path because nh3
# writes it as &nbsp;).

# Characters whose meaning the short path does not take on: code, escapes, raw HTML, entities
# (and the characters HTML escapes), underscores (emphasis, rules), no-break space, controls and
# lone surrogates (Markdown drops or rewrites some), and a "]" that could close a link or
# reference ("](", "][", "] [", "]:").
_NOT_SIMPLE = re.compile(
    r"[`\\<>&_\u00a0\x00-\x09\x0b-\x1f\x7f-\x9f\ud800-\udfff]|\][\s]*[(\[:]")


def _simple_line(line: str) -> str | None:
    """A paragraph line or list item: plain text with **bold** parts, or None."""
    if not line or line != line.strip():
        return None  # indented (code, nesting) or a trailing double space (line break)
    first = line[0]
    # A heading, quote, list, ordered list, setext underline or rule starts with one of these.
    if first in "-+#>=" or first.isdigit():
        return None
    pieces = line.split("**")
    if len(pieces) % 2 == 0:
        return None
    out = []
    for index, piece in enumerate(pieces):
        if "*" in piece:
            return None
        if index % 2:
            if not piece or piece != piece.strip():
                return None
            out.append(f"<strong>{piece}</strong>")
        else:
            out.append(piece)
    return "".join(out)


def _simple_html(source: str, line_breaks: bool) -> str | None:
    """Python-Markdown's HTML for a text of paragraphs, tight "- " lists and **bold** parts,
    or None for any other text."""
    if _NOT_SIMPLE.search(source):
        return None
    blocks: list[list[str]] = []
    current: list[str] = []
    for line in source.split("\n"):
        if line:
            current.append(line)
        elif current:
            blocks.append(current)
            current = []
    if current:
        blocks.append(current)
    html: list[str] = []
    after_list = False
    for block in blocks:
        if block[0].startswith("- "):
            if after_list:
                return None  # items apart by a blank line: a loose list (<li><p>)
            items = [_simple_line(line[2:]) if line.startswith("- ") else None for line in block]
            if None in items:
                return None
            html.append("<ul>\n" + "".join(f"<li>{item}</li>\n" for item in items) + "</ul>")
            after_list = True
        else:
            lines = [_simple_line(line) for line in block]
            if None in lines:
                return None
            html.append("<p>" + ("<br>\n" if line_breaks else "\n").join(lines) + "</p>")
            after_list = False
    return "\n".join(html) if html else None


def _markdown(source: str, line_breaks: bool) -> str:
    present = "".join(c for c in _TRIGGERS if c in source)
    return _converter(present, line_breaks).reset().convert(source)


def to_html(source: str, line_breaks: bool = False) -> str:
    """Markdown -> HTML as Python-Markdown writes it (not sanitised)."""
    simple = _simple_html(source, line_breaks)
    return _markdown(source, line_breaks) if simple is None else simple


def render(source: str, line_breaks: bool = False) -> Markup:
    """Markdown -> HTML that can only contain the allowlisted tags, attributes and URL schemes.
    ``line_breaks``: a single line break in a paragraph is kept as ``<br>``."""
    simple = _simple_html(source, line_breaks)
    if simple is not None:
        return Markup(simple)  # holds no "<", ">" or "&" of the text (see above)
    clean = nh3.clean(
        _markdown(source, line_breaks),
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_SCHEMES,
        link_rel="noopener noreferrer",
    )
    return Markup(clean)
