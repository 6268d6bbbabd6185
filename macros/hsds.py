"""HSDS 3.0 (Open Referral) in its API form, as static files under /daten/hsds/:

    index.json                      the API root (``version``)
    services.json                   the /services page: every service (service_list form)
    services/<uuid>.json            /services/{id}: one service in full (compiled service.json)
    organizations.json              the /organizations page (organization_list form)

Ids are UUIDs (uuid5 of a fixed namespace and ``<region>/<kind>/<slug>``), so they stay the same
across builds as long as the slug does. An offer whose status no document names is left out:
HSDS requires a status and has no "unknown". A value the data does not have is left out, never null.
Text is German (the source language).
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Iterator
from typing import Any

from . import offerstore
from .i18n import Translator, language
from .loader import Dataset
from .pages.offers import towns
from .provenance import file_span, stamp
from .schema import Offer

FOLDER = "hsds"
VERSION = "3.0"
# Fixed for ever: changing it changes every published id.
NAMESPACE = uuid.UUID("0b7f3c2e-5a36-5d0e-9f43-6a1f0c5e8d21")

_BYDAY = {"mo": "MO", "di": "TU", "mi": "WE", "do": "TH", "fr": "FR", "sa": "SA", "so": "SU"}
STATUS = {"aktiv": "active", "geplant": "inactive", "vorübergehend geschlossen":
          "temporarily closed", "beendet": "defunct"}
# HSDS requires a status and has none for "no document says": such an offer is left out of the
# HSDS export (it stays in angebote.csv/json with status "unbekannt" and on the site).
UNMAPPED_STATUS = frozenset({"unbekannt"})


def exported(data: Dataset) -> Iterator[Offer]:
    """The offers HSDS can carry (a known status), by id; expanded one at a time."""
    facets = offerstore.offer_facets(data.offers)
    return (data.offers[i] for i in sorted(data.offers)
            if facets[i].status not in UNMAPPED_STATUS)


def uid(data: Dataset, kind: str, *slug: object) -> str:
    return str(uuid.uuid5(NAMESPACE, "/".join([data.region.id, kind, *map(str, slug)])))


def _organization(data: Dataset, ident: str) -> dict[str, Any]:
    """A provider as an HSDS organization; the description says what the data knows of it."""
    region = data.region.name.de
    if ident in data.providers:
        p = data.providers[ident]
        document = data.documents.get(p.source.document)
        where = f"; genannt in: {document.title}" if document else ""
        out = {"name": p.name, "description": f"Träger von Angeboten im Gebiet {region} "
               f"(Art: {p.kind}){where}"}
        if p.website:
            out["website"] = p.website
    elif ident in data.organizations:
        o = data.organizations[ident]
        out = {"name": o.name.de, "description": o.description.de if o.description
               else f"{o.classification or o.organizationType} ({region})"}
    else:
        out = {"name": data.municipalities[ident].name, "description": f"Kommune ({region})"}
    return {"id": uid(data, "organization", ident), **out}


# Our two vocabularies of offers as HSDS taxonomies: catalogue key prefix, taxonomy name, and
# how a term is described (from its German label; the portal has no longer definitions).
TAXONOMIES = {
    "topic": ("KIM-Portal: Themen der Angebote",
              "Thema „{}“ der Angebotsübersicht des KIM-Portals"),
    "target": ("KIM-Portal: Zielgruppen der Angebote",
               "Zielgruppe „{}“ der Angebotsübersicht des KIM-Portals"),
}


def _term(data: Dataset, tr: Translator, kind: str, code: str) -> dict[str, Any]:
    label = tr.t(f"{kind}.{code}").striptags()
    taxonomy, described = TAXONOMIES[kind]
    return {"id": uid(data, "taxonomy_term", kind, code), "code": code, "name": label,
            "description": described.format(label), "taxonomy": taxonomy, "language": "de"}


def _location(data: Dataset, offer: Offer, index: int, location: Any) -> dict[str, Any]:
    place: dict[str, Any] = {"id": uid(data, "location", offer.id, index),
                             "location_type": "physical"}
    town = data.municipalities.get(location.municipality) if location.municipality else None
    if location.name:
        place["name"] = location.name.de
    elif town:
        place["name"] = town.name
    if location.latitude is not None and location.longitude is not None:
        place["latitude"] = float(location.latitude)
        place["longitude"] = float(location.longitude)
    if location.address:
        place["addresses"] = [{
            "id": uid(data, "address", offer.id, index), "address_1": location.address.street,
            "city": location.address.locality, "postal_code": location.address.postal_code,
            # KIM is a programme of North Rhine-Westphalia: every region lies there.
            "state_province": "Nordrhein-Westfalen", "country": "DE", "address_type": "physical"}]
    if location.accessibility:
        place["accessibility"] = [{"id": uid(data, "accessibility", offer.id, index),
                                   "description": location.accessibility.de}]
    return place


def service(data: Dataset, offer: Offer, tr: Translator) -> dict[str, Any]:
    """One offer as a full HSDS service (compiled service.json)."""
    sid = uid(data, "service", offer.id)
    out: dict[str, Any] = {"id": sid, "name": offer.name.de, "description": offer.summary.de,
                           "status": STATUS[offer.status]}
    contact = next((c for c in offer.contacts if c.website), None)
    if contact:
        out["url"] = contact.website
    mail = next((c for c in offer.contacts if c.email), None)
    if mail:
        out["email"] = mail.email
    if offer.interpreting is not None:
        out["interpretation_services"] = ("Sprachmittlung möglich" if offer.interpreting
                                          else "Keine Sprachmittlung")
    if offer.cost:
        out["fees_description"] = offer.cost.de
    elif offer.free_of_charge:
        out["fees_description"] = "kostenlos"
    if offer.access:
        out["application_process"] = ", ".join(offer.access)
    if offer.last_reviewed:
        out["assured_date"] = offer.last_reviewed.isoformat()
    path = data.root / "offers" / f"{offer.id}.yml"
    if path.exists():
        out["last_modified"] = stamp(file_span(path).modified)
    if offer.provider:
        org = _organization(data, offer.provider)
        out["organization_id"] = org["id"]
        out["organization"] = org
    out["phones"] = [{"id": uid(data, "phone", offer.id, i), "number": c.phone}
                     for i, c in enumerate(offer.contacts, 1) if c.phone]
    out["contacts"] = [
        {"id": uid(data, "contact", offer.id, i),
         **({"name": c.name.de} if c.name else {}), **({"email": c.email} if c.email else {}),
         **({"phones": [{"id": uid(data, "contact_phone", offer.id, i), "number": c.phone}]}
            if c.phone else {})}
        for i, c in enumerate(offer.contacts, 1) if c.name or c.email or c.phone]
    out["required_documents"] = [{"id": uid(data, "required_document", offer.id, i),
                                  "document": d.de}
                                 for i, d in enumerate(offer.documents, 1)]
    out["languages"] = [{"id": uid(data, "language", offer.id, code), "code": code}
                        for code in offer.languages]
    out["schedules"] = [
        {"id": uid(data, "schedule", offer.id, i, w), "freq": "WEEKLY", "byday": _BYDAY[h.day],
         "opens_at": h.opens, "closes_at": h.closes,
         **({"valid_from": s.valid_from.isoformat()} if s.valid_from else {}),
         **({"valid_to": s.valid_to.isoformat()} if s.valid_to else {}),
         **({"description": s.note.de} if s.note else {})}
        for i, s in enumerate(offer.schedules, 1) for w, h in enumerate(s.weekly, 1)]
    # The towns a document names (pages.offers.towns, as on the offer's page), else the region
    # where a document says region-wide; an unknown area is no service_areas entry at all.
    served = [data.municipalities[m] for m in towns(data, offer) if m in data.municipalities]
    areas = ([{"id": uid(data, "service_area", offer.id, m.id), "name": m.name} for m in served]
             or ([{"id": uid(data, "service_area", offer.id, data.region.id),
                   "name": data.region.name.de}] if offer.region_wide else []))
    if areas:
        out["service_areas"] = areas
    out["service_at_locations"] = [
        {"id": uid(data, "service_at_location", offer.id, i),
         "location": _location(data, offer, i, location)}
        for i, location in enumerate(offer.locations, 1)]
    out["attributes"] = [{"id": uid(data, "attribute", offer.id, kind, code),
                          "taxonomy_term": _term(data, tr, kind, code)}
                         for kind, codes in (("topic", offer.topics),
                                             ("target", offer.target_groups))
                         for code in codes]
    return out


_LIST_KEYS = ("id", "organization_id", "name", "description", "url", "email", "status",
              "interpretation_services", "application_process", "fees_description",
              "assured_date", "last_modified", "organization")


def _page(contents: list[dict[str, Any]]) -> dict[str, Any]:
    return {"total_items": len(contents), "total_pages": 1, "page_number": 1,
            "size": len(contents), "first_page": True, "last_page": True,
            "empty": not contents, "contents": contents}


def build(data: Dataset) -> dict[str, dict[str, Any]]:
    """Every HSDS file by its path inside /daten/hsds/."""
    return dict(documents(data))


def documents(data: Dataset, offers: Iterable[Offer] | None = None,
              ) -> Iterator[tuple[str, dict[str, Any]]]:
    """Every HSDS file (path inside /daten/hsds/, document), one service at a time: at
    10,000 offers all services at once take about 70 MB. ``offers``: the exported offers in
    their order when a caller walks them anyway (macros/opendata.py), else ``exported``."""
    tr = Translator(language("de"))
    yield "index.json", {"version": VERSION}
    listed = []
    providers_seen: set[str] = set()
    for offer in exported(data) if offers is None else offers:
        found = service(data, offer, tr)
        listed.append({k: found[k] for k in _LIST_KEYS if k in found})
        if offer.provider:
            providers_seen.add(offer.provider)
        yield f"services/{found['id']}.json", found
    yield "services.json", _page(listed)
    providers = sorted(providers_seen)
    yield "organizations.json", _page([_organization(data, p) for p in providers])
