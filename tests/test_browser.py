"""Real pages in Debian's headless Chromium, driven by Playwright, served from localhost."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser


def nav_and_content(page) -> tuple[dict, dict]:
    """The bounding boxes of the primary navigation and of the article."""
    return (page.locator(".md-sidebar--primary").bounding_box(),
            page.locator("article").bounding_box())


def assert_right_to_left(page) -> dict:
    """The body runs right to left, the navigation stands right of the content, and nothing is
    wider than the 1280 px window. Returns the content's box."""
    assert page.evaluate("getComputedStyle(document.body).direction") == "rtl"
    nav, content = nav_and_content(page)
    assert nav["x"] > content["x"], "the navigation must be on the right in right-to-left pages"
    assert page.evaluate("document.documentElement.scrollWidth") <= 1280
    return content


@pytest.mark.parametrize("folder", ["ar", "fa"])
@pytest.mark.parametrize("path", ["kommunen/", "angebote/", "finanzierung/"])
def test_municipalities_offer_overview_and_funding_page_are_right_to_left(desktop, server, folder,
                                                                          path):
    desktop.goto(f"{server}/{folder}/{path}", wait_until="networkidle")
    assert_right_to_left(desktop)


def test_german_pages_are_laid_out_left_to_right(desktop, server):
    desktop.goto(f"{server}/kommunen/", wait_until="networkidle")
    nav, content = nav_and_content(desktop)
    assert nav["x"] < content["x"]


def test_language_switcher_opens_the_same_page_in_arabic(desktop, server):
    desktop.goto(f"{server}/kommunen/", wait_until="networkidle")
    desktop.locator(".md-header .md-select button").hover()
    desktop.locator("a.md-select__link[hreflang=ar]").click()
    desktop.wait_for_url(f"{server}/ar/kommunen/")
    assert desktop.locator("html").get_attribute("lang") == "ar"


# Reflow at 320 px over every page type: tests/test_accessibility.py


@pytest.mark.parametrize("folder", ["ar", "fa"])
def test_start_page_is_laid_out_right_to_left_with_navigation_on_the_right(desktop, server, folder):
    desktop.goto(f"{server}/{folder}/", wait_until="networkidle")
    assert desktop.evaluate("document.documentElement.lang") == folder
    content = assert_right_to_left(desktop)
    cards = desktop.locator("ul.kim-cards > li").first.bounding_box()
    assert cards["x"] + cards["width"] > content["x"] + content["width"] - 40, \
        "the first card starts at the right edge"


def test_arabic_page_prints_right_to_left_without_the_menus(desktop, server):
    desktop.emulate_media(media="print")
    desktop.goto(f"{server}/ar/", wait_until="networkidle")
    assert desktop.evaluate("getComputedStyle(document.body).direction") == "rtl"
    assert not desktop.locator(".md-sidebar--primary").is_visible()
    heading = desktop.locator("article h1").bounding_box()
    article = desktop.locator("article").bounding_box()
    right_gap = article["x"] + article["width"] - (heading["x"] + heading["width"])
    assert right_gap < 5, "the heading starts at the right edge in print, too"
