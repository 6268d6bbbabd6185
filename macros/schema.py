"""The data model of a KIM portal: the single source of truth.

Every YAML file under a data folder is validated against one of the file models at the end of
this module. Field descriptions are written in German because they are shown to editors: in the
generated JSON Schema (autocompletion in their editor) and in the editor guide.

Cross references between files (a paper's committee, a position's holder, ...) are declared with
``Ref("kind")`` in a field's metadata and checked by :mod:`macros.references` once all files are
loaded, so the rule lives beside the field it constrains.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    Strict,
    StringConstraints,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError


class StrictModel(BaseModel):
    """Base of all data records: unknown keys are errors, values keep their exact type."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True, populate_by_name=False)


@dataclass(frozen=True)
class Ref:
    """Marks a string field as the id of another record (checked after loading)."""

    kind: str


# --- Simple value types ------------------------------------------------------------------------

SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
Slug = Annotated[
    str,
    StringConstraints(pattern=SLUG_PATTERN, max_length=80),
    Field(description="Kennung aus Kleinbuchstaben, Ziffern und Bindestrichen, z. B. 'kreis-unna'"),
]
MARKUP = re.compile(r"<\s*[A-Za-z/!?]|\{\{|\{%|\{#")


def _no_markup(value: str) -> str:
    """Reader text is plain text: HTML tags and template syntax are refused at the door."""
    found = MARKUP.search(value)
    if found:
        raise PydanticCustomError(
            "markup",
            "HTML oder Vorlagen-Syntax ist hier nicht erlaubt (gefunden: '{found}'); "
            "bitte reinen Text schreiben",
            {"found": value[found.start() : found.start() + 12]},
        )
    return value


def _number_not_text(value: Any) -> Any:
    if isinstance(value, str | bool):
        raise PydanticCustomError(
            "number_type", "Zahl erwartet (ohne Anführungszeichen, Dezimalpunkt), z. B. 1234.56"
        )
    return value


def _no_thousands_point(value: Any) -> Any:
    """'55.000' is 55 in YAML: refuse three decimals in amounts, a German thousands point."""
    if isinstance(value, Decimal) and value.as_tuple().exponent < -2:
        raise PydanticCustomError(
            "number_type",
            "höchstens zwei Nachkommastellen; Tausenderpunkte weglassen (55000 statt 55.000)",
        )
    return value


NonEmpty = Annotated[
    str, StringConstraints(min_length=1, max_length=20000), AfterValidator(_no_markup)
]
Year = Annotated[int, Field(ge=2000, le=2100, description="Jahr, vierstellig, z. B. 2022")]
Amount = Annotated[
    Decimal,
    Strict(False),
    BeforeValidator(_no_thousands_point),
    BeforeValidator(_number_not_text),
    Field(ge=0, max_digits=14, decimal_places=2, description="Betrag in Euro, z. B. 55000.00"),
]
Fte = Annotated[
    Decimal,
    Strict(False),
    BeforeValidator(_number_not_text),
    Field(gt=0, le=1000, max_digits=7, decimal_places=3, description="Vollzeitäquivalente, z. B. 0.75"),
]
# Dates arrive from the loader as datetime.date objects (YAML timestamps, checked there).
Day = Annotated[date, Field(description="Datum in der Form JJJJ-MM-TT, z. B. 2021-10-05")]


def _matching(pattern: str, description: str) -> Any:
    """Text that must match ``pattern`` (loader._PATTERN_HINTS says in German what is expected)."""
    return Annotated[str, StringConstraints(pattern=pattern), Field(description=description)]


PHONE_PATTERN = r"^\+?[0-9][0-9 /()-]{4,30}[0-9]$"
Phone = _matching(PHONE_PATTERN, "Telefonnummer, wie veröffentlicht, z. B. '02307 9248872'")
EMAIL_PATTERN = r"^[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}$"
Email = _matching(EMAIL_PATTERN, "E-Mail-Adresse")
URL_PATTERN = r"^https://[A-Za-z0-9.-]+\.[A-Za-z]{2,}(/[^\s<>\"']*)?$"
Url = _matching(URL_PATTERN, "Internetadresse, beginnend mit https://")
LANG_PATTERN = r"^[a-z]{2,3}(-[A-Za-z0-9]{1,8})*$"
LangTag = _matching(LANG_PATTERN, "Sprachkennung nach BCP 47, z. B. 'en', 'ar', 'de-x-ls'")
POSTAL_CODE_PATTERN = r"^[0-9]{5}$"
SOURCE_HASH_PATTERN = r"^[0-9a-f]{8}$"  # text_hash(): a translation's fingerprint of its German


def text_hash(german: str) -> str:
    """Fingerprint of a German source text; a translation stores it to detect later edits."""
    normalised = " ".join(german.split())
    return hashlib.sha256(normalised.encode("utf-8")).hexdigest()[:8]


# --- Translatable text -------------------------------------------------------------------------


