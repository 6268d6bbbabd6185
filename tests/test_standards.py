"""The open data against the official validators of each standard (tests/standards/README.md):
OParl 1.1 schemas, HSDS 3.0 compiled schemas, the schema.org 30.0 vocabulary (domains and
ranges), Frictionless (``frictionless validate``) and the DCAT-AP.de 3.0 SHACL shapes (pyshacl).
Every export of all three regions passes each with 0 errors, and each check is shown to fail on
a deliberately broken export."""

from __future__ import annotations

import csv
import io
import json
import shutil
from functools import cache
from pathlib import Path

import pytest
from frictionless import validate as frictionless_validate
from jsonschema import Draft202012Validator
from pyshacl import validate as shacl_validate
from rdflib import Graph, URIRef
from support import REGIONS, json_strings, page

from macros import oparl
from macros.build import DEFAULT_SITE_URL

STANDARDS = Path(__file__).resolve().parent / "standards"
ROOT = DEFAULT_SITE_URL.rstrip("/") + "/"
OPARL_BASE = f"{ROOT}daten/{oparl.FOLDER}/"


def _validator(schema: dict) -> Draft202012Validator:
    return Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)


def _schema_errors(document: dict, schema: dict, where: str) -> list[str]:
    return [f"{where}/{'/'.join(map(str, e.absolute_path))}: {e.message}"
            for e in _validator(schema).iter_errors(document)]


# --- OParl 1.1 ------------------------------------------------------------------------------------


@cache
def oparl_schema(kind: str) -> dict:
    return json.loads((STANDARDS / "oparl-1.1" / "schema" / f"{kind}.json").read_text("utf-8"))


def _objects(node, where: str):
    """Every OParl object inside a document (embedded ones included), with where it sits."""
    if isinstance(node, dict):
        if str(node.get("type", "")).startswith(oparl.OPARL):
            yield node, where
        for key, value in node.items():
            yield from _objects(value, f"{where}/{key}")
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _objects(value, f"{where}/{index}")


def _urls(node):
    return (text for text in json_strings(node) if text.startswith(OPARL_BASE))


def oparl_errors(folder: Path) -> list[str]:
    """OParl 1.1 over a /daten/oparl/ folder: each object against its official schema, plus what
    the spec requires beyond the schemas (created/modified everywhere, one type per list, every
    object at its own id URL, person on a membership, System and Body as the entry point)."""
    errors: list[str] = []
    documents = {p.relative_to(folder).as_posix(): json.loads(p.read_text("utf-8"))
                 for p in sorted(folder.rglob("*.json"))}
    for name, document in documents.items():
        if "pagination" in document:
            kinds = {item.get("type") for item in document["data"]}
            if len(kinds) > 1:
                errors.append(f"{name}: Liste mit mehreren Typen {sorted(map(str, kinds))}")
        elif document.get("id") != OPARL_BASE + name:
            errors.append(f"{name}: id {document.get('id')} ist nicht die URL der Datei")
        for obj, where in _objects(document, name):
            kind = obj["type"].removeprefix(oparl.OPARL)
            errors += _schema_errors(obj, oparl_schema(kind), where)
            errors += [f"{where}: {key} fehlt" for key in ("created", "modified") if key not in obj]
            if kind == "Membership" and "person" not in obj:
                errors.append(f"{where}: Membership ohne person")
        errors += [f"{name}: {url} ist keine Datei" for url in _urls(document)
                   if url.removeprefix(OPARL_BASE) not in documents]
    system = documents.get("system.json", {})
    if system.get("type") != f"{oparl.OPARL}System":
        errors.append("system.json: kein oparl:System")
    elif not documents.get(system["body"].removeprefix(OPARL_BASE), {}).get("data"):
        errors.append("system.json: body führt zu keiner Körperschaft")
    return errors


@pytest.mark.parametrize("region", REGIONS)
def test_oparl_export_passes_the_official_schemas_and_the_spec(sites, region):
    assert oparl_errors(sites[region] / "daten" / oparl.FOLDER) == []


@pytest.fixture
def broken(unna, tmp_path) -> Path:
    """A copy of Kreis Unna's /daten/ to break."""
    return Path(shutil.copytree(unna / "daten", tmp_path / "daten"))


