"""The page shell, search, privacy and CSP in Debian's Chromium, over every page type in every
configured language (page types: support.PAGE_TYPES; languages: portal.yml)."""

from __future__ import annotations

import json
import time
from urllib.parse import urlparse

import pytest
from support import PAGE_TYPES

from macros.i18n import languages

pytestmark = pytest.mark.browser

LANGS = [pytest.param(lang, id=lang.code) for lang in languages()]

# Runs before any page script (Playwright injects it through the DevTools protocol, which the
# page's CSP does not govern) and records every CSP violation the page reports.
COLLECT_VIOLATIONS = """
window.__csp = [];
document.addEventListener('securitypolicyviolation', e =>
  window.__csp.push(e.violatedDirective + ' ' + (e.blockedURI || 'inline') + ' ' + e.sourceFile));
"""


def prefix(lang) -> str:
    return f"{lang.path}/" if lang.path else ""


@pytest.fixture
def watched(browser):
    """A desktop page that logs every request and console error and collects CSP violations."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.add_init_script(COLLECT_VIOLATIONS)
    page = context.new_page()
    page.requests = []
    page.console_errors = []
    page.on("request", lambda request: page.requests.append(request.url))
    page.on("console", lambda m: m.type == "error" and page.console_errors.append(m.text))
    yield page
    context.close()


def visit(page, url):
    page.requests.clear()
    page.console_errors.clear()
    page.goto(url, wait_until="networkidle")
    return page.evaluate("window.__csp")


# --- privacy, CSP and on-demand search on every page type in every language --------------------


def foreign_hosts(requests: list[str], server: str) -> set[str]:
    """The privacy gate's check: hosts other than the local server that a page contacted."""
    local = urlparse(server).netloc
    return {urlparse(u).netloc for u in requests if not u.startswith("data:")} - {local}


@pytest.fixture(scope="module")
def observed(browser, server):
    """Every page type in every language loaded once; what each page requested and violated."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.add_init_script(COLLECT_VIOLATIONS)
    page = context.new_page()
    page.requests, page.console_errors = [], []
    page.on("request", lambda request: page.requests.append(request.url))
    page.on("console", lambda m: m.type == "error" and page.console_errors.append(m.text))
    seen = {}
    for lang in languages():
        for path in PAGE_TYPES:
            url = f"/{prefix(lang)}{path}"
            violations = visit(page, server + url)
            seen[url] = {"requests": list(page.requests), "violations": violations,
                         "csp_errors": [e for e in page.console_errors if "Security Policy" in e]}
    context.close()
    return seen


def test_every_page_type_requests_only_the_local_server(observed, server):
    assert len(observed) == len(PAGE_TYPES) * len(languages())
    for url, seen in observed.items():
        assert seen["requests"] and foreign_hosts(seen["requests"], server) == set(), url


def test_every_page_type_runs_without_csp_violations(observed):
    for url, seen in observed.items():
        assert seen["violations"] == [] and seen["csp_errors"] == [], url


def test_no_page_fetches_a_search_index_before_search_is_opened(observed):
    for url, seen in observed.items():
        # angebote/angebote.json is the offer overview's own data (fetched on opening it and
        # counted in its page weight), not a search index.
        assert not [u for u in seen["requests"] if u.endswith(".json")
                    and not u.endswith("/angebote/angebote.json")], url


def test_violation_collector_sees_an_inline_script(watched, server):
    """The CSP test can fail: the same page with an inline script injected reports a violation."""
    url = f"{server}/kommunen/"

    def inject(route):
        body = route.fetch().text().replace("</body>", "<script>document.title='x'</script></body>")
        route.fulfill(body=body, headers={"content-type": "text/html; charset=utf-8"})

    watched.route(url, inject)
    violations = visit(watched, url)
    assert any("script-src" in v for v in violations)


def test_privacy_gate_fails_on_a_page_with_a_third_party_font(watched, server):
    """A broken page (Google Fonts link, and no CSP to stop it) shows up as a foreign host."""
    url = f"{server}/impressum/"
    watched.route("https://fonts.googleapis.com/**", lambda route: route.abort())  # stay offline

    def inject(route):
        html = route.fetch().text()
        html = html.replace('http-equiv="Content-Security-Policy"', 'name="x-removed"').replace(
            "</head>", '<link rel="stylesheet" href="https://fonts.googleapis.com/css?family=Roboto">'
                       "</head>")
        route.fulfill(body=html, headers={"content-type": "text/html; charset=utf-8"})

    watched.route(url, inject)
    visit(watched, url)
    assert foreign_hosts(watched.requests, server) == {"fonts.googleapis.com"}


@pytest.mark.parametrize("lang", LANGS)
def test_opening_search_fetches_only_this_languages_index(watched, server, lang):
    visit(watched, f"{server}/{prefix(lang)}kommunen/")
    assert not [u for u in watched.requests if u.endswith(".json")]
    with watched.expect_response(lambda response: response.url.endswith(".json")):
        watched.locator(".md-search__input").focus()
    settled(watched, "kimLoading")
    fetched = [u for u in watched.requests if u.endswith(".json")]
    assert fetched == [f"{server}/{prefix(lang)}search/index.json"]


def settled(page, *not_these: str, seconds: float = 10) -> str:
    """Poll (from Python: no string evaluation inside the CSP-protected page) until the result
    count is none of the given data-kim-* messages; return it."""
    root = page.locator("[data-kim-search]")
    unwanted = {root.get_attribute(f"data-kim-{k.removeprefix('kim').lower()}") for k in not_these}
    meta = page.locator(".md-search-result__meta")
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        text = meta.text_content().strip()
        if text not in unwanted:
            return text
        page.wait_for_timeout(50)
    raise AssertionError(f"search did not settle: {text!r}")


def a_word_from_the_index(site_index: dict) -> str:
    """A word of at least five letters from a page title in this language's own index."""
    for doc in site_index["docs"]:
        for word in doc["t"].split():
            if len(word) >= 5 and word.isalpha():
                return word
    raise AssertionError("no usable word in the index")


