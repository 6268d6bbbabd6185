"""Read one YAML file safely into plain Python values, remembering where each value stood.

Only the data subset of YAML is accepted: mappings, lists, strings, numbers, booleans, null and
dates. Anchors and aliases are refused before anything is built (no alias bombs), nesting depth
and file size are bounded, duplicate keys are errors, and any tag beyond the standard ones (for
example ``!!python/object``) is refused. Floats become :class:`~decimal.Decimal` from their
source text, so 64000.10 stays exactly that.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

import yaml

try:  # libyaml is pinned through PyYAML's wheels; fall back only so errors stay readable.
    from yaml import CSafeLoader as SafeLoader
except ImportError:  # pragma: no cover
    from yaml import SafeLoader  # type: ignore[assignment]

MAX_BYTES = 1_000_000
MAX_DEPTH = 32

Path_ = tuple[str | int, ...]

# 'value' and 'merge' are what YAML 1.1 calls a plain '=' or '<<': read as text (a '<<' key is
# refused below).
_SCALAR_TAGS = {
    "tag:yaml.org,2002:" + name
    for name in ("str", "int", "float", "bool", "null", "timestamp", "value", "merge")
}
_NODE_TAGS = {
    yaml.ScalarNode: _SCALAR_TAGS,
    yaml.SequenceNode: {"tag:yaml.org,2002:seq"},
    yaml.MappingNode: {"tag:yaml.org,2002:map"},
}
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
# YAML 1.1 also reads 017 (octal), 0x1F, 1_000 and 17:00 (base 60!) as integers; such values stay
# text, so an unquoted time or postal code is not silently turned into another number.
_DECIMAL_INT = re.compile(r"^[-+]?(0|[1-9][0-9]*)$")

# libyaml's English problems, said for editors.
_PROBLEMS_DE = {
    "mapping values are not allowed": "Doppelpunkt an unerwarteter Stelle (Einrückung "
    "prüfen; Text mit ': ' in Anführungszeichen setzen)",
    "could not find expected ':'": "Doppelpunkt fehlt nach dem Feldnamen",
    "found character that cannot start any token": "Zeichen, mit dem kein Wert beginnen darf "
    "(z. B. Tabulator oder '@'; Text in Anführungszeichen setzen)",
    "did not find expected key": "Feldname erwartet (Einrückung prüfen)",
    "did not find expected '-' indicator": "Listeneintrag mit '- ' erwartet (Einrückung prüfen)",
    "found unexpected end of stream": "Datei endet mitten in einem Wert (Anführungszeichen "
    "nicht geschlossen?)",
    "found undefined tag handle": "unbekanntes Tag",
    "found a tab character": "Tabulator in der Einrückung; bitte nur Leerzeichen verwenden",
    "did not find expected ',' or ']'": "Liste in [ ] nicht geschlossen oder Komma fehlt",
    "did not find expected ',' or '}'": "Abschnitt in { } nicht geschlossen oder Komma fehlt",
    "did not find expected node content": "Wert erwartet (Zeichen wie ']', '}' oder ',' "
    "am Anfang eines Textes in Anführungszeichen setzen)",
    "block sequence entries are not allowed": "Listeneintrag ('- ') an unerwarteter Stelle "
    "(Einrückung prüfen)",
    "mapping keys are not allowed": "Feldname an unerwarteter Stelle (Einrückung prüfen)",
    "but found another document": "nur ein Dokument je Datei erlaubt ('---' entfernen)",
    "found unexpected ':'": "Doppelpunkt an unerwarteter Stelle (Text mit ':' in "
    "Anführungszeichen setzen)",
    "found unexpected document indicator": "'---' oder '...' am Zeilenanfang mitten in einem "
    "Text in Anführungszeichen",
    "did not find expected <document start>": "unerwarteter Inhalt (Zeilen mit '---', '...', "
    "'%' oder mehrere '&', '!' vor einem Wert prüfen)",
}
# Problems found while libyaml scans a construct editors rarely mean to write: said by construct.
_CONTEXTS_DE = {
    "directive": "Zeile mit '%' am Anfang ist eine YAML-Direktive; Text mit '%' in "
    "Anführungszeichen setzen",
    "tag": "ungültiges Tag nach '!'; Text, der mit '!' beginnt, in Anführungszeichen setzen",
    "anchor": "nach '&' muss ein Name folgen; Text mit '&' am Anfang in Anführungszeichen setzen",
    "alias": "nach '*' muss ein Name folgen; Text mit '*' am Anfang in Anführungszeichen setzen",
    "quoted scalar": "ungültige Escape-Sequenz mit '\\' in doppelten Anführungszeichen "
    "(einfache Anführungszeichen verwenden oder '\\\\' schreiben)",
    "block scalar": "nach '|' oder '>' darf in derselben Zeile nur ein Kommentar folgen; Text "
    "mit '|' oder '>' am Anfang in Anführungszeichen setzen",
}
# Problems without a translation are still introduced in German, with libyaml's words after it.
_UNTRANSLATED = "Datei ist kein gültiges YAML (Meldung des Lesers: {problem})"


@dataclass(frozen=True)
class Mark:
    line: int  # 1-based
    column: int  # 1-based


@dataclass(frozen=True)
class Located:
    """A problem found while reading, before any schema is applied."""

    mark: Mark
    path: Path_
    message: str


class YamlProblem(Exception):
    def __init__(self, problem: Located) -> None:
        super().__init__(problem.message)
        self.problem = problem


@dataclass(frozen=True)
class ReadResult:
    data: Any
    value_marks: dict[Path_, Mark]  # where each value starts
    key_marks: dict[Path_, Mark]  # where the key of each mapping entry starts
    # Values that could be read but not understood (an impossible date, ...): reported once,
    # and the rest of the file is still validated so that every error shows at once.
    problems: list[Located] = field(default_factory=list)


def _mark(yaml_mark: Any) -> Mark:
    return Mark(yaml_mark.line + 1, yaml_mark.column + 1)


def _syntax_problem(error: yaml.YAMLError, text: str) -> Located:
    if isinstance(error, yaml.reader.ReaderError):
        # A character YAML does not allow; libyaml gives its byte offset, not a mark.
        before = text.encode("utf-8")[: error.position].decode("utf-8", errors="ignore")
        line_start = before.rfind("\n") + 1
        where = Mark(before.count("\n") + 1, len(before) - line_start + 1)
        character = error.character if isinstance(error.character, int) else 0
        return Located(where, (), f"YAML-Syntaxfehler: Steuerzeichen #x{character:04x} ist in "
                       "YAML-Dateien nicht erlaubt; bitte entfernen")
    mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
    problem = getattr(error, "problem", None) or str(error)
    context = getattr(error, "context", None) or ""
    if problem.startswith(("found duplicate %", "found incompatible YAML document")):
        context = "directive"
    german = next((de for en, de in _PROBLEMS_DE.items() if problem.startswith(en)), None)
    german = german or next((de for en, de in _CONTEXTS_DE.items() if en in context), None)
    message = f"YAML-Syntaxfehler: {german or _UNTRANSLATED.format(problem=problem)}"
    return Located(_mark(mark) if mark else Mark(1, 1), (), message)


def _check_events(text: str) -> None:
    """Stream the parser's events (no tree yet) to refuse aliases and deep nesting."""
    depth = 0
    for event in yaml.parse(text, Loader=SafeLoader):
        mark = _mark(event.start_mark)
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            raise YamlProblem(
                Located(mark, (), "Anker und Verweise (& und *) sind nicht erlaubt; "
                        "bitte Werte ausschreiben")
            )
        if isinstance(event, yaml.MappingStartEvent | yaml.SequenceStartEvent):
            depth += 1
            if depth > MAX_DEPTH:
                raise YamlProblem(
                    Located(mark, (), f"zu tief verschachtelt (mehr als {MAX_DEPTH} Ebenen)")
                )
        elif isinstance(event, yaml.MappingEndEvent | yaml.SequenceEndEvent):
            depth -= 1