class Translation(StrictModel):
    """One translation of a German text, with its review status."""

    text: NonEmpty = Field(description="Übersetzter Text")
    status: Literal["machine", "reviewed"] = Field(
        description="'machine': maschinell, nicht geprüft; 'reviewed': von einem Menschen geprüft"
    )
    source_hash: Annotated[str, StringConstraints(pattern=SOURCE_HASH_PATTERN)] = Field(
        description="Fingerabdruck des deutschen Textes, aus dem übersetzt wurde "
        "(kim translations hash berechnet ihn); weicht er ab, gilt die Übersetzung als veraltet"
    )


class Text(BaseModel):
    """Reader-facing text: German is required, other languages are optional translations.

    Written either as a plain string (German only) or as a mapping ``de: ...`` plus one entry
    per translated language (``en: {text: ..., status: machine, source_hash: ...}``).
    """

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)

    de: NonEmpty = Field(description="Deutscher Text (Pflicht)")
    translations: dict[LangTag, Translation] = Field(default_factory=dict)

    @model_validator(mode="before")
    @classmethod
    def _editor_form(cls, value: Any) -> Any:
        """Accept the form editors write and sort it into German plus translations."""
        if isinstance(value, str):
            return {"de": value}
        if not isinstance(value, dict):
            raise PydanticCustomError(
                "text_form",
                "Text erwartet: entweder ein Text auf Deutsch oder Einträge 'de:' (Pflicht) "
                "und je Sprache 'text', 'status', 'source_hash'",
            )
        if "translations" in value:
            return value
        return {
            **({"de": value["de"]} if "de" in value else {}),
            "translations": {k: v for k, v in value.items() if k != "de"},
        }

    @classmethod
    def __get_pydantic_json_schema__(cls, core_schema, handler):
        """Editors write the short form (a German string) or German plus translations."""
        translation = handler(Translation.__pydantic_core_schema__)
        return {
            "description": "Text auf Deutsch, oder 'de:' plus Übersetzungen je Sprache",
            "anyOf": [
                {"type": "string", "minLength": 1},
                {
                    "type": "object",
                    "properties": {"de": {"type": "string", "minLength": 1}},
                    "required": ["de"],
                    "additionalProperties": translation,
                },
            ],
        }

    @property
    def german(self) -> str:
        return self.de

    def translation(self, lang: str) -> Translation | None:
        return self.translations.get(lang)


class RichText(Text):
    """Like Text, but Markdown is allowed (rendered, then sanitised with an allowlist)."""


# --- Sources -----------------------------------------------------------------------------------


class Source(StrictModel):
    """Where a fact or figure is stated."""

    document: Annotated[Slug, Ref("document")] = Field(
        description="Kennung des Quelldokuments aus documents.yml"
    )
    section: NonEmpty | None = Field(
        default=None, description="Abschnitt, Tabelle oder Seite im Dokument"
    )


class Document(StrictModel):
    """A published source document (council paper, concept, contract draft)."""

    id: Slug
    title: NonEmpty = Field(description="Titel, wie im Dokument")
    publisher: NonEmpty = Field(description="Herausgeber, z. B. 'Kreis Unna'")
    reference: NonEmpty | None = Field(default=None, description="Aktenzeichen, z. B. 'Drucksache 144/21'")
    short: NonEmpty | None = Field(
        default=None,
        description="Kurzname für Fundstellen in Prüfhinweisen, z. B. 'Rahmenkonzept (Anlage 1 zur Drucksache 042/21)'",
    )
    date: Day | None = None
    file: NonEmpty = Field(description="Dateiname der Quelle, z. B. '000_bcfdc49b227c96c1.txt'")


# --- Region ------------------------------------------------------------------------------------


class Address(StrictModel):
    street: NonEmpty = Field(title="Straße", description="Straße und Hausnummer")
    postal_code: Annotated[str, StringConstraints(pattern=POSTAL_CODE_PATTERN)] = Field(
        title="Postleitzahl", description="Postleitzahl, fünf Ziffern, in Anführungszeichen"
    )
    locality: NonEmpty = Field(title="Ort", description="Ort")


class Person(StrictModel):
    """A named person. The name is published only when ``publishable`` is true."""

    name: NonEmpty
    publishable: bool = Field(
        default=False,
        description="true nur, wenn die Person der Veröffentlichung zugestimmt hat oder das "
        "Quelldokument sie öffentlich nennt",
    )


class Contact(StrictModel):
    phone: Phone | None = None
    email: Email | None = None
    website: Url | None = None


class IntegrationCentre(StrictModel):
    """The Kommunales Integrationszentrum (KI) and its contact, as published."""

    name: Text
    address: Address | None = None
    contact: Contact | None = None
    person: Person | None = None
    source: Source


class SubRegion(StrictModel):
    id: Slug
    name: Text
    source: Source


