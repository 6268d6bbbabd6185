"""Record pages (offers, modules, papers, browse pages ...) are held in memory, never written as
stub files carrying a macro call, and skip Markdown and mkdocs-macros."""

from __future__ import annotations

from pathlib import Path

from support import TINY_REGION, page, sidebar_links

from macros.build import write_docs
from macros.i18n import Translator, language
from macros.loader import load
from macros.pages import registry


def test_no_record_page_is_written_into_the_docs_folder(tmp_path: Path):
    data = load(TINY_REGION)
    records = registry.generated_pages(data, Translator(language("de")))
    assert records
    write_docs(data, language("de"), tmp_path)
    written = {p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*.md")}
    assert not written & {record.path for record in records}
    assert not any("kim_macro" in p.read_text(encoding="utf-8") for p in tmp_path.rglob("*.md"))


def test_a_record_page_is_built_from_memory(tiny: Path):
    soup = page(tiny, "de", "angebote/sprachcafe/index.html")
    assert soup.select_one("article h1").get_text(strip=True) == "Sprachcafé"


def test_the_reused_sidebar_links_from_each_record_pages_own_folder(tiny: Path):
    # The sidebar is rendered once per folder of record pages: a module page (bausteine/1/)
    # and an offer page (angebote/x/) link to the modules list differently.
    module_links = sidebar_links(tiny, "de", "bausteine/1/index.html")
    offer_links = sidebar_links(tiny, "de", "angebote/sprachcafe/index.html")
    assert "../" in module_links and "../../bausteine/" not in module_links
    assert "../../bausteine/" in offer_links
    assert sidebar_links(tiny, "de", "angebote/lernhilfe/index.html") == offer_links


def test_record_pages_skip_mkdocs_macros(tmp_path: Path, monkeypatch):
    from mkdocs_macros.plugin import MacrosPlugin

    from macros.build import build_site
    from macros.engine.plugin import RecordPage

    seen: list[str] = []
    original = MacrosPlugin.on_page_markdown

    def spy(self, markdown, page, config, **kwargs):
        seen.append(type(page).__name__)
        return original(self, markdown, page, config, **kwargs)

    monkeypatch.setattr(MacrosPlugin, "on_page_markdown", spy)
    monkeypatch.setenv("KIM_BUILD_JOBS", "1")  # in this process, where the spy is
    build_site(TINY_REGION, tmp_path / "site", languages=["de"])
    assert seen and RecordPage.__name__ not in seen  # template pages only
    assert (tmp_path / "site" / "angebote" / "sprachcafe" / "index.html").is_file()


def test_a_record_page_holds_its_html_only_while_it_is_built(tmp_path: Path, monkeypatch):
    # MkDocs renders every page before it writes any: record pages' HTML made then would all be
    # held at once (about 10 KB each, 10,000 offers per language).
    from macros.build import build_site
    from macros.engine.plugin import KimPlugin, RecordPage

    holding: list[int] = []
    original = KimPlugin.on_page_context

    def spy(self, context, page, config, nav):
        result = original(self, context, page, config, nav)
        records = [f.page for f in context["pages"] if isinstance(f.page, RecordPage)]
        holding.append(sum(1 for p in records if p.content))
        return result

    monkeypatch.setattr(KimPlugin, "on_page_context", spy)
    monkeypatch.setenv("KIM_BUILD_JOBS", "1")  # in this process, where the spy is
    build_site(TINY_REGION, tmp_path / "site", languages=["de"])
    assert holding and max(holding) == 1  # the page being built, no other
    html = (tmp_path / "site" / "angebote" / "sprachcafe" / "index.html").read_text("utf-8")
    assert "Sprachcafé" in html
