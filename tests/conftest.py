"""Shared fixtures. Keep each fixture small and clearly named; tests build on them."""

from __future__ import annotations

import os
from pathlib import Path
from textwrap import dedent, indent

import pytest
from hypothesis import settings
from support import (
    CHROMIUM,
    CHROMIUM_ARGS,
    MINIMAL_GRANT,
    ROOT,
    SITE_BLOCK,
    TINY_LANGUAGES,
    TINY_REGION,
    Sites,
    serve_folder,
)

from macros.build import build_site

# Every site a test builds renders each framed record page whole as well and fails where the two
# differ (macros/engine/frame.py): the frame's shape must name everything a page varies in.
os.environ.setdefault("KIM_FRAME_CHECK", "1")

# Hypothesis profiles: "full" (200 examples per property) is the default and what `make test`
# runs; `make test-fast` passes --hypothesis-profile=fast (25 examples: every property still
# runs, on fewer random inputs). A test's own max_examples, where it sets one, wins over both.
settings.register_profile("full", max_examples=200)
settings.register_profile("fast", max_examples=25)
settings.load_profile("full")

# Fixtures that build a real region in full: a test asking for one is marked `regions`, so
# `make test-fast` (-m "not regions") leaves it out and `make test` runs it.
REAL_REGION_FIXTURES = frozenset({"sites", "unna", "server"})


def pytest_collection_modifyitems(items) -> None:
    for item in items:
        if REAL_REGION_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.regions)


# --- the tiny SYNTHETIC region (tests/fixtures/tiny-region), built once per session -----------


@pytest.fixture(scope="session")
def tiny(tmp_path_factory) -> Path:
    """The SYNTHETIC tiny region built in German, English and Arabic, for behaviour tests."""
    out = tmp_path_factory.mktemp("tiny") / "site"
    build_site(TINY_REGION, out, languages=list(TINY_LANGUAGES))
    return out


# --- real sites, built once per session when first asked for ----------------------------------


@pytest.fixture(scope="session")
def sites(tmp_path_factory) -> Sites:
    return Sites(tmp_path_factory)


@pytest.fixture(scope="session")
def unna(sites) -> Path:
    return sites["kreis-unna"]


# --- the Kreis Unna site served on localhost, and Debian's chromium to read it ----------------


@pytest.fixture(scope="session")
def server(tmp_path_factory):
    """Base URL of the Kreis Unna site on localhost (``server.root`` is its folder)."""
    site = tmp_path_factory.mktemp("browser") / "site"
    # The site's canonical URL is this server, so absolute links stay on localhost.
    with serve_folder(site, build=lambda url: build_site(ROOT / "data", site, site_url=url)) as url:
        yield url


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail("Debian's chromium is missing: run `make test` (it installs it) or "
                    "`apt-get install chromium`")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def desktop(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    yield context.new_page()
    context.close()

# --- minimal_data: a tiny, VALID data folder ---------------------------------------------------
# SYNTHETIC TEST DATA: every name, number and document below is invented for the tests.
# Each file is small but exercises one cross reference of each kind (document, municipality,
# sub-region, organization, provider, paper, funding row), so a test can break exactly one thing.

MINIMAL_DATA: dict[str, str] = {
    "documents.yml": """\
        # Synthetische Testdaten (erfunden)
        documents:
          - id: test-konzept
            title: Testkonzept
            publisher: Testkreis
            date: 2021-10-05
            file: test-konzept.txt
          - id: test-vorlage
            title: Testvorlage
            publisher: Testkreis
            reference: Drucksache 1/21
            file: test-vorlage.txt
        """,
    "region.yml": """\
        # Synthetische Testdaten (erfunden)
        id: testkreis
        name: Testkreis
        kind: Kreis
        ki:
          name: Kommunales Integrationszentrum Testkreis
          contact:
            phone: 01234 567890
            email: ki@testkreis.example.de
            website: https://testkreis.example.de
          source:
            document: test-konzept
        sub_regions:
          - id: nord
            name: Nord
            source:
              document: test-konzept
        municipalities:
          - id: musterstadt
            name: Musterstadt
            sub_region: nord
          - id: beispieldorf
            name: Beispieldorf
        """,
    "bodies.yml": """\
        # Synthetische Testdaten (erfunden)
        organizations:
          - id: kreistag
            name: Kreistag
            organizationType: Gremium
            source:
              document: test-vorlage
        """,
    "papers.yml": """\
        # Synthetische Testdaten (erfunden)
        papers:
          - id: ds-1-21
            reference: 1/21
            name: Testvorlage
            date: 2021-09-01
            paperType: Beschlussvorlage
            consultation:
              - organization: kreistag
                meeting_date: 2021-10-05
                role: Entscheidung
                authoritative: true
            source:
              document: test-vorlage
        """,
    "providers.yml": """\
        # Synthetische Testdaten (erfunden)
        providers:
          - id: testverein
            name: Testverein e. V.
            kind: Verein
            source:
              document: test-konzept
        """,
    # The one row is support.MINIMAL_GRANT (test_checks.py builds on it too).
    "funding.yml": "# Synthetische Testdaten (erfunden)\nrows:\n" + indent(MINIMAL_GRANT, "  ")
    + dedent("""\
        declared_totals:
          - id: summe-2022
            label: Summe 2022
            amount: 55000
            parts: [zuwendung-2022]
            source:
              document: test-vorlage
        """),
    "offers/sprachcafe.yml": """\
        # Synthetische Testdaten (erfunden)
        id: sprachcafe
        name:
          de: Sprachcafé
          en:
            text: Language café
            status: machine
            source_hash: 215c8be2
        summary: Deutsch üben im Gespräch.
        provider: testverein
        topics: [sprache]
        service_area: [musterstadt]
        schedules:
          - weekly:
              - day: mi
                opens: "15:00"
                closes: "17:00"
        languages: [de, ar, kmr]
        contacts:
          - phone: 01234 567891
            email: sprachcafe@testverein.example.de
            website: https://testverein.example.de/sprachcafe
        synthetic: true
        source:
          document: test-konzept
        """,
}


@pytest.fixture
def minimal_data(tmp_path: Path) -> Path:
    """A tiny valid data folder (synthetic test data) at ``tmp_path / "data"``."""
    root = tmp_path / "data"
    for name, text in MINIMAL_DATA.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(dedent(text), encoding="utf-8")
    return root


@pytest.fixture
def complete_data(minimal_data: Path) -> Path:
    """minimal_data with a site block and a privacy page per language: no completeness gap."""
    from macros.i18n import languages

    with (minimal_data / "region.yml").open("a", encoding="utf-8") as handle:
        handle.write(SITE_BLOCK)
    for lang in languages():
        page = minimal_data / "pages" / lang.code / "datenschutz.md"
        page.parent.mkdir(parents=True, exist_ok=True)
        page.write_text("---\nrender_macros: true\ntitle: Datenschutz\n---\n# Datenschutz\n",
                        encoding="utf-8")
    return minimal_data
