"""The glossary: official terms explained in every language (macros/glossary.yml), and the
links from a term's first use on a page to its entry on /glossar/.

Why the glossary lives in macros/ beside the interface catalogue and not in a data folder or in
docs/: like the catalogue it is region-neutral text that every region's site shows the same
(a data folder holds one region's own records, and no region's content may stand on another's
site), and each entry keeps its German original, its translations and its sources together in
one record (docs/<lang>/ holds one language's pages each, and only pages). It is validated like
a data file: read with the safe YAML reader, checked by ``schema.GlossaryFile`` and reported
with file, line and field in German (``kim validate`` reports it with every data folder).

Linking works on text, never on templates: the reader's text (already escaped, or rich text
already sanitised) is split into tags and text; only text outside links is searched, and every
piece is escaped again when the link is put around it.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from functools import cache, cached_property
from pathlib import Path

from markupsafe import Markup, escape

from .i18n import DEFAULT_LANGUAGE
from .schema import GlossaryFile, GlossaryTerm

GLOSSARY_YML = Path(__file__).resolve().parent / "glossary.yml"
GLOSSARY_URL = "glossar/"  # registry.PAGE_TYPES "glossary" (glossar.md)
_TAG = re.compile(r"(<[^>]*>)")
_TAG_NAME = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9]*)")
_PARENTHESIS = re.compile(r"\s*\([^()]*\)\s*$")  # a trailing "(KI)" or "(Case Management)"


def errors(path: Path = GLOSSARY_YML) -> list:
    """Every problem of the glossary file as located German DataErrors ([] when valid)."""
    from .loader import DataErrors

    try:
        _read(path, _stamp(path))
    except DataErrors as failure:
        return list(failure.errors)
    return []


def terms(path: Path = GLOSSARY_YML) -> tuple[GlossaryTerm, ...]:
    """The validated entries; raises loader.DataErrors when the file is wrong."""
    return _read(path, _stamp(path)).terms


def _stamp(path: Path) -> int:
    """Changes when the file does (so a running preview re-reads an edited glossary)."""
    return path.stat().st_mtime_ns if path.exists() else 0


@cache
def _read(path: Path, stamp: int) -> GlossaryFile:
    from .loader import DataError, DataErrors, _check_languages, _load_file

    problems: list[DataError] = []
    loaded = _load_file(path.parent, path, GlossaryFile, problems)
    if loaded is not None:
        _check_languages([loaded], problems)
    if problems or loaded is None:
        raise DataErrors(problems)
    return loaded.model  # type: ignore[return-value]


def anchor(term: GlossaryTerm) -> str:
    return term.id


def match_forms(term: GlossaryTerm, lang: str) -> list[str]:
    """What counts as a use of the term in text of language ``lang``: the German original, the
    term's translation into ``lang`` (each also without a trailing parenthesis) and the listed
    further forms."""
    translation = term.name.translation(lang) if lang != DEFAULT_LANGUAGE else None
    names = [term.name.de, *([translation.text] if translation else [])]
    # "Fallmanagement (Case Management)" is also used as plain "Fallmanagement".
    short = [bare for name in names if (bare := _PARENTHESIS.sub("", name)) and bare != name]
    return [*names, *short, *term.forms]


@cache
def _pattern(path: Path, stamp: int, lang: str) -> tuple[re.Pattern[str] | None, dict[str, str]]:
    """One pattern for all terms (longest form first) and form (case-folded) -> term id."""
    owner: dict[str, str] = {}
    for term in _read(path, stamp).terms:
        for form in match_forms(term, lang):
            owner.setdefault(form.casefold(), term.id)
    if not owner:
        return None, owner
    forms = sorted(owner, key=len, reverse=True)
    return re.compile(rf"(?<!\w)(?:{_alternatives(forms)})(?!\w)", re.IGNORECASE), owner


def _flat(forms: list[str]) -> str:
    return "|".join(re.escape(form) for form in forms)


def _alternatives(forms: list[str]) -> str:
    """The forms as one alternation, matching what ``_flat(forms)`` matches at each position.

    The regex engine tries every alternative at every word start; grouped by their first letter
    (``k(?:ommunal|ita)|a(?:sylblg)``) it compares one letter per group, three times faster. At
    one position only the group of the text's letter can match, and inside it the forms keep
    their order (longest first), so the same form matches. That needs each group's first letters
    to be the same letter for a case-insensitive match; where two first letters match one way
    and not the other (never so far), the flat alternation is kept."""
    groups: dict[str, list[str]] = {}  # first letter of the group -> its forms, in order
    for form in forms:
        first = form[0]
        for letter, members in groups.items():
            one = re.fullmatch(re.escape(letter), first, re.IGNORECASE) is not None
            other = re.fullmatch(re.escape(first), letter, re.IGNORECASE) is not None
            if one != other:
                return _flat(forms)
            if one:
                members.append(form)
                break
        else:
            groups[first] = [form]
    return "|".join(f"{re.escape(letter)}(?:{_flat([m[1:] for m in members])})"
                    for letter, members in groups.items())


@dataclass
class TermLinker:
    """Links the first use of each glossary term on one page; later uses stay plain text."""

    lang: str
    href: str  # relative URL of the glossary page from the page being built
    path: Path = GLOSSARY_YML
    seen: set[str] = field(default_factory=set)

    @cached_property
    def _terms(self) -> tuple[re.Pattern[str] | None, dict[str, str]]:
        # Once per page (the file's stamp is read once, not per linked text).
        return _pattern(self.path, _stamp(self.path), self.lang)

    def link(self, text: Markup) -> Markup:
        """``text`` (escaped HTML) with links around first uses, outside existing links."""
        pattern, owner = self._terms
        if pattern is None:
            return text
        if pattern.search(html.unescape(str(text))) is None:
            # No term anywhere (most texts): nothing to link, the text stays as it is. Searched
            # once in the whole text, tags included: every text piece the loop below searches
            # is in it as it is there (entities cannot reach over a tag's "<" or ">"), with a
            # "<" or ">" (no letter) on either side, so a term the loop finds is found here.
            # Half the time of searching piece by piece.
            return Markup(text)
        return self.link_pieces(text, pattern, owner)

    def link_pieces(self, text: Markup, pattern: re.Pattern[str], owner: dict[str, str]
                    ) -> Markup:
        """``link`` without its search of the whole text first: each text piece between tags
        searched on its own (tests/test_glossary.py holds ``link`` to it)."""
        out: list[str] = []
        inside_link = 0
        for part in _TAG.split(str(text)):
            if part.startswith("<"):
                tag = _TAG_NAME.match(part)
                if tag and tag.group(2).lower() == "a":
                    inside_link += -1 if tag.group(1) else 1
                out.append(part)
            elif inside_link or not part:
                out.append(part)
            else:
                out.append(self._link_plain(pattern, owner, html.unescape(part), part))
        return Markup("".join(out))

    def _link_plain(self, pattern: re.Pattern[str], owner: dict[str, str], plain: str,
                    original: str) -> str:
        pieces: list[str] = []
        start = 0
        for found in pattern.finditer(plain):
            ident = owner.get(found.group(0).casefold())
            if ident is None or ident in self.seen:
                continue
            self.seen.add(ident)
            pieces += [str(escape(plain[start:found.start()])),
                       f'<a class="kim-term" href="{escape(self.href)}#{escape(ident)}">'
                       f"{escape(found.group(0))}</a>"]
            start = found.end()
        if not pieces:
            return original  # unchanged, byte for byte
        pieces.append(str(escape(plain[start:])))
        return "".join(pieces)