class PopulationFigure(StrictModel):
    value: Annotated[int, Field(ge=0)]
    reference_date: Day | None = Field(default=None, description="Stichtag")
    statistic: NonEmpty | None = Field(
        default=None, description="Herkunft der Zahl, z. B. 'IT.NRW' oder 'Zensus 2011'"
    )
    source: Source


class Population(StrictModel):
    total: PopulationFigure | None = Field(default=None, description="Einwohnerinnen und Einwohner")
    foreign: PopulationFigure | None = Field(default=None, description="Ausländerinnen und Ausländer")
    migration_background: PopulationFigure | None = Field(
        default=None, description="Personen mit Migrationshintergrund"
    )
    tolerated: PopulationFigure | None = Field(default=None, description="Geduldete")
    permitted: PopulationFigure | None = Field(default=None, description="Gestattete")


class Municipality(StrictModel):
    id: Slug
    name: NonEmpty
    sub_region: Annotated[Slug, Ref("sub_region")] | None = Field(
        default=None, description="Kennung der Teilregion aus sub_regions"
    )
    population: Population | None = None


class SiteContact(StrictModel):
    """A body named for the website itself (imprint, accessibility feedback). No council paper
    of the programme names one, so an editor enters it from the body's own publication."""

    name: NonEmpty = Field(description="Name der Stelle, z. B. 'Kreis Wesel, Der Landrat'")
    address: Address | None = None
    contact: Contact | None = None


class Site(StrictModel):
    """What the region's public website must carry beyond the documents' facts."""

    provider: SiteContact | None = Field(
        default=None, description="Anbieter (Herausgeber) der Website für Impressum und "
        "Datenschutz; ohne Angabe zeigt die Website, dass er fehlt")
    accessibility_contact: SiteContact | None = Field(
        default=None, description="Stelle für Rückmeldungen zur Barrierefreiheit")
    client_information: Source | None = Field(
        default=None, description="Dokument und Abschnitt mit der Information nach Art. 13 "
        "DSGVO für die Beratung; der Text steht in pages/<Sprache>/datenschutz.md")


class Region(StrictModel):
    """region.yml: the district or city that runs the portal."""

    id: Slug
    name: NonEmpty = Field(description="z. B. 'Kreis Unna'")
    kind: Literal["Kreis", "kreisfreie Stadt"]
    ki: IntegrationCentre
    sub_regions: list[SubRegion] = Field(default_factory=list)
    municipalities: list[Municipality] = Field(default_factory=list)
    population: Population | None = Field(
        default=None, description="Zahlen für die ganze Region, wie im Dokument angegeben"
    )
    review_interval_days: Annotated[int, Field(ge=1, le=3650)] = Field(
        default=365, description="Nach wie vielen Tagen ein Angebot erneut geprüft werden soll"
    )
    accessibility_reviewed: Day | None = Field(
        default=None, description="Datum der letzten Prüfung der Barrierefreiheit"
    )
    site: Site | None = Field(default=None, description="Angaben für Impressum, Datenschutz und "
                              "Barrierefreiheit der Website (fehlen sie, warnt kim validate)")


# --- Modules (Bausteine) -----------------------------------------------------------------------


class Position(StrictModel):
    title: Text = Field(description="Bezeichnung der Stelle")
    fte: Fte
    pay_grade: NonEmpty | None = Field(default=None, description="Entgeltgruppe, z. B. 'EG 9c'")
    qualification: Text | None = None
    holder: Annotated[Slug, Ref("actor")] | None = Field(
        default=None, description="Kennung der Stelle, bei der die Position angesiedelt ist"
    )
    employer: Text | None = Field(
        default=None,
        description="Arbeitgeber bzw. Dienstherr, wie das Dokument ihn nennt, wenn er noch offen "
        "ist oder keine Kennung passt (z. B. 'Stadt Bergkamen oder Stadt Kamen, wird noch abgestimmt')",
    )
    source: Source


class Fact(StrictModel):
    """A further statement of a document about a module, with its own source."""

    text: Text = Field(description="Die Angabe, nah am Wortlaut des Dokuments")
    source: Source


class Module(StrictModel):
    number: Literal[1, 2, 3]
    title: Text
    purpose: Text | None = None
    goals: list[Text] = Field(default_factory=list)
    tasks: list[Text] = Field(default_factory=list)
    funding_basis: Text | None = None
    requirements: list[Text] = Field(default_factory=list)
    positions: list[Position] = Field(default_factory=list)
    facts: list[Fact] = Field(
        default_factory=list,
        description="Weitere Angaben der Dokumente (z. B. Varianten der Anbindung, Vertragsbedingungen), "
        "jede mit eigener Quelle",
    )
    source: Source


# --- Bodies (OParl Organization / Membership) -------------------------------------------------

OrganizationType = Literal[
    "Gremium", "Fraktion", "Verwaltungsbereich", "externes Gremium", "Institution", "Sonstiges"
]


