"""The full-text search index (macros/search_index.py): normaliser, index builder, and the index
of a built SYNTHETIC site (the tiny region plus the SYNTHETIC offers of
tests/fixtures/search-offers, in seven languages). The browser half is test_search_browser.py."""

from __future__ import annotations

import json
import random
import re
import shutil
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st
from support import ROOT, TINY_REGION, json_strings

from macros import search_index
from macros.build import build_site
from macros.i18n import Translator, language, languages
from macros.loader import load

SEARCH_OFFERS = ROOT / "tests" / "fixtures" / "search-offers"
SEARCH_LANGUAGES = ["de", "en", "ar", "fa", "uk", "ru", "tr"]


def search_region(folder: Path) -> Path:
    """The tiny SYNTHETIC region with the SYNTHETIC search offers added, copied to ``folder``."""
    data = folder / "data"
    shutil.copytree(TINY_REGION, data)
    for offer in SEARCH_OFFERS.glob("*.yml"):
        shutil.copy(offer, data / "offers" / offer.name)
    return data


@pytest.fixture(scope="module")
def search_site(tmp_path_factory) -> Path:
    work = tmp_path_factory.mktemp("search")
    out = work / "site"
    build_site(search_region(work), out, languages=SEARCH_LANGUAGES)
    return out


def read_index(site: Path, code: str) -> dict:
    path = language(code).path
    return json.loads((site / path / search_index.INDEX_PATH if path else
                       site / search_index.INDEX_PATH).read_text("utf-8"))


def pages_with(index: dict, word: str) -> set[str]:
    """URLs of the pages a normalised word occurs in, decoded from the postings."""
    words = index["words"].split(" ")
    if word not in words:
        return set()
    at, found = 0, set()
    for gap in index["postings"][words.index(word)].split(","):
        at += int(gap, 36)
        found.add(index["docs"][at]["u"])
    return found


# --- the normaliser ------------------------------------------------------------------------------


@pytest.mark.parametrize("written, typed", [
    ("Straße", "STRASSE"),  # case folding, German sharp s
    ("Prüfung", "prufung"),  # umlaut
    ("café", "cafe"),  # accents
    ("жильё", "жилье"),  # Cyrillic ё
    ("їжа", "іжа"),  # Ukrainian ї
    ("ДОКТОР", "доктор"),  # Cyrillic case
    ("İŞ", "is"),  # Turkish dotted capital I and ş
    ("ışık", "isik"),  # Turkish dotless i
    ("مسكن", "مسکن"),  # Arabic kaf, Farsi keheh
    ("عربي", "عربی"),  # Arabic yeh, Farsi yeh
    ("مدرسة", "مدرسه"),  # teh marbuta
    ("إدارة", "ادارة"),  # hamza below alef
    ("مَدْرَسَة", "مدرسة"),  # tashkeel
    ("درخواست‌ها", "درخواستها"),  # zero-width non-joiner
    ("١٢٣ ۴۵۶", "123 456"),  # Arabic-Indic and Persian digits
])
def test_normaliser_folds_spelling_variants_together(written, typed):
    assert search_index.normalise(written) == search_index.normalise(typed)


def test_normaliser_keeps_different_letters_apart():
    assert search_index.normalise("жилье") != search_index.normalise("жилья")
    assert search_index.normalise("کار") != search_index.normalise("گار")


def test_tokens_split_at_punctuation_in_every_script():
    assert search_index.tokens("Wohnung, Miete; سكن، عمل — житло/робота") == [
        "wohnung", "miete", "سكن", "عمل", "житло", "робота"]


def _tokens_by_category(text: str) -> list[str]:
    """The tokeniser's definition, one Unicode category look-up per character (as
    [\\p{L}\\p{N}] in search.js): the reference the compiled pattern is held to."""
    out, word = [], []
    for ch in search_index.normalise(text):
        if unicodedata.category(ch)[0] in "LN":
            word.append(ch)
        elif word:
            out.append("".join(word))
            word = []
    return [*out, "".join(word)] if word else out


def test_word_characters_are_the_letters_and_digits_of_every_code_point():
    """Tokens are maximal runs of word characters, so agreeing on each code point is agreeing
    on every text."""
    differ = [hex(c) for c in range(sys.maxunicode + 1)
              if bool(search_index._WORD.fullmatch(chr(c)))
              != (unicodedata.category(chr(c))[0] in "LN")]
    assert not differ


# Scripts and characters where the two could part: Latin with combining marks, Turkish i forms,
# Arabic and Farsi (ZWNJ, tatweel, harakat, Eastern digits), Cyrillic, digits of other numbering
# systems, the underscore, connectors, marks, separators, spaces and controls.
_TRICKY_CHARS = (
    list("aÄäßéÉıİiIçğşöü_‿-–—'’.,;:!?/\\ \t\n\u00a0\u2028\u3000\x00")
    + list("سكنعملالبيىیكکةهـًٌٍَُِّْٰٔ٠١٩۰۴۹\u200c\u200d\u200e\u200f")
    + list("жилььёйїєґІ") + list("०१२৩৪๓๔߀𝟘𝟙①Ⅻ½²") + list("\u0301\u0308\u0327\u0483\u20dd"))
