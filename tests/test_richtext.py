"""Markdown in rich-text fields is rendered and cannot smuggle in markup or script."""

from __future__ import annotations

import markdown
import nh3
import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st
from support import ROOT

from macros import richtext
from macros.richtext import _simple_html, render, to_html


def test_markdown_emphasis_lists_and_links_are_rendered():
    html = str(render("**Wichtig**: bitte\n\n- Pass\n- Bescheid\n\n[Termin](https://example.org/t)"))
    assert "<strong>Wichtig</strong>" in html
    assert "<li>Pass</li>" in html
    assert 'href="https://example.org/t"' in html


def test_script_and_event_handlers_are_removed():
    html = str(render('<script>alert(1)</script><img src=x onerror="alert(2)"> Text'))
    assert "<script" not in html and "onerror" not in html and "<img" not in html
    assert "Text" in html


def test_javascript_links_are_removed():
    html = str(render("[klick](javascript:alert(1))"))
    assert "javascript:" not in html


def test_template_syntax_stays_inert_text():
    assert "{{ config }}" in str(render("{{ config }}"))


# --- the converters without the patterns a text cannot use ---------------------------------------

_MARKDOWN_ALPHABET = st.sampled_from(
    [*"ab Z9\n\n\t*_`\\[]()<>&#;!-+=.:/@\"'|~", "  \n", "**", "__", "](https://a.de)", "<br>",
     "&amp;", "&#38;", "1. ", "- ", "> ", "    ", "https://x.de", "a@b.de", "\u00a0", "ü", "سكن",
     "\u200c", "\x02", "\x03"])


def _full_converter(line_breaks: bool) -> markdown.Markdown:
    """Markdown with every inline pattern: what richtext rendered before it left some out."""
    return markdown.Markdown(extensions=["nl2br"] if line_breaks else [], output_format="html")


def _repository_texts() -> list[str]:
    """Every string of every YAML file of the regions, examples and test fixtures."""
    texts: list[str] = []

    def walk(value: object) -> None:
        if isinstance(value, str):
            texts.append(value)
        elif isinstance(value, dict):
            for item in value.values():
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    for folder in ("data", "examples", "tests/fixtures"):
        for path in sorted((ROOT / folder).rglob("*.yml")):
            try:
                walk(yaml.safe_load(path.read_text("utf-8")))
            except yaml.YAMLError:
                continue  # the fixtures of broken files
    return texts


@pytest.mark.parametrize("line_breaks", [False, True])
def test_leaving_out_unusable_patterns_changes_no_text_of_the_repository(line_breaks):
    texts = _repository_texts()
    assert len(texts) > 1000
    full = _full_converter(line_breaks)
    for text in texts:
        assert to_html(text, line_breaks) == full.reset().convert(text), text


@given(st.lists(_MARKDOWN_ALPHABET, max_size=30).map("".join), st.booleans())
def test_leaving_out_unusable_patterns_changes_no_generated_text(text, line_breaks):
    assert to_html(text, line_breaks) == _full_converter(line_breaks).convert(text)


def test_a_text_with_every_opening_character_keeps_every_pattern():
    html = str(render("`code` \\* [a](https://a.de) <https://b.de> &amp; <b>x</b>"))
    assert "<code>code</code>" in html and 'href="https://a.de"' in html
    assert 'href="https://b.de"' in html and "&amp;" in html and "<b>" not in html


# --- the short path for paragraphs, lists and bold --------------------------------------------

_PIECES = st.sampled_from(["Wort", "ünd", "سكن", "жильё", "42", "1.", "١.", " ", "  ", "**", "*",
                           "[SYNTHETIC en]", "[", "]", "(", ")", ":", "-", "- ", "+ ", "# ", ">",
                           "=", "===", "---", "!", ".", ",", "\u00a0", "\u3000", "'", '"', "/",
                           "_", "&", "<b>", "\\", "`", "\t", "\x02"])
# Mostly pieces the short path takes, so that generated texts often take it.
_PLAIN_PIECES = st.sampled_from(["Wort", "ünd", "سكن", " ", " ", "**fett**", "[SYNTHETIC en]", ".",
                                 ":", "(", ")", "42"])
_LINE = (st.lists(_PIECES, min_size=1, max_size=8).map("".join)
         | st.lists(_PLAIN_PIECES, min_size=1, max_size=8).map("".join))
