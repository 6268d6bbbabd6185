"""What the site tests share: the regions, the page types, and helpers to read built pages.

Fixtures that build real sites (``sites``, ``unna``) and serve one to Chromium (``server``,
``browser``, ``desktop``) live in conftest.py and use these.
"""

from __future__ import annotations

import contextlib
import functools
import shutil
import threading
from collections.abc import Iterator
from http.server import ThreadingHTTPServer
from pathlib import Path

from bs4 import BeautifulSoup

from macros import checks
from macros.build import DEFAULT_SITE_URL, build_site
from macros.context import PageContext
from macros.i18n import languages
from macros.loader import Dataset, load
from macros.pages import registry
from macros.serve import SiteHandler

ROOT = Path(__file__).resolve().parent.parent
REGIONS = {
    "kreis-unna": ROOT / "data",
    "kreis-wesel": ROOT / "examples" / "kreis-wesel",
    "stadt-leverkusen": ROOT / "examples" / "stadt-leverkusen",
}
# SYNTHETIC: a tiny invented region (German, one left-to-right and one right-to-left language)
# for the behaviour tests; the real regions' data is tested on their full builds (`regions`).
TINY_REGION = ROOT / "tests" / "fixtures" / "tiny-region"
TINY_LANGUAGES = ("de", "en", "ar")
# SYNTHETIC: a region.yml site block that leaves no completeness gap (with a privacy page per
# language, see conftest.complete_data).
SITE_BLOCK = """\
site:
  provider:
    name: Testkreis, Der Landrat (synthetisch)
    contact:
      email: portal@testkreis.example.de
  accessibility_contact:
    name: Testkreis, Barrierefreiheit (synthetisch)
    contact:
      email: barrierefrei@testkreis.example.de
  client_information:
    document: test-konzept
    section: Anlage 1
  editorial_email: redaktion@testkreis.example.de
"""

# One page of every page type (paths inside a language folder), from the page-type table
# (macros/pages/registry.py PAGE_TYPES, its `examples`): the lang/dir, accessibility, privacy
# and integrity gates all run over this list.
PAGE_TYPES = [f"{url}index.html" for url in registry.example_urls()]


class Sites(dict):
    """Each region built once per test session into a temporary folder, when first asked for."""

    def __init__(self, factory) -> None:
        super().__init__()
        self.factory = factory

    def __missing__(self, region: str) -> Path:
        out = self.factory.mktemp(region) / "site"
        build_site(REGIONS[region], out)
        self[region] = out
        return out


@functools.cache
def shipped_data(folder: str) -> Dataset:
    """A real region's data folder (path relative to the repository, e.g. "data"), loaded once
    per session: for tests that only read it. A test that changes data copies the folder."""
    return load(ROOT / folder)


@functools.cache
def shipped_findings(folder: str) -> tuple[checks.Finding, ...]:
    """The consistency checks' findings on a real region's data, computed once per session."""
    return tuple(checks.run(shipped_data(folder)))


def view_page(data: Dataset, kind: str, *key: object, lang: str = "de",
              view: str | None = None) -> BeautifulSoup:
    """A page's content rendered by its view directly, without MkDocs: the view of page type
    ``kind`` (its only one, or ``view``) for the page ``key``, in the PageContext the build
    gives that page."""
    page_type = registry.TYPES[kind]
    name = view or next(iter(page_type.views))
    language = next(x for x in languages() if x.code == lang)
    site_url = DEFAULT_SITE_URL + (f"{language.path}/" if language.path else "")
    ctx = PageContext(data, language, url=page_type.url(*key), build_path=language.path,
                      site_url=site_url)
    return BeautifulSoup(str(page_type.views[name](ctx, *key)), "html.parser")


def json_strings(node: object) -> Iterator[str]:
    """Every string in a parsed JSON/YAML value, depth first."""
    if isinstance(node, str):
        yield node
    elif isinstance(node, dict):
        for value in node.values():
            yield from json_strings(value)
    elif isinstance(node, list):
        for value in node:
            yield from json_strings(value)


def sidebar_links(site: Path, lang: str = "de", path: str = "kommunen/index.html") -> list[str]:
    """The hrefs of a page's primary navigation (the sidebar)."""
    return [a["href"] for a in page(site, lang, path).select("nav.md-nav--primary a[href]")]


def page(site: Path, lang: str, path: str) -> BeautifulSoup:
    """A built page by language code (the folder comes from portal.yml: de-x-ls -> leichte-sprache)."""  # noqa: E501
    folder = next(x.path for x in languages() if x.code == lang)
    prefix = f"{folder}/" if folder else ""
    return BeautifulSoup((site / f"{prefix}{path}").read_text(encoding="utf-8"), "html.parser")


def text_of(soup: BeautifulSoup) -> str:
    return " ".join(soup.select_one("article").get_text(" ").split())


