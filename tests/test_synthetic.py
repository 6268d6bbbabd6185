"""The benchmark's SYNTHETIC data generator writes data the loader accepts, marked as invented."""

from __future__ import annotations

import sys

from support import ROOT

from macros.i18n import DEFAULT_LANGUAGE, languages
from macros.loader import load

sys.path.insert(0, str(ROOT / "benchmarks"))

import synthetic


def test_synthetic_data_loads_with_the_requested_number_of_marked_offers(tmp_path):
    data = load(synthetic.generate(7, target=tmp_path / "synthetic"))
    assert len(data.offers) == 7
    assert all(o.synthetic and o.id.startswith("synthetic-") for o in data.offers.values())
    assert all("SYNTHETIC" in o.name.de for o in data.offers.values())


def test_every_synthetic_text_is_translated_into_every_configured_language(tmp_path):
    data = load(synthetic.generate(3, target=tmp_path / "synthetic"))
    others = {lang.code for lang in languages()} - {DEFAULT_LANGUAGE}
    for offer in data.offers.values():
        for value in (offer.name, offer.summary, offer.description, offer.cost):
            assert set(value.translations) == others
            assert all("SYNTHETIC" in t.text for t in value.translations.values())
