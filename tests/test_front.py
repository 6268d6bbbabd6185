"""Page shell, Content-Security-Policy, search index, privacy scan and page weight, read from the
built files (the browser halves are in test_front_browser.py)."""

from __future__ import annotations

import functools
import gzip
import json
import random
import shutil
import threading
import urllib.request
from collections import Counter
from http.server import ThreadingHTTPServer
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from support import OWN_ORIGINS, PAGE_TYPES, html_files

from macros import search_index
from macros.i18n import languages
from macros.privacy import scan_site, third_party_loads
from macros.security import CONTENT_SECURITY_POLICY
from macros.serve import SiteHandler
from macros.weight import BUDGET_BYTES, check_budget, page_weight

DATA_SCRIPT_TYPES = {"application/json", "application/ld+json"}


def lang_paths():
    return [(lang.code, f"{lang.path}/" if lang.path else "") for lang in languages()]


# --- the page shell: no Material bundle, no inline script, CSP everywhere --------------------


def test_no_page_has_an_inline_script_or_materials_bundle(unna):
    for path in html_files(unna):
        for script in BeautifulSoup(path.read_text("utf-8"), "html.parser").find_all("script"):
            if script.get("type") in DATA_SCRIPT_TYPES:
                continue  # data, not executed
            assert script.get("src"), f"{path}: inline script {str(script)[:80]}"
            assert "bundle" not in script["src"], f"{path}: {script['src']}"
            assert script.has_attr("defer") or script.has_attr("async"), f"{path}: {script}"


def test_no_page_has_inline_styles(unna):
    for path in html_files(unna):
        soup = BeautifulSoup(path.read_text("utf-8"), "html.parser")
        assert not soup.find("style"), path
        assert not soup.find(style=True), f"{path}: {soup.find(style=True)}"


def test_every_page_declares_the_content_security_policy(unna):
    for path in html_files(unna):
        meta = BeautifulSoup(path.read_text("utf-8"), "html.parser").find(
            "meta", attrs={"http-equiv": "Content-Security-Policy"})
        assert meta is not None, path
        assert meta["content"] == CONTENT_SECURITY_POLICY


def test_the_policy_allows_only_the_sites_own_origin():
    directives = dict(d.split(" ", 1) for d in CONTENT_SECURITY_POLICY.split("; "))
    assert directives["default-src"] == "'self'" and directives["script-src"] == "'self'"
    assert "unsafe" not in CONTENT_SECURITY_POLICY and "http" not in CONTENT_SECURITY_POLICY
    assert directives["object-src"] == "'none'"


def test_kim_serve_sends_the_policy_as_a_header(unna):
    handler = functools.partial(SiteHandler, directory=str(unna))
    with ThreadingHTTPServer(("127.0.0.1", 0), handler) as httpd:
        threading.Thread(target=httpd.serve_forever, daemon=True).start()
        with urllib.request.urlopen(f"http://127.0.0.1:{httpd.server_address[1]}/ar/") as reply:
            header = reply.headers["Content-Security-Policy"]
        httpd.shutdown()
    assert header == CONTENT_SECURITY_POLICY


def test_the_search_form_is_rendered_in_every_language(unna):
    for code, prefix in lang_paths():
        soup = BeautifulSoup((unna / prefix / "index.html").read_text("utf-8"), "html.parser")
        form = soup.select_one("[data-kim-search] form.md-search__form input.md-search__input")
        assert form is not None, code
        assert soup.select_one(".md-search-result__meta[aria-live=polite]") is not None


# --- search index ------------------------------------------------------------------------------


def test_search_index_holds_short_texts_and_postings_not_whole_pages(unna):
    for code, prefix in lang_paths():
        index = json.loads((unna / prefix / "search/index.json").read_text("utf-8"))
        for doc in index["docs"]:
            assert set(doc) <= {"t", "u", "x", "g"}
            assert len(doc["x"]) <= search_index.TEXT_LIMIT + 2, doc
            assert (unna / prefix / doc["u"] / "index.html").is_file(), f"{code}: {doc['u']}"
        assert len(index["postings"]) == len(index["words"].split(" "))


def test_search_index_marks_pages_shown_in_german(unna):
    """A page that falls back to German is searchable in its German text, marked as German
    (search.js gives its result lang="de" dir="ltr")."""
    for code, prefix in lang_paths():
        if not prefix:
            continue
        docs = {d["u"]: d for d in
                json.loads((unna / prefix / "search/index.json").read_text("utf-8"))["docs"]}
        for path in PAGE_TYPES:
            soup = BeautifulSoup((unna / prefix / path).read_text("utf-8"), "html.parser")
            url = path.removesuffix("index.html")
            shown_in_german = soup.select_one("article > div[lang=de]") is not None
            assert url in docs, f"{code}: {url}"
            assert bool(docs[url].get("g", 0) & search_index.GERMAN_TEXT) == shown_in_german, \
                f"{code}: {url}"


def word_counts(site, prefix: str) -> Counter[str]:
    """Every word of the language's own built pages (article text), with how often it occurs."""
    words: Counter[str] = Counter()
    for path in (site / prefix).rglob("index.html"):
        if not prefix and path.relative_to(site).parts[0] in {x.path for x in languages()}:
            continue
        article = BeautifulSoup(path.read_text("utf-8"), "html.parser").select_one("article")
        if article is not None:
            words.update(w for w in article.get_text(" ").split() if len(w) > 1)
    return words


