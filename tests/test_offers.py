"""The offer overview, browse pages, offer pages, /fallmanagement/, template and report."""

from __future__ import annotations

import gzip
import json
import re
from datetime import date
from pathlib import Path
from textwrap import dedent
from urllib.parse import urljoin

import pytest
import yaml
from bs4 import BeautifulSoup
from support import REGIONS, ROOT, page, text_of
from support import with_synthetic_offers as _with_synthetic_offers

from macros import schema
from macros.build import DEFAULT_SITE_URL, build_site
from macros.context import PageContext
from macros.i18n import language, languages
from macros.loader import DataErrors, load
from macros.pages.offers import offer_page, script_json
from macros.report import offers_report

# The real offers the seed documents name (issue 4): each must be on its region's site.
SEED_OFFERS = {
    "kreis-unna": [
        "sprachmittlerpool", "griffbereit", "rucksack-kita", "rucksack-grundschule", "go-in",
        "komm-an", "durchstarten-in-ausbildung-und-arbeit", "sprechstunde-fluechtlingsrat",
        "jugendmigrationsdienste", "migrationsberatung-erwachsene-zuwanderer",
        "fallmanagement-nord", "fallmanagement-mitte", "fallmanagement-sued",
    ],
    "kreis-wesel": ["servicestelle-zuwanderung-moers", "sprachmittlerpool-kreis-wesel",
                    "kim-case-management-kreis-wesel"],
    "stadt-leverkusen": ["casemanagement-caritasverband", "casemanagement-awo",
                         "casemanagement-diakonie", "casemanagement-fb-soziales",
                         "casemanagement-ki"],
}


def offer_ids(region: str) -> list[str]:
    return sorted(load(REGIONS[region]).offers)


def local_links(soup: BeautifulSoup, base: str) -> set[str]:
    """Absolute in-site paths of the links inside a page's article."""
    found = set()
    for link in soup.select("article a[href]"):
        href = link["href"]
        if re.match(r"^(https?|mailto|tel):", href) or href.startswith("#"):
            continue
        found.add(urljoin(base, href.split("#")[0]))
    return found


# --- the real offers are on the site -----------------------------------------------------------


@pytest.mark.parametrize("region", REGIONS)
def test_every_seed_offer_is_in_the_data(region):
    missing = set(SEED_OFFERS[region]) - set(offer_ids(region))
    assert not missing


@pytest.mark.parametrize("region", REGIONS)
def test_every_offer_has_a_page_with_the_same_slug_in_every_language(sites, region):
    for ident in offer_ids(region):
        for lang in languages():
            prefix = f"{lang.path}/" if lang.path else ""
            assert (sites[region] / prefix / "angebote" / ident / "index.html").is_file(), \
                f"{prefix}angebote/{ident}/ fehlt"


@pytest.mark.parametrize("region", REGIONS)
def test_without_javascript_every_offer_is_reachable_from_the_overview(sites, region):
    site = sites[region]
    seen, queue, offers = set(), ["/angebote/"], set()
    while queue:
        path = queue.pop()
        if path in seen:
            continue
        seen.add(path)
        soup = BeautifulSoup((site / path.lstrip("/") / "index.html").read_text("utf-8"),
                             "html.parser")
        for link in local_links(soup, path):
            if link.startswith(("/angebote/thema/", "/angebote/ort/")):
                queue.append(link)
            elif re.fullmatch(r"/angebote/[a-z0-9-]+/", link):
                offers.add(link.split("/")[2])
    assert offers == set(offer_ids(region))


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory) -> tuple[Path, Path]:
    """(data, site): Kreis Unna's data plus 55 synthetic courses and two fully described
    synthetic offers (SYNTHETIC, support.with_synthetic_offers), built in German once for the
    tests below, on the build day 2022-06-01."""
    root = tmp_path_factory.mktemp("synthetic-offers")
    data = _with_synthetic_offers(root, count=55)
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("KIM_BUILD_DATE", "2022-06-01")
        build_site(data, root / "site", languages=["de"])
    return data, root / "site"


