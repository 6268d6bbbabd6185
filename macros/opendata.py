"""Open data: the portal's data as CSV and JSON downloads, OParl- and HSDS-shaped JSON, and the
JSON Schema of the YAML files, written once into the site at /daten/.

Pure functions: ``tables(data)`` gives the flat tables, ``files(data, site_url, licence)`` every
file's bytes by name; ``write(...)`` only puts them on disk. Reader text is exported in German
(the source language); person names only where ``publishable`` is true.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any, Literal

import yaml

from . import editor_schema
from .i18n import PROJECT_ROOT
from .loader import Dataset
from .schema import Source, Text

FOLDER = "daten"
OPARL = "https://schema.oparl.org/1.1/"


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


def licence(config: Path = PROJECT_ROOT / "portal.yml") -> Licence:
    """The open data licence from portal.yml (``open_data_licence``), else dl-de/by-2-0."""
    raw = yaml.safe_load(config.read_text(encoding="utf-8")) or {}
    entry = raw.get("open_data_licence")
    return Licence(**entry) if entry else DEFAULT_LICENCE


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


def tables(data: Dataset) -> list[Table]:
    """Every table of the open data, rows in a stable order."""
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
                 for d in data.documents.values())),
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
                       for r in data.funding.rows)),
        Table("stellen", "Stellen", "Die Stellen je Baustein mit Umfang und Eingruppierung.", (
            _c("module", "integer", "Baustein 1, 2 oder 3", True),
            _c("title", "string", "Bezeichnung der Stelle", True),
            _c("fte", "number", "Vollzeitäquivalente", True),
            _c("pay_grade", "string", "Entgeltgruppe"),
            _c("holder", "string", "Kennung der Stelle, bei der die Position angesiedelt ist"),
            *SOURCE_COLUMNS,
        ), tuple({"module": m.number, "title": _de(p.title), "fte": p.fte,
                  "pay_grade": p.pay_grade, "holder": p.holder, **_src(p.source)}
                 for m in data.modules for p in m.positions)),
        Table("drucksachen", "Drucksachen", "Vorlagen und Beschlüsse der Gremien.", (
            _c("id", "string", "Kennung der Drucksache", True),
            _c("reference", "string", "Drucksachennummer (leer, wenn die Dokumente sie nicht nennen)"),
            _c("name", "string", "Titel", True),
            _c("date", "date", "Datum (leer, wenn kein Dokument es nennt)"),
            _c("paperType", "string", "Art der Drucksache (OParl paperType)", True),
            _c("summary", "string", "Zusammenfassung"),
            *SOURCE_COLUMNS,
        ), tuple({"id": p.id, "reference": p.reference, "name": _de(p.name), "date": p.date,
                  "paperType": p.paperType, "summary": _de(p.summary), **_src(p.source)}
                 for p in data.papers.values())),
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
                 for p in data.papers.values() for c in p.consultation)),
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
                       for o in data.organizations.values())),
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
                       for m in data.memberships)),
        Table("angebote", "Angebote", "Die Angebote für Zugewanderte (nach HSDS 3.0). Listen "
              "sind durch '|' getrennt.", (
                  _c("id", "string", "Kennung", True),
                  _c("name", "string", "Name", True),
                  _c("summary", "string", "Kurzbeschreibung", True),
                  _c("provider", "string", "Kennung des Trägers"),
                  _c("topics", "string", "Themen (Kennungen, durch | getrennt)", True),
                  _c("target_groups", "string", "Zielgruppen (durch | getrennt)"),
                  _c("service_area", "string", "Kommunen (leer: ganze Region)"),
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
              ), tuple(_offer_row(o) for o in sorted(data.offers.values(), key=lambda o: o.id))),
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
                       for m in data.region.municipalities)),
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


def _csv_value(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(_json_value(value))


def to_csv(table: Table) -> bytes:
    """RFC 4180 CSV, UTF-8, comma-separated, one header row; empty cell for no value."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([c.name for c in table.columns])
    for row in table.rows:
        writer.writerow([_csv_value(row.get(c.name)) for c in table.columns])
    return buffer.getvalue().encode("utf-8")


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


