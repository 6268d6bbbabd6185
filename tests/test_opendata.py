"""Open data at /daten/: every export validates against its schema, CSV and JSON agree, the
licence comes from the configuration, and the files exist once for the whole site."""

from __future__ import annotations

import csv
import io
import json

import pytest
from jsonschema import Draft202012Validator

from macros import opendata
from macros.editor_schema import file_schemas
from macros.i18n import languages
from macros.loader import load
from support import REGIONS, page


def exports(site):
    folder = site / opendata.FOLDER
    return {p.relative_to(folder).as_posix(): p for p in sorted(folder.rglob("*"))
            if p.is_file() and p.name != "index.html"}


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
    assert checked == len(opendata.tables(load(REGIONS[region]))) + 3


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
        as_text = [[opendata._csv_value(record[c]) for c in rows[0]] for record in document["data"]]
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
    wanted = set(exports(unna))
    for lang in languages():
        links = {a["href"].rsplit("daten/", 1)[-1] for a in page(unna, lang.code, "daten/index.html")
                 .select("article a[download]")}
        assert wanted - links == set(), lang.code


def test_editor_schemas_are_published_for_every_data_file(unna):
    for name, generated in file_schemas().items():
        path = unna / "daten" / "schema" / name.replace(".yml", ".schema.json")
        assert json.loads(path.read_text(encoding="utf-8")) == generated


def test_unpublished_person_names_never_reach_the_exports(unna):
    data = load(REGIONS["kreis-unna"])
    hidden = {m.person.name for m in data.memberships if m.person and not m.person.publishable}
    text = " ".join(p.read_text(encoding="utf-8") for p in exports(unna).values())
    assert [name for name in hidden if name in text] == []


def test_oparl_papers_hold_every_paper_and_consultation(unna):
    data = load(REGIONS["kreis-unna"])
    document = json.loads((unna / "daten" / "drucksachen.oparl.json").read_text("utf-8"))
    papers = [item for item in document["data"] if item["type"].endswith("/Paper")]
    assert sorted(p["reference"] for p in papers) == sorted(p.reference
                                                           for p in data.papers.values())
    assert sum(len(p["consultation"]) for p in papers) == sum(
        len(p.consultation) for p in data.papers.values())


def test_hsds_services_name_every_offer(minimal_data):
    data = load(minimal_data)
    hsds = opendata.hsds_offers(data)
    assert [s["id"] for s in hsds["services"]] == sorted(data.offers)
    assert hsds["services"][0]["schedules"][0]["byday"] == "WE"
    assert errors_against_schema(hsds, opendata.HSDS_SCHEMA) == []
