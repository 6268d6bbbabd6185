"""`kim diff BASE [HEAD]` on two crafted commits of the synthetic ``minimal_data`` folder in a
temporary git repository: every changed field is named with its German label from the schema,
every translation the change made outdated is listed."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from macros import schema
from macros.cli import main
from macros.datadiff import SEP, field_label, models_with_labels

OFFER = "data/offers/sprachcafe.yml"


def git(root: Path, *args: str) -> str:
    return subprocess.run(["git", "-C", str(root), *args], check=True, capture_output=True,
                          text=True).stdout


def commit(root: Path, message: str) -> None:
    git(root, "add", "-A")
    git(root, "-c", "user.name=Test", "-c", "user.email=test@example.invalid", "commit", "-q",
        "-m", message)


def edit(root: Path, file: str, old: str, new: str) -> None:
    path = root / file
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {file}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.fixture
def repo(minimal_data: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = minimal_data.parent
    git(root, "init", "-q")
    commit(root, "base")
    monkeypatch.chdir(root)
    return root


def diff_lines(capsys, *revs: str) -> list[str]:
    assert main(["diff", *revs]) == 0
    return capsys.readouterr().out.splitlines()


def line_of(lines: list[str], kind: str, ident: str) -> str:
    return next(line for line in lines if line.startswith(f'- {kind} "{ident}"'))


def label(name: str, model: type = schema.Offer) -> str:
    return field_label(model, name)


def test_changed_german_text_names_the_field_and_the_translations_it_made_outdated(repo, capsys):
    edit(repo, OFFER, "de: Sprachcafé", "de: Sprachcafé am Mittwoch")
    edit(repo, OFFER, "phone: 01234 567891", "phone: 01234 567899")
    commit(repo, "head")
    line = line_of(diff_lines(capsys, "HEAD~1", "HEAD"), "Angebot", "sprachcafe")
    assert f"{label('name')} geändert" in line
    contacts, phone = label("contacts"), field_label(schema.OfferContact, "phone")
    assert f"{contacts}{SEP}{phone} geändert" in line
    assert f"Übersetzungen en jetzt veraltet ({label('name')})" in line


def test_translation_updated_with_its_german_text_is_not_outdated(repo, capsys):
    new = "Sprachcafé am Mittwoch"
    edit(repo, OFFER, "de: Sprachcafé", f"de: {new}")
    edit(repo, OFFER, "source_hash: 215c8be2", f"source_hash: {schema.text_hash(new)}")
    commit(repo, "head")
    line = line_of(diff_lines(capsys, "HEAD~1", "HEAD"), "Angebot", "sprachcafe")
    assert f"{label('name')} geändert" in line
    assert "veraltet" not in line


@pytest.mark.parametrize(("old", "new", "field"), [
    ("summary: Deutsch üben im Gespräch.", "summary: Deutsch üben.", "summary"),
    ("topics: [sprache]", "topics: [sprache, beratung]", "topics"),
    ("languages: [de, ar, kmr]", "languages: [de, ar]", "languages"),
    ("service_area: [musterstadt]", "service_area: [beispieldorf]", "service_area"),
    ("synthetic: true", "synthetic: true\nstatus: beendet", "status"),
    ("provider: testverein", "provider: kreistag", "provider"),
])
def test_each_changed_offer_field_is_named_with_its_german_label(repo, capsys, old, new, field):
    edit(repo, OFFER, old, new)
    commit(repo, "head")
    line = line_of(diff_lines(capsys, "HEAD~1", "HEAD"), "Angebot", "sprachcafe")
    assert line == f'- Angebot "sprachcafe": {label(field)} geändert'


def test_changes_in_other_files_are_listed_by_record(repo, capsys):
    edit(repo, "data/providers.yml", "name: Testverein e. V.", "name: Testverein Musterstadt e. V.")
    edit(repo, "data/funding.yml", "amount: 55000.00", "amount: 56000.00")
    commit(repo, "head")
    lines = diff_lines(capsys, "HEAD~1", "HEAD")
    assert line_of(lines, "Träger", "testverein") == \
        f'- Träger "testverein": {label("name", schema.Provider)} geändert'
    assert line_of(lines, "Finanzierungszeile", "zuwendung-2022") == \
        f'- Finanzierungszeile "zuwendung-2022": {label("amount", schema.FundingRow)} geändert'
    assert "0 neu, 2 geändert, 0 entfernt" in lines[0]


def test_added_and_removed_records(repo, capsys):
    offer = repo / OFFER
    text = offer.read_text(encoding="utf-8")
    offer.unlink()
    (repo / "data/offers/lerncafe.yml").write_text(
        text.replace("id: sprachcafe", "id: lerncafe"), encoding="utf-8")
    commit(repo, "head")
    lines = diff_lines(capsys, "HEAD~1", "HEAD")
    assert '- Angebot "sprachcafe": entfernt' in lines
    assert '- Angebot "lerncafe": neu' in lines


def test_without_head_the_working_tree_is_compared(repo, capsys):
    edit(repo, OFFER, "status: machine", "status: reviewed")
    line = line_of(diff_lines(capsys, "HEAD"), "Angebot", "sprachcafe")
    assert f"{label('name')} (Übersetzung en) geändert" in line


def test_no_changes_is_said_so(repo, capsys):
    assert diff_lines(capsys, "HEAD") == [
        "Keine Änderungen an den Daten zwischen HEAD und Arbeitskopie."]


def test_unknown_commit_is_a_german_error(repo, capsys):
    assert main(["diff", "gibt-es-nicht"]) == 1
    assert "Unbekannter Stand 'gibt-es-nicht'" in capsys.readouterr().err


def test_invalid_head_data_is_reported_not_compared(repo, capsys):
    edit(repo, OFFER, "topics: [sprache]", "topics: [sprachen]")
    assert main(["diff", "HEAD"]) == 1
    error = capsys.readouterr().err
    assert "ungültig" in error and "topics[0]" in error


@pytest.mark.parametrize("model", models_with_labels(schema.Offer), ids=lambda m: m.__name__)
def test_every_offer_field_has_a_german_label_in_the_schema(model):
    keys = [name for name in model.model_fields if field_label(model, name).startswith("`")]
    assert not keys, f"{model.__name__}: kein deutscher Titel für {keys}"


def test_one_change_to_many_fields_names_them_all_and_every_outdated_translation(repo, capsys):
    stelle = "Beratungsstelle"
    edit(repo, OFFER, "  - phone: 01234 567891",
         f"  - name:\n      de: {stelle}\n      ar:\n        text: (SYNTHETIC)\n"
         f"        status: machine\n        source_hash: {schema.text_hash(stelle)}\n"
         "    phone: 01234 567891")
    commit(repo, "base with a translated contact name")
    edit(repo, OFFER, "de: Sprachcafé", "de: Sprachcafé Musterstadt")
    edit(repo, OFFER, f"de: {stelle}", "de: Beratungsstelle im Rathaus")
    edit(repo, OFFER, "summary: Deutsch üben im Gespräch.", "summary: Deutsch üben.")
    edit(repo, OFFER, "email: sprachcafe@", "email: cafe@")
    edit(repo, OFFER, "topics: [sprache]", "topics: [sprache, beratung]")
    commit(repo, "head")
    line = line_of(diff_lines(capsys, "HEAD~1", "HEAD"), "Angebot", "sprachcafe")
    contact = f"{label('contacts')}{SEP}"
    for changed in (label("name"), label("summary"), label("topics"),
                    contact + field_label(schema.OfferContact, "name"),
                    contact + field_label(schema.OfferContact, "email")):
        assert f"{changed} geändert" in line, changed
    assert f"Übersetzungen en jetzt veraltet ({label('name')})" in line
    contact_name = contact + field_label(schema.OfferContact, "name")
    assert f"Übersetzungen ar jetzt veraltet ({contact_name})" in line


def test_only_offers_whose_stored_bytes_differ_are_expanded(minimal_data, tmp_path, monkeypatch):
    """With no offer kept expanded (cache budget 0), comparing 20 offers of which one changed
    expands that one in each version, not all of them."""
    from macros.datadiff import compare
    from macros.loader import load

    monkeypatch.setenv("KIM_OFFER_CACHE_MB", "0")
    text = (minimal_data.parent / OFFER).read_text(encoding="utf-8")
    for number in range(19):
        (minimal_data / "offers" / f"kopie-{number}.yml").write_text(
            text.replace("id: sprachcafe", f"id: kopie-{number}"), encoding="utf-8")
    base = load(minimal_data)
    edit(minimal_data.parent, "data/offers/kopie-7.yml", "de: Sprachcafé", "de: Lerncafé")
    head = load(minimal_data)
    assert len(head.offers) == 20 and head.offers.cached == 0
    before = (base.offers.expansions, head.offers.expansions)
    changes = compare(base, head)
    assert [(c.kind, c.ident, c.status) for c in changes] == [
        ("Angebot", "kopie-7", "geändert")]
    assert (base.offers.expansions - before[0], head.offers.expansions - before[1]) == (1, 1)
