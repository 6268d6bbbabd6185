"""Every CSV download has an XLSX beside it that opens with openpyxl and holds the same cells:
German headings, numbers and dates typed, text never a formula, and a sheet naming the source
and the licence."""

from __future__ import annotations

import csv
import datetime as dt
import io
import time
from decimal import Decimal
from pathlib import Path

import pytest
from support import REGIONS

from macros import csvsafe, xlsx

openpyxl = pytest.importorskip("openpyxl", reason="openpyxl is missing: pip install -e .[test]")


def csv_files(site: Path) -> list[Path]:
    return sorted(site.rglob("daten/*.csv"))


def cell_text(value: object) -> str:
    """A spreadsheet cell as the CSV writes it."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def same_cell(csv_cell: str, value: object) -> bool:
    if isinstance(value, bool):
        return csv_cell.lower() == str(value).lower()
    if isinstance(value, int | float) and csv_cell:
        return Decimal(csv_cell) == Decimal(str(value))
    if isinstance(value, str):
        return csv_cell == csvsafe.cell(value)
    return csv_cell == cell_text(value)


def mismatches(path: Path) -> list[str]:
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"))))
    book = openpyxl.load_workbook(path.with_suffix(".xlsx"))
    sheet = book["Daten"]
    cells = [[c.value for c in row] for row in sheet.iter_rows()]
    problems = []
    if not rows:  # a chart without amounts: an empty CSV, a sheet without cells
        return [] if cells in ([], [[None]]) else [f"{path.name}: cells without a CSV row"]
    if len(cells) != len(rows):
        problems.append(f"{path.name}: {len(cells)} rows, CSV {len(rows)}")
    for r, (csv_row, row) in enumerate(zip(rows[1:], cells[1:], strict=False), start=2):
        for c, (text, value) in enumerate(zip(csv_row, row, strict=True), start=1):
            if not same_cell(text, value):
                problems.append(f"{path.name} R{r}C{c}: CSV {text!r}, XLSX {value!r}")
    if len(cells[0]) != len(rows[0]) or not all(cells[0]):
        problems.append(f"{path.name}: headings {cells[0]}")
    about = dict(book["Quelle und Lizenz"].iter_rows(values_only=True))
    if not about.get("Lizenz") or not about.get("Quelle"):
        problems.append(f"{path.name}: no source or licence sheet")
    return problems


def test_each_xlsx_of_the_tiny_region_matches_its_csv_cell_by_cell(tiny):
    files = csv_files(tiny)
    assert files
    assert not [p for p in files if not p.with_suffix(".xlsx").exists()]
    assert not [m for p in files for m in mismatches(p)]


@pytest.mark.parametrize("region", sorted(REGIONS))
def test_each_xlsx_of_a_region_matches_its_csv_cell_by_cell(sites, region):
    files = csv_files(sites[region])
    assert len(files) > 10
    assert not [p for p in files if not p.with_suffix(".xlsx").exists()]
    assert not [m for p in files for m in mismatches(p)]


def test_xlsx_headings_are_german_and_numbers_are_typed(tiny):
    book = openpyxl.load_workbook(tiny / "daten" / "finanzierung.xlsx")
    sheet = book["Daten"]
    headings = [c.value for c in sheet[1]]
    assert "Betrag in Euro" in " ".join(headings) and "amount" not in headings
    amount = sheet.cell(row=2, column=headings.index(next(
        h for h in headings if "Betrag in Euro" in h)) + 1)
    assert isinstance(amount.value, int | float) and amount.number_format == xlsx.NUMBER_FORMAT


def test_a_text_cell_starting_with_equals_is_text_not_a_formula():
    content = xlsx.workbook("T", [xlsx.Column("a", "A")], [["=HYPERLINK(\"x\")"]], [])
    cell = openpyxl.load_workbook(io.BytesIO(content))["Daten"]["A2"]
    assert cell.data_type == "s" and cell.value == "=HYPERLINK(\"x\")"


def test_an_xlsx_is_the_same_byte_for_byte_on_every_build(monkeypatch):
    args = ("T", [xlsx.Column("a", "A", "number")], [["1.50"]], [("Lizenz", "x")])
    monkeypatch.setattr(time, "time", lambda: 1_000_000_000.0)
    first = xlsx.workbook(*args)
    monkeypatch.setattr(time, "time", lambda: 1_700_000_000.0)
    assert xlsx.workbook(*args) == first