# --- OParl-shaped bodies and papers -------------------------------------------------------------


def _oparl_list(items: list[dict[str, Any]]) -> dict[str, Any]:
    return {"data": items, "pagination": {"totalElements": len(items), "elementsPerPage":
                                          len(items), "currentPage": 1, "totalPages": 1},
            "links": {}}


def oparl_bodies(data: Dataset, base: str) -> dict[str, Any]:
    url = f"{base}organisationen.oparl.json"
    members: dict[str, list[str]] = {}
    memberships = []
    for index, m in enumerate(data.memberships, 1):
        ident = f"{url}#membership-{index}"
        members.setdefault(m.organization, []).append(ident)
        item = {"id": ident, "type": f"{OPARL}Membership",
                "organization": f"{url}#{m.organization}", "role": m.role.de}
        if m.votingRight is not None:
            item["votingRight"] = m.votingRight
        if m.onBehalfOf in data.organizations:
            item["onBehalfOf"] = f"{url}#{m.onBehalfOf}"
        memberships.append(item)
    organizations = []
    for o in data.organizations.values():
        item = {"id": f"{url}#{o.id}", "type": f"{OPARL}Organization", "name": o.name.de,
                "organizationType": o.organizationType,
                "membership": members.get(o.id, [])}
        if o.classification:
            item["classification"] = o.classification
        if o.subOrganizationOf:
            item["subOrganizationOf"] = f"{url}#{o.subOrganizationOf}"
        organizations.append(item)
    return _oparl_list(organizations + memberships)


def oparl_papers(data: Dataset, base: str, site_root: str) -> dict[str, Any]:
    url = f"{base}drucksachen.oparl.json"
    bodies = f"{base}organisationen.oparl.json"
    items = []
    for p in data.papers.values():
        consultations = []
        for index, c in enumerate(p.consultation, 1):
            consultations.append({
                "id": f"{url}#{p.id}-consultation-{index}", "type": f"{OPARL}Consultation",
                "paper": f"{url}#{p.id}", "organization": [f"{bodies}#{c.organization}"],
                "role": c.role, "authoritative": c.authoritative,
                # OParl puts the date on a Meeting; we publish no meetings, so say it here.
                "kim:meetingDate": c.meeting_date.isoformat(),
            })
        item = {"id": f"{url}#{p.id}", "type": f"{OPARL}Paper", "name": p.name.de,
                **({"reference": p.reference} if p.reference else {}),
                **({"date": p.date.isoformat()} if p.date else {}), "paperType": p.paperType,
                "underDirectionOf": [f"{bodies}#{o}" for o in p.underDirectionOf],
                "relatedPaper": [f"{url}#{r}" for r in p.relatedPaper],
                "consultation": consultations, "web": f"{site_root}beschluesse/{p.id}/"}
        items.append(item)
    return _oparl_list(items)


_URL = {"$ref": "#/$defs/url"}
_URLS = {"type": "array", "items": _URL}