class Organization(StrictModel):
    """An OParl-style Organization: Kreistag, committee, steering group, authority, ..."""

    id: Slug
    name: Text
    organizationType: OrganizationType
    classification: NonEmpty | None = Field(
        default=None, description="z. B. 'Kreistag', 'Ausschuss', 'Lenkungsgruppe'"
    )
    subOrganizationOf: Annotated[Slug, Ref("organization")] | None = None
    description: Text | None = None
    source: Source


class Membership(StrictModel):
    """An OParl-style Membership: who sits in a body, by role and organisation."""

    organization: Annotated[Slug, Ref("organization")]
    role: Text
    onBehalfOf: Annotated[Slug, Ref("actor")] | None = None
    person: Person | None = None
    votingRight: bool | None = None
    participation: Literal["ständig", "für KIM erweitert", "nach Bedarf"] | None = None
    source: Source


# --- Papers (OParl Paper / Consultation) -------------------------------------------------------


# How far a paper (or one step of its Beratungsfolge) has come, as a document states it.
# "unbekannt" unless a document says so: a Beschlussvorlage is a proposal, not a decision.
DecisionState = Literal["Vorschlag", "Empfehlung", "Beschluss", "unbekannt"]


class Consultation(StrictModel):
    organization: Annotated[Slug, Ref("organization")]
    meeting_date: Day
    role: Literal["Vorberatung", "Entscheidung", "Kenntnisnahme", "Anhörung"]
    authoritative: bool = Field(description="true, wenn hier abschließend entschieden wird")
    public: bool = True
    result: NonEmpty | None = Field(
        default=None, description="Ergebnis oder Beschlussstatus, wie im Dokument"
    )
    decision_state: DecisionState = Field(
        default="unbekannt", description="Stand dieser Beratung laut Dokument: 'Vorschlag', "
        "'Empfehlung' (Empfehlungsbeschluss gefasst), 'Beschluss' (abschließend beschlossen) "
        "oder 'unbekannt', wenn kein Dokument das Ergebnis nennt")


class PaperFile(StrictModel):
    name: NonEmpty
    document: Annotated[Slug, Ref("document")] | None = None


class Paper(StrictModel):
    id: Slug
    reference: NonEmpty | None = Field(
        default=None,
        description="Drucksachennummer, z. B. '144/21'; leer, wenn die Dokumente nur den Beschluss nennen",
    )
    name: Text
    date: Day | None = Field(
        default=None,
        description="Datum der Drucksache; leer, wenn kein Dokument es nennt (nie raten)",
    )
    paperType: Literal[
        "Beschlussvorlage", "Vorlage", "Mitteilung", "Antrag", "Anfrage", "Bericht", "Sonstiges"
    ]
    underDirectionOf: list[Annotated[Slug, Ref("organization")]] = Field(default_factory=list)
    decision_state: DecisionState = Field(
        default="unbekannt", description="Stand der Drucksache laut Dokument: 'Vorschlag' "
        "(Vorlage, noch nicht entschieden), 'Empfehlung' (von einem Gremium empfohlen), "
        "'Beschluss' (ein Dokument nennt den Beschluss) oder 'unbekannt'")
    summary: Text | None = None
    consultation: list[Consultation] = Field(default_factory=list)
    files: list[PaperFile] = Field(default_factory=list)
    relatedPaper: list[Annotated[Slug, Ref("paper")]] = Field(default_factory=list)
    source: Source


# --- Project groups ----------------------------------------------------------------------------


class ProjectGroup(StrictModel):
    id: Slug
    name: Text
    topic: Text | None = None
    lead: Annotated[Slug, Ref("actor")] | None = None
    members: list[Text] = Field(default_factory=list)
    cadence: Text | None = Field(default=None, description="Sitzungsrhythmus")
    status: Literal["geplant", "aktiv", "abgeschlossen"] | None = None
    start: Day | None = None
    results: list[Text] = Field(default_factory=list)
    source: Source


# --- Providers and offers ----------------------------------------------------------------------

ProviderKind = Literal[
    "Kreis", "Kommune", "Wohlfahrtsverband", "Verein", "Jobcenter", "Agentur für Arbeit",
    "Behörde", "Sonstige",
]


class Provider(StrictModel):
    """A Träger that runs offers."""

    id: Slug
    name: NonEmpty
    kind: ProviderKind
    website: Url | None = None
    same_as: Literal["organization", "municipality"] | None = Field(
        default=None, title="Dieselbe Stelle wie",
        description="nur wenn die Kennung zugleich eine Organisation (bodies.yml, "
        "'organization') oder Kommune (region.yml, 'municipality') bezeichnet und dieselbe "
        "Stelle meint; sonst eine eigene Kennung wählen")
    source: Source


