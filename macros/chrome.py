"""Facts about a page that the theme templates show: alternates and fallback state."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from markupsafe import Markup

from . import formatting
from .html import relative_url
from .i18n import DEFAULT_LANGUAGE, Language, Translator, catalogue_machine, language, languages
from .translations import DOCS_DIR, page_status


@dataclass(frozen=True)
class Alternate:
    code: str
    name: str
    dir: str
    href: str  # relative link from the current page
    url: str  # absolute URL for <link rel="alternate">
    current: bool
    translated: bool  # False where the page falls back to German: no hreflang for it


@dataclass(frozen=True)
class PageChrome:
    lang: Language
    alternates: tuple[Alternate, ...]
    fallback: bool
    fallback_notice: Markup
    machine: bool  # the page or part of it is an unreviewed or outdated translation
    machine_notice: Markup
    original_href: str  # the German original of this page
    original_label: Markup
    x_default: str
    interface_notice: Markup  # the interface strings of this language are machine translations


def alternate_href(current: Language, page_url: str, target: Language) -> str:
    """Relative link from a page to the same page in another language."""

    mine = f"{current.path}/{page_url}" if current.path else page_url
    theirs = f"{target.path}/{page_url}" if target.path else page_url
    if (mine.split("/", 1)[0] != theirs.split("/", 1)[0] and (mine == "" or mine.endswith("/"))
            and (theirs == "" or theirs.endswith("/")) and "#" not in theirs
            and not _UNUSUAL.search(f"/{mine} /{theirs}")):
        # Folder paths without a first folder in common: up out of this page's folders, down
        # into the other's. What relative_url computes for them, without its general work (on
        # every page, once per language).
        return "../" * mine.count("/") + theirs
    return relative_url(mine, theirs)


# Paths relative_url treats with care ("." or ".." parts, empty parts): left to it.
_UNUSUAL = re.compile(r"/\.|//")


def page_chrome(lang_code: str, page_url: str, src_path: str,
                fallback_pages: dict[str, list[str]], root_url: str,
                meta: dict | None = None, data_machine: bool = False,
                docs_dir=DOCS_DIR, german_page: Path | None = None) -> PageChrome:
    """What the theme shows around a page: switcher, alternates, translation notices."""
    current = language(lang_code)
    root = root_url.rstrip("/") + "/" if root_url else ""
    alternates = tuple(
        Alternate(
            code=target.code, name=target.name, dir=target.dir,
            href=alternate_href(current, page_url, target),
            url=f"{root}{target.path + '/' if target.path else ''}{page_url}" if root else "",
            current=target.code == current.code,
            translated=src_path not in fallback_pages.get(target.code, ()),
        )
        for target in languages()
    )
    german_language = current.code == DEFAULT_LANGUAGE
    fallback = not german_language and src_path in fallback_pages.get(current.code, ())
    tr = Translator(current)
    notices: list[Markup] = []
    if not german_language and not fallback:
        # A region's own page is a translation of the region's German page, not of docs/de.
        meta = meta or {}
        # The German original is read only for a fingerprint (record pages have none): its
        # path is made only then (a path per page cost more than the rest of this notice).
        original = german_page or (docs_dir / DEFAULT_LANGUAGE / src_path
                                   if meta.get("source_hash") is not None else Path())
        status = page_status(meta, original)
        if status == "outdated":
            notices.append(tr.t("notice.outdated"))
        elif status == "machine":
            notices.append(tr.t("notice.machine"))
        elif data_machine:
            notices.append(tr.t("notice.machine_parts"))
        if notices and current.reader_check:
            notices.append(tr.t("notice.readers_unchecked"))
    german = next(a for a in alternates if a.code == DEFAULT_LANGUAGE)
    return PageChrome(
        lang=current, alternates=alternates, fallback=fallback,
        fallback_notice=tr.t("notice.page_untranslated") if fallback else Markup(""),
        machine=bool(notices), machine_notice=Markup(" ").join(notices),
        original_href=german.href, original_label=tr.t("notice.original"), x_default=german.url,
        interface_notice=(tr.t("notice.interface_machine")
                          if not german_language and catalogue_machine(current.code)
                          else Markup("")),
    )


# Interface strings search.js shows, handed over in data-* attributes (no inline script).
SEARCH_STRINGS = ("search.label", "search.prompt", "search.loading", "search.none",
                  "search.one", "search.many", "search.failed", "header.menu",
                  "offers.browse")  # the header's way in without JavaScript (header.html)


def search_strings(lang_code: str) -> dict[str, str]:
    lang = language(lang_code)
    tr = Translator(lang)
    strings = {key: str(tr.t(key).striptags()) if key != "search.many" else
               str(tr.t(key, count="{count}").striptags()) for key in SEARCH_STRINGS}
    # search.js writes its counts as the rest of the page does: the locale's numbering system
    # (Farsi pages count in ۰-۹), taken from babel like macros/formatting.py.
    strings["search.locale"] = lang.babel.replace("_", "-")
    strings["search.numbering"] = formatting.numbering(lang.babel)
    return strings


def print_label(lang_code: str, url: str) -> Markup:
    """A printed funding page says when it was made and where it lives (council handouts)."""
    import datetime as dt
    import os

    from .formatting import day

    lang = language(lang_code)
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    today = (dt.datetime.fromtimestamp(int(epoch), dt.UTC) if epoch
             else dt.datetime.now(dt.UTC)).date()
    return Translator(lang).t("print.meta", date=day(today, lang.babel), url=url)
