"""The glossary (macros/glossary.yml, page /glossar/): every term in every language with its
source, validated with located German errors, one page per language with correct lang/dir, and
the first use of a term on an offer page or the case-management page linked to its entry."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from hypothesis import example, given
from hypothesis import strategies as st
from markupsafe import Markup, escape
from support import TINY_REGION, page

from macros import glossary
from macros.build import build_site
from macros.i18n import DEFAULT_LANGUAGE, languages
from macros.schema import text_hash
from macros.translations import text_status

LANGUAGES = {lang.code: lang for lang in languages()}
OTHER_LANGUAGES = [code for code in LANGUAGES if code != DEFAULT_LANGUAGE]
REQUIRED_TERMS = ("duldung", "aufenthaltserlaubnis", "aufenthaltsgestattung",
                  "niederlassungserlaubnis", "rechtskreis", "jobcenter", "integrationskurs",
                  "fallmanagement", "auslaenderbehoerde", "einbuergerung", "migrationsberatung",
                  "jugendmigrationsdienst", "kommunales-integrationszentrum")


# --- the data ---------------------------------------------------------------------------------


def test_the_glossary_file_is_valid():
    assert glossary.errors() == []


def test_the_terms_the_pages_use_are_all_there():
    assert set(REQUIRED_TERMS) <= {term.id for term in glossary.terms()}


@pytest.mark.parametrize("code", OTHER_LANGUAGES)
def test_every_term_is_explained_in_every_language_and_up_to_date(code):
    wrong = [f"{term.id}.{part}: {text_status(getattr(term, part), code)}"
             for term in glossary.terms() for part in ("name", "explanation")
             if text_status(getattr(term, part), code) not in ("machine", "reviewed")]
    assert not wrong, f"{code}: {wrong}"


def test_every_term_names_its_source():
    assert all(term.sources and all(s.strip() for s in term.sources)
               for term in glossary.terms())


def _broken_copy(tmp_path: Path, old: str, new: str) -> Path:
    path = tmp_path / "glossary.yml"
    text = glossary.GLOSSARY_YML.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


def test_a_term_without_source_is_a_located_german_error(tmp_path):
    path = _broken_copy(tmp_path, "  sources:\n  - § 60a AufenthG\n", "  sources: []\n")
    [error] = glossary.errors(path)
    assert error.file.endswith("glossary.yml") and error.field == "terms[0].sources"
    line = path.read_text(encoding="utf-8").splitlines()[error.line - 1]
    assert "sources" in line
    assert "mindestens" in error.message or "leer" in error.message, error.message


def test_a_duplicate_term_id_is_refused_in_german(tmp_path):
    path = _broken_copy(tmp_path, "- id: aufenthaltserlaubnis\n", "- id: duldung\n")
    [error] = glossary.errors(path)
    assert "zweimal" in error.message and "duldung" in error.message


def test_a_translation_for_an_unknown_language_is_refused(tmp_path):
    path = _broken_copy(tmp_path, "    de: Duldung\n    en:\n", "    de: Duldung\n    eng:\n")
    [error] = glossary.errors(path)
    assert "unbekannte Sprache 'eng'" in error.message


# --- linking, on text ---------------------------------------------------------------------------


def test_linking_escapes_the_text_and_evaluates_nothing():
    linker = glossary.TermLinker("de", "../../glossar/")
    out = linker.link(escape("{{ 7*7 }} <b>Jobcenter</b> & Jobcenter"))
    assert str(out) == ('{{ 7*7 }} &lt;b&gt;<a class="kim-term" href="../../glossar/#jobcenter">'
                        'Jobcenter</a>&lt;/b&gt; &amp; Jobcenter')


def test_linking_leaves_existing_links_alone():
    linker = glossary.TermLinker("de", "g/")
    out = linker.link(Markup('<p><a href="x">Duldung</a> und Duldung</p>'))
    assert str(out) == '<p><a href="x">Duldung</a> und <a class="kim-term" href="g/#duldung">' \
                       'Duldung</a></p>'


def test_a_term_inside_a_longer_word_is_not_a_use():
    linker = glossary.TermLinker("de", "g/")
    assert "kim-term" not in linker.link(escape("Jobcentermitarbeiter und Duldungsgründe"))


def _linked_piece_by_piece(linker: glossary.TermLinker, text: Markup) -> str:
    """What TermLinker.link writes without its search of the whole text first."""
    pattern, owner = linker._terms
    return str(linker.link_pieces(text, pattern, owner))


@given(st.lists(st.sampled_from(["Jobcenter", "Duldung", "KI", "Fallmanagement", "<p>", "</p>",
                                 "<strong>", "</strong>", '<a href="x&amp;y">', "</a>", "&amp;",
                                 "&lt;", "&quot;", "&#39;", "&ouml;", "&amp", " ", "-", "x",
                                 "\n", "ö", "İ", "&#74;", "obcenter"]),
                max_size=14).map("".join),
       st.sampled_from(list(LANGUAGES)))
@example('<p>&#74;obcenter</p><a href="#">Duldung</a>&amp;Duldung', "de")
def test_linking_finds_a_term_in_every_piece_of_text_between_tags(text, code):
    """The linker searches the whole text once before going piece by piece: it must never
    miss a term a piece holds (next to tags, entities, or an unclosed entity)."""
    href = "../glossar/"
    assert str(glossary.TermLinker(code, href).link(Markup(text))) == _linked_piece_by_piece(
        glossary.TermLinker(code, href), Markup(text))


def _flat_pattern(code: str) -> re.Pattern[str]:
    """The glossary pattern as one flat alternation: what the grouped one is held to."""
    _, owner = glossary._pattern(glossary.GLOSSARY_YML, glossary._stamp(glossary.GLOSSARY_YML),
                                 code)
    forms = sorted(owner, key=len, reverse=True)
    return re.compile(rf"(?<!\w)(?:{glossary._flat(forms)})(?!\w)", re.IGNORECASE)


def _spans(pattern: re.Pattern[str], text: str) -> list[tuple[int, int]]:
    return [found.span() for found in pattern.finditer(text)]


def _glossary_texts(code: str) -> list[str]:
    """Every form of every term in the language, as written, in other cases (Turkish dotted and
    dotless i included), inside words and beside each other."""
    names = [name for term in glossary.terms() for name in glossary.match_forms(term, code)]
    variants = [v for name in names for v in (name, name.upper(), name.lower(), name.title(),
                                              name.replace("i", "ı").replace("I", "İ"))]
    return [*variants, " ".join(variants), "x".join(variants), "-".join(variants[::-1])]


@pytest.mark.parametrize("code", list(LANGUAGES))
def test_grouped_glossary_pattern_finds_what_the_flat_one_finds(code):
    grouped, _ = glossary._pattern(glossary.GLOSSARY_YML, glossary._stamp(glossary.GLOSSARY_YML),
                                   code)
    flat = _flat_pattern(code)
    assert grouped.pattern != flat.pattern  # the grouping is in use
    for text in _glossary_texts(code):
        assert _spans(grouped, text) == _spans(flat, text), text


@given(st.lists(st.sampled_from(["Jobcenter", "JOBCENTER", "jobcenter", "Duldung", "KI", "ki",
                                 "Kommunales Integrationszentrum (KI)", "Kommunales",
                                 "Integrationszentrum", "Fallmanagement", "Case Management",
                                 "İ", "ı", "ß", "SS", " ", "(", ")", "-", "x", "ö"]),
                max_size=12).map("".join),
       st.sampled_from(list(LANGUAGES)))
def test_grouped_glossary_pattern_finds_what_the_flat_one_finds_in_any_text(text, code):
    grouped, _ = glossary._pattern(glossary.GLOSSARY_YML, glossary._stamp(glossary.GLOSSARY_YML),
                                   code)
    assert _spans(grouped, text) == _spans(_flat_pattern(code), text)


def test_forms_are_grouped_by_case_insensitively_equal_first_letters():
    assert glossary._alternatives(["ab", "b"]) == "a(?:b)|b(?:)"
    # The Kelvin sign and "k" match each other case-insensitively: one group.
    assert glossary._alternatives(["\u212aa", "kb"]) == "\u212a(?:a|b)"


# --- built pages (the tiny SYNTHETIC region with one more SYNTHETIC offer) ----------------------

SUMMARY = "Hilfe beim Jobcenter & bei der Ausländerbehörde (SYNTHETIC)."
ARABIC = "مساعدة في مركز العمل (Jobcenter) (SYNTHETIC)."
OFFER = f"""\
# SYNTHETIC: erfundenes Angebot für die Glossar-Tests
id: synth-begriffe
name: Begriffe (SYNTHETIC)
summary:
  de: {SUMMARY}
  ar:
    text: {ARABIC}
    status: machine
    source_hash: "{text_hash(SUMMARY)}"
