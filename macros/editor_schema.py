"""JSON Schema of the YAML files, generated from the models, for editors' autocompletion."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from . import schema

# pydantic writes the constraints of a Decimal it validates in Python (Strict(False) with a
# BeforeValidator) under its own names, which no JSON Schema tool knows; these are the
# standard keywords that enforce the same bound.
_BOUNDS = {"ge": "minimum", "le": "maximum", "gt": "exclusiveMinimum", "lt": "exclusiveMaximum"}
_PYDANTIC_ONLY = {*_BOUNDS, "decimal_places", "max_digits"}


def _number_rule(node: dict[str, Any]) -> dict[str, Any]:
    """A pydantic Decimal node as a JSON number with minimum/maximum/multipleOf.

    The loader refuses quoted numbers (schema._number_not_text), so the number-or-string
    ``anyOf`` pydantic writes becomes ``type: number``; ``max_digits: m`` bounds the integer
    part to m - n digits. ``decimal_places: n`` is said in the description only: ``multipleOf:
    0.01`` is the standard spelling, but validators divide binary floats, so jsonschema and ajv
    reject 473064.72 as "not a multiple of 0.01" (measured on data/funding.yml); the loader
    still enforces it.
    """
    rule = {k: v for k, v in node.items() if k not in _PYDANTIC_ONLY and k != "anyOf"}
    rule["type"] = "number"
    for ours, standard in _BOUNDS.items():
        if ours in node:
            rule[standard] = node[ours]
    places = node.get("decimal_places")
    if places is not None:
        hint = f"höchstens {places} Nachkommastellen"
        rule["description"] = f"{rule['description']} ({hint})" if rule.get("description") else hint
    if node.get("max_digits") is not None:
        limit = 10 ** (node["max_digits"] - (places or 0))
        rule["exclusiveMaximum"] = min(rule.get("exclusiveMaximum", limit), limit)
    return rule


def standard_keywords(node: Any) -> Any:
    """The generated schema with pydantic-only keywords replaced by standard ones."""
    if isinstance(node, list):
        return [standard_keywords(item) for item in node]
    if not isinstance(node, dict):
        return node
    if _PYDANTIC_ONLY & node.keys():
        node = _number_rule(node)
    return {key: (standard_keywords(value) if key not in ("properties", "$defs")
                  else {name: standard_keywords(sub) for name, sub in value.items()})
            for key, value in node.items()}


@cache
def file_schemas() -> dict[str, dict]:
    """One JSON Schema per data file name (offers/*.yml share 'offer.yml')."""
    models: dict[str, type[BaseModel]] = {**schema.FILE_MODELS, "offer.yml": schema.Offer}
    found = {}
    for name, model in models.items():
        generated = standard_keywords(model.model_json_schema(by_alias=True, mode="validation"))
        generated["$schema"] = "https://json-schema.org/draft/2020-12/schema"
        generated["title"] = f"KIM-Portal: {name}"
        found[name] = generated
    return found


def write_schemas(out_dir: Path) -> list[Path]:
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for name, generated in file_schemas().items():
        path = out_dir / name.replace(".yml", ".schema.json")
        path.write_text(json.dumps(generated, ensure_ascii=False, indent=2) + "\n",
                        encoding="utf-8")
        written.append(path)
    return written
