"""Our own full-text search index, one file per language at ``<language path>/search/index.json``.

What is indexed, in the reader's language (the translation where one exists, otherwise the German
text the page falls back to, flagged so search.js marks it ``lang="de"``):

- every offer, from the data: name, summary, description, topics, towns, provider, target groups;
- every hand-written page (docs/<lang>/, a region's pages/<lang>/): its whole text;
- the other generated pages (modules, papers, browse pages ...): title, headings, first paragraph.

The file is an inverted index: ``docs`` holds per page what a result shows (title, URL, a short
text, the German flags), ``words`` the sorted normalised vocabulary as one space-separated string
and ``postings`` per word the pages it occurs in (ascending page numbers as base-36 gaps, joined
with ``,``). Pages' full texts are not shipped, which keeps the file within 300 KB gzipped at 2000
offers. overrides/assets/js/search.js fetches it only when the reader searches and matches word
prefixes, with one typo allowed in words of five letters or more; its query normaliser is
:func:`normalise` in JavaScript (tests/test_search.py runs it in node against this one on
thousands of texts).
"""

from __future__ import annotations

import gzip
import html
import json
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from .i18n import Translator
    from .languagebuild import RenderedPage
    from .loader import Dataset
    from .schema import Offer

INDEX_PATH = "search/index.json"
TEXT_LIMIT = 120  # characters of the short text a result shows
GERMAN_TITLE, GERMAN_TEXT = 1, 2  # bits of a doc's "g": shown in German for want of a translation

# --- normalisation (search.js has the same rules for the query) -------------------------------

# Letter variants folded together after NFKD: Arabic/Farsi yeh and kaf forms, teh marbuta, alef
# wasla, German sharp s, Turkish dotless i.
VARIANTS = str.maketrans({"\u0649": "\u064a", "\u06cc": "\u064a", "\u06d2": "\u064a",
                          "\u06a9": "\u0643", "\u0629": "\u0647", "\u0671": "\u0627",
                          "\u00df": "ss", "\u0131": "i"})
_EASTERN_DIGITS = str.maketrans({**{chr(0x0660 + i): str(i) for i in range(10)},
                                 **{chr(0x06F0 + i): str(i) for i in range(10)}})
# Both in one pass (no variant yields a digit, no digit is a variant).
_FOLD = {**VARIANTS, **_EASTERN_DIGITS}
# Dropped after NFKD, in one pass: combining marks (Latin accents and umlaut dots, Cyrillic breve
# and diaeresis (й, ё, ї), Arabic harakat/tashkeel, hamza above/below, superscript alef, Quranic
# marks), and tatweel, zero-width non-joiner/joiner and direction marks (invisible in a word).
_DROPPED = re.compile("[\u0300-\u036f\u0483-\u0489\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed"
                      "\u0640\u200c\u200d\u200e\u200f]")
# Arabic writes the article and some particles onto the word (البلدية, والمساعدة): words are
# indexed and searched without them (search.js strips the query's words alike), so بلدية finds
# البلدية and البلدية finds بلدية, and no word costs two postings.
_ARTICLE = re.compile("^(?:\u0648\u0627\u0644|\u0628\u0627\u0644|\u0643\u0627\u0644|"
                      "\u0641\u0627\u0644|\u0644\u0644|\u0627\u0644)(?=..)")
_ARTICLE_STARTS = frozenset("\u0648\u0628\u0643\u0641\u0644\u0627")  # first letters of the above


def normalise(text: str) -> str:
    """Case-folded, without diacritics, letter variants unified, Western digits."""
    return _DROPPED.sub("", unicodedata.normalize("NFKD", text)).lower().translate(_FOLD)


# A word is a run of letters and digits of any script: the Unicode categories L* and N*, as
# [\p{L}\p{N}] in search.js. Python's \w on str is exactly L*, N* and the underscore (checked for
# every code point by tests/test_search.py), so "word characters but not _" is that class,
# matched in C instead of a category look-up per character.
_WORD = re.compile(r"[^\W_]+")


def tokens(text: str) -> list[str]:
    """The normalised words of a text (letters and digits of any script)."""
    return _WORD.findall(normalise(text))


def index_words(text: str) -> set[str]:
    """The words a text is found by: its tokens, Arabic words without their article."""
    return {_ARTICLE.sub("", w) if w[0] in _ARTICLE_STARTS else w for w in tokens(text)}


# --- page records ------------------------------------------------------------------------------

_BLOCK = re.compile(r"<(h[1-3]|p)\b[^>]*>(.*?)</\1\s*>", re.S | re.I)
# Scripts, templates, and the notices every partly German page carries ("shown in German"):
# no reader looks for them.
_HIDDEN = re.compile(r"<(script|template|style)\b.*?</\1\s*>|<p class=\"kim-notice\".*?</p>",
                     re.S | re.I)
_TAG = re.compile(r"<[^>]*>")


def plain_text(content_html: str) -> str:
    """The visible text of a page's content (scripts, templates and tags removed)."""
    return " ".join(html.unescape(_TAG.sub(" ", _HIDDEN.sub(" ", content_html))).split())


def _digest(content_html: str) -> tuple[list[str], str]:
    """The text of the headings h1-h3 and of the first non-empty paragraph. The content is
    MkDocs' and our builders' own well-formed HTML, where these elements never nest; a regular
    expression reads it ten times faster than html.parser."""
    headings: list[str] = []
    paragraph = ""
    for found in _BLOCK.finditer(_HIDDEN.sub(" ", content_html)):
        text = " ".join(html.unescape(_TAG.sub("", found.group(2))).split())
        if not text:
            continue
        if found.group(1).lower() == "p":
            paragraph = paragraph or text
        else:
            headings.append(text)
    return headings, paragraph


