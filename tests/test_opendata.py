"""Open data at /daten/: every export validates against its schema, CSV and JSON agree, the
licence comes from the configuration, and the files exist once for the whole site."""

from __future__ import annotations

import csv
import io
import json
import zipfile

import pytest
from jsonschema import Draft202012Validator
from openpyxl import load_workbook
from support import REGIONS, page

from macros import hsds, opendata
from macros.editor_schema import file_schemas
from macros.i18n import languages
from macros.loader import load


def exports(site):
    folder = site / opendata.FOLDER
    return {p.relative_to(folder).as_posix(): p for p in sorted(folder.rglob("*"))
            if p.is_file() and p.name != "index.html"}


def export_text(path) -> str:
    """A file's text; of a spreadsheet (a zip of XML files), the text of every part."""
    if path.suffix == ".xlsx":
        with zipfile.ZipFile(path) as archive:
            return " ".join(archive.read(n).decode("utf-8") for n in archive.namelist())
    return path.read_text(encoding="utf-8")


def errors_against_schema(document, schema) -> list[str]:
    validator = Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}"
            for e in validator.iter_errors(document)]


@pytest.mark.parametrize("region", REGIONS)
def test_every_json_export_validates_against_its_schema(sites, region):
    files = exports(sites[region])
    checked = 0
    for name, path in files.items():
        schema_name = opendata.schema_of(name)
        if schema_name is None:
            continue
        schema = json.loads(files[schema_name].read_text(encoding="utf-8"))
        Draft202012Validator.check_schema(schema)
        document = json.loads(path.read_text(encoding="utf-8"))
        assert errors_against_schema(document, schema) == [], name
        checked += 1
    assert checked == len(opendata.tables(load(REGIONS[region])))


def test_schema_check_catches_a_broken_export(unna):
    files = exports(unna)
    document = json.loads(files["finanzierung.json"].read_text(encoding="utf-8"))
    document["data"][0]["amount"] = "55.000 €"
    schema = json.loads(files["finanzierung.schema.json"].read_text(encoding="utf-8"))
    assert errors_against_schema(document, schema) != []


@pytest.mark.parametrize("region", REGIONS)
def test_csv_and_json_of_every_table_agree(sites, region):
    files = exports(sites[region])
    for table in opendata.tables(load(REGIONS[region])):
        rows = list(csv.reader(io.StringIO(files[f"{table.name}.csv"].read_text(encoding="utf-8"))))
        document = json.loads(files[f"{table.name}.json"].read_text(encoding="utf-8"))
        assert rows[0] == [c.name for c in table.columns]
        types = {c.name: c.type for c in table.columns}
        as_text = [[opendata._csv_value(record[c], types[c]) for c in rows[0]]
                   for record in document["data"]]
        assert rows[1:] == as_text, table.name
        assert len(document["data"]) == len(table.rows)


def test_every_table_documents_each_column(unna):
    for table in opendata.tables(load(REGIONS["kreis-unna"])):
        schema = json.loads((unna / "daten" / f"{table.name}.schema.json").read_text("utf-8"))
        columns = schema["properties"]["data"]["items"]["properties"]
        assert list(columns) == [c.name for c in table.columns]
        assert all(column["description"].strip() for column in columns.values()), table.name


def test_exports_carry_source_and_the_configured_licence(unna):
    document = json.loads((unna / "daten" / "finanzierung.json").read_text(encoding="utf-8"))
    assert document["license"]["id"] == opendata.licence().id
    assert "Kreis Unna" in document["source"]
    assert all(row["source_document"] for row in document["data"])


def test_licence_defaults_to_dl_de_by_2_0(tmp_path):
    config = tmp_path / "portal.yml"
    config.write_text("languages: []\n", encoding="utf-8")
    assert opendata.licence(config).id == "dl-de/by-2-0"
    assert "Namensnennung" in opendata.licence(config).name


def test_licence_is_a_configuration_value(tmp_path, minimal_data):
    config = tmp_path / "portal.yml"
    config.write_text("open_data_licence:\n  name: Creative Commons Zero\n  id: cc-zero\n"
                      "  url: https://creativecommons.org/publicdomain/zero/1.0/\n",
                      encoding="utf-8")
    chosen = opendata.licence(config)
    files = opendata.files(load(minimal_data), "http://127.0.0.1:8000/", chosen)
    assert json.loads(files["quellen.json"])["license"]["id"] == "cc-zero"


def test_open_data_is_written_once_for_the_whole_site(unna):
    assert (unna / "daten" / "finanzierung.csv").exists()
    for lang in languages():
        if lang.path:
            assert not list((unna / lang.path / "daten").glob("*.csv")), lang.code
            assert (unna / lang.path / "daten" / "index.html").exists()


def test_open_data_page_links_every_download_in_every_language(unna):
    # OParl and HSDS are linked by their entry points; their other files are linked from there.
    wanted = {name for name in exports(unna) if not name.startswith(("oparl/", "hsds/"))} | {
        "oparl/system.json", "hsds/services.json"}
    for lang in languages():
        links = {a["href"].rsplit("daten/", 1)[-1]
                 for a in page(unna, lang.code, "daten/index.html").select("article a[download]")}
        assert wanted - links == set(), lang.code


def test_editor_schemas_are_published_for_every_data_file(unna):
    for name, generated in file_schemas().items():
        path = unna / "daten" / "schema" / name.replace(".yml", ".schema.json")
        assert json.loads(path.read_text(encoding="utf-8")) == generated


