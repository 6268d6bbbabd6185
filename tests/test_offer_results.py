"""The offer list shows for whom an offer is, its cost and languages where the data states
them, and marks offers for professionals (issue 16 item 7); offers.js writes the same lines."""

from __future__ import annotations

import json

import pytest
from support import REGIONS, page

from macros.i18n import Translator, catalogue, language
from macros.loader import load
from macros.pages.offers import PROFESSIONALS, for_whom, offer_facts


@pytest.fixture(scope="module")
def unna_data():
    return load(REGIONS["kreis-unna"])


@pytest.mark.parametrize("lang", ["de", "ar"])
def test_each_result_says_for_whom_and_marks_offers_for_professionals(unna, unna_data, lang):
    tr = Translator(language(lang))
    items = page(unna, lang, "angebote/index.html").select("#kim-offer-results > li")
    assert items
    by_id = {item.a["href"].rstrip("/"): item for item in items}
    for ident, item in by_id.items():
        offer = unna_data.offers[ident]
        shown = item.select_one(".kim-offer-for")
        if offer.target_groups:
            assert shown.get_text() == for_whom(tr, offer)
            for group in offer.target_groups:
                assert catalogue(lang)[f"target.{group}"] in shown.get_text()
        else:
            assert shown is None  # nothing invented where the data names no target group
        badge = item.select_one(".kim-offer-pro")
        assert (badge is not None) == (PROFESSIONALS in offer.target_groups), ident
    assert any(PROFESSIONALS in unna_data.offers[i].target_groups for i in by_id), \
        "Kreis Unna names offers for professionals; one should be on the first page"


def test_cost_and_languages_appear_only_where_the_data_states_them(unna, unna_data):
    items = page(unna, "de", "angebote/index.html").select("#kim-offer-results > li")
    tr = Translator(language("de"))
    for item in items:
        offer = unna_data.offers[item.a["href"].rstrip("/")]
        facts = item.select_one(".kim-offer-facts")
        known = offer.cost or offer.free_of_charge or offer.languages
        assert (facts is not None) == bool(known)
        if facts is not None:
            assert facts.get_text() == offer_facts(tr, offer)


def test_offers_js_gets_the_same_lines_as_the_page(unna):
    records = json.loads((unna / "angebote" / "angebote.json").read_text(encoding="utf-8"))
    by_id = {r[0]: r for r in records["offers"]}
    for item in page(unna, "de", "angebote/index.html").select("#kim-offer-results > li"):
        record = by_id[item.a["href"].rstrip("/")]
        for index, css in ((9, ".kim-offer-for"), (10, ".kim-offer-facts")):
            shown = item.select_one(css)
            assert record[index] == (shown.get_text() if shown else "")
