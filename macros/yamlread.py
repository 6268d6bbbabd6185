"""Read one YAML file safely into plain Python values, remembering where each value stood.

Only the data subset of YAML is accepted: mappings, lists, strings, numbers, booleans, null and
dates. Anchors and aliases are refused before anything is built (no alias bombs), nesting depth
and file size are bounded, duplicate keys are errors, and any tag beyond the standard ones (for
example ``!!python/object``) is refused. Floats become :class:`~decimal.Decimal` from their
source text, so 64000.10 stays exactly that.

The reading is libyaml's (PyYAML's C parser): its events drive one loop that builds the values
and records where each one stands. There is no pure-Python fallback: the German syntax messages
below translate libyaml's problem texts (the pure-Python parser words them differently), and it
is several times slower; an installation without libyaml fails at import, which ``make install``
checks.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

import yaml

try:
    from yaml.cyaml import CParser
except ImportError as missing:  # pragma: no cover - only an installation without libyaml
    raise ImportError(
        "KIM-Portal reads YAML with libyaml, but this PyYAML has no libyaml bindings "
        "(yaml.__with_libyaml__ is False): install the PyYAML wheel pinned in pyproject.toml "
        "(make install)") from missing

MAX_BYTES = 1_000_000
MAX_DEPTH = 32

Path_ = tuple[str | int, ...]

# 'value' and 'merge' are what YAML 1.1 calls a plain '=' or '<<': read as text (a '<<' key is
# refused below).
_SCALAR_TAGS = {
    "tag:yaml.org,2002:" + name
    for name in ("str", "int", "float", "bool", "null", "timestamp", "value", "merge")
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


class Marks(Mapping[Path_, Mark]):
    """Positions by path, kept as libyaml's marks and turned into :class:`Mark` when asked for.

    Only messages and a few record origins ask, so most of a file's many positions are never
    converted (which would cost as much as the rest of reading them).
    """

    __slots__ = ("_raw",)

    def __init__(self, raw: dict[Path_, Any]) -> None:
        self._raw = raw  # path -> a libyaml (or PyYAML) mark: 0-based line and column

    def __getitem__(self, path: Path_) -> Mark:
        return _mark(self._raw[path])

    def __contains__(self, path: object) -> bool:
        return path in self._raw

    def __iter__(self) -> Iterator[Path_]:
        return iter(self._raw)

    def __len__(self) -> int:
        return len(self._raw)


@dataclass(frozen=True)
class ReadResult:
    data: Any
    value_marks: Mapping[Path_, Mark]  # where each value starts
    key_marks: Mapping[Path_, Mark]  # where the key of each mapping entry starts
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
_STR = "tag:yaml.org,2002:str"
_COLLECTION_TAGS = {yaml.MappingStartEvent: "tag:yaml.org,2002:map",
                    yaml.SequenceStartEvent: "tag:yaml.org,2002:seq"}
# The first characters of the plain scalars the resolver may read as something other than text
# (digits, signs, '.', '~', '<', '=', y/n/t/f/o and the empty scalar); PyYAML's resolver has no
# wildcard or path resolvers, so every other plain scalar is text without asking it.
_TYPED_FIRST = frozenset(_RESOLVER.yaml_implicit_resolvers)
_NO_KEY = object()  # an open mapping that waits for its next key
_ANCHORS = "Anker und Verweise (& und *) sind nicht erlaubt; bitte Werte ausschreiben"
_TAG_REFUSED = "Tag '{tag}' ist nicht erlaubt; nur einfache Werte, Listen und Abschnitte"


def _scalar_tag(event: Any) -> str:
    """The tag SafeLoader gives a scalar (``Resolver.resolve``, asked only where it matters)."""
    tag = event.tag
    if tag is not None and tag != "!":
        return tag
    implicit = event.implicit
    if implicit[0] and (event.value[:1] in _TYPED_FIRST or None in _TYPED_FIRST):
        return _RESOLVER.resolve(yaml.ScalarNode, event.value, implicit)
    return _STR


def _read_events(text: str, value_marks: dict[Path_, Any], key_marks: dict[Path_, Any],
                 problems: list[Located], parser: Callable[[str], Any]) -> Any:
    """Build plain values straight from libyaml's events, in one pass.

    No node tree is composed: aliases and anchors are refused at the event that carries them
    (so nothing is ever expanded), nesting depth is bounded as it grows, and each value's and
    key's libyaml mark is recorded as it is read (turned into a :class:`Mark` only when asked
    for, see :class:`Marks`). This loop runs for every event of every data file, so it keeps its
    state in local variables. ``parser`` is libyaml's; the tests also run PyYAML's pure-Python
    parser through it to check that both read and place every value alike.
    """
    next_event = parser(text).get_event
    stack: list[tuple[Any, Path_, Any, Path_]] = []  # the enclosing collections' states
    container: dict | list | None = None  # the open mapping or list (None: the top level)
    path: Path_ = ()  # the open collection's path
    key: Any = _NO_KEY  # in an open mapping: the key whose value comes next
    key_path: Path_ = ()  # (*path, key)
    root: Any = _NO_KEY
    skipping = -1  # nesting level inside a duplicate key's value, which is skipped (-1: none)
    documents = 0
    first_document = None
    while True:
        event = next_event()
        kind = type(event)
        if kind is yaml.ScalarEvent:
            opens = False
        elif kind is yaml.MappingStartEvent or kind is yaml.SequenceStartEvent:
            opens = True
        elif kind is yaml.MappingEndEvent or kind is yaml.SequenceEndEvent:
            if skipping > 0:
                skipping -= 1
                if skipping == 0:
                    skipping = -1
            else:
                container, path, key, key_path = stack.pop()
            continue
        elif kind is yaml.AliasEvent:
            raise YamlProblem(Located(_mark(event.start_mark), (), _ANCHORS))
        elif kind is yaml.DocumentStartEvent:
            documents += 1
            if documents == 1:
                first_document = event.start_mark
                continue
            # the same error as yaml.compose gives, said in German by _syntax_problem
            raise yaml.composer.ComposerError("expected a single document in the stream",
                                              first_document, "but found another document",
                                              event.start_mark)
        elif kind is yaml.StreamEndEvent:
            break
        else:
            continue  # stream start and document ends
        if event.anchor:
            raise YamlProblem(Located(_mark(event.start_mark), (), _ANCHORS))
        if opens and len(stack) + max(skipping, 0) >= MAX_DEPTH:
            raise YamlProblem(Located(_mark(event.start_mark), (),
                                      f"zu tief verschachtelt (mehr als {MAX_DEPTH} Ebenen)"))
        if skipping >= 0:
            if opens:
                skipping += 1
            elif skipping == 0:
                skipping = -1
            continue
        if key is _NO_KEY and type(container) is dict:
            # A mapping's key. Field names are text, whatever they look like (1, true, 0x10).
            if opens:
                raise YamlProblem(Located(_mark(event.start_mark), path,
                                          "Feldnamen müssen einfacher Text sein"))
            name = event.value
            if name == "<<":
                raise YamlProblem(Located(_mark(event.start_mark), path,
                                          "Zusammenführen mit '<<' ist nicht erlaubt"))
            key_path = (*path, name)
            tag = event.tag  # an implicit or '!' tag is always one of _SCALAR_TAGS
            if tag is not None and tag != "!" and tag not in _SCALAR_TAGS:
                problems.append(Located(_mark(event.start_mark), key_path,
                                        _TAG_REFUSED.format(tag=tag)))
            if name in container:
                # Reported, the first value kept (its value is skipped), the rest still checked.
                first = _mark(key_marks[key_path])
                problems.append(Located(_mark(event.start_mark), key_path,
                                        f"Feld '{name}' steht doppelt (zuerst in Zeile "
                                        f"{first.line})"))
                skipping = 0
            else:
                key_marks[key_path] = event.start_mark
                key = name
            continue
        if container is None:
            value_path: Path_ = ()
        elif key is not _NO_KEY:
            value_path = key_path
        else:
            value_path = (*path, len(container))
        value_marks[value_path] = event.start_mark
        if opens:
            value: Any = {} if kind is yaml.MappingStartEvent else []
            tag = event.tag
            if tag is not None and tag != "!" and tag != _COLLECTION_TAGS[kind]:
                # Only plain data (no !!set, !!omap, local tags, ...): read as plain data.
                problems.append(Located(_mark(event.start_mark), value_path,
                                        _TAG_REFUSED.format(tag=tag)))
        else:
            value = event.value
            tag = _scalar_tag(event)
            if tag == _STR:
                if _FORBIDDEN_CHARACTER.search(value) is not None:
                    problems.append(_forbidden_character(value, _mark(event.start_mark),
                                                         value_path))
            elif tag in _SCALAR_TAGS:
                value = _scalar(tag, value, _mark(event.start_mark), value_path, problems)
            else:
                # Only plain data: no !!python/object, !!binary, ... The value is still read as
                # text (never constructed), so the rest of the file is checked.
                problems.append(Located(_mark(event.start_mark), value_path,
                                        _TAG_REFUSED.format(tag=tag)))
        if container is None:
            root = value
        elif key is not _NO_KEY:
            container[key] = value
            key = _NO_KEY
        else:
            container.append(value)
        if opens:
            stack.append((container, path, key, key_path))
            container, path = value, value_path
    return None if root is _NO_KEY else root


def _scalar(tag: str, value: str, mark: Mark, path: Path_, problems: list[Located]) -> Any:
    """A scalar with a standard tag other than str; a value it cannot be is reported as text."""
    try:
        read = _scalar_value(tag, value, mark, path)
    except YamlProblem as problem:
        problems.append(problem.problem)
        return value
    if isinstance(read, str) and _FORBIDDEN_CHARACTER.search(read) is not None:
        problems.append(_forbidden_character(read, mark, path))
    return read


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


def _forbidden_character(value: str, mark: Mark, path: Path_) -> Located:
    """The first character of ``value`` that text may not contain, said for editors."""
    found = _FORBIDDEN_CHARACTER.search(value)
    assert found is not None
    code = f"U+{ord(found.group(0)):04X}"
    if found.group(0) >= "\u202a":
        what = (f"Zeichen {code} (Einbettung oder Umkehrung der Schreibrichtung) ist nicht "
                "erlaubt; für gemischte Schreibrichtungen die Isolate U+2066 bis U+2069 verwenden")
    else:
        what = f"Steuerzeichen {code} ist in Texten nicht erlaubt; bitte entfernen"
    return Located(mark, path, f"{what} (an Stelle {found.start() + 1} des Werts)")


def read_text(text: str) -> ReadResult:
    """Parse YAML text; raises :class:`YamlProblem` with a German, located message."""
    if len(text.encode("utf-8")) > MAX_BYTES:
        raise YamlProblem(Located(Mark(1, 1), (), f"Datei ist größer als {MAX_BYTES} Bytes"))
    return _read(text, CParser)


def _read(text: str, parser: Callable[[str], Any]) -> ReadResult:
    value_marks: dict[Path_, Any] = {}
    key_marks: dict[Path_, Any] = {}
    problems: list[Located] = []
    try:
        data = _read_events(text, value_marks, key_marks, problems, parser)
    except yaml.YAMLError as error:
        raise YamlProblem(_syntax_problem(error, text)) from None
    if data is None and not value_marks:
        raise YamlProblem(Located(Mark(1, 1), (), "Datei ist leer; erwartet werden Felder"))
    if not isinstance(data, dict):
        raise YamlProblem(
            Located(_mark(value_marks[()]), (),
                    "oberste Ebene muss aus Feldern bestehen (name: Wert), nicht aus einer "
                    "Liste oder einem einzelnen Wert")
        )
    return ReadResult(data=data, value_marks=Marks(value_marks), key_marks=Marks(key_marks),
                      problems=problems)


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