def _edit(path: Path, change) -> None:
    document = json.loads(path.read_text("utf-8"))
    change(document)
    path.write_text(json.dumps(document), encoding="utf-8")


def test_oparl_check_catches_an_object_without_modified(broken):
    folder = broken / oparl.FOLDER
    paper = sorted((folder / "paper").glob("*.json"))[0]
    _edit(paper, lambda d: d.pop("modified"))
    assert any("modified fehlt" in e for e in oparl_errors(folder))


def test_oparl_check_catches_a_list_of_two_types(broken):
    folder = broken / oparl.FOLDER
    organization = json.loads(sorted((folder / "organization").glob("*.json"))[0].read_text())
    _edit(folder / "papers.json", lambda d: d["data"].append(organization))
    assert any("mehreren Typen" in e for e in oparl_errors(folder))


def test_oparl_check_catches_an_object_without_its_own_file(broken):
    folder = broken / oparl.FOLDER
    sorted((folder / "paper").glob("*.json"))[0].unlink()
    assert any("ist keine Datei" in e for e in oparl_errors(folder))


def test_oparl_check_catches_a_schema_error(broken):
    folder = broken / oparl.FOLDER
    _edit(folder / "system.json", lambda d: d.update(oparlVersion="1.1"))
    assert any("oparlVersion" in e for e in oparl_errors(folder))


# --- HSDS 3.0 -------------------------------------------------------------------------------------


@cache
def hsds_schema(name: str) -> dict:
    path = STANDARDS / "hsds-3.0" / "schema" / "compiled" / f"{name}.json"
    return json.loads(path.read_text("utf-8"))


def hsds_errors(folder: Path) -> list[str]:
    """HSDS 3.0 API form: each /services/{id} against compiled service.json, the /services and
    /organizations pages' items against service_list.json and organization_list.json."""
    errors: list[str] = []
    for path in sorted((folder / "services").glob("*.json")):
        errors += _schema_errors(json.loads(path.read_text("utf-8")), hsds_schema("service"),
                                 path.name)
    for name, schema in (("services", "service_list"), ("organizations", "organization_list")):
        document = json.loads((folder / f"{name}.json").read_text("utf-8"))
        if document["total_items"] != len(document["contents"]):
            errors.append(f"{name}.json: total_items passt nicht")
        for index, item in enumerate(document["contents"]):
            errors += _schema_errors(item, hsds_schema(schema), f"{name}.json/{index}")
    listed = {s["id"] for s in json.loads((folder / "services.json").read_text())["contents"]}
    on_disk = {p.stem for p in (folder / "services").glob("*.json")}
    errors += [f"services/{ident}.json fehlt" for ident in sorted(listed - on_disk)]
    return errors


@pytest.mark.parametrize("region", REGIONS)
def test_hsds_export_passes_the_official_compiled_schemas(sites, region):
    folder = sites[region] / "daten" / "hsds"
    from macros import hsds
    from macros.loader import load
    assert len(list((folder / "services").glob("*.json"))) == len(
        list(hsds.exported(load(REGIONS[region]))))
    assert hsds_errors(folder) == []


def test_hsds_check_catches_an_id_that_is_not_a_uuid(broken):
    path = sorted((broken / "hsds" / "services").glob("*.json"))[0]
    _edit(path, lambda d: d.update(id="sprachcafe"))
    assert any("uuid" in e for e in hsds_errors(broken / "hsds"))


def test_hsds_check_catches_a_null_where_a_value_is_wanted(broken):
    path = sorted((broken / "hsds" / "services").glob("*.json"))[0]
    _edit(path, lambda d: d.update(url=None))
    assert any("None is not of type 'string'" in e for e in hsds_errors(broken / "hsds"))


def test_hsds_check_catches_a_taxonomy_term_without_description(broken):
    path = sorted((broken / "hsds" / "services").glob("*.json"))[0]
    _edit(path, lambda d: d["attributes"][0]["taxonomy_term"].pop("description"))
    assert any("description" in e for e in hsds_errors(broken / "hsds"))


# --- schema.org -----------------------------------------------------------------------------------


@cache
def vocabulary() -> dict:
    return json.loads((STANDARDS / "schemaorg-30.0" / "vocabulary.json").read_text("utf-8"))


def _ancestors(kind: str) -> set[str]:
    seen, todo = set(), [kind]
    while todo:
        current = todo.pop()
        if current not in seen:
            seen.add(current)
            todo.extend(vocabulary()["classes"].get(current, []))
    return seen


