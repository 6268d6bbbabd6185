"""Specification of ``kim validate``: what an editor is told when a data folder is wrong.

Every test starts from ``minimal_data`` (a tiny valid folder of synthetic test data, see
conftest.py), breaks exactly one thing and states the error the editor sees: the file, the line
and column, the field path and the key German phrase of the message.

Tests run inside ``tmp_path``, so files are named as an editor sees them ('data/region.yml').
Positions are taken from the broken file itself with :func:`spot`, so they name the exact place
of the offending text rather than line numbers copied from the fixture.
"""

from __future__ import annotations

import contextlib
import re
import shutil
import signal
import tempfile
import time
from datetime import date
from decimal import Decimal
from pathlib import Path
from textwrap import dedent

import pytest
import yaml
from conftest import MINIMAL_DATA
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from macros.cli import main
from macros.loader import DataError, DataErrors, load

# --- Helpers -----------------------------------------------------------------------------------


@pytest.fixture(autouse=True)
def _work_in_tmp_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)


def replace(file: str, old: str, new: str) -> None:
    """Replace the one occurrence of ``old`` in a data file (path relative to tmp_path)."""
    text = Path(file).read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} must occur exactly once in {file}"
    Path(file).write_text(text.replace(old, new), encoding="utf-8")


def spot(file: str, snippet: str, field: str = "") -> tuple[str, int, int, str]:
    """(file, line, column, field) of the one occurrence of ``snippet`` in a file."""
    text = Path(file).read_text(encoding="utf-8")
    assert text.count(snippet) == 1, f"{snippet!r} must occur exactly once in {file}"
    before = text[: text.index(snippet)]
    return file, before.count("\n") + 1, len(before) - before.rfind("\n"), field


def located(error: DataError) -> tuple[str, int, int, str]:
    return error.file, error.line, error.column, error.field


def errors_of(folder: Path | str) -> list[DataError]:
    with pytest.raises(DataErrors) as caught:
        load(folder)
    return caught.value.errors


def the_error(folder: Path | str) -> DataError:
    """The single error of a folder with exactly one thing broken."""
    errors = errors_of(folder)
    assert len(errors) == 1, "expected one error, got:\n" + "\n".join(map(str, errors))
    return errors[0]


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
    replace("data/documents.yml", "title: Testkonzept", "title: Test: Konzept")

    error = the_error(minimal_data)

    assert located(error) == spot("data/documents.yml", ": Konzept")
    assert error.message.startswith("YAML-Syntaxfehler: Doppelpunkt an unerwarteter Stelle")


def test_unclosed_quote_is_reported_as_file_ending_inside_a_value(minimal_data: Path) -> None:
    replace("data/documents.yml", "title: Testkonzept", 'title: "Testkonzept')

    error = the_error(minimal_data)

    assert located(error) == ("data/documents.yml", 13, 1, "")  # after the last of 12 lines
    assert error.message == ("YAML-Syntaxfehler: Datei endet mitten in einem Wert "
                             "(Anführungszeichen nicht geschlossen?)")


def test_tab_indentation_is_reported_at_the_tab(minimal_data: Path) -> None:
    replace("data/documents.yml", "    title: Testkonzept", "\ttitle: Testkonzept")

    error = the_error(minimal_data)

    assert located(error) == spot("data/documents.yml", "\ttitle")
    assert error.message == ("YAML-Syntaxfehler: Tabulator in der Einrückung; "
                             "bitte nur Leerzeichen verwenden")


@pytest.mark.parametrize(
    ("written", "line", "column", "phrase"),
    [
        # An unclosed bracket is noticed on the next line, whose ':' cannot belong to the list.
        ("  - id: [test-konzept", 4, 10, "Liste in [ ] nicht geschlossen oder Komma fehlt"),
        ("  - id: {test: konzept", 4, 10, "Abschnitt in { } nicht geschlossen oder Komma fehlt"),
        ("  - id: ]test-konzept", 3, 9, "Wert erwartet (Zeichen wie ']'"),
        ("  - id: @test-konzept", 3, 9, "Zeichen, mit dem kein Wert beginnen darf"),
        ('  - id: "test\\qkonzept"', 3, 14, "ungültige Escape-Sequenz mit '\\'"),
        ("  - id: & test-konzept", 3, 10, "nach '&' muss ein Name folgen"),
        ("  - id: |test-konzept", 3, 10, "nach '|' oder '>' darf in derselben Zeile"),
        ("  - id: !<test-konzept", 3, 23, "ungültiges Tag nach '!'"),
        ("%Version 2\n  - id: test-konzept", 3, 9, "Zeile mit '%' am Anfang"),
    ],
    ids=["open-bracket", "open-brace", "closing-bracket", "at-sign", "escape", "anchor",
         "block-scalar", "tag", "directive"],
)
def test_common_syntax_mistakes_are_explained_in_german(
    minimal_data: Path, written: str, line: int, column: int, phrase: str
) -> None:
    replace("data/documents.yml", "  - id: test-konzept", written)

    error = the_error(minimal_data)

    assert located(error) == ("data/documents.yml", line, column, "")
    assert error.message.startswith("YAML-Syntaxfehler: ")
    assert phrase in error.message
    assert "Meldung des Lesers" not in error.message  # the untranslated fallback


def test_empty_file_is_reported(minimal_data: Path) -> None:
    Path("data/region.yml").write_text("", encoding="utf-8")

    error = the_error(minimal_data)

    assert located(error) == ("data/region.yml", 1, 1, "")
    assert error.message == "Datei ist leer; erwartet werden Felder"


