"""Spreadsheets (XLSX) beside the CSV files: the same cells, German headings, typed numbers and
dates with German-readable formats, and a second sheet naming the source and the licence.

Written with openpyxl. The file is the same byte for byte on every build: the workbook's
created/modified stamps and the zip entries' times are fixed. A text cell is always stored as
text (``data_type = "s"``), so a value starting with "=" is never a formula.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Literal

CellType = Literal["string", "number", "integer", "date", "boolean"]
FIXED_TIME = dt.datetime(2000, 1, 1)  # no build time in the file: builds stay reproducible
NUMBER_FORMAT = "#,##0.00"  # shown with the reader's separators (1.234,56 in German Excel)
FTE_FORMAT = "0.0#"
DATE_FORMAT = "DD.MM.YYYY"
_NUMBER = re.compile(r"-?\d+(\.\d+)?")


@dataclass(frozen=True)
class Column:
    key: str  # the CSV header
    heading: str  # German heading in the spreadsheet
    type: CellType = "string"


def infer_types(keys: Sequence[str], records: Sequence[dict[str, Any]]) -> list[CellType]:
    """A column is numeric when every value it has is a number (or a number's text)."""
    types: list[CellType] = []
    for key in keys:
        values = [r.get(key) for r in records if r.get(key) not in (None, "")]
        if values and all(isinstance(v, bool) for v in values):
            types.append("boolean")
        elif values and all(isinstance(v, int) and not isinstance(v, bool) for v in values):
            types.append("integer")
        elif values and all((isinstance(v, Decimal | float | int) and not isinstance(v, bool))
                            or (isinstance(v, str) and _NUMBER.fullmatch(v)) for v in values):
            types.append("number")
        elif values and all(isinstance(v, dt.date) or (isinstance(v, str)
                            and re.fullmatch(r"\d{4}-\d\d-\d\d", v)) for v in values):
            types.append("date")
        else:
            types.append("string")
    return types


def _typed(value: Any, type_: CellType) -> Any:
    if value is None or value == "":
        return None
    if type_ == "number":
        return Decimal(str(value))
    if type_ == "integer":
        return int(value)
    if type_ == "date":
        return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))
    if type_ == "boolean":
        return value if isinstance(value, bool) else str(value).lower() == "true"
    return str(value)


def workbook(title: str, columns: Sequence[Column], rows: Sequence[Sequence[Any]],
             about: Sequence[tuple[str, str]]) -> bytes:
    """An XLSX file: sheet "Daten" (headings, then one row per record) and sheet
    "Quelle und Lizenz" (label, text pairs: title, region, source, licence, ...)."""
    try:  # imported here: a checkout whose venv predates the pin still imports the pages
        from openpyxl import Workbook
        from openpyxl.styles import Font
        from openpyxl.utils import get_column_letter
    except ImportError as error:  # pragma: no cover - depends on the installation
        raise RuntimeError("openpyxl fehlt (pyproject.toml): bitte `make install` ausführen") \
            from error
    book = Workbook()
    sheet = book.active
    sheet.title = "Daten"
    sheet.append([c.heading for c in columns])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for index, row in enumerate(rows, start=2):
        for column, (spec, value) in enumerate(zip(columns, row, strict=True), start=1):
            typed = _typed(value, spec.type)
            cell = sheet.cell(row=index, column=column)
            if typed is None:
                continue
            cell.value = typed
            if spec.type == "string":
                cell.data_type = "s"  # never a formula, whatever the text starts with
            elif spec.type == "number":
                cell.number_format = NUMBER_FORMAT if "fte" not in spec.key else FTE_FORMAT
            elif spec.type == "date":
                cell.number_format = DATE_FORMAT
    for column, spec in enumerate(columns, start=1):
        sheet.column_dimensions[get_column_letter(column)].width = max(12, min(
            48, len(spec.heading) + 2))
    sheet.freeze_panes = "A2"
    info = book.create_sheet("Quelle und Lizenz")
    info.append(["Titel", title])
    for label, text in about:
        info.append([label, text])
    for row in info.iter_rows():
        for cell in row:
            cell.data_type = "s"
        row[0].font = Font(bold=True)
    info.column_dimensions["A"].width = 18
    info.column_dimensions["B"].width = 100
    book.properties.creator = "KIM-Portal"
    book.properties.title = title
    book.properties.created = FIXED_TIME
    book.properties.modified = FIXED_TIME
    buffer = io.BytesIO()
    book.save(buffer)
    return _fixed_zip(buffer.getvalue())


def _fixed_zip(content: bytes) -> bytes:
    """The same archive with every entry's time and the modified stamp fixed."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(content)) as source, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            entry = zipfile.ZipInfo(item.filename, date_time=FIXED_TIME.timetuple()[:6])
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = item.external_attr
            body = source.read(item.filename)
            if item.filename == "docProps/core.xml":  # openpyxl stamps the save time here
                body = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*", rb"\g<1>"
                              + FIXED_TIME.isoformat().encode() + b"Z", body)
            target.writestr(entry, body)
    return out.getvalue()
