"""Markdown in rich-text fields is rendered and cannot smuggle in markup or script."""

from __future__ import annotations

from macros.richtext import render


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
