"""The offer store: offers kept compact and expanded on access, facets, the order per language."""

from __future__ import annotations

import dataclasses
import os
import subprocess
import sys

import pytest
from support import REGIONS, ROOT, TINY_REGION, view_page, with_synthetic_offers

from macros import offerstore
from macros.build import build_jobs
from macros.i18n import Translator, languages
from macros.loader import load
from macros.offerstore import OfferStore, facets_of, store_of
from macros.pages import offers as views
from macros.schema import OFFER_LANGUAGES, TARGET_GROUPS, TOPICS

DATA = [REGIONS["kreis-unna"], REGIONS["kreis-wesel"], REGIONS["stadt-leverkusen"], TINY_REGION]


@pytest.fixture(scope="module")
def unna_data():
    return load(REGIONS["kreis-unna"])


@pytest.fixture(scope="module")
def many(tmp_path_factory):
    """Kreis Unna's data plus 120 SYNTHETIC offers: three browse pages of one topic."""
    return with_synthetic_offers(tmp_path_factory.mktemp("many"), 120)


def uncached(data):
    """The dataset with its offers in a store that keeps none of them expanded."""
    return dataclasses.replace(data, offers=store_of(data.offers.values(), budget=0))


# --- the store ---------------------------------------------------------------------------------


@pytest.mark.parametrize("folder", DATA, ids=lambda p: p.name)
def test_an_expanded_offer_equals_the_validated_one_in_every_field(folder):
    data = load(folder)
    store = store_of(data.offers.values(), budget=0)
    for ident, offer in data.offers.items():
        again = store[ident]
        assert again is not offer
        assert again == offer
        assert again.model_dump() == offer.model_dump()
    assert store.expansions == len(data.offers)


def test_an_offer_read_again_at_once_is_not_expanded_twice(unna_data):
    # An offer page's search entry reads the page's offer right after the page did.
    store = store_of(unna_data.offers.values(), budget=0)
    first, second = list(store)[:2]
    assert store[first] is store[first] and store.expansions == 1
    store[second]
    assert store[first] is not None and store.expansions == 3  # only the last one is kept


def test_a_language_build_expands_each_offer_once_for_its_page_and_search_entry(tmp_path):
    from macros import datasets
    from macros.build import BuildPlan, _build_language
    from macros.i18n import language

    folder = REGIONS["kreis-unna"]
    data = uncached(load(folder))
    datasets.remember(folder, data)
    try:
        plan = BuildPlan(folder, tmp_path / "out", (language("de"), language("en")),
                         "http://example.org/")
        _build_language(plan, language("de"), tmp_path)  # fills the per-dataset memos
        before = data.offers.expansions
        _build_language(plan, language("en"), tmp_path)
    finally:
        datasets.forget(folder)
    # Per language: each offer once for its page (its search entry reuses it), and the
    # case-management page's offers once more; the lists and browse pages expand none.
    case_management = sum(1 for f in data.offers.facets.values()
                          if f.case_management and f.status != "beendet")
    assert data.offers.expansions - before == len(data.offers) + case_management


def test_the_loaded_dataset_keeps_its_offers_in_a_store_in_file_order(unna_data):
    assert isinstance(unna_data.offers, OfferStore)
    files = sorted(p.stem for p in (REGIONS["kreis-unna"] / "offers").glob("*.yml")
                   if not p.name.startswith("_"))
    assert list(unna_data.offers) == files


def test_offers_that_fit_the_budget_are_never_expanded_again(unna_data):
    store = store_of(unna_data.offers.values())
    assert [store[i] for i in store] and store.expansions == 0
    assert store.cached == len(store)


def test_the_expanded_offers_stay_within_the_cache_budget(unna_data):
    one = offerstore.EXPANDED_PER_PICKLED * max(
        len(offerstore._pickle(o))
        for o in unna_data.offers.values())
    budget = int(one * 3)
    store = store_of(unna_data.offers.values(), budget=budget)
    for _ in range(3):
        for ident in store:
            store[ident]
    assert 3 <= store.cached < len(store)
    assert store._cached_bytes <= budget
    # The offers outside the cache are expanded on each access, the cached ones never again.
    assert store.expansions == 3 * (len(store) - store.cached)


def test_a_store_whose_offers_do_not_all_fit_keeps_only_its_crowded_share(unna_data):
    budget = int(offerstore.EXPANDED_PER_PICKLED * sum(
        len(offerstore._pickle(o)) for o in unna_data.offers.values()) * 0.9)
    crowded = store_of(unna_data.offers.values(), budget=budget)
    assert crowded.cached < len(crowded)
    crowded.settle()
    assert 0 < crowded._cached_bytes <= budget * offerstore.CROWDED_SHARE
    assert list(crowded._cache) == list(crowded)[:crowded.cached]  # the first ones stay
    for ident in crowded:
        crowded[ident]
    assert crowded._cached_bytes <= budget * offerstore.CROWDED_SHARE
    roomy = store_of(unna_data.offers.values(), budget=budget * 2)
    roomy.settle()
    assert roomy.cached == len(roomy)


