"""Languages of the portal, interface strings, and reader text with honest fallbacks."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Literal

import yaml
from markupsafe import Markup, escape

from .schema import Text

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
    search: str  # lunr language or "none"


@cache
def languages(config: Path = PROJECT_ROOT / "portal.yml") -> tuple[Language, ...]:
    raw = yaml.safe_load(config.read_text(encoding="utf-8"))
    found = tuple(Language(**entry) for entry in raw["languages"])
    if found[0].code != DEFAULT_LANGUAGE or found[0].path != "":
        raise ValueError("portal.yml: the first language must be German at the site root")
    return found


def language(code: str) -> Language:
    for lang in languages():
        if lang.code == code:
            return lang
    raise KeyError(f"language '{code}' is not configured in portal.yml")


@cache
def catalogue(code: str) -> dict[str, str]:
    path = CATALOGUE_DIR / f"{code}.yml"
    if not path.exists():
        return {}
    return yaml.safe_load(path.read_text(encoding="utf-8")) or {}


def wrap_lang(content: Markup | str, code: str, tag: str = "span") -> Markup:
    """Mark a fragment as being in another language than the page around it."""
    lang = language(code)
    return Markup('<{tag} lang="{code}" dir="{dir}">{content}</{tag}>').format(
        tag=Markup(tag), code=lang.code, dir=lang.dir, content=content
    )


@dataclass
class Translator:
    """Interface strings and reader text in one language, remembering what fell back."""

    lang: Language
    fell_back: bool = False

    def t(self, key: str, **values: object) -> Markup:
        """An interface string from the catalogue, escaped, with values filled in."""
        own = catalogue(self.lang.code).get(key)
        if own is not None:
            return escape(own).format(**values) if values else escape(own)
        german = catalogue(DEFAULT_LANGUAGE)[key]  # a missing German key is a bug: fail loudly
        text = escape(german).format(**values) if values else escape(german)
        if self.lang.code == DEFAULT_LANGUAGE:
            return text
        self.fell_back = True
        return wrap_lang(text, DEFAULT_LANGUAGE)

    def text(self, value: Text | None) -> Markup:
        """Reader text from the data in this language, or the German marked as German."""
        if value is None:
            return Markup("")
        if self.lang.code == DEFAULT_LANGUAGE:
            return escape(value.de)
        translation = value.translation(self.lang.code)
        if translation is not None:
            return escape(translation.text)
        self.fell_back = True
        return wrap_lang(escape(value.de), DEFAULT_LANGUAGE)

    def plain(self, value: Text | None) -> str:
        """The same choice as :meth:`text`, as plain text (for attributes and chart labels)."""
        if value is None:
            return ""
        translation = value.translation(self.lang.code)
        return translation.text if translation and self.lang.code != DEFAULT_LANGUAGE else value.de
