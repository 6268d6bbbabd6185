"""CSV injection: every CSV the site writes (daten/*.csv and the chart downloads) neutralises
text cells a spreadsheet would run as a formula, and leaves numbers as numbers."""

from __future__ import annotations

import csv
import io

import pytest

from macros import opendata
from macros.charts import Chart

FORMULAS = ["=HYPERLINK(\"http://x\")", "+1+1", "-1+1", "@SUM(A1)", "\t=1", "\r=1"]


def table_with(value: object, type_: opendata.ColumnType) -> opendata.Table:
    return opendata.Table("t", "T", "T", (opendata.Column("cell", type_, "Zelle"),),
                          ({"cell": value},))


def cells(text: str) -> list[str]:
    return list(csv.reader(io.StringIO(text, newline="")))[1]


def chart_with(record: dict[str, object]) -> Chart:
    return Chart(ident="c", title="T", summary="S", headers=[], rows=[], records=[record],
                 figure=None)


@pytest.mark.parametrize("value", FORMULAS)
def test_open_data_csv_text_cell_starting_a_formula_is_neutralised(value):
    assert cells(opendata.to_csv(table_with(value, "string")).decode("utf-8")) == ["'" + value]


def test_open_data_csv_plain_text_cell_is_unchanged():
    assert cells(opendata.to_csv(table_with("Beratung", "string")).decode("utf-8")) == ["Beratung"]


@pytest.mark.parametrize("value", [-5, -1.25])
def test_open_data_csv_negative_number_stays_a_number(value):
    assert cells(opendata.to_csv(table_with(value, "number")).decode("utf-8")) == [str(value)]


@pytest.mark.parametrize("value", FORMULAS)
def test_chart_csv_text_cell_starting_a_formula_is_neutralised(value):
    assert cells(chart_with({"label": value}).csv_text()) == ["'" + value]


def test_chart_csv_number_stays_a_number():
    assert cells(chart_with({"amount": -1500}).csv_text()) == ["-1500"]