# Literal JSON values and the schema.org data types that accept them.
_LITERAL = {str: {"Text", "URL", "Date", "DateTime", "Time"}, bool: {"Boolean"},
            int: {"Number", "Integer", "Float"}, float: {"Number", "Float"}}


def _accepts(ranges: list[str], value) -> bool:
    if isinstance(value, dict):
        kinds = value.get("@type")
        return bool(kinds) and bool(_ancestors(kinds) & set(ranges))
    allowed = set()
    for kind in ranges:
        allowed |= _ancestors(kind)
    if isinstance(value, str) and value.startswith("https://schema.org/"):
        member = vocabulary()["members"].get(value.removeprefix("https://schema.org/"), [])
        if any(_ancestors(m) & set(ranges) for m in member):
            return True
    return bool(allowed & _LITERAL[type(value)]) or (
        isinstance(value, str) and bool(allowed & {"Text", "URL"}))


def schemaorg_errors(node, where: str = "") -> list[str]:
    """Every property in its type's domain, every value in its range, nothing empty."""
    errors: list[str] = []
    if isinstance(node, list):
        for index, item in enumerate(node):
            errors += schemaorg_errors(item, f"{where}/{index}")
        return errors
    if not isinstance(node, dict):
        return errors
    kind = node.get("@type")
    if kind not in vocabulary()["classes"]:
        return [f"{where}: unbekannter Typ {kind}"]
    for key, value in node.items():
        if key.startswith("@"):
            continue
        prop = vocabulary()["properties"].get(key)
        if prop is None:
            errors.append(f"{where}/{key}: keine schema.org-Eigenschaft")
            continue
        if not _ancestors(kind) & set(prop["domain"]):
            errors.append(f"{where}/{key}: nicht im Definitionsbereich von {kind}")
        for item in value if isinstance(value, list) else [value]:
            if item in ("", [], {}, None) or value == []:
                errors.append(f"{where}/{key}: leer")
            elif not _accepts(prop["range"], item):
                errors.append(f"{where}/{key}: {item!r} nicht im Wertebereich {prop['range']}")
            errors += schemaorg_errors(item, f"{where}/{key}")
        if value == []:
            errors.append(f"{where}/{key}: leer")
    return errors


def _json_ld(site: Path, ident: str, lang: str = "de") -> dict:
    soup = page(site, lang, f"angebote/{ident}/index.html")
    return json.loads(soup.select_one("script[type='application/ld+json']").string)


@pytest.mark.parametrize("region", REGIONS)
def test_schemaorg_on_every_offer_page_keeps_to_domains_and_ranges(sites, region):
    offers = sorted(p.stem for p in (REGIONS[region] / "offers").glob("[!_]*.yml"))
    errors = []
    for ident in offers:
        for lang in ("de", "ar"):
            ld = _json_ld(sites[region], ident, lang)
            errors += schemaorg_errors({k: v for k, v in ld.items() if k != "@context"},
                                       f"{lang}/{ident}")
    assert errors == []


def test_schemaorg_check_catches_a_property_outside_its_domain(unna):
    ident = sorted(p.stem for p in (REGIONS["kreis-unna"] / "offers").glob("[!_]*.yml"))[0]
    ld = {k: v for k, v in _json_ld(unna, ident).items() if k != "@context"}
    ld["isAccessibleForFree"] = True
    assert any("Definitionsbereich" in e for e in schemaorg_errors(ld))


def test_schemaorg_check_catches_an_empty_value(unna):
    ident = sorted(p.stem for p in (REGIONS["kreis-unna"] / "offers").glob("[!_]*.yml"))[0]
    ld = {k: v for k, v in _json_ld(unna, ident).items() if k != "@context"}
    ld["areaServed"] = []
    assert any("leer" in e for e in schemaorg_errors(ld))


def test_schemaorg_check_catches_a_value_outside_its_range(unna):
    ident = sorted(p.stem for p in (REGIONS["kreis-unna"] / "offers").glob("[!_]*.yml"))[0]
    ld = {k: v for k, v in _json_ld(unna, ident).items() if k != "@context"}
    ld["provider"] = {"@type": "OpeningHoursSpecification"}
    assert any("Wertebereich" in e for e in schemaorg_errors(ld))


