"""Markdown in rich-text fields is rendered and cannot smuggle in markup or script."""

from __future__ import annotations

import markdown
import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st
from support import ROOT

from macros.richtext import render, to_html


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
