"""Open data: the portal's data as CSV and JSON downloads with a Frictionless datapackage.json,
OParl 1.1 (oparl.py), HSDS 3.0 (hsds.py), a DCAT-AP.de catalogue (dcat.py) and the JSON Schema
of the YAML files, written once into the site at /daten/.

Pure functions: ``tables(data)`` gives the flat tables, ``files(data, site_url, licence)`` every
file's bytes by name; ``write(...)`` only puts them on disk. Reader text is exported in German
(the source language); person names only where ``publishable`` is true.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any, Literal

from . import csvsafe, dcat, editor_schema, hsds, oparl, portalconfig, provenance, xlsx
from .loader import Dataset
from .portalconfig import PORTAL_YML
from .provenance import Span, file_span
from .schema import Source, Text

FOLDER = "daten"


@dataclass(frozen=True)
class Licence:
    name: str
    id: str
    url: str


DEFAULT_LICENCE = Licence(
    name="Datenlizenz Deutschland – Namensnennung – Version 2.0",
    id="dl-de/by-2-0",
    url="https://www.govdata.de/dl-de/by-2-0",
)


def licence(config: Path = PORTAL_YML) -> Licence:
    """The open data licence from portal.yml (``open_data_licence``), else dl-de/by-2-0."""
    entry = portalconfig.read(config).open_data_licence
    return Licence(**entry.model_dump()) if entry else DEFAULT_LICENCE


# --- flat tables --------------------------------------------------------------------------------

ColumnType = Literal["string", "integer", "number", "boolean", "date"]


@dataclass(frozen=True)
class Column:
    name: str
    type: ColumnType
    description: str  # German, for the schema documentation
    required: bool = False


@dataclass(frozen=True)
class Table:
    name: str  # file stem, e.g. "finanzierung"
    title: str  # German
    description: str  # German
    columns: tuple[Column, ...]
    rows: tuple[dict[str, Any], ...]
    files: tuple[str, ...] = ()  # the data files the rows come from ('offers/' for all offers)


def _de(text: Text | None) -> str | None:
    return None if text is None else text.de


def _src(source: Source | None) -> dict[str, Any]:
    return {"source_document": source.document if source else None,
            "source_section": source.section if source else None}


SOURCE_COLUMNS = (
    Column("source_document", "string", "Kennung des Quelldokuments (quellen.csv)", True),
    Column("source_section", "string", "Abschnitt, Tabelle oder Seite im Quelldokument"),
)


def _c(name: str, type_: ColumnType, description: str, required: bool = False) -> Column:
    return Column(name, type_, description, required)


def row_counts(data: Dataset) -> dict[str, int]:
    """Rows per table, computed once per dataset (the /daten/ page of every language shows
    them; the tables themselves are not kept: the offers' rows are many)."""
    found = data.derived.get("opendata.row_counts")
    if found is None:
        # The offers' table has a row per offer: counted without expanding them (each forked
        # language worker asks; at 10,000 offers expanding them all took seconds per language).
        found = data.derived["opendata.row_counts"] = {
            t.name: len(data.offers) if t.name == OFFERS else len(t.rows)
            for t in tables(data, offer_rows=())}
    return found  # type: ignore[return-value]


OFFERS = "angebote"  # the table with a row per offer


def tables(data: Dataset, offer_rows: tuple[dict[str, Any], ...] | None = None) -> list[Table]:
    """Every table of the open data, rows in a stable order; the offers' rows made here (one
    offer expanded at a time) unless given (``offer_rows``, see :func:`_offers_walk`)."""
    region_id = data.region.id
    out = [
        Table("quellen", "Quellen", "Die Dokumente, auf die sich jede Angabe stützt.", (
            _c("id", "string", "Kennung des Dokuments", True),
            _c("title", "string", "Titel", True),
            _c("publisher", "string", "Herausgeber", True),
            _c("reference", "string", "Aktenzeichen oder Drucksachennummer"),
            _c("date", "date", "Datum des Dokuments"),
        ), tuple({"id": d.id, "title": d.title, "publisher": d.publisher,
                  "reference": d.reference, "date": d.date}
                 for d in data.documents.values()), ("documents.yml",)),
        Table("finanzierung", "Finanzierung",
              "Jeder Betrag der Dokumente in einer Zeile (Zuwendungen, Kosten, Eigenanteile).", (
                  _c("id", "string", "Kennung der Zeile", True),
                  _c("year", "integer", "Jahr, leer wenn das Dokument keines nennt"),
                  _c("module", "integer", "Baustein 1, 2 oder 3"),
                  _c("item", "string", "Gegenstand der Förderung", True),
                  _c("measure", "string", "Zuwendung, Kosten, Eigenanteil oder Weiterleitung",
                     True),
                  _c("fte", "number", "Vollzeitäquivalente"),
                  _c("rate", "number", "Betrag je Vollzeitäquivalent in Euro"),
                  _c("amount", "number", "Betrag in Euro", True),
                  _c("approximate", "boolean", "true, wenn das Dokument 'ca.' sagt", True),
                  _c("from", "string", "Kennung des Gebers"),
                  _c("to", "string", "Kennung des Empfängers"),
                  _c("basis", "string", "Berechnungsgrundlage"),
                  _c("paper", "string", "Kennung der Drucksache (drucksachen.csv)"),
                  *SOURCE_COLUMNS,
              ), tuple({"id": r.id, "year": r.year, "module": r.module, "item": _de(r.item),
                        "measure": r.measure, "fte": r.fte, "rate": r.rate, "amount": r.amount,
                        "approximate": r.approximate, "from": r.from_, "to": r.to,
                        "basis": r.basis, "paper": r.paper, **_src(r.source)}
                       for r in data.funding.rows), ("funding.yml",)),
        Table("stellen", "Stellen", "Die Stellen je Baustein mit Umfang und Eingruppierung.", (
            _c("module", "integer", "Baustein 1, 2 oder 3", True),
            _c("title", "string", "Bezeichnung der Stelle", True),
            _c("fte", "number", "Vollzeitäquivalente", True),
            _c("pay_grade", "string", "Entgeltgruppe"),
            _c("holder", "string", "Kennung der Stelle, bei der die Position angesiedelt ist"),
            *SOURCE_COLUMNS,
        ), tuple({"module": m.number, "title": _de(p.title), "fte": p.fte,
                  "pay_grade": p.pay_grade, "holder": p.holder, **_src(p.source)}
                 for m in data.modules for p in m.positions), ("modules.yml",)),
        Table("drucksachen", "Drucksachen", "Vorlagen und Beschlüsse der Gremien.", (
            _c("id", "string", "Kennung der Drucksache", True),
            _c("reference", "string",
               "Drucksachennummer (leer, wenn die Dokumente sie nicht nennen)"),
            _c("name", "string", "Titel", True),
            _c("date", "date", "Datum (leer, wenn kein Dokument es nennt)"),
            _c("paperType", "string", "Art der Drucksache (OParl paperType)", True),
            _c("summary", "string", "Zusammenfassung"),
            *SOURCE_COLUMNS,
        ), tuple({"id": p.id, "reference": p.reference, "name": _de(p.name), "date": p.date,
                  "paperType": p.paperType, "summary": _de(p.summary), **_src(p.source)}
                 for p in data.papers.values()), ("papers.yml",)),
        Table("beratungen", "Beratungen", "Die Beratungsfolge jeder Drucksache.", (
            _c("paper", "string", "Kennung der Drucksache", True),
            _c("organization", "string", "Kennung des Gremiums (organisationen.csv)", True),
            _c("meeting_date", "date", "Sitzungsdatum", True),
            _c("role", "string", "Vorberatung, Entscheidung, Kenntnisnahme oder Anhörung", True),
            _c("authoritative", "boolean", "true, wenn hier abschließend entschieden wird", True),
            _c("public", "boolean", "öffentliche Beratung", True),
            _c("result", "string", "Ergebnis, wie im Dokument"),
        ), tuple({"paper": p.id, "organization": c.organization,
                  "meeting_date": c.meeting_date, "role": c.role,
                  "authoritative": c.authoritative, "public": c.public, "result": c.result}
                 for p in data.papers.values() for c in p.consultation), ("papers.yml",)),
        Table("organisationen", "Gremien und Organisationen",
              "Kreistag, Ausschüsse, Lenkungsgruppe und Stellen (OParl Organization).", (
                  _c("id", "string", "Kennung", True),
                  _c("name", "string", "Name", True),
                  _c("organizationType", "string", "Art (OParl organizationType)", True),
                  _c("classification", "string", "Einordnung, z. B. Ausschuss"),
                  _c("subOrganizationOf", "string", "Kennung der übergeordneten Organisation"),
                  *SOURCE_COLUMNS,
              ), tuple({"id": o.id, "name": _de(o.name), "organizationType": o.organizationType,
                        "classification": o.classification,
                        "subOrganizationOf": o.subOrganizationOf, **_src(o.source)}
                       for o in data.organizations.values()), ("bodies.yml",)),
        Table("mitgliedschaften", "Mitgliedschaften",
              "Wer in welchem Gremium sitzt, nach Rolle (OParl Membership). Namen nur, wo "
              "veröffentlicht.", (
                  _c("organization", "string", "Kennung des Gremiums", True),
                  _c("role", "string", "Rolle", True),
                  _c("onBehalfOf", "string", "Kennung der entsendenden Stelle"),
                  _c("person", "string", "Name, nur wenn zur Veröffentlichung freigegeben"),
                  _c("votingRight", "boolean", "stimmberechtigt"),
                  _c("participation", "string", "Art der Teilnahme"),
                  *SOURCE_COLUMNS,
              ), tuple({"organization": m.organization, "role": _de(m.role),
                        "onBehalfOf": m.onBehalfOf,
                        "person": m.person.name if m.person and m.person.publishable else None,
                        "votingRight": m.votingRight, "participation": m.participation,
                        **_src(m.source)}
                       for m in data.memberships), ("bodies.yml",)),
        Table(OFFERS, "Angebote", "Die Angebote für Zugewanderte (nach HSDS 3.0). Listen "
              "sind durch '|' getrennt.", (
                  _c("id", "string", "Kennung", True),
                  _c("name", "string", "Name", True),
                  _c("summary", "string", "Kurzbeschreibung", True),
                  _c("provider", "string", "Kennung des Trägers"),
                  _c("topics", "string", "Themen (Kennungen, durch | getrennt)", True),
                  _c("target_groups", "string", "Zielgruppen (durch | getrennt)"),
                  _c("service_area", "string", "Kommunen laut Dokument (leer: keine Angabe)"),
                  _c("region_wide", "boolean",
                     "true, wenn ein Dokument das Angebot für die ganze Region nennt", True),
                  _c("languages", "string", "Sprachen nach ISO 639 (durch | getrennt)"),
                  _c("free_of_charge", "boolean", "kostenlos"),
                  _c("status", "string", "geplant, aktiv, vorübergehend geschlossen, beendet",
                     True),
                  _c("phone", "string", "Telefon (erster Kontakt)"),
                  _c("email", "string", "E-Mail (erster Kontakt)"),
                  _c("website", "string", "Internetseite (erster Kontakt)"),
                  _c("last_reviewed", "date", "zuletzt geprüft"),
                  _c("synthetic", "boolean", "true nur bei erfundenen Testdaten", True),
                  *SOURCE_COLUMNS,
              ), offer_rows if offer_rows is not None else tuple(
                  _offer_row(data.offers[i]) for i in sorted(data.offers)),  # one at a time
              ("offers/", "providers.yml")),
        Table("kommunen", "Kommunen", "Die Kommunen der Region mit den Bevölkerungszahlen "
              "der Dokumente.", (
                  _c("id", "string", "Kennung", True),
                  _c("name", "string", "Name", True),
                  _c("region", "string", "Kennung der Region", True),
                  _c("sub_region", "string", "Kennung der Teilregion"),
                  *(c for key, label in POPULATION for c in (
                      _c(key, "integer", label),
                      _c(f"{key}_reference_date", "date", f"Stichtag: {label}"),
                      _c(f"{key}_source_document", "string", f"Quelldokument: {label}"))),
              ), tuple({"id": m.id, "name": m.name, "region": region_id,
                        "sub_region": m.sub_region, **_population(m.population)}
                       for m in data.region.municipalities), ("region.yml",)),
    ]
    return out


POPULATION = (
    ("total", "Einwohnerinnen und Einwohner"), ("foreign", "Ausländerinnen und Ausländer"),
    ("migration_background", "Personen mit Migrationshintergrund"), ("tolerated", "Geduldete"),
    ("permitted", "Gestattete"),
)


def _population(population: Any) -> dict[str, Any]:
    row: dict[str, Any] = {}
    for key, _ in POPULATION:
        figure = getattr(population, key, None) if population else None
        row[key] = figure.value if figure else None
        row[f"{key}_reference_date"] = figure.reference_date if figure else None
        row[f"{key}_source_document"] = figure.source.document if figure else None
    return row


def _first_contact(offer: Any) -> Any:
    """The offer's first contact, or None: the one the flat table and HSDS name."""
    return offer.contacts[0] if offer.contacts else None


def _offer_row(offer: Any) -> dict[str, Any]:
    contact = _first_contact(offer)
    return {
        "id": offer.id, "name": _de(offer.name), "summary": _de(offer.summary),
        "provider": offer.provider, "topics": "|".join(offer.topics),
        "target_groups": "|".join(offer.target_groups) or None,
        "service_area": "|".join(offer.service_area) or None,
        "region_wide": offer.region_wide,
        "languages": "|".join(offer.languages) or None,
        "free_of_charge": offer.free_of_charge, "status": offer.status,
        "phone": contact.phone if contact else None,
        "email": contact.email if contact else None,
        "website": contact.website if contact else None,
        "last_reviewed": offer.last_reviewed, "synthetic": offer.synthetic,
        **_src(offer.source),
    }


# --- serialising ----------------------------------------------------------------------------------


def _json_value(value: Any) -> Any:
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, date):
        return value.isoformat()
    return value


