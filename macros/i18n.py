"""Languages of the portal, interface strings, and reader text with honest fallbacks."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Literal

import yaml
from markupsafe import Markup, escape

from . import formatting, portalconfig
from .portalconfig import PORTAL_YML
from .schema import SOURCE_HASH_PATTERN, Text, text_hash

PROJECT_ROOT = Path(__file__).resolve().parent.parent
CATALOGUE_DIR = Path(__file__).resolve().parent / "catalogue"
DEFAULT_LANGUAGE = "de"


@dataclass(frozen=True)
class Language:
    code: str  # BCP 47 tag, used in lang="" and hreflang
    path: str  # URL folder; "" for the default language
    name: str  # own name, for the switcher
    dir: Literal["ltr", "rtl"]
    material: str  # Material's interface language
    babel: str  # locale for numbers and dates
    reader_check: bool = False  # unreviewed texts are labelled "not yet checked by readers"


@cache
def languages(config: Path = PORTAL_YML) -> tuple[Language, ...]:
    found = tuple(Language(**entry.model_dump()) for entry in portalconfig.read(config).languages)
    if not found or found[0].code != DEFAULT_LANGUAGE or found[0].path != "":
        raise ValueError("portal.yml: the first language must be German at the site root")
    return found


def language(code: str) -> Language:
    for lang in languages():
        if lang.code == code:
            return lang
    raise KeyError(f"language '{code}' is not configured in portal.yml")


class CatalogueError(ValueError):
    """A catalogue file that cannot be read; the message names file and key, in German."""


@dataclass(frozen=True)
class Entry:
    """One interface string of a catalogue, with its translation status.

    A catalogue line is either plain (``key: text``: a translation of unknown review state without
    fingerprint, counted as ``machine``) or a mapping ``key: {text: ..., status: machine|reviewed,
    source_hash: "........"}`` like reader text in the data files.
    """

    text: str
    status: Literal["machine", "reviewed"] = "machine"
    source_hash: str | None = None


HASH_PATTERN = re.compile(SOURCE_HASH_PATTERN)


def _entry(path: Path, key: object, value: object, german: bool) -> Entry:
    where = f"{path.name}: Schlüssel '{key}'"
    if not isinstance(key, str):
        raise CatalogueError(f"{where}: Schlüssel muss Text sein")
    if isinstance(value, str):
        return Entry(value, "reviewed" if german else "machine")
    if isinstance(value, dict) and not german:
        unknown = set(value) - {"text", "status", "source_hash"}
        if unknown or not isinstance(value.get("text"), str):
            raise CatalogueError(f"{where}: erwartet 'key: Text' oder 'key: {{text: ..., status: "
                                 f"machine|reviewed, source_hash: \"........\"}}'")
        status = value.get("status", "machine")
        if status not in ("machine", "reviewed"):
            raise CatalogueError(f"{where}: status '{status}' unbekannt (machine oder reviewed)")
        digest = value.get("source_hash")
        if digest is not None and not (isinstance(digest, str) and HASH_PATTERN.match(digest)):
            raise CatalogueError(f"{where}: source_hash muss aus 8 Zeichen 0-9/a-f bestehen "
                                 "(in Anführungszeichen)")
        return Entry(value["text"], status, digest)
    raise CatalogueError(f"{where}: erwartet einen Text" + ("" if german else
                         " oder {text: ..., status: ..., source_hash: ...}"))


def _safe_load(text: str):
    """yaml.safe_load with libyaml's loader where available (same rules, ~10x faster)."""
    return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))  # noqa: S506


STATUS_DIR = "status"  # macros/catalogue/status/<code>.yml: status and fingerprint per key