def search(page, query: str) -> str:
    page.locator(".md-search__input").fill(query)
    settled(page, "kimLoading", "kimPrompt")
    return page.locator(".md-search-result__meta").inner_text()


@pytest.mark.parametrize("lang", LANGS)
def test_search_finds_pages_of_the_readers_language_only(watched, server, lang):
    watched.goto(f"{server}/{prefix(lang)}", wait_until="networkidle")
    index = json.loads(watched.evaluate(
        "fetch(document.querySelector('[data-kim-search]').dataset.kimIndex).then(r => r.text())"))
    word = a_word_from_the_index(index)
    count = search(watched, word[:4].upper())
    links = watched.locator(".md-search-result__link")
    assert links.count() >= 1, f"{lang.code}: nothing found for {word[:4]!r}"
    assert (count.strip() and any(ch.isdigit() for ch in count)) or links.count() == 1
    own = f"{server}/{prefix(lang)}"
    for href in links.evaluate_all("links => links.map(a => a.href)"):
        assert href.startswith(own), href
        if not prefix(lang):
            assert not any(href.startswith(f"{server}/{x.path}/") for x in languages() if x.path)
    assert watched.locator(".md-search-result__item h1").first.inner_text().strip()


def test_search_in_arabic_ignores_letter_variants_and_the_article(watched, server):
    watched.goto(f"{server}/ar/", wait_until="networkidle")
    plain = search(watched, "بلدية")  # written into the pages as البلدية
    found = watched.locator(".md-search-result__link").count()
    assert found >= 1
    # Persian yeh (ی) and keheh (ک), hamza on alef and a short vowel must not change the result.
    assert search(watched, "بلدیة") == plain
    assert search(watched, "إدارة") == search(watched, "ادارة")
    assert search(watched, "بَلدية") == plain


def test_search_shows_the_count_in_the_readers_language(watched, server):
    watched.goto(f"{server}/en/", wait_until="networkidle")
    assert search(watched, "qqqqxyz") == "No results"
    watched.goto(f"{server}/ar/", wait_until="networkidle")
    assert search(watched, "qqqqxyz") == "لا توجد نتائج"


def test_search_results_are_reachable_by_keyboard(watched, server):
    watched.goto(f"{server}/", wait_until="networkidle")
    search(watched, "kommun")
    watched.keyboard.press("ArrowDown")
    first = watched.locator(".md-search-result__link").first
    assert first.evaluate("a => a === document.activeElement")
    href = first.get_attribute("href")
    watched.keyboard.press("Enter")
    watched.wait_for_url(href)
    watched.go_back()
    watched.locator(".md-search__input").focus()
    watched.keyboard.press("Escape")
    assert not watched.evaluate("document.getElementById('__search').checked")