description: Das Jobcenter und die Ausländerbehörde helfen. Wieder das Jobcenter, mit Duldung.
provider: testverein
topics: [beratung]
synthetic: true
source:
  document: test-konzept
"""


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("glossary")
    data = root / "data"
    shutil.copytree(TINY_REGION, data)
    (data / "offers" / "synth-begriffe.yml").write_text(OFFER, encoding="utf-8")
    out = root / "site"
    build_site(data, out, languages=["de", "ar"])
    return out


def _term_links(soup) -> list[tuple[str, str]]:
    return [(a.get_text(), a["href"]) for a in soup.select("article a.kim-term")]


def test_first_use_on_an_offer_page_links_to_the_entry_and_later_uses_do_not(site):
    soup = page(site, "de", "angebote/synth-begriffe/index.html")
    assert _term_links(soup) == [
        ("Jobcenter", "../../glossar/#jobcenter"),
        ("Ausländerbehörde", "../../glossar/#auslaenderbehoerde"),
        ("Duldung", "../../glossar/#duldung"),
    ]
    lead = soup.select_one(".kim-lead")
    assert "&amp;" in lead.decode_contents()
    description = soup.select_one(".kim-description").get_text()
    assert description.count("Jobcenter") == 2  # still there, as text


def test_a_translated_offer_page_links_the_term_in_the_readers_language(site):
    soup = page(site, "ar", "angebote/synth-begriffe/index.html")
    links = _term_links(soup)
    assert links[0] == ("مركز العمل (Jobcenter)", "../../glossar/#jobcenter")
    # The untranslated description is German, marked so; its terms link inside it.
    german = soup.select_one(".kim-description[lang=de]")
    assert [a.get_text() for a in german.select("a.kim-term")] == ["Ausländerbehörde", "Duldung"]


def test_the_case_management_page_links_the_first_use_of_a_term(site):
    soup = page(site, "de", "fallmanagement/index.html")
    links = _term_links(soup)
    assert links and len(links) == len(set(links))
    assert all(href.startswith("../glossar/#") for _, href in links)


@pytest.mark.parametrize("code", ["de", "ar"])
def test_the_glossary_page_lists_every_term_with_its_german_original_and_sources(site, code):
    soup = page(site, code, "glossar/index.html")
    lang = LANGUAGES[code]
    assert soup.html["lang"] == code and soup.body["dir"] == lang.dir
    block = soup.select_one(".kim-glossary")
    for term in glossary.terms():
        heading = block.select_one(f"h2#{term.id}")
        assert heading is not None, term.id
        original = heading.select_one(".kim-term-de")
        if code == DEFAULT_LANGUAGE:
            assert original is None
        else:
            assert original["lang"] == "de" and original["dir"] == "ltr"
            assert original.get_text() == f"({term.name.de})"
        sources = heading.find_next_sibling("p").find_next_sibling("p")
        assert all(source in sources.get_text() for source in term.sources)


@pytest.mark.regions
@pytest.mark.parametrize("code", list(LANGUAGES))
def test_the_glossary_page_exists_in_every_language_with_its_lang_and_dir(unna, code):
    soup = page(unna, code, "glossar/index.html")
    assert soup.html["lang"] == code and soup.body["dir"] == LANGUAGES[code].dir
    assert soup.select_one(".kim-glossary h2#duldung") is not None


def test_a_term_is_recognised_without_its_parenthesis():
    # "Fallmanagement (Case Management)" is written as plain "Fallmanagement" in the offers.
    linker = glossary.TermLinker("de", "g/")
    assert 'href="g/#fallmanagement"' in linker.link(escape("Das Fallmanagement berät."))


@pytest.mark.regions
def test_unnas_case_management_page_links_the_ki_in_the_text_the_reader_sees(unna):
    # Every town of Kreis Unna has a contact point, so the 'no contact point' text is not shown
    # and may not take the first link; the KI's paragraph does.
    soup = page(unna, "de", "fallmanagement/index.html")
    links = [a["href"] for a in soup.select("article a.kim-term")]
    assert "../glossar/#kommunales-integrationszentrum" in links
