"""KIM-Portal: data, validation and page builders for KIM transparency portals.

mkdocs-macros loads this package (``module_name: macros`` in mkdocs.yml) and calls
:func:`define_env`, which only registers the macros of the one macro table (``portal.MACROS``);
the work lives in the modules beside it. Before mkdocs-macros renders a page, macros/page_hooks.py
has checked it (only calls of those macros with literal arguments; see doccheck.py).
"""

from __future__ import annotations

from functools import partial
from pathlib import Path
from typing import Any


def _current_page(env: Any) -> tuple[str, str]:
    """URL and source path of the page mkdocs-macros is rendering."""
    return (env.page.url, env.page.file.src_uri) if env.page else ("", "")


def define_env(env: Any) -> None:
    from .i18n import language
    from .portal import MACROS, Portal, load_cached

    settings = env.conf["extra"]["kim"]
    portal = Portal(load_cached(Path(settings["data_dir"])), language(settings["lang"]),
                    page=partial(_current_page, env),
                    fallback_pages=frozenset(settings.get("fallback_pages", [])),
                    site_url=env.conf.get("site_url") or "")
    for name, builder in MACROS.items():
        env.macro(partial(portal.render, builder), name)
