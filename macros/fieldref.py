"""The field tables of EDITING.md §8, generated from the data model in macros/schema.py.

The schema is the single source of truth for a field's name, whether it is required, its form
(type, choices, bounds) and its German description; the editor guide only adds the prose around
the tables. Each table sits between marker comments naming its model::

    <!-- fieldref: Document -->
    | Feld | Pflicht | Form | Bedeutung |
    ...
    <!-- /fieldref -->

``kim fieldref`` (or ``python -m macros.fieldref``) rewrites every marked table in place;
``--check`` only reports whether the file is current (tests/test_fieldref.py runs it).
The table text is German because it is shown to editors.
"""

from __future__ import annotations

import argparse
import re
import sys
import types
import typing
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any, Literal, Union, get_args, get_origin

import annotated_types
from pydantic import BaseModel
from pydantic.fields import FieldInfo

from . import schema

GUIDE = Path(__file__).resolve().parent.parent / "EDITING.md"
BLOCK = re.compile(r"(<!-- fieldref: (\w+) -->\n)(.*?)(<!-- /fieldref -->)", re.DOTALL)
HEADER = "| Feld | Pflicht | Form | Bedeutung |\n| --- | --- | --- | --- |\n"
# Models that are values, not sections: their form is said in one phrase.
TEXT_FORMS = {schema.RichText: "Text mit Markdown, übersetzbar", schema.Text: "Text, übersetzbar"}
# German name of each section model, as the guide calls it in the "Form" column.
SECTION_NAMES = {
    "Source": "Quellenangabe",
    "Region": "Region",
    "Document": "Dokument",
    "Module": "Baustein",
    "Paper": "Drucksache",
    "ProjectGroup": "Projektgruppe",
    "Provider": "Träger",
    "Statement": "Aussage",
    "Offer": "Angebot",
    "Address": "Anschrift",
    "Contact": "Kontakt",
    "Person": "Person",
    "Translation": "Übersetzung",
    "IntegrationCentre": "KI",
    "SubRegion": "Teilregion",
    "Population": "Bevölkerung",
    "PopulationFigure": "Zahl mit Herkunft",
    "Municipality": "Kommune",
    "SiteContact": "Stelle der Website",
    "Site": "Website",
    "Position": "Stelle im Baustein",
    "Fact": "Angabe",
    "Organization": "Organisation",
    "Membership": "Mitgliedschaft",
    "Consultation": "Beratungsschritt",
    "PaperFile": "Anlage",
    "OpeningHours": "Öffnungszeit",
    "Schedule": "Zeiten",
    "Location": "Ort",
    "OfferContact": "Kontakt eines Angebots",
    "RatePart": "Stellenart",
    "Term": "Summand",
    "ShareOf": "Anteil",
    "FundingRow": "Finanzierungszeile",
    "DeclaredTotal": "Genannte Summe",
    "UnquantifiedAmount": "Betrag ohne Höhe",
    "GlossaryTerm": "Glossareintrag",
}
REF_TARGETS = {
    "document": "ein Dokument in `documents.yml`",
    "organization": "eine Organisation (`bodies.yml`)",
    "actor": "eine Stelle",
    "paper": "eine Drucksache (`papers.yml`)",
    "municipality": "eine Kommune (`region.yml`)",
    "sub_region": "eine Teilregion (`sub_regions`)",
    "statement": "eine Aussage (`statements.yml`)",
    "funding_row": "eine Zeile (`rows`)",
}
PATTERN_FORMS = {
    schema.SLUG_PATTERN: "Kennung",
    schema.PHONE_PATTERN: "Telefonnummer in Anführungszeichen, z. B. `\"02307 9248872\"`",
    schema.EMAIL_PATTERN: "E-Mail-Adresse",
    schema.URL_PATTERN: "Internetadresse mit `https://`",
    schema.LANG_PATTERN: "Sprachkürzel, z. B. `en`",
    schema.POSTAL_CODE_PATTERN: "fünf Ziffern in Anführungszeichen, z. B. `\"59192\"`",
    schema.SOURCE_HASH_PATTERN: "acht Zeichen `0-9`/`a-f`, in Anführungszeichen",
    schema.CLOCK_PATTERN: "Uhrzeit `\"HH:MM\"` in Anführungszeichen",
}
LONG_CHOICE = 8  # more choices than this are named, not listed (the guide lists them in §4)