def test_file_with_only_a_comment_is_reported_as_empty(minimal_data: Path) -> None:
    Path("data/region.yml").write_text("# kommt noch\n", encoding="utf-8")

    error = the_error(minimal_data)

    assert located(error) == ("data/region.yml", 1, 1, "")
    assert error.message == "Datei ist leer; erwartet werden Felder"


def test_list_at_top_level_is_reported(minimal_data: Path) -> None:
    Path("data/region.yml").write_text("# Region\n- id: testkreis\n- name: Testkreis\n",
                                       encoding="utf-8")

    error = the_error(minimal_data)

    assert located(error) == spot("data/region.yml", "- id", "")
    assert error.message.startswith("oberste Ebene muss aus Feldern bestehen (name: Wert)")


def test_non_utf8_file_is_reported_at_the_first_bad_line(minimal_data: Path) -> None:
    latin = "# Region\nid: testkreis\nname: Münster\n".encode("cp1252")
    Path("data/region.yml").write_bytes(latin)

    error = the_error(minimal_data)

    assert (error.file, error.line, error.field) == ("data/region.yml", 3, "")
    assert error.message == "Datei ist nicht in UTF-8 gespeichert"


def test_control_character_is_reported_at_its_position(minimal_data: Path) -> None:
    replace("data/region.yml", "name: Testkreis", "name: Test\x07kreis")

    error = the_error(minimal_data)

    assert located(error) == spot("data/region.yml", "\x07")
    assert error.message == ("YAML-Syntaxfehler: Steuerzeichen #x0007 ist in YAML-Dateien "
                             "nicht erlaubt; bitte entfernen")


def test_unknown_file_name_in_the_data_folder_is_reported(minimal_data: Path) -> None:
    Path("data/notizen.yml").write_text("idee: mehr Angebote\n", encoding="utf-8")

    error = the_error(minimal_data)

    assert located(error) == ("data/notizen.yml", 1, 1, "")
    assert error.message.startswith("unbekannte Datei; erwartet werden: documents.yml, region.yml")


def test_missing_required_file_is_reported_without_follow_up_errors(minimal_data: Path) -> None:
    Path("data/region.yml").unlink()

    error = the_error(minimal_data)  # no "unknown municipality" for the offer's service area

    assert located(error) == ("data/region.yml", 1, 1, "")
    assert error.message == "Pflichtdatei fehlt"


def test_missing_data_folder_is_reported() -> None:
    error = the_error("gibt-es-nicht")

    assert located(error) == ("gibt-es-nicht", 1, 1, "")
    assert error.message == "Datenordner nicht gefunden"


# --- Unsafe and hostile YAML -------------------------------------------------------------------


def test_python_object_tag_is_refused_at_its_field(minimal_data: Path) -> None:
    replace("data/documents.yml", "title: Testkonzept",
            "title: !!python/object/apply:os.system ['ls']")

    error = the_error(minimal_data)

    assert located(error) == spot("data/documents.yml", "!!python", "documents[0].title")
    assert error.message.startswith(
        "Tag 'tag:yaml.org,2002:python/object/apply:os.system' ist nicht erlaubt")


def test_local_tag_is_refused_like_any_unknown_tag(minimal_data: Path) -> None:
    replace("data/documents.yml", "title: Testkonzept", "title: !include geheim.yml")

    error = the_error(minimal_data)

    assert located(error) == spot("data/documents.yml", "!include", "documents[0].title")
    assert error.message.startswith("Tag '!include' ist nicht erlaubt")


def test_tag_on_a_key_is_refused_at_the_key(minimal_data: Path) -> None:
    replace("data/documents.yml", "title: Testkonzept", "!!python/name:os.system title: Test")

    error = the_error(minimal_data)

    assert located(error) == spot("data/documents.yml", "!!python", "documents[0].title")
    assert error.message.startswith("Tag 'tag:yaml.org,2002:python/name:os.system' ist nicht")


@pytest.mark.parametrize("value", ["=", "<<"])
def test_plain_equals_sign_or_double_angle_value_is_just_text(
    minimal_data: Path, value: str
) -> None:
    replace("data/documents.yml", "title: Testkonzept", f"title: {value}")

    dataset = load(minimal_data)

    assert dataset.documents["test-konzept"].title == value


def test_tag_does_not_hide_other_errors_in_the_file(minimal_data: Path) -> None:
    replace("data/documents.yml", "title: Testkonzept", "title: !!binary VGVzdA==")
    replace("data/documents.yml", "date: 2021-10-05", "date: 05.10.2021")

    errors = errors_of(minimal_data)

    assert [e.field for e in errors] == ["documents[0].title", "documents[0].date"]


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
    Path("data/region.yml").write_text(BILLION_LAUGHS, encoding="utf-8")

    started = time.perf_counter()
    error = the_error(minimal_data)
    elapsed = time.perf_counter() - started

    assert elapsed < 2.0
    assert located(error) == spot("data/region.yml", "&a")
    assert error.message == ("Anker und Verweise (& und *) sind nicht erlaubt; "
                             "bitte Werte ausschreiben")


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
    Path("data/region.yml").write_text(text, encoding="utf-8")

    started = time.perf_counter()
    error = the_error(minimal_data)

    assert time.perf_counter() - started < 2.0
    assert (error.file, error.field) == ("data/region.yml", "")
    assert error.line >= 1
    assert error.message == "zu tief verschachtelt (mehr als 32 Ebenen)"


