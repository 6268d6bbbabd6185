"""Load a data folder into validated models, reporting every error with file, line and field."""

from __future__ import annotations

import difflib
import errno
import gc
import re
import types
import typing
from collections import defaultdict
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any, get_args, get_origin

from pydantic import BaseModel, RootModel, ValidationError

from . import schema
from .folders import outside_links
from .offerstore import OfferStore
from .yamlread import Located, Mark, Path_, ReadResult, YamlProblem, read_file


@dataclass(frozen=True, order=True)
class DataError:
    """One problem in the data, formatted as ``path:line:column: field: message``."""

    file: str
    line: int
    column: int
    field: str
    message: str

    def __str__(self) -> str:
        where = f"{one_line(self.file)}:{self.line}:{self.column}"
        message = one_line(self.message)
        return (f"{where}: {one_line(self.field)}: {message}" if self.field
                else f"{where}: {message}")


# Line breaks and other control characters shown as escapes: a message is exactly one line, so
# a value cannot start a line of its own in a log (GitHub reads '::warning ...' at a line's
# start as a workflow command, on stdout and stderr alike).
_CONTROL = re.compile(r"[\x00-\x1f\x7f\x85\u2028\u2029]")


def one_line(text: str) -> str:
    """'a\\nb' for a text with a line break; every other control character as \\xNN."""
    return _CONTROL.sub(lambda m: {"\n": "\\n", "\r": "\\r", "\t": "\\t"}.get(
        m.group(0), f"\\u{ord(m.group(0)):04x}"), text)


class DataErrors(Exception):
    """Raised when a data folder does not validate; holds every error found."""

    def __init__(self, errors: list[DataError]) -> None:
        self.errors = sorted(errors)
        super().__init__("\n".join(str(e) for e in self.errors))


@dataclass(frozen=True)
class Origin:
    """Where a record stands in the data folder, for messages that point at it later."""

    file: str
    line: int


@dataclass
class Dataset:
    """A whole, validated data folder."""

    root: Path
    documents: dict[str, schema.Document]
    region: schema.Region
    modules: list[schema.Module] = field(default_factory=list)
    organizations: dict[str, schema.Organization] = field(default_factory=dict)
    memberships: list[schema.Membership] = field(default_factory=list)
    papers: dict[str, schema.Paper] = field(default_factory=dict)
    project_groups: list[schema.ProjectGroup] = field(default_factory=list)
    providers: dict[str, schema.Provider] = field(default_factory=dict)
    funding: schema.FundingFile = field(default_factory=schema.FundingFile)
    statements: list[schema.Statement] = field(default_factory=list)
    # Every offer by id, in file order: an OfferStore (compact, expanded on access) after load;
    # a plain dict works too (tests build datasets by hand).
    offers: Mapping[str, schema.Offer] = field(default_factory=dict)
    origins: dict[tuple[str, str], Origin] = field(default_factory=dict)
    # What is computed once from this dataset (funding findings, charts per language): kept
    # with the data, so it lives exactly as long as the data (dataclasses.replace starts empty).
    derived: dict[object, object] = field(default_factory=dict, init=False, repr=False,
                                          compare=False)

    @property
    def municipalities(self) -> dict[str, schema.Municipality]:
        # Asked several times per offer page: made once per region object (a test that puts
        # another region in place gets that region's towns).
        made = self.derived.get("municipalities")
        if made is None or made[0] is not self.region:
            made = self.derived["municipalities"] = (
                self.region, {m.id: m for m in self.region.municipalities})
        return made[1]

    def module(self, number: int) -> schema.Module | None:
        return next((m for m in self.modules if m.number == number), None)


# --- Turning pydantic's errors into German, located messages ----------------------------------

_PATTERN_HINTS = {
    schema.SLUG_PATTERN: "Kennung aus Kleinbuchstaben, Ziffern und Bindestrichen erwartet, "
    "z. B. 'kreis-unna'",
    schema.PHONE_PATTERN: "Telefonnummer aus Ziffern, Leerzeichen, '/', '-' erwartet, "
    "z. B. '02307 9248872'",
    schema.EMAIL_PATTERN: "E-Mail-Adresse erwartet, z. B. 'ki@kreis-unna.de'",
    schema.URL_PATTERN: "Internetadresse mit https:// erwartet",
    schema.LANG_PATTERN: "Sprachkennung erwartet, z. B. 'en' oder 'ar'",
    schema.POSTAL_CODE_PATTERN: "fünfstellige Postleitzahl in Anführungszeichen erwartet, "
    "z. B. '59192'",
    schema.SOURCE_HASH_PATTERN: "Fingerabdruck aus 8 Zeichen 0-9/a-f erwartet "
    "(kim translations hash 'deutscher Text')",
    schema.CLOCK_PATTERN: "Uhrzeit HH:MM in Anführungszeichen erwartet, z. B. '09:00'",
}


