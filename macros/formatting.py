"""Numbers, money, dates and plural forms in the reader's locale (babel/CLDR, not hand-made).

Digits: every figure uses the locale's default numbering system as CLDR (babel) gives it, in
numbers, money, percentages and dates alike, so one page never mixes digit systems (Farsi:
Extended Arabic-Indic digits ۰-۹; Arabic, as CLDR has it today: 0-9). offers.js formats its
counts with the same numbering system (:func:`numbering`) and the same plural rules.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from decimal import Decimal
from functools import cache

from babel import Locale
from babel.dates import format_date
from babel.numbers import format_currency, format_decimal

DEFAULT = "default"  # babel: the locale's default numbering system


def _unsigned_zero(value: Decimal | int | float, places: int | None) -> Decimal | int | float:
    """-0.00 (or -0.001 shown with two places) is zero, and zero has no sign: '0,00 €'."""
    shown = Decimal(str(value))
    if places is not None:
        shown = shown.quantize(Decimal(1).scaleb(-places))
    return abs(value) if shown == 0 else value


@cache
def numbering(locale: str) -> str:
    """The CLDR numbering system the locale writes its figures in: 'latn', 'arabext' ..."""
    return Locale.parse(locale).default_numbering_system


# The digit zero of each CLDR numbering system a portal language uses (babel knows a locale's
# numbering system and its separators, but writes every figure with 0-9). A language with
# another system fails the build here until its zero is added.
ZEROS = {"latn": "DIGIT ZERO", "arab": "ARABIC-INDIC DIGIT ZERO",
         "arabext": "EXTENDED ARABIC-INDIC DIGIT ZERO"}


@cache
def _digit_table(locale: str) -> dict[int, str]:
    zero = ord(unicodedata.lookup(ZEROS[numbering(locale)]))
    return {ord("0") + d: chr(zero + d) for d in range(10)}


def digits(text: str, locale: str) -> str:
    """ASCII digits in ``text`` written in the locale's numbering system."""
    return text.translate(_digit_table(locale))


def plural(count: int | Decimal, locale: str) -> str:
    """The CLDR plural category of a count in the locale: 'zero', 'one', 'two', 'few', 'many'
    or 'other' (Arabic 17 -> 'many', Russian 3 -> 'few')."""
    return Locale.parse(locale).plural_form(count)


def plural_categories(locale: str) -> tuple[str, ...]:
    """Every plural category the locale's rules can select ('other' always among them)."""
    return tuple(sorted(Locale.parse(locale).plural_form.tags | {"other"}))


def money(amount: Decimal | int, locale: str) -> str:
    """1234.56 -> '1.234,56 €' on German pages."""
    return digits(format_currency(_unsigned_zero(amount, 2), "EUR", locale=locale,
                                  numbering_system=DEFAULT), locale)


def number(value: Decimal | int | float, locale: str) -> str:
    """Numbers with the locale's separators; fractions shown as given (0.75 -> '0,75')."""
    return digits(format_decimal(_unsigned_zero(value, None), locale=locale,
                                 decimal_quantization=False, numbering_system=DEFAULT), locale)


def day(value: dt.date, locale: str, form: str = "long") -> str:
    """A date as the locale writes it: '5. Oktober 2021'."""
    return digits(format_date(value, form, locale=locale), locale)


def percent(part: int, whole: int, locale: str) -> str:
    """A share as percent with one decimal: '10,7 %'."""
    if whole == 0:
        return ""
    return digits(format_decimal(Decimal(part) * 100 / Decimal(whole), format="#,##0.0",
                                 locale=locale, numbering_system=DEFAULT), locale) + "\u00a0%"