def test_duplicate_key_in_one_mapping_is_reported_with_the_first_line(minimal_data: Path) -> None:
    replace("data/region.yml", "name: Testkreis\n", "name: Testkreis\nname: Kreis Test\n")

    error = the_error(minimal_data)

    _, first_line, _, _ = spot("data/region.yml", "name: Testkreis\n")
    assert located(error) == spot("data/region.yml", "name: Kreis Test", "name")
    assert error.message == f"Feld 'name' steht doppelt (zuerst in Zeile {first_line})"


def test_duplicate_key_does_not_hide_other_errors_in_the_file(minimal_data: Path) -> None:
    replace("data/region.yml", "name: Testkreis\n", "name: Testkreis\nname: Kreis Test\n")
    replace("data/region.yml", "kind: Kreis", "kind: Landkreis")

    errors = errors_of(minimal_data)

    assert [located(e) for e in errors] == [
        spot("data/region.yml", "name: Kreis Test", "name"),
        spot("data/region.yml", "Landkreis", "kind"),
    ]


@pytest.mark.parametrize("key", ["1", "0x10", "true", "~", "1_000"])
def test_key_that_looks_like_a_value_is_an_unknown_field_not_a_crash(
    minimal_data: Path, key: str
) -> None:
    replace("data/region.yml", "kind: Kreis\n", f"kind: Kreis\n{key}: x\n")

    error = the_error(minimal_data)

    assert located(error) == spot("data/region.yml", f"{key}: x", key)
    assert error.message.startswith("unbekanntes Feld (Tippfehler?); erlaubt sind hier: id, name")


# --- Types ---------------------------------------------------------------------------------------


def test_text_where_a_number_is_expected_is_reported(minimal_data: Path) -> None:
    replace("data/funding.yml", "amount: 55000.00", "amount: fünfzigtausend")

    error = the_error(minimal_data)

    assert located(error) == spot("data/funding.yml", "fünfzigtausend", "rows[0].amount")
    assert error.message.startswith("Zahl erwartet (ohne Anführungszeichen, Dezimalpunkt)")


def test_quoted_number_is_text_and_reported_where_a_number_is_expected(minimal_data: Path) -> None:
    replace("data/funding.yml", "amount: 55000.00", 'amount: "55000.00"')

    error = the_error(minimal_data)

    assert located(error) == spot("data/funding.yml", '"55000.00"', "rows[0].amount")
    assert error.message.startswith("Zahl erwartet (ohne Anführungszeichen")


def test_text_where_a_whole_number_is_expected_is_reported(minimal_data: Path) -> None:
    replace("data/funding.yml", "year: 2022", "year: zweitausendzweiundzwanzig")

    error = the_error(minimal_data)

    assert located(error) == spot("data/funding.yml", "zweitausend", "rows[0].year")
    assert error.message == "ganze Zahl erwartet, gefunden: 'zweitausendzweiundzwanzig'"


def test_number_where_text_is_expected_is_reported(minimal_data: Path) -> None:
    replace("data/documents.yml", "title: Testkonzept", "title: 42")

    error = the_error(minimal_data)

    assert located(error) == spot("data/documents.yml", "42", "documents[0].title")
    assert error.message.startswith("Text erwartet, gefunden: ganze Zahl 42")


def test_date_where_text_is_expected_is_shown_as_written_not_as_python(minimal_data: Path) -> None:
    replace("data/documents.yml", "title: Testkonzept", "title: 2021-11-30")

    error = the_error(minimal_data)

    assert located(error) == spot("data/documents.yml", "2021-11-30", "documents[0].title")
    assert error.message.startswith("Text erwartet, gefunden: Datum 2021-11-30 ")
    assert "datetime" not in error.message


def test_unquoted_clock_time_is_read_as_text_not_as_base_60_number(minimal_data: Path) -> None:
    replace("data/offers/sprachcafe.yml", 'closes: "17:00"', "closes: 17:00")

    dataset = load(minimal_data)

    assert dataset.offers["sprachcafe"].schedules[0].weekly[0].closes == "17:00"


def test_number_with_leading_zero_stays_text_not_octal(minimal_data: Path) -> None:
    replace("data/region.yml", "phone: 01234 567890", "phone: 01234567")

    dataset = load(minimal_data)

    assert dataset.region.ki.contact.phone == "01234567"


@pytest.mark.parametrize(
    ("old", "new", "value", "field", "message"),
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
    ids=["tagged-int", "hex", "base-60", "tagged-bool"],
)
def test_tagged_or_unusual_numbers_are_reported_not_crashing(
    minimal_data: Path, old: str, new: str, value: str, field: str, message: str
) -> None:
    replace("data/funding.yml", old, new)

    error = the_error(minimal_data)

    assert located(error) == spot("data/funding.yml", value, field)
    assert error.message == message


# --- Keys ----------------------------------------------------------------------------------------


def test_unknown_key_is_reported_with_line_and_allowed_keys(minimal_data: Path) -> None:
    replace("data/documents.yml", "reference: Drucksache 1/21", "referenz: Drucksache 1/21")

    error = the_error(minimal_data)

    assert located(error) == spot("data/documents.yml", "referenz", "documents[1].referenz")
    assert error.message == ("unbekanntes Feld (Tippfehler?); erlaubt sind hier: "
                             "id, title, publisher, reference, short, date, file")


