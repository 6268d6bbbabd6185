"""Our own compact search index, one file per language at ``<language path>/search/index.json``.

Each page becomes one record: title, URL (relative to the language's root) and a short text made
of its headings and first paragraph, not its full text. overrides/assets/js/search.js fetches the
file of the reader's language only when the reader opens the search, and matches case-folded,
diacritic-free word prefixes, which also works for languages without a lunr stemmer (uk, fa).
Pages that fall back to German are left out: a reader on /ar/ searches Arabic pages only.
"""

from __future__ import annotations

import gzip
import json
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

INDEX_PATH = "search/index.json"
TEXT_LIMIT = 280  # characters of headings + first paragraph kept per page


class _Digest(HTMLParser):
    """Collects the text of headings and of the first paragraph of a page's content."""

    HEADINGS = {"h1", "h2", "h3"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.headings: list[str] = []
        self.paragraph = ""
        self._in: str | None = None
        self._buffer: list[str] = []
        self._depth = 0

    def handle_starttag(self, tag: str, attrs) -> None:
        if self._in is None and (tag in self.HEADINGS or (tag == "p" and not self.paragraph)):
            self._in, self._buffer, self._depth = tag, [], 0
        elif self._in == tag:
            self._depth += 1

    def handle_endtag(self, tag: str) -> None:
        if tag != self._in:
            return
        if self._depth:
            self._depth -= 1
            return
        text = " ".join("".join(self._buffer).split())
        if text:
            if tag == "p":
                self.paragraph = text
            else:
                self.headings.append(text)
        self._in = None

    def handle_data(self, data: str) -> None:
        if self._in is not None:
            self._buffer.append(data)


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
    digest = _Digest()
    digest.feed(content_html)
    digest.close()
    parts = [h for h in digest.headings if h != title]
    if digest.paragraph:
        parts.append(digest.paragraph)
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
