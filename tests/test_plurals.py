"""Plural forms and digits from CLDR (babel) in every language (issue 16 item 5)."""

from __future__ import annotations

import datetime as dt
import unicodedata
from decimal import Decimal

import babel
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


# Every interface sentence that counts things, with the values its other placeholders need.
COUNTED = {
    "quality.lead": {},
    "checks.lead": {},
    "funding.basis_computed": {},
    "glance.computed_sum": {},
    "chart.flows.summary": {"land": "L", "onward": "W"},
    "chart.grant_own.summary": {"periods": "P"},
    "chart.own_share.period": {"period": "P", "total": "T"},
    "chart.compare.summary": {"with_population": "1"},
    "chart.compare.fte_summary": {"with_fte": "1"},
}

# Keys that keep a bare {count}, each with the reason its noun does not agree with the count.
COUNT_WITHOUT_PLURAL = {
    "chart.compare.people": "the count is the figure itself (inhabitants), no counted noun",
    "search.many": "search.js's own, shown for two or more hits only; languages whose noun "
                   "would change after 2 phrase it as a label ('Результатов: N')",
}


@pytest.mark.parametrize("code", ["de", "ar", "ru"])
@pytest.mark.parametrize("key", sorted(COUNTED))
def test_counted_sentences_take_the_form_babel_selects(key, code):
    lang = i18n.language(code)
    own = i18n.catalogue(code)
    rules = babel.Locale.parse(lang.babel).plural_form
    tr = Translator(lang)
    for count in (1, 2, 5, 21):
        category = rules(count)
        expected = own[f"{key}.{category}"].format(
            n=formatting.number(count, lang.babel), **COUNTED[key])
        assert tr.plural(key, count, **COUNTED[key]) == expected, (key, code, count, category)


@pytest.mark.parametrize("key", sorted(COUNTED))
def test_german_counted_sentences_differ_for_one_and_many(key):
    tr = Translator(i18n.language("de"))
    one = tr.plural(key, 1, **COUNTED[key])
    assert one.replace("1", "2", 1) != tr.plural(key, 2, **COUNTED[key]), key


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("key", sorted(COUNTED))
def test_every_counted_sentence_has_every_form_of_the_language(key, lang):
    own = i18n.catalogue(lang.code)
    missing = [c for c in babel.Locale.parse(lang.babel).plural_form.tags | {"other"}
               if f"{key}.{c}" not in own]
    assert missing == [], f"macros/catalogue/{lang.code}.yml: {key}.{missing}"


@pytest.mark.parametrize("lang", LANGS)
def test_no_interface_string_puts_a_count_into_one_fixed_form(lang):
    own = i18n.catalogue(lang.code)
    fixed = sorted(key for key, text in own.items()
                   if "{count}" in text and key not in COUNT_WITHOUT_PLURAL)
    assert fixed == [], (f"macros/catalogue/{lang.code}.yml: {fixed} need plural keys "
                         "(<key>.one/.other ... with {n}, read through Translator.plural)")


def test_the_arabic_data_gap_sentence_reads_two_as_a_dual():
    text = Translator(i18n.language("ar")).plural("quality.lead", 2)
    assert f"معلومتان ({formatting.number(2, 'ar')})" in text, text