def test_unknown_key_lists_allowed_keys_as_editors_write_them(minimal_data: Path) -> None:
    replace("data/funding.yml", "from: kreistag", "vom: kreistag")

    error = the_error(minimal_data)

    assert located(error) == spot("data/funding.yml", "vom", "rows[0].vom")
    assert ", from, to," in error.message
    assert "from_" not in error.message


def test_missing_required_field_is_reported_at_its_record(minimal_data: Path) -> None:
    replace("data/documents.yml", "    publisher: Testkreis\n    date:", "    date:")

    error = the_error(minimal_data)

    assert located(error) == spot("data/documents.yml", "id: test-konzept",
                                  "documents[0].publisher")
    assert error.message == "Pflichtfeld fehlt"


# --- Dates and amounts ---------------------------------------------------------------------------


def test_impossible_date_is_reported(minimal_data: Path) -> None:
    replace("data/documents.yml", "date: 2021-10-05", "date: 2021-02-30")

    error = the_error(minimal_data)

    assert located(error) == spot("data/documents.yml", "2021-02-30", "documents[0].date")
    assert error.message == "'2021-02-30' ist kein gültiges Kalenderdatum"


def test_german_date_form_is_reported_with_the_expected_form(minimal_data: Path) -> None:
    replace("data/documents.yml", "date: 2021-10-05", "date: 05.10.2021")

    error = the_error(minimal_data)

    assert located(error) == spot("data/documents.yml", "05.10.2021", "documents[0].date")
    assert error.message == ("Datum erwartet in der Form JJJJ-MM-TT (z. B. 2021-10-05), "
                             "gefunden: '05.10.2021'")


def test_date_with_time_is_reported(minimal_data: Path) -> None:
    replace("data/documents.yml", "date: 2021-10-05", "date: 2021-10-05T10:00:00Z")

    error = the_error(minimal_data)

    assert located(error) == spot("data/documents.yml", "2021-10-05T", "documents[0].date")
    assert error.message.endswith("Datum in der Form JJJJ-MM-TT erwartet, ohne Uhrzeit")


def test_negative_amount_is_reported(minimal_data: Path) -> None:
    replace("data/funding.yml", "amount: 55000.00", "amount: -55000.00")

    error = the_error(minimal_data)

    assert located(error) == spot("data/funding.yml", "-55000.00", "rows[0].amount")
    assert error.message == "muss mindestens 0 sein, gefunden: -55000.00"


def test_amount_with_too_many_decimal_places_is_reported(minimal_data: Path) -> None:
    replace("data/funding.yml", "amount: 55000.00", "amount: 55000.005")

    error = the_error(minimal_data)

    assert located(error) == spot("data/funding.yml", "55000.005", "rows[0].amount")
    assert error.message == ("höchstens zwei Nachkommastellen; "
                             "Tausenderpunkte weglassen (55000 statt 55.000)")


def test_infinite_amount_is_reported(minimal_data: Path) -> None:
    replace("data/funding.yml", "amount: 55000.00", "amount: .inf")

    error = the_error(minimal_data)

    assert located(error) == spot("data/funding.yml", ".inf", "rows[0].amount")
    assert error.message == "'.inf' ist keine endliche Zahl"


# --- Identifiers and references ------------------------------------------------------------------


def test_duplicate_id_within_a_file_is_reported_with_the_first_place(minimal_data: Path) -> None:
    with Path("data/documents.yml").open("a", encoding="utf-8") as file:
        file.write("  - id: test-konzept\n    title: Kopie\n    publisher: Testkreis\n"
                   "    file: kopie.txt\n")

    error = the_error(minimal_data)

    _, first_line, _, _ = spot("data/documents.yml", "test-konzept\n    title: Testkonzept")
    assert located(error) == spot("data/documents.yml", "test-konzept\n    title: Kopie",
                                  "documents[2].id")
    assert error.message == ("Kennung 'test-konzept' ist doppelt vergeben "
                             f"(zuerst in data/documents.yml:{first_line})")


def test_duplicate_offer_id_across_offer_files_is_reported(minimal_data: Path) -> None:
    # Same id in offers/sprachcafe.yaml and offers/sprachcafe.yml; the .yaml file sorts first.
    shutil.copy("data/offers/sprachcafe.yml", "data/offers/sprachcafe.yaml")

    error = the_error(minimal_data)

    assert located(error) == spot("data/offers/sprachcafe.yml", "sprachcafe\nname", "id")
    assert error.message == ("Kennung 'sprachcafe' ist doppelt vergeben "
                             "(zuerst in data/offers/sprachcafe.yaml)")


def test_offer_id_not_matching_its_file_name_is_reported(minimal_data: Path) -> None:
    replace("data/offers/sprachcafe.yml", "id: sprachcafe", "id: sprach-cafe")

    error = the_error(minimal_data)

    assert located(error) == spot("data/offers/sprachcafe.yml", "sprach-cafe", "id")
    assert error.message == ("Kennung 'sprach-cafe' muss dem Dateinamen entsprechen "
                             "('sprachcafe'); Datei umbenennen oder id anpassen")


def test_unknown_municipality_is_reported_with_the_known_ones(minimal_data: Path) -> None:
    replace("data/offers/sprachcafe.yml", "service_area: [musterstadt]",
            "service_area: [musterstadt, nirgendwo]")

    error = the_error(minimal_data)

    assert located(error) == spot("data/offers/sprachcafe.yml", "nirgendwo", "service_area[1]")
    assert error.message == ("unbekannte Kennung 'nirgendwo' für Kommune (region.yml, "
                             "municipalities); vorhanden: beispieldorf, musterstadt")


