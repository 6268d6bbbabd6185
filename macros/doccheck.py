"""Hand-written pages may not run template code unless the project declares them as templates.

mkdocs-macros renders Jinja unsandboxed: a page that an editor adds with ``{{ ... }}`` in it, or
with ``render_macros: true`` in its front matter, could run Python at build time. This check runs
before every build and refuses both outside the declared template pages.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from .loader import display_path
from .pages.registry import TEMPLATE_PAGES

TEMPLATE_SYNTAX = re.compile(r"\{\{|\{%|\{#")
FRONT_MATTER = re.compile(r"\A---\s*\n(.*?\n)---\s*\n", re.DOTALL)


@dataclass(frozen=True)
class DocProblem:
    file: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.message}"


def front_matter(text: str) -> tuple[dict, int]:
    """The page's front matter and the number of lines it takes."""
    found = FRONT_MATTER.match(text)
    if not found:
        return {}, 0
    try:
        meta = yaml.safe_load(found.group(1)) or {}
    except yaml.YAMLError:
        meta = {"__invalid__": True}
    return (meta if isinstance(meta, dict) else {"__invalid__": True}), found.group(0).count("\n")


def check_page(path: Path, rel: str, shown: str) -> list[DocProblem]:
    text = path.read_text(encoding="utf-8")
    meta, _ = front_matter(text)
    declared = rel in TEMPLATE_PAGES
    problems = []
    if meta.get("__invalid__"):
        problems.append(DocProblem(shown, 1, "Kopfbereich (front matter) ist kein gültiges YAML"))
    if declared and meta.get("render_macros") is not True:
        problems.append(DocProblem(shown, 1, "Vorlagenseite braucht 'render_macros: true' im Kopfbereich"))
    if not declared:
        if "render_macros" in meta:
            problems.append(DocProblem(
                shown, 1, "'render_macros' ist nur in den vom Projekt erklärten Vorlagenseiten "
                "erlaubt (macros/pages/registry.py)"))
        for number, line in enumerate(text.splitlines(), start=1):
            if TEMPLATE_SYNTAX.search(line):
                problems.append(DocProblem(
                    shown, number, "Vorlagen-Syntax ({{, {% oder {#) ist in dieser Seite nicht "
                    "erlaubt; bitte entfernen"))
    return problems


def check_docs(docs_root: Path) -> list[DocProblem]:
    """Check every Markdown page of every language folder under docs/."""
    problems: list[DocProblem] = []
    for path in sorted(docs_root.rglob("*.md")):
        lang_dir = path.relative_to(docs_root).parts[0]
        rel = path.relative_to(docs_root / lang_dir).as_posix()
        problems += check_page(path, rel, display_path(path))
    return problems
