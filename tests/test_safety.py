"""Nothing from YAML reaches a page unescaped, and no page runs template code it may not run."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from support import TINY_REGION  # SYNTHETIC: any valid region serves these build behaviours

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


# Kreis Unna's data, loaded (not built): not conftest's `unna` site, so `make test-fast` runs these.
@pytest.fixture(scope="module")
def unna_data():
    return load(ROOT / "data")


def test_page_builders_escape_text_that_bypassed_validation(unna_data):
    # model_construct skips validation: this is what would happen if a value slipped through.
    role = Text.model_construct(de=HOSTILE, translations={})
    hostile = Membership.model_construct(
        organization="lenkungsgruppe-unna", role=role, onBehalfOf=None, person=None,
        votingRight=None, participation="ständig",
        source=Source(document="unna-rahmenkonzept", section=None),
    )
    unna_data.memberships.append(hostile)
    try:
        html = str(bodies.steering_group(PageContext(unna_data, language("de"))))
    finally:
        unna_data.memberships.remove(hostile)
    assert "<script>" not in html
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;{{ config }}" in html


# --- one German build of the tiny region with hostile text in four places (SYNTHETIC) ----------
# A municipality's name, the region's name and an offer's summary with quotes, ampersands and
# angle brackets, and a hand-written page whose title holds markup; each test below reads the
# place it is about.
HOSTILE_TOWN = 'name: "Berg & Kamen \\"Süd\\" > Nord"'
HOSTILE_REGION = "name: 'Kreis \"Unna\" onmouseover=x & Co'\n"
HOSTILE_SUMMARY = 'summary: \'Kurs "A & B" > Schule\''
HOSTILE_TITLE = "---\ntitle: '</title><b>fett</b>'\n---\n# Neu\n"


def _replace_summary(offer: Path, line: str) -> None:
    text = offer.read_text(encoding="utf-8")
    assert "\nsummary:" in text
    start = text.index("\nsummary:") + 1
    end = text.index("\n", start)
    while text[end + 1:end + 3] == "  ":  # the summary's further lines
        end = text.index("\n", end + 1)
    offer.write_text(text[:start] + line + text[end:], encoding="utf-8")


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("hostile")
    data = root / "data"
    shutil.copytree(TINY_REGION, data)
    region = data / "region.yml"
    text = region.read_text(encoding="utf-8")
    assert "name: Musterstadt" in text and "name: Testkreis\n" in text
    text = text.replace("name: Musterstadt", HOSTILE_TOWN, 1)
    region.write_text(text.replace("name: Testkreis\n", HOSTILE_REGION, 1), encoding="utf-8")
    _replace_summary(data / "offers" / "sprachcafe.yml", HOSTILE_SUMMARY)
    docs = root / "docs"
    shutil.copytree(ROOT / "docs", docs)
    write(docs / "de" / "neu.md", HOSTILE_TITLE)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(build_module, "DOCS_DIR", docs)
        build_site(data, root / "site", languages=["de"])
    return root / "site"


def test_special_characters_in_data_are_escaped_on_the_page(hostile_site):
    html = (hostile_site / "kommunen/index.html").read_text(encoding="utf-8")
    assert "Berg &amp; Kamen &#34;Süd&#34; &gt; Nord" in html
    cell = BeautifulSoup(html, "html.parser").select_one("table.kim-table tbody th")
    assert cell.get_text() == 'Berg & Kamen "Süd" > Nord'


def test_population_table_of_unknown_region_data_never_contains_raw_markup(unna_data):
    html = str(municipalities.population_table(PageContext(unna_data, language("ar"))))
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
    with pytest.raises(BuildFailed, match=r"neu\.md:3"):
        build_site(TINY_REGION, out)
    assert not out.exists()


def test_an_offer_summary_in_the_page_head_is_escaped(hostile_site):
    soup = BeautifulSoup((hostile_site / "angebote/sprachcafe/index.html").read_text(
        encoding="utf-8"), "html.parser")
    # Unescaped, the quote would end the attribute and the rest would become markup.
    assert soup.select_one('meta[name="description"]')["content"] == 'Kurs "A & B" > Schule'


# --- Issue 13: safe by construction ---------------------------------------------------------------
# Editors' pull requests are built by CI and published: nothing in a page or a data value may run
# code, leak a file, break out of its context or destroy data.

import os
import socket
import subprocess
import sys
import threading
from decimal import Decimal
from http.server import ThreadingHTTPServer
from textwrap import dedent

from conftest import MINIMAL_DATA

from macros import cli, formatting
from macros.build import exchange, publish
from macros.doccheck import PAGE_SUFFIXES, check_text
from macros.loader import DataErrors as _DataErrors
from macros.serve import SiteHandler


def minimal(folder: Path) -> Path:
    """The synthetic minimal data folder of conftest.py, written to ``folder``."""
    for name, text in MINIMAL_DATA.items():
        write(folder / name, dedent(text))
    return folder


def errors_of(folder: Path) -> list:
    with pytest.raises(_DataErrors) as caught:
        load(folder)
    return caught.value.errors


def copy_docs(tmp_path: Path, monkeypatch) -> Path:
    docs = tmp_path / "docs"
    shutil.copytree(ROOT / "docs", docs)
    monkeypatch.setattr(build_module, "DOCS_DIR", docs)
    return docs


# Item 1: template pages run no code; every page suffix MkDocs reads is checked.

def test_mkdocs_page_suffixes_are_all_checked():
    from mkdocs.utils import markdown_extensions

    assert set(PAGE_SUFFIXES) == set(markdown_extensions) >= {".md", ".markdown", ".mdown",
                                                               ".mkdn", ".mkd"}


@pytest.mark.parametrize("suffix", [".markdown", ".mdown", ".mkdn", ".mkd"])
def test_a_page_with_another_markdown_suffix_may_not_switch_on_macros(tmp_path, suffix):
    write(tmp_path / "de" / f"x{suffix}", "---\nrender_macros: true\n---\n{{ region_name() }}\n")
    problems = check_docs(tmp_path)
    assert {p.file.rsplit("/", 1)[-1] for p in problems} == {f"x{suffix}"}
    assert any("render_macros" in p.message for p in problems)


def test_a_template_page_may_not_reach_python_objects():
    text = ("---\nrender_macros: true\ntitle: Impressum\n---\n# Impressum\n\n"
            "{{ cycler.__init__.__globals__.os.name }}\n")
    problems = check_text(text, "impressum.md", "docs/de/impressum.md")
    assert [(p.file, p.line) for p in problems] == [("docs/de/impressum.md", 7)]
    assert "nur Makroaufrufe" in problems[0].message


def test_a_template_page_may_not_use_statements():
    text = ("---\nrender_macros: true\n---\n# A\n"
            "{% for x in range(3) %}{{ ki_contact() }}{% endfor %}\n")
    problems = check_text(text, "impressum.md", "impressum.md")
    assert [p.line for p in problems] == [5] and "Anweisung" in problems[0].message


def test_a_template_page_may_call_only_registered_macros():
    text = "---\nrender_macros: true\n---\n{{ lipsum() }}\n"
    problems = check_text(text, "impressum.md", "impressum.md")
    assert [p.line for p in problems] == [4] and "unbekanntes Makro 'lipsum'" in problems[0].message


def test_a_macro_argument_must_be_a_literal():
    text = "---\nrender_macros: true\n---\n{{ module_page(config) }}\n"
    problems = check_text(text, "bausteine/index.md", "x.md")
    assert [p.line for p in problems] == [4] and "feste Werte" in problems[0].message


def test_deeply_nested_template_syntax_is_refused_without_a_traceback():
    text = "---\nrender_macros: true\n---\n{{ " + "(" * 5000 + "1" + ")" * 5000 + " }}\n"
    problems = check_text(text, "impressum.md", "impressum.md")
    assert [p.line for p in problems] == [4]


def test_the_build_renders_a_page_the_check_did_not_see_only_after_checking_it(
        tmp_path, monkeypatch):
    # A folder the pre-build check missed (e.g. a region's own pages): the page hook checks again.
    docs = copy_docs(tmp_path, monkeypatch)
    monkeypatch.setattr(build_module, "check_pages", lambda folder: None)
    impressum = docs / "de" / "impressum.md"
    impressum.write_text(impressum.read_text(encoding="utf-8")
                         + "\n{{ cycler.__init__.__globals__.os.getpid() }}\n", encoding="utf-8")
    out = tmp_path / "site"
    with pytest.raises(BuildFailed, match=r"impressum\.md"):
        build_site(TINY_REGION, out, languages=["de"])
    assert not out.exists()


@pytest.mark.parametrize("name", ["x.html", "x.svg", "x.js", "x.css", "x.json", "x.py"])
def test_other_kinds_of_files_in_a_pages_folder_are_refused(tmp_path, name):
    write(tmp_path / "de" / name, "x")
    problems = check_docs(tmp_path)
    assert [p.file.rsplit("/", 1)[-1] for p in problems] == [name]
    assert "nicht erlaubt" in problems[0].message


def test_an_image_in_a_pages_folder_is_allowed(tmp_path):
    write(tmp_path / "de" / "bild.png", "png")
    assert check_docs(tmp_path) == []


def test_kim_scripts_may_name_only_script_files():
    text = '---\nkim_scripts: ["x\\"><script>"]\n---\n# A\n'
    problems = check_text(text, "neu.md", "neu.md")
    assert [p.line for p in problems] == [1] and "kim_scripts" in problems[0].message


# Item 2: no way out of the folders.

def test_a_symlink_in_docs_leading_outside_is_refused(tmp_path):
    secret = write(tmp_path / "geheim.txt", "secret")
    docs = tmp_path / "docs"
    write(docs / "de" / "index.md", "# Start\n")
    (docs / "de" / "geheim.md").symlink_to(secret)
    problems = check_docs(docs)
    assert [p.file.rsplit("/", 1)[-1] for p in problems] == ["geheim.md"]
    assert "symbolischer Verweis" in problems[0].message


def test_a_symlink_in_docs_staying_inside_is_allowed(tmp_path):
    docs = tmp_path / "docs"
    write(docs / "de" / "seite.md", "# Seite\n")
    (docs / "de" / "auch.md").symlink_to(docs / "de" / "seite.md")
    assert check_docs(docs) == []


def test_a_symlink_in_data_leading_outside_is_refused(tmp_path):
    data = minimal(tmp_path / "data")
    outside = write(tmp_path / "anderswo" / "providers.yml", (data / "providers.yml").read_text())
    (data / "providers.yml").unlink()
    (data / "providers.yml").symlink_to(outside)
    errors = errors_of(data)
    assert [e.file.rsplit("/", 1)[-1] for e in errors] == ["providers.yml"]
    assert "symbolischer Verweis" in errors[0].message


def test_a_symlink_leading_out_of_the_theme_folder_is_refused(tmp_path, monkeypatch):
    theme = tmp_path / "overrides"
    write(theme / "main.html", "x")
    (theme / "geheim.css").symlink_to(write(tmp_path / "geheim.txt", "secret"))
    monkeypatch.setattr(build_module, "READ_FOLDERS", (theme,))
    with pytest.raises(BuildFailed, match=r"geheim\.css: symbolischer Verweis"):
        build_site(TINY_REGION, tmp_path / "site", languages=["de"])


@pytest.mark.parametrize("character", ["\x00", "\x1b", "\u202e", "\u202a"])
def test_control_and_bidi_override_characters_in_a_page_are_refused(character):
    problems = check_text(f"# Neu\n\nText{character}mehr\n", "neu.md", "neu.md")
    assert [p.line for p in problems] == [3] and "U+" in problems[0].message


def test_windows_line_ends_and_bidi_isolates_in_a_page_pass():
    assert check_text("# Neu\r\n\r\nText \u2067مرکز\u2069\r\n", "neu.md", "neu.md") == []


def test_out_equal_to_the_data_folder_is_refused_and_the_data_kept(tmp_path, capsys):
    data = minimal(tmp_path / "data")
    assert cli.main(["build", "--data", str(data), "--out", str(data)]) == 1
    assert (data / "region.yml").is_file()
    assert "Ausgabeordner" in capsys.readouterr().err


@pytest.mark.parametrize("where", ["data/site", "."])
def test_out_inside_the_data_folder_or_containing_it_is_refused(tmp_path, where):
    data = minimal(tmp_path / "data")
    with pytest.raises(BuildFailed, match="Ausgabeordner"):
        build_site(data, tmp_path / where)
    assert (data / "region.yml").is_file()


def test_out_over_docs_is_refused(tmp_path, monkeypatch):
    docs = copy_docs(tmp_path, monkeypatch)  # a copy: a broken check must not delete docs/
    with pytest.raises(BuildFailed, match="Ausgabeordner"):
        build_site(TINY_REGION, docs)
    assert (docs / "de" / "index.md").is_file()


@pytest.mark.parametrize("where", ["overrides", "macros", "."])
def test_out_over_the_theme_the_code_or_the_repository_is_refused(tmp_path, monkeypatch, where):
    # A stand-in repository: a broken check must not replace the real one.
    repository = tmp_path / "repo"
    for folder in ("overrides", "macros"):
        write(repository / folder / "datei.txt", "bleibt")
    monkeypatch.setattr(build_module, "PROJECT_ROOT", repository)
    with pytest.raises(BuildFailed, match="Ausgabeordner"):
        build_site(TINY_REGION, repository / where)
    assert (repository / "overrides" / "datei.txt").read_text() == "bleibt"


def test_out_over_a_folder_that_is_not_a_built_site_is_refused(tmp_path):
    mine = write(tmp_path / "meins" / "brief.txt", "wichtig")
    with pytest.raises(BuildFailed, match="keine von kim gebaute"):
        build_site(TINY_REGION, tmp_path / "meins")
    assert mine.read_text() == "wichtig"


# Item 3: hand-written HTML is refused like rich text in data.

@pytest.mark.parametrize("snippet", [
    '<script>alert(1)</script>',
    '<iframe src="https://example.org/"></iframe>',
    '<object data="x.swf"></object>',
    '<embed src="x.swf">',
    '<style>body{display:none}</style>',
    '<img src="bild.png" onerror="alert(1)">',
    '[Klick](javascript:alert(1))',
    '<a href="java&#x09;script:alert(1)">x</a>',
    '[Bild](data:text/html;base64,PHNjcmlwdD4=)',
    '[Klick](https://example.org/){ onclick="alert(1)" }',
])
def test_dangerous_html_in_a_page_is_refused_with_its_line(snippet):
    text = f"---\ntitle: Neu\n---\n# Neu\n\nText\n\n{snippet}\n"
    problems = check_text(text, "neu.md", "docs/de/neu.md")
    assert problems and all(p.file == "docs/de/neu.md" for p in problems)
    assert problems[0].line == 8 and "nicht erlaubt" in problems[0].message


def test_dangerous_html_in_a_template_page_is_refused():
    text = "---\nrender_macros: true\n---\n{{ ki_contact() }}\n<script>x</script>\n"
    problems = check_text(text, "impressum.md", "impressum.md")
    assert [p.line for p in problems] == [5] and "<script>" in problems[0].message


def test_harmless_html_and_links_in_a_page_pass():
    text = ('# Neu\n\n<abbr title="x">KIM</abbr> [Quelle](https://example.org/) '
            '[Mail](mailto:a@b.de)\n')
    assert check_text(text, "neu.md", "neu.md") == []


# Item 4: text is text.

@pytest.mark.parametrize("character", ["\\0", "\\x01", "\\e", "\\r", "\\x1f", "\\u202A",
                                       "\\u202B", "\\u202C", "\\u202D", "\\u202E"])
def test_control_and_bidi_override_characters_in_text_are_refused(tmp_path, character):
    data = minimal(tmp_path / "data")
    text = (data / "providers.yml").read_text()
    (data / "providers.yml").write_text(
        text.replace("name: Testverein e. V.", f'name: "Test{character}verein"'))
    errors = errors_of(data)
    assert [(e.file.rsplit("/", 1)[-1], e.line, e.field) for e in errors] == [
        ("providers.yml", 4, "providers[0].name")]
    assert "nicht erlaubt" in errors[0].message and "U+" in errors[0].message


def test_a_bidi_override_in_a_url_is_refused(tmp_path):
    data = minimal(tmp_path / "data")
    text = (data / "region.yml").read_text()
    (data / "region.yml").write_text(text.replace(
        "website: https://testkreis.example.de", 'website: "https://testkreis.example.de/\\u202Efdp.exe"'))
    errors = errors_of(data)
    assert [(e.line, e.field) for e in errors] == [(10, "ki.contact.website")]
    assert "U+202E" in errors[0].message


def test_bidi_isolates_stay_allowed(tmp_path):
    data = minimal(tmp_path / "data")
    text = (data / "providers.yml").read_text()
    (data / "providers.yml").write_text(
        text.replace("name: Testverein e. V.", 'name: "Verein \\u2067مرکز\\u2069 e. V."'))
    assert load(data).providers["testverein"].name == "Verein \u2067مرکز\u2069 e. V."


def test_an_over_long_integer_is_a_located_german_error(tmp_path, capsys):
    data = minimal(tmp_path / "data")
    text = (data / "papers.yml").read_text()
    (data / "papers.yml").write_text(text.replace("reference: 1/21", "reference: " + "9" * 5001))
    assert cli.main(["validate", str(data)]) == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert "papers.yml:4:16: papers[0].reference: Zahl mit 5001 Ziffern" in err


# Item 5: every value reaching Material's templates is escaped; every output stays one line.

def test_a_region_name_with_a_quote_stays_inside_the_header_attribute(hostile_site):
    soup = BeautifulSoup((hostile_site / "impressum/index.html").read_text(encoding="utf-8"),
                         "html.parser")
    logo = soup.select_one("a.md-logo")
    assert logo["aria-label"] == 'KIM Kreis "Unna" onmouseover=x & Co'
    assert "onmouseover" not in logo.attrs
    assert soup.title.get_text().endswith('KIM Kreis "Unna" onmouseover=x & Co')


def test_a_page_title_with_markup_is_escaped(hostile_site):
    soup = BeautifulSoup((hostile_site / "neu/index.html").read_text(encoding="utf-8"),
                         "html.parser")
    assert soup.title.get_text().startswith("</title><b>fett</b>")
    assert soup.select("b") == []


def hostile_kind(tmp_path: Path) -> Path:
    data = minimal(tmp_path / "data")
    text = (data / "providers.yml").read_text()
    (data / "providers.yml").write_text(
        text.replace("kind: Verein", 'kind: "Verein\\n::warning::eingeschleust\\r\\n::error::x"'))
    return data


@pytest.mark.parametrize("fmt", ["text", "github", "gitlab", "json"])
def test_a_line_break_in_a_value_starts_no_line_of_its_own_on_any_stream(tmp_path, capsys, fmt):
    data = hostile_kind(tmp_path)
    assert cli.main(["validate", str(data), "--format", fmt, "--output", str(tmp_path / "r")]
                    if fmt == "gitlab" else ["validate", str(data), "--format", fmt]) == 1
    captured = capsys.readouterr()
    streams = [captured.out, captured.err]
    if fmt == "gitlab":
        streams.append((tmp_path / "r").read_text(encoding="utf-8"))
    for stream in streams:
        assert not any(line.startswith(("::warning::eingeschleust", "::error::x"))
                       for line in stream.splitlines())
        assert "\r" not in stream


def test_a_message_with_a_line_break_and_an_escape_sequence_is_one_line():
    from macros.loader import DataError

    shown = str(DataError("data/x.yml", 3, 1, "name", "'a\n::warning::b\r\x1b[31m'"))
    assert shown == "data/x.yml:3:1: name: 'a\\n::warning::b\\r\\u001b[31m'"


# Item 6: publishing has no gap; leftovers of killed builds go.

def test_exchange_swaps_two_folders_in_one_step(tmp_path):
    first, second = write(tmp_path / "a" / "x", "a").parent, write(tmp_path / "b" / "x", "b").parent
    assert exchange(first, second)
    assert (first / "x").read_text() == "b" and (second / "x").read_text() == "a"


def test_a_crash_during_publishing_leaves_a_complete_site(tmp_path, monkeypatch):
    out = write(tmp_path / "site" / "index.html", "alt").parent
    staging = write(tmp_path / "neu" / "index.html", "neu").parent
    renames = []
    original = Path.rename

    def killed_at_second_rename(self, target):
        renames.append(self)
        if len(renames) == 2:
            raise KeyboardInterrupt  # the build is killed here
        return original(self, target)

    monkeypatch.setattr(Path, "rename", killed_at_second_rename)
    try:
        publish(staging, out)
    except KeyboardInterrupt:
        pass
    assert (out / "index.html").read_text() in ("alt", "neu")


def dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def test_the_next_build_removes_what_a_killed_build_left(tmp_path):
    left = write(tmp_path / f".site-build-{dead_pid()}-abc" / "site-de" / "index.html",
                 "x").parent.parent
    old = write(tmp_path / f".site-old-{dead_pid()}" / "index.html", "x").parent
    build_site(TINY_REGION, tmp_path / "site", languages=["de"])
    assert not left.exists() and not old.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def test_a_running_builds_work_folder_is_left_alone(tmp_path):
    from macros.build import remove_leftovers

    running = write(tmp_path / f".site-build-{os.getppid()}-abc" / "x", "x").parent
    assert remove_leftovers(tmp_path / "site") == [] and running.exists()


def test_a_killed_build_process_leaves_the_published_site_and_the_next_cleans_up(tmp_path, tiny):
    out = tmp_path / "site"
    shutil.copytree(tiny, out)  # a published site (built once per session)
    child = subprocess.Popen([sys.executable, "-c",
                              "import sys; from pathlib import Path; "
                              "from macros.build import build_site;"
                              f"build_site(Path({str(TINY_REGION)!r}), Path({str(out)!r}))"],
                             cwd=ROOT)
    import time

    def working() -> bool:  # the child's work folder holds a language's docs being built
        return any(p.name.startswith(("docs-", "site-"))
                   for w in tmp_path.glob(".site-build-*") for p in w.iterdir())

    deadline = time.monotonic() + 60
    while not working():
        assert child.poll() is None, "the build ended before it could be killed"
        assert time.monotonic() < deadline
        time.sleep(0.02)
    child.kill()
    child.wait()
    assert (out / "index.html").is_file()
    assert any(p.name.startswith(".site-build-") for p in tmp_path.iterdir())
    build_site(TINY_REGION, out, languages=["de"])
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


# Item 7: the preview server.

@pytest.fixture
def preview(tmp_path, capfd):
    site = tmp_path / "site"
    write(site / "index.html", "<p>start</p>")
    write(site / "ordner" / "datei.txt", "x")
    import functools

    server = ThreadingHTTPServer(("127.0.0.1", 0),
                                 functools.partial(SiteHandler, directory=str(site)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server.server_address[1]
    server.shutdown()
    server.server_close()


def raw_get(port: int, path: str) -> tuple[int, str]:
    with socket.create_connection(("127.0.0.1", port), timeout=5) as sock:
        sock.sendall(f"GET {path} HTTP/1.0\r\nHost: x\r\n\r\n".encode("latin-1"))
        answer = b""
        while chunk := sock.recv(65536):
            answer += chunk
    head = answer.split(b"\r\n\r\n", 1)[0].decode("latin-1")
    return int(head.split()[1]), head


@pytest.mark.parametrize("path", ["/%00", "/index.html%00", "/%ff%fe", "/a%0a"])
def test_a_malformed_path_gets_400_without_a_traceback(preview, capfd, path):
    status, head = raw_get(preview, path)
    assert status == 400
    assert "Content-Security-Policy: default-src 'self'" in head
    assert "Traceback" not in capfd.readouterr().err


def test_the_preview_server_lists_no_folders(preview):
    status, head = raw_get(preview, "/ordner/")
    assert status == 404 and "Content-Security-Policy" in head


def test_the_preview_server_still_serves_files(preview):
    assert raw_get(preview, "/")[0] == 200 and raw_get(preview, "/ordner/datei.txt")[0] == 200


# Item 8: ids that share a namespace or a URL space cannot collide.

def test_a_provider_id_equal_to_a_municipality_id_is_refused(tmp_path):
    data = minimal(tmp_path / "data")
    text = (data / "providers.yml").read_text()
    (data / "providers.yml").write_text(text.replace("id: testverein", "id: musterstadt"))
    errors = [e for e in errors_of(data) if "teilen sich" in e.message]
    assert [(e.file.rsplit("/", 1)[-1], e.line, e.field) for e in errors] == [
        ("region.yml", 19, "municipalities[0].id")]


def test_a_provider_id_equal_to_an_organization_id_is_refused(tmp_path):
    data = minimal(tmp_path / "data")
    text = (data / "providers.yml").read_text()
    (data / "providers.yml").write_text(text.replace("id: testverein", "id: kreistag"))
    errors = [e for e in errors_of(data) if "teilen sich" in e.message]
    assert [(e.file.rsplit("/", 1)[-1], e.line, e.field) for e in errors] == [
        ("providers.yml", 3, "providers[0].id")]


def test_a_provider_that_is_the_same_body_may_share_its_id_when_it_says_so(tmp_path):
    data = minimal(tmp_path / "data")
    text = (data / "providers.yml").read_text()
    (data / "providers.yml").write_text(text + "  - id: musterstadt\n    name: Stadt Musterstadt\n"
                                        "    kind: Kommune\n    same_as: municipality\n"
                                        "    source:\n      document: test-konzept\n")
    assert "musterstadt" in load(data).providers


def test_a_paper_id_may_not_take_the_overview_page(tmp_path):
    data = minimal(tmp_path / "data")
    text = (data / "papers.yml").read_text()
    (data / "papers.yml").write_text(text.replace("id: ds-1-21", "id: index"))
    errors = [e for e in errors_of(data) if "reserviert" in e.message]
    assert [(e.file.rsplit("/", 1)[-1], e.line, e.field) for e in errors] == [
        ("papers.yml", 3, "papers[0].id")]


# Low items of the issue.

def test_a_folder_where_a_data_file_should_be_is_reported_in_german(tmp_path):
    data = minimal(tmp_path / "data")
    (data / "offers").mkdir(exist_ok=True)
    (data / "offers" / "kurs.yml").mkdir()
    errors = errors_of(data)
    assert [e.message for e in errors] == [
        "Datei kann nicht gelesen werden: ist ein Ordner, keine Datei"]


@pytest.mark.parametrize("amount", [Decimal("-0.00"), Decimal("-0.004"), Decimal("-0")])
def test_a_negative_zero_amount_is_shown_as_zero(amount):
    assert formatting.money(amount, "de_DE") == "0,00\xa0€"


def test_a_negative_amount_keeps_its_sign():
    assert formatting.money(Decimal("-5"), "de_DE").startswith("-5,00")


def test_a_line_break_in_a_changed_record_stays_on_its_line_in_kim_diff():
    from macros.datadiff import RecordChange, summary

    text = summary([RecordChange("Mitgliedschaft", "rat/Vorsitz\n::warning::eingeschleust", "neu")],
                   "main", "HEAD")
    assert not any(line.startswith("::") for line in text.splitlines())
    assert "Vorsitz\\n::warning::eingeschleust" in text
