"""The STOCK configurations' data, read once per build process (SYNTHETIC benchmark data only).

mkdocs-macros executes the macros module afresh for every language that static-i18n builds, so
a cache there would be lost; this module is imported normally and stays in sys.modules, so the
eight language builds share one reading. The C loader (CSafeLoader) is what a competent user
picks when PyYAML ships it.
"""

from __future__ import annotations

import functools
from pathlib import Path

import yaml

LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _load(path: Path):
    return yaml.load(path.read_text(encoding="utf-8"), Loader=LOADER)  # noqa: S506 - safe loader


@functools.cache
def records(data_dir: str) -> tuple[dict, dict, dict]:
    """Offers by id, funding and region of one data folder."""
    data = Path(data_dir)
    offers = {}
    for path in sorted((data / "offers").glob("*.yml")):
        record = _load(path)
        offers[record["id"]] = record
    return offers, _load(data / "funding.yml"), _load(data / "region.yml")
