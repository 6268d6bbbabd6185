"""The engine: the one package that imports MkDocs or mkdocs-macros or knows Material's files.

Everything else (data, checks, views, search index, sitemap, open data, CSP, pruning,
publishing) is the project's own code, run before or after the engine on plain data and the
built folder. A move to another engine (ProperDocs, Zensical) replaces this folder, the theme
overrides in overrides/ and mkdocs.yml; see CONTRIBUTING.md "Changing the engine".

- ``plugin.py``: ``KimPlugin``, the MkDocs plugin that owns one language build's state;
- ``run.py``: one language's MkDocs build from a ``macros.languagebuild.LanguageBuild``;
- ``macros_env.py``: what mkdocs-macros loads (``module_name`` in mkdocs.yml).
"""

from __future__ import annotations

from mkdocs.utils import markdown_extensions

# Suffixes of the files MkDocs reads as pages (MkDocs 1.6.1: .md .markdown .mdown .mkdn .mkd).
PAGE_SUFFIXES: tuple[str, ...] = tuple(markdown_extensions)

# Theme files no page references (Material's JS bundle, lunr search worker, palette CSS): the
# build removes them from the built site (macros.build.prune) so nobody serves dead weight.
UNUSED_THEME_FILES = ("assets/javascripts/bundle.*", "assets/javascripts/lunr",
                      "assets/javascripts/workers", "assets/stylesheets/palette.*")
