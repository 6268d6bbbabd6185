"""What a region's public website must carry, and what its data folder still lacks.

A public site needs an imprint (provider and contact), a contact for accessibility feedback and,
where the portal describes counselling, the client information under Art. 13 GDPR. The council
papers rarely state these; a gap is shown as a gap (German warning with file:line during
``kim validate`` and ``kim build``, and the public page /datenqualitaet/), never filled with
another region's text or a guess. Warnings never fail the build.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from pathlib import Path

from .i18n import DEFAULT_LANGUAGE, languages
from .loader import Dataset, display_path
from .regionpages import PAGES_FOLDER

REGION_FILE = "region.yml"
PRIVACY_PAGE = "datenschutz.md"


@dataclass(frozen=True)
class Gap:
    file: str
    line: int
    subject: str  # Impressum, Barrierefreiheit, Datenschutz
    message: str  # German, for editors and readers

    def where(self) -> str:
        return f"{self.file}:{self.line}"

    def __str__(self) -> str:
        return f"{self.where()}: Warnung: Vollständigkeit ({self.subject}): {self.message}"


def key_line(path: Path, *keys: str) -> int:
    """Line of the nested key ``keys`` in a YAML file (its parent's line where it is missing).

    Where nothing is found, the last line: that is where an editor would add the block.
    """
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError:
        return 1
    found, start = 0, 0
    for depth, key in enumerate(keys):
        pattern = re.compile(rf"^{' ' * (2 * depth)}{re.escape(key)}\s*:")
        hit = next((n for n in range(start, len(lines)) if pattern.match(lines[n])), None)
        if hit is None:
            break
        found, start = hit + 1, hit + 1
    return found or max(len(lines), 1)


def _has_contact(entry) -> bool:
    contact = entry.contact
    return entry.address is not None or bool(
        contact and (contact.phone or contact.email or contact.website))


def gaps(data: Dataset) -> list[Gap]:
    """Every missing item of the region's site, in the order the site's footer lists its pages."""
    region_file = data.root / REGION_FILE
    shown = display_path(region_file)
    site = data.region.site
    found: list[Gap] = []

    def gap(subject: str, message: str, *keys: str) -> None:
        found.append(Gap(shown, key_line(region_file, *keys), subject, message))

    provider = site.provider if site else None
    if provider is None:
        gap("Impressum", "Anbieter (Herausgeber) der Website fehlt; erwartet: site.provider.name "
            "mit Anschrift oder Kontakt. Die Website zeigt im Impressum und im Datenschutz, "
            "dass er fehlt.", "site", "provider")
    elif not _has_contact(provider):
        gap("Impressum", "Kontakt des Anbieters fehlt; erwartet: site.provider.address oder "
            "site.provider.contact (Telefon, E-Mail).", "site", "provider")
    feedback = site.accessibility_contact if site else None
    if feedback is None or not _has_contact(feedback):
        gap("Barrierefreiheit", "Kontakt für Rückmeldungen zur Barrierefreiheit fehlt; erwartet: "
            "site.accessibility_contact mit Anschrift oder Kontakt.",
            "site", "accessibility_contact")
    found += _client_information(data, shown, region_file)
    if site is None or site.editorial_email is None:
        gap("Fehler melden", "E-Mail-Adresse der Redaktion fehlt; erwartet: "
            "site.editorial_email. Ohne sie zeigt die Website keinen Link „Fehler melden“.",
            "site", "editorial_email")
    return found


def _client_information(data: Dataset, shown: str, region_file: Path) -> list[Gap]:
    site = data.region.site
    if site is None or site.client_information is None:
        return [Gap(shown, key_line(region_file, "site", "client_information"), "Datenschutz",
                    "Information nach Art. 13 DSGVO für die Beratung fehlt; erwartet: "
                    "site.client_information (Dokument und Abschnitt) und der Text in "
                    f"{PAGES_FOLDER}/de/{PRIVACY_PAGE}.")]
    line = key_line(region_file, "site", "client_information")
    pages = data.root / PAGES_FOLDER
    missing = [lang.code for lang in languages()
               if not (pages / lang.code / PRIVACY_PAGE).is_file()]
    if DEFAULT_LANGUAGE in missing:
        return [Gap(shown, line, "Datenschutz", "Information nach Art. 13 DSGVO ist angegeben, "
                    "steht aber auf keiner Seite: "
                    f"{display_path(pages / DEFAULT_LANGUAGE / PRIVACY_PAGE)} "
                    "fehlt.")]
    # The information must be handed out in the client's language: each missing one is a gap.
    return [Gap(shown, line, "Datenschutz", f"Information nach Art. 13 DSGVO fehlt in der Sprache "
                f"'{code}': {display_path(pages / code / PRIVACY_PAGE)} fehlt (die Seite erscheint "
                "dort auf Deutsch).") for code in missing]


def report(data: Dataset, stream=None) -> list[Gap]:
    """Print each gap as a German warning naming file:line; return them."""
    found = gaps(data)
    for item in found:
        print(item, file=stream or sys.stderr)
    if found:
        print(f"{len(found)} Hinweise zur Vollständigkeit (siehe /datenqualitaet/)",
              file=stream or sys.stderr)
    return found