def html_files(site: Path) -> list[Path]:
    """The site's public pages: not the editors' CMS (/redaktion/cms/, an application with a
    policy of its own, not linked from them; tests/test_cms.py and test_cms_browser.py)."""
    return sorted(p for p in site.rglob("*.html")
                  if not p.relative_to(site).as_posix().startswith("redaktion/cms/"))


def lang_of(site: Path, path: Path) -> str:
    first = path.relative_to(site).parts[0]
    codes = {lang.path: lang.code for lang in languages() if lang.path}
    return codes.get(first, "de")

# The sites of the `sites` fixture are built for the default URL; that is their own origin.
OWN_ORIGINS = {DEFAULT_SITE_URL.rstrip("/")}

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-background-networking", "--disable-component-update",
    "--disable-sync", "--disable-gpu", "--no-first-run",
]


# --- serving a folder on localhost -------------------------------------------------------------


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):
        # The browser closes connections it no longer needs (e.g. a 404 image): not an error.
        pass


class Served(str):
    """The base URL of a served folder (a plain string for the tests), with the folder beside it."""

    root: Path


@contextlib.contextmanager
def serve_folder(folder: Path, build=None) -> Iterator[Served]:
    """Serve ``folder`` on a free localhost port; ``build(url)`` runs first if given."""
    httpd = _Server(("127.0.0.1", 0), functools.partial(SiteHandler, directory=str(folder)))
    url = Served(f"http://127.0.0.1:{httpd.server_address[1]}")
    url.root = folder
    if build is not None:
        build(url + "/")
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield url
    finally:
        httpd.shutdown()
        httpd.server_close()



# --- synthetic data for the richer cases ----------------------------------------------------------
# SYNTHETIC TEST DATA: the offers below are invented; they exist only in temporary folders.

SYNTHETIC_OFFER = """\
# SYNTHETIC: erfundenes Testangebot
id: synth-sprachcafe
name: Synthetisches Sprachcafé
summary: Deutsch üben im Gespräch (erfundenes Testangebot).
description: "Ein **erfundenes** Angebot für Tests."
provider: kreis-unna-ki
topics: [sprache]
target_groups: [erwachsene]
service_area: [unna]
locations:
  - name: Testhaus
    address:
      street: Musterstraße 1
      postal_code: "59423"
      locality: Unna
    municipality: unna
    latitude: 51.5
    longitude: 7.7
    accessibility: Zugang mit Rollstuhl möglich
schedules:
  - weekly:
      - day: mi
        opens: "15:00"
        closes: "17:00"
    note: Nicht in den Ferien.
languages: [de, ar, kmr, prs]
interpreting: true
free_of_charge: true
access: [offen]
documents: [Aufenthaltstitel]
contacts:
  - name: Testbüro
    phone: "02303 123456"
    email: sprachcafe@synthetisch.example.de
last_reviewed: 2022-03-01
reviewed_by: Redaktion
synthetic: true
source:
  document: unna-rahmenkonzept
"""

SYNTHETIC_HOUSING = """\
# SYNTHETIC: erfundenes Testangebot
id: synth-wohnberatung
name: Synthetische Wohnberatung
summary: Hilfe bei der Wohnungssuche (erfundenes Testangebot).
topics: [wohnen]
target_groups: [frauen]
service_area: [luenen]
languages: [fa]
synthetic: true
source:
  document: unna-rahmenkonzept
"""


def with_synthetic_offers(tmp_path: Path, count: int = 0) -> Path:
    """The Kreis Unna data plus synthetic offers (SYNTHETIC), in a temporary folder."""
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    (data / "offers" / "synth-sprachcafe.yml").write_text(SYNTHETIC_OFFER, encoding="utf-8")
    for number in range(count):
        ident = f"synth-kurs-{number:03d}"
        (data / "offers" / f"{ident}.yml").write_text(
            f"# SYNTHETIC\nid: {ident}\nname: Synthetischer Kurs {number:03d}\n"
            "summary: Erfundenes Testangebot.\ntopics: [sprache]\nsynthetic: true\n"
            "source:\n  document: unna-rahmenkonzept\n", encoding="utf-8")
    (data / "offers" / "synth-wohnberatung.yml").write_text(SYNTHETIC_HOUSING, encoding="utf-8")
    return data


# --- minimal_data's funding row ----------------------------------------------------------------
# SYNTHETIC: one grant of 55.000 € from the Kreistag to Musterstadt, approved by paper 1/21, as
# a YAML list item. conftest.py's minimal_data writes it into funding.yml; test_checks.py builds
# crafted funding files around it.
MINIMAL_GRANT = """\
- id: zuwendung-2022
  year: 2022
  module: 2
  item: Personalkosten Fallmanagement
  measure: Zuwendung
  fte: 1.5
  amount: 55000.00
  from: kreistag
  to: musterstadt
  paper: ds-1-21
  source:
    document: test-vorlage
"""
