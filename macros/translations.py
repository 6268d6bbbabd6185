"""Translation status of everything a reader sees, per language, and the tools that keep it.

Three kinds of translatable things, one status each per language:

- interface strings: ``macros/catalogue/<code>.yml`` (status from the entry, see i18n.Entry),
- hand-written pages: ``docs/<code>/<page>.md`` beside ``docs/de/<page>.md`` (front matter
  ``translation: machine|reviewed`` and ``source_hash``),
- reader text in the data files (``Text`` values: ``status`` and ``source_hash`` per language).

Status is one of ``missing``, ``machine``, ``outdated`` (the German changed after the translation
was made: its stored ``source_hash`` differs from ``text_hash`` of the current German) and
``reviewed``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field, fields, is_dataclass
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import yaml
from pydantic import BaseModel

from .glossary import terms as glossary_terms
from .i18n import (
    CATALOGUE_DIR,
    DEFAULT_LANGUAGE,
    PROJECT_ROOT,
    STATUS_DIR,
    Entry,
    clear_caches,
    entries,
    entry_status,
    languages,
    stamps,
)
from .regionpages import page_files
from .schema import Text, text_hash

DOCS_DIR = PROJECT_ROOT / "docs"
STATUSES = ("missing", "machine", "outdated", "reviewed")
STATUS_DE = {"missing": "fehlt", "machine": "maschinell", "outdated": "veraltet",
             "reviewed": "geprüft"}
KINDS = {"catalogue": "Oberflächentexte", "pages": "Seiten", "data": "Texte aus den Daten"}
FRONT_MATTER = re.compile(r"\A---\n(.*?)\n---\n", re.S)


# --- hand-written pages -------------------------------------------------------------------------


def page_hash(german_page: Path) -> str:
    """Fingerprint of a German page (front matter and text)."""
    return text_hash(german_page.read_text(encoding="utf-8"))


def front_matter(path: Path) -> dict:
    found = FRONT_MATTER.match(path.read_text(encoding="utf-8"))
    return (yaml.safe_load(found.group(1)) or {}) if found else {}


def page_status(meta: dict, german_page: Path) -> str:
    """Status of an existing translated page from its front matter."""
    status = meta.get("translation", "reviewed")
    digest = meta.get("source_hash")
    if digest is not None and german_page.is_file() and str(digest) != page_hash(german_page):
        return "outdated"
    return status if status in ("machine", "reviewed") else "machine"


GERMAN_ONLY = ("redaktion/",)  # pages for editors, in their working language only


def german_pages(docs_dir: Path = DOCS_DIR) -> list[str]:
    """Hand-written German pages that readers may need in their language."""
    german = docs_dir / DEFAULT_LANGUAGE
    return sorted(path for p in german.rglob("*.md")
                  if not (path := p.relative_to(german).as_posix()).startswith(GERMAN_ONLY))


# --- reader text in the data ----------------------------------------------------------------------


# Values that hold no Text: not walked into (a model's many plain fields cost a generator and
# five type checks each otherwise; the translation report walks every offer).
_NO_TEXT = frozenset({str, int, float, bool, type(None), Decimal, date, datetime})


def data_texts(value: object, where: str = "") -> Iterator[tuple[str, Text]]:
    """Every Text inside a Dataset (or part of one), with a readable path."""
    if isinstance(value, Text):
        yield where, value
    elif isinstance(value, BaseModel):
        ident = getattr(value, "id", None)
        base = f"{where}[{ident}]" if isinstance(ident, str) and where else where
        for name in type(value).model_fields:
            inner = getattr(value, name)
            if type(inner) not in _NO_TEXT:
                yield from data_texts(inner, f"{base}.{name}" if base else name)
    elif is_dataclass(value) and not isinstance(value, type):
        # Not the cache of what was computed from the data (Dataset.derived): what it holds
        # depends on what ran before, and its texts are the data's own, counted where they are.
        for item in fields(value):
            if item.name not in ("root", "origins", "derived"):
                yield from data_texts(getattr(value, item.name), item.name)
    elif isinstance(value, Mapping):  # also the offers (an OfferStore)
        for key, inner in value.items():
            yield from data_texts(inner, f"{where}[{key}]" if isinstance(inner, Text) else where)
    elif isinstance(value, list | tuple):
        for number, inner in enumerate(value, 1):
            yield from data_texts(inner, f"{where}[{number}]" if isinstance(inner, Text) else where)


def text_status(value: Text, code: str) -> str:
    translation = value.translation(code)
    if translation is None:
        return "missing"
    if translation.source_hash != text_hash(value.de):
        return "outdated"
    return translation.status


def text_statuses(value: Text, codes: list[str]) -> list[str]:
    """text_status in each of these languages, the German's fingerprint made once for all."""
    german: str | None = None
    found = []
    for code in codes:
        translation = value.translation(code)
        if translation is None:
            found.append("missing")
            continue
        if german is None:
            german = text_hash(value.de)
        found.append("outdated" if translation.source_hash != german else translation.status)
    return found


