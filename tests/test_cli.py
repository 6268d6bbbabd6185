"""`kim build` and `kim report` refuse invalid data: every error first, then one German line."""

from __future__ import annotations

from pathlib import Path

import pytest

from macros.cli import main


@pytest.fixture
def invalid_data(minimal_data: Path) -> Path:
    region = minimal_data / "region.yml"
    region.write_text(region.read_text(encoding="utf-8").replace("kind: Kreis", "kind: Landkreis"),
                      encoding="utf-8")
    return minimal_data


def test_build_of_invalid_data_lists_the_errors_and_leaves_the_old_site(invalid_data, tmp_path,
                                                                         capsys):
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("bisherige Fassung", encoding="utf-8")

    assert main(["build", "--data", str(invalid_data), "--out", str(site)]) == 1

    err = capsys.readouterr().err.splitlines()
    assert err[0].endswith("region.yml:4:7: kind: unbekannter Wert 'Landkreis'; "
                           "erlaubt: 'Kreis', 'kreisfreie Stadt'")
    assert err[-1] == "Die Website wurde nicht gebaut; die bisherige Fassung bleibt unverändert."
    assert (site / "index.html").read_text(encoding="utf-8") == "bisherige Fassung"


def test_offers_report_of_invalid_data_lists_the_errors_then_says_why_there_is_none(invalid_data,
                                                                                   capsys):
    assert main(["report", "offers", str(invalid_data)]) == 1

    captured = capsys.readouterr()
    assert "kind: unbekannter Wert 'Landkreis'" in captured.err.splitlines()[0]
    assert captured.err.splitlines()[-1] == ("Bericht nicht möglich: die Daten sind ungültig "
                                             "(siehe oben).")
    assert captured.out == ""
