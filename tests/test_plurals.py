"""Plural forms and digits from CLDR (babel) in every language (issue 16 item 5)."""

from __future__ import annotations

import datetime as dt
import unicodedata
from decimal import Decimal

import pytest

from macros import formatting, i18n
from macros.i18n import Translator, languages

LANGS = [pytest.param(lang, id=lang.code) for lang in languages()]


@pytest.mark.parametrize("lang", LANGS)
def test_every_plural_form_of_the_language_has_its_own_offer_count(lang):
    own = i18n.catalogue(lang.code)
    missing = [c for c in formatting.plural_categories(lang.babel)
               if f"offers.count.{c}" not in own]
    assert missing == [], f"macros/catalogue/{lang.code}.yml: offers.count.{missing}"


@pytest.mark.parametrize("lang", LANGS)
def test_counts_take_the_form_the_languages_rules_select(lang):
    tr = Translator(lang)
    for count in (0, 1, 2, 3, 5, 11, 17, 21, 22, 25, 100, 101, 102, 111):
        form = formatting.plural(count, lang.babel)
        expected = i18n.catalogue(lang.code)[f"offers.count.{form}"].replace(
            "{n}", formatting.number(count, lang.babel))
        assert tr.plural("offers.count", count) == expected, (lang.code, count, form)


@pytest.mark.parametrize(("code", "count", "text"), [
    ("ar", 17, "تم العثور على 17 خدمة"),  # 11-99: singular noun, not "17 خدمات"
    ("ar", 3, "تم العثور على 3 خدمات"),
    ("ar", 2, "تم العثور على خدمتين (2)"),
    ("ru", 1, "Найдена 1 услуга"),
    ("ru", 3, "Найдено 3 услуги"),
    ("ru", 5, "Найдено 5 услуг"),
    ("ru", 21, "Найдена 21 услуга"),
    ("uk", 24, "Знайдено 24 послуги"),
    ("uk", 11, "Знайдено 11 послуг"),
    ("de", 1, "1 Angebot gefunden"),
    ("de", 17, "17 Angebote gefunden"),
    ("fa", 17, "۱۷ خدمت پیدا شد"),
])
def test_known_counts_read_right(code, count, text):
    assert Translator(i18n.language(code)).plural("offers.count", count) == text


def test_farsi_writes_every_figure_in_its_own_digits():
    # CLDR's default numbering system for fa is arabext (۰-۹): numbers, money, percent and dates
    assert formatting.numbering("fa") == "arabext"
    assert formatting.number(Decimal("64700.5"), "fa") == "۶۴٬۷۰۰٫۵"
    assert "۶۴٬۷۰۰٫۰۰" in formatting.money(Decimal("64700"), "fa")
    assert formatting.percent(1, 3, "fa") == "۳۳٫۳\xa0%"
    assert formatting.day(dt.date(2021, 10, 5), "fa") == "۵ اکتبر ۲۰۲۱"


@pytest.mark.parametrize("lang", LANGS)
def test_no_formatted_figure_mixes_digit_systems(lang):
    texts = [formatting.number(Decimal("1234567.89"), lang.babel),
             formatting.money(Decimal("64700"), lang.babel),
             formatting.percent(2, 7, lang.babel),
             formatting.day(dt.date(2021, 12, 31), lang.babel)]
    systems = {_system(ch) for text in texts for ch in text if ch.isdigit()}
    assert systems == {formatting.numbering(lang.babel)}, (lang.code, texts)


def _system(digit: str) -> str:
    name = unicodedata.name(digit)
    return {"DIGIT": "latn", "ARABIC-INDIC": "arab", "EXTENDED": "arabext"}[name.split()[0]]
