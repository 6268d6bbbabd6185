"""Translation status: catalogues complete, statuses detected, outdated found automatically."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml
from support import shipped_data

from macros import formatting, i18n
from macros.chrome import page_chrome
from macros.cli import main
from macros.i18n import (
    CATALOGUE_DIR,
    DEFAULT_LANGUAGE,
    CatalogueError,
    Translator,
    language,
    languages,
)
from macros.loader import load
from macros.schema import Text, text_hash
from macros.translations import (
    catalogue_status,
    data_texts,
    page_status,
    report,
    report_text,
    stamp_catalogue,
    stamp_page,
)

OTHER_LANGUAGES = [lang.code for lang in languages() if lang.code != DEFAULT_LANGUAGE]


@pytest.fixture
def catalogue_dir(tmp_path) -> Path:
    """A copy of the real catalogues (texts and status files) to change in a test."""
    target = tmp_path / "catalogue"
    shutil.copytree(CATALOGUE_DIR, target)
    yield target
    i18n.clear_caches()


def set_german(catalogue_dir: Path, key: str, text: str) -> None:
    path = catalogue_dir / "de.yml"
    lines = [f"{key}: {text}" if line.startswith(f"{key}:") else line
             for line in path.read_text(encoding="utf-8").splitlines()]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    i18n.clear_caches()


# --- the catalogues ------------------------------------------------------------------------------


@pytest.mark.parametrize("code", OTHER_LANGUAGES)
def test_every_language_has_every_interface_string(code):
    german = i18n.catalogue(DEFAULT_LANGUAGE)
    own = i18n.catalogue(code)
    missing = sorted(set(german) - set(own))
    assert not missing, (f"macros/catalogue/{code}.yml: es fehlen {len(missing)} Schlüssel: "
                         + ", ".join(missing))


@pytest.mark.parametrize("code", OTHER_LANGUAGES)
def test_no_catalogue_has_keys_that_german_lacks(code):
    german = i18n.catalogue(DEFAULT_LANGUAGE)
    extra = sorted(k for k in i18n.catalogue(code) if k not in german
                   and not k.startswith(i18n.MATERIAL_PREFIX) and _plural_source(k, code) is None)
    assert not extra, f"macros/catalogue/{code}.yml: unbekannte Schlüssel: {', '.join(extra)}"


@pytest.mark.parametrize("code", OTHER_LANGUAGES)
def test_placeholders_match_the_german(code):
    german = i18n.catalogue(DEFAULT_LANGUAGE)
    sources = {key: key if key in german else _plural_source(key, code)
               for key in i18n.catalogue(code)}
    wrong = [key for key, text in i18n.catalogue(code).items() if sources[key] in german
             and sorted(_placeholders(text)) != sorted(_placeholders(german[sources[key]]))]
    assert not wrong, f"{code}: Platzhalter weichen vom Deutschen ab: {wrong}"


def _plural_source(key: str, code: str) -> str | None:
    """A plural form German does not use ('offers.count.few' in Russian) is the translation of
    the German 'other' form: its key, when the language's CLDR rules have that form."""
    base, _, category = key.rpartition(".")
    other = f"{base}.other"
    if other in i18n.catalogue(DEFAULT_LANGUAGE) and category in formatting.plural_categories(
            i18n.language(code).babel):
        return other
    return None


def _placeholders(text: str) -> list[str]:
    import re
    return re.findall(r"\{(\w+)\}", text)


def test_a_broken_catalogue_line_is_named_with_file_and_key(catalogue_dir):
    (catalogue_dir / "en.yml").write_text("nav.home: {text: Home, status: perhaps}\n",
                                          encoding="utf-8")
    with pytest.raises(CatalogueError, match=r"en\.yml: Schlüssel 'nav\.home': status 'perhaps'"):
        i18n.entries("en", catalogue_dir)


def test_plain_catalogue_lines_stay_valid_and_count_as_machine(catalogue_dir):
    (catalogue_dir / "en.yml").write_text("nav.home: Home\n", encoding="utf-8")
    shutil.rmtree(catalogue_dir / "status")
    status = catalogue_status("en", catalogue_dir)
    assert status["nav.home"] == "machine"
    assert status["nav.modules"] == "missing"


