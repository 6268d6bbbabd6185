"""Numbers, money and dates follow the reader's locale."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from macros import formatting


def test_money_in_german_uses_point_for_thousands_and_comma_for_decimals():
    assert formatting.money(Decimal("1234.56"), "de_DE") == "1.234,56\xa0€"


def test_money_in_english_puts_the_euro_sign_first():
    assert formatting.money(Decimal("1234.56"), "en_GB") == "€1,234.56"


def test_fractions_keep_the_digits_given():
    assert formatting.number(Decimal("0.75"), "de_DE") == "0,75"


def test_dates_are_written_out_in_the_locale():
    assert formatting.day(dt.date(2021, 10, 5), "de_DE") == "5. Oktober 2021"


def test_percent_has_one_decimal_and_a_protected_space():
    assert formatting.percent(6295, 48740, "de_DE") == "12,9\xa0%"