def _csv_value(value: Any, type_: ColumnType = "string") -> str:
    """One CSV cell; text columns are neutralised against formula injection (csvsafe)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    text = str(_json_value(value))
    return csvsafe.text_cell(text) if type_ == "string" else text


def to_csv(table: Table) -> bytes:
    """RFC 4180 CSV, UTF-8, comma-separated, one header row; empty cell for no value."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([c.name for c in table.columns])
    for row in table.rows:
        writer.writerow([_csv_value(row.get(c.name), c.type) for c in table.columns])
    return buffer.getvalue().encode("utf-8")


def to_xlsx(table: Table, meta: dict[str, Any]) -> bytes:
    """The CSV's cells as a spreadsheet: the columns' German descriptions as headings, typed
    numbers and dates, and a sheet naming the source and the licence."""
    columns = [xlsx.Column(c.name, c.description, c.type) for c in table.columns]
    rows = [[_xlsx_value(row.get(c.name)) for c in table.columns] for row in table.rows]
    licence = meta["license"]
    return xlsx.workbook(table.title, columns, rows, [
        ("Beschreibung", table.description), ("Region", meta["region"]),
        ("Quelle", meta["source"]),
        ("Lizenz", f"{licence['name']} ({licence['id']}), {licence['url']}"),
        ("Spalten", "; ".join(f"{c.name}: {c.description}" for c in table.columns))])


