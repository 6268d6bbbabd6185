"""`kim new offer` writes a new offer file that validates, or nothing at all, and says why in
German. Runs on the synthetic ``minimal_data`` folder."""

from __future__ import annotations

from pathlib import Path

import pytest

from macros import schema
from macros.cli import main
from macros.loader import load
from macros.newrecord import TEMPLATE, fill_template
from macros.yamlread import read_file

ARGS = ["new", "offer", "--data", "data", "--id", "lerncafe", "--name", "Lerncafé: Hausaufgaben",
        "--summary", "Hilfe bei Hausaufgaben, jeden Dienstag.", "--topic", "schule-bildung",
        "--topic", "sprache", "--provider", "testverein", "--municipality", "musterstadt",
        "--source", "test-konzept", "--phone", "01234 567892"]


def replaced(args: list[str], old: str, new: str) -> list[str]:
    """A copy of ``args`` with its one value ``old`` replaced by ``new``."""
    assert args.count(old) == 1, old
    return [new if arg == old else arg for arg in args]


@pytest.fixture
def data(minimal_data: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(minimal_data.parent)
    return minimal_data


def test_new_offer_is_written_and_validates_with_the_given_fields(data, capsys):
    assert main(ARGS) == 0
    assert "data/offers/lerncafe.yml" in capsys.readouterr().out
    offer = load(data).offers["lerncafe"]
    assert offer.name.de == "Lerncafé: Hausaufgaben"
    assert offer.summary.de == "Hilfe bei Hausaufgaben, jeden Dienstag."
    assert offer.topics == ["schule-bildung", "sprache"]
    assert offer.provider == "testverein"
    assert offer.service_area == ["musterstadt"]
    assert offer.contacts[0].phone == "01234 567892"
    assert offer.source.document == "test-konzept"


def test_existing_id_is_refused_and_the_file_left_alone(data, capsys):
    before = (data / "offers/sprachcafe.yml").read_text(encoding="utf-8")
    args = replaced(ARGS, "lerncafe", "sprachcafe")
    assert main(args) == 1
    assert "Das Angebot 'sprachcafe' gibt es schon" in capsys.readouterr().err
    assert (data / "offers/sprachcafe.yml").read_text(encoding="utf-8") == before


def test_unknown_reference_is_refused_with_the_loaders_message_and_nothing_written(data, capsys):
    args = replaced(ARGS, "testverein", "testverien")
    assert main(args) == 1
    err = capsys.readouterr().err
    assert "wurde nicht angelegt" in err
    assert "data/offers/lerncafe.yml:" in err and "provider: unbekannte Kennung 'testverien'" in err
    assert not (data / "offers/lerncafe.yml").exists()


@pytest.mark.parametrize("ident", ["../lerncafe", "Lerncafe", "lern_cafe"])
def test_id_that_is_no_slug_is_refused(data, capsys, ident):
    args = replaced(ARGS, "lerncafe", ident)
    assert main(args) == 1
    assert f"Kennung '{ident}' ungültig" in capsys.readouterr().err
    assert sorted(p.name for p in (data / "offers").iterdir()) == ["sprachcafe.yml"]


def test_missing_required_options_are_named_in_german(data, capsys):
    assert main(["new", "offer", "--id", "lerncafe"]) == 2
    err = capsys.readouterr().err
    assert "Pflichtangaben fehlen: --name, --summary, --topic, --source" in err


def test_without_template_the_file_lists_the_other_fields_as_comments(data, capsys):
    assert main(ARGS) == 0
    text = (data / "offers/lerncafe.yml").read_text(encoding="utf-8")
    commented = [line for line in text.splitlines() if line.startswith("#")]
    for field in ("cost", "schedules", "locations"):
        title = schema.Offer.model_fields[field].title
        assert any(f"{field}: {title}" in line for line in commented)


TEMPLATE_TEXT = """\
# Vorlage für ein neues Angebot (SYNTHETIC test template)
id: kennung
name: Name des Angebots
summary: Ein bis zwei Sätze.

# Thema aus der Themenliste
topics: [beratung]

# Träger: Kennung aus providers.yml
# provider: kennung-des-traegers

# Kontakte
# contacts:
#   - name: Beratungsstelle
#     phone: "01234 000000"

# cost: Kosten, wie im Dokument
status: aktiv
source:
  document: kennung-des-dokuments
"""


def test_template_fields_given_replace_the_templates_and_the_rest_stays():
    values = {"id": "x", "name": "X", "topics": ["sprache"], "provider": "p",
              "contacts": [{"phone": "01234 1"}], "source": {"document": "d"}}
    lines = fill_template(TEMPLATE_TEXT, values).splitlines()
    assert "id: x" in lines and "name: X" in lines
    assert lines[lines.index("# Thema aus der Themenliste") + 1] == "topics:"
    assert "  - sprache" in lines and "topics: [beratung]" not in lines
    # A commented example is replaced at its place, comment above it kept.
    assert lines[lines.index("# Träger: Kennung aus providers.yml") + 1] == "provider: p"
    assert "# provider: kennung-des-traegers" not in lines
    assert lines[lines.index("# Kontakte") + 1:lines.index("# Kontakte") + 3] == [
        "contacts:", "  - phone: 01234 1"]
    assert not any("Beratungsstelle" in line for line in lines)
    # What was not given stays as the template has it.
    assert "# cost: Kosten, wie im Dokument" in lines and "status: aktiv" in lines
    assert "summary: Ein bis zwei Sätze." in lines


def test_new_offer_uses_the_template_when_the_data_folder_has_one(data, capsys):
    (data / "offers" / TEMPLATE).write_text(TEMPLATE_TEXT, encoding="utf-8")
    assert main(ARGS) == 0
    path = data / "offers/lerncafe.yml"
    text = path.read_text(encoding="utf-8")
    assert "# Vorlage für ein neues Angebot" in text and "# cost: Kosten, wie im Dokument" in text
    assert read_file(path).data["summary"] == "Hilfe bei Hausaufgaben, jeden Dienstag."
    assert "lerncafe" in load(data).offers  # the loader skips the template itself


def test_new_offer_from_the_repositorys_template_validates_in_the_real_data(tmp_path, capsys,
                                                                              monkeypatch):
    """The real data folder (copied) with the real data/offers/_vorlage.yml: the result loads."""
    import shutil

    root = Path(__file__).resolve().parent.parent
    template = (root / "data" / "offers" / TEMPLATE).read_text(encoding="utf-8")
    shutil.copytree(root / "data", tmp_path / "data")
    monkeypatch.chdir(tmp_path)
    args = ["new", "offer", "--data", "data", "--id", "lerncafe-test", "--name", "Lerncafé",
            "--summary", "Hilfe beim Lernen.", "--topic", "schule-bildung",
            "--source", "unna-rahmenkonzept", "--municipality", "unna", "--language", "ar"]
    assert main(args) == 0, capsys.readouterr().err
    text = (tmp_path / "data/offers/lerncafe-test.yml").read_text(encoding="utf-8")
    template_comments = [line for line in template.splitlines() if line.startswith("# ")
                         and not line.startswith(("# service_area", "# languages"))]
    assert all(line in text.splitlines() for line in template_comments)
    offer = load(tmp_path / "data").offers["lerncafe-test"]
    assert offer.service_area == ["unna"] and offer.languages == ["ar"]


# --- kim new provider --------------------------------------------------------------------------

PROVIDER_ARGS = ["new", "provider", "--data", "data", "--id", "lernhilfe", "--name",
                 "Lernhilfe: Testkreis e. V.", "--kind", "Verein", "--source", "test-konzept"]


def test_new_provider_is_appended_and_validates(data, capsys):
    before = (data / "providers.yml").read_text(encoding="utf-8")
    assert main(PROVIDER_ARGS) == 0
    after = (data / "providers.yml").read_text(encoding="utf-8")
    assert after.startswith(before.rstrip("\n"))  # the existing entries stay as they were
    providers = load(data).providers
    assert providers["lernhilfe"].name == "Lernhilfe: Testkreis e. V."
    assert providers["lernhilfe"].kind == "Verein"
    assert "testverein" in providers


def test_existing_provider_is_refused(data, capsys):
    args = replaced(PROVIDER_ARGS, "lernhilfe", "testverein")
    assert main(args) == 1
    assert "Den Träger 'testverein' gibt es schon" in capsys.readouterr().err


def test_invalid_provider_kind_is_refused_with_the_loaders_message(data, capsys):
    before = (data / "providers.yml").read_text(encoding="utf-8")
    args = replaced(PROVIDER_ARGS, "Verein", "Klub")
    assert main(args) == 1
    assert "kind: unbekannter Wert 'Klub'" in capsys.readouterr().err
    assert (data / "providers.yml").read_text(encoding="utf-8") == before
