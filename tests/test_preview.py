"""`kim serve`: an edited offer reaches the served site through the quick, partial rebuild."""

from __future__ import annotations

import functools
import re
import shutil
import threading
import urllib.request
from http.server import ThreadingHTTPServer

import pytest
from support import TINY_REGION

from macros.build import build_site
from macros.serve import SiteHandler, discard, edited_offers, incremental_offers, restore

# SYNTHETIC: the tiny region's offer "lernhilfe" (German name written short).
OFFER, NAME = "lernhilfe", "Lernhilfe (SYNTHETIC)"


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """The tiny region's data and its German site, built once for this module's tests."""
    root = tmp_path_factory.mktemp("preview")
    shutil.copytree(TINY_REGION, root / "data")
    build_site(root / "data", root / "site", languages=["de"])
    return root


@pytest.fixture()
def preview(built, tmp_path):
    """A copy of the built data and site (each test edits them), served on localhost."""
    data, site = tmp_path / "data", tmp_path / "site"
    shutil.copytree(built / "data", data)
    shutil.copytree(built / "site", site)
    httpd = ThreadingHTTPServer(("127.0.0.1", 0),
                                functools.partial(SiteHandler, directory=str(site)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield data, site, f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def _edit_name(offer, new: str) -> None:
    text = offer.read_text(encoding="utf-8")
    # The German name, written short (`name: X`) or with translations (`name:` / `de: X`).
    edited = re.sub(rf"(\nname:(?:\n  de:)? ){re.escape(NAME)}\n",
                    lambda m: f"{m.group(1)}{new}\n", text, count=1)
    assert edited != text
    offer.write_text(edited, encoding="utf-8")


def _served(url: str) -> str:
    with urllib.request.urlopen(url, timeout=5) as response:
        return response.read().decode("utf-8")


def test_an_edited_offer_appears_in_the_served_site_after_the_incremental_rebuild(preview):
    data, site, url = preview
    offer = data / "offers" / f"{OFFER}.yml"
    _edit_name(offer, "Lernhilfe GEÄNDERT")
    paths = edited_offers(data, {offer})
    copied = incremental_offers(data, site, paths)
    assert copied
    assert "Lernhilfe GEÄNDERT" in _served(f"{url}/angebote/{OFFER}/")


def test_the_quick_pages_are_put_back_when_the_full_build_refuses_the_data(preview):
    data, site, url = preview
    before = _served(f"{url}/angebote/{OFFER}/")
    offer = data / "offers" / f"{OFFER}.yml"
    _edit_name(offer, "Lernhilfe GEÄNDERT")
    restore(incremental_offers(data, site, [offer]))
    assert _served(f"{url}/angebote/{OFFER}/") == before


def test_only_edits_of_existing_offer_files_take_the_quick_path(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(TINY_REGION, data)
    offer = data / "offers" / f"{OFFER}.yml"
    assert edited_offers(data, {offer}) == [offer.resolve()]
    assert edited_offers(data, {offer, data / "funding.yml"}) is None
    assert edited_offers(data, {data / "offers" / "deleted.yml"}) is None


def test_the_quick_pages_backups_are_removed_once_the_full_build_decided(preview):
    data, site, _url = preview
    offer = data / "offers" / f"{OFFER}.yml"
    _edit_name(offer, "Lernhilfe GEÄNDERT")
    copied = incremental_offers(data, site, [offer])
    backups = {b for _, b in copied if b is not None}
    assert backups and all(b.exists() for b in backups)
    discard(copied)
    assert not any(b.exists() for b in backups)
