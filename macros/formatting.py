"""Numbers, money and dates in the reader's locale (babel/CLDR, not hand-made)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from babel.dates import format_date
from babel.numbers import format_currency, format_decimal


def money(amount: Decimal | int, locale: str) -> str:
    """1234.56 -> '1.234,56 €' on German pages."""
    return format_currency(amount, "EUR", locale=locale)


def number(value: Decimal | int | float, locale: str) -> str:
    """Numbers with the locale's separators; fractions shown as given (0.75 -> '0,75')."""
    return format_decimal(value, locale=locale, decimal_quantization=False)


def day(value: dt.date, locale: str, form: str = "long") -> str:
    """A date as the locale writes it: '5. Oktober 2021'."""
    return format_date(value, form, locale=locale)


def percent(part: int, whole: int, locale: str) -> str:
    """A share as percent with one decimal: '10,7 %'."""
    if whole == 0:
        return ""
    return format_decimal(Decimal(part) * 100 / Decimal(whole), format="#,##0.0", locale=locale) + "\u00a0%"