def test_browse_pages_are_paginated_at_fifty_offers(synthetic):
    _data, site = synthetic
    first = page(site, "de", "angebote/thema/sprache/index.html")
    second = page(site, "de", "angebote/thema/sprache/2/index.html")
    assert len(first.select("article ul.kim-offer-list > li")) == 50
    assert len(second.select("article ul.kim-offer-list > li")) >= 5
    assert first.select_one("nav a[href='2/']")


# --- the overview -------------------------------------------------------------------------------


def test_overview_has_every_filter_with_choices_with_a_label(unna):
    soup = page(unna, "de", "angebote/index.html")
    form = soup.select_one("form#kim-offer-filter")
    assert form.get("role") == "search"
    # No offer of Kreis Unna states its languages, so there is no language filter to offer.
    assert not any(o.languages for o in load(REGIONS["kreis-unna"]).offers.values())
    assert form.select_one("[name=sprache]") is None
    for name in ("suche", "thema", "ort", "gruppe"):
        control = form.select_one(f"[name={name}]")
        assert control is not None, name
        assert form.select_one(f"label[for={control['id']}]"), f"{name} hat kein Label"


def test_overview_announces_the_result_count_to_screen_readers(unna):
    count = page(unna, "de", "angebote/index.html").select_one("#kim-offer-count")
    assert count["aria-live"] == "polite" and count["role"] == "status"


def test_empty_result_points_to_case_management(unna):
    empty = page(unna, "de", "angebote/index.html").select_one("#kim-offer-empty")
    assert empty.select_one("a")["href"].endswith("fallmanagement/")


def test_overview_stays_small_its_offers_come_as_json(synthetic):
    data, site = synthetic
    soup = page(site, "de", "angebote/index.html")
    # Only the first page of results is in the HTML; the script has all of them as JSON.
    assert len(soup.select("#kim-offer-results li")) == 20
    offers = json.loads((site / "angebote" / "angebote.json").read_text("utf-8"))["offers"]
    assert {o[0] for o in offers} == set(load(data).offers)
    assert [a["href"] for a in soup.select("#kim-offer-results li > a")] == \
        [f"{o[0]}/" for o in offers[:20]]


def test_offer_json_is_in_the_language_of_its_folder(unna):
    data = json.loads((unna / "ar" / "angebote" / "angebote.json").read_text("utf-8"))
    offers = load(REGIONS["kreis-unna"]).offers
    # [id, name, topics, towns, languages, groups, provider, German, region-wide, for whom, facts]
    # German: bit 1 the offer's name, bit 2 its provider's name is shown in German.
    for ident, name, *_, german, _region_wide, _for_whom, _facts in data["offers"]:
        translation = offers[ident].name.translation("ar")
        assert name == (translation.text if translation else offers[ident].name.de)
        assert german & 1 == (1 if translation is None else 0)


def test_offer_json_encodes_the_filters_of_each_offer(unna):
    data = json.loads((unna / "angebote" / "angebote.json").read_text("utf-8"))
    offers = load(REGIONS["kreis-unna"]).offers
    for ident, _, topics, places, spoken, groups, *_ in data["offers"]:
        assert [data["topics"][i] for i in topics] == list(offers[ident].topics)
        assert [data["towns"][i] for i in places] == list(offers[ident].service_area)
        assert [data["groups"][i] for i in groups] == list(offers[ident].target_groups)
        assert [data["languages"][i] for i in spoken] == list(offers[ident].languages)


def test_filter_script_only_on_the_overview(unna):
    assert page(unna, "de", "angebote/index.html").select(
        "script[src$='assets/js/offers.js'][defer]")
    assert not page(unna, "de", "index.html").select("script[src$='offers.js']")
    assert not page(unna, "de", "angebote/griffbereit/index.html").select(
        "script[src$='offers.js']")


