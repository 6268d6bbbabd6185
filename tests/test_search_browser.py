"""Full-text search in Debian's Chromium: real words in the readers' languages find the SYNTHETIC
offers of tests/fixtures/search-offers (added to the tiny SYNTHETIC region), one typo is
forgiven, the query lives in the URL, the index is fetched only when the reader searches."""

from __future__ import annotations

import re
import time
from urllib.parse import parse_qs, urlparse

import pytest
from support import ROOT, serve_folder
from test_search import SEARCH_LANGUAGES, search_region

from macros import search_index
from macros.build import build_site
from macros.i18n import language
from macros.loader import load

pytestmark = pytest.mark.browser

OFFER_PAGE = re.compile(r"/angebote/([^/]+)/$")
OFFERS = ("such-asyl", "such-wohnen", "such-kurs", "such-arbeit", "such-arzt")

# What a reader types: asylum, housing, course, work, doctor, as a dictionary gives them.
WORDS = {
    "ar": {"such-asyl": "لجوء", "such-wohnen": "سكن", "such-kurs": "دورة",
           "such-arbeit": "عمل", "such-arzt": "طبيب"},
    "fa": {"such-asyl": "پناهندگی", "such-wohnen": "مسکن", "such-kurs": "دوره",
           "such-arbeit": "کار", "such-arzt": "پزشک"},
    "uk": {"such-asyl": "притулок", "such-wohnen": "житло", "such-kurs": "курс",
           "such-arbeit": "робота", "such-arzt": "лікар"},
    "ru": {"such-asyl": "убежище", "such-wohnen": "жильё", "such-kurs": "курс",
           "such-arbeit": "работа", "such-arzt": "врач"},
    "tr": {"such-asyl": "iltica", "such-wohnen": "konut", "such-kurs": "kurs",
           "such-arbeit": "iş", "such-arzt": "doktor"},
}


@pytest.fixture(scope="module")
def search_server(tmp_path_factory):
    work = tmp_path_factory.mktemp("search-browser")
    data = search_region(work)
    site = work / "site"
    with serve_folder(site, build=lambda url: build_site(data, site, site_url=url,
                                                         languages=SEARCH_LANGUAGES)) as url:
        yield url


@pytest.fixture
def reader(browser):
    context = browser.new_context(viewport={"width": 412, "height": 860})
    page = context.new_page()
    page.requests = []
    page.on("request", lambda request: page.requests.append(request.url))
    yield page
    context.close()


def prefix(code: str) -> str:
    path = language(code).path
    return f"{path}/" if path else ""


def settle(page, seconds: float = 10) -> str:
    """Wait (polling from Python, no script string in the CSP-protected page) until the count
    no longer says loading or prompt; return it."""
    root = page.locator("[data-kim-search]")
    waiting = {root.get_attribute("data-kim-loading"), root.get_attribute("data-kim-prompt")}
    meta = page.locator(".md-search-result__meta")
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        text = meta.text_content().strip()
        if text not in waiting:
            return text
        page.wait_for_timeout(50)
    raise AssertionError(f"search did not settle: {text!r}")


def type_query(page, query: str) -> str:
    if not page.evaluate("document.getElementById('__search').checked"):
        page.locator(".md-header__button[for=__search]").click()
    field = page.locator(".md-search__input")
    field.fill("")
    field.press_sequentially(query)
    return settle(page)


def found_offers(page) -> list[str]:
    """The ids of the offer pages among the results (not the overview or browse pages)."""
    hrefs = page.locator(".md-search-result__link").evaluate_all("a => a.map(x => x.href)")
    return [m.group(1) for h in hrefs if (m := OFFER_PAGE.search(urlparse(h).path))]


@pytest.mark.parametrize("code", list(WORDS))
@pytest.mark.parametrize("offer", OFFERS)
def test_a_real_word_finds_its_offer_and_not_the_others(reader, search_server, code, offer):
    reader.goto(f"{search_server}/{prefix(code)}", wait_until="networkidle")
    type_query(reader, WORDS[code][offer])
    found = found_offers(reader)
    assert offer in found, f"{code}: {WORDS[code][offer]!r} found {found}"
    assert not set(found) & (set(OFFERS) - {offer}), found


@pytest.mark.parametrize("code, typed, offer", [
    ("de", "Wohnungsusche", "such-wohnen"),  # a letter swapped (Wohnungssuche)
    ("de", "Bundesamd", "such-asyl"),  # a letter changed, a word of the description
    ("ru", "рабта", "such-arbeit"),  # a letter dropped (работа)
    ("uk", "консултації", "such-asyl"),  # a letter dropped (консультації)
    ("ar", "الطبييب", "such-arzt"),  # a letter added (الطبيب)
    ("tr", "danısmanlık", "such-asyl"),  # k for ğ (danışmanlığı; s for ş is no typo)
])
def test_one_typo_in_a_longer_word_still_finds_the_offer(reader, search_server, code, typed,
                                                        offer):
    reader.goto(f"{search_server}/{prefix(code)}", wait_until="networkidle")
    type_query(reader, typed)
    assert offer in found_offers(reader), typed


