"""Which hand-written page a region's site shows: the region's own pages over the shared ones.

Shared pages live in ``docs/<lang>/`` and hold region-neutral text only. A region's own pages
live in its data folder, ``<data>/pages/<lang>/`` (same paths, e.g. ``datenschutz.md``), and
replace the shared page of the same path. Four layers, later ones win:

    docs/de  <  docs/<lang>  <  <data>/pages/de  <  <data>/pages/<lang>

A region's German page therefore also replaces a shared translation: the English site shows
the region's German text (marked as German) rather than a translation of another, neutral text.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from .i18n import DEFAULT_LANGUAGE, PROJECT_ROOT

DOCS_DIR = PROJECT_ROOT / "docs"
PAGES_FOLDER = "pages"


@dataclass(frozen=True)
class PageFile:
    path: Path  # the file that is shown
    german: Path  # the German page it is (a translation of), for the translation status
    region: bool  # True when it comes from the region's data folder
    translated: bool  # False: the German page itself, shown as German in this language


def region_pages_dir(data_dir: Path | None) -> Path | None:
    """The region's own pages (``<data>/pages``), or None when it has none."""
    if data_dir is None:
        return None
    folder = Path(data_dir) / PAGES_FOLDER
    return folder if folder.is_dir() else None


def _pages(folder: Path) -> Iterator[tuple[str, Path]]:
    if folder.is_dir():
        for path in sorted(folder.rglob("*.md")):
            yield path.relative_to(folder).as_posix(), path


def page_files(lang_code: str, data_dir: Path | None = None,
               docs_dir: Path = DOCS_DIR) -> dict[str, PageFile]:
    """Every hand-written page of one language's site: path inside the docs folder -> file."""
    result: dict[str, PageFile] = {}
    roots = [docs_dir]
    own = region_pages_dir(data_dir)
    if own is not None:
        roots.append(own)
    for root in roots:
        german_root = root / DEFAULT_LANGUAGE
        for rel, path in _pages(german_root):
            result[rel] = PageFile(path, path, root is own, False)
        if lang_code != DEFAULT_LANGUAGE:
            for rel, path in _pages(root / lang_code):
                german = german_root / rel
                if not german.is_file():  # a translation of the layer below's German page
                    german = result[rel].german if rel in result else path
                result[rel] = PageFile(path, german, root is own, True)
    return result


def other_files(lang_code: str, data_dir: Path | None = None,
                docs_dir: Path = DOCS_DIR) -> dict[str, Path]:
    """Files beside the pages (images, PDF ...), in the same four layers: path -> file."""
    result: dict[str, Path] = {}
    own = region_pages_dir(data_dir)
    for root in [docs_dir, *([own] if own is not None else [])]:
        for code in dict.fromkeys([DEFAULT_LANGUAGE, lang_code]):
            folder = root / code
            if not folder.is_dir():
                continue
            for path in sorted(folder.rglob("*")):
                if path.is_file() and not path.is_symlink() and path.suffix != ".md":
                    result[path.relative_to(folder).as_posix()] = path
    return result


def fallback_pages(lang_code: str, data_dir: Path | None = None,
                   docs_dir: Path = DOCS_DIR) -> list[str]:
    """Pages that this language shows in German, for want of a translation."""
    if lang_code == DEFAULT_LANGUAGE:
        return []
    return sorted(rel for rel, page in page_files(lang_code, data_dir, docs_dir).items()
                  if not page.translated)