_TRICKY = st.sampled_from(_TRICKY_CHARS)


@given(st.text(_TRICKY, max_size=40) | st.text(max_size=40))
def test_tokens_match_the_category_definition_on_any_text(text):
    assert search_index.tokens(text) == _tokens_by_category(text)


def _normalise_step_by_step(text: str) -> str:
    """normalise() as its rules read, one step each: the reference for its merged passes."""
    marks = re.compile("[\u0300-\u036f\u0483-\u0489\u0610-\u061a\u064b-\u065f\u0670"
                       "\u06d6-\u06ed]")
    joiners = re.compile("[\u0640\u200c\u200d\u200e\u200f]")
    eastern = str.maketrans({**{chr(0x0660 + i): str(i) for i in range(10)},
                             **{chr(0x06F0 + i): str(i) for i in range(10)}})
    plain = joiners.sub("", marks.sub("", unicodedata.normalize("NFKD", text))).lower()
    return plain.translate(search_index.VARIANTS).translate(eastern)


@given(st.text(_TRICKY, max_size=40) | st.text(max_size=40))
def test_normaliser_passes_equal_its_rules_one_by_one(text):
    assert search_index.normalise(text) == _normalise_step_by_step(text)


def test_tokens_match_the_category_definition_on_every_built_page(search_site):
    pages = list(search_site.rglob("*.html"))
    assert len(pages) > 100
    for page in pages:
        text = search_index.plain_text(page.read_text("utf-8"))
        assert search_index.tokens(text) == _tokens_by_category(text), page
        assert search_index.normalise(text) == _normalise_step_by_step(text), page


def test_arabic_words_are_indexed_without_their_article():
    assert search_index.index_words("اللجوء والسكن بالعربية للغة") == {"لجوء", "سكن", "عربيه",
                                                                       "غه"}


# --- the index builder ---------------------------------------------------------------------------


def test_postings_are_ascending_base36_gaps():
    assert search_index.postings([3, 5, 40, 1336]) == "3,2,z,100"


def test_serialised_index_maps_each_word_to_its_pages():
    entries = [search_index.make_entry("Wohnen", "b/", "kurz", ["Miete und Wohnung"]),
               search_index.make_entry("Arbeit", "a/", "kurz", ["Wohnung gesucht"])]
    index = json.loads(search_index.serialise("de", "ltr", entries))
    assert [d["u"] for d in index["docs"]] == ["a/", "b/"]
    assert pages_with(index, "wohnung") == {"a/", "b/"}
    assert pages_with(index, "miete") == {"b/"}
    assert index["words"].split(" ") == sorted(index["words"].split(" "))


def test_hand_written_pages_are_indexed_with_their_whole_text():
    html = "<h1>Titel</h1><p>Erster Absatz.</p>" + "<p>Füller.</p>" * 20 + "<p>Zahnarzt</p>"
    full = search_index.entry("Titel", "x/", html, full=True)
    digest = search_index.entry("Titel", "x/", html, full=False)
    assert "zahnarzt" in full.words and "zahnarzt" not in digest.words


def test_scripts_templates_and_german_notices_are_not_indexed():
    html = ('<p class="kim-notice" role="note">Teilweise Deutsch.</p><script>geheim</script>'
            "<template><p>vorlage</p></template><p>Sichtbar</p>")
    record = search_index.entry("T", "x/", html, full=True)
    assert record.words == {"t", "sichtbar"}
    assert record.text == "Sichtbar"


def test_offer_record_holds_every_field_in_the_readers_language(tmp_path):
    data = load(search_region(tmp_path))
    offer = data.offers["such-asyl"]
    record = search_index.offer_entry(data, Translator(language("ar")), offer)
    assert record.title == "استشارات اللجوء (SYNTHETIC)" and record.url == "angebote/such-asyl/"
    assert record.german == 0
    expected = {
        "لجوء",  # name
        "اجراءات",  # summary (إجراءات)
        "استماع",  # description (الاستماع)
        "اقامه",  # topic label (الإقامة)
        "musterstadt",  # town
        "testverein",  # provider
        "لاجيون",  # target group (اللاجئون)
    }
    assert expected <= record.words, expected - record.words


def test_offer_record_falls_back_to_german_and_says_so(tmp_path):
    data = load(search_region(tmp_path))
    record = search_index.offer_entry(data, Translator(language("fa")),
                                      data.offers["lernhilfe"])
    assert record.german == search_index.GERMAN_TITLE | search_index.GERMAN_TEXT
    assert {"lernhilfe", "hausaufgaben"} <= record.words


# --- the built index -----------------------------------------------------------------------------


@pytest.mark.parametrize("code, word, offer", [
    ("ar", "لجوء", "such-asyl"), ("fa", "مسکن", "such-wohnen"), ("uk", "курс", "such-kurs"),
    ("ru", "работы", "such-arbeit"), ("tr", "doktor", "such-arzt"),
    ("de", "bundesamt", "such-asyl"),
])
def test_built_index_finds_offers_by_words_of_their_texts(search_site, code, word, offer):
    assert f"angebote/{offer}/" in pages_with(read_index(search_site, code),
                                              search_index.normalise(word))


