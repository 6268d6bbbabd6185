"""Specification of ``kim validate``: what an editor is told when a data folder is wrong.

Every test starts from ``minimal_data`` (a tiny valid folder of synthetic test data, see
conftest.py), breaks exactly one thing and states the error the editor sees: the file, the line
and column, the field path and the key German phrase of the message. Positions are taken from
the broken file itself with :func:`position`, so they name the exact spot of the offending text.
"""

from __future__ import annotations

import shutil
import tempfile
import time
from datetime import date
from decimal import Decimal
from pathlib import Path
from textwrap import dedent

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import MINIMAL_DATA
from macros.cli import main
from macros.loader import DataError, DataErrors, load

# --- Helpers -----------------------------------------------------------------------------------


@pytest.fixture(autouse=True)
def _work_in_tmp_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Run in tmp_path, so errors name files as an editor sees them: 'data/region.yml'."""
    monkeypatch.chdir(tmp_path)


def replace(path: Path, old: str, new: str) -> None:
    """Replace the one occurrence of ``old`` in a data file."""
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} must occur exactly once in {path}"
    path.write_text(text.replace(old, new), encoding="utf-8")


def position(path: Path, snippet: str) -> tuple[int, int]:
    """1-based (line, column) where the one occurrence of ``snippet`` starts in a file."""
    text = path.read_text(encoding="utf-8")
    assert text.count(snippet) == 1, f"{snippet!r} must occur exactly once in {path}"
    before = text[: text.index(snippet)]
    return before.count("\n") + 1, len(before) - (before.rfind("\n") + 1) + 1


def errors_of(folder: Path) -> list[DataError]:
    with pytest.raises(DataErrors) as caught:
        load(folder)
    return caught.value.errors


def the_error(folder: Path) -> DataError:
    """The single error of a folder with exactly one thing broken."""
    errors = errors_of(folder)
    assert len(errors) == 1, "expected one error, got:\n" + "\n".join(map(str, errors))
    return errors[0]


def at(error: DataError) -> tuple[int, int]:
    return error.line, error.column


# --- A valid folder ----------------------------------------------------------------------------


def test_valid_folder_loads_with_exact_values(minimal_data: Path) -> None:
    dataset = load(minimal_data)

    assert set(dataset.documents) == {"test-konzept", "test-vorlage"}
    assert dataset.documents["test-konzept"].date == date(2021, 10, 5)
    assert dataset.funding.rows[0].amount == Decimal("55000.00")
    assert str(dataset.funding.rows[0].fte) == "1.5"
    assert dataset.offers["sprachcafe"].name.translation("en").text == "Language café"
    assert set(dataset.municipalities) == {"musterstadt", "beispieldorf"}
    assert dataset.papers["ds-1-21"].consultation[0].organization == "kreistag"


# --- YAML syntax and file level ----------------------------------------------------------------


def test_broken_yaml_syntax_is_reported_at_the_unexpected_colon(minimal_data: Path) -> None:
    documents = minimal_data / "documents.yml"
    replace(documents, "title: Testkonzept", "title: Test: Konzept")

    error = the_error(minimal_data)

    assert error.file == "data/documents.yml"
    assert at(error) == position(documents, ": Konzept")
    assert error.field == ""
    assert error.message.startswith("YAML-Syntaxfehler: Doppelpunkt an unerwarteter Stelle")


def test_unclosed_quote_is_reported_as_file_ending_inside_a_value(minimal_data: Path) -> None:
    documents = minimal_data / "documents.yml"
    replace(documents, "title: Testkonzept", 'title: "Testkonzept')

    error = the_error(minimal_data)

    assert (error.file, error.field) == ("data/documents.yml", "")
    assert error.line == 13  # the end of the 12-line file
    assert "Anführungszeichen nicht geschlossen" in error.message


def test_tab_indentation_is_reported_at_the_tab(minimal_data: Path) -> None:
    documents = minimal_data / "documents.yml"
    replace(documents, "    title: Testkonzept", "\ttitle: Testkonzept")

    error = the_error(minimal_data)

    assert (error.file, at(error), error.field) == ("data/documents.yml", (4, 1), "")
    assert "YAML-Syntaxfehler: Tabulator" in error.message
    assert "Leerzeichen" in error.message


def test_empty_file_is_reported(minimal_data: Path) -> None:
    (minimal_data / "region.yml").write_text("", encoding="utf-8")

    error = the_error(minimal_data)

    assert (error.file, at(error), error.field) == ("data/region.yml", (1, 1), "")
    assert "Datei ist leer" in error.message


def test_file_with_only_a_comment_is_reported_as_empty(minimal_data: Path) -> None:
    (minimal_data / "region.yml").write_text("# kommt noch\n", encoding="utf-8")

    error = the_error(minimal_data)

    assert (error.file, at(error), error.field) == ("data/region.yml", (1, 1), "")
    assert "Datei ist leer" in error.message


def test_list_at_top_level_is_reported(minimal_data: Path) -> None:
    (minimal_data / "region.yml").write_text("# Liste\n- id: testkreis\n- name: Testkreis\n",
                                             encoding="utf-8")

    error = the_error(minimal_data)

    assert (error.file, at(error), error.field) == ("data/region.yml", (2, 1), "")
    assert "oberste Ebene muss aus Feldern bestehen" in error.message


def test_non_utf8_file_is_reported_at_the_first_bad_line(minimal_data: Path) -> None:
    region = minimal_data / "region.yml"
    region.write_bytes("# Region\nid: testkreis\nname: Kreis Münster\n".encode("latin-1"))

    error = the_error(minimal_data)

    assert (error.file, error.line, error.field) == ("data/region.yml", 3, "")
    assert "nicht in UTF-8 gespeichert" in error.message


def test_control_character_is_reported_at_its_position(minimal_data: Path) -> None:
    region = minimal_data / "region.yml"
    replace(region, "name: Testkreis", "name: Test\x07kreis")

    error = the_error(minimal_data)

    line, column = position(region, "\x07")
    assert (error.file, at(error), error.field) == ("data/region.yml", (line, column), "")
    assert "Steuerzeichen #x0007" in error.message
    assert "\n" not in error.message


def test_unknown_file_name_in_the_data_folder_is_reported(minimal_data: Path) -> None:
    (minimal_data / "notizen.yml").write_text("# Notizen\nidee: mehr Angebote\n",
                                              encoding="utf-8")

    error = the_error(minimal_data)

    assert (error.file, at(error), error.field) == ("data/notizen.yml", (1, 1), "")
    assert "unbekannte Datei" in error.message
    assert "documents.yml, region.yml" in error.message


def test_missing_required_file_is_reported(minimal_data: Path) -> None:
    (minimal_data / "region.yml").unlink()

    error = the_error(minimal_data)  # and no follow-up errors about unknown municipalities

    assert (error.file, at(error), error.field) == ("data/region.yml", (1, 1), "")
    assert error.message == "Pflichtdatei fehlt"


def test_missing_data_folder_is_reported(tmp_path: Path) -> None:
    error = the_error(tmp_path / "gibt-es-nicht")

    assert error.message == "Datenordner nicht gefunden"


# --- Unsafe and hostile YAML -------------------------------------------------------------------


def test_python_object_tag_is_refused_at_its_field(minimal_data: Path) -> None:
    documents = minimal_data / "documents.yml"
    replace(documents, "title: Testkonzept", "title: !!python/object/apply:os.system ['ls']")

    error = the_error(minimal_data)

    assert error.file == "data/documents.yml"
    assert at(error) == position(documents, "!!python")
    assert error.field == "documents[0].title"
    assert "Tag 'tag:yaml.org,2002:python/object/apply:os.system' ist nicht erlaubt" in error.message


def test_local_tag_is_refused_like_any_unknown_tag(minimal_data: Path) -> None:
    documents = minimal_data / "documents.yml"
    replace(documents, "title: Testkonzept", "title: !include geheim.yml")

    error = the_error(minimal_data)

    assert (error.file, at(error)) == ("data/documents.yml", position(documents, "!include"))
    assert error.field == "documents[0].title"
    assert "Tag '!include' ist nicht erlaubt" in error.message


BILLION_LAUGHS = """\
# Alias-Bombe
a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]
b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]
c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]
d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]
e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]
f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e]
g: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f]
h: &h [*g, *g, *g, *g, *g, *g, *g, *g, *g]
i: &i [*h, *h, *h, *h, *h, *h, *h, *h, *h]
"""


def test_alias_bomb_is_refused_fast_at_the_first_anchor(minimal_data: Path) -> None:
    (minimal_data / "region.yml").write_text(BILLION_LAUGHS, encoding="utf-8")

    started = time.perf_counter()
    error = the_error(minimal_data)
    elapsed = time.perf_counter() - started

    assert elapsed < 2.0
    assert (error.file, at(error), error.field) == ("data/region.yml", (2, 4), "")
    assert "Anker und Verweise (& und *) sind nicht erlaubt" in error.message


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("x: " + "[" * 10_000 + "]" * 10_000 + "\n", id="flow-lists"),
        pytest.param("x: " + "[" * 10_000 + "\n", id="unclosed-flow-lists"),
        pytest.param("x: " + "{a: " * 10_000 + "1" + "}" * 10_000 + "\n", id="flow-mappings"),
        pytest.param("x:\n" + "- " * 10_000 + "tief\n", id="block-lists"),
        pytest.param("".join("  " * depth + "a:\n" for depth in range(400)), id="block-mappings"),
    ],
)
def test_deep_nesting_is_refused_without_crash_or_hang(minimal_data: Path, text: str) -> None:
    (minimal_data / "region.yml").write_text(text, encoding="utf-8")

    started = time.perf_counter()
    error = the_error(minimal_data)

    assert time.perf_counter() - started < 2.0
    assert (error.file, error.field) == ("data/region.yml", "")
    assert error.line >= 1
    assert "zu tief verschachtelt" in error.message


def test_duplicate_key_in_one_mapping_is_reported_with_the_first_line(minimal_data: Path) -> None:
    region = minimal_data / "region.yml"
    replace(region, "name: Testkreis\n", "name: Testkreis\nname: Kreis Test\n")

    error = the_error(minimal_data)

    first_line, _ = position(region, "name: Testkreis\n")
    assert (error.file, at(error)) == ("data/region.yml", position(region, "name: Kreis Test"))
    assert error.field == "name"
    assert f"Feld 'name' steht doppelt (zuerst in Zeile {first_line})" in error.message


def test_duplicate_key_does_not_hide_other_errors_in_the_file(minimal_data: Path) -> None:
    region = minimal_data / "region.yml"
    replace(region, "name: Testkreis\n", "name: Testkreis\nname: Kreis Test\n")
    replace(region, "kind: Kreis", "kind: Landkreis")

    errors = errors_of(minimal_data)

    assert [(e.file, e.field) for e in errors] == [
        ("data/region.yml", "name"), ("data/region.yml", "kind")]
    assert "steht doppelt" in errors[0].message
    assert "unbekannter Wert 'Landkreis'" in errors[1].message


@pytest.mark.parametrize("key", ["1", "0x10", "true", "~", "1_000"])
def test_key_that_looks_like_a_value_is_an_unknown_field_not_a_crash(
    minimal_data: Path, key: str
) -> None:
    region = minimal_data / "region.yml"
    replace(region, "kind: Kreis\n", f"kind: Kreis\n{key}: x\n")

    error = the_error(minimal_data)

    assert (error.file, at(error), error.field) == ("data/region.yml", position(region, f"{key}: x"), key)
    assert error.message.startswith("unbekanntes Feld (Tippfehler?); erlaubt sind hier: id, name")


# --- Types ---------------------------------------------------------------------------------------


def test_text_where_a_number_is_expected_is_reported(minimal_data: Path) -> None:
    funding = minimal_data / "funding.yml"
    replace(funding, "amount: 55000.00", "amount: fünfzigtausend")

    error = the_error(minimal_data)

    assert (error.file, at(error)) == ("data/funding.yml", position(funding, "fünfzigtausend"))
    assert error.field == "rows[0].amount"
    assert error.message.startswith("Zahl erwartet (ohne Anführungszeichen, Dezimalpunkt)")


def test_quoted_number_is_text_and_reported_where_a_number_is_expected(minimal_data: Path) -> None:
    funding = minimal_data / "funding.yml"
    replace(funding, "amount: 55000.00", 'amount: "55000.00"')

    error = the_error(minimal_data)

    assert (error.file, at(error)) == ("data/funding.yml", position(funding, '"55000.00"'))
    assert error.field == "rows[0].amount"
    assert "Zahl erwartet (ohne Anführungszeichen" in error.message


def test_text_where_a_whole_number_is_expected_is_reported(minimal_data: Path) -> None:
    funding = minimal_data / "funding.yml"
    replace(funding, "year: 2022", "year: zweitausendzweiundzwanzig")

    error = the_error(minimal_data)

    assert (error.file, at(error)) == ("data/funding.yml", position(funding, "zweitausend"))
    assert error.field == "rows[0].year"
    assert "ganze Zahl erwartet, gefunden: 'zweitausendzweiundzwanzig'" in error.message


def test_number_where_text_is_expected_is_reported(minimal_data: Path) -> None:
    documents = minimal_data / "documents.yml"
    replace(documents, "title: Testkonzept", "title: 42")

    error = the_error(minimal_data)

    assert (error.file, at(error)) == ("data/documents.yml", position(documents, "42"))
    assert error.field == "documents[0].title"
    assert "Text erwartet, gefunden: ganze Zahl 42" in error.message


def test_date_where_text_is_expected_is_shown_as_written_not_as_python(minimal_data: Path) -> None:
    documents = minimal_data / "documents.yml"
    replace(documents, "title: Testkonzept", "title: 2021-11-30")

    error = the_error(minimal_data)

    assert (error.file, at(error)) == ("data/documents.yml", position(documents, "2021-11-30"))
    assert error.field == "documents[0].title"
    assert "Text erwartet, gefunden: Datum 2021-11-30" in error.message
    assert "datetime" not in error.message


def test_unquoted_clock_time_is_read_as_text_not_as_base_60_number(minimal_data: Path) -> None:
    replace(minimal_data / "offers/sprachcafe.yml", 'closes: "17:00"', "closes: 17:00")

    dataset = load(minimal_data)

    assert dataset.offers["sprachcafe"].schedules[0].weekly[0].closes == "17:00"


def test_number_with_leading_zero_stays_text_not_octal(minimal_data: Path) -> None:
    replace(minimal_data / "region.yml", "phone: 01234 567890", "phone: 01234567")

    dataset = load(minimal_data)

    assert dataset.region.ki.contact.phone == "01234567"


@pytest.mark.parametrize(
    ("old", "new", "value", "field", "phrase"),
    [
        ("year: 2022", "year: !!int abc", "!!int", "rows[0].year",
         "ganze Zahl erwartet, gefunden: 'abc'"),
        ("year: 2022", "year: 0x7E6", "0x7E6", "rows[0].year",
         "ganze Zahl erwartet, gefunden: '0x7E6'"),
        ("year: 2022", "year: 1:20", "1:20", "rows[0].year",
         "ganze Zahl erwartet, gefunden: '1:20'"),
        ("module: 2", "approximate: !!bool vielleicht", "!!bool", "rows[0].approximate",
         "true oder false erwartet, gefunden: 'vielleicht'"),
    ],
)
def test_explicitly_tagged_or_unusual_numbers_are_reported_not_crashing(
    minimal_data: Path, old: str, new: str, value: str, field: str, phrase: str
) -> None:
    funding = minimal_data / "funding.yml"
    replace(funding, old, new)

    error = the_error(minimal_data)

    assert (error.file, at(error), error.field) == ("data/funding.yml", position(funding, value), field)
    assert phrase in error.message


# --- Keys ----------------------------------------------------------------------------------------


def test_unknown_key_is_reported_with_line_and_allowed_keys(minimal_data: Path) -> None:
    documents = minimal_data / "documents.yml"
    replace(documents, "reference: Drucksache 1/21", "referenz: Drucksache 1/21")

    error = the_error(minimal_data)

    assert (error.file, at(error)) == ("data/documents.yml", position(documents, "referenz"))
    assert error.field == "documents[1].referenz"
    assert error.message == ("unbekanntes Feld (Tippfehler?); erlaubt sind hier: "
                             "id, title, publisher, reference, date, file")


def test_unknown_key_lists_the_alias_spelling_of_allowed_keys(minimal_data: Path) -> None:
    funding = minimal_data / "funding.yml"
    replace(funding, "from: kreistag", "vom: kreistag")

    error = the_error(minimal_data)

    assert (error.file, at(error)) == ("data/funding.yml", position(funding, "vom"))
    assert error.field == "rows[0].vom"
    assert ", from, to," in error.message
    assert "from_" not in error.message


def test_missing_required_field_is_reported_at_its_record(minimal_data: Path) -> None:
    documents = minimal_data / "documents.yml"
    replace(documents, "    publisher: Testkreis\n    date:", "    date:")

    error = the_error(minimal_data)

    assert (error.file, at(error)) == ("data/documents.yml", position(documents, "id: test-konzept"))
    assert error.field == "documents[0].publisher"
    assert error.message == "Pflichtfeld fehlt"


# --- Dates and amounts ---------------------------------------------------------------------------


def test_impossible_date_is_reported(minimal_data: Path) -> None:
    documents = minimal_data / "documents.yml"
    replace(documents, "date: 2021-10-05", "date: 2021-02-30")

    error = the_error(minimal_data)

    assert (error.file, at(error)) == ("data/documents.yml", position(documents, "2021-02-30"))
    assert error.field == "documents[0].date"
    assert error.message == "'2021-02-30' ist kein gültiges Kalenderdatum"


def test_german_date_form_is_reported_with_the_expected_form(minimal_data: Path) -> None:
    documents = minimal_data / "documents.yml"
    replace(documents, "date: 2021-10-05", "date: 05.10.2021")

    error = the_error(minimal_data)

    assert (error.file, at(error)) == ("data/documents.yml", position(documents, "05.10.2021"))
    assert error.field == "documents[0].date"
    assert "Datum erwartet in der Form JJJJ-MM-TT" in error.message
    assert "'05.10.2021'" in error.message


def test_date_with_time_is_reported(minimal_data: Path) -> None:
    documents = minimal_data / "documents.yml"
    replace(documents, "date: 2021-10-05", "date: 2021-10-05T10:00:00Z")

    error = the_error(minimal_data)

    assert (error.file, at(error)) == ("data/documents.yml", position(documents, "2021-10-05T"))
    assert error.field == "documents[0].date"
    assert "Datum in der Form JJJJ-MM-TT erwartet, ohne Uhrzeit" in error.message


def test_negative_amount_is_reported(minimal_data: Path) -> None:
    funding = minimal_data / "funding.yml"
    replace(funding, "amount: 55000.00", "amount: -55000.00")

    error = the_error(minimal_data)

    assert (error.file, at(error)) == ("data/funding.yml", position(funding, "-55000.00"))
    assert error.field == "rows[0].amount"
    assert error.message == "muss mindestens 0 sein, gefunden: -55000.00"


def test_amount_with_too_many_decimal_places_is_reported(minimal_data: Path) -> None:
    funding = minimal_data / "funding.yml"
    replace(funding, "amount: 55000.00", "amount: 55000.005")

    error = the_error(minimal_data)

    assert (error.file, at(error)) == ("data/funding.yml", position(funding, "55000.005"))
    assert error.field == "rows[0].amount"
    assert error.message == "höchstens 2 Nachkommastellen erlaubt"


def test_infinite_amount_is_reported(minimal_data: Path) -> None:
    funding = minimal_data / "funding.yml"
    replace(funding, "amount: 55000.00", "amount: .inf")

    error = the_error(minimal_data)

    assert (error.file, at(error), error.field) == ("data/funding.yml", position(funding, ".inf"),
                                                    "rows[0].amount")
    assert "keine endliche Zahl" in error.message


# --- Identifiers and references ------------------------------------------------------------------


def test_duplicate_id_within_a_file_is_reported_with_the_first_place(minimal_data: Path) -> None:
    documents = minimal_data / "documents.yml"
    with documents.open("a", encoding="utf-8") as file:
        file.write("  - id: test-konzept\n    title: Kopie\n    publisher: Testkreis\n"
                   "    file: kopie.txt\n")

    error = the_error(minimal_data)

    first_line, _ = position(documents, "id: test-konzept\n    title: Testkonzept")
    assert (error.file, at(error)) == ("data/documents.yml", position(documents, "test-konzept\n    title: Kopie"))
    assert error.field == "documents[2].id"
    assert error.message == (f"Kennung 'test-konzept' ist doppelt vergeben "
                             f"(zuerst in data/documents.yml:{first_line})")


def test_duplicate_offer_id_across_offer_files_is_reported(minimal_data: Path) -> None:
    original = minimal_data / "offers/sprachcafe.yml"
    copy = minimal_data / "offers/sprachcafe.yaml"
    shutil.copy(original, copy)

    error = the_error(minimal_data)

    assert (error.file, at(error)) == ("data/offers/sprachcafe.yml", position(original, "sprachcafe\nname"))
    assert error.field == "id"
    assert error.message == ("Kennung 'sprachcafe' ist doppelt vergeben "
                             "(zuerst in data/offers/sprachcafe.yaml)")


def test_offer_id_not_matching_its_file_name_is_reported(minimal_data: Path) -> None:
    offer = minimal_data / "offers/sprachcafe.yml"
    replace(offer, "id: sprachcafe", "id: sprach-cafe")

    error = the_error(minimal_data)

    assert (error.file, at(error), error.field) == ("data/offers/sprachcafe.yml",
                                                    position(offer, "sprach-cafe"), "id")
    assert "muss dem Dateinamen entsprechen ('sprachcafe')" in error.message


def test_unknown_municipality_is_reported_with_the_known_ones(minimal_data: Path) -> None:
    offer = minimal_data / "offers/sprachcafe.yml"
    replace(offer, "service_area: [musterstadt]", "service_area: [musterstadt, nirgendwo]")

    error = the_error(minimal_data)

    assert (error.file, at(error)) == ("data/offers/sprachcafe.yml", position(offer, "nirgendwo"))
    assert error.field == "service_area[1]"
    assert error.message == ("unbekannte Kennung 'nirgendwo' für Kommune (region.yml, "
                             "municipalities); vorhanden: beispieldorf, musterstadt")


def test_unknown_organization_in_a_consultation_is_reported(minimal_data: Path) -> None:
    papers = minimal_data / "papers.yml"
    replace(papers, "organization: kreistag", "organization: stadtrat")

    error = the_error(minimal_data)

    assert (error.file, at(error)) == ("data/papers.yml", position(papers, "stadtrat"))
    assert error.field == "papers[0].consultation[0].organization"
    assert "unbekannte Kennung 'stadtrat' für Gremium oder Organisation" in error.message
    assert "vorhanden: kreistag" in error.message


def test_unknown_document_in_a_source_is_reported(minimal_data: Path) -> None:
    providers = minimal_data / "providers.yml"
    replace(providers, "document: test-konzept", "document: test-konzpet")

    error = the_error(minimal_data)

    assert (error.file, at(error)) == ("data/providers.yml", position(providers, "test-konzpet"))
    assert error.field == "providers[0].source.document"
    assert error.message == ("unbekannte Kennung 'test-konzpet' für Quelldokument "
                             "(documents.yml); vorhanden: test-konzept, test-vorlage")


def test_unknown_paper_is_reported(minimal_data: Path) -> None:
    funding = minimal_data / "funding.yml"
    replace(funding, "paper: ds-1-21", "paper: ds-9-99")

    error = the_error(minimal_data)

    assert (error.file, at(error)) == ("data/funding.yml", position(funding, "ds-9-99"))
    assert error.field == "rows[0].paper"
    assert "unbekannte Kennung 'ds-9-99' für Drucksache (papers.yml); vorhanden: ds-1-21" in error.message


def test_broken_documents_file_does_not_flood_references_to_it(minimal_data: Path) -> None:
    replace(minimal_data / "documents.yml", "title: Testkonzept", "title: Test: Konzept")

    errors = errors_of(minimal_data)

    assert [e.file for e in errors] == ["data/documents.yml"]


# --- Allowed values and formats ------------------------------------------------------------------


def test_unknown_enum_value_is_reported_with_the_allowed_values(minimal_data: Path) -> None:
    region = minimal_data / "region.yml"
    replace(region, "kind: Kreis", "kind: Landkreis")

    error = the_error(minimal_data)

    assert (error.file, at(error), error.field) == ("data/region.yml", position(region, "Landkreis"), "kind")
    assert error.message == "unbekannter Wert 'Landkreis'; erlaubt: 'Kreis', 'kreisfreie Stadt'"


def test_unknown_value_in_a_list_is_reported_at_its_entry(minimal_data: Path) -> None:
    offer = minimal_data / "offers/sprachcafe.yml"
    replace(offer, "topics: [sprache]", "topics: [sprache, kochen]")

    error = the_error(minimal_data)

    assert (error.file, at(error)) == ("data/offers/sprachcafe.yml", position(offer, "kochen"))
    assert error.field == "topics[1]"
    assert "unbekannter Wert 'kochen'; erlaubt: 'sprache', 'arbeit'" in error.message


def test_ambiguous_language_code_ku_is_reported_with_both_choices(minimal_data: Path) -> None:
    offer = minimal_data / "offers/sprachcafe.yml"
    replace(offer, "languages: [de, ar, kmr]", "languages: [de, ar, ku]")

    error = the_error(minimal_data)

    assert (error.file, at(error)) == ("data/offers/sprachcafe.yml", position(offer, "ku]"))
    assert error.field == "languages[2]"
    assert "'ku' ist mehrdeutig" in error.message
    assert "'kmr' (Kurmandschi) oder 'ckb' (Sorani)" in error.message


def test_bad_phone_number_is_reported(minimal_data: Path) -> None:
    region = minimal_data / "region.yml"
    replace(region, "phone: 01234 567890", "phone: bitte anrufen")

    error = the_error(minimal_data)

    assert (error.file, at(error)) == ("data/region.yml", position(region, "bitte anrufen"))
    assert error.field == "ki.contact.phone"
    assert "Telefonnummer aus Ziffern" in error.message
    assert "gefunden: 'bitte anrufen'" in error.message


def test_bad_email_address_is_reported(minimal_data: Path) -> None:
    region = minimal_data / "region.yml"
    replace(region, "email: ki@testkreis.example.de", "email: ki(at)testkreis.example.de")

    error = the_error(minimal_data)

    assert (error.file, at(error)) == ("data/region.yml", position(region, "ki(at)"))
    assert error.field == "ki.contact.email"
    assert "E-Mail-Adresse erwartet" in error.message


def test_url_without_https_is_reported(minimal_data: Path) -> None:
    region = minimal_data / "region.yml"
    replace(region, "website: https://testkreis.example.de", "website: http://testkreis.example.de")

    error = the_error(minimal_data)

    assert (error.file, at(error)) == ("data/region.yml", position(region, "http://"))
    assert error.field == "ki.contact.website"
    assert "Internetadresse mit https:// erwartet" in error.message


def test_opening_hours_closing_before_opening_are_reported(minimal_data: Path) -> None:
    offer = minimal_data / "offers/sprachcafe.yml"
    replace(offer, 'closes: "17:00"', 'closes: "14:00"')

    error = the_error(minimal_data)

    assert (error.file, at(error)) == ("data/offers/sprachcafe.yml", position(offer, "day: mi"))
    assert error.field == "schedules[0].weekly[0]"
    assert error.message == "'closes' muss nach 'opens' liegen (15:00 bis 14:00)"


# --- Reader text ---------------------------------------------------------------------------------


def test_html_in_a_text_field_is_refused(minimal_data: Path) -> None:
    offer = minimal_data / "offers/sprachcafe.yml"
    replace(offer, "summary: Deutsch üben im Gespräch.",
            "summary: Deutsch <script>alert(1)</script> üben.")

    error = the_error(minimal_data)

    assert (error.file, at(error)) == ("data/offers/sprachcafe.yml", position(offer, "Deutsch <"))
    assert error.field == "summary.de"
    assert "HTML oder Vorlagen-Syntax ist hier nicht erlaubt (gefunden: '<script>aler')" in error.message


def test_template_expression_in_a_text_field_is_refused(minimal_data: Path) -> None:
    offer = minimal_data / "offers/sprachcafe.yml"
    replace(offer, "summary: Deutsch üben im Gespräch.", "summary: Deutsch {{ config.secret }}")

    error = the_error(minimal_data)

    assert (error.file, at(error)) == ("data/offers/sprachcafe.yml", position(offer, "Deutsch {"))
    assert error.field == "summary.de"
    assert "HTML oder Vorlagen-Syntax ist hier nicht erlaubt (gefunden: '{{ config.se')" in error.message


def test_template_statement_in_a_text_field_is_refused(minimal_data: Path) -> None:
    documents = minimal_data / "documents.yml"
    replace(documents, "publisher: Testkreis\n    date", "publisher: \"{% include 'x' %}\"\n    date")

    error = the_error(minimal_data)

    assert (error.file, at(error)) == ("data/documents.yml", position(documents, '"{%'))
    assert error.field == "documents[0].publisher"
    assert "Vorlagen-Syntax ist hier nicht erlaubt (gefunden: '{% include '')" in error.message


def test_template_syntax_in_a_translation_is_refused(minimal_data: Path) -> None:
    offer = minimal_data / "offers/sprachcafe.yml"
    replace(offer, "text: Language café", "text: Language {{ lang }} café")

    error = the_error(minimal_data)

    assert (error.file, at(error)) == ("data/offers/sprachcafe.yml", position(offer, "Language {"))
    assert error.field == "name.en.text"
    assert "Vorlagen-Syntax ist hier nicht erlaubt (gefunden: '{{ lang }} c')" in error.message


def test_translation_missing_its_status_is_reported(minimal_data: Path) -> None:
    offer = minimal_data / "offers/sprachcafe.yml"
    replace(offer, "    status: machine\n", "")

    error = the_error(minimal_data)

    assert (error.file, at(error)) == ("data/offers/sprachcafe.yml", position(offer, "text: Language"))
    assert error.field == "name.en.status"
    assert error.message == "Pflichtfeld fehlt"


def test_translation_with_a_bad_language_key_names_the_key(minimal_data: Path) -> None:
    offer = minimal_data / "offers/sprachcafe.yml"
    replace(offer, "  en:\n", "  Englisch:\n")

    error = the_error(minimal_data)

    assert error.file == "data/offers/sprachcafe.yml"
    assert error.field == "name.Englisch"
    assert "Sprachkennung erwartet" in error.message


# --- All errors at once --------------------------------------------------------------------------


def test_several_errors_in_one_file_are_all_reported(minimal_data: Path) -> None:
    documents = minimal_data / "documents.yml"
    replace(documents, "title: Testkonzept", "title: 42")
    replace(documents, "date: 2021-10-05", "date: 2021-02-30")
    replace(documents, "reference: Drucksache 1/21", "referenz: Drucksache 1/21")
    replace(documents, "file: test-vorlage.txt", "file: <b>fett</b>")

    errors = errors_of(minimal_data)

    assert [(e.file, at(e), e.field) for e in errors] == [
        ("data/documents.yml", position(documents, "42"), "documents[0].title"),
        ("data/documents.yml", position(documents, "2021-02-30"), "documents[0].date"),
        ("data/documents.yml", position(documents, "referenz"), "documents[1].referenz"),
        ("data/documents.yml", position(documents, "<b>"), "documents[1].file"),
    ]
    assert ["Text erwartet", "kein gültiges Kalenderdatum", "unbekanntes Feld", "HTML"] == [
        next(p for p in ("Text erwartet", "kein gültiges Kalenderdatum", "unbekanntes Feld", "HTML")
             if p in e.message) for e in errors]


def test_errors_in_several_files_are_all_reported(minimal_data: Path) -> None:
    replace(minimal_data / "region.yml", "kind: Kreis", "kind: Landkreis")
    replace(minimal_data / "funding.yml", "amount: 55000.00", "amount: -1")
    replace(minimal_data / "offers/sprachcafe.yml", "languages: [de, ar, kmr]", "languages: [ku]")

    errors = errors_of(minimal_data)

    assert [(e.file, e.field) for e in errors] == [
        ("data/funding.yml", "rows[0].amount"),
        ("data/offers/sprachcafe.yml", "languages[0]"),
        ("data/region.yml", "kind"),
    ]


def test_error_prints_as_path_line_column_field_message(minimal_data: Path) -> None:
    replace(minimal_data / "region.yml", "kind: Kreis", "kind: Landkreis")

    error = the_error(minimal_data)

    assert str(error) == ("data/region.yml:4:7: kind: unbekannter Wert 'Landkreis'; "
                          "erlaubt: 'Kreis', 'kreisfreie Stadt'")


# --- kim validate ---------------------------------------------------------------------------------


def test_kim_validate_returns_0_for_valid_data(
    minimal_data: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["validate", "data"]) == 0

    captured = capsys.readouterr()
    assert "data: gültig (1 Angebote, 1 Drucksachen, 1 Finanzierungszeilen)" in captured.out
    assert captured.err == ""


def test_kim_validate_returns_1_with_messages_on_stderr_and_no_traceback(
    minimal_data: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    replace(minimal_data / "region.yml", "kind: Kreis", "kind: Landkreis")
    (minimal_data / "documents.yml").write_text(BILLION_LAUGHS, encoding="utf-8")

    assert main(["validate", "data"]) == 1

    captured = capsys.readouterr()
    lines = captured.err.splitlines()
    assert lines[0].startswith("data/documents.yml:2:4: Anker und Verweise")
    assert lines[1].startswith("data/region.yml:4:7: kind: unbekannter Wert 'Landkreis'")
    assert lines[-1] == "2 Fehler gefunden in data"
    assert "Traceback" not in captured.err
    assert captured.out == ""


def test_kim_validate_reports_a_crash_prone_file_without_traceback(
    minimal_data: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (minimal_data / "region.yml").write_text("0x10: !!int abc\n? 1:20\n: !!bool nie\n",
                                             encoding="utf-8")

    assert main(["validate", "data"]) == 1

    captured = capsys.readouterr()
    assert "data/region.yml:1:1: 0x10: unbekanntes Feld" in captured.err
    assert "Traceback" not in captured.err


# --- Property: any text either validates or yields located German errors -------------------------

# Words of which every message contains at least one; libyaml's English must never come through.
GERMAN = ("erwartet", "nicht", "fehlt", "unbekannt", "doppelt", "Datei", "erlaubt", "muss",
          "darf", "höchstens", "mindestens", "Zahl", "Datum", "Kennung", "Tag", "leer",
          "Syntaxfehler", "Wert", "verschachtelt", "mehrdeutig", "Feld", "gültig")
ENGLISH = ("found ", "did not", "could not", "expected ", "while ", "not allowed", "but found",
           "Input should", "Field required", "Traceback")


def assert_located_german(errors: list[DataError], folder: Path) -> None:
    assert errors
    for error in errors:
        assert error.file.startswith(folder.as_posix()), error
        assert error.line >= 1 and error.column >= 1, error
        assert error.message.strip(), error
        assert any(word in error.message for word in GERMAN), error
        assert not any(error.message.startswith(w) or f": {w}" in error.message
                       for w in ENGLISH), error


def load_with(name: str, text: str) -> None:
    """Write ``text`` as file ``name`` of a fresh copy of the minimal data and load it."""
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "data"
        for other, content in MINIMAL_DATA.items():
            path = folder / other
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(dedent(content), encoding="utf-8")
        (folder / name).write_bytes(text.encode("utf-8", errors="surrogatepass"))
        try:
            load(folder)
        except DataErrors as failure:
            assert_located_german(failure.errors, folder)


YAML_PIECES = st.sampled_from(
    [":", ": ", "- ", " ", "  ", "\n", "\t", "[", "]", "{", "}", ",", "&a ", "*a", "!!str ",
     "!!python/object ", "'", '"', "#", "|", ">", "%", "@", "`", "?", "~", "0", "-1", "1.005",
     "2021-02-30", "17:00", "0x1F", "yes", "ä", "\x07", "\x85", "\u2028", "\ufeff", "{{", "<b>"]
)


@st.composite
def mutated_files(draw: st.DrawFn) -> tuple[str, str]:
    name = draw(st.sampled_from(sorted(MINIMAL_DATA)))
    text = dedent(MINIMAL_DATA[name])
    for _ in range(draw(st.integers(1, 4))):
        start = draw(st.integers(0, len(text)))
        end = draw(st.integers(start, min(len(text), start + 40)))
        action = draw(st.sampled_from(["delete", "duplicate", "insert"]))
        if action == "delete":
            text = text[:start] + text[end:]
        elif action == "duplicate":
            text = text[:end] + text[start:end] + text[end:]
        else:
            text = text[:start] + draw(YAML_PIECES) + text[start:]
    return name, text


FUZZ = settings(max_examples=200, deadline=2000,
                suppress_health_check=[HealthCheck.function_scoped_fixture])


@FUZZ
@given(mutated_files())
def test_mutated_valid_file_validates_or_yields_located_german_errors(
    mutation: tuple[str, str],
) -> None:
    load_with(*mutation)


@FUZZ
@given(st.lists(st.one_of(YAML_PIECES, st.text(max_size=8)), max_size=60).map("".join),
       st.sampled_from(["region.yml", "documents.yml", "offers/sprachcafe.yml"]))
def test_random_yaml_text_validates_or_yields_located_german_errors(text: str, name: str) -> None:
    load_with(name, text)