# --- the report ---------------------------------------------------------------------------------


@dataclass
class Counts:
    by_status: dict[str, int] = field(default_factory=lambda: dict.fromkeys(STATUSES, 0))
    outdated: list[str] = field(default_factory=list)  # what to look at first
    missing: list[str] = field(default_factory=list)

    def add(self, status: str, what: str) -> None:
        self.by_status[status] += 1
        if status == "outdated":
            self.outdated.append(what)
        elif status == "missing":
            self.missing.append(what)

    @property
    def total(self) -> int:
        return sum(self.by_status.values())

    def percent(self, status: str) -> float:
        return 100.0 * self.by_status[status] / self.total if self.total else 0.0


@dataclass
class Report:
    # language code -> kind (catalogue/pages/data) -> counts
    languages: dict[str, dict[str, Counts]]

    def overall(self, code: str) -> Counts:
        total = Counts()
        for counts in self.languages[code].values():
            for status, number in counts.by_status.items():
                total.by_status[status] += number
        return total


def catalogue_status(code: str, directory: Path = CATALOGUE_DIR) -> dict[str, str]:
    german = entries(DEFAULT_LANGUAGE, directory)
    own = entries(code, directory)
    return {key: entry_status(entry.text, own.get(key)) for key, entry in german.items()}


def _language_counts(code: str, texts: Iterable[tuple[str, Text]], pages: list[str], region,
                     catalogue_dir: Path, docs_dir: Path) -> dict[str, Counts]:
    """Status counts of one language over catalogue strings, the given pages and data texts."""
    kinds = {kind: Counts() for kind in KINDS}
    for key, status in catalogue_status(code, catalogue_dir).items():
        kinds["catalogue"].add(status, key)
    files = page_files(code, region, docs_dir)
    for page in pages:
        own = files[page]
        status = page_status(front_matter(own.path), own.german) if own.translated else "missing"
        kinds["pages"].add(status, page)
    for where, value in texts:
        kinds["data"].add(text_status(value, code), where)
    return kinds


def _counts(codes: list[str], texts: Iterable[tuple[str, Text]], pages: list[str], region,
            catalogue_dir: Path, docs_dir: Path) -> dict[str, dict[str, Counts]]:
    """_language_counts of every language, walking the data texts once: they are not held all
    at once (the offers' texts are most of a dataset's memory, macros/offerstore.py)."""
    found = {code: _language_counts(code, (), pages, region, catalogue_dir, docs_dir)
             for code in codes}
    for where, value in texts:
        for code, status in zip(codes, text_statuses(value, codes), strict=True):
            found[code]["data"].add(status, where)
    return found


