"""The data model of a KIM portal: the single source of truth.

Every YAML file under a data folder is validated against one of the file models at the end of
this module. Field descriptions are written in German because they are shown to editors: in the
generated JSON Schema (autocompletion in their editor) and in the editor guide.

Cross references between files (a paper's committee, a position's holder, ...) are declared with
``Ref("kind")`` in a field's metadata and checked by :mod:`macros.loader` once all files are
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
    WithJsonSchema,
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
    Field(gt=0, le=1000, max_digits=7, decimal_places=3,
        description="Vollzeitäquivalente, z. B. 0.75"),
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

    id: Slug = Field(
        description="Kennung des Dokuments, z. B. `unna-ds-144-21`; zugleich Sprungmarke auf "
                    "`/quellen/`"
    )
    title: NonEmpty = Field(description="Titel, wie im Dokument")
    publisher: NonEmpty = Field(description="Herausgeber, z. B. 'Kreis Unna'")
    reference: NonEmpty | None = Field(
        default=None,
        description="Aktenzeichen oder Drucksachennummer, z. B. `Drucksache 144/21`"
    )
    short: NonEmpty | None = Field(
        default=None,
        description="Kurzname für die Fundstellen der Prüfhinweise, z. B. `Rahmenkonzept (Anlage "
                    "1 zur Drucksache 042/21)` (sonst `reference` oder `title`)",
    )
    date: Day | None = Field(default=None, description="Datum des Dokuments")
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

    name: NonEmpty = Field(description="Name der Person")
    publishable: bool = Field(
        default=False,
        description="`true` nur, wenn die Person der Veröffentlichung zugestimmt hat oder das "
                    "Quelldokument sie öffentlich nennt; sonst wird der Name nicht angezeigt",
    )


class Contact(StrictModel):
    phone: Phone | None = Field(default=None, description="Telefon, wie veröffentlicht")
    email: Email | None = Field(default=None, description="E-Mail")
    website: Url | None = Field(default=None, description="Website")


class IntegrationCentre(StrictModel):
    """The Kommunales Integrationszentrum (KI) and its contact, as published."""

    name: Text = Field(description="Name des KI")
    address: Address | None = Field(default=None, description="Postanschrift, wie veröffentlicht")
    contact: Contact | None = Field(default=None, description="Telefon, E-Mail, Website")
    person: Person | None = Field(
        default=None,
        description="die Person der Kontaktzeile des Dokuments. Die Website nennt sie nie als "
                    "Verantwortliche, Anbieter oder Kontakt eines Angebots; Angebote ohne eigenen "
                    "Kontakt verweisen nur auf das KI als koordinierende Stelle"
    )
    source: Source = Field(
        description="Quellenangabe: das Dokument (und der Abschnitt), das diese Angaben belegt"
    )


class SubRegion(StrictModel):
    id: Slug = Field(description="z. B. `nord`")
    name: Text = Field(description="z. B. `Nordkreis`")
    source: Source = Field(
        description="Quellenangabe: das Dokument (und der Abschnitt), das diese Angaben belegt"
    )


class PopulationFigure(StrictModel):
    value: Annotated[int, Field(ge=0)] = Field(
        description="die Zahl ohne Tausenderpunkt, z. B. `48740`")
    reference_date: Day | None = Field(default=None, description="Stichtag")
    statistic: NonEmpty | None = Field(
        default=None, description="Herkunft der Zahl, z. B. 'IT.NRW' oder 'Zensus 2011'"
    )
    source: Source = Field(
        description="Quellenangabe: das Dokument (und der Abschnitt), das diese Angaben belegt"
    )


class Population(StrictModel):
    total: PopulationFigure | None = Field(default=None, description="Einwohnerinnen und Einwohner")
    foreign: PopulationFigure | None = Field(
        default=None,
        description="Ausländerinnen und Ausländer"
    )
    migration_background: PopulationFigure | None = Field(
        default=None, description="Personen mit Migrationshintergrund"
    )
    tolerated: PopulationFigure | None = Field(default=None, description="Geduldete")
    permitted: PopulationFigure | None = Field(default=None, description="Gestattete")


class Municipality(StrictModel):
    id: Slug = Field(description="z. B. `froendenberg-ruhr`")
    name: NonEmpty = Field(description="Name, z. B. `Fröndenberg/Ruhr`")
    sub_region: Annotated[Slug, Ref("sub_region")] | None = Field(
        default=None, description="Kennung der Teilregion aus sub_regions"
    )
    population: Population | None = Field(
        default=None,
        description="Bevölkerungszahlen der Kommune"
    )


class SiteContact(StrictModel):
    """A body named for the website itself (imprint, accessibility feedback). No council paper
    of the programme names one, so an editor enters it from the body's own publication."""

    name: NonEmpty = Field(description="Name der Stelle, z. B. 'Kreis Wesel, Der Landrat'")
    address: Address | None = Field(default=None, description="Postanschrift, wie veröffentlicht")
    contact: Contact | None = Field(default=None, description="Telefon, E-Mail, Website")


