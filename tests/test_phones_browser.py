"""Phones (issue 16 item 1): every page type in every language at 320 and 412 px, with
JavaScript on and off, in Debian's Chromium over the Kreis Unna site.

One page load per page x language x width x JavaScript state; every check runs on that one load
(``MEASURE``) and the tests below assert on the collected results, one behaviour each. A few
interactive checks (language menu, drawer, search) run once per language and width.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest
from support import PAGE_TYPES

from macros.i18n import languages

pytestmark = pytest.mark.browser

WIDTHS = (320, 412)
LANGS = list(languages())
MIN_TARGET = 24  # CSS px, WCAG 2.2 2.5.8 (AA)
PRIMARY_TARGET = 44  # CSS px, the primary actions (WCAG 2.5.5, AAA)

# What one page load measures. Cells: a table cell is "cut" when it lies outside the screen and
# no scrolling container holds it, or when its scrolling container itself reaches off screen.
# Scrollers: containers that scroll sideways must take keyboard focus, show a cue (a shadow at the
# side that hides content) and start at the reading direction's start. Targets: every control
# that is not a link inside running text (WCAG 2.5.8's inline exception).
MEASURE = (Path(__file__).parent / "phone_measure.js").read_text(encoding="utf-8")


@dataclass(frozen=True)
class Load:
    lang: str
    width: int
    js: bool
    path: str

    def __str__(self) -> str:
        return f"{self.lang} {self.width}px JS {'on' if self.js else 'off'} /{self.path}"


def prefix(lang) -> str:
    return f"{lang.path}/" if lang.path else ""


def phone_pages(root) -> list[str]:
    """Every page type of the tests' list, plus one offer page and one paper page (their ids
    differ per region, so they are taken from the built site)."""
    extra = []
    for folder in ("angebote", "beschluesse"):
        found = sorted(p for p in (root / folder).iterdir()
                       if p.is_dir() and p.name not in ("thema", "ort", "seite")
                       and (p / "index.html").exists())
        if found:
            extra.append(f"{folder}/{found[0].name}/index.html")
    return PAGE_TYPES + extra


@pytest.fixture(scope="module")
def measured(browser, server) -> dict[Load, dict]:
    """Every page type x language x width x JavaScript on/off, loaded once and measured."""
    results = {}
    pages = phone_pages(server.root)
    for js in (True, False):
        for width in WIDTHS:
            context = browser.new_context(viewport={"width": width, "height": 740},
                                          java_script_enabled=js, has_touch=True, is_mobile=True)
            page = context.new_page()
            for lang in LANGS:
                for path in pages:
                    page.goto(f"{server}/{prefix(lang)}{path.removesuffix('index.html')}",
                              wait_until="load")
                    if js:  # offers.js and search.js have run once the page settled
                        page.wait_for_load_state("networkidle")
                    results[Load(lang.code, width, js, path)] = page.evaluate(MEASURE)
            context.close()
    return results


def failures(measured: dict[Load, dict], check) -> list[str]:
    return [f"{load}: {problem}" for load, seen in measured.items()
            for problem in check(seen) or ()]


def test_no_page_is_wider_than_the_phone_screen(measured):
    assert failures(measured, lambda m: [m["width"]] if m["width"] > m["viewport"] else []) == []


def test_no_table_cell_lies_outside_the_screen_or_its_scroll_container(measured):
    assert failures(measured, lambda m: m["cut"]) == []


def test_tables_that_scroll_take_focus_show_a_cue_and_start_at_the_reading_start(measured):
    def check(m):
        return [s for s in m["scroll"]
                if not (s["focusable"] and s["labelled"] and s["cue"] and s["atStart"])]
    assert failures(measured, check) == []


def on_screen(box, m) -> bool:
    return box is not None and box["left"] >= -0.5 and box["right"] <= m["viewport"] + 0.5


def test_menu_and_language_buttons_are_on_the_screen(measured):
    assert failures(measured, lambda m: [f"{key} {m[key]}" for key in ("menu", "language")
                                         if not on_screen(m[key], m)]) == []


def test_with_javascript_the_search_button_is_on_the_screen(measured):
    with_js = {load: m for load, m in measured.items() if load.js}
    assert failures(with_js, lambda m: [] if on_screen(m["search"], m)
                    else [f"search {m['search']}"]) == []


def test_targets_are_at_least_24_pixels(measured):
    assert failures(measured, lambda m: m["small"]) == []


def test_primary_actions_are_44_pixels_high(measured):
    assert failures(measured, lambda m: [h for h in m["primary"] if h < PRIMARY_TARGET - .5]) == []
    assert any(m["primary"] for m in measured.values()), "no primary action found at all"


def test_nothing_is_shown_that_has_nothing_to_do(measured):
    assert failures(measured, lambda m: m["emptyPager"] + m["emptySelect"]) == []


# --- the header's menus, opened by touch and by keyboard -------------------------------------


@pytest.fixture(params=[(w, js) for w in WIDTHS for js in (True, False)],
                ids=lambda p: f"{p[0]}px-js-{'on' if p[1] else 'off'}")
def phone(browser, request):
    width, js = request.param
    context = browser.new_context(viewport={"width": width, "height": 740},
                                  java_script_enabled=js, has_touch=True, is_mobile=True)
    page = context.new_page()
    page.width, page.js = width, js
    yield page
    context.close()


def settled(locator) -> dict | None:
    """The element's box once Material's opening transition has ended.

    Material's search panel starts its transition only after a delay (0.15 s), so two equal reads
    100 ms apart can both fall inside the delay: first wait for every finite transition the
    page has started (reading a box flushes the style change that starts them), then for two
    equal reads."""
    locator.page.evaluate(
        "() => { document.body.getBoundingClientRect(); return Promise.all("
        "document.getAnimations().filter(a => a.effect && "
        "a.effect.getComputedTiming().endTime !== Infinity)"
        ".map(a => a.finished.catch(() => null))); }")
    box, last = locator.bounding_box(), None
    for _ in range(40):
        if box == last:
            return box
        locator.page.wait_for_timeout(100)
        box, last = locator.bounding_box(), box
    return box


def inside(box, width) -> bool:
    return box is not None and box["x"] >= -0.5 and box["x"] + box["width"] <= width + 0.5


# True when the element's middle point shows the element itself (not covered, not scrolled away)
HIT = """el => { const r = el.getBoundingClientRect();
  return el.contains(document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2)); }"""


@pytest.mark.parametrize("lang", LANGS, ids=[lang.code for lang in LANGS])
def test_language_menu_shows_all_languages_on_the_screen(phone, server, lang):
    phone.goto(f"{server}/{prefix(lang)}angebote/", wait_until="load")
    phone.locator(".md-header .md-select > button").tap()
    links = phone.locator(".md-header .md-select__inner a.md-select__link")
    assert links.count() == len(LANGS)
    settled(links.last)  # Material's opening transition
    for index in range(len(LANGS)):
        link = links.nth(index)
        box = link.bounding_box()
        assert link.is_visible() and inside(box, phone.width), f"{lang.code}: {index} {box}"
        # not hidden inside a scrolling box: the link's middle is what the reader sees there
        hit = phone.evaluate(HIT, link.element_handle())
        assert hit, f"{lang.code}: language {index} is covered or scrolled away"


@pytest.mark.parametrize("lang", LANGS, ids=[lang.code for lang in LANGS])
def test_menu_opens_by_keyboard_and_its_links_are_on_the_screen(phone, server, lang):
    phone.goto(f"{server}/{prefix(lang)}", wait_until="load")
    phone.focus("#__drawer")
    phone.keyboard.press("Space")
    phone.wait_for_timeout(400)
    assert phone.evaluate("document.getElementById('__drawer').checked")
    # the sidebar's own entries (the current page's headings slide in as a panel of their own)
    nav = phone.locator(".md-sidebar--primary .md-nav--primary > .md-nav__list > .md-nav__item"
                        " > a.md-nav__link:visible")
    assert nav.count() > 5
    settled(nav.first)
    for index in range(nav.count()):
        box = nav.nth(index).bounding_box()
        assert inside(box, phone.width), f"{lang.code}: entry {index} {box}"
        assert box["height"] >= MIN_TARGET - .5, f"{lang.code}: entry {index} {box}"


# Search needs JavaScript (search.js); without it the header shows no search button.
@pytest.mark.parametrize("phone", [(w, True) for w in WIDTHS], indirect=True,
                         ids=[f"{w}px-js-on" for w in WIDTHS])
@pytest.mark.parametrize("lang", LANGS, ids=[lang.code for lang in LANGS])
def test_search_opens_within_the_screen(phone, server, lang):
    phone.goto(f"{server}/{prefix(lang)}", wait_until="networkidle")
    phone.locator('.md-header label.md-header__button[for="__search"]').tap()
    field = phone.locator(".md-search__input")
    field.wait_for(state="visible")
    assert inside(settled(field), phone.width)
    assert phone.evaluate("document.documentElement.scrollWidth") <= phone.width
    assert phone.evaluate(
        "Math.round(document.querySelector('.md-search__inner').getBoundingClientRect().width)"
    ) <= phone.width
