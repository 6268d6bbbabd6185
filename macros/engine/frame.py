"""Material's page frame for record pages: rendered once per shape, each page's own parts put in.

Material's ``main.html`` costs about 0.5 ms per page (header, sidebar, footer, head), more than
our whole offer view, and on the record pages of one URL folder it writes the same frame around
different parts. What differs from one record page to the next is known: its **slug** (in its
URL, canonical URL, alternates, language links and report link), its **title**, its
**description** and its **content**. Everything else the templates read makes up its **shape**:
the folder, the rest of its front matter, the languages it falls back in, its notices, charts,
whether its content has its own ``<h1>``.

For each shape the frame is rendered with sentinels in place of the four parts and cut at the
sentinels; a page of that shape is then the frame with its parts joined in. A frame is only
made when the templates leave its parts untouched: it is rendered with two sentinel sets that
contain what an escaping, URL-encoding, case-changing, truncating or tag-stripping filter would
change (spaces, ``Ä``, ``&amp;``, ``&#39;``, upper and lower case, a mark at each end, two
lengths), and the second rendering must be the first with the sentinels exchanged. A page is
rendered whole when it cannot be framed (its slug is not plain URL text, a part is empty, it
has an edit link), and so is the first page of each shape.

``KIM_FRAME_CHECK=1`` renders every framed page whole as well and refuses the build where the
two differ (the tests build with it).
"""

from __future__ import annotations

import copy
import os
import re
import secrets
from collections.abc import Callable, Hashable
from dataclasses import dataclass, fields
from typing import Any

# A slug that no filter on a URL changes (RFC 3986 unreserved characters).
PLAIN_SLUG = re.compile(r"[A-Za-z0-9._~-]+")


@dataclass(frozen=True)
class Parts:
    """A record page's own parts, as the theme receives them (title and description escaped)."""

    slug: str
    title: str
    description: str
    content: str


class FrameMismatch(Exception):
    """A framed page differed from its whole rendering (only with KIM_FRAME_CHECK=1)."""


def sentinels(token: str, label: str, h1: bool, long: bool) -> Parts:
    """Parts that no template text contains and that show any filter applied to them: marked at
    both ends (a filter keeping a prefix or a suffix changes them), with characters that
    escaping, URL-encoding, case or tag stripping would change, and, in the ``long`` set, three
    times as long (a template that tests a part's length answers differently)."""
    mark = f"{label}{token}"
    text = " Ä &amp; &#39;Kim" * (3 if long else 1)
    return Parts(
        slug=f"kimSlug{mark}" + ("-x" * 10 if long else ""),
        title=f"{mark}{text} Titel {mark}",
        description=f"{mark}{text} &#34;Beschreibung {mark}",
        # Material adds an <h1> when the content has none: the sentinel content keeps the
        # page's answer to that question.
        content=(f"<h1>{mark}{text} {mark}</h1>" if h1 else f"<p>{mark}{text} {mark}</p>"),
    )


Frame = tuple[tuple[str, ...], tuple[int, ...]]  # literal pieces; the part between each two


def cut(html: str, marks: Parts) -> Frame:
    """The frame rendered with ``marks``: its literal pieces and which part goes between."""
    names = [f.name for f in fields(Parts)]
    values = [getattr(marks, name) for name in names]
    pattern = re.compile("|".join(re.escape(v) for v in sorted(values, key=len, reverse=True)))
    pieces: list[str] = []
    slots: list[int] = []
    start = 0
    for found in pattern.finditer(html):
        pieces.append(html[start:found.start()])
        slots.append(values.index(found.group(0)))
        start = found.end()
    pieces.append(html[start:])
    return tuple(pieces), tuple(slots)


def join(frame: Frame, parts: Parts) -> str:
    pieces, slots = frame
    values = (parts.slug, parts.title, parts.description, parts.content)
    out = [pieces[0]]
    for slot, piece in zip(slots, pieces[1:], strict=True):
        out.append(values[slot])
        out.append(piece)
    return "".join(out)


def frameable(parts: Parts, has_edit_link: bool) -> bool:
    return (not has_edit_link and bool(parts.title) and bool(parts.content)
            and PLAIN_SLUG.fullmatch(parts.slug) is not None)


class Frames:
    """The frames of one language build, by shape."""

    def __init__(self, check: bool | None = None) -> None:
        self._token = secrets.token_hex(6)
        # By shape: None while one page of it has been seen (a shape of one page is not worth
        # two renderings more), then its frame, or None for good where it cannot be framed.
        self._frames: dict[Hashable, Frame | None] = {}
        self._whole: set[Hashable] = set()  # shapes whose templates change a part
        self.check = os.environ.get("KIM_FRAME_CHECK") == "1" if check is None else check

    def html(self, shape: Hashable, parts: Parts, render: Callable[[Parts | None], str]) -> str:
        """The page's HTML: ``render(marks)`` renders the page's shape with ``marks`` in place
        of its parts, ``render(None)`` the page itself."""
        if shape not in self._frames:
            self._frames[shape] = None
            return render(None)
        frame = self._frames[shape]
        if frame is None and shape not in self._whole:
            frame = self._frames[shape] = self._make(parts, render)
            if frame is None:
                self._whole.add(shape)
        if frame is None:
            return render(None)
        html = join(frame, parts)
        if self.check and html != (whole := render(None)):
            raise FrameMismatch(_first_difference(html, whole))
        return html

    def _make(self, parts: Parts, render: Callable[[Parts | None], str]) -> Frame | None:
        h1 = "<h1" in parts.content
        first, second = (sentinels(self._token, label, h1, label == "B") for label in "AB")
        html_first = render(first)
        frame = cut(html_first, first)
        if join(frame, second) != render(second):
            return None  # a template changes a part (a filter, a test on its length ...)
        return frame


def sentinel_page(page: Any, marks: Parts, site_url: str | None) -> Any:
    """A copy of a MkDocs record page with ``marks`` as its parts (the original is untouched)."""
    sentinel = copy.copy(page)
    sentinel.file = file = copy.copy(page.file)
    folder = page.url.rstrip("/").rpartition("/")[0]
    file.url = f"{folder}/{marks.slug}/" if folder else f"{marks.slug}/"  # a cached property
    sentinel.meta = dict(page.meta, title=marks.title)
    if page.meta.get("description"):
        sentinel.meta["description"] = marks.description
    sentinel.content = marks.content
    sentinel._set_canonical_url(site_url)
    return sentinel


def _first_difference(framed: str, whole: str) -> str:
    at = next((i for i, (a, b) in enumerate(zip(framed, whole, strict=False)) if a != b),
              min(len(framed), len(whole)))
    return (f"Seitenrahmen weicht ab bei Zeichen {at}: gerahmt …{framed[max(0, at - 60):at + 60]!r}"
            f" statt …{whole[max(0, at - 60):at + 60]!r}")