@pytest.mark.parametrize("path", ["angebote/index.html", "angebote/griffbereit/index.html",
                                  "angebote/thema/beratung/index.html",
                                  "fallmanagement/index.html"])
def test_offer_pages_have_no_inline_script_and_no_plotly(unna, path):
    """Our blocks carry data only (Material's own head scripts are helper 'front's concern)."""
    soup = page(unna, "de", path)
    for script in soup.select("article script, head script[src*='assets/js/']"):
        assert script.get("src") or script.get("type") in ("application/json",
                                                           "application/ld+json"), script
        assert "plotly" not in (script.get("src") or "")
    assert "plotly" not in str(soup).lower()


@pytest.mark.parametrize("path", ["angebote/index.html", "angebote/fallmanagement-nord/index.html"])
def test_offer_and_overview_pages_stay_under_60_kb_gzipped(unna, path):
    """All-in: HTML, stylesheets and our own scripts (Material's JS bundle is dropped by 'front')."""  # noqa: E501
    html = (unna / path).read_text("utf-8")
    soup = BeautifulSoup(html, "html.parser")
    total = len(gzip.compress(html.encode("utf-8"), 9))
    base = (unna / path).parent
    assets = [link["href"] for link in soup.select("link[rel=stylesheet]")]
    assets += [s["src"] for s in soup.select("script[src]") if "bundle" not in s["src"]]
    for href in assets:
        total += len(gzip.compress((base / href.split("?")[0]).resolve().read_bytes(), 9))
    if path == "angebote/index.html":
        total += len(gzip.compress((unna / "angebote" / "angebote.json").read_bytes(), 9))
    assert total <= 60 * 1024, f"{path}: {total} bytes gzipped"


# --- one offer ----------------------------------------------------------------------------------


def _ld(soup: BeautifulSoup) -> dict:
    return json.loads(soup.select_one("script[type='application/ld+json']").string)


@pytest.mark.parametrize("region", REGIONS)
def test_every_offer_has_json_ld_with_the_required_properties(sites, region):
    offers = load(REGIONS[region]).offers
    for lang in ("de", "ar"):
        for ident, offer in offers.items():
            ld = _ld(page(sites[region], lang, f"angebote/{ident}/index.html"))
            assert ld["@context"] == "https://schema.org"
            assert ld["@type"] in ("GovernmentService", "Service")
            for key in ("@id", "url", "name", "description", "serviceType"):
                assert ld.get(key) is not None, f"{ident}: {key} fehlt"
            # areaServed only where a document names the service area (never "the whole region").
            assert ("areaServed" in ld) == bool(offer.service_area or offer.region_wide or any(
                loc.municipality for loc in offer.locations)), ident
            assert ("provider" in ld) == (offer.provider is not None)
            assert ld["url"].endswith(f"angebote/{ident}/")
            assert ld["@id"] == f"{DEFAULT_SITE_URL.rstrip('/')}/angebote/{ident}/#angebot"


def test_json_ld_cannot_be_broken_out_of():
    block = str(script_json({"name": "</script><script>alert(1)</script> & <!--"},
                            type="application/ld+json"))
    assert block.count("</script") == 1 and block.endswith("</script>")
    assert "<!--" not in block
    inner = block[block.index(">") + 1: block.rindex("<")]
    assert json.loads(inner)["name"] == "</script><script>alert(1)</script> & <!--"


def test_offer_without_contact_says_so_and_names_the_coordinating_body(unna):
    soup = page(unna, "de", "angebote/griffbereit/index.html")
    ki = load(REGIONS["kreis-unna"]).region.ki
    text = text_of(soup)
    assert "keinen eigenen Kontakt" in text and ki.name.de in text
    assert soup.select_one(".kim-offer a[href='../../fallmanagement/#kontakt']")


def test_offer_without_contact_presents_no_one_as_its_contact(unna):
    soup = page(unna, "de", "angebote/griffbereit/index.html")
    ki = load(REGIONS["kreis-unna"]).region.ki
    offer = soup.select_one(".kim-offer")
    assert not offer.select("a[href^='tel:'], a[href^='mailto:'], address")
    assert ki.person.name not in text_of(soup)