def _plain(value: Any) -> str:
    """A value in YAML's own notation, also inside lists and sections (depth is limited)."""
    if isinstance(value, str):
        return f"'{value}'"
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "null"
    if isinstance(value, date | Decimal):
        return str(value)
    if isinstance(value, list | tuple):
        return "[" + ", ".join(_plain(item) for item in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{_plain(k)}: {_plain(v)}" for k, v in value.items()) + "}"
    return repr(value)


def _shown(value: Any) -> str:
    # As the editor wrote it, never a Python repr such as datetime.date(2021, 10, 5).
    text = _plain(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _type_name(value: Any) -> str:
    return {
        str: "Text", int: "ganze Zahl", bool: "Wahrheitswert", list: "Liste", dict: "Abschnitt",
        type(None): "leerer Wert", date: "Datum", Decimal: "Zahl",
    }.get(type(value), type(value).__name__)


# German message per pydantic error type. In a message, {given} is the value as the editor wrote
# it, {given_type} its kind in German, any other name an entry of the error's ctx (ge, le, ...).
_MESSAGES: dict[str, str] = {
    "missing": "Pflichtfeld fehlt",
    "string_type": "Text erwartet, gefunden: {given_type} {given} "
                   "(Text ggf. in Anführungszeichen setzen)",
    **dict.fromkeys(("int_type", "int_parsing", "int_from_float"),
                    "ganze Zahl erwartet, gefunden: {given}"),
    **dict.fromkeys(("decimal_type", "decimal_parsing", "float_type", "float_parsing"),
                    "Zahl erwartet (z. B. 1234.56), gefunden: {given}"),
    "bool_type": "true oder false erwartet, gefunden: {given}",
    "greater_than_equal": "muss mindestens {ge} sein, gefunden: {given}",
    "greater_than": "muss größer als {gt} sein, gefunden: {given}",
    "less_than_equal": "darf höchstens {le} sein, gefunden: {given}",
    "decimal_max_places": "höchstens {decimal_places} Nachkommastellen erlaubt",
    "decimal_max_digits": "höchstens {max_digits} Ziffern erlaubt",
    "string_too_short": "darf nicht leer sein",
    "string_too_long": "zu lang (höchstens {max_length} Zeichen)",
    "too_short": "mindestens {min_length} Eintrag erwartet",
    "list_type": "Liste erwartet (jeder Eintrag beginnt mit '- '), gefunden: {given_type}",
    **dict.fromkeys(("model_type", "model_attributes_type", "dict_type"),
                    "Abschnitt mit Feldern erwartet (name: Wert), gefunden: {given_type}"),
    "frozen_set_type": "Liste erwartet",
}
# Our own PydanticCustomError messages are German already.
_OWN_MESSAGES = frozenset({"text_form", "text_german", "text_lang", "markup", "number_type",
                           "offer_language", "hours_order", "date_order", "offer_id_reserved"})


def _german_message(error: dict[str, Any], allowed_keys: list[str] | None) -> str:
    kind = error["type"]
    ctx = error.get("ctx") or {}
    given = error.get("input")
    if kind in _MESSAGES:
        message = _MESSAGES[kind]
        fields = defaultdict(lambda: None, ctx)  # a ctx entry pydantic did not send: None
        # Worked out only where the message names it: a deeply nested value is costly to show.
        if "{given}" in message:
            fields["given"] = _shown(given)
        if "{given_type}" in message:
            fields["given_type"] = _type_name(given)
        return message.format_map(fields)
    if kind == "extra_forbidden":
        hint = f"; erlaubt sind hier: {', '.join(allowed_keys)}" if allowed_keys else ""
        return f"unbekanntes Feld (Tippfehler?){hint}"
    if kind in ("literal_error", "enum"):
        expected = str(ctx.get("expected", "")).replace(" or ", ", ")
        return f"unbekannter Wert {_shown(given)}; erlaubt: {expected}"
    if kind == "string_pattern_mismatch":
        hint = _PATTERN_HINTS.get(ctx.get("pattern", ""), f"Form {ctx.get('pattern')} erwartet")
        return f"{hint}; gefunden: {_shown(given)}"
    if kind in ("date_type", "date_parsing", "date_from_datetime_parsing"):
        if isinstance(given, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", given):
            return f"Datum bitte ohne Anführungszeichen schreiben: {given}"
        return ("Datum erwartet in der Form JJJJ-MM-TT (z. B. 2021-10-05), "
                f"gefunden: {_shown(given)}")
    if kind in _OWN_MESSAGES:
        return error["msg"]
    return f"ungültiger Wert {_shown(given)} ({error['msg']})"


def _unwrap(annotation: Any) -> list[Any]:
    """The model classes an annotation may hold (through Optional, list, Annotated)."""
    origin = get_origin(annotation)
    if origin is typing.Annotated:
        return _unwrap(get_args(annotation)[0])
    if origin in (typing.Union, types.UnionType, list, tuple, dict):
        return [m for arg in get_args(annotation) for m in _unwrap(arg)]
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    return []


def _model_at(model: type[BaseModel], loc: tuple[Any, ...]) -> type[BaseModel] | None:
    """Follow a validation error's location through the schema to the model it ends in."""
    current: type[BaseModel] | None = model
    for part in loc:
        if current is None:
            return None
        if isinstance(part, int) or part not in current.model_fields:
            continue
        candidates = _unwrap(current.model_fields[part].annotation)
        current = candidates[0] if candidates else None
    return current


def _allowed_keys(model: type[BaseModel] | None) -> list[str] | None:
    if model is None or issubclass(model, RootModel):
        return None
    return [f.alias or name for name, f in model.model_fields.items()]


def _data_path(data: Any, loc: tuple[Any, ...]) -> Path_:
    """Map pydantic's loc onto keys and indexes of the data.

    Parts that are not in the data (union tags, the 'translations' level of a Text) are skipped;
    a last part that is not in the data is a missing or unknown key and is kept.
    """
    path: list[str | int] = []
    current = data
    for position, part in enumerate(loc):
        if isinstance(current, dict) and part in current:  # noqa: SIM114 - one branch per container
            path.append(part)
            current = current[part]
        elif isinstance(current, list) and isinstance(part, int) and 0 <= part < len(current):
            path.append(part)
            current = current[part]
        elif position == len(loc) - 1:
            path.append(part)
    return tuple(path)


def field_name(path: Path_) -> str:
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def _locate(read: ReadResult, path: Path_, prefer_key: bool) -> Mark:
    if prefer_key and path in read.key_marks:
        return read.key_marks[path]
    for end in range(len(path), -1, -1):
        mark = read.value_marks.get(path[:end])
        if mark:
            return mark
    return Mark(1, 1)


def _validation_errors(
    rel: str, model: type[BaseModel], read: ReadResult, error: ValidationError
) -> list[DataError]:
    found: list[DataError] = []
    for item in error.errors(include_url=False):
        loc = tuple(p for p in item["loc"] if p not in ("root", "[key]"))
        path = _data_path(read.data, loc)
        kind = item["type"]
        if kind == "missing":
            missing = loc[-1] if loc else ""
            parent = path[:-1] if path and path[-1] == missing else path
            mark = _locate(read, parent, prefer_key=False)
            path = (*parent, missing) if missing != "" else parent
        else:
            mark = _locate(read, path, prefer_key=(kind == "extra_forbidden"))
        allowed = _allowed_keys(_model_at(model, loc[:-1])) if kind == "extra_forbidden" else None
        found.append(
            DataError(rel, mark.line, mark.column, field_name(path), _german_message(item, allowed))
        )
    return found


def _from_problem(rel: str, problem: Located) -> DataError:
    return DataError(rel, problem.mark.line, problem.mark.column, field_name(problem.path),
                     problem.message)


@dataclass
class _Loaded:
    rel: str
    read: ReadResult
    model: BaseModel


def display_path(path: Path) -> str:
    """The path as an editor sees it: relative to the working folder (the repository root)."""
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return path.as_posix()


# The system's reasons in German (strerror is English whatever the locale of the CI runner).
_OS_REASONS = {errno.EISDIR: "ist ein Ordner, keine Datei", errno.ENOENT: "Datei fehlt",
               errno.EACCES: "keine Leseberechtigung", errno.EPERM: "keine Leseberechtigung",
               errno.ELOOP: "zu viele symbolische Verweise", errno.ENOTDIR: "Pfad ist kein Ordner",
               errno.EIO: "Lesefehler des Datenträgers"}


def os_reason(error: OSError) -> str:
    return _OS_REASONS.get(error.errno, f"Systemfehler {error.errno}")


def _load_file(root: Path, path: Path, model: type[BaseModel],
               errors: list[DataError]) -> _Loaded | None:
    rel = display_path(path)
    try:
        read = read_file(path)
    except YamlProblem as problem:
        errors.append(_from_problem(rel, problem.problem))
        return None
    except OSError as error:
        errors.append(DataError(rel, 1, 1, "",
                                f"Datei kann nicht gelesen werden: {os_reason(error)}"))
        return None
    errors.extend(_from_problem(rel, problem) for problem in read.problems)
    reported = {problem.path for problem in read.problems}
    try:
        instance = model.model_validate(read.data)
    except ValidationError as error:
        errors.extend(e for e in _validation_errors(rel, model, read, error)
                      if not any(e.field == field_name(p) for p in reported))
        return None
    if read.problems:
        return None
    return _Loaded(rel, read, instance)


# --- Cross references ------------------------------------------------------------------------


def _refs_of(annotation: Any) -> schema.Ref | None:
    origin = get_origin(annotation)
    if origin is typing.Annotated:
        for meta in get_args(annotation)[1:]:
            if isinstance(meta, schema.Ref):
                return meta
        return _refs_of(get_args(annotation)[0])
    if origin in (typing.Union, types.UnionType, list):
        for arg in get_args(annotation):
            ref = _refs_of(arg)
            if ref:
                return ref
    return None


def _walk_refs(value: Any, path: Path_):
    """Yield (path, kind, id) for every Ref-annotated field inside a model instance."""
    if isinstance(value, BaseModel) and not isinstance(value, RootModel):
        for name, info in type(value).model_fields.items():
            child = getattr(value, name)
            key = info.alias or name
            ref = _refs_of(info.annotation)
            if ref is None:
                # Annotated metadata lifted onto FieldInfo (non-optional refs)
                ref = next((m for m in info.metadata if isinstance(m, schema.Ref)), None)
            if ref is not None and child is not None:
                if isinstance(child, list):
                    for index, item in enumerate(child):
                        yield (*path, key, index), ref.kind, item
                else:
                    yield (*path, key), ref.kind, child
            elif child is not None:
                yield from _walk_refs(child, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _walk_refs(item, (*path, index))


_KIND_NAMES = {
    "document": "Quelldokument (documents.yml)",
    "municipality": "Kommune (region.yml, municipalities)",
    "sub_region": "Teilregion (region.yml, sub_regions)",
    "organization": "Gremium oder Organisation (bodies.yml, organizations)",
    "provider": "Träger (providers.yml)",
    "paper": "Drucksache (papers.yml)",
    "funding_row": "Finanzierungszeile (funding.yml, rows)",
    "actor": "Organisation, Träger oder Kommune",
    "project_group": "Projektgruppe (project_groups.yml)",
    "statement": "Aussage (statements.yml)",
}
# The files that define the ids of each kind: while one of them is broken, references to that
# kind are not checked (its ids are unknown, and the broken file is reported already).
_KIND_FILES = {
    "document": ("documents.yml",),
    "municipality": ("region.yml",),
    "sub_region": ("region.yml",),
    "organization": ("bodies.yml",),
    "provider": ("providers.yml",),
    "paper": ("papers.yml",),
    "funding_row": ("funding.yml",),
    "actor": ("bodies.yml", "providers.yml", "region.yml"),
    "project_group": ("project_groups.yml",),
    "statement": ("statements.yml",),
}


def _collect_ids(loaded: dict[str, _Loaded], errors: list[DataError]):
    ids: dict[str, dict[str, tuple[str, Mark]]] = {k: {} for k in _KIND_NAMES}
    fields: dict[tuple[str, str], str] = {}  # (kind, id) -> the id's field, for messages

    def add(kind: str, ident: str, rel: str, read: ReadResult, path: Path_) -> None:
        mark = _locate(read, (*path, "id"), prefer_key=False)
        if ident in ids[kind]:
            first_rel, first = ids[kind][ident]
            errors.append(DataError(
                rel, mark.line, mark.column, field_name((*path, "id")),
                f"Kennung '{ident}' ist doppelt vergeben (zuerst in {first_rel}:{first.line})",
            ))
        else:
            ids[kind][ident] = (rel, mark)
            fields[(kind, ident)] = field_name((*path, "id"))

    def each(name: str, attr: str, kind: str, key: str = "id") -> None:
        item = loaded.get(name)
        if not item:
            return
        for index, record in enumerate(getattr(item.model, attr)):
            add(kind, getattr(record, key), item.rel, item.read, (attr, index))

    each("documents.yml", "documents", "document")
    each("bodies.yml", "organizations", "organization")
    each("papers.yml", "papers", "paper")
    each("providers.yml", "providers", "provider")
    each("funding.yml", "rows", "funding_row")
    each("funding.yml", "declared_totals", "funding_row")
    each("project_groups.yml", "project_groups", "project_group")
    each("statements.yml", "statements", "statement")
    if "region.yml" in loaded:
        each("region.yml", "municipalities", "municipality")
        each("region.yml", "sub_regions", "sub_region")
    if "modules.yml" in loaded:
        seen: dict[int, int] = {}
        item = loaded["modules.yml"]
        for index, module in enumerate(item.model.modules):
            if module.number in seen:
                mark = _locate(item.read, ("modules", index, "number"), prefer_key=False)
                errors.append(DataError(item.rel, mark.line, mark.column,
                                        field_name(("modules", index, "number")),
                                        f"Baustein {module.number} ist doppelt beschrieben"))
            seen[module.number] = index
    same_as = ({p.id: p.same_as for p in loaded["providers.yml"].model.providers}
               if "providers.yml" in loaded else {})
    _shared_namespaces(ids, fields, same_as, errors)
    ids["actor"] = {**ids["organization"], **ids["provider"], **ids["municipality"]}
    return ids


# Kinds whose ids one reference can name (an "actor": body, provider or municipality), and pages
# whose ids share a folder with a fixed page (/beschluesse/<id>/ beside /beschluesse/).
SHARED_NAMESPACES = (("organization", "provider", "municipality"),)
RESERVED_IDS = {"paper": frozenset({"index"})}


def _shared_namespaces(ids: dict[str, dict[str, tuple[str, Mark]]],
                       fields: dict[tuple[str, str], str], same_as: dict[str, str | None],
                       errors: list[DataError]) -> None:
    """An id may name one record of a shared namespace only; reserved ids name none.

    A provider may share its id with the one organization or municipality that is the same
    body, when it says so (``same_as``)."""
    for kinds in SHARED_NAMESPACES:
        seen: dict[str, tuple[str, str, Mark]] = {}
        for kind in kinds:
            for ident, (rel, mark) in ids[kind].items():
                if ident not in seen:
                    seen[ident] = (kind, rel, mark)
                    continue
                first_kind, first_rel, first = seen[ident]
                pair = {first_kind, kind}
                if "provider" in pair and same_as.get(ident) in pair - {"provider"}:
                    continue
                errors.append(DataError(
                    rel, mark.line, mark.column, fields.get((kind, ident), "id"),
                    f"Kennung '{ident}' ist schon für {_KIND_NAMES[first_kind]} vergeben "
                    f"({first_rel}:{first.line}); {', '.join(_KIND_NAMES[k] for k in kinds)} "
                    "teilen sich die Kennungen. Bitte eine andere wählen, oder beim Träger "
                    "'same_as' angeben, wenn er dieselbe Stelle ist"))
    for kind, reserved in RESERVED_IDS.items():
        for ident, (rel, mark) in ids[kind].items():
            if ident in reserved:
                errors.append(DataError(rel, mark.line, mark.column,
                                        fields.get((kind, ident), "id"),
                                        f"Kennung '{ident}' ist für die Übersichtsseite "
                                        "reserviert; bitte eine andere wählen"))


def _check_offer_id(item: _Loaded, offer_ids: dict[str, str], errors: list[DataError]) -> None:
    """An offer's id is unique and names its file."""
    offer: schema.Offer = item.model  # type: ignore[assignment]
    mark = _locate(item.read, ("id",), prefer_key=False)
    if offer.id in offer_ids:
        errors.append(DataError(item.rel, mark.line, mark.column, "id",
                                f"Kennung '{offer.id}' ist doppelt vergeben "
                                f"(zuerst in {offer_ids[offer.id]})"))
    offer_ids[offer.id] = item.rel
    stem = Path(item.rel).stem
    if stem != offer.id:
        errors.append(DataError(item.rel, mark.line, mark.column, "id",
                                f"Kennung '{offer.id}' muss dem Dateinamen entsprechen "
                                f"('{stem}'); Datei umbenennen oder id anpassen"))


def _check_refs(items: list[_Loaded], ids: dict[str, dict[str, Any]], errors: list[DataError],
                broken: set[str]) -> None:
    for item in items:
        for path, kind, ident in _walk_refs(item.model, ()):
            if broken.intersection(_KIND_FILES[kind]):
                continue
            if ident not in ids.get(kind, {}):
                mark = _locate(item.read, path, prefer_key=False)
                # The likeliest intended ids first: a typo's right spelling must be visible.
                close = difflib.get_close_matches(ident, list(ids.get(kind, {})), n=5, cutoff=0.5)
                known = close + sorted(set(ids.get(kind, {})) - set(close))
                shown = ", ".join(known[:12]) + (", ..." if len(known) > 12 else "")
                errors.append(DataError(
                    item.rel, mark.line, mark.column, field_name(path),
                    f"unbekannte Kennung '{ident}' für {_KIND_NAMES[kind]}; "
                    f"vorhanden: {shown or 'keine'}",
                ))


def _walk_texts(value: Any, path: Path_):
    """Yield (path, Text) for every translatable text inside a model instance."""
    if isinstance(value, schema.Text):
        yield path, value
    elif isinstance(value, BaseModel) and not isinstance(value, RootModel):
        for name, info in type(value).model_fields.items():
            child = getattr(value, name)
            if child is not None:
                yield from _walk_texts(child, (*path, info.alias or name))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _walk_texts(item, (*path, index))


def _check_languages(items: list[_Loaded], errors: list[DataError]) -> None:
    """Translations only for the languages of portal.yml (a typo would never be shown)."""
    from .i18n import DEFAULT_LANGUAGE, languages

    known = [lang.code for lang in languages() if lang.code != DEFAULT_LANGUAGE]
    for item in items:
        for path, text in _walk_texts(item.model, ()):
            for code in text.translations:
                if code not in known:
                    where = (*path, code)
                    mark = _locate(item.read, where, prefer_key=True)
                    errors.append(DataError(
                        item.rel, mark.line, mark.column, field_name(where),
                        f"Übersetzung für unbekannte Sprache '{code}'; die Sprachen des Portals "
                        f"(portal.yml): {', '.join(known)}",
                    ))


# --- The whole folder ------------------------------------------------------------------------


def _yaml_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.glob("*.y*ml") if p.suffix in (".yml", ".yaml"))


def load(root: Path | str) -> Dataset:
    """Validate every file of a data folder; raise :class:`DataErrors` listing all problems."""
    with collector_paused():
        return _load(root)


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector while a data folder is loaded.

    Loading makes no reference cycles (tests/test_loader.py checks it), only many objects that
    live on, and allocating them sets off full collections that walk every object of the process
    (at 2000 SYNTHETIC offers about 7 of them, over an eighth of the loading time) and find
    nothing. Reference counting frees as before; the collector resumes afterwards.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _load(root: Path | str) -> Dataset:
    root = Path(root)
    errors: list[DataError] = []
    if not root.is_dir():
        raise DataErrors([DataError(str(root), 1, 1, "", "Datenordner nicht gefunden")])
    links = outside_links(root)
    if links:  # nothing is read before it is sure that nothing comes from outside
        raise DataErrors([DataError(display_path(path), 1, 1, "", message)
                          for path, message in links])
    loaded: dict[str, _Loaded] = {}
    for path in _yaml_files(root):
        model = schema.FILE_MODELS.get(path.name)
        if model is None:
            rel = display_path(path)
            errors.append(DataError(rel, 1, 1, "", "unbekannte Datei; erwartet werden: "
                                    + ", ".join(schema.FILE_MODELS)))
            continue
        item = _load_file(root, path, model, errors)
        if item:
            loaded[path.name] = item
    for name in schema.REQUIRED_FILES:
        if not (root / name).exists():
            errors.append(DataError(display_path(root / name), 1, 1, "", "Pflichtdatei fehlt"))
    ids = _collect_ids(loaded, errors)
    broken = {name for name in schema.FILE_MODELS if name not in loaded
              and ((root / name).exists() or name in schema.REQUIRED_FILES)}
    _check_refs(list(loaded.values()), ids, errors, broken)
    _check_languages(list(loaded.values()), errors)
    offers, offer_files = _load_offers(root, ids, broken, errors)
    # The glossary is shared by every region's site: a mistake in it is reported with the data
    # folder that would be built, before the build starts (see macros.glossary).
    from .glossary import errors as glossary_errors

    errors.extend(glossary_errors())
    if errors:
        raise DataErrors(errors)
    return _assemble(root, loaded, offers, offer_files)


def _load_offers(root: Path, ids: dict[str, dict[str, Any]], broken: set[str],
                 errors: list[DataError]) -> tuple[OfferStore, list[str]]:
    """Every offer file, checked completely as soon as it is read; the offers (in file order)
    and their files.

    Where each value stood (ReadResult) takes many times the memory of the offer itself; it is
    needed only for messages, so it is dropped as soon as the offer's checks are done, and the
    offer goes into the compact store at once: thousands of offers never hold their positions,
    nor all their models, at once (macros/offerstore.py).
    """
    files: list[str] = []
    offers_dir = root / schema.OFFERS_DIR
    if not offers_dir.is_dir():
        return OfferStore(), files
    # Files starting with '_' are templates (_vorlage.yml), not offers. Sorted by file name, so
    # the store's order is the files' order.
    paths = [p for p in _yaml_files(offers_dir) if not p.name.startswith("_")]
    store = OfferStore(expected=len(paths))
    offer_ids: dict[str, str] = {}
    for path in paths:
        item = _load_file(root, path, schema.Offer, errors)
        if item is None:
            continue
        _check_offer_id(item, offer_ids, errors)
        _check_refs([item], ids, errors, broken)
        _check_languages([item], errors)
        if not errors:  # a dataset with errors is never built: no need to keep its offers
            store.add(item.model)  # type: ignore[arg-type]
            files.append(item.rel)
    store.settle()
    return store, files


def _origins(item: _Loaded, attr: str, kind: str, key: str = "id") -> dict[tuple[str, str], Origin]:
    found = {}
    for index, record in enumerate(getattr(item.model, attr)):
        mark = item.read.value_marks.get((attr, index), Mark(1, 1))
        found[(kind, str(getattr(record, key)))] = Origin(item.rel, mark.line)
    return found


def _assemble(root: Path, loaded: dict[str, _Loaded], offers: OfferStore,
              offer_files: list[str]) -> Dataset:
    def model(name: str) -> Any:
        return loaded[name].model if name in loaded else None

    origins: dict[tuple[str, str], Origin] = {}
    for name, attr, kind in (("funding.yml", "rows", "funding_row"),
                             ("funding.yml", "declared_totals", "funding_row"),
                             ("papers.yml", "papers", "paper"),
                             ("statements.yml", "statements", "statement")):
        if name in loaded:
            origins.update(_origins(loaded[name], attr, kind))
    for ident, rel in zip(offers, offer_files, strict=True):
        origins[("offer", ident)] = Origin(rel, 1)
    bodies = model("bodies.yml")
    return Dataset(
        root=root,
        documents={d.id: d for d in model("documents.yml").documents},
        region=model("region.yml"),
        modules=sorted(model("modules.yml").modules, key=lambda m: m.number)
        if model("modules.yml") else [],
        organizations={o.id: o for o in bodies.organizations} if bodies else {},
        memberships=list(bodies.memberships) if bodies else [],
        papers={p.id: p for p in model("papers.yml").papers} if model("papers.yml") else {},
        project_groups=list(model("project_groups.yml").project_groups)
        if model("project_groups.yml") else [],
        providers={p.id: p for p in model("providers.yml").providers}
        if model("providers.yml") else {},
        funding=model("funding.yml") or schema.FundingFile(),
        statements=list(model("statements.yml").statements) if model("statements.yml") else [],
        offers=offers,
        origins=origins,
    )
