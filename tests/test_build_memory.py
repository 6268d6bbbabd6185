"""Languages built one after another inside the build process do not pile up engine objects."""

from __future__ import annotations

import gc

from support import TINY_REGION

from macros.build import build_site


def _engine_pages() -> int:
    return sum(1 for o in gc.get_objects()
               if type(o).__name__ == "Page" and type(o).__module__.startswith("mkdocs"))


def _left_after(tmp_path, codes: list[str]) -> int:
    """MkDocs pages still alive after building these languages, with no automatic collection
    (only the build's own collection after each language frees the engine's pages: they refer
    to each other, so reference counting alone does not)."""
    gc.collect()
    before = _engine_pages()
    gc.disable()
    try:
        build_site(TINY_REGION, tmp_path / "-".join(codes), languages=codes)
        return _engine_pages() - before
    finally:
        gc.enable()
        gc.collect()


def test_languages_built_one_after_another_leave_no_more_pages_alive_than_one(tmp_path,
                                                                             monkeypatch):
    monkeypatch.setenv("KIM_BUILD_JOBS", "1")
    one = _left_after(tmp_path, ["en"])
    # (MkDocs keeps the last build's configuration, and through it its plugins and pages, in a
    # class attribute of its configuration schema until the next build.)
    assert _left_after(tmp_path, ["de", "en", "ar"]) <= one