def test_offer_page_shows_that_it_was_not_reviewed_yet(unna):
    assert "noch nicht geprüft" in text_of(page(unna, "de", "angebote/griffbereit/index.html"))


def test_offer_page_links_its_topics_and_towns_to_the_browse_pages(unna):
    soup = page(unna, "de", "angebote/fallmanagement-nord/index.html")
    hrefs = [a["href"] for a in soup.select("dl.kim-facts a")]
    assert "../thema/beratung/" in hrefs and "../ort/luenen/" in hrefs


def test_synthetic_offer_page_shows_every_field(synthetic):
    _data, site = synthetic
    soup = page(site, "de", "angebote/synth-sprachcafe/index.html")
    text = text_of(soup)
    for expected in ("Arabisch", "Kurmandschi", "Dari", "ohne Termin", "kostenlos",
                     "Aufenthaltstitel", "Musterstraße 1", "59423 Unna", "Rollstuhl",
                     "Mittwoch", "15:00", "17:00", "Nicht in den Ferien",
                     "Zuletzt geprüft am 1. März 2022"):
        assert expected in text, expected
    assert soup.select_one("a[href='tel:+492303123456']").get_text() == "02303 123456"
    assert soup.select_one("a[href='mailto:sprachcafe@synthetisch.example.de']")
    assert soup.select_one("#kim-open-now[hidden]"), "filled in by hours.js"
    hours = json.loads(soup.select_one("script#kim-hours").string)
    assert hours["hours"][0]["w"][0] == ["mi", "15:00", "17:00"]
    assert soup.select("script[src$='assets/js/hours.js'][defer]")
    assert not soup.select(".kim-review-overdue")
    ld = _ld(soup)
    assert ld["hoursAvailable"][0] == {"@type": "OpeningHoursSpecification",
                                       "dayOfWeek": "https://schema.org/Wednesday",
                                       "opens": "15:00", "closes": "17:00"}
    assert {lang["alternateName"] for lang in ld["availableChannel"][0]["availableLanguage"]} \
        == {"de", "ar", "kmr", "prs"}
    place = ld["availableChannel"][0]["serviceLocation"]
    assert place["@type"] == "Place" and place["address"]["postalCode"] == "59423"
    assert ld["availableChannel"][1]["servicePhone"]["telephone"] == "+492303123456"


def test_review_older_than_the_interval_is_flagged_against_the_build_date(synthetic,
                                                                          monkeypatch):
    # The page built on 2022-06-01 has no notice (test above); the offer page's view run on
    # 2023-06-01, 457 days after its review on 2022-03-01 (> 365), has one.
    monkeypatch.setenv("KIM_BUILD_DATE", "2023-06-01")
    data, _site = synthetic
    ctx = PageContext(load(data), language("de"), url="angebote/synth-sprachcafe/")
    notice = BeautifulSoup(offer_page(ctx, "synth-sprachcafe"), "html.parser").select_one(
        ".kim-review-overdue")
    assert notice is not None
    assert "365 Tage" in notice.get_text() and "1. Juni 2023" in notice.get_text()


# --- /fallmanagement/ -------------------------------------------------------------------------


def test_case_management_page_lists_unna_by_sub_region_and_town(unna):
    soup = page(unna, "de", "fallmanagement/index.html")
    headings = [h.get_text(strip=True) for h in soup.select("article h2")]
    assert {"Nordkreis", "Mittelkreis", "Südkreis"} <= set(headings)
    luenen = soup.select_one("#ort-luenen").find_next_sibling("ul")
    assert luenen.select_one("a[href='../angebote/fallmanagement-nord/']")
    unna_town = soup.select_one("#ort-unna").find_next_sibling("ul")
    assert unna_town.select_one("a[href='../angebote/fallmanagement-sued/']")


