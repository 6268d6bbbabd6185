"""/daten/: the open data downloads with their schema, source and licence."""

from __future__ import annotations

from markupsafe import Markup

from .. import hsds, oparl, opendata
from ..context import PageContext
from ..html import join, table, tag


def _link(ctx: PageContext, name: str, label: str) -> Markup:
    return tag("a", label, href=ctx.site_href(f"{opendata.FOLDER}/{name}"), download="")


def open_data(ctx: PageContext) -> Markup:
    data = ctx.data
    licence = opendata.licence()
    rows = [
        (ctx.t(f"opendata.table.{t.name}"),
         join([_link(ctx, f"{t.name}.csv", "CSV"), _link(ctx, f"{t.name}.xlsx", "XLSX"),
               _link(ctx, f"{t.name}.json", "JSON"),
               _link(ctx, f"{t.name}.schema.json", ctx.t("opendata.schema").striptags())], " · "),
         ctx.number(len(t.rows)))
        for t in opendata.tables(data)
    ]
    # The entry point of each standard; the files behind it are linked from there
    # (every OParl object and HSDS service also has a file of its own).
    standards = [
        (f"{oparl.FOLDER}/system.json", "opendata.oparl", "JSON"),
        (f"{hsds.FOLDER}/services.json", "opendata.hsds", "JSON"),
        ("datapackage.json", "opendata.datapackage", "JSON"),
        (opendata.CATALOGUE, "opendata.dcat", "Turtle"),
    ]
    licence_link = tag("a", licence.name, href=licence.url, hreflang="de", lang="de")
    return ctx.block(
        "kim-opendata",
        tag("p", ctx.t("opendata.intro")),
        tag("p", Markup("{}: {} ({})").format(ctx.t("opendata.licence"), licence_link,
                                              licence.id)),
        tag("p", ctx.t("opendata.source")),
        table(ctx.t("opendata.caption"),
              [ctx.t("opendata.dataset"), ctx.t("opendata.files"), ctx.t("opendata.rows")],
              rows, numeric=[2]),
        tag("h2", ctx.t("opendata.standards")),
        tag("ul", join(tag("li", join([ctx.t(key), Markup(": "), _link(ctx, name, label)], ""))
                       for name, key, label in standards)),
        tag("h2", ctx.t("opendata.editor_schema")),
        tag("p", ctx.t("opendata.editor_schema.intro")),
        tag("ul", join(tag("li", _link(ctx, f"schema/{name.replace('.yml', '.schema.json')}",
                                       name)) for name in sorted(
                                           opendata.editor_schema.file_schemas()))),
    )
