"""One language's MkDocs build, from the build's typed context (macros.languagebuild).

mkdocs.yml is the base configuration; what differs per language comes from the LanguageBuild.
The KimPlugin is created here for this one build and registered on its configuration (not
found through an entry point): it carries the build's in-memory state (dataset, record pages),
which no configuration file can hold, and a checkout works without reinstalling the package.
Plain ``mkdocs build`` is not supported; ``kim build`` is the way in.
"""

from __future__ import annotations

import gc
import os
from typing import Any

import yaml

from ..doccheck import PageRefused
from ..i18n import PROJECT_ROOT
from ..languagebuild import LanguageBuild
from .plugin import KimPlugin

MKDOCS_YML = PROJECT_ROOT / "mkdocs.yml"
PLUGIN_NAME = "kim"


class EngineFailed(Exception):
    """The engine refused the build; the message says why, for people (German)."""


def base_config() -> dict[str, Any]:
    return yaml.safe_load(MKDOCS_YML.read_text(encoding="utf-8"))


def overrides(build: LanguageBuild) -> dict[str, Any]:
    """What differs per language from mkdocs.yml."""
    base = base_config()
    theme = {**base["theme"], "language": build.lang.material,
             "custom_dir": str(PROJECT_ROOT / base["theme"]["custom_dir"])}
    extra = {
        **base.get("extra", {}),
        # True (not a list): Material shows the switcher (overrides/partials/alternate.html,
        # same page in every language) but writes no head links of its own; main.html does.
        "alternate": True,
    }
    return {
        # Material writes site_name unescaped (header aria-label, <title>) and with `| e`
        # elsewhere: Markup is escaped once and left alone by `| e`.
        "site_name": build.site_name,
        # Material writes it into <meta name="description"> without escaping: escaped already.
        "site_description": build.site_description,
        "docs_dir": str(build.docs_dir),
        "site_dir": str(build.site_dir),
        "site_url": build.site_url,
        "theme": theme,
        "nav": build.nav,
        "not_in_nav": build.not_in_nav,
        "extra": extra,
        "strict": True,
    }


def load(build: LanguageBuild) -> Any:
    """The MkDocs configuration of one language build, with its own KimPlugin registered."""
    from mkdocs.config import load_config

    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    config = load_config(config_file=str(MKDOCS_YML), **overrides(build))
    plugin = KimPlugin(build)
    errors, _warnings = plugin.load_config(
        {"lang": build.lang.code, "dir": build.lang.dir, "root_url": build.root_url})
    if errors:
        raise EngineFailed("; ".join(f"{key}: {error}" for key, error in errors))
    config.plugins[PLUGIN_NAME] = plugin  # registers its events (after mkdocs-macros')
    return config


def run(build: LanguageBuild) -> None:
    """Build one language into build.site_dir; EngineFailed (German) when it cannot."""
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.exceptions import MkDocsException

    # A language build allocates millions of short-lived objects and makes little cyclic
    # garbage: at the collector's default (a young collection every 700 allocations) the
    # collector took about 7 % of its CPU; every 50,000 it takes under 1 %.
    threshold = gc.get_threshold()
    gc.set_threshold(50_000, 20, 100)
    try:
        mkdocs_build(load(build))
    except PageRefused as error:
        raise EngineFailed(str(error)) from None
    except MkDocsException as error:
        raise EngineFailed(f"MkDocs-Build fehlgeschlagen: {error}") from error
    except SystemExit as error:  # a plugin that exits instead of raising
        raise EngineFailed(f"Makro-Fehler beim Rendern (Exit-Code {error.code})") from error
    finally:
        gc.set_threshold(*threshold)
        _release()


def _release() -> None:
    """Let the finished build's objects go.

    MkDocs' configuration options are objects shared by every configuration (class attributes
    of MkDocsConfig), and several keep the last configuration they validated (``_config``; the
    ``plugins`` option also its plugins): our KimPlugin with the build's record pages and search
    entries, and mkdocs-macros with its pages, would stay alive into the next language's build
    or the open-data step (tens of MB at 10,000 offers)."""
    from mkdocs.config.base import BaseConfigOption, Config
    from mkdocs.config.defaults import MkDocsConfig

    pending = [value for value in vars(MkDocsConfig).values()
               if isinstance(value, BaseConfigOption)]
    seen: set[int] = set()
    while pending:
        option = pending.pop()
        if id(option) in seen:
            continue
        seen.add(id(option))
        for name, value in vars(option).items():
            if isinstance(value, Config):
                setattr(option, name, None)
            elif isinstance(value, BaseConfigOption):  # ListOfItems(SubConfig(...)) and the like
                pending.append(value)
    plugins = vars(MkDocsConfig).get("plugins")
    if plugins is not None:
        plugins.plugin_cache.clear()
        plugins.plugins = None


def warm_up() -> None:
    """Import MkDocs, the theme and the plugins before forking, so no worker pays for it."""
    import importlib

    for module in ("mkdocs.commands.build", "mkdocs.config", "mkdocs.theme", "material",
                   "mkdocs_macros.plugin", "markdown"):
        try:
            importlib.import_module(module)
        except ImportError:  # pragma: no cover - an optional plugin that is not installed
            pass
