"""Hand-written pages run no code, load nothing foreign and ship only allowed kinds of files.

A hand-written page comes from an editor's pull request, and CI builds and publishes it. So:

- Only the pages the project declares (``macros/pages/registry.py`` TEMPLATE_PAGES) are
  templates, and a template may contain nothing but calls of registered macros with literal
  arguments, such as ``{{ ki_contact() }}``. This is checked on Jinja's syntax tree (parsing runs
  no code) before mkdocs-macros renders the page, so what mkdocs-macros evaluates is literal
  calls of registered macros only (see CONTRIBUTING.md "Safety"). Its front matter has no template
  syntax (mkdocs-macros renders a title that has some).
- Every other page may contain no template syntax at all.
- The HTML a page ends up with (its Markdown converted the way MkDocs converts it) contains no
  script, iframe, object, embed, style or similar element, no event or style attribute and no
  ``javascript:``/``data:`` URL.
- Besides pages, a pages folder holds only images and PDF files.

``check_docs(folder)`` checks a folder of language folders (``docs/``, or a region's own pages
folder); the engine's plugin (macros/engine/plugin.py) runs ``check_text`` again on every page
MkDocs reads, so the check and the render cover the same files by construction.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from html.parser import HTMLParser
from pathlib import Path

import jinja2
import markdown
import yaml
from jinja2 import nodes

from .engine import PAGE_SUFFIXES
from .folders import outside_links
from .loader import display_path, one_line
from .pages.registry import MACROS, TEMPLATE_PAGES

# PAGE_SUFFIXES: every suffix MkDocs 1.6.1 reads as a Markdown page (.markdown, .mdown, .mkdn,
# .mkd, .md), taken from MkDocs itself (macros.engine) so a new one cannot slip by.
# Other files a pages folder may hold: images and PDF. Not .html/.htm/.xml/.json (MkDocs copies
# them as pages of their own, unchecked), not .svg (a document that can run script), not .js/.css.
OTHER_KINDS = frozenset({".png", ".jpg", ".jpeg", ".gif", ".webp", ".avif", ".pdf"})
# Front matter keys a page may set, and what kim_scripts may name (overrides/assets/js/<name>.js).
FRONT_MATTER_KEYS = frozenset({"title", "render_macros", "translation", "source_hash",
                               "kim_scripts"})
SCRIPT_NAME = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")

TEMPLATE_SYNTAX = re.compile(r"\{\{|\{%|\{#")
FRONT_MATTER = re.compile(r"\A---\s*\n(.*?\n)---\s*\n", re.DOTALL)

# Elements that run, embed or restyle something; attributes and URL schemes likewise.
FORBIDDEN_ELEMENTS = frozenset({"script", "iframe", "object", "embed", "style", "frame",
                                "frameset", "applet", "base", "link", "meta", "form", "svg",
                                "math", "template", "portal"})
URL_SCHEME = re.compile(r"^(javascript|data|vbscript):", re.IGNORECASE)
# Browsers drop ASCII whitespace and control characters inside a URL's scheme ("java\tscript:").
URL_NOISE = re.compile(r"[\x00-\x20\x7f]+")
# As in data (macros/yamlread.py): no C0 controls but tab, line feed and carriage return (pages
# may have Windows line ends), no bidi embeddings or overrides; the isolates stay allowed.
FORBIDDEN_CHARACTER = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\u202a-\u202e]")
MACRO_HINT = "erlaubt sind nur Aufrufe der Makros mit festen Werten, z. B. {{ ki_contact() }}"


@dataclass(frozen=True)
class DocProblem:
    file: str
    line: int
    message: str

    def __str__(self) -> str:
        return one_line(f"{self.file}:{self.line}: {self.message}")


@dataclass(frozen=True)
class Call:
    """One macro call of a template page: a registered name and literal arguments."""

    name: str
    args: tuple[object, ...]


Part = str | Call


class PageRefused(Exception):
    """A page refused while MkDocs renders it; the message lists its problems (German).

    Not one of MkDocs' own errors, which MkDocs replaces by "Aborted with a BuildError!"."""


class Refused(Exception):
    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.message = message


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


# --- Template pages: Jinja's syntax tree, never Jinja's evaluation -----------------------------

_PARSER = jinja2.Environment(keep_trailing_newline=True, autoescape=False)


def _macro_names() -> frozenset[str]:
    return frozenset(MACROS)