def _scalar(node: yaml.ScalarNode, path: Path_, result: ReadResult) -> Any:
    try:
        return _scalar_value(node, path)
    except YamlProblem as problem:
        result.problems.append(problem.problem)
        return node.value


def _scalar_value(node: yaml.ScalarNode, path: Path_) -> Any:
    tag = node.tag
    if tag == "tag:yaml.org,2002:str":
        return node.value
    if tag == "tag:yaml.org,2002:null":
        return None
    if tag == "tag:yaml.org,2002:bool":
        # Only true/false are booleans; YAML 1.1's yes/no/on/off stay text (a language 'no').
        return {"true": True, "false": False}.get(node.value.lower(), node.value)
    if tag == "tag:yaml.org,2002:int":
        return int(node.value) if _DECIMAL_INT.match(node.value) else node.value
    if tag == "tag:yaml.org,2002:float":
        try:
            number = Decimal(node.value.replace("_", ""))
        except InvalidOperation:
            number = None
        if number is None or not number.is_finite():
            raise YamlProblem(
                Located(_mark(node.start_mark), path, f"'{node.value}' ist keine endliche Zahl")
            )
        return number
    if tag == "tag:yaml.org,2002:timestamp":
        if not _DATE.match(node.value):
            raise YamlProblem(
                Located(_mark(node.start_mark), path,
                        f"'{node.value}': Datum in der Form JJJJ-MM-TT erwartet, ohne Uhrzeit")
            )
        try:
            return dt.date.fromisoformat(node.value)
        except ValueError:
            raise YamlProblem(
                Located(_mark(node.start_mark), path,
                        f"'{node.value}' ist kein gültiges Kalenderdatum")
            ) from None
    # '!' (non-specific tag on a quoted scalar) and anything else: keep the text.
    return node.value