# --- outdated: the German changed after the translation was made ------------------------------


def test_changing_a_german_interface_string_makes_its_translations_outdated(catalogue_dir):
    before = {code: catalogue_status(code, catalogue_dir)["nav.home"] for code in OTHER_LANGUAGES}
    assert "outdated" not in before.values()
    set_german(catalogue_dir, "nav.home", "Startseite des Portals")
    after = {code: catalogue_status(code, catalogue_dir) for code in OTHER_LANGUAGES}
    assert {code: status["nav.home"] for code, status in after.items()} == dict.fromkeys(
        OTHER_LANGUAGES, "outdated")
    assert all(status["nav.modules"] != "outdated" for status in after.values())


def test_reviewing_an_outdated_string_records_the_new_german(catalogue_dir):
    set_german(catalogue_dir, "nav.home", "Startseite des Portals")
    assert stamp_catalogue("en", ["nav.home"], reviewed=True,
                           directory=catalogue_dir) == ["nav.home"]
    assert catalogue_status("en", catalogue_dir)["nav.home"] == "reviewed"
    recorded = yaml.safe_load((catalogue_dir / "status" / "en.yml").read_text(encoding="utf-8"))
    assert recorded["nav.home"]["source_hash"] == text_hash("Startseite des Portals")


def test_changing_german_data_text_makes_its_translation_outdated(minimal_data):
    def english_data(data_dir):
        return report(load(data_dir)).languages["en"]["data"]

    assert english_data(minimal_data).by_status["machine"] == 1
    offer = minimal_data / "offers" / "sprachcafe.yml"
    offer.write_text(offer.read_text(encoding="utf-8").replace("de: Sprachcafé", "de: Sprachtreff"),
                     encoding="utf-8")
    counts = english_data(minimal_data)
    assert counts.by_status["outdated"] == 1 and counts.by_status["machine"] == 0
    assert counts.outdated == ["offers[sprachcafe].name"]


def test_changing_a_german_page_makes_its_translation_outdated(tmp_path):
    german = tmp_path / "de" / "seite.md"
    english = tmp_path / "en" / "seite.md"
    for path, text in ((german, "# Seite\n\nAlter Text.\n"), (english, "# Page\n\nOld text.\n")):
        path.parent.mkdir(parents=True)
        path.write_text(text, encoding="utf-8")
    assert page_status({}, german) == "reviewed"  # a translated page without a mark
    stamp_page(english, german)
    meta = yaml.safe_load(english.read_text(encoding="utf-8").split("---")[1])
    assert page_status(meta, german) == "machine"
    german.write_text("# Seite\n\nNeuer Text.\n", encoding="utf-8")
    assert page_status(meta, german) == "outdated"
    stamp_page(english, german, reviewed=True)
    meta = yaml.safe_load(english.read_text(encoding="utf-8").split("---")[1])
    assert page_status(meta, german) == "reviewed"
    assert english.read_text(encoding="utf-8").endswith("Old text.\n")


# --- what readers see -----------------------------------------------------------------------------


def text_with(status: str, source: str = "Sprachcafé", german: str = "Sprachcafé") -> Text:
    return Text.model_validate({"de": german, "en": {"text": "Language café", "status": status,
                                                     "source_hash": text_hash(source)}})


@pytest.mark.parametrize(("value", "machine"), [
    (text_with("reviewed"), False),
    (text_with("machine"), True),
    (text_with("reviewed", source="Sprachtreff"), True),  # outdated: the German changed since
])
def test_unreviewed_or_outdated_data_text_is_flagged_for_a_notice(value, machine):
    tr = Translator(language("en"))
    assert str(tr.text(value)) == "Language café"
    assert tr.machine is machine and not tr.fell_back


def test_missing_data_text_is_german_marked_as_german():
    tr = Translator(language("fa"))
    assert str(tr.text(text_with("machine"))) == '<span lang="de" dir="ltr">Sprachcafé</span>'
    assert tr.fell_back


def test_a_page_with_machine_translated_parts_gets_a_notice_with_the_german_original():
    chrome = page_chrome("tr", "angebote/x/", "angebote/x.md", {}, "", meta={}, data_machine=True)
    assert chrome.machine and "makine" in chrome.machine_notice
    assert chrome.original_href == "../../../angebote/x/"


