"""Accessibility gate: axe-core (WCAG 2.0/2.1/2.2 A and AA) on one page of every page type in
every language, keyboard-only use of the language switcher and the offer filters, reflow at 320 px.

axe-core comes pinned inside the PyPI package axe-playwright-python (its bundled axe.min.js);
nothing of it is copied into this repository.
"""

from __future__ import annotations

import shutil

import pytest
from axe_playwright_python.base import AXE_SCRIPT
from support import PAGE_TYPES, serve_folder

from macros.i18n import languages

pytestmark = pytest.mark.browser

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]

# axe rule id -> why it is switched off. Every exclusion needs its reason written here.
EXCLUDED_RULES: dict[str, str] = {}

LANGUAGES = [(lang.code, lang.path) for lang in languages()]


def url_of(server: str, lang_path: str, page_type: str) -> str:
    prefix = f"{lang_path}/" if lang_path else ""
    return f"{server}/{prefix}{page_type.removesuffix('index.html')}"


@pytest.fixture(scope="module")
def axe_page(browser):
    """One tab that has axe-core loaded into every document it opens."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.add_init_script(AXE_SCRIPT)
    yield context.new_page()
    context.close()


def axe_violations(page, url: str) -> list[str]:
    """Load ``url`` and return axe's WCAG A/AA violations, one readable line each."""
    response = page.goto(url, wait_until="load")
    assert response is not None and response.ok, f"{url}: HTTP {response and response.status}"
    options = {"runOnly": {"type": "tag", "values": WCAG_TAGS},
               "rules": {rule: {"enabled": False} for rule in EXCLUDED_RULES},
               "resultTypes": ["violations"]}
    result = page.evaluate("options => axe.run(document, options)", options)
    return [f"{v['id']} ({v['impact']}): {v['help']} at "
            + ", ".join(" ".join(node["target"]) for node in v["nodes"][:5])
            for v in result["violations"]]


def test_every_excluded_rule_has_a_written_reason():
    for rule, reason in EXCLUDED_RULES.items():
        assert len(reason.split()) >= 5, f"exclusion of {rule} needs a written reason"


@pytest.mark.parametrize("lang_path", [path for _, path in LANGUAGES],
                         ids=[code for code, _ in LANGUAGES])
@pytest.mark.parametrize("page_type", PAGE_TYPES)
def test_page_has_no_wcag_a_or_aa_violations(axe_page, server, lang_path, page_type):
    found = axe_violations(axe_page, url_of(server, lang_path, page_type))
    assert found == []


def test_gate_fails_on_an_image_without_alt_text(axe_page, server, tmp_path):
    broken = tmp_path / "site"
    shutil.copytree(server.root, broken, ignore=shutil.ignore_patterns("search"))
    start = broken / "index.html"
    html = start.read_text(encoding="utf-8")
    start.write_text(html.replace("<article", '<img src="assets/broken.png"><article', 1),
                     encoding="utf-8")
    with serve_folder(broken) as url:
        found = axe_violations(axe_page, f"{url}/")
    assert any(line.startswith("image-alt ") for line in found), found


def focus_by_tab(page, selector: str, limit: int = 80) -> bool:
    """Press Tab until the element matching ``selector`` has the focus; False if never."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("s => document.activeElement?.matches(s) ?? false", selector):
            return True
    return False


def test_language_switcher_works_with_the_keyboard_alone(desktop, server):
    desktop.goto(f"{server}/kommunen/", wait_until="load")
    link = "a.md-select__link[hreflang=ar]"
    assert focus_by_tab(desktop, link), "the Arabic link is never reached with Tab"
    assert desktop.locator(link).is_visible(), "the focused language link must be visible"
    focused = desktop.evaluate("document.activeElement.getAttribute('href')")
    assert focused == "../ar/kommunen/"
    with desktop.expect_navigation(url=f"{server}/ar/kommunen/"):
        desktop.keyboard.press("Enter")
    assert desktop.locator("html").get_attribute("lang") == "ar"


def test_offer_filters_work_with_the_keyboard_alone(desktop, server):
    if not (server.root / "angebote" / "index.html").exists():
        pytest.skip("no offer overview (/angebote/) on this branch yet")
    desktop.goto(f"{server}/angebote/", wait_until="load")
    form = desktop.locator("#kim-offer-filter")
    form.wait_for(state="visible")
    controls = form.locator("input, select, button")
    reached = set()
    for _ in range(120):
        desktop.keyboard.press("Tab")
        ident = desktop.evaluate("""() => { const e = document.activeElement;
            return e && e.closest('#kim-offer-filter') ? (e.id || e.name || e.textContent) : null }""")  # noqa: E501
        if ident:
            reached.add(ident)
        if len(reached) == controls.count():
            break
    assert len(reached) == controls.count(), f"only {sorted(reached)} reached with Tab"
    results = desktop.locator("#kim-offer-results > li")
    desktop.wait_for_function(
        "() => document.querySelectorAll('#kim-offer-results > li').length > 0")
    assert focus_by_tab(desktop, "#kim-offer-filter input[type=search]")
    desktop.keyboard.type("zzqxjv")
    desktop.wait_for_function(
        "() => document.querySelectorAll('#kim-offer-results > li').length == 0")
    assert results.count() == 0


@pytest.mark.parametrize("lang_path", [path for _, path in LANGUAGES],
                         ids=[code for code, _ in LANGUAGES])
def test_every_page_type_reflows_at_320_pixels(browser, server, lang_path):
    context = browser.new_context(viewport={"width": 320, "height": 640})
    page = context.new_page()
    wide = {}
    for page_type in PAGE_TYPES:
        page.goto(url_of(server, lang_path, page_type), wait_until="load")
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > 320:
            wide[page_type] = width
    context.close()
    assert wide == {}, f"pages scroll sideways at 320 px: {wide}"
