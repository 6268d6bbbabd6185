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
# No field needs more: amounts have at most 14 digits, populations 8. Beyond 4300 digits Python
# refuses to read an int at all (ValueError), so the limit also keeps the loader from crashing.
MAX_INT_DIGITS = 15
# Text is text: C0 control characters other than tab and line feed, and the bidi embedding and
# override characters (U+202A-U+202E, which reorder the text after them, e.g. a file name that
# reads "gpj.exe" as "exe.jpg"), are refused. The bidi isolates U+2066-U+2069 stay allowed:
# they are how mixed Arabic and Latin text is written correctly.
_FORBIDDEN_CHARACTER = re.compile(r"[\x00-\x08\x0b-\x1f\u202a-\u202e]")

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


_RESOLVER = yaml.resolver.Resolver()  # YAML 1.1's implicit tags, as SafeLoader resolves them
_NODE_TYPES = {yaml.ScalarEvent: yaml.ScalarNode, yaml.SequenceStartEvent: yaml.SequenceNode,
               yaml.MappingStartEvent: yaml.MappingNode}
_ENDS = (yaml.SequenceEndEvent, yaml.MappingEndEvent)
_NO_KEY = object()  # a mapping frame that waits for its next key


@dataclass
class _Frame:
    """An open mapping or list while the parser's events stream by."""

    container: dict | list
    path: Path_
    key: Any = _NO_KEY


def _tag(event: Any) -> str:
    tag = event.tag
    if tag is None or tag == "!":
        value = event.value if isinstance(event, yaml.ScalarEvent) else None
        tag = _RESOLVER.resolve(_NODE_TYPES[type(event)], value, event.implicit)
    return tag


def _read_events(text: str, result: ReadResult) -> Any:
    """Build plain values straight from the parser's events, in one pass.

    No node tree is composed: aliases and anchors are refused at the event that carries them
    (so nothing is ever expanded), nesting depth is bounded as it grows, and each value's
    position is recorded as it is read.
    """
    stack: list[_Frame] = []
    root: Any = _NO_KEY
    skipping = -1  # nesting level inside a duplicate key's value, which is skipped (-1: none)
    documents = 0
    first_document = None
    for event in yaml.parse(text, Loader=SafeLoader):
        kind = type(event)
        if kind is yaml.AliasEvent or getattr(event, "anchor", None):
            raise YamlProblem(Located(_mark(event.start_mark), (), "Anker und Verweise (& und *) "
                                      "sind nicht erlaubt; bitte Werte ausschreiben"))
        if kind is yaml.DocumentStartEvent:
            documents += 1
            if documents == 1:
                first_document = event.start_mark
            else:  # the same error as yaml.compose gives, said in German by _syntax_problem
                raise yaml.composer.ComposerError("expected a single document in the stream",
                                                  first_document, "but found another document",
                                                  event.start_mark)
            continue
        if kind in _ENDS:
            if skipping > 0:
                skipping -= 1
                if skipping == 0:
                    skipping = -1
                continue
            stack.pop()
            continue
        if kind not in _NODE_TYPES:
            continue  # stream and document ends
        opens = kind is not yaml.ScalarEvent
        if opens and len(stack) + max(skipping, 0) >= MAX_DEPTH:
            raise YamlProblem(Located(_mark(event.start_mark), (),
                                      f"zu tief verschachtelt (mehr als {MAX_DEPTH} Ebenen)"))
        if skipping >= 0:
            if opens:
                skipping += 1
            elif skipping == 0:
                skipping = -1
            continue
        frame = stack[-1] if stack else None
        if frame is not None and frame.key is _NO_KEY and isinstance(frame.container, dict):
            skipping = _read_key(event, frame, result)
            continue
        if frame is None:
            path: Path_ = ()
        elif isinstance(frame.container, dict):
            path = (*frame.path, frame.key)
        else:
            path = (*frame.path, len(frame.container))
        mark = _mark(event.start_mark)
        result.value_marks[path] = mark
        tag = _tag(event)
        if tag not in _NODE_TAGS[_NODE_TYPES[kind]]:
            # Only plain data: no !!python/object, !!binary, !!set, local tags, ... The value is
            # still read as plain data (never constructed), so the rest of the file is checked.
            result.problems.append(Located(mark, path, f"Tag '{tag}' ist nicht erlaubt; nur "
                                           "einfache Werte, Listen und Abschnitte"))
            value: Any = event.value if not opens else ([] if kind is yaml.SequenceStartEvent
                                                        else {})
        elif opens:
            value = [] if kind is yaml.SequenceStartEvent else {}
        else:
            value = _scalar(tag, event.value, mark, path, result)
        if frame is None:
            root = value
        elif isinstance(frame.container, dict):
            frame.container[frame.key] = value
            frame.key = _NO_KEY
        else:
            frame.container.append(value)
        if opens:
            stack.append(_Frame(value, path))
    return None if root is _NO_KEY else root


