"""Our own compact search index, one file per language at ``<language path>/search/index.json``.

Each page becomes one record: title, URL (relative to the language's root) and a short text made
of its headings and first paragraph, not its full text. overrides/assets/js/search.js fetches the
file of the reader's language only when the reader opens the search, and matches case-folded,
diacritic-free word prefixes, which also works for languages without a lunr stemmer (uk, fa).
Pages that fall back to German are left out: a reader on /ar/ searches Arabic pages only.
"""

from __future__ import annotations

import gzip
import html
import json
import re
from dataclasses import dataclass
from pathlib import Path

INDEX_PATH = "search/index.json"
TEXT_LIMIT = 280  # characters of headings + first paragraph kept per page


# Headings h1-h3 and paragraphs of a page's content. The content is MkDocs' and our builders'
# own well-formed HTML, where these elements never nest; a regular expression reads it ten times
# faster than html.parser, which mattered at thousands of pages per language.
_BLOCK = re.compile(r"<(h[1-3]|p)\b[^>]*>(.*?)</\1\s*>", re.S | re.I)
_TAG = re.compile(r"<[^>]*>")


def _digest(content_html: str) -> tuple[list[str], str]:
    """The text of the headings and of the first non-empty paragraph."""
    headings: list[str] = []
    paragraph = ""
    for found in _BLOCK.finditer(content_html):
        text = " ".join(html.unescape(_TAG.sub("", found.group(2))).split())
        if not text:
            continue
        if found.group(1).lower() == "p":
            paragraph = paragraph or text
        else:
            headings.append(text)
    return headings, paragraph


def _shorten(text: str, limit: int = TEXT_LIMIT) -> str:
    if len(text) <= limit:
        return text
    cut = text[:limit]
    space = cut.rfind(" ")
    return (cut[:space] if space > limit // 2 else cut).rstrip(" ,;:") + " …"


@dataclass(frozen=True)
class Entry:
    title: str
    url: str
    text: str

    def as_json(self) -> dict[str, str]:
        return {"t": self.title, "u": self.url, "x": self.text}


def entry(title: str, url: str, content_html: str) -> Entry:
    """One page's record from its rendered content (the article's HTML)."""
    headings, paragraph = _digest(content_html)
    parts = [h for h in headings if h != title]
    if paragraph:
        parts.append(paragraph)
    text = _shorten(" · ".join(parts))
    return Entry(title=" ".join(title.split()), url=url, text=text)


def serialise(lang: str, direction: str, entries: list[Entry]) -> bytes:
    ordered = sorted(entries, key=lambda e: e.url)
    document = {"lang": lang, "dir": direction, "docs": [e.as_json() for e in ordered]}
    return json.dumps(document, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def write(site_dir: Path, lang: str, direction: str, entries: list[Entry]) -> Path:
    target = site_dir / INDEX_PATH
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(serialise(lang, direction, entries))
    return target


def gzipped_size(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=9, mtime=0))
