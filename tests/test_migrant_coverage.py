"""Coverage of what migrants read: the share of migrant-facing texts (offers, sub-region names,
the KI's name, the interface, the hand-written pages migrants read) that exist in each language,
and the promise that it stays at 100 % for every region and language that has reached it."""

from __future__ import annotations

from pathlib import Path

import pytest

from macros.cli import main
from macros.i18n import DEFAULT_LANGUAGE, languages
from macros.loader import load
from macros.schema import text_hash
from macros.translations import migrant_coverage

ROOT = Path(__file__).resolve().parent.parent
OTHER_LANGUAGES = tuple(lang.code for lang in languages() if lang.code != DEFAULT_LANGUAGE)

# Regions (data folder relative to the repository) and the languages in which every
# migrant-facing text of their site exists. Add a region, or a language, once it has reached
# 100 %: from then on this test keeps it there.
FULL_COVERAGE: dict[str, tuple[str, ...]] = {
    "data": ("en", "ar", "fa", "tr", "uk", "ru", "de-x-ls"),
    "examples/kreis-wesel": ("en", "ar", "fa", "tr", "uk", "ru", "de-x-ls"),
    "examples/stadt-leverkusen": ("en", "ar", "fa", "tr", "uk", "ru", "de-x-ls"),
}


@pytest.mark.parametrize(("folder", "code"), [(folder, code)
                                              for folder, codes in FULL_COVERAGE.items()
                                              for code in codes])
def test_migrant_facing_texts_stay_fully_translated(folder, code):
    cover = migrant_coverage(load(ROOT / folder))[code]
    assert cover.percent == 100.0, f"{folder}, {code}: es fehlen {list(cover.gaps)}"


def test_every_listed_language_is_a_language_of_the_portal():
    unknown = {code for codes in FULL_COVERAGE.values() for code in codes} - set(OTHER_LANGUAGES)
    assert not unknown


def _translate_everything(data):
    """The minimal folder's offer name and summary, sub-region and KI name, all translated."""
    offer = data / "offers" / "sprachcafe.yml"
    text = offer.read_text(encoding="utf-8")
    summary = "Deutsch üben im Gespräch."
    entries = "".join(f"  {code}:\n    text: x\n    status: machine\n"
                      f"    source_hash: \"{text_hash(summary)}\"\n" for code in OTHER_LANGUAGES)
    offer.write_text(text.replace(f"summary: {summary}\n", f"summary:\n  de: {summary}\n{entries}"),
                     encoding="utf-8")
    return load(data)


def test_an_untranslated_offer_summary_is_a_gap_in_every_language(minimal_data):
    result = migrant_coverage(load(minimal_data))
    assert set(result) == set(OTHER_LANGUAGES)
    for code, cover in result.items():
        assert "Texte aus den Daten: offers[sprachcafe].summary" in cover.gaps, code
        assert cover.covered < cover.total


def test_a_translated_summary_is_no_longer_a_gap(minimal_data):
    for code, cover in migrant_coverage(_translate_everything(minimal_data)).items():
        assert not any(gap.endswith("offers[sprachcafe].summary") for gap in cover.gaps), code


def test_an_outdated_translation_is_a_gap(minimal_data):
    _translate_everything(minimal_data)
    offer = minimal_data / "offers" / "sprachcafe.yml"
    offer.write_text(offer.read_text(encoding="utf-8").replace(
        "de: Deutsch üben im Gespräch.", "de: Deutsch üben im Gespräch, jeden Mittwoch."),
        encoding="utf-8")
    for code, cover in migrant_coverage(load(minimal_data)).items():
        assert "Texte aus den Daten: offers[sprachcafe].summary" in cover.gaps, code


def test_sub_region_and_ki_names_count_and_funding_prose_does_not(minimal_data):
    cover = migrant_coverage(load(minimal_data))["en"]
    assert "Texte aus den Daten: region.sub_regions[nord].name" in cover.gaps
    assert "Texte aus den Daten: region.ki.name" in cover.gaps
    assert not any("funding" in gap or "papers" in gap for gap in cover.gaps)


def test_a_missing_page_a_migrant_reads_is_a_gap(minimal_data):
    # The minimal region has no privacy page of its own; the shared docs/ pages count.
    german = {path.relative_to(ROOT / "docs" / DEFAULT_LANGUAGE).as_posix()
              for path in (ROOT / "docs" / DEFAULT_LANGUAGE).rglob("*.md")}
    for code, cover in migrant_coverage(load(minimal_data)).items():
        translated = {path.relative_to(ROOT / "docs" / code).as_posix()
                      for path in (ROOT / "docs" / code).rglob("*.md")}
        for page in ("index.md", "fallmanagement.md", "barrierefreiheit.md"):
            if page in german and page not in translated:
                assert f"Seiten: {page}" in cover.gaps, (code, page)
        assert "Seiten: bausteine/index.md" not in cover.gaps  # not a page migrants read


def test_kim_report_translations_prints_the_coverage(minimal_data, capsys):
    assert main(["report", "translations", "--data", str(minimal_data)]) == 0
    out = capsys.readouterr().out
    assert "Texte für Zugewanderte" in out
    result = migrant_coverage(load(minimal_data))
    for code, cover in result.items():
        assert f"{cover.covered:>5} von {cover.total:>5}" in out, code


def test_a_module_title_on_the_start_page_counts_and_its_tasks_do_not(minimal_data):
    (minimal_data / "modules.yml").write_text(
        "modules:\n  - number: 2\n    title: Fallmanagement\n    purpose: Beratung im Einzelfall.\n"
        "    tasks: [Fälle übergeben.]\n    source:\n      document: test-konzept\n",
        encoding="utf-8")
    cover = migrant_coverage(load(minimal_data))["en"]
    assert "Texte aus den Daten: modules[2].title" in cover.gaps
    assert "Texte aus den Daten: modules[2].purpose" in cover.gaps
    assert not any("tasks" in gap for gap in cover.gaps)