def _xlsx_value(value: Any) -> Any:
    """The value the CSV cell shows, before its formula guard (the spreadsheet stores text as
    text)."""
    if value is None or isinstance(value, bool | Decimal | int | float | date):
        return value
    return str(_json_value(value))


def table_json(table: Table, meta: dict[str, Any]) -> dict[str, Any]:
    return {
        "title": table.title, "description": table.description, **meta,
        "schema": f"{table.name}.schema.json",
        "data": [{c.name: _json_value(row.get(c.name)) for c in table.columns}
                 for row in table.rows],
    }


_JSON_TYPES = {"string": "string", "integer": "integer", "number": "number",
               "boolean": "boolean", "date": "string"}


def table_schema(table: Table) -> dict[str, Any]:
    """JSON Schema of a table's JSON file; its columns document the CSV too."""
    properties = {}
    for c in table.columns:
        prop: dict[str, Any] = {"description": c.description,
                                "type": _JSON_TYPES[c.type] if c.required
                                else [_JSON_TYPES[c.type], "null"]}
        if c.type == "date":
            prop["format"] = "date"
            prop["pattern"] = r"^\d{4}-\d{2}-\d{2}$"
        properties[c.name] = prop
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": f"KIM-Portal Open Data: {table.title}",
        "description": table.description,
        "type": "object",
        "required": ["title", "license", "source", "data"],
        "properties": {
            "title": {"type": "string"}, "description": {"type": "string"},
            "region": {"type": "string"}, "source": {"type": "string"},
            "schema": {"type": "string"},
            "license": {"type": "object", "required": ["name", "id", "url"],
                        "properties": {k: {"type": "string"} for k in ("name", "id", "url")}},
            "data": {"type": "array", "items": {
                "type": "object", "additionalProperties": False,
                "required": [c.name for c in table.columns],
                "properties": properties,
            }},
        },
    }