def test_unknown_organization_in_a_consultation_is_reported(minimal_data: Path) -> None:
    replace("data/papers.yml", "organization: kreistag", "organization: stadtrat")

    error = the_error(minimal_data)

    assert located(error) == spot("data/papers.yml", "stadtrat",
                                  "papers[0].consultation[0].organization")
    assert error.message == ("unbekannte Kennung 'stadtrat' für Gremium oder Organisation "
                             "(bodies.yml, organizations); vorhanden: kreistag")


def test_unknown_document_in_a_source_is_reported(minimal_data: Path) -> None:
    replace("data/providers.yml", "document: test-konzept", "document: test-konzpet")

    error = the_error(minimal_data)

    assert located(error) == spot("data/providers.yml", "test-konzpet",
                                  "providers[0].source.document")
    assert error.message == ("unbekannte Kennung 'test-konzpet' für Quelldokument "
                             "(documents.yml); vorhanden: test-konzept, test-vorlage")


def test_unknown_paper_is_reported(minimal_data: Path) -> None:
    replace("data/funding.yml", "paper: ds-1-21", "paper: ds-9-99")

    error = the_error(minimal_data)

    assert located(error) == spot("data/funding.yml", "ds-9-99", "rows[0].paper")
    assert error.message == ("unbekannte Kennung 'ds-9-99' für Drucksache (papers.yml); "
                             "vorhanden: ds-1-21")


def test_broken_documents_file_does_not_flood_references_to_it(minimal_data: Path) -> None:
    replace("data/documents.yml", "title: Testkonzept", "title: Test: Konzept")

    errors = errors_of(minimal_data)

    assert [e.file for e in errors] == ["data/documents.yml"]


# --- Allowed values and formats ------------------------------------------------------------------


def test_unknown_enum_value_is_reported_with_the_allowed_values(minimal_data: Path) -> None:
    replace("data/region.yml", "kind: Kreis", "kind: Landkreis")

    error = the_error(minimal_data)

    assert located(error) == spot("data/region.yml", "Landkreis", "kind")
    assert error.message == "unbekannter Wert 'Landkreis'; erlaubt: 'Kreis', 'kreisfreie Stadt'"


def test_unknown_value_in_a_list_is_reported_at_its_entry(minimal_data: Path) -> None:
    replace("data/offers/sprachcafe.yml", "topics: [sprache]", "topics: [sprache, kochen]")

    error = the_error(minimal_data)

    assert located(error) == spot("data/offers/sprachcafe.yml", "kochen", "topics[1]")
    assert error.message.startswith("unbekannter Wert 'kochen'; erlaubt: 'sprache', 'arbeit'")


def test_ambiguous_language_code_ku_is_reported_with_both_choices(minimal_data: Path) -> None:
    replace("data/offers/sprachcafe.yml", "languages: [de, ar, kmr]", "languages: [de, ar, ku]")

    error = the_error(minimal_data)

    assert located(error) == spot("data/offers/sprachcafe.yml", "ku]", "languages[2]")
    assert error.message == ("'ku' ist mehrdeutig: bitte 'kmr' (Kurmandschi) oder 'ckb' (Sorani) "
                             "angeben")


def test_bad_phone_number_is_reported(minimal_data: Path) -> None:
    replace("data/region.yml", "phone: 01234 567890", "phone: bitte anrufen")

    error = the_error(minimal_data)

    assert located(error) == spot("data/region.yml", "bitte anrufen", "ki.contact.phone")
    assert error.message.startswith("Telefonnummer aus Ziffern, Leerzeichen, '/', '-' erwartet")
    assert error.message.endswith("gefunden: 'bitte anrufen'")


def test_bad_email_address_is_reported(minimal_data: Path) -> None:
    replace("data/region.yml", "email: ki@testkreis.example.de",
            "email: ki(at)testkreis.example.de")

    error = the_error(minimal_data)

    assert located(error) == spot("data/region.yml", "ki(at)", "ki.contact.email")
    assert error.message.startswith("E-Mail-Adresse erwartet")


def test_url_without_https_is_reported(minimal_data: Path) -> None:
    replace("data/region.yml", "website: https://testkreis.example.de",
            "website: http://testkreis.example.de")

    error = the_error(minimal_data)

    assert located(error) == spot("data/region.yml", "http://", "ki.contact.website")
    assert error.message == ("Internetadresse mit https:// erwartet; "
                             "gefunden: 'http://testkreis.example.de'")


def test_opening_hours_closing_before_opening_are_reported(minimal_data: Path) -> None:
    replace("data/offers/sprachcafe.yml", 'closes: "17:00"', 'closes: "14:00"')

    error = the_error(minimal_data)

    # The error names the field and points at its value, not at the whole opening record.
    assert located(error) == spot("data/offers/sprachcafe.yml", '"14:00"',
                                  "schedules[0].weekly[0].closes")
    assert error.message == "'closes' muss nach 'opens' liegen (15:00 bis 14:00)"


# --- Reader text ---------------------------------------------------------------------------------


def test_html_in_a_text_field_is_refused(minimal_data: Path) -> None:
    replace("data/offers/sprachcafe.yml", "summary: Deutsch üben im Gespräch.",
            "summary: Deutsch <script>alert(1)</script> üben.")

    error = the_error(minimal_data)

    assert located(error) == spot("data/offers/sprachcafe.yml", "Deutsch <", "summary.de")
    assert error.message.startswith(
        "HTML oder Vorlagen-Syntax ist hier nicht erlaubt (gefunden: '<script>aler')")


