"""German names that have no translation (a provider's name) are marked as German, with their
direction, on the pages of the other languages; on German pages they are plain text."""

from __future__ import annotations

from support import TINY_REGION, page

from macros.loader import load


def _provider_cell(soup):
    for term in soup.select("dl.kim-facts dt"):
        if term.find_next_sibling("dd") is not None and "Testverein" in term.find_next_sibling(
                "dd").get_text():
            return term.find_next_sibling("dd")
    return None


def test_a_providers_name_is_marked_german_on_an_arabic_offer_page(tiny):
    name = load(TINY_REGION).providers["testverein"].name
    cell = _provider_cell(page(tiny, "ar", "angebote/sprachcafe/index.html"))
    marked = cell.select_one('[lang="de"]')
    assert marked is not None and marked["dir"] == "ltr" and marked.get_text() == name


def test_a_providers_name_is_plain_text_on_a_german_offer_page(tiny):
    cell = _provider_cell(page(tiny, "de", "angebote/sprachcafe/index.html"))
    assert cell is not None and cell.select_one("[lang]") is None
