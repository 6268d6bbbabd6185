"""One validated dataset per data folder and process: the per-language builds share it.

Below the page builders, so they may read another region's data (the funding comparison)
without importing the macro table above them.
"""

from __future__ import annotations

from pathlib import Path

from .loader import Dataset, load

_loaded: dict[Path, Dataset] = {}


def load_cached(data_dir: Path) -> Dataset:
    """The folder's dataset, loaded and validated once per process."""
    key = data_dir.resolve()
    if key not in _loaded:
        _loaded[key] = load(key)
    return _loaded[key]


def forget(data_dir: Path) -> None:
    """Drop a folder's dataset, so that the next build reads the edited files."""
    _loaded.pop(data_dir.resolve(), None)


def remember(data_dir: Path, data: Dataset) -> None:
    """Keep an updated dataset (the preview's one edited offer) as the folder's dataset."""
    _loaded[data_dir.resolve()] = data