class Site(StrictModel):
    """What the region's public website must carry beyond the documents' facts."""

    provider: SiteContact | None = Field(
        default=None, description="Anbieter (Herausgeber) der Website für Impressum und "
        "Datenschutz; ohne Angabe zeigt die Website, dass er fehlt")
    accessibility_contact: SiteContact | None = Field(
        default=None,
        description="Stelle für Rückmeldungen zur Barrierefreiheit (`/barrierefreiheit/`)")
    client_information: Source | None = Field(
        default=None,
        description="Dokument und Abschnitt mit der Information nach Art. 13 DSGVO für die "
                    "Beratung. Den Text selbst schreiben Sie in `pages/de/datenschutz.md` des "
                    "Datenordners, die Übersetzungen in `pages/<sprache>/datenschutz.md`; fehlt "
                    "eine Sprache, warnt `kim validate` (die Information ist den Beratenen in "
                    "ihrer Sprache auszuhändigen).")
    editorial_email: Email | None = Field(
        default=None,
        description="E-Mail-Adresse der Redaktion für „Fehler melden“: jede Seite und jedes "
                    "Angebot zeigt dann einen Link, der eine E-Mail an diese Adresse mit der "
                    "Seitenadresse und der Kennung des Datensatzes öffnet (kein Formular, kein "
                    "Dienst Dritter), z. B. `redaktion@kreis-beispiel.de`. Ohne Angabe zeigt die "
                    "Website keinen solchen Link, und `kim validate` warnt.")


