"""Pages for editors: /redaktion/uebersetzungen/ shows the translation status per language.

Editor pages are German only (the editors' working language, see EDITING.md); in the other
languages they are shown as the German page with the usual notice, like any untranslated page.
"""

from __future__ import annotations

from markupsafe import Markup

from .. import formatting
from ..context import PageContext
from ..html import join, table, tag
from ..i18n import language
from ..translations import KINDS, STATUS_DE, STATUSES, Counts, report_once


def _cells(ctx: PageContext, counts: Counts) -> list[str]:
    return [f"{ctx.number(counts.by_status[s])} "
            f"({formatting.percent(counts.by_status[s], counts.total, ctx.lang.babel) or '–'})"
            for s in STATUSES]


def translation_report(ctx: PageContext) -> Markup:
    result = report_once(ctx.data)
    headers = ["Sprache", *(STATUS_DE[s] for s in STATUSES), "zusammen"]
    parts = []
    for kind, title in [*KINDS.items(), ("gesamt", "Alles zusammen")]:
        rows = []
        for code, kinds in result.languages.items():
            counts = result.overall(code) if kind == "gesamt" else kinds[kind]
            name = Markup("{} ({})").format(language(code).name, tag("code", code))
            rows.append([name, *_cells(ctx, counts), ctx.number(counts.total)])
        parts.append(tag("h2", title))
        parts.append(table(f"Übersetzungsstand: {title}", headers, rows,
                           numeric=range(1, len(headers))))
    outdated = [tag("li", Markup("{} – {}: {}").format(tag("code", code), KINDS[kind], where))
                for code, kinds in result.languages.items()
                for kind, counts in kinds.items() for where in counts.outdated]
    parts.append(tag("h2", "Veraltete Übersetzungen"))
    parts.append(tag("ul", join(outdated)) if outdated
                 else tag("p", "Keine: Jede vorhandene Übersetzung passt zum heutigen "
                                "deutschen Text."))
    return ctx.block("kim-translation-report", join(parts))