def test_a_store_told_how_many_offers_come_fills_only_its_crowded_share(unna_data):
    offers = list(unna_data.offers.values())
    many = [o.model_copy(update={"id": f"{o.id}-{n}"}) for n in range(15) for o in offers]
    one = offerstore.EXPANDED_PER_PICKLED * sum(len(offerstore._pickle(o)) for o in many)
    store = OfferStore(budget=int(one / 2), expected=len(many))
    for number, offer in enumerate(many, 1):
        store.add(offer)
        # After 200 offers it knows that not all fit, before the last one is added.
        assert store._crowded == (number >= 200)
    assert store._cached_bytes <= one / 2 * offerstore.CROWDED_SHARE
    fits = OfferStore(budget=int(one * 1.1), expected=len(many))
    for offer in many:
        fits.add(offer)
    fits.settle()
    assert fits.cached == len(many) and not fits._crowded


def test_an_unknown_offer_id_is_a_key_error(unna_data):
    with pytest.raises(KeyError):
        unna_data.offers["kein-solches-angebot"]
    assert "kein-solches-angebot" not in unna_data.offers


def test_a_replaced_offer_is_seen_in_the_copy_only(unna_data):
    ident = next(iter(unna_data.offers))
    edited = unna_data.offers[ident].model_copy(update={"status": "beendet"})
    copy = offerstore.replaced(unna_data.offers, [edited])
    assert copy[ident].status == "beendet" and unna_data.offers[ident].status != "beendet"
    assert copy.facets[ident].status == "beendet"
    assert list(copy) == list(unna_data.offers)


# --- facets: the same answers as scanning the offers --------------------------------------------


@pytest.mark.parametrize("folder", DATA, ids=lambda p: p.name)
def test_facets_say_what_the_offers_say(folder):
    data = load(folder)
    for offer in data.offers.values():
        facets = facets_of(offer)
        assert list(facets.towns) == views.towns(data, offer)
        assert set(facets.topics) == set(offer.topics)
        assert (facets.status, facets.case_management, facets.region_wide) == (
            offer.status, offer.case_management, offer.region_wide)
        for town in data.region.municipalities:
            assert facets.serves(town.id) == views.serves(data, offer, town.id)


@pytest.mark.parametrize("folder", DATA, ids=lambda p: p.name)
def test_used_topics_towns_languages_and_groups_are_those_some_offer_has(folder):
    data = load(folder)
    offers = list(data.offers.values())
    assert views.used_topics(data) == [t for t in TOPICS if any(t in o.topics for o in offers)]
    assert views.used_towns(data) == [m.id for m in data.region.municipalities
                                      if any(views.serves(data, o, m.id) for o in offers)]
    assert views.used_languages(data) == [c for c in OFFER_LANGUAGES
                                          if any(c in o.languages for o in offers)]
    assert views.used_targets(data) == [g for g in TARGET_GROUPS
                                        if any(g in o.target_groups for o in offers)]


def _by_name(tr, offers):
    return [o.id for o in sorted(offers, key=lambda o: tr.plain(o.name).casefold())]


@pytest.mark.parametrize("folder", DATA, ids=lambda p: p.name)
def test_each_list_is_sorted_by_the_name_in_the_readers_language(folder):
    data = load(folder)
    offers = list(data.offers.values())
    for lang in languages():
        tr = Translator(lang)
        assert views.order(data, tr).ids == _by_name(tr, offers)
        for topic in views.used_topics(data):
            assert [o.id for o in views.topic_offers(data, tr, topic)] == _by_name(
                tr, [o for o in offers if topic in o.topics])
            assert views.topic_count(data, topic) == len(views.topic_offers(data, tr, topic))
        for town in views.used_towns(data):
            assert [o.id for o in views.town_offers(data, tr, town)] == _by_name(
                tr, [o for o in offers if views.serves(data, o, town)])
            assert views.town_count(data, town) == len(views.town_offers(data, tr, town))


def test_a_list_with_a_machine_translated_name_marks_the_page_as_sorting_it_did(unna_data):
    lang = next(x for x in languages() if x.code == "en")
    for topic in views.used_topics(unna_data):
        listed = views.topic_offers(unna_data, Translator(lang), topic)
        probe = Translator(lang)
        for offer in listed:
            probe.plain(offer.name)
        tr = Translator(lang)
        views._listed(unna_data, tr, "thema", topic)
        assert tr.machine == probe.machine


def test_a_plain_dict_of_offers_gives_the_same_lists(unna_data):
    plain = dataclasses.replace(unna_data, offers=dict(unna_data.offers))
    tr = Translator(languages()[1])
    assert views.order(plain, tr).ids == views.order(unna_data, tr).ids
    assert views.usage(plain) == views.usage(unna_data)


