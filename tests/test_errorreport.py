"""'Fehler melden' (issue 16 item 8): every page links an e-mail to the region's editorial
contact with the page's address and the record's id; no link where the region names none."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import parse_qs, unquote, urlparse

import pytest
from support import TINY_LANGUAGES, html_files, lang_of, page

from macros import completeness
from macros.build import DEFAULT_SITE_URL, build_site
from macros.i18n import catalogue
from macros.loader import load

ADDRESS = "redaktion@testkreis.example.de"  # SYNTHETIC, tests/fixtures/tiny-region/region.yml


def _mail(link) -> tuple[str, dict[str, str]]:
    url = urlparse(link["href"])
    assert url.scheme == "mailto"
    return unquote(url.path), {k: v[0] for k, v in parse_qs(url.query).items()}


def test_every_page_has_one_report_link_to_the_editors(tiny):
    pages = [p for p in html_files(tiny) if p.name == "index.html" and "assets" not in p.parts]
    assert len(pages) > 20
    for path in pages:
        soup = page(tiny, "de", str(path.relative_to(tiny)))
        links = soup.select("p.kim-report a")
        assert len(links) == 1, path
        address, _ = _mail(links[0])
        assert address == ADDRESS
        assert links[0].get_text() == catalogue(lang_of(tiny, path))["report.link"], path


@pytest.mark.parametrize("lang", TINY_LANGUAGES)
def test_an_offers_report_names_the_page_and_the_record_id(tiny, lang):
    link = page(tiny, lang, "angebote/sprachcafe/index.html").select_one("p.kim-report a")
    _, fields = _mail(link)
    folder = "" if lang == "de" else f"{lang}/"
    assert f"Seite: {DEFAULT_SITE_URL}{folder}angebote/sprachcafe/" in fields["body"]
    assert "Kennung: sprachcafe" in fields["body"]
    assert catalogue(lang)["report.body"] in fields["body"]


def test_a_page_that_shows_no_record_names_no_id(tiny):
    _, fields = _mail(page(tiny, "de", "kommunen/index.html").select_one("p.kim-report a"))
    assert "Kennung" not in fields["body"] and f"{DEFAULT_SITE_URL}kommunen/" in fields["body"]


def test_without_an_editorial_address_no_link_and_a_completeness_gap(minimal_data: Path,
                                                                     tmp_path: Path):
    gaps = completeness.gaps(load(minimal_data))
    assert "Fehler melden" in [g.subject for g in gaps]
    site = tmp_path / "site"
    build_site(minimal_data, site, languages=["de"])
    assert page(site, "de", "index.html").select("p.kim-report") == []
    quality = page(site, "de", "datenqualitaet/index.html").get_text()
    assert "site.editorial_email" in quality