_BLOCK = st.lists(st.tuples(st.sampled_from(["", "", "- ", "- ", "-  ", "1. ", "    "]), _LINE),
                  min_size=1, max_size=4).map(lambda lines: "\n".join(m + t for m, t in lines))
_STRUCTURED = st.tuples(st.lists(_BLOCK, min_size=1, max_size=4),
                        st.sampled_from(["\n", "\n\n", "\n\n\n", "\n \n"])).map(
    lambda blocks: blocks[1].join(blocks[0]))
# Paragraphs and lists of plain lines only: most of these take the short path.
_PLAIN_BLOCK = st.tuples(st.sampled_from(["", "- "]),
                         st.lists(st.lists(_PLAIN_PIECES, min_size=1, max_size=6).map("".join),
                                  min_size=1, max_size=3)).map(
    lambda block: "\n".join(block[0] + line for line in block[1]))
_PLAIN_TEXT = st.tuples(st.lists(_PLAIN_BLOCK, min_size=1, max_size=4),
                        st.sampled_from(["\n\n", "\n\n\n"])).map(
    lambda blocks: blocks[1].join(blocks[0]))


@given(_STRUCTURED | _PLAIN_TEXT, st.booleans())
def test_short_path_writes_what_markdown_writes(text, line_breaks):
    assert to_html(text, line_breaks) == _full_converter(line_breaks).convert(text)


@pytest.mark.parametrize("text", [
    "- a\n\n- b", "- a\n\n\n- b", "- a\n\nb", "a\n- b", "- a\nb", "**a** **b**", "x**a**y",
    "a **b** c", "- **a**", "[x] y", "![x] (y)", "a\n\n\n\nb", "a ** b", "**a**b**c**", "***a***",
    "- - a", "-a", "2021. Jahr", "a\n===", "a\n---", "# a", "a  \nb", " a", "a\n\n    b",
    "[a]: https://x.de\n\n[a]", "[a] [b]", "a\u00a0b", "**\u3000a**"])
@pytest.mark.parametrize("line_breaks", [False, True])
def test_short_path_writes_what_markdown_writes_on_edge_cases(text, line_breaks):
    assert to_html(text, line_breaks) == _full_converter(line_breaks).convert(text)


@pytest.mark.parametrize("line_breaks", [False, True])
def test_paragraphs_lists_and_bold_take_the_short_path(line_breaks):
    text = ("[SYNTHETIC en] Angebot, Nummer 7: **Ablauf** (kurz).\nZweite Zeile!\n\n\n"
            "- Punkt **eins**\n- Punkt zwei\n\nSchluss")
    assert _simple_html(text, line_breaks) is not None
    assert to_html(text, line_breaks) == _full_converter(line_breaks).convert(text)


def test_raw_html_in_an_otherwise_simple_text_is_still_removed():
    html = str(render("Text mit <script>alert(1)</script> und **fett**"))
    assert "<script" not in html and "<strong>fett</strong>" in html


def _sanitised(html: str) -> str:
    return nh3.clean(html, tags=richtext.ALLOWED_TAGS, attributes=richtext.ALLOWED_ATTRIBUTES,
                     url_schemes=richtext.ALLOWED_SCHEMES, link_rel="noopener noreferrer")


@given(_STRUCTURED | _PLAIN_TEXT, st.booleans())
def test_short_path_html_is_what_the_sanitiser_leaves_unchanged(text, line_breaks):
    """The short path skips nh3: only because nh3 would not change a byte of its HTML."""
    simple = _simple_html(text, line_breaks)
    if simple is not None:
        assert _sanitised(simple) == simple
        assert str(render(text, line_breaks)) == _sanitised(to_html(text, line_breaks))


@pytest.mark.parametrize("line_breaks", [False, True])
def test_short_path_html_of_every_repository_text_is_what_the_sanitiser_leaves(line_breaks):
    simple = [html for text in _repository_texts()
              if (html := _simple_html(text, line_breaks)) is not None]
    assert len(simple) > 500
    assert [_sanitised(html) for html in simple] == simple


@given(st.text(), st.sampled_from("<>&"), st.booleans())
def test_a_text_with_a_markup_character_always_goes_through_the_sanitiser(text, char, line_breaks):
    """The safety argument of the short path: it never takes a text that could write a tag,
    an attribute or an entity."""
    assert _simple_html(text + char + text, line_breaks) is None
