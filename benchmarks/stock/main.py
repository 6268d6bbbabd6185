"""Macros module of the benchmark's STOCK configuration (the usual way to build such a site).

mkdocs-macros renders every page with this module; mkdocs-static-i18n runs one build per
language, and each build calls define_env again. The data is read once per process with the C
YAML loader (stock_records.py), as a competent user would set it up. Each language's pages carry
that language's text: the i18n locale is mapped back to the data's language code
(`extra.stock_text_languages`), so easy German pages are not copies of the German ones. The
funding chart is a plotly figure with plotly.js inlined, unless `extra.stock_chart` is false
(the plain stock). Used only by benchmarks/run.py on SYNTHETIC data; never part of the portal.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from stock_records import records  # imported once per process, see its docstring


def _text(value, lang: str) -> str:
    """German string or {de:, <lang>: {text:}} mapping, in the build language."""
    if isinstance(value, str):
        return value
    if not isinstance(value, dict):
        return ""
    own = value.get(lang)
    return own["text"] if isinstance(own, dict) else value.get("de", "")


def define_env(env):
    extra = env.conf["extra"]
    offers, funding, region = records(str(extra["stock_data_dir"]))
    text_languages = extra.get("stock_text_languages", {})

    def lang() -> str:
        locale = env.conf["plugins"]["i18n"].current_language
        return text_languages.get(locale, locale)

    @env.macro
    def region_name():
        return _text(region["name"], lang())

    @env.macro
    def offer_list():
        return "\n".join(f"- [{_text(o['name'], lang())}]({oid}.md): "
                         f"{_text(o['summary'], lang())}" for oid, o in offers.items())

    @env.macro
    def offer_page(oid):
        o = offers[oid]
        lines = [f"# {_text(o['name'], lang())}", "", _text(o["summary"], lang()), "",
                 _text(o.get("description"), lang()), "", "## Details", ""]
        lines += [f"- **Themen:** {', '.join(o['topics'])}",
                  f"- **Zielgruppen:** {', '.join(o.get('target_groups', []))}",
                  f"- **Träger:** {o.get('provider', '')}",
                  f"- **Kosten:** {_text(o.get('cost'), lang())}",
                  f"- **Sprachen:** {', '.join(o.get('languages', []))}"]
        for schedule in o.get("schedules", []):
            for slot in schedule.get("weekly", []):
                lines.append(f"- {slot['day']} {slot['opens']}–{slot['closes']}")
        return "\n".join(lines)

    @env.macro
    def funding_table():
        rows = ["| Gegenstand | Betrag |", "| --- | ---: |"]
        rows += [f"| {_text(r['item'], lang())} | {r['amount']:,.2f} € |" for r in funding["rows"]]
        return "\n".join(rows)

    @env.macro
    def funding_chart():
        if not extra.get("stock_chart", True):
            return ""
        import plotly.graph_objects as go

        rows = funding["rows"]
        fig = go.Figure(go.Bar(x=[r["id"] for r in rows], y=[r["amount"] for r in rows]))
        return fig.to_html(include_plotlyjs=True, full_html=False, div_id="funding-chart")
