"""What a build computes once, not once per language or per pass over the offers: the open
data's walk over the offers, the /daten/ page's row counts, the chart downloads, the translation
report's outdated list and portal.yml."""

from __future__ import annotations

import dataclasses
import shutil

import pytest
from support import TINY_REGION, with_synthetic_offers

from macros import opendata, portalconfig
from macros.i18n import languages
from macros.loader import load
from macros.offerstore import store_of
from macros.pages import editorial, funding


@pytest.fixture(scope="module")
def offers_data(tmp_path_factory):
    """Kreis Unna's data plus 30 SYNTHETIC offers, in a store that keeps none expanded (as at
    10,000 offers, where they do not all fit the store's cache)."""
    data = load(with_synthetic_offers(tmp_path_factory.mktemp("offers"), 30))
    return dataclasses.replace(data, offers=store_of(data.offers.values(), budget=0))


def test_open_data_expands_each_offer_once(offers_data):
    before = offers_data.offers.expansions
    written = opendata.files(offers_data, "http://127.0.0.1:8000/")
    assert offers_data.offers.expansions - before == len(offers_data.offers)
    # Both of the walk's products are there: a table row and an HSDS service per offer.
    table = [line for line in written["angebote.csv"].decode().splitlines()[1:] if line]
    assert len(table) == len(offers_data.offers)
    services = [name for name in written if name.startswith("hsds/services/")]
    assert len(services) == sum(1 for i in offers_data.offers
                                if offers_data.offers.facets[i].status != "unbekannt")


def test_open_data_row_counts_expand_no_offer(offers_data):
    data = dataclasses.replace(offers_data)  # a fresh data.derived
    before = data.offers.expansions
    counts = opendata.row_counts(data)
    assert data.offers.expansions == before
    assert counts["angebote"] == len(data.offers)
    full = {table.name: len(table.rows) for table in opendata.tables(data)}
    assert counts == full


def test_chart_downloads_are_made_once_per_language_and_written_as_made(tmp_path):
    data = load(TINY_REGION)
    german = languages()[0]
    made = funding.downloads(data, german)
    assert funding.downloads(data, german) is made
    funding.write_downloads(data, german, tmp_path)
    folder = tmp_path / funding.DOWNLOADS
    assert {path.name: path.read_bytes() for path in folder.iterdir()} == made
    assert any(name.endswith(".xlsx") for name in made)


def test_the_outdated_translations_list_is_rendered_once_per_dataset():
    data = load(TINY_REGION)
    listed = editorial.outdated_list(data)
    assert editorial.outdated_list(data) is listed
    assert listed.startswith(("<ul>", "<p>Keine"))


def test_portal_config_is_parsed_again_only_when_its_text_changed(tmp_path):
    config = tmp_path / "portal.yml"
    shutil.copyfile(portalconfig.PORTAL_YML, config)
    first = portalconfig.read(config)
    assert portalconfig.read(config) is first
    config.write_text(config.read_text(encoding="utf-8").replace("comparison:", "comparison: []\n"
                                                                 "old_comparison:"),
                      encoding="utf-8")
    with pytest.raises(portalconfig.PortalConfigError):
        portalconfig.read(config)
    shutil.copyfile(portalconfig.PORTAL_YML, config)
    again = portalconfig.read(config)
    assert again == first