TOPICS: dict[str, str] = {
    "sprache": "Sprache",
    "arbeit": "Arbeit",
    "ausbildung": "Berufliche Ausbildung",
    "schule-bildung": "Schule und Bildung",
    "kinder-familie": "Kinder und Familie",
    "wohnen": "Wohnen",
    "gesundheit": "Gesundheit",
    "aufenthalt-recht": "Aufenthalt und Recht",
    "geld-leistungen": "Geld und Leistungen",
    "beratung": "Allgemeine Beratung",
    "ehrenamt-teilhabe": "Ehrenamt und Teilhabe",
    "sprachmittlung": "Dolmetschen und Sprachmittlung",
}
TARGET_GROUPS: dict[str, str] = {
    "alle": "Alle Zugewanderten",
    "gefluechtete": "Geflüchtete",
    "neuzugewanderte": "Neuzugewanderte",
    "kinder": "Kinder",
    "jugendliche": "Jugendliche und junge Erwachsene",
    "eltern": "Eltern",
    "frauen": "Frauen",
    "erwachsene": "Erwachsene",
    "fachkraefte": "Fachkräfte und Einrichtungen",
}
# ISO 639 codes; Kurmanji/Sorani and Farsi/Dari are kept apart on purpose.
OFFER_LANGUAGES: dict[str, str] = {
    "de": "Deutsch", "en": "Englisch", "ar": "Arabisch", "fa": "Farsi (Persisch)",
    "prs": "Dari", "tr": "Türkisch", "uk": "Ukrainisch", "ru": "Russisch",
    "kmr": "Kurmandschi", "ckb": "Sorani", "ti": "Tigrinya", "so": "Somali", "ps": "Paschtu",
    "fr": "Französisch", "pl": "Polnisch", "ro": "Rumänisch", "bg": "Bulgarisch",
    "sq": "Albanisch", "sr": "Serbisch", "it": "Italienisch", "es": "Spanisch", "el": "Griechisch",
}


def _known_offer_language(code: str) -> str:
    if code == "ku":
        raise PydanticCustomError(
            "offer_language",
            "'ku' ist mehrdeutig: bitte 'kmr' (Kurmandschi) oder 'ckb' (Sorani) angeben",
        )
    if code not in OFFER_LANGUAGES:
        raise PydanticCustomError(
            "offer_language",
            "unbekannter Sprachcode '{code}'; erlaubt: {allowed}",
            {"code": code, "allowed": ", ".join(OFFER_LANGUAGES)},
        )
    return code


OfferLanguage = Annotated[str, AfterValidator(_known_offer_language)]
Topic = Literal[tuple(TOPICS)]  # type: ignore[valid-type]
TargetGroup = Literal[tuple(TARGET_GROUPS)]  # type: ignore[valid-type]
LegalDomain = Literal["SGB II", "SGB III", "SGB VIII", "SGB XII", "AsylbLG", "AufenthG", "keine"]
Weekday = Literal["mo", "di", "mi", "do", "fr", "sa", "so"]
CLOCK_PATTERN = r"^([01][0-9]|2[0-3]):[0-5][0-9]$"
ClockTime = _matching(CLOCK_PATTERN, "Uhrzeit HH:MM in Anführungszeichen, z. B. '09:00'")


class OpeningHours(StrictModel):
    """One weekly opening: a day and a time span (HSDS 3.0 schedule, byday/opens_at/closes_at)."""

    day: Weekday = Field(title="Wochentag")
    opens: ClockTime = Field(title="Beginn")
    closes: ClockTime = Field(title="Ende")

    # A field validator (not a model validator), so that the error names the field 'closes'.
    @field_validator("closes")
    @classmethod
    def _closes_after_opening(cls, closes: str, info) -> str:
        opens = info.data.get("opens")
        if opens is not None and closes <= opens:
            raise PydanticCustomError(
                "hours_order", "'closes' muss nach 'opens' liegen ({opens} bis {closes})",
                {"opens": opens, "closes": closes},
            )
        return closes


class Schedule(StrictModel):
    """When an offer is available (HSDS 3.0 schedule)."""

    weekly: list[OpeningHours] = Field(default_factory=list, title="Öffnungszeiten")
    appointment_only: bool = Field(default=False, title="Nur nach Terminvereinbarung")
    booking_url: Url | None = Field(default=None, title="Online-Terminbuchung")
    valid_from: Day | None = Field(default=None, title="Gültig ab")
    valid_to: Day | None = Field(default=None, title="Gültig bis")
    note: Text | None = Field(default=None, title="Hinweis zu den Zeiten")

    @field_validator("valid_to")
    @classmethod
    def _valid_range(cls, valid_to: date | None, info) -> date | None:
        valid_from = info.data.get("valid_from")
        if valid_from and valid_to and valid_to < valid_from:
            raise PydanticCustomError(
                "date_order", "'valid_to' ({to}) liegt vor 'valid_from' ({start})",
                {"to": str(valid_to), "start": str(valid_from)},
            )
        return valid_to