def report(data, catalogue_dir: Path = CATALOGUE_DIR, docs_dir: Path = DOCS_DIR) -> Report:
    """Status counts per language over catalogue strings, hand-written pages and data texts.

    Pages are those the region's site shows: the shared ones and the region's own
    (``<data>/pages/``, see macros.regionpages).
    """
    texts = data_texts(data) if data is not None else ()
    region = getattr(data, "root", None)
    shown = page_files(DEFAULT_LANGUAGE, region, docs_dir)
    pages = sorted(rel for rel in shown if not rel.startswith(GERMAN_ONLY))
    codes = [lang.code for lang in languages() if lang.code != DEFAULT_LANGUAGE]
    return Report(_counts(codes, texts, pages, region, catalogue_dir, docs_dir))


def report_once(data) -> Report:
    """report(data) computed once per dataset (kept in data.derived): every language's
    translation status page shows the same report."""
    if "translation_report" not in data.derived:
        data.derived["translation_report"] = report(data)
    return data.derived["translation_report"]


# --- coverage of what migrants read ---------------------------------------------------------------

# The hand-written pages a migrant reads (start, offers, case management, privacy, accessibility,
# glossary), as files inside a language folder; a page the region's site does not show is skipped.
MIGRANT_PAGES = ("index.md", "angebote/index.md", "fallmanagement.md", "datenschutz.md",
                 "barrierefreiheit.md", "glossar.md")


def migrant_texts(data) -> Iterator[tuple[str, Text]]:
    """The data texts a migrant reads: every text of every offer (name, summary, description,
    cost, documents, places, times, contacts), the region's and sub-regions' names, the KI's
    name (the region's contact on the start and case-management pages), each module's title
    and purpose (the start page lists them) and the glossary's terms. Funding, other module and
    decision prose is not among them: it may stay German with the notice."""
    for offer in data.offers.values():
        yield from data_texts(offer, "offers")
    yield "region.name", data.region.name
    for sub in data.region.sub_regions:
        yield f"region.sub_regions[{sub.id}].name", sub.name
    yield "region.ki.name", data.region.ki.name
    for module in data.modules:
        yield f"modules[{module.number}].title", module.title
        if module.purpose is not None:
            yield f"modules[{module.number}].purpose", module.purpose
    for term in glossary_terms():  # shared by every region's site (macros/glossary.yml)
        yield from data_texts(term, "glossary")


@dataclass(frozen=True)
class Coverage:
    """How much of what a migrant reads exists in one language (machine or reviewed, not
    outdated), and what does not (``gaps``: 'kind: where')."""

    language: str
    covered: int
    total: int
    gaps: tuple[str, ...]

    @property
    def percent(self) -> float:
        return 100.0 * self.covered / self.total if self.total else 100.0


def migrant_coverage(data, catalogue_dir: Path = CATALOGUE_DIR,
                     docs_dir: Path = DOCS_DIR) -> dict[str, Coverage]:
    """Per language: the share of migrant-facing texts of the region's site that exist in it.

    Counted: every interface string (catalogue), the pages of ``MIGRANT_PAGES`` the site shows
    (the region's own over the shared ones) and ``migrant_texts``.
    """
    region = getattr(data, "root", None)
    shown = page_files(DEFAULT_LANGUAGE, region, docs_dir)
    pages = [page for page in MIGRANT_PAGES if page in shown]
    codes = [lang.code for lang in languages() if lang.code != DEFAULT_LANGUAGE]
    result = {}
    for code, kinds in _counts(codes, migrant_texts(data), pages, region, catalogue_dir,
                               docs_dir).items():
        gaps = tuple(f"{KINDS[kind]}: {where}" for kind, counts in kinds.items()
                     for where in [*counts.missing, *counts.outdated])
        total = sum(counts.total for counts in kinds.values())
        result[code] = Coverage(code, total - len(gaps), total, gaps)
    return result


def coverage_text(result: dict[str, Coverage]) -> str:
    """One line per language for the terminal (German, for editors)."""
    lines = ["Texte für Zugewanderte (Startseite, Angebote, Fallmanagement, Datenschutz, "
             "Barrierefreiheit, Glossar, Oberfläche): Anteil übersetzt (maschinell oder geprüft, "
             "nicht veraltet)", ""]
    for code, cover in result.items():
        lines.append(f"{code:<10} {cover.covered:>5} von {cover.total:>5} ({cover.percent:5.1f} %)"
                     + (f"; es fehlen {len(cover.gaps)}" if cover.gaps else ""))
    return "\n".join(lines)