@pytest.mark.parametrize("code", [lang.code for lang in languages()])
def test_search_index_stays_under_300_kb_gzipped_with_2000_offers(unna, code):
    """SYNTHETIC offers shaped like the real ones (name 5, summary 20, description 60 words;
    the three regions' descriptions average 20-53 words): the language's real words drawn as
    often as they occur in its built pages, in random order (no phrase repeats, so they
    compress worse than real text), through the real index builder. (tests/test_search.py
    measures benchmarks/synthetic.py's 2000 offers.)"""
    prefix = dict(lang_paths())[code]
    counts = word_counts(unna, prefix)
    words, weights = list(counts), list(counts.values())
    rng = random.Random(2000)

    def sentence(n):
        return " ".join(rng.choices(words, weights, k=n))

    entries = [
        search_index.make_entry(sentence(5), f"angebote/angebot-{n:04d}/", sentence(20),
                                [sentence(20), sentence(60)])
        for n in range(2000)
    ]
    data = search_index.serialise(code, "ltr", entries)
    assert search_index.gzipped_size(data) <= 300 * 1024


# --- privacy gate, static half -----------------------------------------------------------------


@pytest.fixture
def broken_copy(tmp_path, unna):
    """A copy of a built page with an external web font and stylesheet injected (the bad case)."""
    site = tmp_path / "site"
    shutil.copytree(unna / "assets", site / "assets")
    html = (unna / "index.html").read_text("utf-8").replace(
        "</head>",
        '<link rel="stylesheet" href="https://fonts.googleapis.com/css?family=Roboto"></head>')
    (site / "index.html").write_text(html, "utf-8")
    (site / "assets" / "font.css").write_text(
        "@font-face{font-family:X;src:url(https://fonts.gstatic.com/s/x.woff2)}", "utf-8")
    return site


def test_privacy_scan_finds_nothing_on_the_built_site(unna):
    assert scan_site(unna, OWN_ORIGINS) == []


def test_privacy_scan_fails_on_a_page_with_an_external_font(broken_copy):
    findings = scan_site(broken_copy, OWN_ORIGINS)
    assert any("fonts.googleapis.com" in f for f in findings)
    assert any("fonts.gstatic.com" in f and "font.css" in f for f in findings)
    assert third_party_loads(broken_copy / "index.html", OWN_ORIGINS)


# --- page weight budget ------------------------------------------------------------------------


def budgeted_pages(site):
    """Offer and overview pages: the start page, every /angebote/ page type, every offer's own
    page (angebote/<id>/), and a record page, in every language."""
    paths = [p for p in PAGE_TYPES if p == "index.html" or p.startswith("angebote/")]
    paths.append("bausteine/1/index.html")
    pages = [site / prefix / p for _, prefix in lang_paths() for p in paths]
    for _, prefix in lang_paths():
        offers = site / prefix / "angebote"
        if offers.is_dir():
            pages += sorted(offers.glob("*/index.html"))
    return pages


def test_offer_and_overview_pages_stay_within_60_kb_gzipped_without_plotly(unna):
    problems = []
    for path in budgeted_pages(unna):
        weight = page_weight(unna, path)
        problems += check_budget(weight, BUDGET_BYTES)
        assert not weight.may_load("plotly"), path
        assert not weight.missing, f"{path}: {weight.missing}"
    assert problems == []


def test_only_chart_pages_load_plotly(unna):
    for path in html_files(unna):
        if page_weight(unna, path).may_load("plotly"):
            soup = BeautifulSoup(path.read_text("utf-8"), "html.parser")
            assert soup.select("[data-kim-chart], .kim-chart"), f"{path} loads plotly.js"


def test_chart_pages_fetch_plotly_only_on_demand(unna):
    weight = page_weight(unna, unna / "finanzierung" / "index.html")
    assert not weight.loads("plotly")
    assert weight.may_load(r"plotly-kim\.min\.js") and weight.may_load(r"plotly-kim\.css")
    assert not weight.missing
    assert weight.total_with_on_demand > weight.total + 400 * 1024


def start_page_with(tmp_path, unna, end_tag: str, added: str) -> Path:
    """A copy of the start page (with the site's assets) with ``added`` before ``end_tag``."""
    site = tmp_path / "site"
    shutil.copytree(unna / "assets", site / "assets")
    html = (unna / "index.html").read_text("utf-8").replace(end_tag, added + end_tag)
    (site / "index.html").write_text(html, "utf-8")
    return site


def test_budget_check_fails_on_an_over_budget_page(tmp_path, unna):
    site = start_page_with(tmp_path, unna, "</body>",
                           '<script src="assets/js/heavy.js" defer></script>')
    # Random bytes do not compress: 64 KB of them push the page over 60 KB gzipped.
    noise = random.Random(6).randbytes(64 * 1024).hex()[: 64 * 1024]
    (site / "assets/js/heavy.js").write_text(f"var x='{noise}';", "utf-8")
    weight = page_weight(site, site / "index.html")
    assert weight.by_kind()["js"] > 30 * 1024
    problems = check_budget(weight, BUDGET_BYTES)
    assert problems and "index.html" in problems[0]


def test_page_weight_names_what_a_page_would_load_from_another_host(tmp_path, unna):
    site = start_page_with(tmp_path, unna, "</head>",
                           '<link rel="stylesheet" href="https://fonts.example.org/x.css">')
    assert page_weight(site, site / "index.html").external == ["https://fonts.example.org/x.css"]
    assert page_weight(unna, unna / "index.html").external == []


def test_page_weight_counts_the_html_gzipped(unna):
    page = unna / "index.html"
    weight = page_weight(unna, page)
    assert weight.files[page.resolve()] == (
        "html", len(gzip.compress(page.read_bytes(), 9, mtime=0)))
    assert weight.by_kind()["css"] > 0 and weight.by_kind()["js"] > 0
