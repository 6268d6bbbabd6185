"""/daten/: the open data downloads with their schema, source and licence."""

from __future__ import annotations

from markupsafe import Markup

from .. import hsds, oparl, opendata
from ..context import PageContext
from ..html import table_model
from ..views import render

# The entry point of each standard (file, catalogue key, format); the files behind it are
# linked from there (every OParl object and HSDS service also has a file of its own).
STANDARDS = (
    (f"{oparl.FOLDER}/system.json", "opendata.oparl", "JSON"),
    (f"{hsds.FOLDER}/services.json", "opendata.hsds", "JSON"),
    ("datapackage.json", "opendata.datapackage", "JSON"),
    (opendata.CATALOGUE, "opendata.dcat", "Turtle"),
)


def _download(ctx: PageContext, name: str, label: str) -> dict:
    """A download link of partials/download.html: a file under /daten/."""
    return {"href": ctx.site_href(f"{opendata.FOLDER}/{name}"), "label": label}


def _files(ctx: PageContext, name: str) -> Markup:
    """The files cell of a table's row: CSV, XLSX, JSON and its JSON Schema."""
    links = [_download(ctx, f"{name}.csv", "CSV"), _download(ctx, f"{name}.xlsx", "XLSX"),
             _download(ctx, f"{name}.json", "JSON"),
             _download(ctx, f"{name}.schema.json", ctx.t("opendata.schema").striptags())]
    return render("opendata/files.html", links=links)


def _model(ctx: PageContext) -> dict:
    licence = opendata.licence()
    rows = [(ctx.t(f"opendata.table.{name}"), _files(ctx, name), ctx.number(count))
            for name, count in opendata.row_counts(ctx.data).items()]
    return {
        "intro": ctx.t("opendata.intro"),
        "licence": {"label": ctx.t("opendata.licence"), "name": licence.name, "url": licence.url,
                    "id": licence.id},
        "source": ctx.t("opendata.source"),
        "table": table_model(
            ctx.t("opendata.caption"),
            [ctx.t("opendata.dataset"), ctx.t("opendata.files"), ctx.t("opendata.rows")],
            rows, numeric=[2]),
        "standards_title": ctx.t("opendata.standards"),
        "standards": [{"label": ctx.t(key), "link": _download(ctx, name, kind)}
                      for name, key, kind in STANDARDS],
        "schemas_title": ctx.t("opendata.editor_schema"),
        "schemas_intro": ctx.t("opendata.editor_schema.intro"),
        "schemas": [_download(ctx, f"schema/{name.replace('.yml', '.schema.json')}", name)
                    for name in sorted(opendata.editor_schema.file_schemas())],
    }


def open_data(ctx: PageContext) -> Markup:
    return ctx.block("kim-opendata", render("opendata/page.html", **_model(ctx)))