class Region(StrictModel):
    """region.yml: the district or city that runs the portal."""

    id: Slug = Field(description="Kennung der Region, z. B. `kreis-unna`")
    name: Text = Field(
        description="Name, z. B. `Kreis Unna`; erscheint auf der Startseite und im Seitentitel; "
                    "übersetzbar (Leserinnen und Leser sehen ihn in ihrer Sprache, die offenen "
                    "Daten nennen den deutschen Namen)"
    )
    kind: Literal["Kreis", "kreisfreie Stadt"] = Field(description="Art der Region")
    ki: IntegrationCentre = Field(description="das Kommunale Integrationszentrum")
    sub_regions: list[SubRegion] = Field(
        default_factory=list,
        description="z. B. Nord-, Mittel-, Südkreis"
    )
    municipalities: list[Municipality] = Field(
        default_factory=list,
        description="die Städte und Gemeinden (bei einer kreisfreien Stadt: die Stadt selbst)"
    )
    population: Population | None = Field(
        default=None,
        description="Zahlen für die ganze Region, wie im Dokument angegeben (Summenzeile auf "
                    "`/kommunen/`)"
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
    fte: Fte = Field(description="Stellenanteil, z. B. `3.5`")
    pay_grade: NonEmpty | None = Field(default=None, description="Entgeltgruppe, z. B. 'EG 9c'")
    qualification: Text | None = Field(default=None, description="geforderte Qualifikation")
    holder: Annotated[Slug, Ref("actor")] | None = Field(
        default=None,
        description="Organisation, Träger oder Kommune, bei der die Stelle angesiedelt ist "
                    "(„Angesiedelt bei“)"
    )
    employer: Text | None = Field(
        default=None,
        description="Arbeitgeber bzw. Dienstherr im Wortlaut des Dokuments, wenn er noch offen "
                    "ist oder keine Kennung passt (z. B. „Stadt Bergkamen oder Stadt Kamen, wird "
                    "noch abgestimmt“); die Tabelle zeigt ihn, wenn `holder` fehlt",
    )
    source: Source = Field(
        description="Quellenangabe: das Dokument (und der Abschnitt), das diese Angaben belegt"
    )


class Fact(StrictModel):
    """A further statement of a document about a module, with its own source."""

    text: Text = Field(description="Die Angabe, nah am Wortlaut des Dokuments")
    source: Source = Field(
        description="Quellenangabe: das Dokument (und der Abschnitt), das diese Angaben belegt"
    )


class Module(StrictModel):
    number: Literal[1, 2, 3] = Field(
        description="Nummer des Bausteins; bestimmt die Adresse `/bausteine/<n>/`"
    )
    title: Text = Field(description="Titel des Bausteins")
    purpose: Text | None = Field(
        default=None,
        description="Zweck (erscheint auch in der Übersicht)"
    )
    goals: list[Text] = Field(default_factory=list, description="Ziele")
    tasks: list[Text] = Field(default_factory=list, description="Aufgaben")
    funding_basis: Text | None = Field(
        default=None,
        description="Fördergrundlage (Abschnitt „Förderung“)"
    )
    requirements: list[Text] = Field(default_factory=list, description="Fördervoraussetzungen")
    positions: list[Position] = Field(
        default_factory=list,
        description="Stellen im Baustein (Tabelle mit Summe)"
    )
    facts: list[Fact] = Field(
        default_factory=list,
        description="weitere Angaben der Dokumente, jede mit eigener Quelle, z. B. Varianten der "
                    "Anbindung, Vertragsbedingungen (Laufzeit, Kündigung, Verwendungsnachweis), "
                    "Netzwerkpartner",
    )
    source: Source = Field(
        description="Quellenangabe: das Dokument (und der Abschnitt), das diese Angaben belegt"
    )


# --- Bodies (OParl Organization / Membership) -------------------------------------------------

OrganizationType = Literal[
    "Gremium", "Fraktion", "Verwaltungsbereich", "externes Gremium", "Institution", "Sonstiges"
]


class Organization(StrictModel):
    """An OParl-style Organization: Kreistag, committee, steering group, authority, ..."""

    id: Slug = Field(description="z. B. `kreistag-unna`")
    name: Text = Field(description="Name")
    organizationType: OrganizationType = Field(description="Art der Organisation")
    classification: NonEmpty | None = Field(
        default=None,
        description="genauere Einordnung, z. B. `Kreistag`, `Ausschuss`, `Lenkungsgruppe`. "
                    "**`Lenkungsgruppe` (genau so geschrieben) macht die Organisation zur "
                    "Lenkungsgruppe auf `/lenkungsgruppe/`.**"
    )
    subOrganizationOf: Annotated[Slug, Ref("organization")] | None = Field(
        default=None,
        description="übergeordnete Organisation, z. B. `kreis-unna`"
    )
    description: Text | None = Field(default=None, description="Beschreibung, wie im Dokument")
    source: Source = Field(
        description="Quellenangabe: das Dokument (und der Abschnitt), das diese Angaben belegt"
    )


class Membership(StrictModel):
    """An OParl-style Membership: who sits in a body, by role and organisation."""

    organization: Annotated[Slug, Ref("organization")] = Field(
        description="das Gremium, z. B. `lenkungsgruppe-unna`"
    )
    role: Text = Field(description="Funktion, wie im Dokument")
    onBehalfOf: Annotated[Slug, Ref("actor")] | None = Field(
        default=None,
        description="für wen das Mitglied dort sitzt"
    )
    person: Person | None = Field(
        default=None,
        description="Name nur mit `publishable: true` sichtbar"
    )
    votingRight: bool | None = Field(
        default=None,
        description="stimmberechtigt, wenn das Dokument es sagt"
    )
    participation: Literal["ständig", "für KIM erweitert", "nach Bedarf"] | None = Field(
        default=None,
        description="Art der Teilnahme; bestimmt die Tabelle auf `/lenkungsgruppe/`"
    )
    source: Source = Field(
        description="Quellenangabe: das Dokument (und der Abschnitt), das diese Angaben belegt"
    )


# --- Papers (OParl Paper / Consultation) -------------------------------------------------------


# How far a paper (or one step of its Beratungsfolge) has come, as a document states it.
# "unbekannt" unless a document says so: a Beschlussvorlage is a proposal, not a decision.
DecisionState = Literal["Vorschlag", "Empfehlung", "Beschluss", "unbekannt"]


class Consultation(StrictModel):
    organization: Annotated[Slug, Ref("organization")] = Field(description="das beratende Gremium")
    meeting_date: Day = Field(description="Sitzungstag")
    role: Literal["Vorberatung", "Entscheidung", "Kenntnisnahme", "Anhörung"] = Field(
        description="Rolle des Gremiums"
    )
    authoritative: bool = Field(description="`true`, wenn hier abschließend entschieden wird")
    public: bool = Field(default=True, description="`false` für nichtöffentliche Beratung")
    result: NonEmpty | None = Field(
        default=None, description="Ergebnis oder Beschlussstatus, wie im Dokument"
    )
    decision_state: DecisionState = Field(
        default="unbekannt", description="Stand dieser Beratung laut Dokument: 'Vorschlag', "
        "'Empfehlung' (Empfehlungsbeschluss gefasst), 'Beschluss' (abschließend beschlossen) "
        "oder 'unbekannt', wenn kein Dokument das Ergebnis nennt")


class PaperFile(StrictModel):
    name: NonEmpty = Field(description="Titel der Anlage")
    document: Annotated[Slug, Ref("document")] | None = Field(
        default=None,
        description="das Dokument, falls die Anlage selbst vorliegt"
    )


class Paper(StrictModel):
    id: Slug = Field(description="z. B. `ds-144-21`; bestimmt die Adresse `/beschluesse/<id>/`")
    reference: NonEmpty | None = Field(
        default=None,
        description="Drucksachennummer in Anführungszeichen, z. B. `\"144/21\"`; weglassen, "
                    "wenn die Dokumente nur den Beschluss nennen (die Seite schreibt dann "
                    "„Beschluss ohne bekannte Drucksachennummer“)",
    )
    name: Text = Field(description="Titel der Drucksache")
    date: Day | None = Field(
        default=None,
        description="Datum der Drucksache; weglassen, wenn kein Dokument es nennt (nie raten, nie"
                    " das Sitzungsdatum eintragen)",
    )
    paperType: Literal[
        "Beschlussvorlage", "Vorlage", "Mitteilung", "Antrag", "Anfrage", "Bericht", "Sonstiges"
    ] = Field(description="Art")
    underDirectionOf: list[Annotated[Slug, Ref("organization")]] = Field(
        default_factory=list,
        description="federführende Stelle(n)"
    )
    decision_state: DecisionState = Field(
        default="unbekannt",
        description="Stand der Drucksache, wie ein Dokument ihn nennt. Eine Beschlussvorlage ist "
                    "ein `Vorschlag`; `Beschluss` nur, wenn ein Dokument (z. B. Niederschrift, "
                    "spätere Drucksache) den Beschluss nennt. Nur dann heißt es auf der Website "
                    "„beschlossen“")
    summary: Text | None = Field(default=None, description="Beschlussvorschlag bzw. Kurzfassung")
    consultation: list[Consultation] = Field(default_factory=list, description="die Beratungsfolge")
    files: list[PaperFile] = Field(default_factory=list, description="Anlagen der Drucksache")
    relatedPaper: list[Annotated[Slug, Ref("paper")]] = Field(
        default_factory=list,
        description="verwandte Drucksachen"
    )
    source: Source = Field(
        description="Quellenangabe: das Dokument (und der Abschnitt), das diese Angaben belegt"
    )


# --- Project groups ----------------------------------------------------------------------------


class ProjectGroup(StrictModel):
    id: Slug = Field(description="Kennung der Projektgruppe")
    name: Text = Field(description="Name")
    topic: Text | None = Field(default=None, description="Thema")
    lead: Annotated[Slug, Ref("actor")] | None = Field(default=None, description="Leitung")
    members: list[Text] = Field(
        default_factory=list,
        description="Mitglieder (Stellen oder Gruppen, keine Privatpersonen)"
    )
    cadence: Text | None = Field(default=None, description="Sitzungsrhythmus")
    status: Literal["geplant", "aktiv", "abgeschlossen"] | None = Field(
        default=None,
        description="Stand"
    )
    start: Day | None = Field(default=None, description="Beginn")
    results: list[Text] = Field(default_factory=list, description="Ergebnisse")
    source: Source = Field(
        description="Quellenangabe: das Dokument (und der Abschnitt), das diese Angaben belegt"
    )


# --- Providers and offers ----------------------------------------------------------------------

ProviderKind = Literal[
    "Kreis", "Kommune", "Wohlfahrtsverband", "Verein", "Jobcenter", "Agentur für Arbeit",
    "Behörde", "Sonstige",
]


# Editors' notes: what used to be a YAML comment (the CMS drops comments when it saves a file,
# decap-cms#5099), kept as a field. Never shown on the website; opendata/OParl/HSDS leave them out.
EditorNote = Annotated[NonEmpty, Field(max_length=2000)]


class Provider(StrictModel):
    """A Träger that runs offers."""

    id: Slug = Field(
        description="nicht gleich einer Organisation oder Kommune (außer mit `same_as`)"
    )
    name: NonEmpty = Field(description="Name des Trägers")
    kind: ProviderKind = Field(description="Art des Trägers")
    website: Url | None = Field(default=None, description="Website")
    same_as: Literal["organization", "municipality"] | None = Field(
        default=None, title="Dieselbe Stelle wie",
        description="nur wenn die Kennung zugleich eine Organisation (bodies.yml, "
        "'organization') oder Kommune (region.yml, 'municipality') bezeichnet und dieselbe "
        "Stelle meint; sonst eine eigene Kennung wählen")
    note: EditorNote | None = Field(
        default=None, title="Hinweis der Redaktion",
        description="Hinweis für Kolleginnen und Kollegen, erscheint nicht auf der Website: "
                    "woher der Träger stammt, was die Dokumente nicht nennen (früher ein "
                    "Kommentar mit `#`; die Redaktionsoberfläche löscht Kommentare beim Speichern)")
    source: Source = Field(
        description="Quellenangabe: das Dokument (und der Abschnitt), das diese Angaben belegt"
    )


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
    "ehrenamtliche": "Ehrenamtliche",
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


# The JSON Schema names the codes too, so editors' tools and the CMS offer them as choices.
OfferLanguage = Annotated[str, AfterValidator(_known_offer_language),
                          WithJsonSchema({"type": "string", "enum": list(OFFER_LANGUAGES)})]
Topic = Literal[tuple(TOPICS)]  # type: ignore[valid-type]
TargetGroup = Literal[tuple(TARGET_GROUPS)]  # type: ignore[valid-type]
LegalDomain = Literal["SGB II", "SGB III", "SGB VIII", "SGB XII", "AsylbLG", "AufenthG", "keine"]
Weekday = Literal["mo", "di", "mi", "do", "fr", "sa", "so"]
CLOCK_PATTERN = r"^([01][0-9]|2[0-3]):[0-5][0-9]$"
ClockTime = _matching(CLOCK_PATTERN, "Uhrzeit HH:MM in Anführungszeichen, z. B. '09:00'")


class OpeningHours(StrictModel):
    """One weekly opening: a day and a time span (HSDS 3.0 schedule, byday/opens_at/closes_at)."""

    day: Weekday = Field(title="Wochentag", description="Wochentag")
    opens: ClockTime = Field(title="Beginn", description="Beginn")
    closes: ClockTime = Field(title="Ende", description="Ende; nach `opens`")

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

    weekly: list[OpeningHours] = Field(
        default_factory=list, title="Öffnungszeiten",
        description="regelmäßige Zeiten je Wochentag"
    )
    appointment_only: bool = Field(
        default=False, title="Nur nach Terminvereinbarung",
        description="nur nach Terminvereinbarung"
    )
    booking_url: Url | None = Field(
        default=None, title="Online-Terminbuchung",
        description="Online-Terminbuchung"
    )
    valid_from: Day | None = Field(default=None, title="Gültig ab", description="gültig ab")
    valid_to: Day | None = Field(default=None, title="Gültig bis",
        description="gültig bis; nicht vor `valid_from`")
    note: Text | None = Field(
        default=None, title="Hinweis zu den Zeiten",
        description="Hinweis, z. B. zu Ferienzeiten"
    )

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
    name: Text | None = Field(
        default=None, title="Name des Ortes",
        description="Name des Ortes, z. B. `Rathaus Moers`"
    )
    address: Address | None = Field(
        default=None, title="Anschrift",
        description="Anschrift, wie veröffentlicht"
    )
    municipality: Annotated[Slug, Ref("municipality")] | None = Field(
        default=None, title="Kommune",
        description="Kommune des Ortes"
    )
    latitude: Annotated[Decimal, Strict(False), BeforeValidator(_number_not_text),
                        Field(ge=-90, le=90)] | None = Field(default=None, title="Breitengrad",
                                                       description="geografische Breite")
    longitude: Annotated[Decimal, Strict(False), BeforeValidator(_number_not_text),
                         Field(ge=-180, le=180)] | None = Field(default=None, title="Längengrad",
                                                         description="geografische Länge")
    accessibility: Text | None = Field(default=None, title="Barrierefreiheit",
                                       description="Barrierefreiheit des Ortes")


class OfferContact(StrictModel):
    name: Text | None = Field(default=None, title="Ansprechstelle",
                              description="Stelle oder Funktion, **keine Privatperson**")
    phone: Phone | None = Field(default=None, title="Telefon", description="Telefon")
    email: Email | None = Field(default=None, title="E-Mail", description="E-Mail")
    website: Url | None = Field(default=None, title="Website", description="Website")


class Offer(StrictModel):
    """offers/<id>.yml: one offer of the Angebots- und Leistungsübersicht (after HSDS 3.0)."""

    id: Slug = Field(title="Kennung", description="Kennung des Angebots, gleich dem Dateinamen")
    name: Text = Field(title="Name", description="Name des Angebots")
    summary: Text = Field(title="Kurzbeschreibung", description="Ein bis zwei Sätze")
    description: RichText | None = Field(
        default=None, title="Beschreibung",
        description="ausführliche Beschreibung; Markdown erlaubt, kein HTML"
    )
    provider: Annotated[Slug, Ref("actor")] | None = Field(
        default=None, title="Träger", description="Kennung des Trägers (providers.yml), einer "
        "Organisation (bodies.yml) oder einer Kommune"
    )
    topics: Annotated[list[Topic], Field(min_length=1)] = Field(
        title="Themen",
        description="Themen"
    )
    target_groups: list[TargetGroup] = Field(
        default_factory=list, title="Zielgruppen",
        description="Zielgruppen"
    )
    legal_domain: list[LegalDomain] = Field(
        default_factory=list, title="Rechtskreise",
        description="Rechtskreise"
    )
    case_management: bool = Field(
        default=False, title="Fallmanagement",
        description="`true` für Anlaufstellen des Fallmanagements (Baustein 2)",
    )
    sub_region: Annotated[Slug, Ref("sub_region")] | None = Field(
        default=None, title="Teilregion",
        description="Teilregion"
    )
    service_area: list[Annotated[Slug, Ref("municipality")]] = Field(
        default_factory=list, title="Einzugsgebiet",
        description="Einzugsgebiet, wie ein Dokument es nennt; leer heißt: keine Angabe (die "
                    "Website zeigt „Einzugsgebiet: keine Angabe“ und das Angebot auf keiner "
                    "Ortsseite)"
    )
    region_wide: bool = Field(
        default=False, title="Ganze Region",
        description="`true` nur, wenn ein Dokument sagt, dass das Angebot für die ganze Region "
                    "gilt (z. B. „kreisweit“); dann bleibt `service_area` leer. Die Website zeigt"
                    " „<Region> (ganze Region laut Quelldokument)“ und das Angebot auf jeder "
                    "Ortsseite")
    area_note: EditorNote | None = Field(
        default=None, title="Beleg für das Einzugsgebiet",
        description="wo ein Dokument das Einzugsgebiet oder „kreisweit“ nennt, mit Wortlaut, "
                    "z. B. „Kreisweit laut Konzept (Juni 2021), Abschnitt 5“; erscheint nicht auf "
                    "der Website")
    locations: list[Location] = Field(
        default_factory=list, title="Orte",
        description="wo das Angebot stattfindet"
    )
    schedules: list[Schedule] = Field(
        default_factory=list, title="Zeiten",
        description="Öffnungs- und Sprechzeiten"
    )
    languages: list[OfferLanguage] = Field(
        default_factory=list, title="Sprachen",
        description="Sprachen, in denen beraten wird"
    )
    interpreting: bool | None = Field(
        default=None, title="Sprachmittlung",
        description="ob gedolmetscht bzw. Sprachmittlung angeboten wird"
    )
    cost: Text | None = Field(default=None, title="Kosten", description="Kosten, wie im Dokument")
    free_of_charge: bool | None = Field(default=None, title="Kostenlos", description="kostenlos")
    access: list[Literal["offen", "Termin", "Vermittlung", "online"]] = Field(
        default_factory=list, title="Zugang", description="Zugang")
    documents: list[Text] = Field(
        default_factory=list, title="Mitzubringende Unterlagen",
        description="Unterlagen, die Ratsuchende mitbringen sollen"
    )
    contacts: list[OfferContact] = Field(
        default_factory=list, title="Kontakte",
        description="Ansprechstellen"
    )
    status: Literal["geplant", "aktiv", "vorübergehend geschlossen", "beendet",
                    "unbekannt"] = Field(
        default="unbekannt", title="Stand",
        description="Stand des Angebots, wie ein Dokument ihn nennt. Eine Stelle, die erst "
                    "besetzt werden soll, ist `geplant`; ohne Beleg lassen Sie das Feld weg (die "
                    "Website sagt dann, dass der Stand nicht bekannt ist)")
    status_note: EditorNote | None = Field(
        default=None, title="Beleg für den Stand",
        description="welches Dokument den Stand nennt, mit Abschnitt oder Wortlaut, z. B. "
                    "„Aktiv laut Rahmenkonzept (2021), Abschnitt „Aktuelle Maßnahmen““; erscheint "
                    "nicht auf der Website")
    last_reviewed: Day | None = Field(
        default=None, title="Zuletzt geprüft",
        description="wann die Angaben zuletzt geprüft wurden"
    )
    reviewed_by: NonEmpty | None = Field(default=None, title="Geprüft von",
                                         description="wer geprüft hat: die **Rolle**, nicht der "
                                                     "Name")
    synthetic: bool = Field(default=False, title="Testdaten",
                            description="nur für automatische Tests mit erfundenen Daten; in "
                                        "echten Daten nie setzen")
    note: EditorNote | None = Field(
        default=None, title="Hinweis der Redaktion",
        description="Hinweis für Kolleginnen und Kollegen, erscheint nicht auf der Website: "
                    "woher das Angebot stammt und was die Dokumente nicht nennen, z. B. „Das "
                    "Dokument nennt nur den Namen; keine Orte, Zeiten oder Kontakte.“ (früher ein "
                    "Kommentar mit `#`; die Redaktionsoberfläche löscht Kommentare beim Speichern)")
    source: Source = Field(
        title="Quelle",
        description="Quellenangabe: das Dokument (und der Abschnitt), das diese Angaben belegt"
    )

    @model_validator(mode="after")
    def _one_area_form(self) -> Offer:
        if self.region_wide and self.service_area:
            raise PydanticCustomError(
                "area_form",
                "entweder 'region_wide: true' oder 'service_area' angeben, nicht beides")
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

    id: Slug = Field(description="Kennung der Zeile")
    year: Year | None = Field(
        default=None,
        description="leer lassen, wenn das Dokument kein Jahr nennt"
    )
    module: Literal[1, 2, 3] | None = Field(default=None, description="Baustein")
    item: Text = Field(description="Gegenstand der Förderung, wie im Dokument")
    measure: Measure = Field(description="Art des Betrags")
    fte: Fte | None = Field(default=None, description="Stellenanteil, falls genannt")
    rate: Amount | None = Field(default=None, description="Betrag je VZÄ und Jahr")
    rate_parts: list[RatePart] = Field(
        default_factory=list,
        description="Berechnungsgrundlage aus mehreren Stellenarten, z. B. 6,5 "
                    "Koordinatorenstellen zu je 55.000 € und 0,5 Verwaltungsassistenz zu je "
                    "22.500 €; nicht zusammen mit `fte`/`rate` verwenden",
    )
    months: Annotated[int, Field(ge=1, le=120)] | None = Field(
        default=None,
        description="Zeitraum in Monaten, wenn der Betrag nicht genau ein Jahr umfasst (z. B. "
                    "`14` für „2022 und anteilig November/Dezember 2021“)",
    )
    amount: Amount = Field(description="der Betrag, wie im Dokument")
    approximate: bool = Field(
        default=False,
        description="`true`, wenn das Dokument „ca.“ oder „rund“ sagt (die Seite zeigt „ca.“)"
    )
    ceiling: bool = Field(
        default=False,
        description="`true`, wenn das Dokument „bis zu“ sagt: `amount` ist ein Höchstbetrag (die "
                    "Seite zeigt „bis zu“)"
    )
    from_: Annotated[Slug, Ref("actor")] | None = Field(
        default=None, alias="from",
        description="Geber; bei Kosten und Eigenanteil: wer sie trägt"
    )
    to: Annotated[Slug, Ref("actor")] | None = Field(default=None, description="Empfänger")
    basis: Literal["Förderrichtlinie", "Pauschale je Stelle", "Höchstbetrag je Stelle"] | None = (
        Field(default=None, description="Berechnungsgrundlage")
    )
    line: Slug | None = Field(
        default=None,
        description="Zeile einer Kostentabelle: Beträge mit derselben Kennung gehören in eine "
                    "Tabellenzeile (Zuwendung, Eigenanteil, Kosten je Jahr). Nur Beträge mit "
                    "`line` gehen in die Diagramme ein; so zählt ein Betrag, den mehrere "
                    "Dokumente nennen, nur einmal. Was die Diagramme zusammenzählen, steht dort "
                    "als „berechnet“; Beträge verschiedener Zeiträume (Jahre, ohne Jahresangabe, "
                    "Monate) zählt das Portal nie zusammen, und ein fehlender Betrag heißt „keine"
                    " Angabe“, nie 0. Eine Zuwendung des Landes, die nicht an die Region selbst "
                    "geht (`to` ist nicht die Kennung der Region), erscheint nicht als Geldfluss "
                    "im Mittelfluss-Diagramm",
    )
    paper: Annotated[Slug, Ref("paper")] | None = Field(
        default=None,
        description="die Drucksache, die den Betrag beschlossen hat (die Seite verlinkt sie, und "
                    "die Drucksachen-Seite zeigt den Betrag)"
    )
    source: Source = Field(
        description="Quellenangabe: das Dokument (und der Abschnitt), das diese Angaben belegt"
    )

    model_config = ConfigDict(populate_by_name=False)

    @model_validator(mode="after")
    def _one_rate_form(self) -> FundingRow:
        if self.rate_parts and (self.fte is not None or self.rate is not None):
            raise PydanticCustomError(
                "rate_form", "entweder 'fte'/'rate' oder 'rate_parts' angeben, nicht beides")
        return self


class DeclaredTotal(StrictModel):
    """A total as a document states it, kept beside the sum of its parts."""

    id: Slug = Field(description="nicht gleich der Kennung einer Zeile")
    label: Text = Field(description="Bezeichnung der Summe, wie im Dokument")
    amount: Amount = Field(
        description="die Summe, **wie gedruckt** (auch wenn sie nicht zur Summe der Teile passt)"
    )
    approximate: bool = Field(
        default=False,
        description="true, wenn das Dokument 'ca.' oder 'rund' sagt; die Prüfung lässt dann die "
        "Rundung auf die letzte von Null verschiedene Stelle zu (bei einer 5 dort: auf Fünfer)",
    )
    parts: Annotated[list[Annotated[Slug, Ref("funding_row")]], Field(min_length=1)] = Field(
        description="die Zeilen, aus denen sich die Summe ergeben soll"
    )
    line: Slug | None = Field(
        default=None,
        description="Zeile einer Kostentabelle wie bei `rows` (z. B. die Zeile „Gesamt“); Art und"
                    " Jahr ergeben sich aus den Teilen",
    )
    source: Source = Field(
        description="Quellenangabe: das Dokument (und der Abschnitt), das diese Angaben belegt"
    )


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

    id: Slug = Field(
        description="Kennung der Aussage (Sprungmarke auf `/finanzierung/pruefhinweise/`)"
    )
    subject: Slug | None = Field(
        default=None,
        description="wovon die Aussage handelt; Aussagen mit gleichem `subject` müssen "
                    "übereinstimmen",
    )
    kind: StatementKind = Field(description="Art der Angabe")
    quote: NonEmpty = Field(description="der Wortlaut im Dokument")
    value: Number | None = Field(
        default=None,
        description="Pflicht bei kind: Betrag, Stellen, Anzahl, Prozent; die Zahl, wie im "
                    "Dokument (Prozent als `7.7`)"
    )
    date: Day | None = Field(
        default=None,
        description="Pflicht bei kind: Datum; das Datum, wie im Dokument"
    )
    name: NonEmpty | None = Field(default=None, description="Pflicht bei kind: Name")
    items: list[NonEmpty] = Field(default_factory=list,
        description="Pflicht bei kind: Liste; die Einträge der Liste")
    approximate: bool = Field(
        default=False, description="true bei 'rund', 'ca.', 'etwa'; die Prüfung rundet dann"
    )
    sum_of: list[Term] = Field(
        default_factory=list, description="`value` soll die Summe dieser Aussagen sein"
    )
    counts: Annotated[Slug, Ref("statement")] | None = Field(
        default=None, description="value soll die Zahl der Einträge dieser Liste sein"
    )
    share_of: ShareOf | None = Field(
        default=None,
        description="`value` (Prozent) soll `part` / `whole` sein"
    )
    not_before: Annotated[Slug, Ref("statement")] | None = Field(
        default=None, description="date darf nicht vor dem Datum dieser Aussage liegen"
    )
    note: NonEmpty | None = Field(
        default=None,
        description="Erläuterung, erscheint beim Prüfhinweis (z. B. wie „ein Drittel“ gelesen "
                    "wurde)"
    )
    source: Source = Field(
        description="Quellenangabe **mit** `section`: jede Aussage nennt ihren Abschnitt")

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

    documents: list[Document] = Field(
        description="die Quelldokumente, auf die alle anderen Dateien verweisen"
    )


class ModulesFile(StrictModel):
    """modules.yml: the three Bausteine."""

    modules: list[Module] = Field(description="die drei Bausteine, jeder höchstens einmal")


class BodiesFile(StrictModel):
    """bodies.yml: councils, committees, steering group, project groups' bodies, memberships."""

    organizations: list[Organization] = Field(
        description="Gremien, Verwaltungsbereiche und Institutionen"
    )
    memberships: list[Membership] = Field(
        default_factory=list,
        description="wer in welchem Gremium sitzt"
    )


class PapersFile(StrictModel):
    """papers.yml: council papers (Drucksachen) and their Beratungsfolge."""

    papers: list[Paper] = Field(description="die Drucksachen und ihre Beratungsfolge")


class ProjectGroupsFile(StrictModel):
    """project_groups.yml: the KIM project groups."""

    project_groups: list[ProjectGroup] = Field(
        description="die Projektgruppen (`project_groups: []`, wenn die Dokumente keine nennen)"
    )


class ProvidersFile(StrictModel):
    """providers.yml: the Träger of offers."""

    providers: list[Provider] = Field(description="die Träger von Angeboten")


class UnquantifiedAmount(StrictModel):
    """An amount a document says exists (e.g. an own share) without stating how much: unknown, not 0."""  # noqa: E501

    id: Slug
    module: Literal[1, 2, 3] | None = Field(default=None, description="Baustein")
    item: Text = Field(description="Wofür, wie im Dokument")
    measure: Measure = Field(description="Art des Betrags")
    from_: Annotated[Slug, Ref("actor")] | None = Field(
        default=None, alias="from",
        description="Geber; bei Kosten und Eigenanteil: wer sie trägt"
    )
    to: Annotated[Slug, Ref("actor")] | None = Field(default=None, description="Empfänger")
    source: Source = Field(
        description="Quellenangabe: das Dokument (und der Abschnitt), das diese Angaben belegt"
    )

    model_config = ConfigDict(populate_by_name=False)


class FundingFile(StrictModel):
    """funding.yml: every amount of the documents, one per row."""

    rows: list[FundingRow] = Field(
        default_factory=list,
        description="jeder Betrag aus den Dokumenten, eine Zeile je Betrag"
    )
    declared_totals: list[DeclaredTotal] = Field(
        default_factory=list,
        description="die Summen, die ein Dokument selbst nennt"
    )
    unquantified: list[UnquantifiedAmount] = Field(
        default_factory=list,
        description="Beträge, die ein Dokument nennt, ohne ihre Höhe anzugeben (keine Angabe, nie"
                    " 0)",
    )


class StatementsFile(StrictModel):
    """statements.yml: what the documents say, quoted, for the consistency checks."""

    statements: list[Statement] = Field(
        default_factory=list,
        description="die Aussagen der Dokumente, wörtlich mit Fundstelle"
    )


# --- Glossary (macros/glossary.yml, shared by every region's site) ---------------------------


class GlossaryTerm(StrictModel):
    """One official term of the glossary page (/glossar/), explained in every language."""

    id: Slug = Field(description="Kennung, zugleich Sprungmarke auf `/glossar/`, z. B. `duldung`")
    name: Text = Field(
        description="der Begriff: unter `de` das deutsche Original (jede Sprachfassung zeigt es "
                    "neben der Übersetzung), je Sprache die Übersetzung, z. B. `Duldung`")
    explanation: Text = Field(
        description="kurze Erklärung in zwei bis drei Sätzen, nur was die Quelle trägt; in jeder "
                    "Sprache des Portals (ein Test prüft das)")
    sources: Annotated[list[NonEmpty], Field(min_length=1)] = Field(
        description="Gesetz oder öffentliche Quelle, auf der die Erklärung beruht, z. B. "
                    "`§ 60a AufenthG`; mindestens eine, nur sicher belegte Angaben, keine "
                    "erfundenen Adressen")
    forms: list[NonEmpty] = Field(
        default_factory=list,
        description="weitere Formen des Begriffs, die auf Angebotsseiten und der Seite "
                    "Fallmanagement beim ersten Vorkommen auf den Eintrag verweisen, z. B. "
                    "`Duldungen`; das deutsche Original und die Übersetzung der Seitensprache "
                    "werden immer erkannt")


class GlossaryFile(StrictModel):
    """macros/glossary.yml: the glossary of every region's site."""

    terms: list[GlossaryTerm] = Field(description="die Einträge, in der Reihenfolge der Seite")

    @field_validator("terms")
    @classmethod
    def _unique_ids(cls, terms: list[GlossaryTerm]) -> list[GlossaryTerm]:
        seen: set[str] = set()
        for term in terms:
            if term.id in seen:
                raise PydanticCustomError(
                    "glossary_duplicate", "die Kennung '{id}' steht zweimal im Glossar",
                    {"id": term.id})
            seen.add(term.id)
        return terms


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