class Location(StrictModel):
    name: Text | None = Field(default=None, title="Name des Ortes")
    address: Address | None = Field(default=None, title="Anschrift")
    municipality: Annotated[Slug, Ref("municipality")] | None = Field(default=None, title="Kommune")
    latitude: Annotated[Decimal, Strict(False), BeforeValidator(_number_not_text),
                        Field(ge=-90, le=90)] | None = Field(default=None, title="Breitengrad")
    longitude: Annotated[Decimal, Strict(False), BeforeValidator(_number_not_text),
                         Field(ge=-180, le=180)] | None = Field(default=None, title="Längengrad")
    accessibility: Text | None = Field(default=None, title="Barrierefreiheit",
                                       description="Barrierefreiheit des Ortes")


class OfferContact(StrictModel):
    name: Text | None = Field(default=None, title="Ansprechstelle",
                              description="Stelle oder Funktion, keine Privatperson")
    phone: Phone | None = Field(default=None, title="Telefon")
    email: Email | None = Field(default=None, title="E-Mail")
    website: Url | None = Field(default=None, title="Website")


class Offer(StrictModel):
    """offers/<id>.yml: one offer of the Angebots- und Leistungsübersicht (after HSDS 3.0)."""

    id: Slug = Field(title="Kennung")
    name: Text = Field(title="Name")
    summary: Text = Field(title="Kurzbeschreibung", description="Ein bis zwei Sätze")
    description: RichText | None = Field(default=None, title="Beschreibung")
    provider: Annotated[Slug, Ref("actor")] | None = Field(
        default=None, title="Träger", description="Kennung des Trägers (providers.yml), einer "
        "Organisation (bodies.yml) oder einer Kommune"
    )
    topics: Annotated[list[Topic], Field(min_length=1)] = Field(title="Themen")
    target_groups: list[TargetGroup] = Field(default_factory=list, title="Zielgruppen")
    legal_domain: list[LegalDomain] = Field(default_factory=list, title="Rechtskreise")
    case_management: bool = Field(
        default=False, title="Fallmanagement",
        description="true für Anlaufstellen des Fallmanagements (Baustein 2)",
    )
    sub_region: Annotated[Slug, Ref("sub_region")] | None = Field(default=None, title="Teilregion")
    service_area: list[Annotated[Slug, Ref("municipality")]] = Field(
        default_factory=list, title="Einzugsgebiet",
        description="Kommunen, wie ein Dokument sie nennt; leer heißt: keine Angabe"
    )
    region_wide: bool = Field(
        default=False, title="Ganze Region",
        description="true nur, wenn ein Dokument sagt, dass das Angebot für die ganze Region gilt "
        "(z. B. 'kreisweit'); service_area bleibt dann leer")
    locations: list[Location] = Field(default_factory=list, title="Orte")
    schedules: list[Schedule] = Field(default_factory=list, title="Zeiten")
    languages: list[OfferLanguage] = Field(default_factory=list, title="Sprachen")
    interpreting: bool | None = Field(default=None, title="Sprachmittlung")
    cost: Text | None = Field(default=None, title="Kosten")
    free_of_charge: bool | None = Field(default=None, title="Kostenlos")
    access: list[Literal["offen", "Termin", "Vermittlung", "online"]] = Field(
        default_factory=list, title="Zugang")
    documents: list[Text] = Field(default_factory=list, title="Mitzubringende Unterlagen")
    contacts: list[OfferContact] = Field(default_factory=list, title="Kontakte")
    status: Literal["geplant", "aktiv", "vorübergehend geschlossen", "beendet",
                    "unbekannt"] = Field(
        default="unbekannt", title="Stand",
        description="wie ein Quelldokument ihn nennt; ohne Angabe 'unbekannt' (nie 'aktiv' "
        "ohne Beleg: eine geplante Stelle ist 'geplant')")
    last_reviewed: Day | None = Field(default=None, title="Zuletzt geprüft")
    reviewed_by: NonEmpty | None = Field(default=None, title="Geprüft von",
                                         description="Rolle, nicht Name")
    synthetic: bool = Field(default=False, title="Testdaten",
                            description="nur für Tests: erfundene Testdaten")
    source: Source = Field(title="Quelle")

    @model_validator(mode="after")
    def _one_area_form(self) -> Offer:
        if self.region_wide and self.service_area:
            raise PydanticCustomError(
                "area_form", "entweder 'region_wide: true' oder 'service_area' angeben, nicht beides")
        return self

    @field_validator("id")
    @classmethod
    def _not_reserved(cls, ident: str) -> str:
        if ident in RESERVED_OFFER_IDS:
            raise PydanticCustomError(
                "offer_id_reserved",
                "die Kennung '{id}' ist für Übersichtsseiten reserviert (/angebote/{id}/); "
                "bitte eine andere wählen",
                {"id": ident},
            )
        return ident


# /angebote/<id>/ shares its folder with the overview's browse pages.
RESERVED_OFFER_IDS = frozenset({"index", "thema", "ort", "seite"})