def test_an_outdated_page_says_so(tmp_path):
    (tmp_path / "de").mkdir()
    (tmp_path / "de" / "seite.md").write_text("Neu\n", encoding="utf-8")
    chrome = page_chrome("en", "seite/", "seite.md", {}, "", docs_dir=tmp_path,
                         meta={"translation": "machine", "source_hash": text_hash("Alt")})
    assert "changed since it was translated" in chrome.machine_notice


# --- the report -----------------------------------------------------------------------------------


def test_report_counts_every_language_and_kind(minimal_data):
    result = report(load(minimal_data))
    assert set(result.languages) == set(OTHER_LANGUAGES)
    for code, kinds in result.languages.items():
        assert set(kinds) == {"catalogue", "pages", "data"}
        assert kinds["catalogue"].total == len(i18n.catalogue(DEFAULT_LANGUAGE)), code
    text = report_text(result)
    assert "fehlt" in text and "veraltet" in text and "%" in text


def test_kim_report_translations_prints_the_report(minimal_data, capsys):
    assert main(["report", "translations", "--data", str(minimal_data)]) == 0
    out = capsys.readouterr().out
    for code in OTHER_LANGUAGES:
        assert f"\n{code} " in out


def test_kim_translations_hash_prints_the_fingerprint(capsys):
    assert main(["translations", "hash", "Sprachcafé"]) == 0
    assert capsys.readouterr().out.strip() == text_hash("Sprachcafé") == "215c8be2"


# --- the content of the default region ------------------------------------------------------------

UNNA = Path(__file__).resolve().parent.parent / "data"


@pytest.mark.parametrize("code", OTHER_LANGUAGES)
def test_every_unna_offer_has_name_and_summary_in_every_language_and_up_to_date(code):
    from macros.translations import text_status

    offers = shipped_data("data").offers.values()
    wrong = [f"{offer.id}.{field}: {text_status(getattr(offer, field), code)}"
             for offer in offers for field in ("name", "summary")
             if text_status(getattr(offer, field), code) not in ("machine", "reviewed")]
    assert offers and not wrong, f"{code}: {wrong}"


@pytest.mark.parametrize("page_path", ["index.md", "bausteine/index.md", "barrierefreiheit.md",
                                       "datenschutz.md"])
@pytest.mark.parametrize("code", [c for c in OTHER_LANGUAGES if c != "de-x-ls"])
def test_core_pages_are_translated_and_up_to_date(code, page_path):
    from macros.translations import DOCS_DIR, front_matter

    own = DOCS_DIR / code / page_path
    assert own.is_file(), f"docs/{code}/{page_path} fehlt"
    assert page_status(front_matter(own), DOCS_DIR / DEFAULT_LANGUAGE / page_path) in (
        "machine", "reviewed"), f"docs/{code}/{page_path} ist veraltet"


def test_leichte_sprache_start_page_exists_and_is_up_to_date():
    from macros.translations import DOCS_DIR, front_matter

    own = DOCS_DIR / "de-x-ls" / "index.md"
    assert page_status(front_matter(own), DOCS_DIR / DEFAULT_LANGUAGE / "index.md") == "machine"


def test_a_translation_for_an_unknown_language_is_a_located_error(minimal_data):
    from macros.loader import DataErrors

    offer = minimal_data / "offers" / "sprachcafe.yml"
    offer.write_text(offer.read_text(encoding="utf-8").replace("  en:\n", "  eng:\n"),
                     encoding="utf-8")
    with pytest.raises(DataErrors) as failure:
        load(minimal_data)
    [error] = failure.value.errors
    assert error.file.endswith("offers/sprachcafe.yml") and error.line == 5
    assert "unbekannte Sprache 'eng'" in error.message and "de-x-ls" in error.message


def test_texts_cached_from_the_data_are_not_counted_again(tmp_path):
    """Dataset.derived holds what was computed from the data (e.g. the towns by id): the
    report counts the data's texts, not whatever ran before it."""
    from support import TINY_REGION

    data = load(TINY_REGION)
    before = len(list(data_texts(data)))
    assert data.municipalities  # cached in data.derived
    data.derived["extra"] = [Text(de="Nur zwischengespeichert")]
    assert len(list(data_texts(data))) == before
