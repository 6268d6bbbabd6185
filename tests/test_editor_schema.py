"""The JSON Schema for editors comes from the models and accepts exactly what they accept."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from pathlib import Path

import jsonschema
import pytest

from macros.cli import main
from macros.editor_schema import file_schemas
from macros.yamlread import read_file

ROOT = Path(__file__).resolve().parent.parent
FOLDERS = [ROOT / "data", ROOT / "examples" / "kreis-wesel", ROOT / "examples" / "stadt-leverkusen"]


def as_json(value):
    """YAML values as a YAML language server sees them: dates as strings, numbers as numbers."""
    if isinstance(value, dict):
        return {k: as_json(v) for k, v in value.items()}
    if isinstance(value, list):
        return [as_json(v) for v in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return float(value)
    return value


def data_files():
    for folder in FOLDERS:
        for path in sorted(folder.glob("*.yml")):
            yield pytest.param(path, path.name, id=f"{folder.name}/{path.name}")
        for path in sorted((folder / "offers").glob("*.yml"))[:5]:
            yield pytest.param(path, "offer.yml", id=f"{folder.name}/offers/{path.name}")


@pytest.mark.parametrize(("path", "kind"), list(data_files()))
def test_real_data_validates_against_the_editor_schema(path, kind):
    schema = file_schemas()[kind]
    jsonschema.validate(as_json(read_file(path).data), schema)


def test_editor_schema_rejects_an_unknown_key():
    schema = file_schemas()["region.yml"]
    data = as_json(read_file(ROOT / "data" / "region.yml").data)
    data["typo"] = 1
    with pytest.raises(jsonschema.ValidationError, match="typo"):
        jsonschema.validate(data, schema)


def test_text_fields_accept_the_short_and_the_translated_form():
    schema = file_schemas()["project_groups.yml"]
    group = {"id": "g", "source": {"document": "d"}}
    for name in ("Gruppe", {"de": "Gruppe", "en": {"text": "Group", "status": "machine",
                                                   "source_hash": "0123abcd"}}):
        jsonschema.validate({"project_groups": [{**group, "name": name}]}, schema)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({"project_groups": [{**group, "name": {"en": "Group"}}]}, schema)


def test_kim_schema_writes_one_file_per_data_file(tmp_path, capsys):
    assert main(["schema", "--out", str(tmp_path)]) == 0
    written = sorted(p.name for p in tmp_path.iterdir())
    assert "region.schema.json" in written and "offer.schema.json" in written
    assert (json.loads((tmp_path / "offer.schema.json").read_text())["title"]
            == "KIM-Portal: offer.yml")


PYDANTIC_ONLY = {"ge", "le", "gt", "lt", "decimal_places", "max_digits"}


def keywords(node, found=None):
    """Every keyword used in a schema (property and definition names are not keywords)."""
    found = set() if found is None else found
    if isinstance(node, list):
        for item in node:
            keywords(item, found)
    elif isinstance(node, dict):
        for key, value in node.items():
            if key in ("properties", "$defs"):
                for sub in value.values():
                    keywords(sub, found)
            else:
                found.add(key)
                keywords(value, found)
    return found


@pytest.mark.parametrize("name", sorted(file_schemas()))
def test_editor_schema_uses_no_pydantic_only_keyword(name):
    assert keywords(file_schemas()[name]) & PYDANTIC_ONLY == set()


def test_editor_schema_enforces_the_amount_minimum():
    schema = file_schemas()["funding.yml"]
    row = as_json(read_file(ROOT / "data" / "funding.yml").data)["rows"][0]
    row["amount"] = -1
    with pytest.raises(jsonschema.ValidationError, match="minimum"):
        jsonschema.validate({"rows": [row]}, schema)


def test_editor_schema_refuses_a_quoted_amount_as_the_loader_does():
    schema = file_schemas()["funding.yml"]
    row = as_json(read_file(ROOT / "data" / "funding.yml").data)["rows"][0]
    row["amount"] = "55000.00"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({"rows": [row]}, schema)


def test_editor_schema_bounds_the_latitude():
    schema = file_schemas()["offer.yml"]
    offer = as_json(read_file(sorted((ROOT / "data" / "offers").glob("[!_]*.yml"))[0]).data)
    offer["locations"] = [{"latitude": 91}]
    with pytest.raises(jsonschema.ValidationError, match="91"):
        jsonschema.validate(offer, schema)
