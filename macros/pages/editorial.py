"""Pages for editors: /redaktion/uebersetzungen/ shows the translation status per language.

Editor pages are German only (the editors' working language, see EDITING.md); in the other
languages they are shown as the German page with the usual notice, like any untranslated page.
"""

from __future__ import annotations

from markupsafe import Markup

from .. import formatting
from ..context import PageContext
from ..html import table_model
from ..i18n import language
from ..loader import Dataset
from ..translations import KINDS, STATUS_DE, STATUSES, Counts, report_once
from ..views import render


def _cells(ctx: PageContext, counts: Counts) -> list[str]:
    return [f"{ctx.number(counts.by_status[s])} "
            f"({formatting.percent(counts.by_status[s], counts.total, ctx.lang.babel) or '–'})"
            for s in STATUSES]


def _language(code: str) -> Markup:
    """The first cell of a row: the language's own name and its code."""
    return render("editorial/language.html", language=language(code).name, code=code)


def _sections(ctx: PageContext) -> list[dict]:
    """One table per kind of text (and one over all)."""
    result = report_once(ctx.data)
    headers = ["Sprache", *(STATUS_DE[s] for s in STATUSES), "zusammen"]
    sections = []
    for kind, title in [*KINDS.items(), ("gesamt", "Alles zusammen")]:
        rows = []
        for code, kinds in result.languages.items():
            counts = result.overall(code) if kind == "gesamt" else kinds[kind]
            rows.append([_language(code), *_cells(ctx, counts), ctx.number(counts.total)])
        sections.append({"title": title, "table": table_model(
            f"Übersetzungsstand: {title}", headers, rows, numeric=range(1, len(headers)))})
    return sections


def outdated_list(data: Dataset) -> Markup:
    """Every outdated translation as a list, the same on every language's page: rendered once
    per dataset (kept in data.derived; the build renders it before the language workers fork).
    At 2000 SYNTHETIC offers it has 14,000 items."""
    found = data.derived.get("translation_report.outdated")
    if found is None:
        result = report_once(data)
        outdated = [{"code": code, "kind": KINDS[kind], "where": where}
                    for code, kinds in result.languages.items()
                    for kind, counts in kinds.items() for where in counts.outdated]
        found = data.derived["translation_report.outdated"] = render(
            "editorial/outdated.html", outdated=outdated)
    return found  # type: ignore[return-value]


def translation_report(ctx: PageContext) -> Markup:
    return ctx.block("kim-translation-report", render(
        "editorial/translations.html", sections=_sections(ctx), outdated=outdated_list(ctx.data)))