def test_template_expression_in_a_text_field_is_refused(minimal_data: Path) -> None:
    replace("data/offers/sprachcafe.yml", "summary: Deutsch üben im Gespräch.",
            "summary: Deutsch {{ config.secret }}")

    error = the_error(minimal_data)

    assert located(error) == spot("data/offers/sprachcafe.yml", "Deutsch {", "summary.de")
    assert error.message.startswith(
        "HTML oder Vorlagen-Syntax ist hier nicht erlaubt (gefunden: '{{ config.se')")


def test_template_statement_in_a_text_field_is_refused(minimal_data: Path) -> None:
    replace("data/documents.yml", "publisher: Testkreis\n    date",
            "publisher: \"{% include 'x' %}\"\n    date")

    error = the_error(minimal_data)

    assert located(error) == spot("data/documents.yml", '"{%', "documents[0].publisher")
    assert error.message.startswith(
        "HTML oder Vorlagen-Syntax ist hier nicht erlaubt (gefunden: '{% include '')")


def test_template_syntax_in_a_translation_is_refused(minimal_data: Path) -> None:
    replace("data/offers/sprachcafe.yml", "text: Language café", "text: Language {{ lang }} café")

    error = the_error(minimal_data)

    assert located(error) == spot("data/offers/sprachcafe.yml", "Language {", "name.en.text")
    assert error.message.startswith(
        "HTML oder Vorlagen-Syntax ist hier nicht erlaubt (gefunden: '{{ lang }} c')")


def test_translation_missing_its_status_is_reported(minimal_data: Path) -> None:
    replace("data/offers/sprachcafe.yml", "    status: machine\n", "")

    error = the_error(minimal_data)

    assert located(error) == spot("data/offers/sprachcafe.yml", "text: Language",
                                  "name.en.status")
    assert error.message == "Pflichtfeld fehlt"


def test_translation_with_a_bad_language_key_names_the_key(minimal_data: Path) -> None:
    replace("data/offers/sprachcafe.yml", "  en:\n", "  Englisch:\n")

    error = the_error(minimal_data)

    assert (error.file, error.field) == ("data/offers/sprachcafe.yml", "name.Englisch")
    assert error.message == "Sprachkennung erwartet, z. B. 'en' oder 'ar'; gefunden: 'Englisch'"


# --- All errors at once --------------------------------------------------------------------------


def test_several_errors_in_one_file_are_all_reported(minimal_data: Path) -> None:
    replace("data/documents.yml", "title: Testkonzept", "title: 42")
    replace("data/documents.yml", "date: 2021-10-05", "date: 2021-02-30")
    replace("data/documents.yml", "reference: Drucksache 1/21", "referenz: Drucksache 1/21")
    replace("data/documents.yml", "file: test-vorlage.txt", "file: <b>fett</b>")

    errors = errors_of(minimal_data)

    assert [located(e) for e in errors] == [
        spot("data/documents.yml", "42", "documents[0].title"),
        spot("data/documents.yml", "2021-02-30", "documents[0].date"),
        spot("data/documents.yml", "referenz", "documents[1].referenz"),
        spot("data/documents.yml", "<b>", "documents[1].file"),
    ]
    assert "Text erwartet" in errors[0].message
    assert "kein gültiges Kalenderdatum" in errors[1].message
    assert "unbekanntes Feld" in errors[2].message
    assert "HTML" in errors[3].message


def test_errors_in_several_files_are_all_reported_sorted_by_file(minimal_data: Path) -> None:
    replace("data/region.yml", "kind: Kreis", "kind: Landkreis")
    replace("data/funding.yml", "amount: 55000.00", "amount: -1")
    replace("data/offers/sprachcafe.yml", "languages: [de, ar, kmr]", "languages: [ku]")

    errors = errors_of(minimal_data)

    assert [(e.file, e.field) for e in errors] == [
        ("data/funding.yml", "rows[0].amount"),
        ("data/offers/sprachcafe.yml", "languages[0]"),
        ("data/region.yml", "kind"),
    ]


def test_error_prints_as_path_line_column_field_message(minimal_data: Path) -> None:
    replace("data/region.yml", "kind: Kreis", "kind: Landkreis")

    error = the_error(minimal_data)

    assert str(error) == ("data/region.yml:4:7: kind: unbekannter Wert 'Landkreis'; "
                          "erlaubt: 'Kreis', 'kreisfreie Stadt'")


# --- kim validate ---------------------------------------------------------------------------------


def test_kim_validate_returns_0_for_valid_data(
    complete_data: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["validate", "data"]) == 0

    captured = capsys.readouterr()
    assert captured.out == "data: gültig (1 Angebote, 1 Drucksachen, 1 Finanzierungszeilen)\n"
    assert captured.err == ""


