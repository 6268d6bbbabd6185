"""DCAT-AP.de 3.0: the catalogue of the region's open data as Turtle (/daten/katalog.ttl),
the form GovData harvests.

One ``dcat:Dataset`` per table (distributions CSV and JSON), one for the OParl export and one for
the HSDS export. Controlled vocabularies are those DCAT-AP.de prescribes (EU file types,
languages and data themes, the dcat-ap.de licence list); each concept used is written with its
type, ``skos:inScheme`` and label, which is what the vocabularies themselves say of it, so that a
harvester (and the SHACL shapes) can check it without fetching them. Nothing the data does not
know is stated: no contact point without the KI's e-mail, no Regionalschlüssel.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from urllib.parse import quote

from .loader import Dataset
from .provenance import Span, stamp

DCAT = "http://www.w3.org/ns/dcat#"
DCT = "http://purl.org/dc/terms/"
DCATDE = "http://dcat-ap.de/def/dcatde/"
FOAF = "http://xmlns.com/foaf/0.1/"
VCARD = "http://www.w3.org/2006/vcard/ns#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
XSD = "http://www.w3.org/2001/XMLSchema#"
EU = "http://publications.europa.eu/resource/authority/"

# Our licence ids (portal.yml open_data_licence.id) -> the dcat-ap.de licence vocabulary.
LICENCES = {
    "dl-de/by-2-0": "http://dcat-ap.de/def/licenses/dl-by-de/2.0",
    "dl-de/zero-2-0": "http://dcat-ap.de/def/licenses/dl-zero-de/2.0",
    "cc-zero": "http://dcat-ap.de/def/licenses/cc-zero",
    "cc-by-4.0": "http://dcat-ap.de/def/licenses/cc-by/4.0",
}
XLSX_MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# Our format keys -> (IANA media type, label); the key is also the EU file-type authority code.
FORMATS = {"CSV": ("text/csv", "CSV"), "JSON": ("application/json", "JSON"),
           "XLSX": (XLSX_MEDIA_TYPE, "XLSX"), "TTL": ("text/turtle", "Turtle")}
# EU data theme "Bevölkerung und Gesellschaft" (SOCI) for every dataset: integration of
# immigrants; "Regierung und öffentlicher Sektor" (GOVE) for council papers and bodies.
THEMES = {"SOCI": "Bevölkerung und Gesellschaft", "GOVE": "Regierung und öffentlicher Sektor"}


@dataclass(frozen=True)
class Distribution:
    url: str
    format: str  # key of FORMATS
    title: str
    size: int | None = None
    conforms_to: str | None = None


@dataclass(frozen=True)
class Entry:
    """One dataset of the catalogue."""

    key: str
    title: str
    description: str
    themes: tuple[str, ...]
    span: Span
    distributions: tuple[Distribution, ...]


def _iri(url: str) -> str:
    return "<" + quote(url, safe=":/?#[]@!$&'()*+,;=%-._~") + ">"


def _literal(text: str, lang: str | None = "de") -> str:
    escaped = (text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
               .replace("\r", "\\r").replace("\t", "\\t"))
    return f'"{escaped}"' + (f"@{lang}" if lang else "")


def _typed(value: str, datatype: str) -> str:
    return f'"{value}"^^<{XSD}{datatype}>'


def _when(moment: datetime) -> str:
    return _typed(stamp(moment), "dateTime")


class _Graph:
    """Triples in insertion order, written as Turtle (one block per subject)."""

    def __init__(self) -> None:
        self.subjects: dict[str, list[tuple[str, str]]] = {}

    def add(self, subject: str, predicate: str, *objects: str) -> None:
        block = self.subjects.setdefault(subject, [])
        for obj in objects:
            if (predicate, obj) not in block:
                block.append((predicate, obj))

    def turtle(self) -> str:
        lines = []
        for subject, pairs in self.subjects.items():
            body = " ;\n    ".join(f"<{p}> {o}" for p, o in pairs)
            lines.append(f"{subject}\n    {body} .\n")
        return "\n".join(lines)


def _concept(g: _Graph, iri: str, scheme: str, label: str, *types: str) -> str:
    node = _iri(iri)
    g.add(node, RDF_TYPE, *(_iri(t) for t in (*types, f"{SKOS}Concept")))
    g.add(node, f"{SKOS}inScheme", _iri(scheme))
    g.add(node, f"{SKOS}prefLabel", _literal(label))
    return node


def catalogue(data: Dataset, site_root: str, licence_id: str, licence_url: str,
              entries: Iterable[Entry]) -> str:
    """The catalogue as Turtle."""
    entries = list(entries)
    base = f"{site_root}daten/katalog.ttl"
    g = _Graph()
    catalog, publisher, spatial = (_iri(f"{base}#{k}") for k in ("katalog", "herausgeber",
                                                                  "gebiet"))
    licence = _iri(LICENCES.get(licence_id, licence_url))
    g.add(licence, RDF_TYPE, _iri(f"{DCT}LicenseDocument"))
    if licence_id in LICENCES:
        g.add(licence, f"{SKOS}inScheme", _iri("http://dcat-ap.de/def/licenses"))
    german = _concept(g, f"{EU}language/DEU", f"{EU}language", "Deutsch",
                      f"{DCT}LinguisticSystem")
    g.add(publisher, RDF_TYPE, _iri(f"{FOAF}Agent"), _iri(f"{FOAF}Organization"))
    g.add(publisher, f"{FOAF}name", _literal(data.region.name.de))
    g.add(spatial, RDF_TYPE, _iri(f"{DCT}Location"))
    g.add(spatial, f"{SKOS}prefLabel", _literal(data.region.name.de))
    homepage = _iri(site_root)
    g.add(homepage, RDF_TYPE, _iri(f"{FOAF}Document"))
    landing = _iri(f"{site_root}daten/")
    g.add(landing, RDF_TYPE, _iri(f"{FOAF}Document"))
    contact = None
    ki = data.region.ki
    if ki.contact and ki.contact.email:
        contact = _iri(f"{base}#kontakt")
        g.add(contact, RDF_TYPE, _iri(f"{VCARD}Organization"), _iri(f"{VCARD}Kind"))
        g.add(contact, f"{VCARD}fn", _literal(ki.name.de))
        g.add(contact, f"{VCARD}hasEmail", _iri(f"mailto:{ki.contact.email}"))

    whole = entries[0].span if entries else None
    for entry in entries[1:]:
        whole = whole.widen(entry.span) if whole else entry.span
    g.add(catalog, RDF_TYPE, _iri(f"{DCAT}Catalog"))
    g.add(catalog, f"{DCT}title", _literal(f"KIM-Portal {data.region.name.de}: offene Daten"))
    g.add(catalog, f"{DCT}description", _literal(
        "Offene Daten zum Kommunalen Integrationsmanagement (KIM) im Gebiet "
        f"{data.region.name.de}: Quellen, Finanzierung, Stellen, Drucksachen, Gremien und "
        "Angebote."))
    g.add(catalog, f"{DCT}publisher", publisher)
    g.add(catalog, f"{FOAF}homepage", homepage)
    g.add(catalog, f"{DCT}language", german)
    g.add(catalog, f"{DCT}license", licence)
    g.add(catalog, f"{DCT}spatial", spatial)
    if whole:
        g.add(catalog, f"{DCT}issued", _when(whole.created))
        g.add(catalog, f"{DCT}modified", _when(whole.modified))

    for entry in entries:
        node = _iri(f"{base}#{entry.key}")
        g.add(catalog, f"{DCAT}dataset", node)
        g.add(node, RDF_TYPE, _iri(f"{DCAT}Dataset"))
        g.add(node, f"{DCT}title", _literal(f"KIM-Portal {data.region.name.de}: {entry.title}"))
        g.add(node, f"{DCT}description", _literal(entry.description))
        g.add(node, f"{DCT}identifier", _literal(f"{base}#{entry.key}", None))
        g.add(node, f"{DCT}publisher", publisher)
        if contact:
            g.add(node, f"{DCAT}contactPoint", contact)
        for theme in entry.themes:
            g.add(node, f"{DCAT}theme", _concept(g, f"{EU}data-theme/{theme}", f"{EU}data-theme",
                                                 THEMES[theme]))
        g.add(node, f"{DCAT}keyword", _literal("Integration"),
              _literal("Kommunales Integrationsmanagement"))
        g.add(node, f"{DCT}language", german)
        g.add(node, f"{DCT}spatial", spatial)
        g.add(node, f"{DCAT}landingPage", landing)
        g.add(node, f"{DCT}issued", _when(entry.span.created))
        g.add(node, f"{DCT}modified", _when(entry.span.modified))
        for index, d in enumerate(entry.distributions, 1):
            dist = _iri(f"{base}#{entry.key}-{index}")
            mediatype, label = FORMATS[d.format]
            g.add(node, f"{DCAT}distribution", dist)
            g.add(dist, RDF_TYPE, _iri(f"{DCAT}Distribution"))
            g.add(dist, f"{DCT}title", _literal(d.title))
            g.add(dist, f"{DCAT}accessURL", _iri(d.url))
            g.add(dist, f"{DCAT}downloadURL", _iri(d.url))
            g.add(dist, f"{DCT}format", _concept(g, f"{EU}file-type/{d.format}",
                                                 f"{EU}file-type", label,
                                                 f"{DCT}MediaTypeOrExtent"))
            media = _iri(f"https://www.iana.org/assignments/media-types/{mediatype}")
            g.add(media, RDF_TYPE, _iri(f"{DCT}MediaType"))
            g.add(dist, f"{DCAT}mediaType", media)
            g.add(dist, f"{DCT}license", licence)
            g.add(dist, f"{DCATDE}licenseAttributionByText",
                  _literal(f"{data.region.name.de}, KIM-Portal"))
            if d.size is not None:
                g.add(dist, f"{DCAT}byteSize", _typed(str(d.size), "nonNegativeInteger"))
            if d.conforms_to:
                standard = _iri(d.conforms_to)
                g.add(standard, RDF_TYPE, _iri(f"{DCT}Standard"))
                g.add(dist, f"{DCT}conformsTo", standard)
            g.add(dist, f"{DCT}issued", _when(entry.span.created))
            g.add(dist, f"{DCT}modified", _when(entry.span.modified))
    return g.turtle()