def _without_none(annotation: Any) -> Any:
    """``X | None`` as ``X``: optional is said in the "Pflicht" column."""
    if get_origin(annotation) in (Union, types.UnionType):
        rest = [arg for arg in get_args(annotation) if arg is not type(None)]
        if len(rest) == 1:
            return rest[0]
    return annotation


def _unpack(annotation: Any, metadata: list[Any]) -> tuple[Any, list[Any]]:
    """The bare type and all its metadata (Annotated layers, constraints, Ref markers)."""
    annotation = _without_none(annotation)
    found = list(metadata)
    while get_origin(annotation) is typing.Annotated:
        inner, *extra = get_args(annotation)
        for item in extra:  # Field(ge=...) inside Annotated keeps its constraints in .metadata
            found.extend(item.metadata if isinstance(item, FieldInfo) else [item])
        annotation = _without_none(inner)
    return annotation, found


def _quoted(value: Any) -> str:
    return f"`{str(value).lower() if isinstance(value, bool) else value}`"


def _choices(values: tuple[Any, ...]) -> str:
    if len(values) > LONG_CHOICE:
        return f"ein Wert aus einer festen Liste ({len(values)} Werte, Abschnitt 4)"
    quoted = [_quoted(v) for v in values]
    return quoted[0] if len(quoted) == 1 else f"{', '.join(quoted[:-1])} oder {quoted[-1]}"


def _bounds(metadata: list[Any]) -> str:
    low = next((m.ge for m in metadata if isinstance(m, annotated_types.Ge)), None)
    high = next((m.le for m in metadata if isinstance(m, annotated_types.Le)), None)
    if low is not None and high is not None:
        return f" von {low} bis {high}"
    return f" ab {low}" if low is not None else ""


def _pattern(metadata: list[Any]) -> str | None:
    for item in metadata:
        pattern = getattr(item, "pattern", None)
        if pattern:
            return pattern
    return None


def _decimal_form(metadata: list[Any]) -> str:
    places = next((m.decimal_places for m in metadata if getattr(m, "decimal_places", None)), None)
    if places == 2:
        return "Betrag"
    if places == 3:
        return "VZÄ"
    return "Zahl mit Dezimalpunkt" + _bounds(metadata)


def form(annotation: Any, metadata: list[Any]) -> str:
    """What a value of this type looks like in YAML, in the guide's words."""
    bare, found = _unpack(annotation, metadata)
    ref = next((m for m in found if isinstance(m, schema.Ref)), None)
    if ref is not None:
        return f"Verweis auf {REF_TARGETS.get(ref.kind, ref.kind)}"
    origin = get_origin(bare)
    if origin is Literal:
        return _choices(get_args(bare))
    if origin is list:
        least = next((m.min_length for m in found if isinstance(m, annotated_types.MinLen)), 0)
        item = form(get_args(bare)[0], [])
        if item.startswith("Abschnitt „"):  # a list of sections: "Liste von Einträgen „Ort“"
            item = "Einträgen " + item.removeprefix("Abschnitt ")
        text = f"Liste von {item}" if item.startswith("Einträgen") else f"Liste von: {item}"
        return text + (f" (mindestens {least})" if least else "")
    if origin is dict:
        return "Abschnitt mit Sprachkürzeln, je ein Abschnitt „Übersetzung“"
    if bare in TEXT_FORMS:
        return TEXT_FORMS[bare]
    if isinstance(bare, type) and issubclass(bare, BaseModel):
        return f"Abschnitt „{SECTION_NAMES.get(bare.__name__, bare.__name__)}“"
    if bare is bool:
        return "`true`/`false`"
    if bare is date:
        return "Datum"
    if bare is int:
        return "ganze Zahl" + _bounds(found)
    if bare is Decimal:
        return _decimal_form(found)
    if any(getattr(m, "func", None) is schema._known_offer_language for m in found):
        return "Sprachcode aus der Sprachenliste (Abschnitt 4)"
    pattern = _pattern(found)
    if pattern in PATTERN_FORMS:
        return PATTERN_FORMS[pattern]
    return "Text"