def _build(node: yaml.Node, path: Path_, result: ReadResult) -> Any:
    result.value_marks[path] = _mark(node.start_mark)
    if node.tag not in _NODE_TAGS[type(node)]:
        # Only plain data: no !!python/object, !!binary, !!set, local tags, ... The value is
        # still read as plain data (never constructed), so the rest of the file is checked too.
        result.problems.append(
            Located(_mark(node.start_mark), path, f"Tag '{node.tag}' ist nicht erlaubt; nur "
                    "einfache Werte, Listen und Abschnitte")
        )
        if isinstance(node, yaml.ScalarNode):
            return node.value
    if isinstance(node, yaml.ScalarNode):
        return _scalar(node, path, result)
    if isinstance(node, yaml.SequenceNode):
        return [_build(item, (*path, index), result) for index, item in enumerate(node.value)]
    mapping: dict[Any, Any] = {}
    for key_node, value_node in node.value:
        if not isinstance(key_node, yaml.ScalarNode):
            raise YamlProblem(
                Located(_mark(key_node.start_mark), path, "Feldnamen müssen einfacher Text sein")
            )
        key = key_node.value  # field names are text, whatever they look like (1, true, 0x10)
        if key == "<<":
            raise YamlProblem(
                Located(_mark(key_node.start_mark), path, "Zusammenführen mit '<<' ist nicht erlaubt")
            )
        if key_node.tag not in _SCALAR_TAGS:
            result.problems.append(
                Located(_mark(key_node.start_mark), (*path, key), f"Tag '{key_node.tag}' ist "
                        "nicht erlaubt; nur einfache Werte, Listen und Abschnitte")
            )
        if key in mapping:
            # Reported, the first value kept, and the rest of the file still checked.
            first = result.key_marks[(*path, key)]
            result.problems.append(
                Located(_mark(key_node.start_mark), (*path, key),
                        f"Feld '{key}' steht doppelt (zuerst in Zeile {first.line})")
            )
            continue
        result.key_marks[(*path, key)] = _mark(key_node.start_mark)
        mapping[key] = _build(value_node, (*path, key), result)
    return mapping


def read_text(text: str) -> ReadResult:
    """Parse YAML text; raises :class:`YamlProblem` with a German, located message."""
    if len(text.encode("utf-8")) > MAX_BYTES:
        raise YamlProblem(Located(Mark(1, 1), (), f"Datei ist größer als {MAX_BYTES} Bytes"))
    try:
        _check_events(text)
        node = yaml.compose(text, Loader=SafeLoader)
    except yaml.YAMLError as error:
        raise YamlProblem(_syntax_problem(error, text)) from None
    if node is None:
        raise YamlProblem(Located(Mark(1, 1), (), "Datei ist leer; erwartet werden Felder"))
    result = ReadResult(data=None, value_marks={}, key_marks={})
    data = _build(node, (), result)
    if not isinstance(data, dict):
        raise YamlProblem(
            Located(_mark(node.start_mark), (),
                    "oberste Ebene muss aus Feldern bestehen (name: Wert), nicht aus einer "
                    "Liste oder einem einzelnen Wert")
        )
    return ReadResult(data=data, value_marks=result.value_marks, key_marks=result.key_marks,
                      problems=result.problems)


def read_file(path: Path) -> ReadResult:
    raw = path.read_bytes()
    if len(raw) > MAX_BYTES:
        raise YamlProblem(Located(Mark(1, 1), (), f"Datei ist größer als {MAX_BYTES} Bytes"))
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise YamlProblem(
            Located(Mark(line, 1), (), "Datei ist nicht in UTF-8 gespeichert")
        ) from None
    return read_text(text)