# --- Funding (long format: one amount per row) -----------------------------------------------

Measure = Literal["Zuwendung", "Kosten", "Eigenanteil", "Weiterleitung"]


class RatePart(StrictModel):
    """One part of a rate calculation, e.g. 6,5 Stellen zu je 55.000 Euro."""

    label: Text = Field(description="Wofür, z. B. 'Koordinatorenstellen'")
    fte: Fte
    rate: Amount = Field(description="Betrag je VZÄ und Jahr, wie im Dokument")


class FundingRow(StrictModel):
    """One amount as a document states it (long format: one amount per row)."""

    id: Slug
    year: Year | None = Field(default=None, description="leer, wenn das Dokument kein Jahr nennt")
    module: Literal[1, 2, 3] | None = None
    item: Text = Field(description="Gegenstand der Förderung")
    measure: Measure
    fte: Fte | None = None
    rate: Amount | None = Field(default=None, description="Betrag je VZÄ und Jahr")
    rate_parts: list[RatePart] = Field(
        default_factory=list,
        description="Berechnungsgrundlage aus mehreren Stellenarten (VZÄ x Betrag je VZÄ); "
        "die Prüfung vergleicht ihre Summe mit amount",
    )
    months: Annotated[int, Field(ge=1, le=120)] | None = Field(
        default=None,
        description="Zeitraum in Monaten, wenn der Betrag nicht ein Jahr umfasst "
        "(z. B. 14 für 2022 und anteilig November/Dezember 2021)",
    )
    amount: Amount
    approximate: bool = Field(default=False, description="true, wenn das Dokument 'ca.' oder 'rund' sagt")
    ceiling: bool = Field(
        default=False, description="true, wenn das Dokument 'bis zu' sagt: amount ist ein Höchstbetrag"
    )
    from_: Annotated[Slug, Ref("actor")] | None = Field(default=None, alias="from")
    to: Annotated[Slug, Ref("actor")] | None = None
    basis: Literal["Förderrichtlinie", "Pauschale je Stelle", "Höchstbetrag je Stelle"] | None = None
    line: Slug | None = Field(
        default=None,
        description="Zeile einer Kostentabelle: Beträge mit derselben Kennung bilden eine "
        "Tabellenzeile (Zuwendung + Eigenanteil = Kosten je Jahr wird geprüft). Nur Zeilen mit "
        "'line' gehen in die Diagramme ein; so zählt kein Betrag doppelt, den mehrere Dokumente nennen",
    )
    paper: Annotated[Slug, Ref("paper")] | None = Field(
        default=None, description="Kennung der Drucksache, die den Betrag beschlossen hat"
    )
    source: Source

    model_config = ConfigDict(populate_by_name=False)

    @model_validator(mode="after")
    def _one_rate_form(self) -> FundingRow:
        if self.rate_parts and (self.fte is not None or self.rate is not None):
            raise PydanticCustomError(
                "rate_form", "entweder 'fte'/'rate' oder 'rate_parts' angeben, nicht beides")
        return self


class DeclaredTotal(StrictModel):
    """A total as a document states it, kept beside the sum of its parts."""

    id: Slug
    label: Text
    amount: Amount
    approximate: bool = Field(
        default=False,
        description="true, wenn das Dokument 'ca.' oder 'rund' sagt; die Prüfung lässt dann die "
        "Rundung auf die letzte von Null verschiedene Stelle zu (bei einer 5 dort: auf Fünfer)",
    )
    parts: Annotated[list[Annotated[Slug, Ref("funding_row")]], Field(min_length=1)]
    line: Slug | None = Field(
        default=None,
        description="Zeile einer Kostentabelle (wie bei rows); Maß und Jahr ergeben sich aus den Teilen",
    )
    source: Source


# --- Statements (what the documents say, quoted, for the consistency checks) ------------------

StatementKind = Literal["Betrag", "Stellen", "Anzahl", "Prozent", "Datum", "Name", "Liste"]
_NEEDS = {"Betrag": "value", "Stellen": "value", "Anzahl": "value", "Prozent": "value",
          "Datum": "date", "Name": "name", "Liste": "items"}
Number = Annotated[
    Decimal,
    Strict(False),
    BeforeValidator(_number_not_text),
    Field(ge=0, max_digits=16, decimal_places=4, description="Zahl, wie im Dokument"),
]


class Term(StrictModel):
    """One addend of a sum: another statement's value, times a factor, for some months."""

    statement: Annotated[Slug, Ref("statement")] = Field(description="Kennung der Aussage")
    times: Number = Field(default=Decimal(1), description="Faktor, z. B. 3 für 3,0 VZÄ")
    months: Annotated[int, Field(ge=1, le=120)] | None = Field(
        default=None, description="nur ein Teil des Jahresbetrags: Monate / 12 (z. B. 14)"
    )