def shorten(text: str, limit: int | None = None) -> str:
    limit = TEXT_LIMIT if limit is None else limit
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[:limit]
    space = cut.rfind(" ")
    return (cut[:space] if space > limit // 2 else cut).rstrip(" ,;:") + " …"


@dataclass(frozen=True)
class Entry:
    """One page of the index: what a result shows (title, url, text, German flags) and the
    words it is found by."""

    title: str
    url: str
    text: str
    words: frozenset[str]
    german: int = 0

    def as_json(self) -> dict[str, object]:
        doc: dict[str, object] = {"t": self.title, "u": self.url, "x": self.text}
        if self.german:
            doc["g"] = self.german
        return doc


def make_entry(title: str, url: str, text: str, body: Iterable[str], german: int = 0) -> Entry:
    title = " ".join(title.split())
    words = index_words(title)
    for part in body:
        words |= index_words(part)
    return Entry(title=title, url=url, text=shorten(text), words=frozenset(words), german=german)


def entry(title: str, url: str, content_html: str, full: bool = False,
          german: bool = False) -> Entry:
    """A page's record from its rendered content: the whole text (``full``, hand-written pages)
    or the headings and first paragraph (generated pages). ``german``: the page falls back to
    German text (its title is in the reader's language)."""
    headings, paragraph = _digest(content_html)
    title = " ".join(title.split())
    body = [plain_text(content_html)] if full else [*headings, paragraph]
    short = paragraph or " · ".join(h for h in headings if h != title)
    return make_entry(title, url, short, body, GERMAN_TEXT if german else 0)


class Collector:
    """One language build's search entries, collected as the engine reports its pages.

    An offer's entry comes from the data (:func:`offer_entry`) and is made as soon as its page
    is built, while the page's offer is at hand: with more offers than the offer store keeps
    expanded, a later pass over all offers would expand each of them once more."""

    def __init__(self, data: Dataset, tr: Translator) -> None:
        self.data, self.tr = data, tr
        self.pages: list[Entry] = []
        self.offers: dict[str, Entry] = {}

    def __call__(self, page: RenderedPage) -> None:
        """A rendered page's record: an offer page's from the data, hand-written pages with
        their whole text, other generated pages with headings and first paragraph."""
        if page.view == "offer_page" and page.args:
            ident = str(page.args[0])
            self.offers[ident] = offer_entry(self.data, self.tr, self.data.offers[ident])
        else:
            self.pages.append(entry(page.title, page.url, page.html, full=page.view is None,
                                    german=page.fallback))

    def entries(self) -> list[Entry]:
        """The pages' entries in the order they were built, then every offer's in the data's
        order (those whose page was not built made now)."""
        offers = self.data.offers
        return [*self.pages, *(self.offers.get(ident) or offer_entry(self.data, self.tr,
                                                                      offers[ident])
                               for ident in offers)]


def offer_entry(data: Dataset, tr: Translator, offer: Offer) -> Entry:
    """An offer's record from the data, in the reader's language as its page shows it."""
    from .pages.offers import _actor_plain, towns

    code = tr.lang.code
    german = 0
    if code != "de":
        german |= GERMAN_TITLE if offer.name.translation(code) is None else 0
        german |= GERMAN_TEXT if offer.summary.translation(code) is None else 0
    names = {m.id: m.name for m in data.region.municipalities}
    body = [tr.plain(offer.summary), tr.plain(offer.description),
            *(tr.label(f"topic.{t}") for t in offer.topics),
            *(names[m] for m in towns(data, offer)),
            _actor_plain(data, tr, offer.provider) if offer.provider else "",
            *(tr.label(f"target.{g}") for g in offer.target_groups)]
    return make_entry(tr.plain(offer.name), f"angebote/{offer.id}/", tr.plain(offer.summary),
                      body, german)


# --- the file ----------------------------------------------------------------------------------


def _base36(n: int) -> str:
    digits = "0123456789abcdefghijklmnopqrstuvwxyz"
    out = ""
    while True:
        n, r = divmod(n, 36)
        out = digits[r] + out
        if not n:
            return out


def postings(numbers: list[int]) -> str:
    """Ascending page numbers as base-36 gaps: [3, 5, 40] -> "3,2,z"."""
    previous, gaps = 0, []
    for n in numbers:
        gaps.append(_base36(n - previous))
        previous = n
    return ",".join(gaps)


def serialise(lang: str, direction: str, entries: list[Entry]) -> bytes:
    ordered = sorted(entries, key=lambda e: e.url)
    pages: dict[str, list[int]] = {}
    for number, e in enumerate(ordered):
        for word in e.words:
            pages.setdefault(word, []).append(number)
    vocabulary = sorted(pages)
    document = {"lang": lang, "dir": direction, "docs": [e.as_json() for e in ordered],
                "words": " ".join(vocabulary),
                "postings": [postings(pages[w]) for w in vocabulary]}
    return json.dumps(document, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def write(site_dir: Path, lang: str, direction: str, entries: list[Entry]) -> Path:
    target = site_dir / INDEX_PATH
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(serialise(lang, direction, entries))
    return target


def gzipped_size(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=9, mtime=0))
