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
What OParl has no property for is a vendor extension with the prefix ``kim:`` (the spec allows
them): a consultation's meeting date (we publish no Meeting objects), whether it is public and
its result, a paper's summary, an organisation's description.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date
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


def _source_day(data: Dataset, source: Source | None) -> date | None:
    document = data.documents.get(source.document) if source else None
    return document.date if document else None


class _Export:
    """One region's OParl objects; remembers every object's span for Body and System."""

    def __init__(self, data: Dataset, site_root: str) -> None:
        self.data = data
        self.site_root = site_root
        self.urls = Urls(f"{site_root}daten/{FOLDER}/")
        self.body_url = self.urls.item("body", data.region.id)
        self.spans: list[Span] = []

    def span(self, file_name: str, day: date | None) -> Span:
        """The span of a record of ``file_name`` whose own document is of ``day``."""
        path = self.data.root / file_name
        found = file_span(path if path.exists() else self.data.root / "region.yml").starting(day)
        self.spans.append(found)
        return found

    def memberships(self) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
        """Memberships and the persons that hold them (each person embeds its memberships)."""
        items, persons, person_spans = [], {}, {}
        for m in published_memberships(self.data):
            assert m.person is not None  # published_memberships keeps only these
            pid = person_id(m.person.name)
            span = self.span("bodies.yml", _source_day(self.data, m.source))
            item: dict[str, Any] = {
                "id": self.urls.item("membership", membership_id(m)),
                "type": f"{OPARL}Membership", "person": self.urls.item("person", pid),
                "organization": self.urls.item("organization", m.organization),
                "role": m.role.de}
            if m.votingRight is not None:
                item["votingRight"] = m.votingRight
            if m.onBehalfOf in self.data.organizations:
                item["onBehalfOf"] = self.urls.item("organization", m.onBehalfOf)
            item.update(_dates(span))
            items.append(item)
            person = persons.setdefault(pid, {"id": self.urls.item("person", pid),
                                              "type": f"{OPARL}Person", "body": self.body_url,
                                              "name": m.person.name, "membership": []})
            person["membership"].append(item)
            person_spans[pid] = person_spans[pid].widen(span) if pid in person_spans else span
        for pid, person in persons.items():
            person.update(_dates(person_spans[pid]))
        return items, list(persons.values())

    def organizations(self, memberships: list[dict[str, Any]]) -> list[dict[str, Any]]:
        members: dict[str, list[str]] = {}
        for m in memberships:
            members.setdefault(m["organization"], []).append(m["id"])
        out = []
        for o in self.data.organizations.values():
            url = self.urls.item("organization", o.id)
            item = {"id": url, "type": f"{OPARL}Organization", "body": self.body_url,
                    "name": o.name.de, "organizationType": o.organizationType}
            if members.get(url):
                item["membership"] = members[url]
            if o.classification:
                item["classification"] = o.classification
            if o.subOrganizationOf:
                item["subOrganizationOf"] = self.urls.item("organization", o.subOrganizationOf)
            if o.description:  # OParl has no description of an Organization
                item["kim:description"] = o.description.de
            item.update(_dates(self.span("bodies.yml", _source_day(self.data, o.source))))
            out.append(item)
        return out

    def papers(self) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
        """Papers (each embeds its consultations) and the consultations."""
        papers, consultations = [], []
        for p in self.data.papers.values():
            url = self.urls.item("paper", p.id)
            dates = _dates(self.span("papers.yml", p.date))
            own = [{"id": self.urls.item("consultation", f"{p.id}-{index}"),
                    "type": f"{OPARL}Consultation", "paper": url,
                    "organization": [self.urls.item("organization", c.organization)],
                    "role": c.role, "authoritative": c.authoritative,
                    # OParl puts the date on a Meeting; we publish no meetings, so say it here.
                    "kim:meetingDate": c.meeting_date.isoformat(), "kim:public": c.public,
                    **({"kim:result": c.result} if c.result else {}), **dates}
                   for index, c in enumerate(p.consultation, 1)]
            consultations.extend(own)
            item = {"id": url, "type": f"{OPARL}Paper", "body": self.body_url,
                    "name": p.name.de, **({"reference": p.reference} if p.reference else {}),
                    **({"date": p.date.isoformat()} if p.date else {}),
                    "paperType": p.paperType, "web": f"{self.site_root}beschluesse/{p.id}/",
                    **dates}
            if p.underDirectionOf:
                item["underDirectionOf"] = [self.urls.item("organization", o)
                                            for o in p.underDirectionOf]
            if p.summary:  # OParl has no summary of a Paper
                item["kim:summary"] = p.summary.de
            if p.relatedPaper:
                item["relatedPaper"] = [self.urls.item("paper", r) for r in p.relatedPaper]
            if own:
                item["consultation"] = own
            papers.append(item)
        return papers, consultations

    def whole(self) -> Span:
        whole = self.spans[0] if self.spans else file_span(self.data.root / "region.yml")
        for span in self.spans[1:]:
            whole = whole.widen(span)
        return whole


def build(data: Dataset, site_root: str, licence_url: str) -> dict[str, dict[str, Any]]:
    """Every OParl file by its path inside /daten/oparl/ (JSON-ready dicts)."""
    export = _Export(data, site_root)
    urls = export.urls
    memberships, persons = export.memberships()
    organizations = export.organizations(memberships)
    papers, consultations = export.papers()
    dates = _dates(export.whole())
    body = {"id": export.body_url, "type": f"{OPARL}Body", "system": urls.list("system"),
            "name": data.region.name.de, "website": site_root, "license": licence_url,
            "organization": urls.list("organizations"), "person": urls.list("persons"),
            "meeting": urls.list("meetings"), "paper": urls.list("papers"),
            "membership": urls.list("memberships"), "consultation": urls.list("consultations"),
            "legislativeTerm": [], "web": site_root, **dates}
    system = {"id": urls.list("system"), "type": f"{OPARL}System", "oparlVersion": OPARL,
              "body": urls.list("bodies"), "name": f"KIM-Portal {data.region.name.de}",
              "license": licence_url, "website": site_root, **dates}
    out: dict[str, dict[str, Any]] = {
        "system.json": system,
        "bodies.json": _page([body], urls.list("bodies")),
        f"body/{data.region.id}.json": body,
    }
    for name, items in (("organizations", organizations), ("memberships", memberships),
                        ("persons", persons), ("papers", papers),
                        ("consultations", consultations), ("meetings", [])):
        out[f"{name}.json"] = _page(items, urls.list(name))
        for item in items:  # every object also at its own id URL
            out[item["id"][len(urls.base):]] = item
    return out
