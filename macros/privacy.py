"""Privacy gate, static half: find references that would make a reader's browser contact a host
other than the site's own (LG München I, 3 O 17493/20: no visitor IP addresses to third parties).

``third_party_loads(path, own_origins)`` scans one built file: in HTML the ``src``/``href`` of
scripts, stylesheets, icons, preloads/preconnects, fonts, images, media, frames and objects, plus
``url()``/``@import`` inside ``<style>`` and ``style=""``; in CSS every ``url()`` and ``@import``;
in JavaScript static ``import``/``importScripts``/``fetch`` of an absolute URL. Plain links
(``<a href>``, ``rel=canonical/alternate``) are navigation, not loads, and stay allowed.
The browser half (every page type in Chromium, 0 requests to another host) is in
tests/test_privacy.py.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

# <link rel=...> values that make the browser fetch or connect.
LOADING_RELS = {"stylesheet", "icon", "shortcut", "apple-touch-icon", "preload", "prefetch",
                "modulepreload", "preconnect", "dns-prefetch", "manifest", "mask-icon", "prerender"}
SRC_TAGS = {"script", "img", "iframe", "frame", "embed", "source", "video", "audio", "track",
            "input", "image"}
CSS_REFS = re.compile(r"""url\(\s*(['"]?)([^'")]+)\1\s*\)|"""
                      r"""@import\s+(?:url\()?\s*(['"])([^'"]+)\3""", re.I)
JS_REFS = re.compile(r"""(?:\bimport\s*(?:[\w*{}\s,]+from\s*)?\(?\s*|"""
                     r"""importScripts\(\s*|fetch\(\s*)"""
                     r"""(['"`])((?:https?:)?//[^'"`]+)\1""")


def is_third_party(url: str, own_origins: set[str]) -> bool:
    """True for absolute (or protocol-relative) URLs whose origin is not the site's own."""
    url = url.strip()
    if not url.startswith(("http:", "https:", "//")):
        return False  # relative, data:, mailto:, tel:, fragments
    parts = urlsplit(url if not url.startswith("//") else "https:" + url)
    return f"{parts.scheme}://{parts.netloc}" not in own_origins and parts.netloc not in {
        urlsplit(o).netloc for o in own_origins}


def _css_urls(text: str) -> list[str]:
    return [m.group(2) or m.group(4) for m in CSS_REFS.finditer(text)]


class _Loads(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.urls: list[tuple[str, str]] = []  # (where, url)
        self._in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "link" and set(a.get("rel", "").lower().split()) & LOADING_RELS:
            self.urls.append((f"<link rel={a.get('rel')}>", a.get("href", "")))
        if tag in SRC_TAGS:
            for name in ("src", "poster"):
                if a.get(name):
                    self.urls.append((f"<{tag} {name}>", a[name]))
            for candidate in a.get("srcset", "").split(","):
                if candidate.strip():
                    self.urls.append((f"<{tag} srcset>", candidate.split()[0]))
        if tag == "object" and a.get("data"):
            self.urls.append(("<object data>", a["data"]))
        if "style" in a:
            self.urls += [("style attribute", u) for u in _css_urls(a["style"])]
        if tag == "style":
            self._in_style = True

    def handle_endtag(self, tag: str) -> None:
        if tag == "style":
            self._in_style = False

    def handle_data(self, data: str) -> None:
        if self._in_style:
            self.urls += [("<style>", u) for u in _css_urls(data)]


def loads_in(path: Path) -> list[tuple[str, str]]:
    """Every (context, URL) the file makes a browser load, by file type."""
    text = path.read_text(encoding="utf-8", errors="replace")
    suffix = path.suffix.lower()
    if suffix in {".html", ".htm"}:
        parser = _Loads()
        parser.feed(text)
        parser.close()
        return parser.urls
    if suffix == ".css":
        return [("css", u) for u in _css_urls(text)]
    if suffix in {".js", ".mjs"}:
        return [("js", m.group(2)) for m in JS_REFS.finditer(text)]
    return []


def third_party_loads(path: Path, own_origins: set[str]) -> list[str]:
    """Findings ``file: context -> URL`` for every load from another host; empty when clean."""
    return [f"{path}: {where} -> {url}" for where, url in loads_in(path)
            if is_third_party(url, own_origins)]


# Decap CMS's bundle in the editors' CMS (macros/cms.py): vendor code naming backends the CMS is
# not configured for (e.g. a fetch of api.netlify.com for git-gateway). What that page may
# contact is bounded by its own CSP (connect-src: the configured git host's API only) and checked
# in Chromium (tests/test_cms_browser.py); its index.html and kim-cms.js are scanned as usual.
CMS_VENDOR = re.compile(r"^redaktion/cms/([0-9]+\.)?decap-cms\.js$")


def scan_site(site: Path, own_origins: set[str]) -> list[str]:
    """The static gate over a whole built site (HTML, CSS, JS; the sitemap is not loaded)."""
    findings: list[str] = []
    for path in sorted(site.rglob("*")):
        if CMS_VENDOR.match(path.relative_to(site).as_posix()):
            continue
        if path.is_file() and path.suffix.lower() in {".html", ".htm", ".css", ".js", ".mjs"}:
            findings += third_party_loads(path, own_origins)
    return findings
