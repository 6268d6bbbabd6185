"""mkdocs-macros renders the declared template pages, and only after the page check has run.

The check (macros.doccheck: only calls of registered macros with literal arguments, on Jinja's
syntax tree) is what makes mkdocs-macros' unsandboxed Jinja safe; these tests hold the order.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from mkdocs.config import load_config
from support import ROOT, TINY_REGION

from macros import build as build_module
from macros.build import MKDOCS_YML, BuildFailed, BuildPlan, build_site, language_build
from macros.doccheck import check_text
from macros.engine import run as engine_run
from macros.i18n import language
from macros.loader import load

ESCAPE = "{{ cycler.__init__.__globals__.os.name }}"


def _build_config(tmp_path: Path):
    """The MkDocs configuration of a language build, as `kim build` makes it."""
    plan = BuildPlan(TINY_REGION, tmp_path / "out", (language("de"),), "http://example.org/")
    build = language_build(plan, load(TINY_REGION), language("de"), ROOT / "docs" / "de",
                           tmp_path / "site", [], records=[], files=[])
    return engine_run.load(build)


def _page_markdown_handlers(tmp_path: Path) -> list:
    config = _build_config(tmp_path)
    config.plugins.on_config(config)  # as MkDocs' build starts
    return config.plugins.events["page_markdown"]


def _owner(handler) -> str:
    """The module of the plugin the handler belongs to."""
    return handler.__module__


def test_mkdocs_macros_is_configured_as_the_template_renderer():
    config = load_config(config_file=str(MKDOCS_YML))
    macros = config.plugins["macros"].config
    assert (macros["module_name"], macros["render_by_default"], macros["on_undefined"],
            macros["on_error_fail"]) == ("macros/engine/macros_env", False, "strict", True)


def test_the_page_check_runs_before_mkdocs_macros_renders_a_page(tmp_path):
    owners = [_owner(handler) for handler in _page_markdown_handlers(tmp_path)]
    check = next(i for i, owner in enumerate(owners) if owner == "macros.engine.plugin")
    render = next(i for i, owner in enumerate(owners) if owner.startswith("mkdocs_macros"))
    assert check < render


def test_define_env_registers_exactly_the_macro_table(tmp_path):
    from macros.engine.macros_env import define_env
    from macros.portal import MACROS

    class Env:
        def __init__(self) -> None:
            self.conf = _build_config(tmp_path)
            self.macros: dict = {}

        def macro(self, function, name) -> None:
            self.macros[name] = function

    env = Env()
    define_env(env)
    assert set(env.macros) == set(MACROS)


def test_template_syntax_in_the_front_matter_of_a_template_page_is_refused():
    # mkdocs-macros renders a page title that contains template syntax.
    text = f"---\nrender_macros: true\ntitle: \"{ESCAPE}\"\n---\n# Impressum\n"
    problems = check_text(text, "impressum.md", "de/impressum.md")
    assert [(p.file, p.line) for p in problems] == [("de/impressum.md", 3)]
    assert "Vorlagen-Syntax" in problems[0].message


def _docs_with_escape(tmp_path: Path, monkeypatch) -> Path:
    docs = tmp_path / "docs"
    shutil.copytree(ROOT / "docs", docs)
    monkeypatch.setattr(build_module, "DOCS_DIR", docs)
    impressum = docs / "de" / "impressum.md"
    impressum.write_text(impressum.read_text(encoding="utf-8") + f"\n{ESCAPE}\n",
                         encoding="utf-8")
    return TINY_REGION


def _region_page_with_escape(tmp_path: Path, monkeypatch) -> Path:
    data = tmp_path / "tiny-region"
    shutil.copytree(TINY_REGION, data)
    page = data / "pages" / "de" / "impressum.md"
    page.parent.mkdir(parents=True, exist_ok=True)
    page.write_text(f"---\nrender_macros: true\ntitle: Impressum\n---\n# Impressum\n\n{ESCAPE}\n",
                    encoding="utf-8")
    return data


@pytest.mark.parametrize("where", [_docs_with_escape, _region_page_with_escape],
                         ids=["docs", "region-pages"])
def test_a_refused_construct_in_a_template_page_fails_the_build_before_mkdocs_macros(
        tmp_path, monkeypatch, where):
    data = where(tmp_path, monkeypatch)
    # Without the check before the build, only the page hook stands between the page and
    # mkdocs-macros (which would render the page's os.name).
    monkeypatch.setattr(build_module, "check_docs", lambda folder: [])
    out = tmp_path / "site"
    with pytest.raises(BuildFailed, match=r"de/impressum\.md:\d+: nur Makroaufrufe sind erlaubt"):
        build_site(data, out, languages=["de"])
    assert not out.exists()


@pytest.mark.parametrize("where", [_docs_with_escape, _region_page_with_escape],
                         ids=["docs", "region-pages"])
def test_a_refused_construct_in_a_template_page_is_refused_before_the_build(
        tmp_path, monkeypatch, where):
    data = where(tmp_path, monkeypatch)
    with pytest.raises(BuildFailed, match=r"impressum\.md:\d+: nur Makroaufrufe sind erlaubt"):
        build_site(data, tmp_path / "site", languages=["de"])


# --- macro output passes Markdown as a placeholder (KimPlugin.macro, on_page_content) ----------


class _Page:
    class file:  # noqa: N801 - shaped like MkDocs' page.file
        src_uri = "angebote/index.md"


def _kim_plugin(tmp_path: Path):
    return _build_config(tmp_path).plugins[engine_run.PLUGIN_NAME]


def test_a_macros_block_html_comes_back_unchanged_after_markdown(tmp_path):
    from markdown import markdown

    plugin = _kim_plugin(tmp_path)
    html = '<div class="x">\n\n*kein Markdown* [a](b)\n\n</div>'
    key = plugin.macro(lambda ctx: html)
    assert html not in key and key.startswith("<!--kim-")
    converted = markdown(f"Text davor\n\n{key}\n\nText danach")
    restored = plugin.on_page_content(converted, _Page, None, None)
    assert restored.startswith(f"<p>Text davor</p>\n{html}\n")  # verbatim, not read as Markdown
    assert restored.rstrip().endswith("<p>Text danach</p>") and "<!--kim-" not in restored


def test_a_macros_inline_output_stays_part_of_the_markdown(tmp_path):
    plugin = _kim_plugin(tmp_path)
    assert plugin.macro(lambda ctx: '<span lang="de">Kreis Unna</span>') == \
        '<span lang="de">Kreis Unna</span>'


def test_macro_output_lost_in_markdown_refuses_the_page(tmp_path):
    from markdown import markdown

    from macros.doccheck import PageRefused

    plugin = _kim_plugin(tmp_path)
    key = plugin.macro(lambda ctx: "<div>x</div>")
    with pytest.raises(PageRefused, match=r"angebote/index\.md"):
        plugin.on_page_content(markdown(f"`{key}`"), _Page, None, None)


def test_placeholders_differ_between_builds(tmp_path):
    first, second = _kim_plugin(tmp_path / "a"), _kim_plugin(tmp_path / "b")
    assert first.macro(lambda ctx: "<div>x</div>") != second.macro(lambda ctx: "<div>x</div>")
