"""/kommunen/: the municipalities with their population figures and sources."""

from __future__ import annotations

from markupsafe import Markup

from ..context import PageContext
from ..html import table_model
from ..schema import Population, PopulationFigure
from ..views import render
from .parts import source_model

COLUMNS = ("total", "foreign", "migration_background", "tolerated", "permitted")


def _figure(ctx: PageContext, figure: PopulationFigure | None) -> str:
    """A population figure, or 'keine Angabe' where no document states one (never 0 or blank)."""
    return ctx.number(figure.value) if figure else str(ctx.t("funding.no_figure"))


def _row(ctx: PageContext, name, sub_region, population: Population | None) -> list:
    figures = [getattr(population, c) if population else None for c in COLUMNS]
    return [name, sub_region, *(_figure(ctx, f) for f in figures)]


def _statistics_notes(ctx: PageContext) -> list[dict]:
    """One line per column: which statistic, which reference date, which document."""
    notes = []
    populations = [m.population for m in ctx.data.region.municipalities if m.population]
    if ctx.data.region.population:
        populations.append(ctx.data.region.population)
    for column in COLUMNS:
        seen = []
        for population in populations:
            figure = getattr(population, column)
            if figure is None:
                continue
            key = (figure.statistic, figure.reference_date,
                   figure.source.document, figure.source.section)
            if key in seen:
                continue
            seen.append(key)
            date = (Markup(" ").join([ctx.t("population.as_of"), ctx.day(figure.reference_date)])
                    if figure.reference_date else ctx.t("population.no_date"))
            notes.append({"column": ctx.t(f"population.{column}"), "statistic": figure.statistic,
                          "date": date, "source": source_model(ctx, figure.source)})
    return notes


def population_table(ctx: PageContext) -> Markup:
    region = ctx.data.region
    if not region.municipalities:
        return ctx.block("kim-municipalities", render("municipalities/page.html", table=None,
                                                      empty_text=ctx.t("population.none")))
    sub_regions = {s.id: s for s in region.sub_regions}
    rows = [
        _row(ctx, ctx.german(m.name),
             ctx.tr.text(sub_regions[m.sub_region].name) if m.sub_region else "", m.population)
        for m in region.municipalities
    ]
    footer = (_row(ctx, ctx.tr.text(region.name), "", region.population)
              if region.population else None)
    model = {
        "table": table_model(
            ctx.t("population.caption", region=ctx.tr.text(region.name)),
            [ctx.t("population.municipality"), ctx.t("population.sub_region"),
             *(ctx.t(f"population.{c}") for c in COLUMNS)],
            rows,
            footer=footer,
            numeric=range(2, 2 + len(COLUMNS)),
        ),
        "notes_heading": ctx.t("population.sources"),
        "notes": _statistics_notes(ctx),
    }
    return ctx.block("kim-municipalities", render("municipalities/page.html", **model))