def required(info: FieldInfo) -> str:
    """"ja", or "nein" with the default an editor would otherwise get, if it says anything."""
    if info.is_required():
        return "ja"
    default = info.get_default(call_default_factory=True)
    if default is None or default == [] or default == {}:
        return "nein"
    return f"nein (Standard: {_quoted(default)})"


def _cell(text: str | None) -> str:
    return " ".join((text or "").split()).replace("|", "\\|")


def table(model: type[BaseModel]) -> str:
    """The guide's table of one model: one row per field, in the schema's order."""
    rows = []
    for name, info in model.model_fields.items():
        key = info.alias or name
        rows.append(f"| `{key}` | {required(info)} | {form(info.annotation, info.metadata)} | "
                    f"{_cell(info.description)} |\n")
    return HEADER + "".join(rows)


def documented_models() -> dict[str, type[BaseModel]]:
    """Every model an editor writes, reachable from the file models, by class name."""
    found: dict[str, type[BaseModel]] = {}
    # Translation sits inside Text, which the guide explains in prose (its short form).
    # The glossary (macros/glossary.yml) is written by editors too, outside the data folders.
    todo: list[Any] = [*schema.FILE_MODELS.values(), schema.Offer, schema.Translation,
                       schema.GlossaryFile]
    while todo:
        annotation = todo.pop()
        bare, _ = _unpack(annotation, [])
        if get_origin(bare) in (list, dict, Union, types.UnionType):
            todo.extend(get_args(bare))
            continue
        if not (isinstance(bare, type) and issubclass(bare, BaseModel)):
            continue
        if bare in TEXT_FORMS or bare.__name__ in found:
            continue
        found[bare.__name__] = bare
        todo.extend(info.annotation for info in bare.model_fields.values())
    return found


def render(guide: str) -> str:
    """The guide with every marked table rewritten from the schema."""
    models = documented_models()

    def replace(match: re.Match[str]) -> str:
        name = match.group(2)
        if name not in models:
            raise KeyError(
                f"EDITING.md nennt das unbekannte Modell {name!r} in einer fieldref-Marke")
        return match.group(1) + table(models[name]) + match.group(4)

    return BLOCK.sub(replace, guide)


def marked_models(guide: str) -> set[str]:
    return {match.group(2) for match in BLOCK.finditer(guide)}


def main(argv: list[str] | None = None) -> int:
    args = cli_parser().parse_args(argv)
    return run(args)


def cli_parser(parser: argparse.ArgumentParser | None = None) -> argparse.ArgumentParser:
    parser = parser or argparse.ArgumentParser(prog="python -m macros.fieldref")
    parser.add_argument("--guide", default=str(GUIDE), help="Pfad zu EDITING.md")
    parser.add_argument("--check", action="store_true",
                        help="nur prüfen, ob die Feldtabellen aktuell sind "
                             "(Rückgabewert 1, wenn nicht)")
    return parser


def run(args: argparse.Namespace) -> int:
    path = Path(args.guide)
    current = path.read_text(encoding="utf-8")
    fresh = render(current)
    if args.check:
        if fresh != current:
            print(f"{path}: Feldtabellen veraltet; bitte `kim fieldref` ausführen", file=sys.stderr)
            return 1
        return 0
    if fresh != current:
        path.write_text(fresh, encoding="utf-8")
        print(f"{path}: Feldtabellen neu geschrieben")
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