def test_kim_validate_returns_1_with_messages_on_stderr_and_no_traceback(
    minimal_data: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    replace("data/region.yml", "kind: Kreis", "kind: Landkreis")
    Path("data/documents.yml").write_text(BILLION_LAUGHS, encoding="utf-8")

    assert main(["validate", "data"]) == 1

    captured = capsys.readouterr()
    assert captured.err.splitlines() == [
        "data/documents.yml:2:4: Anker und Verweise (& und *) sind nicht erlaubt; "
        "bitte Werte ausschreiben",
        "data/region.yml:4:7: kind: unbekannter Wert 'Landkreis'; "
        "erlaubt: 'Kreis', 'kreisfreie Stadt'",
        "2 Fehler gefunden in data",
    ]
    assert captured.out == ""


def test_kim_validate_reports_once_crashing_inputs_without_traceback(
    minimal_data: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    Path("data/region.yml").write_text("0x10: !!int abc\n? 1:20\n: !!bool nie\n",
                                       encoding="utf-8")

    assert main(["validate", "data"]) == 1

    captured = capsys.readouterr()
    assert "data/region.yml:1:1: 0x10: unbekanntes Feld" in captured.err
    assert "Traceback" not in captured.err


# --- Property: any text either validates or yields located German errors -------------------------

# Every message contains one of these words; libyaml's or pydantic's English never comes through.
GERMAN = ("erwartet", "nicht", "fehlt", "unbekannt", "doppelt", "Datei", "erlaubt", "muss",
          "darf", "höchstens", "mindestens", "Zahl", "Datum", "Kennung", "Tag", "leer",
          "Syntaxfehler", "Wert", "verschachtelt", "mehrdeutig", "Feld", "gültig")
ENGLISH = ("found ", "did not", "could not", "expected ", "while ", "not allowed", "but found",
           "Input should", "Field required", "should be", "Traceback", "datetime.", "Decimal(")


def assert_located_german(errors: list[DataError], folder: Path) -> None:
    assert errors
    for error in errors:
        assert error.file.startswith(folder.as_posix()), error
        assert error.line >= 1 and error.column >= 1, error
        assert error.message.strip(), error
        assert any(word in error.message for word in GERMAN), error
        # A rare libyaml problem without translation is quoted after a German introduction.
        said = re.sub(r"\(Meldung des Lesers: .*\)$", "", error.message)
        assert not any(word in said for word in ENGLISH), error


def write_minimal_with(folder: Path, name: str, text: str) -> None:
    """Write the minimal data into ``folder``, with file ``name`` holding ``text``."""
    for other, content in MINIMAL_DATA.items():
        path = folder / other
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(dedent(content), encoding="utf-8")
    (folder / name).write_text(text, encoding="utf-8")


@pytest.fixture
def fuzz_data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The minimal data, written once per property test; each example changes one file of it
    and puts it back (the loader keeps nothing between calls, so every load starts afresh).
    Outside the working folder, so that errors name it by its absolute path."""
    folder = tmp_path_factory.mktemp("fuzz") / "data"
    for name, content in MINIMAL_DATA.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(dedent(content), encoding="utf-8")
    return folder


def load_with(folder: Path, name: str, text: str) -> None:
    """Load the minimal data in ``folder`` with file ``name`` holding ``text``, then restore it."""
    path = folder / name
    original = path.read_text(encoding="utf-8")
    path.write_text(text, encoding="utf-8")
    try:
        with time_limit(LOAD_SECONDS):
            load(folder)
    except DataErrors as failure:
        assert_located_german(failure.errors, folder)
    finally:
        path.write_text(original, encoding="utf-8")


LOAD_SECONDS = 5.0  # a few hundred bytes of YAML load in milliseconds; more is a hang


class Hang(Exception):
    """The loader did not come back in time."""


@contextlib.contextmanager
def time_limit(seconds: float):
    """Interrupt the code inside after ``seconds`` (SIGALRM: the tests run in the main thread)."""
    def stop(signum, frame):
        raise Hang(f"the loader did not finish within {seconds} s")

    previous = signal.signal(signal.SIGALRM, stop)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def test_time_limit_stops_a_hang() -> None:
    with pytest.raises(Hang), time_limit(0.2):
        while True:
            pass


YAML_PIECES = st.sampled_from(
    [":", ": ", "- ", " ", "  ", "\n", "\t", "[", "]", "{", "}", ",", "&a ", "*a", "!!str ",
     "!!python/object ", "'", '"', "\\", "#", "|", ">", "%", "@", "`", "?", "~", "---", "0",
     "-1", "1.005", "2021-02-30", "17:00", "0x1F", "yes", "ä", "\x07", "\x85", "\u2028",
     "\ufeff", "\r", "{{", "<b>"]
)


@st.composite
def mutated_files(draw: st.DrawFn) -> tuple[str, str]:
    """A file of the minimal data with characters deleted, duplicated or inserted."""
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


# The number of examples comes from the Hypothesis profile (tests/conftest.py: "full", 200
# examples, in `make test`; "fast" in `make test-fast`). The function-scoped fixtures are meant
# to be shared by all examples of a test: the autouse chdir (load_with uses absolute paths) and
# fuzz_data (every example restores the file it changed).
FUZZ = settings(deadline=2000, suppress_health_check=[HealthCheck.function_scoped_fixture])


@FUZZ
@given(mutated_files())
def test_mutated_valid_file_validates_or_yields_located_german_errors(
    fuzz_data: Path, mutation: tuple[str, str],
) -> None:
    load_with(fuzz_data, *mutation)


@FUZZ
@given(st.lists(st.one_of(YAML_PIECES, st.text(max_size=8)), max_size=60).map("".join),
       st.sampled_from(["region.yml", "documents.yml", "offers/sprachcafe.yml"]))
def test_random_yaml_text_validates_or_yields_located_german_errors(fuzz_data: Path, text: str,
                                                                   name: str) -> None:
    load_with(fuzz_data, name, text)


def test_quoted_date_says_to_remove_the_quotes(minimal_data: Path) -> None:
    replace("data/papers.yml", "date: 2021-09-01", 'date: "2021-09-01"')

    error = the_error(minimal_data)

    assert located(error) == spot("data/papers.yml", '"2021-09-01"', "papers[0].date")
    assert error.message == "Datum bitte ohne Anführungszeichen schreiben: 2021-09-01"


def test_unknown_reference_lists_the_closest_known_id_first(minimal_data: Path) -> None:
    replace("data/papers.yml", "organization: kreistag", "organization: kreistak")

    error = the_error(minimal_data)

    assert error.field == "papers[0].consultation[0].organization"
    assert "vorhanden: kreistag" in error.message


def test_yes_and_no_are_not_booleans(minimal_data: Path) -> None:
    replace("data/papers.yml", "authoritative: true", "authoritative: yes")

    error = the_error(minimal_data)

    assert located(error) == spot("data/papers.yml", "yes",
                                  "papers[0].consultation[0].authoritative")
    assert error.message == "true oder false erwartet, gefunden: 'yes'"


# --- Property: structured random values, alias bombs and deep nesting -----------------------------

SCALARS = st.one_of(
    st.none(), st.booleans(), st.integers(-10**12, 10**12),
    st.floats(allow_nan=True, allow_infinity=True), st.text(max_size=30),
    st.dates(), st.decimals(places=3, allow_nan=False, allow_infinity=False).map(str),
    st.sampled_from(["kreistag", "musterstadt", "test-konzept", "ds-1-21", "de", "2021-10-05",
                     "15:00", "Gremium", "Zuwendung", "<b>x</b>", "{{ x }}", ""]),
)
VALUES = st.recursive(
    SCALARS,
    lambda inner: st.one_of(st.lists(inner, max_size=4),
                            st.dictionaries(st.text(max_size=12), inner, max_size=4)),
    max_leaves=25,
)


def _dump(value: object) -> str:
    return yaml.safe_dump(value, allow_unicode=True, sort_keys=False)


@FUZZ
@given(st.sampled_from(sorted(MINIMAL_DATA)), VALUES)
def test_random_yaml_document_validates_or_yields_located_german_errors(fuzz_data: Path,
                                                                       name: str,
                                                                       value: object) -> None:
    load_with(fuzz_data, name, _dump(value))


def _paths(value: object, prefix: tuple = ()) -> list[tuple]:
    """Every place in a parsed document: keys of mappings and items of lists."""
    found = [prefix] if prefix else []
    if isinstance(value, dict):
        for key, item in value.items():
            found += _paths(item, (*prefix, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found += _paths(item, (*prefix, index))
    return found


@st.composite
def structurally_mutated_files(draw: st.DrawFn) -> tuple[str, str]:
    """A valid file with one value replaced, one key added, or one entry removed."""
    name = draw(st.sampled_from(sorted(MINIMAL_DATA)))
    document = yaml.safe_load(dedent(MINIMAL_DATA[name]))
    path = draw(st.sampled_from(_paths(document)))
    parent = document
    for step in path[:-1]:
        parent = parent[step]
    action = draw(st.sampled_from(["replace", "add", "remove"]))
    if action == "replace":
        parent[path[-1]] = draw(VALUES)
    elif action == "remove":
        del parent[path[-1]]
    elif isinstance(parent, dict):
        parent[draw(st.text(min_size=1, max_size=12))] = draw(VALUES)
    else:
        parent.append(draw(VALUES))
    return name, _dump(document)


@FUZZ
@given(structurally_mutated_files())
def test_structurally_mutated_file_validates_or_yields_located_german_errors(
    fuzz_data: Path, mutation: tuple[str, str],
) -> None:
    load_with(fuzz_data, *mutation)


@st.composite
def alias_bombs(draw: st.DrawFn) -> str:
    """Billion-laughs documents of random width and depth, alone or inside a valid file."""
    width, levels = draw(st.integers(2, 12)), draw(st.integers(1, 14))
    lines = ['a0: &a0 ["lol"]']
    lines += [f"a{n}: &a{n} [{', '.join([f'*a{n - 1}'] * width)}]" for n in range(1, levels + 1)]
    bomb = "\n".join(lines) + "\n"
    host = draw(st.sampled_from(["", "region.yml"]))
    return (dedent(MINIMAL_DATA[host]) + bomb) if host else bomb


@settings(max_examples=40, deadline=3000)
@given(alias_bombs(), st.sampled_from(["region.yml", "documents.yml", "offers/sprachcafe.yml"]))
def test_alias_bombs_are_refused_quickly(bomb: str, name: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "data"
        write_minimal_with(folder, name, bomb)
        with pytest.raises(DataErrors) as failure, time_limit(LOAD_SECONDS):
            load(folder)
    assert_located_german(failure.value.errors, folder)
    assert any("Anker" in error.message for error in failure.value.errors)


NESTINGS = {
    "flow-list": lambda n: "a: " + "[" * n + "1" + "]" * n + "\n",
    "flow-map": lambda n: "a: " + "{b: " * n + "1" + "}" * n + "\n",
    "unclosed": lambda n: "a: " + "[{" * n + "\n",
    "block-list": lambda n: "a:\n" + "".join("  " * (i + 1) + "-\n" for i in range(n)),
}


@settings(max_examples=40, deadline=3000,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.sampled_from(sorted(NESTINGS)), st.integers(1, 5000))
def test_deep_nesting_validates_or_yields_located_german_errors_quickly(fuzz_data: Path,
                                                                       kind: str,
                                                                       depth: int) -> None:
    depth = min(depth, 300) if kind == "block-list" else depth
    load_with(fuzz_data, "region.yml", NESTINGS[kind](depth))