OPARL_SCHEMA: dict[str, Any] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "title": "KIM-Portal: OParl-1.1-Liste (Paper, Consultation, Organization, Membership)",
    "type": "object", "required": ["data", "pagination", "links"],
    "$defs": {
        "url": {"type": "string", "pattern": "^https?://"},
        "Paper": {"type": "object", "required": ["id", "type", "name"],
                  "properties": {"type": {"const": f"{OPARL}Paper"}, "id": _URL,
                                 "name": {"type": "string"}, "reference": {"type": "string"},
                                 "date": {"type": "string", "format": "date"},
                                 "paperType": {"type": "string"},
                                 "underDirectionOf": _URLS, "relatedPaper": _URLS,
                                 "consultation": {"type": "array",
                                                  "items": {"$ref": "#/$defs/Consultation"}},
                                 "web": _URL}},
        "Consultation": {"type": "object",
                         "required": ["id", "type", "paper", "organization", "authoritative"],
                         "properties": {"type": {"const": f"{OPARL}Consultation"}, "id": _URL,
                                        "paper": _URL, "organization": _URLS,
                                        "role": {"type": "string"},
                                        "authoritative": {"type": "boolean"}}},
        "Organization": {"type": "object", "required": ["id", "type", "name"],
                         "properties": {"type": {"const": f"{OPARL}Organization"}, "id": _URL,
                                        "name": {"type": "string"},
                                        "organizationType": {"type": "string"},
                                        "classification": {"type": "string"},
                                        "subOrganizationOf": _URL, "membership": _URLS}},
        "Membership": {"type": "object", "required": ["id", "type", "organization"],
                       "properties": {"type": {"const": f"{OPARL}Membership"}, "id": _URL,
                                      "organization": _URL, "role": {"type": "string"},
                                      "votingRight": {"type": "boolean"}, "onBehalfOf": _URL}},
    },
    "properties": {
        "data": {"type": "array", "items": {"oneOf": [
            {"$ref": "#/$defs/Paper"}, {"$ref": "#/$defs/Organization"},
            {"$ref": "#/$defs/Membership"}]}},
        "pagination": {"type": "object"}, "links": {"type": "object"},
    },
}


# --- HSDS-shaped offers ---------------------------------------------------------------------------

_BYDAY = {"mo": "MO", "di": "TU", "mi": "WE", "do": "TH", "fr": "FR", "sa": "SA", "so": "SU"}
_HSDS_STATUS = {"aktiv": "active", "geplant": "inactive", "vorübergehend geschlossen": "inactive",
                "beendet": "defunct"}


def hsds_offers(data: Dataset) -> dict[str, Any]:
    """Offers as HSDS 3.0 services (with their organizations), German text."""
    services = []
    used: set[str] = set()
    for o in sorted(data.offers.values(), key=lambda o: o.id):
        schedules = [
            {"id": f"{o.id}-schedule-{i}-{w}", "freq": "WEEKLY", "byday": _BYDAY[h.day],
             "opens_at": h.opens, "closes_at": h.closes,
             **({"valid_from": s.valid_from.isoformat()} if s.valid_from else {}),
             **({"valid_to": s.valid_to.isoformat()} if s.valid_to else {})}
            for i, s in enumerate(o.schedules, 1) for w, h in enumerate(s.weekly, 1)
        ]
        contact = _first_contact(o)
        service = {
            "id": o.id, "name": o.name.de, "description": o.summary.de,
            "status": _HSDS_STATUS.get(o.status, "inactive"),
            "organization_id": o.provider,
            "url": contact.website if contact else None,
            "email": contact.email if contact else None,
            "phones": [{"id": f"{o.id}-phone-{i}", "number": c.phone}
                       for i, c in enumerate(o.contacts, 1) if c.phone],
            "languages": [{"id": f"{o.id}-language-{code}", "code": code}
                          for code in o.languages],
            "schedules": schedules,
            "service_areas": [{"id": f"{o.id}-area-{m}", "name": data.municipalities[m].name}
                              for m in o.service_area if m in data.municipalities],
            "attributes": [{"id": f"{o.id}-topic-{t}", "taxonomy_term": {
                "id": f"topic-{t}", "term": t, "taxonomy": "kim-themen"}} for t in o.topics],
            "last_modified": o.last_reviewed.isoformat() if o.last_reviewed else None,
        }
        if o.provider:
            used.add(o.provider)
        services.append(service)
    organizations = []
    for ident in sorted(used):
        name = (data.providers[ident].name if ident in data.providers
                else data.organizations[ident].name.de if ident in data.organizations
                else data.municipalities[ident].name)
        website = data.providers[ident].website if ident in data.providers else None
        organizations.append({"id": ident, "name": name, "website": website})
    return {"services": services, "organizations": organizations}