def test_two_typos_or_a_typo_in_a_short_word_find_nothing(reader, search_server):
    reader.goto(f"{search_server}/", wait_until="networkidle")
    assert type_query(reader, "Wohnugsusche") == reader.locator(
        "[data-kim-search]").get_attribute("data-kim-none")
    type_query(reader, "Arxt")  # four letters: no typo allowed (Arzt)
    assert "such-arzt" not in found_offers(reader)


@pytest.mark.parametrize("code, typed, written", [
    ("fa", "مسكن", "مسکن"),  # Arabic kaf for Farsi keheh
    ("fa", "پزشك", "پزشک"),
    ("ar", "سَكَن", "سكن"),  # tashkeel
    ("ru", "ЖИЛЬЕ", "жильё"),  # case, е for ё
    ("de", "Arbeitssuche", "ARBEITSSUCHE"),
    ("de", "Unterstutzung", "Unterstützung"),  # umlaut
])
def test_spelling_variants_find_the_same_offers(reader, search_server, code, typed, written):
    reader.goto(f"{search_server}/{prefix(code)}", wait_until="networkidle")
    type_query(reader, written)
    expected = found_offers(reader)
    assert expected
    type_query(reader, typed)
    assert found_offers(reader) == expected


def test_the_query_is_kept_in_the_url_and_restored_on_load(reader, search_server):
    reader.goto(f"{search_server}/uk/", wait_until="networkidle")
    type_query(reader, "житло")
    reader.wait_for_function("() => location.search.includes('q=')")
    assert parse_qs(urlparse(reader.url).query)["q"] == ["житло"]
    shared = reader.url
    reader.goto(f"{search_server}/", wait_until="networkidle")  # elsewhere, then the link
    reader.goto(shared, wait_until="networkidle")
    settle(reader)
    assert reader.locator(".md-search__input").input_value() == "житло"
    assert reader.evaluate("document.getElementById('__search').checked")
    assert found_offers(reader) == ["such-wohnen"]
    reader.keyboard.press("Escape")
    reader.wait_for_function("() => !location.search.includes('q=')")


def test_the_form_sent_before_the_script_ran_lands_in_the_url(reader, search_server):
    """Without search.js the form is a plain GET form: its query arrives as ?q= (which the
    script restores once it runs)."""
    reader.route("**/search.js", lambda route: route.abort())
    reader.goto(f"{search_server}/ru/", wait_until="networkidle")
    reader.evaluate("document.querySelector('.md-search__input').value = 'врач'")
    reader.evaluate("document.querySelector('.md-search__form').requestSubmit()")
    reader.wait_for_url("**/ru/?q=*")
    assert parse_qs(urlparse(reader.url).query)["q"] == ["врач"]


def test_the_index_is_fetched_only_when_the_reader_searches(reader, search_server):
    reader.goto(f"{search_server}/ar/angebote/such-asyl/", wait_until="networkidle")
    reader.wait_for_timeout(300)
    assert not [u for u in reader.requests if u.endswith("search/index.json")]
    type_query(reader, "سكن")
    assert [u for u in reader.requests if u.endswith("search/index.json")] == [
        f"{search_server}/ar/search/index.json"]


def test_results_are_announced_and_marked_up_for_their_language(reader, search_server):
    reader.goto(f"{search_server}/fa/", wait_until="networkidle")
    field = reader.locator(".md-search__input")
    assert field.get_attribute("aria-label")
    status = type_query(reader, "Hausaufgaben")  # the German-only SYNTHETIC offer Lernhilfe
    meta = reader.locator(".md-search-result__meta")
    assert meta.get_attribute("aria-live") == "polite" and meta.get_attribute("role") == "status"
    assert status
    link = reader.locator(".md-search-result__link", has_text="Lernhilfe")
    assert link.locator("h1").get_attribute("lang") == "de"
    assert link.locator("h1").get_attribute("dir") == "ltr"
    assert link.locator("p").get_attribute("lang") == "de"
    type_query(reader, "مسکن")
    own = reader.locator(".md-search-result__link", has_text="مسکن").first
    assert own.locator("h1").get_attribute("lang") is None  # inherits fa, rtl
    assert reader.evaluate("getComputedStyle(document.querySelector("
                           "'.md-search-result__link h1')).direction") == "rtl"
    field.press("ArrowDown")
    assert reader.evaluate("document.activeElement.classList.contains('md-search-result__link')")


@pytest.mark.parametrize("code, digits", [("fa", "۰۱۲۳۴۵۶۷۸۹"), ("ar", "0123456789"),
                                           ("de", "0123456789")])
