"""What mkdocs-macros loads (``module_name: macros/engine/macros_env`` in mkdocs.yml).

``define_env`` registers the macros of the page-type table (``registry.MACROS``) and nothing
else, each bound to the build's KimPlugin (``KimPlugin.macro``: the view's HTML passes Markdown
as a placeholder). Before mkdocs-macros renders a page, the plugin has checked it (only calls of
those macros with literal arguments; macros/doccheck.py).
mkdocs-macros loads this file by its path, so imports are absolute.
"""

from __future__ import annotations

from functools import partial
from typing import Any

from macros.engine.run import PLUGIN_NAME
from macros.pages.registry import MACROS


def define_env(env: Any) -> None:
    plugins = env.conf["plugins"]
    if PLUGIN_NAME not in plugins:
        raise RuntimeError("Bitte mit `kim build` bauen (das kim-Plugin fehlt).")
    plugin = plugins[PLUGIN_NAME]
    for name, builder in MACROS.items():
        env.macro(partial(plugin.macro, builder), name)