def test_built_index_holds_every_page_including_german_fallbacks(search_site):
    index = read_index(search_site, "fa")
    urls = {d["u"]: d for d in index["docs"]}
    assert "angebote/such-asyl/" in urls and "angebote/lernhilfe/" in urls
    assert urls["angebote/lernhilfe/"]["g"] == 3 and "g" not in urls["angebote/such-asyl/"]
    site_pages = {p.parent.relative_to(search_site / "fa").as_posix() + "/"
                  for p in (search_site / "fa").rglob("index.html")}
    missing = {u for u in site_pages if u not in urls and u != "./"} - {"404/"}
    assert not missing


def test_the_search_form_sends_its_query_as_q(search_site):
    html = (search_site / "ar" / "index.html").read_text("utf-8")
    assert 'name="q"' in html


@pytest.mark.scale  # about 12 CPU s: in make test, not in make test-fast
def test_index_of_2000_synthetic_offers_stays_under_300_kb_gzipped(tmp_path):
    """benchmarks/synthetic.py's 2000 SYNTHETIC offers, every language's index as built."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    import synthetic

    folder = synthetic.generate(2000, target=tmp_path / "synthetic-2000")
    data = load(folder)
    sizes = {}
    for lang in languages():
        # The build's path: a Collector that saw no page makes every offer's entry.
        entries = search_index.Collector(data, Translator(lang)).entries()
        data_bytes = search_index.serialise(lang.code, lang.dir, entries)
        sizes[lang.code] = search_index.gzipped_size(data_bytes)
    assert len(json.loads(data_bytes)["docs"]) == 2000
    assert max(sizes.values()) <= 300 * 1024, sizes


# --- the browser's normaliser is held to this one -----------------------------------------------

_JS_START, _JS_END = "// --- normalisation", "// --- loading the index"


def _js_normalise_all(texts: list[str]) -> list[list]:
    """search.js's normalise() and words() on each text, run by node (a real JavaScript engine):
    the section of search.js between its normalisation and index-loading headings, as shipped."""
    node = shutil.which("node")
    assert node, "node is missing: `make install` installs it (apt-get install nodejs)"
    script = (ROOT / "overrides" / "assets" / "js" / "search.js").read_text("utf-8")
    start, end = script.find(_JS_START), script.find(_JS_END)
    assert 0 <= start < end, f"search.js lost its headings {_JS_START!r} / {_JS_END!r}"
    program = (script[start:end]
               + "\nvar input = JSON.parse(require('fs').readFileSync(0, 'utf8'));"
               "\nprocess.stdout.write(JSON.stringify(input.map(function (s) {"
               " return [normalise(s), words(s)]; })));\n")
    done = subprocess.run([node, "-e", program], input=json.dumps(texts), capture_output=True,
                          text=True, encoding="utf-8", check=True, timeout=120)
    return json.loads(done.stdout)


def _normaliser_samples() -> list[str]:
    """Many texts: every code point of the scripts our languages write (Latin with accents,
    Greek, Cyrillic, Arabic and Farsi with their presentation forms, Turkish i forms, German ß),
    seeded random mixes of the tricky characters, and every text of the shipped data/."""
    blocks = [(0x20, 0x24F), (0x370, 0x52F), (0x600, 0x6FF), (0x750, 0x77F), (0x1E00, 0x1EFF),
              (0x2000, 0x206F), (0xFB50, 0xFDFF), (0xFE70, 0xFEFC)]
    samples = [chr(c) for lo, hi in blocks for c in range(lo, hi + 1)
               if unicodedata.category(chr(c)) not in ("Cn", "Cs")]
    rng = random.Random(14)
    samples += ["".join(rng.choices(_TRICKY_CHARS, k=rng.randint(1, 30))) for _ in range(3000)]
    samples += ["Straße", "STRASSE", "İŞ ışık Iğdır", "والمساعدة بالبلدية للغة", "درخواست‌ها",
                "Їжа, житло й робота", "Объявление ЁЖ", "مَدْرَسَة", "١٢٣ ۴۵۶"]
    for path in sorted((ROOT / "data").rglob("*.yml")):
        samples += json_strings(yaml.safe_load(path.read_text("utf-8")))
    return samples


def test_the_browsers_normaliser_equals_the_index_normaliser():
    """search.js folds the reader's query as search_index folds the indexed texts: run in node
    on thousands of texts, both give the same normalised text and the same indexed words."""
    samples = _normaliser_samples()
    assert len(samples) > 5000
    differ = [(text, got, [search_index.normalise(text), sorted(search_index.index_words(text))])
              for text, (norm, words) in zip(samples, _js_normalise_all(samples), strict=True)
              if (got := [norm, sorted(set(words))])
              != [search_index.normalise(text), sorted(search_index.index_words(text))]]
    assert not differ, differ[:10]
