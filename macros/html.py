"""Small builders for escaped HTML. Every value passes through markupsafe on the way out."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from posixpath import relpath

from markupsafe import Markup, escape

Cell = Markup | str | int | None


def tag(name: str, content: Cell = "", **attrs: str | None) -> Markup:
    """<name attr="...">content</name>; attribute names use '_' for '-' and drop a trailing '_'.

    Built with escape() and plain concatenation: Markup.format was the main cost of rendering
    thousands of offer pages."""
    rendered = "".join(
        f' {key.rstrip("_").replace("_", "-")}="{escape(value)}"'
        for key, value in attrs.items()
        if value is not None
    )
    body = escape(content) if content is not None else ""
    return Markup(f"<{name}{rendered}>{body}</{name}>")


def join(parts: Iterable[Cell], separator: str = "\n") -> Markup:
    return Markup(separator).join(p for p in parts if p not in (None, ""))


def table_model(
    caption: Cell,
    headers: Sequence[Cell],
    rows: Iterable[Sequence[Cell]],
    *,
    footer: Sequence[Cell] | None = None,
    numeric: Iterable[int] = (),
    css: str = "kim-table",
) -> dict:
    """The view-model of partials/table.html: an accessible data table."""
    # The wrapper scrolls sideways on narrow screens: keyboard users must be able to focus it
    # (WCAG 2.1.1), and a focusable region needs a name, taken from the caption.
    label = Markup(caption).striptags() if caption else None
    return {"caption": caption, "label": label, "headers": list(headers),
            "rows": [list(row) for row in rows], "footer": list(footer) if footer else None,
            "numeric": set(numeric), "css": css}


def relative_url(from_url: str, to_url: str) -> str:
    """Link from one page URL to another inside the same language ('' is the start page)."""
    base = "/" + from_url
    if not base.endswith("/"):
        base = base.rsplit("/", 1)[0] + "/"
    target = "/" + to_url
    link = _relpath(target, base)
    if (to_url == "" or to_url.endswith("/")) and not link.endswith("/"):
        link += "/"
    if "#" in to_url and link.endswith("/"):
        link = link[:-1]
    return "./" if link in (".", "./") else link



def _relpath(target: str, base: str) -> str:
    """posixpath.relpath for two absolute URL paths, without its normalising and joining.

    Called for every link of every page (about ten per page, 17,000 pages at 2000 offers), where
    relpath cost a few per cent of the build; paths with '.' or '..' parts take relpath itself."""
    if "/." in target or "/." in base or "//" in target or "//" in base:
        return relpath(target, base)
    target, base = target.strip("/"), base.strip("/")
    to_parts = target.split("/") if target else []
    from_parts = base.split("/") if base else []
    common = 0
    for mine, theirs in zip(to_parts, from_parts, strict=False):
        if mine != theirs:
            break
        common += 1
    return "/".join([".."] * (len(from_parts) - common) + to_parts[common:]) or "."