def test_case_management_page_of_leverkusen_lists_every_provider(sites):
    soup = page(sites["stadt-leverkusen"], "de", "fallmanagement/index.html")
    links = {a["href"] for a in soup.select("#ort-leverkusen ~ ul a")}
    for ident in SEED_OFFERS["stadt-leverkusen"]:
        assert f"../angebote/{ident}/" in links


def test_case_management_page_gives_the_ki_contact(unna):
    soup = page(unna, "de", "fallmanagement/index.html")
    assert soup.select_one("#kontakt ~ .kim-contact a[href^='tel:']")


# --- template, loader, report ---------------------------------------------------------------------

TEMPLATE = ROOT / "data" / "offers" / "_vorlage.yml"


def test_template_is_skipped_by_the_loader():
    assert not any(ident.startswith("_") or ident == "neues-angebot"
                   for ident in load(ROOT / "data").offers)


def test_template_validates_with_a_placeholder_id():
    raw = yaml.safe_load(TEMPLATE.read_text("utf-8"))
    offer = schema.Offer.model_validate({**raw, "id": "platzhalter"})
    assert offer.id == "platzhalter"


def test_template_loads_in_a_data_folder_once_its_source_is_filled_in(minimal_data):
    text = TEMPLATE.read_text("utf-8").replace("kennung-des-dokuments", "test-konzept")
    (minimal_data / "offers" / "neues-angebot.yml").write_text(text, encoding="utf-8")
    assert "neues-angebot" in load(minimal_data).offers


def test_template_mentions_every_offer_field():
    text = TEMPLATE.read_text("utf-8")
    missing = [name for name in schema.Offer.model_fields
               if name != "synthetic" and not re.search(rf"^#? ?{name}:", text, re.M)]
    assert not missing


def _write_offer(folder: Path, extra: str) -> None:
    (folder / "offers" / "kaputt.yml").write_text(dedent("""\
        id: kaputt
        name: Kaputt
        summary: Test.
        topics: [beratung]
        source:
          document: test-konzept
        """) + dedent(extra), encoding="utf-8")


def test_hours_closing_before_opening_are_reported_at_closes(minimal_data):
    _write_offer(minimal_data, """\
        schedules:
          - weekly:
              - day: mo
                opens: "12:00"
                closes: "09:00"
        """)
    with pytest.raises(DataErrors) as failure:
        load(minimal_data)
    error = failure.value.errors[0]
    assert error.field == "schedules[0].weekly[0].closes" and error.line == 11
    assert "nach 'opens'" in error.message


def test_validity_ending_before_it_starts_is_reported_at_valid_to(minimal_data):
    _write_offer(minimal_data, """\
        schedules:
          - valid_from: 2022-05-01
            valid_to: 2022-01-01
        """)
    with pytest.raises(DataErrors) as failure:
        load(minimal_data)
    error = failure.value.errors[0]
    assert error.field == "schedules[0].valid_to" and error.line == 9


def test_reserved_offer_ids_are_refused(minimal_data):
    (minimal_data / "offers" / "thema.yml").write_text(
        "id: thema\nname: X\nsummary: Y\ntopics: [beratung]\nsource:\n  document: test-konzept\n",
        encoding="utf-8")
    with pytest.raises(DataErrors) as failure:
        load(minimal_data)
    assert "reserviert" in str(failure.value)


def test_report_lists_offers_per_municipality_with_their_gaps(minimal_data):
    report = offers_report(load(minimal_data), date(2024, 1, 1))
    section = report.split("== Musterstadt")[1]
    assert "sprachcafe" in section and "Prüfung überfällig" in section
    assert "ohne Übersetzung" in section and "ohne Kontakt" not in section


def test_report_command_prints_german_for_the_real_data(capsys):
    from macros.cli import main

    assert main(["report", "offers", str(ROOT / "data")]) == 0
    out = capsys.readouterr().out
    assert "Bericht Angebote: Kreis Unna" in out and "== Lünen" in out
    assert "fallmanagement-nord" in out.split("== Lünen")[1].split("==")[0]