@cache
def stamps(code: str, directory: Path = CATALOGUE_DIR) -> dict[str, dict]:
    """Status and fingerprint per key, kept by `kim translations stamp/review` beside the texts."""
    path = directory / STATUS_DIR / f"{code}.yml"
    if not path.exists():
        return {}
    raw = _safe_load(path.read_text(encoding="utf-8")) or {}
    if not isinstance(raw, dict):
        raise CatalogueError(f"{STATUS_DIR}/{path.name}: erwartet 'schlüssel: {{status: ..., "
                             "source_hash: ...}'")
    return raw


@cache
def entries(code: str, directory: Path = CATALOGUE_DIR) -> dict[str, Entry]:
    """A language's catalogue with statuses; {} when the language has no catalogue file yet.

    Texts come from ``<code>.yml`` (plain ``key: text`` lines); status and fingerprint from
    ``status/<code>.yml`` where recorded (else: machine, without fingerprint).
    """
    path = directory / f"{code}.yml"
    if not path.exists():
        return {}
    try:
        raw = _safe_load(path.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as error:
        raise CatalogueError(f"{path.name}: kein gültiges YAML: {error}") from error
    if not isinstance(raw, dict):
        raise CatalogueError(f"{path.name}: erwartet Zeilen der Form 'schlüssel: Text'")
    german = code == DEFAULT_LANGUAGE
    found = {key: _entry(path, key, value, german) for key, value in raw.items()}
    if german:
        return found
    for key, stamp in stamps(code, directory).items():
        if key in found and isinstance(raw[key], str) and isinstance(stamp, dict):
            found[key] = _entry(path, key, {"text": raw[key], **stamp}, False)
    return found


@cache
def catalogue(code: str, directory: Path = CATALOGUE_DIR) -> dict[str, str]:
    """A language's interface strings (text only); shared, not to be changed by callers."""
    return {key: entry.text for key, entry in entries(code, directory).items()}


@cache
def _escaped(code: str) -> dict[str, Markup]:
    """A language's interface strings escaped once per process (Markup is immutable, so every
    page shares them): ``Translator.t`` is called a few dozen times per page."""
    return {key: escape(text) for key, text in catalogue(code).items()}


@cache
def _label(code: str, key: str) -> tuple[str, bool]:
    """The plain text of ``Translator.t(key)`` and whether it is the German fallback (whose
    <span lang="de"> striptags removes)."""
    own = _escaped(code).get(key)
    if own is not None:
        return own.striptags(), False
    return _escaped(DEFAULT_LANGUAGE)[key].striptags(), code != DEFAULT_LANGUAGE


def clear_caches() -> None:
    """Forget the catalogues read so far, after they were written or changed on disk."""
    for cached in (stamps, entries, catalogue, _escaped, _machine, _label):
        cached.cache_clear()


MATERIAL_PREFIX = "material."


def material_strings(code: str) -> dict[str, str]:
    """Material's own interface strings that the catalogue translates (``material.<key>``)."""
    own = catalogue(code)
    return {key[len(MATERIAL_PREFIX):]: text for key, text in own.items()
            if key.startswith(MATERIAL_PREFIX)}


def catalogue_machine(code: str) -> bool:
    """True when some interface string of the language is unreviewed or outdated."""
    return _machine(code)


@cache
def _machine(code: str) -> bool:
    # Once per language and process (the page frame asks on every page): cleared with the
    # catalogues (clear_caches).
    german = entries(DEFAULT_LANGUAGE)
    own = entries(code)
    return any(entry_status(entry.text, own.get(key)) in ("machine", "outdated")
               for key, entry in german.items() if key in own)


def entry_status(german: str, entry: Entry | None) -> str:
    """missing, machine, outdated or reviewed: outdated when the German changed since."""
    if entry is None:
        return "missing"
    if entry.source_hash is not None and entry.source_hash != text_hash(german):
        return "outdated"
    return entry.status


def wrap_lang(content: Markup | str, code: str, tag: str = "span") -> Markup:
    """Mark a fragment as being in another language than the page around it."""
    lang = language(code)
    # What Markup('<{tag} lang="{code}" dir="{dir}">{content}</{tag}>').format(...) wrote (the
    # tag name as given, the other values escaped), without the formatter's cost: every provider
    # name on a page that is not German is wrapped so.
    return Markup(f'<{tag} lang="{escape(lang.code)}" dir="{escape(lang.dir)}">'
                  f'{escape(content)}</{tag}>')


@dataclass
class Translator:
    """Interface strings and reader text in one language, remembering what fell back.

    ``fell_back``: some text was shown in German for want of a translation; ``machine``: some
    translation shown is unreviewed or outdated (its German source changed since).
    """

    lang: Language
    fell_back: bool = False
    machine: bool = False

    def t(self, key: str, **values: object) -> Markup:
        """An interface string from the catalogue, escaped, with values filled in."""
        own = _escaped(self.lang.code).get(key)
        if own is not None:
            return own.format(**values) if values else own
        german = _escaped(DEFAULT_LANGUAGE)[key]  # a missing German key is a bug: fail loudly
        text = german.format(**values) if values else german
        if self.lang.code == DEFAULT_LANGUAGE:
            return text
        self.fell_back = True
        return wrap_lang(text, DEFAULT_LANGUAGE)

    def label(self, key: str) -> str:
        """``t(key).striptags()``: an interface string as plain text (for attributes, lists and
        JSON), made once per language and key; a German fallback still marks ``fell_back``."""
        text, fell_back = _label(self.lang.code, key)
        if fell_back:
            self.fell_back = True
        return text

    def plural(self, key: str, count: int, **values: object) -> Markup:
        """A string about ``count`` things in the CLDR plural form of this language
        (``key.one``, ``key.few``, ``key.many`` ...; ``key.other`` where the catalogue has no
        string of that form), the count written as the locale writes numbers, as ``{n}``."""
        category = formatting.plural(count, self.lang.babel)
        own = catalogue(self.lang.code)
        chosen = f"{key}.{category}"
        if chosen not in own and (f"{key}.other" in own or chosen not in
                                  catalogue(DEFAULT_LANGUAGE)):
            chosen = f"{key}.other"
        return self.t(chosen, n=formatting.number(count, self.lang.babel), **values)

    def plural_forms(self, key: str) -> dict[str, str]:
        """Every plural form of ``key`` this language's rules can select, as plain text with
        ``{n}`` left in (for scripts that count, such as offers.js)."""
        forms = {}
        for category in formatting.plural_categories(self.lang.babel):
            chosen = f"{key}.{category}"
            if chosen in catalogue(self.lang.code) or (chosen in catalogue(DEFAULT_LANGUAGE)
                                                     and f"{key}.other" not in
                                                     catalogue(self.lang.code)):
                forms[category] = self.t(chosen).striptags()
        forms.setdefault("other", self.t(f"{key}.other").striptags())
        return forms

    def _translation(self, value: Text):
        if self.lang.code == DEFAULT_LANGUAGE:
            return None
        translation = value.translation(self.lang.code)
        if translation is not None and (translation.status == "machine"
                                        or translation.source_hash != text_hash(value.de)):
            self.machine = True
        return translation

    def text(self, value: Text | None) -> Markup:
        """Reader text from the data in this language, or the German marked as German."""
        if value is None:
            return Markup("")
        if self.lang.code == DEFAULT_LANGUAGE:
            return escape(value.de)
        translation = self._translation(value)
        if translation is not None:
            if self.lang.reader_check:  # Leichte Sprache: each statement on its own line
                return Markup("<br>\n").join(escape(line) for line in
                                              translation.text.strip().split("\n"))
            return escape(translation.text)
        self.fell_back = True
        return wrap_lang(escape(value.de), DEFAULT_LANGUAGE)

    def plain(self, value: Text | None) -> str:
        """The same choice as :meth:`text`, as plain text (for attributes and chart labels)."""
        if value is None:
            return ""
        translation = self._translation(value)
        return translation.text if translation is not None else value.de