def _call(node: nodes.Node, line: int) -> Call:
    known = _macro_names()
    if not (isinstance(node, nodes.Call) and isinstance(node.node, nodes.Name)):
        raise Refused(line, f"nur Makroaufrufe sind erlaubt, keine Ausdrücke; {MACRO_HINT}")
    if node.node.name not in known:
        raise Refused(line, f"unbekanntes Makro '{node.node.name}'; bekannt sind: "
                      + ", ".join(sorted(known)))
    if node.kwargs or node.dyn_args or node.dyn_kwargs:
        raise Refused(line, f"Makro '{node.node.name}': nur feste Werte in Klammern, ohne "
                      "Namen; " + MACRO_HINT)
    if not all(isinstance(arg, nodes.Const) for arg in node.args):
        raise Refused(line, f"Makro '{node.node.name}': Argumente müssen feste Werte sein "
                      "(Zahl oder Text in Anführungszeichen)")
    return Call(node.node.name, tuple(arg.value for arg in node.args))


def template_parts(body: str, first_line: int = 1) -> list[Part]:
    """A template page's body as text and macro calls; raises Refused (file line) otherwise.

    ``first_line`` is the file line where the body starts (after the front matter)."""
    try:
        tree = _PARSER.parse(body)
    except jinja2.TemplateSyntaxError as error:
        raise Refused(first_line - 1 + (error.lineno or 1),
                      f"Vorlagen-Syntax ist fehlerhaft ({error.message}); {MACRO_HINT}") from None
    except RecursionError:  # thousands of nested brackets
        raise Refused(first_line,
                      f"Vorlagen-Syntax ist zu tief verschachtelt; {MACRO_HINT}") from None
    parts: list[Part] = []
    for statement in tree.body:
        line = first_line - 1 + statement.lineno
        if not isinstance(statement, nodes.Output):
            kind = type(statement).__name__.lower()
            raise Refused(line, f"Anweisung '{{% {kind} %}}' ist nicht erlaubt; {MACRO_HINT}")
        for node in statement.nodes:
            if isinstance(node, nodes.TemplateData):
                parts.append(node.data)
            else:
                parts.append(_call(node, first_line - 1 + node.lineno))
    return parts


def render_template(parts: list[Part], call: Callable[[Call], str]) -> str:
    """The page's Markdown with each macro call replaced by what ``call`` returns for it."""
    return "".join(part if isinstance(part, str) else call(part) for part in parts)


# --- HTML a page ends up with ------------------------------------------------------------------


@lru_cache(maxsize=1)
def _markdown_extensions() -> tuple:
    from .build import MKDOCS_YML  # the same extensions MkDocs converts the page with

    config = yaml.safe_load(MKDOCS_YML.read_text(encoding="utf-8"))
    names, settings = [], {}
    for entry in config.get("markdown_extensions", []):
        name, options = next(iter(entry.items())) if isinstance(entry, dict) else (entry, None)
        names.append(name)
        if options:
            settings[name] = options
    return tuple(names), settings


class _HtmlScan(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, str]] = []  # (text to find the source line by, message)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in FORBIDDEN_ELEMENTS:
            self.found.append((f"<{tag}", f"HTML-Element <{tag}> ist in Seiten nicht erlaubt"))
        for name, value in attrs:
            if name.startswith("on"):
                self.found.append((name, f"HTML-Attribut '{name}' (Skript bei einem Ereignis) "
                                         "ist in Seiten nicht erlaubt"))
            elif name == "style":
                self.found.append(("style", "HTML-Attribut 'style' ist in Seiten nicht erlaubt "
                                            "(die Inhaltssicherheitsrichtlinie blockiert es)"))
            elif value and URL_SCHEME.match(URL_NOISE.sub("", value)):
                scheme = URL_SCHEME.match(URL_NOISE.sub("", value)).group(1).lower()
                self.found.append((f"{scheme}:|{name}=|{value[:8]}",
                                   f"Adressen mit '{scheme}:' sind in Seiten nicht erlaubt "
                                   f"({name}=...)"))

    handle_startendtag = handle_starttag


def html_problems(body: str, first_line: int = 1) -> list[tuple[int, str]]:
    """(file line, message) for each forbidden element, attribute or URL in the page's HTML."""
    names, settings = _markdown_extensions()
    html = markdown.Markdown(extensions=list(names), extension_configs=settings).convert(body)
    scan = _HtmlScan()
    scan.feed(html)
    scan.close()
    lines = body.splitlines()
    found = []
    for needles, message in scan.found:  # the first alternative found in the source wins
        number = next((n for needle in needles.lower().split("|") if needle
                       for n, line in enumerate(lines, start=1) if needle in line.lower()), 1)
        found.append((first_line - 1 + number, message))
    return found


# --- One page, one folder ----------------------------------------------------------------------


