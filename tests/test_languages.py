"""Every language of the built site: lang/dir, chrome in the reader's language, sitemap."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest
from bs4 import BeautifulSoup
from support import PAGE_TYPES, REGIONS, html_files, lang_of, page

from macros.i18n import DEFAULT_LANGUAGE, languages

# BCP 47 (RFC 5646) language tags as the portal uses them: language, optional script/region/
# variants, optional private use (de-x-ls); 'x-default' only in hreflang.
BCP47 = re.compile(r"^[a-z]{2,3}(-[A-Z][a-z]{3})?(-([A-Z]{2}|[0-9]{3}))?"
                   r"(-([a-z0-9]{5,8}|[0-9][a-z0-9]{3}))*(-x(-[a-z0-9]{1,8})+)?$")
DIRECTION = {lang.code: lang.dir for lang in languages()}
NON_GERMAN = [lang for lang in languages() if not lang.code.startswith("de")]
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"


def test_configured_language_tags_are_valid_bcp47():
    for lang in languages():
        assert BCP47.match(lang.code), lang.code


@pytest.mark.parametrize("region", REGIONS)
def test_every_lang_and_hreflang_in_the_site_is_a_valid_tag_with_its_own_direction(sites, region):
    site = sites[region]
    for path in html_files(site):
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        for element in soup.select("[lang]"):
            code = element["lang"]
            assert BCP47.match(code), f"{path}: lang={code!r}"
            if element.name not in ("html", "a"):
                # a fragment in another language carries its own direction
                assert element.get("dir") == DIRECTION[code], f"{path}: {element.name} lang={code}"
        for element in soup.select("[hreflang]"):
            assert element["hreflang"] == "x-default" or BCP47.match(element["hreflang"]), path


# --- the chrome (header, navigation, footer, notices) is in the reader's language ----------------

CHROME = "header.md-header, nav.md-nav--primary, footer.md-footer, .kim-notice, .kim-interface-note"


def chrome(soup: BeautifulSoup) -> list:
    """The interface parts of a page; the page's own table of contents is content, not chrome."""
    soup = BeautifulSoup(str(soup), "html.parser")
    for toc in soup.select("nav.md-nav--secondary"):
        toc.decompose()
    return soup.select(CHROME)


def chrome_strings(soup: BeautifulSoup) -> set[str]:
    strings = set()
    for part in chrome(soup):
        strings |= {" ".join(s.split()) for s in part.stripped_strings}
        strings |= {el[attr] for el in part.find_all(True)
                    for attr in ("aria-label", "title", "placeholder") if el.get(attr)}
    return strings


def names_allowed_everywhere(unna) -> set[str]:
    """Proper names that are the same in every language: the site, the languages, 'KIM'."""
    soup = page(unna, "de", "index.html")
    site_name = soup.select_one(".md-header__topic .md-ellipsis").get_text(strip=True)
    # "Navigation" is Material's label for the menu, the same word in English and German.
    return {site_name, "KIM", "Navigation", *(lang.name for lang in languages())}


@pytest.mark.parametrize("path", PAGE_TYPES)
@pytest.mark.parametrize(
    "lang", [lang.code for lang in languages() if lang.code != DEFAULT_LANGUAGE])
def test_page_chrome_has_no_untranslated_interface_strings(unna, lang, path):
    soup = page(unna, lang, path)
    german_fallback = [el.get_text(" ", strip=True) for part in chrome(soup)
                       for el in part.select("[lang=de]")
                       if "md-select__link" not in el.get("class", [])]  # "Deutsch" itself
    assert not german_fallback, (
        f"{lang}/{path}: deutsche Ersatztexte in der Oberfläche: {german_fallback}")
    if lang.startswith("de"):
        return  # Leichte Sprache shares words with German; the fallback check above covers it
    german = chrome_strings(page(unna, "de", path))
    same = sorted((chrome_strings(soup) & german) - names_allowed_everywhere(unna))
    assert not same, f"{lang}/{path}: Oberflächentexte wie auf Deutsch: {same}"


def test_interface_notice_says_the_chrome_is_machine_translated(unna):
    note = page(unna, "uk", "kommunen/index.html").select_one(".kim-interface-note")
    assert "машинним способом" in note.get_text()
    assert page(unna, "de", "kommunen/index.html").select_one(".kim-interface-note") is None


# --- switching and alternates ---------------------------------------------------------------------


