"""The page-type table (macros/pages/registry.py PAGE_TYPES) is the one declaration of pages."""

from __future__ import annotations

import ast
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

from support import PAGE_TYPES, REGIONS, ROOT, TINY_REGION, page

from macros import portal
from macros.doccheck import front_matter
from macros.i18n import Translator, language
from macros.loader import load
from macros.pages import registry


def test_every_template_page_type_has_a_german_template_page():
    for kind in registry.PAGE_TYPES:
        if kind.source == registry.TEMPLATE:
            meta, _ = front_matter((ROOT / "docs" / "de" / kind.page).read_text(encoding="utf-8"))
            assert meta.get("render_macros") is True, kind.page


def test_the_macro_table_is_the_views_of_the_page_types_each_named_once():
    views = [name for kind in registry.PAGE_TYPES for name in kind.views]
    assert len(views) == len(set(views)) and list(portal.MACROS) == views


def test_the_sidebar_lists_the_template_pages_in_the_tables_order():
    listed = [kind.page for kind in registry.PAGE_TYPES if kind.in_nav]
    assert [page for page, _key in registry.NAV] == listed


def test_a_template_pages_url_follows_from_its_file():
    assert (registry.url("home"), registry.url("modules"), registry.url("imprint"),
            registry.url("checks")) == ("", "bausteine/", "impressum/",
                                        "finanzierung/pruefhinweise/")


def test_every_generated_page_is_written_where_its_types_url_points():
    data = load(REGIONS["kreis-unna"])
    pages = registry.generated_pages(data, Translator(language("de")))
    module = next(p for p in pages if (p.view, p.args) == ("module_page", (2,)))
    offer_id = next(iter(data.offers))
    offer = next(p for p in pages if (p.view, p.args) == ("offer_page", (offer_id,)))
    assert module.path == registry.url("module", 2).rstrip("/") + ".md"
    assert offer.path == registry.url("offer", offer_id).rstrip("/") + ".md"


def test_the_tests_page_list_comes_from_the_table():
    assert [f"{url}index.html" for url in registry.example_urls()] == PAGE_TYPES
    assert "finanzierung/baustein-1/index.html" in PAGE_TYPES