def _front_matter_problems(meta: dict, declared: bool) -> list[tuple[int, str]]:
    problems = []
    if meta.get("__invalid__"):
        return [(1, "Kopfbereich (front matter) ist kein gültiges YAML")]
    if declared and meta.get("render_macros") is not True:
        problems.append((1, "Vorlagenseite braucht 'render_macros: true' im Kopfbereich"))
    if not declared and "render_macros" in meta:
        problems.append((1, "'render_macros' ist nur in den vom Projekt erklärten Vorlagenseiten "
                            "erlaubt (macros/pages/registry.py)"))
    unknown = sorted(set(map(str, meta)) - FRONT_MATTER_KEYS)
    if unknown:
        problems.append((1, f"unbekannte Angabe(n) im Kopfbereich: {', '.join(unknown)}; erlaubt "
                            f"sind: {', '.join(sorted(FRONT_MATTER_KEYS))}"))
    scripts = meta.get("kim_scripts", [])
    if not (isinstance(scripts, list) and all(isinstance(s, str) and SCRIPT_NAME.match(s)
                                              for s in scripts)):
        problems.append((1, "'kim_scripts' muss eine Liste von Skriptnamen sein "
                            "(Kleinbuchstaben, Ziffern, Bindestriche), z. B. [offers]"))
    return problems


def check_text(text: str, rel: str, shown: str) -> list[DocProblem]:
    """Every problem of one page, given its whole text (front matter included).

    ``rel`` is the page's path inside its language folder (what TEMPLATE_PAGES lists), ``shown``
    the path named in the messages."""
    meta, offset = front_matter(text)
    declared = rel in TEMPLATE_PAGES
    problems = [DocProblem(shown, line, message)
                for line, message in _front_matter_problems(meta, declared)]
    for number, line in enumerate(text.split("\n"), start=1):
        found = FORBIDDEN_CHARACTER.search(line)
        if found:
            problems.append(DocProblem(shown, number, f"Zeichen U+{ord(found.group(0)):04X} "
                                       "(Steuerzeichen oder Umkehrung der Schreibrichtung) ist "
                                       "in Seiten nicht erlaubt; bitte entfernen"))
    body = FRONT_MATTER.sub("", text, count=1)
    parts: list[Part] = [body]
    if declared:
        problems += [DocProblem(shown, number, "Vorlagen-Syntax ({{, {% oder {#) ist im Kopf "
                                "(Front Matter) einer Seite nicht erlaubt; bitte entfernen")
                     for number, line in enumerate(text.splitlines()[:offset], start=1)
                     if TEMPLATE_SYNTAX.search(line)]
        try:
            parts = template_parts(body, offset + 1)
        except Refused as refused:
            return [*problems, DocProblem(shown, refused.line, refused.message)]
    else:
        for number, line in enumerate(text.splitlines(), start=1):
            if TEMPLATE_SYNTAX.search(line):
                problems.append(DocProblem(
                    shown, number, "Vorlagen-Syntax ({{, {% oder {#) ist in dieser Seite nicht "
                    "erlaubt; bitte entfernen"))
    # The editor's own text; the macros' output is built by the project, escaped.
    prose = render_template(parts, lambda call: "")
    problems += [DocProblem(shown, line, message)
                 for line, message in html_problems(prose, offset + 1)]
    return problems


def check_page(path: Path, rel: str, shown: str) -> list[DocProblem]:
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        return [DocProblem(shown, 1, "Seite ist nicht in UTF-8 gespeichert")]
    return check_text(text, rel, shown)


def is_page(path: Path) -> bool:
    return path.name.lower().endswith(PAGE_SUFFIXES)


def check_docs(folder: Path) -> list[DocProblem]:
    """Check a folder of language folders (docs/, or a region's pages folder).

    Every page MkDocs would read (any suffix of PAGE_SUFFIXES), in every language folder; every
    other file must be of an allowed kind; no link may lead out of the folder."""
    problems = [DocProblem(display_path(link), 1, message)
                for link, message in outside_links(folder)]
    if problems:  # nothing behind a link that leads out is read
        return problems
    for path in sorted(folder.rglob("*")):
        parts = path.relative_to(folder).parts
        # MkDocs never reads hidden files or folders (its default exclude_docs '.*').
        if path.is_dir() or any(part.startswith(".") for part in parts):
            continue
        shown = display_path(path)
        if len(parts) < 2:
            problems.append(DocProblem(shown, 1, "Seiten gehören in einen Sprachordner, z. B. "
                                                 f"{folder.name}/de/"))
        elif is_page(path):
            problems += check_page(path, Path(*parts[1:]).as_posix(), shown)
        elif path.suffix.lower() not in OTHER_KINDS:
            problems.append(DocProblem(
                shown, 1, "Dateien dieser Art sind neben den Seiten nicht erlaubt; erlaubt "
                f"sind Seiten ({', '.join(PAGE_SUFFIXES)}) und {', '.join(sorted(OTHER_KINDS))}"))
    return problems