def test_the_result_count_is_written_in_the_locales_digits(reader, search_server, code, digits):
    reader.goto(f"{search_server}/{prefix(code)}", wait_until="networkidle")
    status = type_query(reader, "a" if code == "de" else "ا" if code == "ar" else "م")
    assert reader.locator(".md-search-result__link").count() > 1, status
    written = [c for c in status if c.isdigit()]
    assert written and all(c in digits for c in written), status


def test_data_text_is_inserted_as_text_not_markup(reader, search_server):
    """A title with markup in the index appears literally; no element is created from it."""
    url = f"{search_server}/search/index.json"

    def poisoned(route):
        body = route.fetch().text().replace('"t":"Lernhilfe (SYNTHETIC)"',
                                            '"t":"<img src=x id=evil>Lernhilfe (SYNTHETIC)"')
        route.fulfill(body=body, headers={"content-type": "application/json"})

    reader.route(url, poisoned)
    reader.goto(f"{search_server}/", wait_until="networkidle")
    type_query(reader, "Lernhilfe")
    assert reader.locator("#evil").count() == 0
    assert "<img src=x id=evil>" in reader.locator(".md-search-result__link h1").first.inner_text()


# --- the real Kreis Unna site: words its translated offer texts contain -----------------------

# Refugees, course, work and counselling as a reader types them (Kreis Unna's offers are not
# about asylum procedures, housing or doctors; those words are tested on the SYNTHETIC offers).
REAL_WORDS = [("ar", "لاجئ"), ("ar", "عمل"), ("ar", "استشارة"),
              ("fa", "دوره"), ("fa", "کار"), ("fa", "مشاوره"),
              ("uk", "біженці"), ("uk", "курс"), ("uk", "робота"),
              ("ru", "беженцы"), ("ru", "курс"), ("ru", "работа"),
              ("tr", "mülteci"), ("tr", "kurs"), ("tr", "iş")]


def offers_containing(data, code: str, typed: str) -> set[str]:
    """Offers whose translated name, summary or description has a word starting with the
    typed word (normalised as the index is)."""
    term = next(iter(search_index.index_words(typed)))
    found = set()
    for offer in data.offers.values():
        for text in (offer.name, offer.summary, offer.description):
            translation = text.translation(code) if text else None
            if translation and any(w.startswith(term)
                                   for w in search_index.index_words(translation.text)):
                found.add(offer.id)
    return found


@pytest.fixture(scope="module")
def unna_data():
    return load(ROOT / "data")


@pytest.mark.parametrize("code, typed", REAL_WORDS)
def test_kreis_unna_offers_are_found_by_words_of_their_translations(reader, server, unna_data,
                                                                    code, typed):
    expected = offers_containing(unna_data, code, typed)
    assert expected, f"no translated Kreis Unna offer contains {typed!r} ({code}) any more"
    reader.goto(f"{server}/{prefix(code)}", wait_until="networkidle")
    type_query(reader, typed)
    assert expected <= set(found_offers(reader)), f"{code} {typed!r}"


# --- without JavaScript ------------------------------------------------------------------------


@pytest.mark.parametrize("code", ["de", "ar", "en"])
def test_without_javascript_the_header_leads_to_the_offers_by_topic_and_town(browser,
                                                                            search_server, code):
    """Search needs search.js, and Material hides its button and field without JavaScript: on a
    320 px phone with JavaScript off, the header holds a link in the button's place that leads
    to this language's offers overview, whose browse lists work without JavaScript."""
    context = browser.new_context(java_script_enabled=False, viewport={"width": 320, "height": 640})
    page = context.new_page()
    page.goto(f"{search_server}/{prefix(code)}angebote/such-wohnen/")
    name = (ROOT / "macros" / "catalogue" / f"{code}.yml").read_text("utf-8")
    expected = re.search(r"^offers\.browse: (.+)$", name, re.M).group(1)
    link = page.get_by_role("link", name=expected, exact=True)
    assert link.count() == 1 and link.is_visible()
    box = link.bounding_box()
    assert box["width"] >= 24 and box["height"] >= 24  # WCAG 2.5.8 target size
    assert box["x"] >= 0 and box["x"] + box["width"] <= 320
    link.click()
    page.wait_for_url(f"{search_server}/{prefix(code)}angebote/")
    topics = page.locator("ul.kim-browse a[href^='thema/']")
    assert topics.count() > 0 and topics.first.is_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    context.close()


def test_with_javascript_the_header_shows_the_search_not_the_fallback_link(reader, search_server):
    reader.goto(f"{search_server}/en/", wait_until="networkidle")
    assert reader.locator(".md-header__button[for=__search]").is_visible()
    assert not reader.locator(".kim-search-nojs").is_visible()
