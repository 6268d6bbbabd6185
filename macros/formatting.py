"""Numbers, money and dates in the reader's locale (babel/CLDR, not hand-made)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from babel.dates import format_date
from babel.numbers import format_currency, format_decimal


def _unsigned_zero(value: Decimal | int | float, places: int | None) -> Decimal | int | float:
    """-0.00 (or -0.001 shown with two places) is zero, and zero has no sign: '0,00 €'."""
    shown = Decimal(str(value))
    if places is not None:
        shown = shown.quantize(Decimal(1).scaleb(-places))
    return abs(value) if shown == 0 else value


def money(amount: Decimal | int, locale: str) -> str:
    """1234.56 -> '1.234,56 €' on German pages."""
    return format_currency(_unsigned_zero(amount, 2), "EUR", locale=locale)


def number(value: Decimal | int | float, locale: str) -> str:
    """Numbers with the locale's separators; fractions shown as given (0.75 -> '0,75')."""
    return format_decimal(_unsigned_zero(value, None), locale=locale, decimal_quantization=False)


def day(value: dt.date, locale: str, form: str = "long") -> str:
    """A date as the locale writes it: '5. Oktober 2021'."""
    return format_date(value, form, locale=locale)


def percent(part: int, whole: int, locale: str) -> str:
    """A share as percent with one decimal: '10,7 %'."""
    if whole == 0:
        return ""
    return format_decimal(Decimal(part) * 100 / Decimal(whole), format="#,##0.0",
                          locale=locale) + "\u00a0%"