class ShareOf(StrictModel):
    """A percentage stated for part / whole, e.g. a table's 'Ausländer in %' column."""

    part: Annotated[Slug, Ref("statement")]
    whole: Annotated[Slug, Ref("statement")]


class Statement(StrictModel):
    """One statement of a document, quoted with its place, so that checks can compare it.

    Statements with the same ``subject`` say the same thing and must agree; ``sum_of``,
    ``counts``, ``share_of`` and ``not_before`` relate a statement to others.
    """

    id: Slug
    subject: Slug | None = Field(
        default=None,
        description="Wovon die Aussage handelt; Aussagen mit gleichem subject müssen übereinstimmen",
    )
    kind: StatementKind = Field(description="Art der Angabe")
    quote: NonEmpty = Field(description="Wortlaut im Dokument")
    value: Number | None = Field(default=None, description="die Zahl (Betrag, VZÄ, Anzahl, Prozent)")
    date: Day | None = None
    name: NonEmpty | None = Field(default=None, description="bei kind: Name")
    items: list[NonEmpty] = Field(default_factory=list, description="bei kind: Liste, die Einträge")
    approximate: bool = Field(
        default=False, description="true bei 'rund', 'ca.', 'etwa'; die Prüfung rundet dann"
    )
    sum_of: list[Term] = Field(
        default_factory=list, description="value soll die Summe dieser Aussagen sein"
    )
    counts: Annotated[Slug, Ref("statement")] | None = Field(
        default=None, description="value soll die Zahl der Einträge dieser Liste sein"
    )
    share_of: ShareOf | None = Field(default=None, description="value (Prozent) = part / whole")
    not_before: Annotated[Slug, Ref("statement")] | None = Field(
        default=None, description="date darf nicht vor dem Datum dieser Aussage liegen"
    )
    note: NonEmpty | None = Field(default=None, description="Erläuterung für Redaktion und Prüfung")
    source: Source

    @model_validator(mode="after")
    def _complete(self) -> Statement:
        needed = _NEEDS[self.kind]
        if getattr(self, needed) in (None, []):
            raise PydanticCustomError(
                "statement_value", "bei kind '{kind}' fehlt das Feld '{field}'",
                {"kind": self.kind, "field": needed})
        if not self.source.section:
            raise PydanticCustomError(
                "statement_section", "source.section fehlt: jede Aussage nennt ihren Abschnitt", {})
        return self


# --- File models -------------------------------------------------------------------------------


class DocumentsFile(StrictModel):
    """documents.yml: the source documents cited by every other file."""

    documents: list[Document]


class ModulesFile(StrictModel):
    """modules.yml: the three Bausteine."""

    modules: list[Module]


class BodiesFile(StrictModel):
    """bodies.yml: councils, committees, steering group, project groups' bodies, memberships."""

    organizations: list[Organization]
    memberships: list[Membership] = Field(default_factory=list)


class PapersFile(StrictModel):
    """papers.yml: council papers (Drucksachen) and their Beratungsfolge."""

    papers: list[Paper]


class ProjectGroupsFile(StrictModel):
    """project_groups.yml: the KIM project groups."""

    project_groups: list[ProjectGroup]


class ProvidersFile(StrictModel):
    """providers.yml: the Träger of offers."""

    providers: list[Provider]


class UnquantifiedAmount(StrictModel):
    """An amount a document says exists (e.g. an own share) without stating how much: unknown, not 0."""

    id: Slug
    module: Literal[1, 2, 3] | None = None
    item: Text = Field(description="Wofür, wie im Dokument")
    measure: Measure
    from_: Annotated[Slug, Ref("actor")] | None = Field(default=None, alias="from")
    to: Annotated[Slug, Ref("actor")] | None = None
    source: Source

    model_config = ConfigDict(populate_by_name=False)


class FundingFile(StrictModel):
    """funding.yml: every amount of the documents, one per row."""

    rows: list[FundingRow] = Field(default_factory=list)
    declared_totals: list[DeclaredTotal] = Field(default_factory=list)
    unquantified: list[UnquantifiedAmount] = Field(
        default_factory=list,
        description="Beträge, die ein Dokument nennt, ohne ihre Höhe anzugeben (keine Angabe, nie 0)",
    )


class StatementsFile(StrictModel):
    """statements.yml: what the documents say, quoted, for the consistency checks."""

    statements: list[Statement] = Field(default_factory=list)


# file name inside a data folder -> model; offers/ holds one Offer per file.
FILE_MODELS: dict[str, type[BaseModel]] = {
    "documents.yml": DocumentsFile,
    "region.yml": Region,
    "modules.yml": ModulesFile,
    "bodies.yml": BodiesFile,
    "papers.yml": PapersFile,
    "project_groups.yml": ProjectGroupsFile,
    "providers.yml": ProvidersFile,
    "funding.yml": FundingFile,
    "statements.yml": StatementsFile,
}
REQUIRED_FILES = ("documents.yml", "region.yml")
OFFERS_DIR = "offers"
