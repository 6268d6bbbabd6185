"""The start page leads to help: the offers, by town and topic, in the reader's language, with
the region's contact on the same page (issue 16 item 2). On the tiny SYNTHETIC region."""

from __future__ import annotations

from pathlib import Path

import pytest
from support import TINY_LANGUAGES, page

from macros.build import build_site
from macros.i18n import catalogue


def _folder(lang: str) -> str:
    return "" if lang == "de" else f"{lang}/"


@pytest.mark.parametrize("lang", TINY_LANGUAGES)
def test_i_need_help_goes_to_the_offers(tiny, lang):
    helper = page(tiny, lang, "index.html").select_one("section.kim-help")
    assert helper.h2.a["href"] == "angebote/"
    assert helper.h2.a.get_text() == catalogue(lang)["entry.help"]
    assert helper.select_one("a.kim-primary")["href"] == "angebote/"
    assert (tiny / _folder(lang) / "angebote" / "index.html").exists()


@pytest.mark.parametrize("lang", TINY_LANGUAGES)
def test_the_help_offers_a_town_choice_and_topic_shortcuts_in_the_readers_language(tiny, lang):
    helper = page(tiny, lang, "index.html").select_one("section.kim-help")
    towns = helper.select('ul[aria-labelledby="kim-help-town"] a')
    topics = helper.select('ul[aria-labelledby="kim-help-topic"] a')
    assert [a.get_text() for a in towns] == ["Musterstadt", "Beispieldorf"]
    assert {a.get_text() for a in topics} == {
        catalogue(lang)[f"topic.{t}"] for t in ("sprache", "schule-bildung", "beratung")}
    for link in towns + topics:
        assert link["href"].startswith("angebote/")
        assert (tiny / _folder(lang) / link["href"] / "index.html").exists(), link["href"]


def test_the_regions_contact_stays_on_the_start_page(tiny):
    soup = page(tiny, "de", "index.html")
    assert soup.select_one("section.kim-help").select_one('a[href="#kontakt"]')
    contact = soup.select_one(".kim-contact address")
    assert "ki@testkreis.example.de" in contact.get_text()
    assert soup.find(id="kontakt") is not None


def test_phone_numbers_and_postcodes_stay_left_to_right_in_arabic(tiny):
    contact = page(tiny, "ar", "index.html").select_one(".kim-contact address")
    phone = contact.select_one('a[href^="tel:"]')
    assert phone.get_text() == "01234 567890" and phone["dir"] == "ltr"


def test_without_offers_the_help_leads_to_the_contact_and_shows_no_empty_choices(
        minimal_data: Path, tmp_path: Path):
    for offer in (minimal_data / "offers").glob("*.yml"):
        offer.unlink()
    site = tmp_path / "site"
    build_site(minimal_data, site, languages=["de"])
    helper = page(site, "de", "index.html").select_one("section.kim-help")
    assert helper.h2.a["href"] == "#kontakt"
    assert helper.select("ul.kim-chips") == [] and helper.select_one("a.kim-primary") is None