# --- the shell without Material's JavaScript, at phone and desktop width ----------------------


@pytest.fixture
def phone(browser):
    context = browser.new_context(viewport={"width": 360, "height": 740})
    yield context.new_page()
    context.close()


@pytest.mark.parametrize("path", ["", "ar/"])
def test_the_drawer_opens_on_a_phone(phone, server, path):
    phone.goto(f"{server}/{path}kommunen/", wait_until="networkidle")
    nav_link = phone.locator(".md-sidebar--primary .md-nav__link[href]").nth(1)
    assert not nav_link.is_visible() or not _in_viewport(phone, nav_link)
    phone.locator(".md-header__button[for=__drawer]").click()
    phone.wait_for_timeout(400)  # Material's slide-in transition
    assert _in_viewport(phone, nav_link)
    nav_link.click()
    phone.wait_for_load_state()
    assert phone.url != f"{server}/{path}kommunen/"


def test_the_drawer_opens_by_keyboard(phone, server):
    phone.goto(f"{server}/kommunen/", wait_until="networkidle")
    phone.keyboard.press("Tab")  # the menu toggle comes first
    assert phone.evaluate("document.activeElement.id") == "__drawer"
    phone.keyboard.press("Space")
    phone.wait_for_timeout(400)
    assert _in_viewport(phone, phone.locator(".md-sidebar--primary .md-nav__link[href]").nth(1))


def test_the_search_overlay_opens_on_a_phone(phone, server):
    phone.goto(f"{server}/ar/", wait_until="networkidle")
    phone.locator(".md-header__button[for=__search]").click()
    assert phone.evaluate("document.activeElement.classList.contains('md-search__input')")
    phone.keyboard.type("بلدية")
    phone.wait_for_selector(".md-search-result__link")
    phone.wait_for_timeout(400)  # Material's slide-in transition of the search panel
    assert _in_viewport(phone, phone.locator(".md-search-result__link").first)


def test_the_language_select_works_by_keyboard(watched, server):
    watched.goto(f"{server}/kommunen/", wait_until="networkidle")
    watched.locator(".md-header .md-select button").focus()
    watched.keyboard.press("Tab")
    active = watched.evaluate("document.activeElement.getAttribute('hreflang')")
    assert active == languages()[0].code
    watched.wait_for_timeout(400)  # Material's fade-in under :focus-within
    link = watched.locator("a.md-select__link[hreflang=ar]")
    assert link.is_visible() and float(link.evaluate(
        "a => getComputedStyle(a.closest('.md-select__inner')).opacity")) == 1
    link.focus()
    watched.keyboard.press("Enter")
    watched.wait_for_url(f"{server}/ar/kommunen/")


def _in_viewport(page, locator) -> bool:
    box = locator.bounding_box()
    width = page.viewport_size["width"]
    return (box is not None and box["width"] > 0 and box["x"] >= 0
            and box["x"] + box["width"] <= width)


def index_of(page) -> dict:
    return json.loads(page.evaluate(
        "fetch(document.querySelector('[data-kim-search]').dataset.kimIndex).then(r => r.text())"))


@pytest.mark.parametrize("code, original, variant", [
    ("fa", "ی", "ي"),  # Farsi yeh typed as Arabic yeh (Arabic keyboard layout)
    ("fa", "ک", "ك"),  # Farsi keheh typed as Arabic kaf
    ("ru", "е", "ё"),
    ("uk", "і", "І"),  # case folding in Cyrillic
])
def test_search_treats_letter_variants_alike(watched, server, code, original, variant):
    lang = next(x for x in languages() if x.code == code)
    watched.goto(f"{server}/{prefix(lang)}", wait_until="networkidle")
    words = [w for doc in index_of(watched)["docs"] for w in f"{doc['t']} {doc['x']}".split()
             if original in w and w.isalpha() and len(w) >= 4]
    assert words, f"no {original!r} in the {code} index"
    expected = search(watched, words[0])
    assert watched.locator(".md-search-result__link").count() >= 1
    assert search(watched, words[0].replace(original, variant)) == expected
