"""`kim report offers`: what editors should look at, per municipality (German output)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from .i18n import languages
from .loader import Dataset
from .pages.offers import review_overdue, towns
from .schema import Offer


@dataclass(frozen=True)
class OfferIssues:
    offer: Offer
    overdue: bool
    no_contact: bool
    missing_languages: tuple[str, ...]  # portal languages without a name or summary translation

    @property
    def any(self) -> bool:
        return self.overdue or self.no_contact or bool(self.missing_languages)


def offer_issues(data: Dataset, today: date) -> list[OfferIssues]:
    others = [lang.code for lang in languages() if lang.code != "de"]
    found = []
    for offer in data.offers.values():
        missing = tuple(code for code in others
                        if offer.name.translation(code) is None
                        or offer.summary.translation(code) is None)
        no_contact = not any(c.phone or c.email or c.website for c in offer.contacts)
        found.append(OfferIssues(offer,
                                 review_overdue(offer, data.region.review_interval_days, today),
                                 no_contact, missing))
    return found


def offers_report(data: Dataset, today: date) -> str:
    """The report as text: one section per municipality, then offers without a service area."""
    issues = [i for i in offer_issues(data, today) if i.any]
    interval = data.region.review_interval_days
    lines = [f"Bericht Angebote: {data.region.name.de}, Stand {today.strftime('%d.%m.%Y')}",
             f"{len(data.offers)} Angebote, davon {len(issues)} mit Hinweisen. "
             f"Prüfintervall: {interval} Tage (region.yml, review_interval_days).", ""]
    if not issues:
        lines.append("Keine Hinweise: alle Angebote sind geprüft, haben Kontakt und Übersetzungen.")
        return "\n".join(lines) + "\n"
    groups: list[tuple[str, list[OfferIssues]]] = []
    for town in data.region.municipalities:
        here = [i for i in issues if town.id in towns(data, i.offer)]
        if here:
            groups.append((town.name, here))
    regionwide = [i for i in issues if i.offer.region_wide]
    if regionwide:
        groups.append((f"Ganze Region laut Dokument ({data.region.name.de})", regionwide))
    unknown = [i for i in issues if not i.offer.region_wide and not towns(data, i.offer)]
    if unknown:
        groups.append(("Einzugsgebiet: keine Angabe", unknown))
    for title, group in groups:
        lines.append(f"== {title} ({len(group)})")
        for item in sorted(group, key=lambda i: i.offer.id):
            origin = data.origins.get(("offer", item.offer.id))
            where = f"{origin.file}" if origin else item.offer.id
            notes = []
            if item.overdue:
                notes.append("Prüfung überfällig (zuletzt geprüft: "
                             + (item.offer.last_reviewed.strftime("%d.%m.%Y")
                                if item.offer.last_reviewed else "nie") + ")")
            if item.no_contact:
                notes.append("ohne Kontakt (Seite zeigt den Kontakt des KI)")
            if item.missing_languages:
                notes.append("ohne Übersetzung: " + ", ".join(item.missing_languages))
            lines.append(f"- {item.offer.id} ({where}): " + "; ".join(notes))
        lines.append("")
    return "\n".join(lines)
