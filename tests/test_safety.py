"""Nothing from YAML reaches a page unescaped, and no page runs template code it may not run."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from macros import build as build_module
from macros.build import BuildFailed, build_site
from macros.context import PageContext
from macros.doccheck import check_docs, check_page
from macros.i18n import language
from macros.loader import load
from macros.pages import bodies, municipalities
from macros.schema import Membership, Source, Text

ROOT = Path(__file__).resolve().parent.parent
HOSTILE = '<script>alert("x")</script>{{ config }}'


@pytest.fixture(scope="module")
def unna():
    return load(ROOT / "data")


def test_page_builders_escape_text_that_bypassed_validation(unna):
    # model_construct skips validation: this is what would happen if a value slipped through.
    role = Text.model_construct(de=HOSTILE, translations={})
    hostile = Membership.model_construct(
        organization="lenkungsgruppe-unna", role=role, onBehalfOf=None, person=None,
        votingRight=None, participation="ständig",
        source=Source(document="unna-rahmenkonzept", section=None),
    )
    unna.memberships.append(hostile)
    try:
        html = str(bodies.steering_group(PageContext(unna, language("de"))))
    finally:
        unna.memberships.remove(hostile)
    assert "<script>" not in html
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;{{ config }}" in html


def test_special_characters_in_data_are_escaped_on_the_page(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    region = data / "region.yml"
    text = region.read_text(encoding="utf-8")
    text = text.replace("name: Bergkamen", 'name: "Berg & Kamen \\"Süd\\" > Nord"', 1)
    region.write_text(text, encoding="utf-8")
    out = tmp_path / "site"
    build_site(data, out, languages=["de"])
    html = (out / "kommunen/index.html").read_text(encoding="utf-8")
    assert "Berg &amp; Kamen &#34;Süd&#34; &gt; Nord" in html
    cell = BeautifulSoup(html, "html.parser").select_one("table.kim-table tbody th")
    assert cell.get_text() == 'Berg & Kamen "Süd" > Nord'


def test_population_table_of_unknown_region_data_never_contains_raw_markup(unna):
    html = str(municipalities.population_table(PageContext(unna, language("ar"))))
    assert "<script" not in html and "{{" not in html


# --- pages that editors add ---------------------------------------------------------------------


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_template_syntax_in_an_undeclared_page_is_refused(tmp_path):
    page = write(tmp_path / "de/neu.md", "# Neu\n\nText {{ config.extra }} mehr\n")
    problems = check_page(page, "neu.md", "docs/de/neu.md")
    assert [(p.file, p.line) for p in problems] == [("docs/de/neu.md", 3)]
    assert "Vorlagen-Syntax" in problems[0].message


def test_block_template_syntax_in_an_undeclared_page_is_refused(tmp_path):
    page = write(tmp_path / "de/neu.md", "# Neu\n{% for x in range(3) %}x{% endfor %}\n")
    assert [p.line for p in check_page(page, "neu.md", "neu.md")] == [2]


def test_an_undeclared_page_may_not_switch_on_macros(tmp_path):
    page = write(tmp_path / "de/neu.md", "---\nrender_macros: true\n---\n# Neu\n")
    problems = check_page(page, "neu.md", "neu.md")
    assert any("render_macros" in p.message for p in problems)


def test_a_declared_template_page_must_say_render_macros(tmp_path):
    page = write(tmp_path / "de/kommunen.md", "# Kommunen\n\n{{ population_table() }}\n")
    problems = check_page(page, "kommunen.md", "kommunen.md")
    assert any("render_macros: true" in p.message for p in problems)


def test_plain_markdown_pages_pass_the_check(tmp_path):
    write(tmp_path / "de/neu.md", "# Neu\n\nEin ganz normaler Text mit {einfachen} Klammern.\n")
    assert check_docs(tmp_path) == []


def test_the_shipped_pages_pass_the_check():
    assert check_docs(ROOT / "docs") == []


def test_a_build_refuses_an_editor_page_with_template_code(tmp_path, monkeypatch):
    docs = tmp_path / "docs"
    shutil.copytree(ROOT / "docs", docs)
    write(docs / "de/neu.md", "# Neu\n\n{{ ''.__class__ }}\n")
    monkeypatch.setattr(build_module, "DOCS_DIR", docs)
    out = tmp_path / "site"
    with pytest.raises(BuildFailed, match="neu.md:3"):
        build_site(ROOT / "data", out)
    assert not out.exists()


def test_an_offer_summary_in_the_page_head_is_escaped(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    offer = data / "offers" / "go-in.yml"
    text = offer.read_text(encoding="utf-8")
    assert "\nsummary:" in text
    start = text.index("\nsummary:") + 1
    end = text.index("\n", start)
    while text[end + 1:end + 3] == "  ":  # the summary's further lines
        end = text.index("\n", end + 1)
    offer.write_text(text[:start] + 'summary: \'Kurs "A & B" > Schule\'' + text[end:],
                     encoding="utf-8")
    out = tmp_path / "site"
    build_site(data, out, languages=["de"])
    soup = BeautifulSoup((out / "angebote/go-in/index.html").read_text(encoding="utf-8"),
                         "html.parser")
    # Unescaped, the quote would end the attribute and the rest would become markup.
    assert soup.select_one('meta[name="description"]')["content"] == 'Kurs "A & B" > Schule'
