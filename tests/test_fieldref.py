"""EDITING.md's field tables are generated from the schema and stay current with it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from macros import fieldref, schema
from macros.cli import main

ROOT = Path(__file__).resolve().parent.parent
GUIDE = ROOT / "EDITING.md"
MODELS = fieldref.documented_models()
# Short German descriptions ("Stichtag", "E-Mail") share no word with English prose, which
# always has one of these.
ENGLISH = re.compile(r"\b(the|and|of|is|for|with|when|if|this|to)\b", re.IGNORECASE)


def test_the_field_tables_in_editing_md_match_the_schema():
    current = GUIDE.read_text(encoding="utf-8")
    assert fieldref.render(current) == current, "EDITING.md ist veraltet: bitte `kim fieldref`"


def test_kim_fieldref_check_fails_on_an_edited_table(tmp_path, capsys):
    guide = tmp_path / "EDITING.md"
    text = GUIDE.read_text(encoding="utf-8")
    guide.write_text(text.replace("| `street` | ja |", "| `street` | nein |", 1), encoding="utf-8")
    assert main(["fieldref", "--check", "--guide", str(guide)]) == 1
    assert "veraltet" in capsys.readouterr().err


def test_kim_fieldref_rewrites_an_edited_table(tmp_path):
    guide = tmp_path / "EDITING.md"
    text = GUIDE.read_text(encoding="utf-8")
    guide.write_text(text.replace("| `street` | ja |", "| `street` | nein |", 1), encoding="utf-8")
    assert main(["fieldref", "--guide", str(guide)]) == 0
    assert guide.read_text(encoding="utf-8") == text


def test_every_model_an_editor_writes_has_a_table_in_editing_md():
    marked = fieldref.marked_models(GUIDE.read_text(encoding="utf-8"))
    assert set(MODELS) - marked == set()


def test_a_marker_naming_no_model_is_an_error():
    with pytest.raises(KeyError, match="Gibtsnicht"):
        fieldref.render("<!-- fieldref: Gibtsnicht -->\n<!-- /fieldref -->")


@pytest.mark.parametrize("model", sorted(MODELS), ids=str)
def test_every_schema_field_has_a_german_description(model):
    fields = MODELS[model].model_fields
    missing = [name for name, info in fields.items() if not info.description]
    assert missing == [], f"{model}: Felder ohne Beschreibung: {missing}"
    english = [name for name, info in fields.items()
               if ENGLISH.search(re.sub(r"`[^`]*`", "", info.description or ""))]
    assert english == [], f"{model}: Beschreibung nicht auf Deutsch: {english}"


@pytest.mark.parametrize("model", sorted(MODELS), ids=str)
def test_every_section_model_has_a_german_name_in_the_form_column(model):
    assert model in fieldref.SECTION_NAMES or model.endswith("File")


def test_a_required_field_reads_ja_and_a_default_is_named():
    rows = fieldref.table(schema.Region)
    assert "| `id` | ja | Kennung |" in rows
    assert "| `review_interval_days` | nein (Standard: `365`) | ganze Zahl von 1 bis 3650 |" in rows


def test_choices_and_references_are_spelled_out():
    rows = fieldref.table(schema.Consultation)
    assert "`Vorberatung`, `Entscheidung`, `Kenntnisnahme` oder `Anhörung`" in rows
    assert "| `organization` | ja | Verweis auf eine Organisation (`bodies.yml`) |" in rows


def test_an_alias_is_shown_as_editors_write_it():
    assert "| `from` |" in fieldref.table(schema.FundingRow)


def test_bounds_of_an_optional_field_are_shown():
    assert "| `year` | nein | ganze Zahl von 2000 bis 2100 |" in fieldref.table(schema.FundingRow)


def test_a_list_of_references_names_what_it_refers_to():
    rows = fieldref.table(schema.Paper)
    assert ("| `underDirectionOf` | nein | Liste von: Verweis auf eine Organisation "
            "(`bodies.yml`) |") in rows