# --- pages expand only what they show ----------------------------------------------------------


def test_a_browse_page_expands_no_offer(many):
    data = uncached(load(many))
    assert views.topic_count(data, "sprache") > 2 * views.PAGE_SIZE
    for number in (1, 2, 3):
        soup = view_page(data, "offers_topic", "sprache", number)
        assert 0 < len(soup.select(".kim-offer-list > li")) <= views.PAGE_SIZE
    assert data.offers.expansions == 0


def test_the_order_by_name_is_known_without_expanding_an_offer(many):
    data = uncached(load(many))
    for lang in languages():
        views.order(data, Translator(lang))
    assert data.offers.expansions == 0


@pytest.mark.parametrize("folder", DATA, ids=lambda p: p.name)
def test_what_the_lists_read_apart_equals_the_offers_own(folder):
    data = load(folder)
    store = store_of(data.offers.values(), budget=0)
    for ident, offer in data.offers.items():
        brief = store.brief(ident)
        assert (brief.id, brief.name, brief.summary, brief.cost, brief.provider,
                brief.free_of_charge) == (offer.id, offer.name, offer.summary, offer.cost,
                                          offer.provider, offer.free_of_charge)
        assert brief.has_hours == any(s.weekly for s in offer.schedules)
        assert (list(brief.topics), list(brief.target_groups), list(brief.languages),
                brief.status, brief.region_wide) == (offer.topics, offer.target_groups,
                                                     offer.languages, offer.status,
                                                     offer.region_wide)
        assert list(brief.towns) == views.towns(data, offer)
    assert store.expansions == 0


def test_the_overview_its_json_and_the_record_titles_expand_no_offer(many):
    from macros.pages import registry

    data = uncached(load(many))
    tr = Translator(languages()[1])
    registry.generated_pages(data, tr)
    registry.generated_files(data, tr)
    view_page(data, "offers", lang=languages()[1].code)
    assert data.offers.expansions == 0


def test_the_pages_of_every_browse_list_are_counted_without_expanding_offers(many):
    data = uncached(load(many))
    tr = Translator(languages()[0])
    pages = [p for p in views_records(data, tr) if p.view in ("offers_topic", "offers_town")]
    assert pages and data.offers.expansions == 0


def views_records(data, tr):
    from macros.pages import registry

    return [p for kind in registry.PAGE_TYPES if kind.name.startswith("offers_")
            for p in (registry._record(kind, key, title, meta)
                      for key, title, meta in kind.records(data, tr))]


def test_the_case_management_page_expands_only_the_contact_points(unna_data):
    data = uncached(unna_data)
    view_page(data, "casemanagement")
    points = sum(1 for o in unna_data.offers.values()
                 if o.case_management and o.status != "beendet")
    assert 0 < data.offers.expansions <= points


# --- building ----------------------------------------------------------------------------------


def test_a_store_that_will_still_fill_counts_against_the_workers_budget(unna_data, monkeypatch):
    monkeypatch.delenv("KIM_BUILD_JOBS", raising=False)
    monkeypatch.delenv("KIM_BUILD_MEMORY_MB", raising=False)
    monkeypatch.setattr("os.cpu_count", lambda: 2)
    empty = OfferStore(budget=100 * 2**20)
    for offer in unna_data.offers.values():
        empty.add(offer)
    full = empty.growth_bytes()
    assert full > 0 or empty.cached == len(empty)
    filling = OfferStore(budget=100 * 2**20)
    filling._packed = dict(empty._packed)  # the offers, none expanded yet
    assert offerstore.growth_mb(filling) == pytest.approx(100)
    assert build_jobs(8, 60) == 2
    assert build_jobs(8, 60 + offerstore.growth_mb(filling)) == 1


def test_loading_many_offers_grows_memory_by_the_compact_offers_and_the_cache_only(tmp_path):
    """Peak memory of loading grows with the compact offers, not the expanded ones."""
    script = (
        "import resource, sys\n"
        "sys.path.insert(0, 'benchmarks')\n"
        "from synthetic import generate\n"
        "from pathlib import Path\n"
        "from macros.loader import load\n"
        f"folder = generate(800, target=Path({str(tmp_path / 'd')!r}))\n"
        "before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss\n"
        "data = load(folder)\n"
        "after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss\n"
        "print(data.offers.cached, len(data.offers), (after - before) // 1024)\n"
    )
    env = {**os.environ, "KIM_OFFER_CACHE_MB": "5"}
    out = subprocess.run([sys.executable, "-c", script], cwd=ROOT, env=env, check=True,
                         capture_output=True, text=True).stdout.split()
    cached, total, grown_mb = map(int, out)
    assert total == 800 and cached < 150
    # 800 expanded SYNTHETIC offers take about 38 MB; compact, with a 5 MB cache, far less.
    assert grown_mb < 20