# --- all files -----------------------------------------------------------------------------------


def _dump(value: Any) -> bytes:
    return (json.dumps(value, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


_FRICTIONLESS_TYPES = {"string": "string", "integer": "integer", "number": "number",
                       "boolean": "boolean", "date": "date"}


def table_span(data: Dataset, table: Table) -> Span:
    """First and last change of the data files a table comes from (provenance.file_span)."""
    paths = []
    for name in table.files or ("region.yml",):
        if name.endswith("/"):
            paths.extend(sorted((data.root / name).glob("[!_]*.yml")))
        elif (data.root / name).exists():
            paths.append(data.root / name)
    spans = [file_span(p) for p in paths] or [file_span(data.root / "region.yml")]
    whole = spans[0]
    for span in spans[1:]:
        whole = whole.widen(span)
    return whole


def datapackage(data: Dataset, licence: Licence, site_root: str,
                table_list: list[Table] | None = None) -> dict[str, Any]:
    """A Frictionless Tabular Data Package describing every CSV and its XLSX twin
    (datapackage.json); the tables when they are at hand already."""
    sources = [{"title": d.title + (f" ({d.reference})" if d.reference else "")}
               for d in data.documents.values()]
    resources = []
    for table in tables(data) if table_list is None else table_list:
        fields = []
        for c in table.columns:
            entry: dict[str, Any] = {"name": c.name, "type": _FRICTIONLESS_TYPES[c.type],
                                     "description": c.description}
            if c.required:
                entry["constraints"] = {"required": True}
            fields.append(entry)
        resources.append({
            "name": table.name, "path": f"{table.name}.csv", "profile": "tabular-data-resource",
            "title": table.title, "description": table.description + _NEUTRALISED,
            "format": "csv", "mediatype": "text/csv", "encoding": "utf-8",
            "schema": {"fields": fields, "missingValues": [""]},
        })
        resources.append(_xlsx_resource(table, fields))
    return {
        "profile": "tabular-data-package",
        "name": f"kim-portal-{data.region.id}",
        "title": f"KIM-Portal {data.region.name.de}: offene Daten",
        "homepage": f"{site_root}{FOLDER}/",
        "licenses": [{"name": licence.id, "path": licence.url, "title": licence.name}],
        "sources": [{"title": f"KIM-Portal {data.region.name.de}", "path": site_root}, *sources],
        "resources": resources,
    }


def _xlsx_resource(table: Table, fields: list[dict[str, Any]]) -> dict[str, Any]:
    """The spreadsheet of a table as a resource of its own: the same columns and types, each
    labelled with its German heading (the first row of the sheet "Daten", see to_xlsx)."""
    return {
        "name": f"{table.name}-xlsx", "path": f"{table.name}.xlsx",
        "profile": "tabular-data-resource", "title": f"{table.title} (XLSX)",
        "description": table.description, "format": "xlsx", "mediatype": dcat.XLSX_MEDIA_TYPE,
        "schema": {"fields": [{**field, "name": column.description}
                              for field, column in zip(fields, table.columns, strict=True)],
                   "missingValues": [""]},
    }


# CSV text cells that would start a spreadsheet formula carry a leading apostrophe (csvsafe).
_NEUTRALISED = (" Textzellen, die mit =, +, -, @, Tabulator oder Wagenrücklauf beginnen, "
                "stehen mit vorangestelltem ' (Schutz vor Formeln in Tabellenprogrammen).")


def _catalogue_entries(data: Dataset, root: str, sizes: dict[str, int],
                       table_list: list[Table]) -> list[dcat.Entry]:
    base = f"{root}{FOLDER}/"
    entries = []
    # Each table's span once (the offers' table spans every offer's file; HSDS reuses it).
    spans = {table.name: table_span(data, table) for table in table_list}
    for table in table_list:
        entries.append(dcat.Entry(
            key=table.name, title=table.title, description=table.description,
            themes=("GOVE",) if table.name in ("drucksachen", "beratungen", "organisationen",
                                               "mitgliedschaften") else ("SOCI",),
            span=spans[table.name],
            distributions=tuple(
                dcat.Distribution(f"{base}{table.name}.{ext}", fmt, f"{table.title} ({fmt})",
                                  sizes[f"{table.name}.{ext}"])
                for ext, fmt in (("csv", "CSV"), ("json", "JSON"), ("xlsx", "XLSX")))))
    oparl_span = spans["drucksachen"].widen(spans["organisationen"])
    entries.append(dcat.Entry(
        key="oparl", title="Drucksachen und Gremien nach OParl 1.1",
        description="Drucksachen, Beratungen, Gremien sowie Mitgliedschaften veröffentlichter "
                    "Personen als OParl-1.1-Schnittstelle aus statischen Dateien; Einstieg: "
                    "system.json.",
        themes=("GOVE",), span=oparl_span,
        distributions=(dcat.Distribution(f"{base}{oparl.FOLDER}/system.json", "JSON",
                                         "OParl System (JSON)", None, oparl.OPARL),)))
    entries.append(dcat.Entry(
        key="hsds", title="Angebote nach HSDS 3.0",
        description="Die Angebote mit einem in den Dokumenten genannten Stand als Human "
                    "Services Data Specification 3.0 (Open Referral), API-Form aus statischen "
                    "Dateien; Liste: services.json.",
        themes=("SOCI",), span=spans[OFFERS],
        distributions=(dcat.Distribution(f"{base}{hsds.FOLDER}/services.json", "JSON",
                                         "HSDS services (JSON)", None,
                                         "https://docs.openreferral.org/en/3.0/"),)))
    return entries


def _offers_walk(data: Dataset, rows: list[dict[str, Any]]) -> Iterator[Any]:
    """Every offer by id, one expanded at a time: its table row appended to ``rows``, the
    offer itself yielded where HSDS can carry it (hsds.exported)."""
    for ident in sorted(data.offers):
        offer = data.offers[ident]
        rows.append(_offer_row(offer))
        if offer.status not in hsds.UNMAPPED_STATUS:
            yield offer


def files(data: Dataset, site_url: str, licence: Licence = DEFAULT_LICENCE) -> dict[str, bytes]:
    """Every open data file by its path inside /daten/."""
    return dict(_files(data, site_url, licence))


def _files(data: Dataset, site_url: str, licence: Licence) -> Iterator[tuple[str, bytes]]:
    """Every open data file (path inside /daten/, content), one at a time: at 10,000 offers
    they are about 45 MB, their HSDS documents many more as Python objects."""
    provenance.forget()  # the data files may have changed since the last build (kim serve)
    root = site_url.rstrip("/") + "/"
    meta = {"region": data.region.name.de,
            "source": f"KIM-Portal {data.region.name.de}, aus den YAML-Daten der Region; "
                      f"Quelldokument jeder Zeile in source_document (quellen.csv)",
            "license": {"name": licence.name, "id": licence.id, "url": licence.url}}
    sizes: dict[str, int] = {}  # the tables' files, for the catalogue
    # One walk over the offers for the HSDS services and the offers' table: each offer is
    # expanded once (at 10,000 offers they do not all fit the store's cache, and a walk that
    # expands every offer costs seconds), its row kept, its service written at once.
    offer_rows: list[dict[str, Any]] = []
    for name, document in hsds.documents(data, _offers_walk(data, offer_rows)):
        yield f"{hsds.FOLDER}/{name}", _dump(document)
    table_list = tables(data, tuple(offer_rows))
    del offer_rows
    for table in table_list:
        csv_file = to_csv(table)
        sizes[f"{table.name}.csv"] = len(csv_file)
        yield f"{table.name}.csv", csv_file
        xlsx_file = to_xlsx(table, meta)
        sizes[f"{table.name}.xlsx"] = len(xlsx_file)
        yield f"{table.name}.xlsx", xlsx_file
        json_file = _dump(table_json(table, meta))
        sizes[f"{table.name}.json"] = len(json_file)
        yield f"{table.name}.json", json_file
        yield f"{table.name}.schema.json", _dump(table_schema(table))
    yield "datapackage.json", _dump(datapackage(data, licence, root, table_list))
    for name, document in oparl.build(data, root, licence.url).items():
        yield f"{oparl.FOLDER}/{name}", _dump(document)
    yield CATALOGUE, dcat.catalogue(data, root, licence.id, licence.url,
                                    _catalogue_entries(data, root, sizes, table_list)
                                    ).encode("utf-8")
    for name, generated in editor_schema.file_schemas().items():
        yield f"schema/{name.replace('.yml', '.schema.json')}", _dump(generated)


CATALOGUE = "katalog.ttl"


# Which table export is checked against which of our schemas (the tests use this; so may a
# consumer). OParl and HSDS files are checked against the official schemas (tests/standards).
def schema_of(name: str) -> str | None:
    if name.endswith(".json") and "/" not in name and not name.endswith(".schema.json") \
            and name != "datapackage.json":
        return name.replace(".json", ".schema.json")
    return None


def write(data: Dataset, folder: Path, site_url: str, licence: Licence = DEFAULT_LICENCE) -> None:
    for name, content in _files(data, site_url, licence):  # written as made, none kept
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)
