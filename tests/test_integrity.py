"""Integrity gate: every internal link and anchor resolves, every page is valid HTML (Nu HTML
Checker, one run over all regions), the sitemaps are valid sitemaps.org XML naming our pages."""

from __future__ import annotations

import os
import shutil

import pytest
from support import REGIONS

from macros.build import DEFAULT_SITE_URL
from macros.integrity import ACCEPTED_HTML_ERRORS, check_links, check_sitemaps, validate_html

SITE_URL = os.environ.get("KIM_SITE_URL", DEFAULT_SITE_URL)


@pytest.mark.parametrize("region", REGIONS)
def test_every_internal_link_and_anchor_resolves(sites, region):
    assert check_links(sites[region], SITE_URL) == []


@pytest.mark.parametrize("region", REGIONS)
def test_sitemaps_are_valid_and_name_only_pages_of_the_site(sites, region):
    assert check_sitemaps(sites[region], SITE_URL) == []


@pytest.fixture(scope="module")
def checked_html(sites, tmp_path_factory):
    """ONE run of the Nu HTML Checker over every region, plus a folder with a broken page."""
    broken = tmp_path_factory.mktemp("broken-html")
    html = (sites["kreis-unna"] / "kommunen" / "index.html").read_text(encoding="utf-8")
    (broken / "kaputt.html").write_text(html.replace("<article", "<article><li><div></span>", 1),
                                        encoding="utf-8")
    problems = validate_html(*(sites[region] for region in REGIONS), broken)
    return broken, problems


@pytest.mark.validator
def test_every_page_of_every_region_is_valid_html(checked_html):
    broken, problems = checked_html
    ours = [p for p in problems if not p.startswith(f"{broken}/")]
    assert ours == [], "\n".join(ours[:40])


@pytest.mark.validator
def test_validator_fails_on_invalid_html(checked_html):
    broken, problems = checked_html
    assert any(p.startswith(f"{broken / 'kaputt.html'}:") for p in problems)


def test_every_accepted_html_error_has_a_written_reason():
    for message, element, reason in ACCEPTED_HTML_ERRORS:
        assert message and element and len(reason.split()) >= 8


# --- the gates fail on broken pages ----------------------------------------------------------


@pytest.fixture
def copy_of_unna(unna, tmp_path):
    site = tmp_path / "site"
    shutil.copytree(unna, site)
    return site


def test_link_check_fails_on_a_dead_link(copy_of_unna):
    page = copy_of_unna / "kommunen" / "index.html"
    html = page.read_text(encoding="utf-8")
    page.write_text(html.replace("<article", '<a href="../gibt-es-nicht/">x</a><article', 1),
                    encoding="utf-8")
    problems = check_links(copy_of_unna, SITE_URL)
    assert problems == [f"kommunen/index.html:{_line_of(html, '<article')}: dead link: "
                        "../gibt-es-nicht/"]


def test_link_check_fails_on_a_missing_anchor(copy_of_unna):
    page = copy_of_unna / "index.html"
    html = page.read_text(encoding="utf-8")
    page.write_text(html.replace("<article", '<a href="kommunen/#kein-anker">x</a><article', 1),
                    encoding="utf-8")
    assert any("missing anchor #kein-anker" in p for p in check_links(copy_of_unna, SITE_URL))


def test_link_check_fails_on_a_dead_absolute_link_to_the_site(copy_of_unna):
    page = copy_of_unna / "index.html"
    html = page.read_text(encoding="utf-8")
    page.write_text(html.replace("<article", f'<a href="{SITE_URL}fehlt/">x</a><article', 1),
                    encoding="utf-8")
    assert any("dead link" in p for p in check_links(copy_of_unna, SITE_URL))


def test_sitemap_check_fails_on_a_page_that_does_not_exist(copy_of_unna):
    sitemap = copy_of_unna / "sitemap.xml"
    xml = sitemap.read_text(encoding="utf-8")
    sitemap.write_text(xml.replace("</loc>", "gibt-es-nicht/</loc>", 1), encoding="utf-8")
    (copy_of_unna / "sitemap.xml.gz").unlink()
    assert any("names no page" in p for p in check_sitemaps(copy_of_unna, SITE_URL))


def test_sitemap_check_fails_on_malformed_xml(copy_of_unna):
    sitemap = copy_of_unna / "sitemap.xml"
    sitemap.write_text(sitemap.read_text(encoding="utf-8").replace("</urlset>", ""),
                       encoding="utf-8")
    assert any("not well-formed" in p for p in check_sitemaps(copy_of_unna, SITE_URL))


def _line_of(html: str, needle: str) -> int:
    return html[: html.index(needle)].count("\n") + 1