def test_unpublished_person_names_never_reach_the_exports(unna):
    data = load(REGIONS["kreis-unna"])
    hidden = {m.person.name for m in data.memberships if m.person and not m.person.publishable}
    text = " ".join(export_text(p) for p in exports(unna).values())
    assert [name for name in hidden if name in text] == []


def test_oparl_papers_hold_every_paper_and_consultation(unna):
    data = load(REGIONS["kreis-unna"])
    document = json.loads((unna / "daten" / "oparl" / "papers.json").read_text("utf-8"))
    papers = document["data"]
    assert sorted(p["reference"] for p in papers) == sorted(p.reference
                                                           for p in data.papers.values())
    assert sum(len(p.get("consultation", [])) for p in papers) == sum(
        len(p.consultation) for p in data.papers.values())


def test_oparl_paper_is_created_on_its_own_date(unna):
    data = load(REGIONS["kreis-unna"])
    paper = next(p for p in data.papers.values() if p.date)  # 042/21's date is in no document
    document = json.loads((unna / "daten" / "oparl" / "paper" / f"{paper.id}.json").read_text())
    assert document["created"].startswith(paper.date.isoformat())
    assert document["modified"] >= document["created"]


def test_oparl_leaves_out_memberships_without_a_person_who_may_be_named(unna):
    data = load(REGIONS["kreis-unna"])
    document = json.loads((unna / "daten" / "oparl" / "memberships.json").read_text("utf-8"))
    named = [m for m in data.memberships if m.person and m.person.publishable]
    assert len(document["data"]) == len(named)


def active(folder):
    """The minimal data with every offer 'aktiv' (SYNTHETIC: its offers name no status)."""
    data = load(folder)
    data.offers = {k: o.model_copy(update={"status": "aktiv"}) for k, o in data.offers.items()}
    return data


def test_hsds_ids_are_the_same_in_every_build(minimal_data):
    data = active(minimal_data)
    assert hsds.build(data) == hsds.build(active(minimal_data))
    first = hsds.build(data)["services.json"]["contents"][0]
    assert first["id"] == hsds.uid(data, "service", sorted(data.offers)[0])


def test_hsds_services_name_every_offer_of_known_status(minimal_data):
    data = active(minimal_data)
    services = hsds.build(data)["services.json"]["contents"]
    assert [s["name"] for s in services] == [data.offers[i].name.de for i in sorted(data.offers)]


def test_hsds_service_writes_no_null(minimal_data):
    built = hsds.build(active(minimal_data))
    assert built["services.json"]["contents"] and "null" not in json.dumps(built)


def test_every_offer_status_has_an_hsds_status():
    from typing import get_args

    from macros.schema import Offer
    statuses = set(get_args(Offer.model_fields["status"].annotation))
    assert statuses == set(hsds.STATUS) | hsds.UNMAPPED_STATUS


def test_hsds_leaves_out_an_offer_whose_status_no_document_names(minimal_data):
    data = active(minimal_data)
    offer = next(iter(data.offers.values()))
    data.offers[offer.id] = offer.model_copy(update={"status": "unbekannt"})
    names = [s["name"] for s in hsds.build(data)["services.json"]["contents"]]
    assert offer.name.de not in names


# --- the spreadsheets in the catalogue and the data package ----------------------------------

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def test_every_spreadsheet_is_a_catalogue_distribution_with_its_media_type(minimal_data):
    from rdflib import Graph, Namespace, URIRef

    written = opendata.files(load(minimal_data), "https://kim.example/")
    dcat, dct = Namespace("http://www.w3.org/ns/dcat#"), Namespace("http://purl.org/dc/terms/")
    graph = Graph().parse(data=written[opendata.CATALOGUE].decode("utf-8"), format="turtle")
    spreadsheets = {str(d): d for d in graph.subjects(dcat.downloadURL, None)
                    if str(next(graph.objects(d, dcat.downloadURL))).endswith(".xlsx")}
    urls = {str(next(graph.objects(d, dcat.downloadURL))) for d in spreadsheets.values()}
    assert urls == {f"https://kim.example/daten/{name}" for name in written
                    if name.endswith(".xlsx")}
    for dist in spreadsheets.values():
        assert set(graph.objects(dist, dcat.mediaType)) == {
            URIRef(f"https://www.iana.org/assignments/media-types/{XLSX_TYPE}")}
        assert set(graph.objects(dist, dct["format"])) == {
            URIRef("http://publications.europa.eu/resource/authority/file-type/XLSX")}
        name = str(next(graph.objects(dist, dcat.downloadURL))).rpartition("/")[2]
        assert [int(s) for s in graph.objects(dist, dcat.byteSize)] == [len(written[name])]


def test_every_spreadsheet_is_a_data_package_resource_labelled_as_its_sheet(minimal_data):
    written = opendata.files(load(minimal_data), "https://kim.example/")
    package = json.loads(written["datapackage.json"])
    spreadsheets = {r["path"]: r for r in package["resources"] if r["format"] == "xlsx"}
    assert set(spreadsheets) == {name for name in written if name.endswith(".xlsx")}
    for path, resource in spreadsheets.items():
        assert resource["mediatype"] == XLSX_TYPE
        sheet = load_workbook(io.BytesIO(written[path]), read_only=True)["Daten"]
        headings = next(sheet.iter_rows(max_row=1, values_only=True))
        assert [f["name"] for f in resource["schema"]["fields"]] == list(headings)
