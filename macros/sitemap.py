"""One sitemap for the whole site, with every language version of a page linked as alternate.

MkDocs writes a sitemap per language build (``<lang>/sitemap.xml``), each blind to the others.
After all languages are built, this module reads them, removes them, and writes one
``sitemap.xml`` (and ``sitemap.xml.gz``) at the site root in which each page lists its language
versions as ``xhtml:link rel="alternate" hreflang="..."`` (plus ``x-default``: German).
Pages that only show the German text for want of a translation are left out: they are not a
version in that language, and their German original is listed already.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
import zlib
from collections.abc import Iterable, Iterator
from pathlib import Path
from xml.sax.saxutils import escape

from .i18n import DEFAULT_LANGUAGE, Language
from .pages.registry import page_url  # every URL comes from the page-type table

SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
XHTML_NS = "http://www.w3.org/1999/xhtml"


def _urls(sitemap: Path) -> list[str]:
    if not sitemap.is_file():
        return []
    tree = ET.parse(sitemap)
    return [loc.text or "" for loc in tree.iter(f"{{{SITEMAP_NS}}}loc")]


def write_sitemap(site: Path, site_url: str, langs: Iterable[Language],
                  fallback: dict[str, list[str]]) -> Path:
    root = site_url.rstrip("/") + "/"
    langs = list(langs)
    pages: dict[str, dict[str, str]] = {}  # page URL inside a language -> {lang: absolute URL}
    for lang in langs:
        base = root + (f"{lang.path}/" if lang.path else "")
        folder = site / lang.path if lang.path else site
        skip = {page_url(p) for p in fallback.get(lang.code, [])}
        for url in _urls(folder / "sitemap.xml"):
            inner = url[len(base):] if url.startswith(base) else url
            if inner not in skip:
                pages.setdefault(inner, {})[lang.code] = base + inner
    for lang in langs:
        folder = site / lang.path if lang.path else site
        for name in ("sitemap.xml", "sitemap.xml.gz"):
            (folder / name).unlink(missing_ok=True)
    # Written line by line, plain and gzipped at once: at 10,000 offers in eight languages the
    # sitemap is about 85 MB of text, which must not sit in memory (three times: lines, text,
    # bytes). The gzip stream is the one gzip.compress(text, mtime=0) gives (zlib's gzip
    # wrapper, level 9).
    target = site / "sitemap.xml"
    packer = zlib.compressobj(9, zlib.DEFLATED, 31)
    with target.open("w", encoding="utf-8", newline="") as plain, \
            (site / "sitemap.xml.gz").open("wb") as packed:
        for line in _lines(pages):
            plain.write(line)
            packed.write(packer.compress(line.encode("utf-8")))
        packed.write(packer.flush())
    return target


def _lines(pages: dict[str, dict[str, str]]) -> Iterator[str]:
    """The sitemap's lines (each ending in a line break), its pages sorted by URL."""
    yield '<?xml version="1.0" encoding="UTF-8"?>\n'
    yield f'<urlset xmlns="{SITEMAP_NS}" xmlns:xhtml="{XHTML_NS}">\n'
    for inner in sorted(pages):
        versions = pages[inner]
        links = [f'<xhtml:link rel="alternate" hreflang="{code}" href="{escape(url)}"/>'
                 for code, url in versions.items()]
        if DEFAULT_LANGUAGE in versions:
            links.append(f'<xhtml:link rel="alternate" hreflang="x-default" '
                         f'href="{escape(versions[DEFAULT_LANGUAGE])}"/>')
        joined = "".join(links)
        for url in versions.values():
            yield f"<url><loc>{escape(url)}</loc>{joined}</url>\n"
    yield "</urlset>\n"