# --- Frictionless ---------------------------------------------------------------------------------


def frictionless_errors(folder: Path) -> list[str]:
    report = frictionless_validate(str(folder / "datapackage.json"))
    return [f"{task.name}: {e.type}: {e.note}" for task in report.tasks for e in task.errors] + [
        f"{e.type}: {e.note}" for e in report.errors]


@pytest.mark.parametrize("region", REGIONS)
def test_datapackage_passes_frictionless_validate(sites, region):
    folder = sites[region] / "daten"
    package = json.loads((folder / "datapackage.json").read_text("utf-8"))
    assert sorted(r["path"] for r in package["resources"]) == sorted(
        p.name for p in [*folder.glob("*.csv"), *folder.glob("*.xlsx")])
    assert package["licenses"] and package["sources"]
    assert frictionless_errors(folder) == []


def test_frictionless_check_catches_text_in_a_number_column(broken):
    path = broken / "finanzierung.csv"
    rows = list(csv.reader(io.StringIO(path.read_bytes().decode("utf-8"), newline="")))
    rows[1][rows[0].index("year")] = "zweitausend"
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerows(rows)
    path.write_bytes(out.getvalue().encode("utf-8"))
    assert any("type-error" in e for e in frictionless_errors(broken))


# --- DCAT-AP.de -----------------------------------------------------------------------------------


@cache
def dcat_shapes() -> Graph:
    shapes = Graph()
    for path in sorted((STANDARDS / "dcat-ap.de-3.0").glob("*.ttl")):
        shapes.parse(path)
    return shapes


def dcat_errors(graph: Graph) -> list[str]:
    """Every SHACL result (violations and warnings alike) of the DCAT-AP.de 3.0 shapes."""
    _conforms, report, _ = shacl_validate(graph, shacl_graph=dcat_shapes(), inference="none")
    sh = "http://www.w3.org/ns/shacl#"
    return sorted(f"{report.value(r, URIRef(sh + 'focusNode'))}: "
                  f"{report.value(r, URIRef(sh + 'resultMessage'))}"
                  for r in report.subjects(URIRef("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"),
                                           URIRef(sh + "ValidationResult")))


def _catalogue(folder: Path) -> Graph:
    return Graph().parse(folder / "katalog.ttl", format="turtle")


@pytest.mark.parametrize("region", REGIONS)
def test_dcat_catalogue_passes_the_dcat_ap_de_shapes(sites, region):
    graph = _catalogue(sites[region] / "daten")
    datasets = set(graph.subjects(URIRef("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"),
                                  URIRef("http://www.w3.org/ns/dcat#Dataset")))
    assert len(datasets) == len(list((sites[region] / "daten").glob("*.csv"))) + 2
    assert dcat_errors(graph) == []


def test_dcat_check_catches_a_distribution_without_licence(broken):
    graph = _catalogue(broken)
    graph.remove((None, URIRef("http://purl.org/dc/terms/license"), None))
    assert any("license" in e for e in dcat_errors(graph))


def test_dcat_catalogue_is_linked_from_the_open_data_page(unna):
    links = {a["href"] for a in page(unna, "de", "daten/index.html").select("article a")}
    assert "katalog.ttl" in links


@pytest.mark.parametrize("region", REGIONS)
def test_dcat_distributions_point_at_files_of_the_site(sites, region):
    graph = _catalogue(sites[region] / "daten")
    urls = [str(o) for o in graph.objects(None, URIRef("http://www.w3.org/ns/dcat#downloadURL"))]
    assert urls
    assert [u for u in urls if not (sites[region] / u.removeprefix(ROOT)).is_file()] == []


def test_hsds_offer_with_every_field_passes_the_compiled_schema(tmp_path):
    """The SYNTHETIC offer fills every field our schema has (locations, contacts, documents)."""
    from support import with_synthetic_offers

    from macros import hsds
    from macros.i18n import Translator, language
    from macros.loader import load

    data = load(with_synthetic_offers(tmp_path))
    offer = data.offers["synth-sprachcafe"].model_copy(update={"status": "aktiv"})
    service = hsds.service(data, offer, Translator(language("de")))
    assert service["service_at_locations"] and service["contacts"] and service["required_documents"]
    assert _schema_errors(service, hsds_schema("service"), "synth-sprachcafe") == []
