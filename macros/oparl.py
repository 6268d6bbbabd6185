"""OParl 1.1 as static files under /daten/oparl/: a System and a Body as the entry point, one
list file per object type, every object at its own ``id`` URL.

Layout (``<base>`` is ``<site>/daten/oparl/``)::

    system.json                    oparl:System (the entry point)
    bodies.json, body/<id>.json    the region as oparl:Body
    organizations.json             oparl:Organization list; organization/<id>.json each
    memberships.json               oparl:Membership list; membership/<id>.json each
    persons.json                   oparl:Person list (publishable names only); person/<id>.json
    papers.json                    oparl:Paper list; paper/<id>.json each
    consultations.json             oparl:Consultation list; consultation/<id>.json each
    meetings.json                  empty oparl:Meeting list (we publish no meetings)

``created``/``modified`` (OParl 1.1 requires both on every object): ``created`` is the day of the
object's own document (a paper's date; otherwise the date of its source document) and, when that
document has no date, the first commit of the data file; ``modified`` is the last change of the
data file (``provenance.file_span``). Body and System span all their objects.
Memberships are published only where a person may be named: OParl requires ``person`` on a
membership fetched by its own URL, and a membership without a person is a seat, not a
membership. Those seats stay in mitgliedschaften.csv and on the site.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Any

from .loader import Dataset
from .provenance import Span, file_span, stamp
from .schema import Membership, Source

OPARL = "https://schema.oparl.org/1.1/"
FOLDER = "oparl"


def _short_hash(*parts: str) -> str:
    """A stable id for records that have none of their own (memberships, persons)."""
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:12]


def membership_id(m: Membership) -> str:
    person = m.person.name if m.person else ""
    return f"{m.organization}-{_short_hash(m.organization, m.role.de, m.onBehalfOf or '', person)}"


def person_id(name: str) -> str:
    return _short_hash("person", name)


def published_memberships(data: Dataset) -> list[Membership]:
    """Memberships OParl can carry: those with a person who may be named."""
    return [m for m in data.memberships if m.person and m.person.publishable]


@dataclass(frozen=True)
class Urls:
    base: str  # .../daten/oparl/

    def list(self, name: str) -> str:
        return f"{self.base}{name}.json"

    def item(self, kind: str, ident: str) -> str:
        return f"{self.base}{kind}/{ident}.json"


def _page(items: list[dict[str, Any]], url: str) -> dict[str, Any]:
    """One list file: every object of one type on a single page (OParl 2.5 paging)."""
    return {"data": items,
            "pagination": {"totalElements": len(items), "elementsPerPage": max(len(items), 1),
                           "currentPage": 1, "totalPages": 1},
            "links": {"first": url, "last": url}}


def _dates(span: Span) -> dict[str, str]:
    return {"created": stamp(span.created), "modified": stamp(span.modified)}


def _source_day(data: Dataset, source: Source | None):
    document = data.documents.get(source.document) if source else None
    return document.date if document else None


def build(data: Dataset, site_root: str, licence_url: str) -> dict[str, dict[str, Any]]:
    """Every OParl file by its path inside /daten/oparl/ (JSON-ready dicts)."""
    urls = Urls(f"{site_root}daten/{FOLDER}/")
    body_url = urls.item("body", data.region.id)
    bodies_file = file_span(data.root / "bodies.yml") if (data.root / "bodies.yml").exists() \
        else None
    papers_file = file_span(data.root / "papers.yml") if (data.root / "papers.yml").exists() \
        else None
    spans: list[Span] = []

    def span_of(file: Span | None, day) -> Span:
        base = file or file_span(data.root / "region.yml")
        found = base.starting(day)
        spans.append(found)
        return found

    memberships = published_memberships(data)
    membership_items: list[dict[str, Any]] = []
    by_org: dict[str, list[str]] = {}
    persons: dict[str, dict[str, Any]] = {}
    for m in memberships:
        ident = urls.item("membership", membership_id(m))
        assert m.person is not None  # published_memberships keeps only these
        pid = person_id(m.person.name)
        item: dict[str, Any] = {"id": ident, "type": f"{OPARL}Membership",
                                "person": urls.item("person", pid),
                                "organization": urls.item("organization", m.organization),
                                "role": m.role.de}
        if m.votingRight is not None:
            item["votingRight"] = m.votingRight
        if m.onBehalfOf in data.organizations:
            item["onBehalfOf"] = urls.item("organization", m.onBehalfOf)
        span = span_of(bodies_file, _source_day(data, m.source))
        item.update(_dates(span))
        membership_items.append(item)
        by_org.setdefault(m.organization, []).append(ident)
        person = persons.setdefault(pid, {"id": urls.item("person", pid),
                                          "type": f"{OPARL}Person", "body": body_url,
                                          "name": m.person.name, "membership": [],
                                          "_span": span})
        person["membership"].append(item)
        person["_span"] = person["_span"].widen(span)
    person_items = []
    for person in persons.values():
        span = person.pop("_span")
        person.update(_dates(span))
        person_items.append(person)

    organizations = []
    for o in data.organizations.values():
        item = {"id": urls.item("organization", o.id), "type": f"{OPARL}Organization",
                "body": body_url, "name": o.name.de, "organizationType": o.organizationType}
        if by_org.get(o.id):
            item["membership"] = by_org[o.id]
        if o.classification:
            item["classification"] = o.classification
        if o.subOrganizationOf:
            item["subOrganizationOf"] = urls.item("organization", o.subOrganizationOf)
        item.update(_dates(span_of(bodies_file, _source_day(data, o.source))))
        organizations.append(item)

    papers, consultations = [], []
    for p in data.papers.values():
        paper_url = urls.item("paper", p.id)
        span = span_of(papers_file, p.date)
        own = []
        for index, c in enumerate(p.consultation, 1):
            own.append({
                "id": urls.item("consultation", f"{p.id}-{index}"),
                "type": f"{OPARL}Consultation", "paper": paper_url,
                "organization": [urls.item("organization", c.organization)],
                "role": c.role, "authoritative": c.authoritative,
                # OParl puts the date on a Meeting; we publish no meetings, so say it here.
                "kim:meetingDate": c.meeting_date.isoformat(), **_dates(span)})
        consultations.extend(own)
        item = {"id": paper_url, "type": f"{OPARL}Paper", "body": body_url, "name": p.name.de,
                "reference": p.reference, "date": p.date.isoformat(), "paperType": p.paperType,
                "web": f"{site_root}beschluesse/{p.id}/", **_dates(span)}
        if p.underDirectionOf:
            item["underDirectionOf"] = [urls.item("organization", o) for o in p.underDirectionOf]
        if p.relatedPaper:
            item["relatedPaper"] = [urls.item("paper", r) for r in p.relatedPaper]
        if own:
            item["consultation"] = own
        papers.append(item)

    whole = spans[0] if spans else file_span(data.root / "region.yml")
    for span in spans[1:]:
        whole = whole.widen(span)
    body = {"id": body_url, "type": f"{OPARL}Body", "system": urls.list("system"),
            "name": data.region.name, "website": site_root, "license": licence_url,
            "organization": urls.list("organizations"), "person": urls.list("persons"),
            "meeting": urls.list("meetings"), "paper": urls.list("papers"),
            "membership": urls.list("memberships"), "consultation": urls.list("consultations"),
            "legislativeTerm": [], "web": site_root, **_dates(whole)}
    system = {"id": urls.list("system"), "type": f"{OPARL}System",
              "oparlVersion": OPARL, "body": urls.list("bodies"),
              "name": f"KIM-Portal {data.region.name}", "license": licence_url,
              "website": site_root, **_dates(whole)}
    out: dict[str, dict[str, Any]] = {
        "system.json": system,
        "bodies.json": _page([body], urls.list("bodies")),
        f"body/{data.region.id}.json": body,
    }
    for name, items in (("organizations", organizations), ("memberships", membership_items),
                        ("persons", person_items), ("papers", papers),
                        ("consultations", consultations), ("meetings", [])):
        out[f"{name}.json"] = _page(items, urls.list(name))
        for item in items:  # every object also at its own id URL
            out[item["id"][len(urls.base):]] = item
    return out
