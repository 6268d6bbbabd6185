"""Page weight: what one built page costs a reader, in gzipped bytes, counted from the files.

``page_weight(site, page)`` follows what the page loads when it opens: the HTML, its stylesheets
(and fonts/images their ``url()``/``@import`` pull in), scripts, images and icon. Files a script
fetches later are not part of it: the search index (when the reader opens search) is not counted
at all, plotly.js and its stylesheet (named in charts.js's ``data-plotly`` attributes, fetched
when a chart comes on screen) are counted apart, in ``on_demand``.
Every file is gzipped at level 9 with a fixed timestamp, so the figures are deterministic.
Used by the budget tests (tests/test_weight.py) and the benchmarks.
"""

from __future__ import annotations

import gzip
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit

BUDGET_BYTES = 60 * 1024  # issue 6: offer and overview pages <= 60 KB gzipped all-in

KINDS = ("html", "css", "js", "font", "image")
FONT_SUFFIXES = {".woff2", ".woff", ".ttf", ".otf", ".eot"}
CSS_URL = re.compile(r"""url\(\s*(['"]?)([^'")]+)\1\s*\)|@import\s+(['"])([^'"]+)\3""", re.I)


ON_DEMAND = "-on-demand"


def gz(data: bytes) -> int:
    """Gzipped size in bytes (level 9, no timestamp: the same bytes give the same number)."""
    return len(gzip.compress(data, compresslevel=9, mtime=0))


@dataclass
class Weight:
    page: Path
    files: dict[Path, tuple[str, int]] = field(default_factory=dict)  # file -> (kind, gz bytes)
    missing: list[str] = field(default_factory=list)  # referenced but not in the site
    # fetched by a script later
    on_demand: dict[Path, tuple[str, int]] = field(default_factory=dict)
    external: list[str] = field(default_factory=list)  # URLs on other hosts (not weighed)

    def by_kind(self) -> dict[str, int]:
        totals = dict.fromkeys(KINDS, 0)
        for kind, size in self.files.values():
            totals[kind] += size
        return totals

    @property
    def total(self) -> int:
        return sum(size for _, size in self.files.values())

    def loads(self, pattern: str) -> bool:
        """Whether any file loaded on opening has a name matching the pattern (e.g. 'plotly')."""
        return any(re.search(pattern, p.name, re.I) for p in self.files)

    def may_load(self, pattern: str) -> bool:
        """Whether the page loads such a file on opening or may fetch it later."""
        return self.loads(pattern) or any(re.search(pattern, p.name, re.I) for p in self.on_demand)

    @property
    def total_with_on_demand(self) -> int:
        return self.total + sum(size for _, size in self.on_demand.values())


class _Refs(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.refs: list[tuple[str, str]] = []  # (kind, url)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        rel = set(a.get("rel", "").lower().split())
        if tag == "link" and "stylesheet" in rel and a.get("href"):
            self.refs.append(("css", a["href"]))
        elif tag == "link" and rel & {"icon", "preload", "modulepreload"} and a.get("href"):
            kind = "js" if a.get("as") == "script" or "modulepreload" in rel else (
                "font" if a.get("as") == "font" else "css" if a.get("as") == "style" else "image")
            self.refs.append((kind, a["href"]))
        elif tag == "script" and a.get("src"):
            self.refs.append(("js", a["src"]))
            # charts.js fetches these when a chart comes on screen
            for attribute, kind in (("data-plotly", "js"), ("data-plotly-css", "css")):
                if a.get(attribute):
                    self.refs.append((f"{kind}{ON_DEMAND}", a[attribute]))
        elif tag in {"img", "source", "input"} and a.get("src"):
            self.refs.append(("image", a["src"]))
        elif tag in {"iframe", "embed", "object"} and (a.get("src") or a.get("data")):
            self.refs.append(("html", a.get("src") or a.get("data", "")))


def _local(site: Path, base: PurePosixPath, url: str) -> Path | None:
    """The site file a URL points at, or None for data: URLs and other hosts."""
    parts = urlsplit(url)
    if parts.scheme or parts.netloc or not parts.path:
        return None
    path = unquote(parts.path)
    target = PurePosixPath(path.lstrip("/")) if path.startswith("/") else base / path
    resolved = Path(*[p for p in _normalise(target).parts])
    file = site / resolved
    if file.is_dir() or path.endswith("/"):
        file = file / "index.html"
    return file


def _normalise(path: PurePosixPath) -> PurePosixPath:
    out: list[str] = []
    for part in path.parts:
        if part == "..":
            if out:
                out.pop()
        elif part not in {".", ""}:
            out.append(part)
    return PurePosixPath(*out)


def _kind_of(path: Path, declared: str) -> str:
    if path.suffix.lower() in FONT_SUFFIXES:
        return "font"
    return declared


def page_weight(site: Path, page: Path) -> Weight:
    """Everything a page loads on opening, gzipped; ``page`` is a built HTML file under ``site``."""
    site = site.resolve()
    page = page.resolve()
    weight = Weight(page=page)
    html = page.read_bytes()
    weight.files[page] = ("html", gz(html))
    parser = _Refs()
    parser.feed(html.decode("utf-8"))
    base = PurePosixPath(page.parent.relative_to(site).as_posix())
    queue = [(kind, url, base) for kind, url in parser.refs]
    while queue:
        kind, url, at = queue.pop(0)
        file = _local(site, at, url)
        if file is None:
            if urlsplit(url).scheme not in ("", "data"):
                weight.external.append(url)
            continue
        if file in weight.files or file in weight.on_demand:
            continue
        if not file.is_file():
            weight.missing.append(url)
            continue
        data = file.read_bytes()
        if kind.endswith(ON_DEMAND):
            weight.on_demand[file] = (kind.removesuffix(ON_DEMAND), gz(data))
            continue
        weight.files[file] = (_kind_of(file, kind), gz(data))
        if kind == "css" and file.suffix == ".css":
            here = PurePosixPath(file.parent.relative_to(site).as_posix())
            for match in CSS_URL.finditer(data.decode("utf-8", "replace")):
                ref = match.group(2) or match.group(4)
                queue.append(("css" if match.group(4) else "image", ref.strip(), here))
    return weight


def report(weight: Weight) -> str:
    kinds = ", ".join(f"{k} {v / 1024:.1f}" for k, v in weight.by_kind().items() if v)
    return f"{weight.total / 1024:.1f} KB gz ({kinds})"


def check_budget(weight: Weight, budget: int = BUDGET_BYTES) -> list[str]:
    """Problems (empty when within budget), phrased for a test failure or a benchmark log."""
    if weight.total <= budget:
        return []
    return [f"{weight.page}: {report(weight)} over the budget of {budget / 1024:.0f} KB"]