HSDS_SCHEMA: dict[str, Any] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "title": "KIM-Portal: Angebote nach HSDS 3.0 (service, organization)",
    "type": "object", "required": ["services", "organizations"],
    "properties": {
        "services": {"type": "array", "items": {
            "type": "object", "required": ["id", "name", "status"],
            "properties": {
                "id": {"type": "string"}, "name": {"type": "string"},
                "description": {"type": "string"},
                "status": {"enum": ["active", "inactive", "defunct", "temporarily closed"]},
                "organization_id": {"type": ["string", "null"]},
                "url": {"type": ["string", "null"]}, "email": {"type": ["string", "null"]},
                "phones": {"type": "array", "items": {"type": "object",
                                                      "required": ["id", "number"]}},
                "languages": {"type": "array", "items": {"type": "object",
                                                         "required": ["id", "code"]}},
                "schedules": {"type": "array", "items": {
                    "type": "object", "required": ["id", "freq", "byday"],
                    "properties": {"freq": {"const": "WEEKLY"},
                                   "byday": {"enum": list(_BYDAY.values())},
                                   "opens_at": {"type": "string", "pattern": "^\\d{2}:\\d{2}$"},
                                   "closes_at": {"type": "string",
                                                 "pattern": "^\\d{2}:\\d{2}$"}}}},
                "service_areas": {"type": "array"}, "attributes": {"type": "array"},
                "last_modified": {"type": ["string", "null"]},
            }}},
        "organizations": {"type": "array", "items": {
            "type": "object", "required": ["id", "name"],
            "properties": {"id": {"type": "string"}, "name": {"type": "string"},
                           "website": {"type": ["string", "null"]}}}},
    },
}


# --- all files --------------------------------------------------------------------------------------


def _dump(value: Any) -> bytes:
    return (json.dumps(value, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def files(data: Dataset, site_url: str, licence: Licence = DEFAULT_LICENCE) -> dict[str, bytes]:
    """Every open data file by its name inside /daten/ (sub-folder 'schema/' for the YAML)."""
    root = site_url.rstrip("/") + "/"
    base = f"{root}{FOLDER}/"
    meta = {"region": data.region.name,
            "source": f"KIM-Portal {data.region.name}, aus den YAML-Daten der Region; "
                      f"Quelldokument jeder Zeile in source_document (quellen.csv)",
            "license": {"name": licence.name, "id": licence.id, "url": licence.url}}
    out: dict[str, bytes] = {}
    for table in tables(data):
        out[f"{table.name}.csv"] = to_csv(table)
        out[f"{table.name}.json"] = _dump(table_json(table, meta))
        out[f"{table.name}.schema.json"] = _dump(table_schema(table))
    out["drucksachen.oparl.json"] = _dump(oparl_papers(data, base, root))
    out["organisationen.oparl.json"] = _dump(oparl_bodies(data, base))
    out["oparl.schema.json"] = _dump(OPARL_SCHEMA)
    out["angebote.hsds.json"] = _dump(hsds_offers(data))
    out["hsds.schema.json"] = _dump(HSDS_SCHEMA)
    for name, generated in editor_schema.file_schemas().items():
        out[f"schema/{name.replace('.yml', '.schema.json')}"] = _dump(generated)
    return out


# Which export is checked against which schema (the tests use this; so may a consumer).
def schema_of(name: str) -> str | None:
    if name.endswith(".oparl.json"):
        return "oparl.schema.json"
    if name.endswith(".hsds.json"):
        return "hsds.schema.json"
    if name.endswith(".json") and not name.endswith(".schema.json") and "/" not in name:
        return name.replace(".json", ".schema.json")
    return None


def write(data: Dataset, folder: Path, site_url: str, licence: Licence = DEFAULT_LICENCE) -> None:
    for name, content in files(data, site_url, licence).items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)