def _imports(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            found.add("." * node.level + (node.module or ""))
    return found


def test_no_page_builder_imports_the_macro_table_above_it():
    for path in sorted((ROOT / "macros" / "pages").glob("*.py")):
        assert "..portal" not in _imports(path), path.name


def _literal_start(node: ast.expr) -> str | None:
    """The text a string argument starts with (a literal or an f-string's first part)."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if (isinstance(node, ast.JoinedStr) and node.values
            and isinstance(node.values[0], ast.Constant)):
        return node.values[0].value
    return None


def test_page_builders_link_to_pages_through_the_page_type_table():
    # A link to a page of the table is ctx.link(name, *key), never a URL literal in ctx.href.
    folders = {registry.url(kind.name).split("/")[0] for kind in registry.PAGE_TYPES
               if kind.source == registry.TEMPLATE and registry.url(kind.name)}
    found = []
    for path in sorted((ROOT / "macros" / "pages").glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                    and node.func.attr == "href" and node.args):
                start = _literal_start(node.args[0])
                if start is not None and start.split("/")[0] in folders:
                    found.append(f"{path.name}:{node.lineno}")
    assert found == []


# --- a new page type: one row in the table, one view, one template ------------------------------
# SYNTHETIC: a page per municipality of the tiny region, added to a copy of the project.

TOWN_VIEW = '''\
"""One page per municipality (a page type added by tests/test_pagetypes.py)."""

from __future__ import annotations

from collections.abc import Iterator

from markupsafe import Markup

from ..context import PageContext
from ..i18n import Translator
from ..loader import Dataset
from ..views import render


def records(data: Dataset, tr: Translator) -> Iterator[tuple[tuple[str], str, dict]]:
    for town in data.region.municipalities:
        yield (town.id,), town.name, {}


def town_page(ctx: PageContext, ident: str) -> Markup:
    town = ctx.data.municipalities[ident]
    return ctx.block("kim-town", render("towns/page.html", name=town.name,
                                        label=ctx.t("nav.municipalities")))
'''
TOWN_TEMPLATE = "<h1>{{ name }}</h1>\n<p>{{ label }}</p>\n"
TOWN_ROW = '''\
    PageType("town", lambda ident: f"orte/{ident}/", RECORD, views={"town_page": towns.town_page},
             examples=(("musterstadt",),), records=towns.records),
'''
REPORT = """\
import json, sys
from pathlib import Path
from macros.build import build_site
from macros.pages import registry
build_site(Path(sys.argv[1]), Path(sys.argv[2]), languages=["de", "ar"])
print(json.dumps({"macros": list(registry.MACROS), "examples": registry.example_urls()}))
"""


def _project_copy(root: Path) -> Path:
    ignore = shutil.ignore_patterns("__pycache__")
    for folder in ("macros", "docs", "overrides", "build"):
        shutil.copytree(ROOT / folder, root / folder, ignore=ignore)
    for name in ("mkdocs.yml", "portal.yml"):
        shutil.copy(ROOT / name, root / name)
    for folder in ("data", "examples"):  # read only: the funding pages' comparison regions
        (root / folder).symlink_to(ROOT / folder)
    return root


def _add_town_page_type(project: Path) -> None:
    """What a developer writes: the table's row (and its import), the view, the template."""
    table = project / "macros" / "pages" / "registry.py"
    text = table.read_text(encoding="utf-8")
    end = text.index("\n)\n", text.index("PAGE_TYPES: tuple[PageType, ...] = ("))
    text = text[:end + 1] + TOWN_ROW + text[end + 1:]
    text = text.replace("from .papers import paper_label\n",
                        "from . import towns\nfrom .papers import paper_label\n", 1)
    table.write_text(text, encoding="utf-8")
    (project / "macros" / "pages" / "towns.py").write_text(TOWN_VIEW, encoding="utf-8")
    (project / "macros" / "templates" / "towns").mkdir()
    (project / "macros" / "templates" / "towns" / "page.html").write_text(TOWN_TEMPLATE,
                                                                         encoding="utf-8")


def _changed_files(project: Path) -> set[str]:
    changed = set()
    for path in project.rglob("*"):
        rel = path.relative_to(project)
        if rel.parts[0] not in ("data", "examples") and "__pycache__" not in rel.parts \
                and path.is_file():
            original = ROOT / rel
            if not original.is_file() or original.read_bytes() != path.read_bytes():
                changed.add(rel.as_posix())
    return changed


def test_a_page_type_added_in_a_fixture_needs_only_a_table_row_a_view_and_a_template(tmp_path):
    project = _project_copy(tmp_path / "project")
    _add_town_page_type(project)
    assert _changed_files(project) == {"macros/pages/registry.py", "macros/pages/towns.py",
                                       "macros/templates/towns/page.html"}
    out = tmp_path / "site"
    run = subprocess.run([sys.executable, "-c", REPORT, str(TINY_REGION), str(out)],
                         cwd=project, env={**os.environ, "PYTHONPATH": str(project)},
                         capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr[-3000:]
    derived = json.loads(run.stdout.strip().splitlines()[-1])
    # The build made a page per record in every language, with the view's and template's markup.
    for town, name in (("musterstadt", "Musterstadt"), ("beispieldorf", "Beispieldorf")):
        german = page(out, "de", f"orte/{town}/index.html")
        assert german.html["lang"] == "de"
        assert german.select_one("article div.kim-town h1").get_text() == name
        arabic = page(out, "ar", f"orte/{town}/index.html")
        assert (arabic.html["lang"], arabic.body["dir"]) == ("ar", "rtl")
        assert arabic.select_one("article div.kim-town p").get_text() == \
            Translator(language("ar")).t("nav.municipalities").striptags()
    # Derived from the table: the macro table, the tests' page list, the sitemap, the search.
    assert "town_page" in derived["macros"] and "orte/musterstadt/" in derived["examples"]
    assert "orte/musterstadt/" in (out / "sitemap.xml").read_text(encoding="utf-8")
    assert "orte/musterstadt/" in (out / "search" / "index.json").read_text(encoding="utf-8")