@pytest.mark.parametrize("lang", languages(), ids=lambda lang: lang.code)
def test_switcher_offers_every_language_and_each_link_leads_to_the_same_page(unna, lang):
    prefix = f"{lang.path}/" if lang.path else ""
    soup = page(unna, lang.code, "bausteine/1/index.html")
    links = {a["hreflang"]: a["href"] for a in soup.select("a.md-select__link")}
    assert set(links) == {x.code for x in languages()}
    for target in languages():
        resolved = (unna / prefix / "bausteine/1" / links[target.code] / "index.html").resolve()
        expected = (unna / (target.path or ".") / "bausteine/1/index.html").resolve()
        assert resolved == expected, (lang.code, target.code)


def test_hreflang_alternates_leave_out_languages_where_the_page_is_german_only(unna):
    soup = page(unna, "de", "impressum/index.html")
    alternates = {link["hreflang"] for link in soup.select("link[rel=alternate][hreflang]")}
    translated = {lang.code for lang in languages()
                  if lang.code == DEFAULT_LANGUAGE or _has_translation(lang.code, "impressum.md")}
    assert alternates == translated | {"x-default"}


def _has_translation(code: str, src: str) -> bool:
    from macros.build import DOCS_DIR
    return (DOCS_DIR / code / src).is_file()


# --- one sitemap for all languages ----------------------------------------------------------------


def test_one_sitemap_lists_every_language_version_with_reciprocal_alternates(unna):
    assert not [p for p in unna.rglob("sitemap.xml") if p.parent != unna], "only one sitemap"
    tree = ET.parse(unna / "sitemap.xml")
    urls = tree.getroot().findall(f"{SITEMAP}url")
    root = "http://127.0.0.1:8000/"
    alternates = {}
    for url in urls:
        loc = url.find(f"{SITEMAP}loc").text
        path = unna / loc.removeprefix(root) / "index.html"
        assert path.is_file(), loc
        links = {link.get("hreflang"): link.get("href") for link in url.findall(f"{XHTML}link")}
        assert links[lang_of(unna, path)] == loc, loc
        alternates[loc] = links
    for links in alternates.values():  # every alternate lists the others back
        for code, href in links.items():
            if code != "x-default":
                assert alternates[href] == links, href
    locs = set(alternates)
    for lang in languages():
        prefix = f"{root}{lang.path}/" if lang.path else root
        assert f"{prefix}bausteine/1/" in locs, lang.code
    assert f"{root}ar/impressum/" not in locs or _has_translation("ar", "impressum.md")


def test_machine_translated_data_on_a_page_gets_one_notice_with_the_german_original(unna):
    soup = page(unna, "tr", "bausteine/2/index.html")
    notices = [p for p in soup.select("article > p.kim-notice") if p.a]
    assert len(notices) == 1
    assert "makine tarafından" in notices[0].get_text()
    assert notices[0].a["href"] == "../../../bausteine/2/" and notices[0].a["hreflang"] == "de"
    assert soup.select_one("article h1").get_text().startswith("Modül 2: Hukuk alanları arası")
    assert not page(unna, "de", "bausteine/2/index.html").select("article > p.kim-notice")


# WCAG 3.1.2: the German proper names of the data (towns, providers) inside a page in another
# language are marked lang="de": results, browse lists, filters, offer facts, town tables, case
# management. The page's own <h1> (the theme's title) is left out: it is the page name.
_TINY_TOWNS = ("Musterstadt", "Beispieldorf")
_TINY_PROVIDER = "Testverein e. V."
_NAME_PAGES = ["index.html", "angebote/index.html", "angebote/ort/musterstadt/index.html",
               "angebote/thema/sprache/index.html", "angebote/sprachcafe/index.html",
               "angebote/lernhilfe/index.html", "kommunen/index.html",
               "fallmanagement/index.html"]


def _unmarked_german_names(soup: BeautifulSoup) -> list[str]:
    out = []
    for text in soup.select_one("article").find_all(string=True):
        if text.find_parent(["h1", "script", "template"]) is not None:
            continue
        if any(name in text for name in (*_TINY_TOWNS, _TINY_PROVIDER)):
            marked = text.find_parent(attrs={"lang": True})
            if marked is None or marked.name == "html" or marked["lang"] != "de":
                out.append(f"{text.parent.name}: {text.strip()}")
    return out


@pytest.mark.parametrize("lang", ["ar", "en"])
@pytest.mark.parametrize("path", _NAME_PAGES)
def test_german_town_and_provider_names_are_marked_german(tiny, lang, path):
    soup = page(tiny, lang, path)
    assert any(name in soup.select_one("article").get_text() for name in _TINY_TOWNS), path
    assert _unmarked_german_names(soup) == []