def report_text(result: Report) -> str:
    """The report as plain text for the terminal (German, for editors)."""
    lines = ["Übersetzungsstand je Sprache (Anzahl und Anteil)", ""]
    head = f"{'Sprache':<10} {'Bereich':<20}" + "".join(f"{STATUS_DE[s]:>18}" for s in STATUSES)
    lines.append(head)
    lines.append("-" * len(head))
    for code, kinds in result.languages.items():
        for kind, counts in [*kinds.items(), ("gesamt", result.overall(code))]:
            cells = "".join(f"{counts.by_status[s]:>8} ({counts.percent(s):5.1f} %)"
                            for s in STATUSES)
            lines.append(f"{code:<10} {KINDS.get(kind, kind):<20}{cells}")
        outdated = [f"{KINDS[k]}: {w}" for k, c in kinds.items() for w in c.outdated]
        if outdated:
            lines.append(f"{'':<10} veraltet: " + "; ".join(outdated))
        lines.append("")
    return "\n".join(lines)


# --- stamping: record fingerprints and reviews ----------------------------------------------------


def write_stamps(code: str, changed: dict[str, Entry], directory: Path = CATALOGUE_DIR) -> None:
    """Record status and fingerprint of the changed keys in ``status/<code>.yml``."""
    path = directory / STATUS_DIR / f"{code}.yml"
    recorded = dict(stamps(code, directory))
    for key, entry in changed.items():
        recorded[key] = {"status": entry.status, "source_hash": entry.source_hash}
    path.parent.mkdir(parents=True, exist_ok=True)
    body = yaml.safe_dump(dict(sorted(recorded.items())), allow_unicode=True, sort_keys=False,
                          default_flow_style=None, width=10**6)
    path.write_text(f"# Geschrieben von `kim translations stamp` und `kim translations review`.\n"
                    f"# Je Schlüssel: status (machine/reviewed) und source_hash, "
                    f"der Fingerabdruck\n"
                    f"# des deutschen Textes, aus dem übersetzt wurde.\n{body}", encoding="utf-8")
    clear_caches()


def stamp_catalogue(code: str, keys: list[str] | None = None, reviewed: bool = False,
                    directory: Path = CATALOGUE_DIR) -> list[str]:
    """Give entries the fingerprint of the current German.

    Without ``reviewed``: only entries without a fingerprint (they were translated from the
    current German). With ``reviewed``: the named keys (or all) are marked reviewed against the
    current German, which also clears 'outdated'.
    """
    german = entries(DEFAULT_LANGUAGE, directory)
    own = entries(code, directory)
    changed = {}
    for key, entry in own.items():
        if key not in german or (keys and key not in keys):
            continue
        digest = text_hash(german[key].text)
        if reviewed:
            changed[key] = Entry(entry.text, "reviewed", digest)
        elif entry.source_hash is None:
            changed[key] = Entry(entry.text, entry.status, digest)
    if changed:
        write_stamps(code, changed, directory)
    return sorted(changed)


def stamp_page(page: Path, german_page: Path, reviewed: bool = False) -> bool:
    """Write source_hash (and translation: reviewed) into a translated page's front matter."""
    text = page.read_text(encoding="utf-8")
    found = FRONT_MATTER.match(text)
    meta = (yaml.safe_load(found.group(1)) or {}) if found else {}
    if not reviewed and "source_hash" in meta:
        return False
    meta["source_hash"] = page_hash(german_page)
    meta.setdefault("translation", "machine")
    if reviewed:
        meta["translation"] = "reviewed"
    body = text[found.end():] if found else text
    head = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False, width=10**6)
    page.write_text(f"---\n{head}---\n{body}", encoding="utf-8")
    return True
