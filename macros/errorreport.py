"""'Fehler melden': every page links an e-mail to the region's editorial contact, with the
page's address and, on a record's page, the record's id filled in (issue 16 item 8).

A plain mailto: link: no form service, no third party. The address is region.yml
``site.editorial_email``; where a region has not entered one, no link is shown and the
completeness warnings (/datenqualitaet/) name the gap.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import quote

from .i18n import Translator, language
from .loader import Dataset
from .pages import registry


@dataclass(frozen=True)
class ReportLink:
    href: str  # mailto: URL, percent-encoded
    label: str  # "Fehler melden" in the reader's language (plain text)


# The dataset of the last lookup and its record pages (a build renders one dataset's pages).
_last: tuple[Dataset, dict[str, str]] | None = None


def _record_ids(data: Dataset) -> dict[str, str]:
    """Page URL (inside a language) -> the id of the record the page shows."""
    global _last
    if _last is None or _last[0] is not data:
        found = {registry.url("offer", ident): ident for ident in data.offers}
        found |= {registry.url("paper", ident): ident for ident in data.papers}
        found |= {registry.url("module", m.number): str(m.number) for m in data.modules}
        _last = (data, found)
    return _last[1]


def record_id(data: Dataset, page_url: str) -> str | None:
    return _record_ids(data).get(page_url)


def mailto(address: str, subject: str, body: str) -> str:
    """A mailto: URL (RFC 6068) with subject and body percent-encoded."""
    return f"mailto:{address}?subject={quote(subject, safe='')}&body={quote(body, safe='')}"


def report_link(data: Dataset, lang_code: str, page_url: str, absolute_url: str,
                record: str | None) -> ReportLink | None:
    """The link of one page (``record``: the id of the record it shows, ``record_id``), or None
    where the region names no editorial e-mail."""
    site = data.region.site
    address = site.editorial_email if site else None
    if not address:
        return None
    tr = Translator(language(lang_code))
    # The first lines are for the editors (German field names, fixed form); then the reader
    # writes in their own language, asked in it.
    lines = [f"Seite: {absolute_url or page_url}"]
    if record is not None:
        lines.append(f"Kennung: {record}")
    lines += ["", tr.label("report.body"), ""]
    subject = f"{tr.label('report.subject')}: {absolute_url or page_url}"
    return ReportLink(mailto(address, subject, "\n".join(lines)),
                      tr.label("report.link"))