def _read_key(event: Any, frame: _Frame, result: ReadResult) -> int:
    """Take a mapping key; return 0 when its value is to be skipped (a duplicate), else -1."""
    mark = _mark(event.start_mark)
    if type(event) is not yaml.ScalarEvent:
        raise YamlProblem(Located(mark, frame.path, "Feldnamen müssen einfacher Text sein"))
    key = event.value  # field names are text, whatever they look like (1, true, 0x10)
    if key == "<<":
        raise YamlProblem(Located(mark, frame.path, "Zusammenführen mit '<<' ist nicht erlaubt"))
    tag = _tag(event)
    if tag not in _SCALAR_TAGS:
        result.problems.append(Located(mark, (*frame.path, key), f"Tag '{tag}' ist nicht "
                                       "erlaubt; nur einfache Werte, Listen und Abschnitte"))
    if key in frame.container:
        # Reported, the first value kept, and the rest of the file still checked.
        first = result.key_marks[(*frame.path, key)]
        result.problems.append(Located(
            mark, (*frame.path, key),
            f"Feld '{key}' steht doppelt (zuerst in Zeile {first.line})"))
        return 0
    result.key_marks[(*frame.path, key)] = mark
    frame.key = key
    return -1


def _scalar(tag: str, value: str, mark: Mark, path: Path_, result: ReadResult) -> Any:
    try:
        read = _scalar_value(tag, value, mark, path)
        if isinstance(read, str):
            _plain_text(read, mark, path)
        return read
    except YamlProblem as problem:
        result.problems.append(problem.problem)
        return value


def _scalar_value(tag: str, value: str, mark: Mark, path: Path_) -> Any:
    if tag == "tag:yaml.org,2002:str":
        return value
    if tag == "tag:yaml.org,2002:null":
        return None
    if tag == "tag:yaml.org,2002:bool":
        # Only true/false are booleans; YAML 1.1's yes/no/on/off stay text (a language 'no').
        return {"true": True, "false": False}.get(value.lower(), value)
    if tag == "tag:yaml.org,2002:int":
        if not _DECIMAL_INT.match(value):
            return value
        if len(value.lstrip("+-")) > MAX_INT_DIGITS:
            raise YamlProblem(Located(mark, path, f"Zahl mit {len(value.lstrip('+-'))} Ziffern; "
                                      f"kein Feld braucht mehr als {MAX_INT_DIGITS}"))
        return int(value)
    if tag == "tag:yaml.org,2002:float":
        try:
            number = Decimal(value.replace("_", ""))
        except InvalidOperation:
            number = None
        if number is None or not number.is_finite():
            raise YamlProblem(
                Located(mark, path, f"'{value}' ist keine endliche Zahl")
            )
        return number
    if tag == "tag:yaml.org,2002:timestamp":
        if not _DATE.match(value):
            raise YamlProblem(
                Located(mark, path,
                        f"'{value}': Datum in der Form JJJJ-MM-TT erwartet, ohne Uhrzeit")
            )
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            raise YamlProblem(
                Located(mark, path,
                        f"'{value}' ist kein gültiges Kalenderdatum")
            ) from None
    # '!' (non-specific tag on a quoted scalar) and anything else: keep the text.
    return value


def _plain_text(value: str, mark: Mark, path: Path_) -> None:
    found = _FORBIDDEN_CHARACTER.search(value)
    if found is None:
        return
    code = f"U+{ord(found.group(0)):04X}"
    if found.group(0) >= "\u202a":
        what = (f"Zeichen {code} (Einbettung oder Umkehrung der Schreibrichtung) ist nicht "
                "erlaubt; für gemischte Schreibrichtungen die Isolate U+2066 bis U+2069 verwenden")
    else:
        what = f"Steuerzeichen {code} ist in Texten nicht erlaubt; bitte entfernen"
    raise YamlProblem(Located(mark, path, f"{what} (an Stelle {found.start() + 1} des Werts)"))


def read_text(text: str) -> ReadResult:
    """Parse YAML text; raises :class:`YamlProblem` with a German, located message."""
    if len(text.encode("utf-8")) > MAX_BYTES:
        raise YamlProblem(Located(Mark(1, 1), (), f"Datei ist größer als {MAX_BYTES} Bytes"))
    result = ReadResult(data=None, value_marks={}, key_marks={})
    try:
        data = _read_events(text, result)
    except yaml.YAMLError as error:
        raise YamlProblem(_syntax_problem(error, text)) from None
    if data is None and not result.value_marks:
        raise YamlProblem(Located(Mark(1, 1), (), "Datei ist leer; erwartet werden Felder"))
    if not isinstance(data, dict):
        raise YamlProblem(
            Located(result.value_marks[()], (),
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
