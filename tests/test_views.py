"""The template renderer (macros/views.py) and the offer result item's single source of markup."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from jinja2 import UndefinedError
from support import page

from macros.pages.offers import RESULT_SKELETON
from macros.views import render


def _result(**fields) -> BeautifulSoup:
    item = {**RESULT_SKELETON, "href": "x/", "name": "Name", "provider": None, "where": "Ort",
            "professional": None, "groups": None, "facts": None, **fields}
    return BeautifulSoup(render("partials/offer_result.html", item=item), "html.parser")


def test_template_values_are_escaped():
    html = render("partials/offer_result.html",
                  item={**RESULT_SKELETON, "name": '<img src=x onerror="alert(1)">'})
    assert "<img" not in html and "&lt;img" in html


def test_yaml_text_that_looks_like_a_template_is_shown_not_evaluated():
    assert _result(name="{{ 7 * 7 }}").a.string == "{{ 7 * 7 }}"


def test_a_field_missing_from_the_view_model_fails_the_render():
    with pytest.raises(UndefinedError):
        render("partials/offer_result.html", item={"name": "Name"})


def test_a_result_shows_for_whom_cost_and_languages_only_where_known():
    known = _result(groups="Für wen: Eltern", facts="Kosten: kostenlos",
                    professional="Für Fachkräfte")
    assert known.select_one(".kim-offer-for").get_text() == "Für wen: Eltern"
    assert known.select_one(".kim-offer-facts").get_text() == "Kosten: kostenlos"
    assert known.select_one(".kim-offer-pro").get_text() == "Für Fachkräfte"
    assert _result().select(".kim-offer-for, .kim-offer-facts, .kim-offer-pro") == []


def test_a_result_without_provider_has_no_provider_line():
    assert [p.get("class") for p in _result(provider=None).select("p")] == [["kim-offer-where"]]


def test_the_overview_holds_the_empty_result_item_for_offers_js(tiny):
    template = page(tiny, "de", "angebote/index.html").select_one("template#kim-offer-item")
    item = BeautifulSoup(template.decode_contents(), "html.parser")
    # The same partial as the results, with every field empty: offers.js fills it by textContent.
    assert str(item) == str(BeautifulSoup(render("partials/offer_result.html",
                                                 item=RESULT_SKELETON), "html.parser"))
    assert [child.name for child in item.li.find_all(recursive=False)] == [
        "a", "span", "p", "p", "p", "p"]
    assert item.get_text().strip() == "" and not item.a.has_attr("href")



@pytest.mark.parametrize("name", ["offers/overview.html", "modules/list.html",
                                  "bodies/steering.html", "bodies/groups.html"])
def test_a_page_without_records_shows_its_empty_message(name):
    # Not {{ none }}: that is Jinja's None literal and printed "None" instead of the message.
    html = render(name, offers=False, modules=[], groups=[], empty_text="Keine Einträge")
    assert html == "<p>Keine Einträge</p>"
