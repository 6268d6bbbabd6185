"""Editors find every file and field in the guide; the README keeps its two commands."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pydantic import BaseModel

from macros import schema
from macros.loader import _unwrap

ROOT = Path(__file__).resolve().parent.parent
GUIDE = (ROOT / "EDITING.md").read_text(encoding="utf-8")


def models_under(model: type[BaseModel], seen: set) -> set[type[BaseModel]]:
    """The model and every model reachable through its fields."""
    if model in seen:
        return seen
    seen.add(model)
    for info in model.model_fields.values():
        for inner in _unwrap(info.annotation):
            models_under(inner, seen)
    return seen


ALL_MODELS = sorted(
    {m for file_model in [*schema.FILE_MODELS.values(), schema.Offer]
     for m in models_under(file_model, set())},
    key=lambda m: m.__name__,
)


@pytest.mark.parametrize("file_name", [*schema.FILE_MODELS, "offers/"])
def test_every_data_file_is_described_in_the_editor_guide(file_name):
    assert file_name.rstrip("/") in GUIDE, f"EDITING.md erwähnt {file_name} nicht"


@pytest.mark.parametrize("model", ALL_MODELS, ids=lambda m: m.__name__)
def test_every_field_is_documented_for_editors(model):
    missing = [info.alias or name for name, info in model.model_fields.items()
               if f"`{info.alias or name}`" not in GUIDE]
    assert not missing, f"EDITING.md beschreibt diese Felder von {model.__name__} nicht: {missing}"


def test_the_guide_is_german():
    assert re.search(r"\b(Datei|Feld|Fehler)\b", GUIDE)


def test_readme_names_the_two_commands_and_links_the_guide():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "make serve" in readme and "make test" in readme and "EDITING.md" in readme


def test_ci_runs_make_test():
    assert "make test" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")
