"""CSV cells that a spreadsheet cannot run: text starting with a formula character is
neutralised, numbers stay numbers.

Spreadsheets (Excel, LibreOffice, Google Sheets) treat a cell starting with ``=``, ``+``, ``-``
or ``@`` as a formula, and a leading tab or carriage return lets such a character hide behind
whitespace (OWASP "CSV Injection"). A text cell starting with one of them gets a leading
apostrophe, which spreadsheets show as text and never evaluate. Only text is touched: a
numeric column's ``-5`` must stay the number -5, so callers pass numbers as numbers.
"""

from __future__ import annotations

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def text_cell(value: str) -> str:
    """A text cell as written to CSV: prefixed with ' when it would start a formula."""
    return "'" + value if value.startswith(FORMULA_STARTS) else value


def cell(value: object) -> object:
    """Any cell: text is neutralised, numbers, booleans and None pass unchanged."""
    return text_cell(value) if isinstance(value, str) else value
