"""'Open now' knows NRW public holidays and appointment-only hours (issue 16 item 7).

The holidays come from the ``holidays`` package at build time and are emitted as dates for
hours.js; the browser test fixes the moment with ?kim-now= (Berlin time)."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from textwrap import dedent

import pytest
from bs4 import BeautifulSoup
from conftest import MINIMAL_DATA
from support import serve_folder

from macros.build import build_site
from macros.i18n import catalogue
from macros.pages.offers import public_holidays

# SYNTHETIC: an invented offer open every day 08:00-12:00, by appointment 14:00-16:00.
DAILY = "".join(f'      - {{day: {d}, opens: "08:00", closes: "12:00"}}\n'
                for d in ("mo", "di", "mi", "do", "fr", "sa", "so"))
APPOINTMENTS = "".join(f'      - {{day: {d}, opens: "14:00", closes: "16:00"}}\n'
                       for d in ("mo", "di", "mi", "do", "fr", "sa", "so"))
OFFER = f"""\
# SYNTHETIC: erfundenes Testangebot
id: synth-taeglich
name: Synthetisches Angebot
summary: Erfundenes Testangebot mit Öffnungszeiten an jedem Tag.
provider: testverein
topics: [beratung]
schedules:
  - weekly:
{DAILY}  - weekly:
{APPOINTMENTS}    appointment_only: true
synthetic: true
source:
  document: test-konzept
"""
BUILT = date(2026, 3, 2)


def test_nrw_holidays_include_corpus_christi_and_not_reformation_day():
    days = public_holidays(BUILT)
    assert "2026-06-04" in days  # Fronleichnam: a holiday in NRW
    assert "2026-10-31" not in days  # Reformationstag: not in NRW
    assert {"2026-12-25", "2027-01-01", "2027-12-26"} <= set(days)
    assert all(d.startswith(("2026-", "2027-")) for d in days)


@pytest.fixture(scope="module")
def daily(tmp_path_factory):
    root = tmp_path_factory.mktemp("hours")
    data = root / "data"
    for name, text in MINIMAL_DATA.items():
        (data / name).parent.mkdir(parents=True, exist_ok=True)
        (data / name).write_text(dedent(text), encoding="utf-8")
    (data / "offers" / "synth-taeglich.yml").write_text(OFFER, encoding="utf-8")
    site = root / "site"
    mp = pytest.MonkeyPatch()
    mp.setenv("KIM_BUILD_DATE", BUILT.isoformat())
    try:
        build_site(data, site, languages=["de"])
    finally:
        mp.undo()
    with serve_folder(site) as url:
        yield url


def test_the_offer_page_carries_the_holidays_as_dates(daily):
    html = (Path(daily.root) / "angebote/synth-taeglich/index.html").read_text(encoding="utf-8")
    block = json.loads(BeautifulSoup(html, "html.parser").select_one("#kim-hours").string)
    assert block["holidays"] == public_holidays(BUILT)
    assert [s["appointment"] for s in block["hours"]] == [False, True]


@pytest.mark.browser
@pytest.mark.parametrize(("moment", "key"), [
    ("2026-06-03T10:00", "offer.open_now"),  # a Wednesday during the hours
    ("2026-06-04T10:00", "offer.holiday_now"),  # Fronleichnam, same hours: no "open"
    ("2026-06-03T15:00", "offer.open_appointment"),
    ("2026-06-03T13:00", "offer.closed_now"),
])
def test_open_now_on_a_weekday_a_holiday_and_in_appointment_hours(browser, daily, moment, key):
    context = browser.new_context(viewport={"width": 412, "height": 740})
    page = context.new_page()
    page.goto(f"{daily}/angebote/synth-taeglich/?kim-now={moment}", wait_until="load")
    shown = page.locator("#kim-open-now")
    shown.wait_for(state="visible")
    assert shown.inner_text() == catalogue("de")[key]
    context.close()
