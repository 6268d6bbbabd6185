"""JSON Schema of the YAML files, generated from the models, for editors' autocompletion."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

from pydantic import BaseModel

from . import schema


@cache
def file_schemas() -> dict[str, dict]:
    """One JSON Schema per data file name (offers/*.yml share 'offer.yml')."""
    models: dict[str, type[BaseModel]] = {**schema.FILE_MODELS, "offer.yml": schema.Offer}
    found = {}
    for name, model in models.items():
        generated = model.model_json_schema(by_alias=True, mode="validation")
        generated["$schema"] = "https://json-schema.org/draft/2020-12/schema"
        generated["title"] = f"KIM-Portal: {name}"
        found[name] = generated
    return found


def write_schemas(out_dir: Path) -> list[Path]:
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for name, generated in file_schemas().items():
        path = out_dir / name.replace(".yml", ".schema.json")
        path.write_text(json.dumps(generated, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        written.append(path)
    return written
