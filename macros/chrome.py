"""Facts about a page that the theme templates show: alternates and fallback state."""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup

from .html import relative_url
from .i18n import DEFAULT_LANGUAGE, Language, Translator, language, languages


@dataclass(frozen=True)
class Alternate:
    code: str
    name: str
    dir: str
    href: str  # relative link from the current page
    url: str  # absolute URL for <link rel="alternate">
    current: bool


@dataclass(frozen=True)
class PageChrome:
    lang: Language
    alternates: tuple[Alternate, ...]
    fallback: bool
    fallback_notice: Markup
    machine: bool  # a translation nobody has reviewed yet
    machine_notice: Markup
    original_href: str  # the German original of this page
    original_label: Markup
    x_default: str


def alternate_href(current: Language, page_url: str, target: Language) -> str:
    """Relative link from a page to the same page in another language."""

    def in_site(lang: Language) -> str:
        return f"{lang.path}/{page_url}" if lang.path else page_url

    return relative_url(in_site(current), in_site(target))


def page_chrome(lang_code: str, page_url: str, src_path: str, fallback_pages: list[str],
                root_url: str, translation: str | None = None) -> PageChrome:
    current = language(lang_code)
    root = root_url.rstrip("/") + "/" if root_url else ""
    alternates = tuple(
        Alternate(
            code=target.code, name=target.name, dir=target.dir,
            href=alternate_href(current, page_url, target),
            url=f"{root}{target.path + '/' if target.path else ''}{page_url}" if root else "",
            current=target.code == current.code,
        )
        for target in languages()
    )
    fallback = src_path in fallback_pages and current.code != DEFAULT_LANGUAGE
    tr = Translator(current)
    notice = tr.t("notice.page_untranslated") if fallback else Markup("")
    machine = translation == "machine" and not fallback and current.code != DEFAULT_LANGUAGE
    german = next(a for a in alternates if a.code == DEFAULT_LANGUAGE)
    return PageChrome(
        lang=current, alternates=alternates, fallback=fallback, fallback_notice=notice,
        machine=machine, machine_notice=tr.t("notice.machine") if machine else Markup(""),
        original_href=german.href, original_label=tr.t("notice.original"), x_default=german.url,
    )
