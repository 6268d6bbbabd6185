"""/angebote/: the offer overview, browse pages per topic and town, and one page per offer.

The overview carries the filter form and links to pre-built browse pages, so that every offer is
reachable without JavaScript (the form is shown at once and hidden by a stylesheet inside
<noscript>: appearing only after offers.js ran, it would push the page down on slow phones). The filter script fetches a compact
per-language JSON of all offers (:func:`offers_json`) and shows results page-wise, so no page
grows with the number of offers.
"""  # noqa: E501

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from functools import cache
from urllib.parse import quote

import holidays
from babel import Locale
from markupsafe import Markup, escape

from .. import formatting, offerstore
from ..context import PageContext
from ..context import page_url as type_url
from ..glossary import TermLinker
from ..html import tag
from ..i18n import DEFAULT_LANGUAGE, Translator, wrap_lang
from ..loader import Dataset
from ..offerstore import Brief
from ..richtext import render as render_rich
from ..schema import OFFER_LANGUAGES, TARGET_GROUPS, TOPICS, Offer
from ..views import json_text, render
from .glossary import term_linker
from .parts import source_model, tel_href

PAGE_SIZE = 50  # offers per browse page (topic, town)
JSON_FILE = "angebote.json"  # beside the overview, one per language
WEEKDAYS = ("mo", "di", "mi", "do", "fr", "sa", "so")
SCHEMA_DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
ACCESS_KEYS = {"offen": "walk_in", "Termin": "appointment", "Vermittlung": "referral",
               "online": "online"}
STATUS_KEYS = {"geplant": "planned", "aktiv": "active", "vorübergehend geschlossen": "closed",
               "beendet": "ended", "unbekannt": "unknown"}
# Provider kinds whose offers are public services (schema.org GovernmentService).
PUBLIC_KINDS = {"Kreis", "Kommune", "Jobcenter", "Agentur für Arbeit", "Behörde"}


def build_date() -> date:
    """The day the site is built: review notices are computed against it (a static site).

    KIM_BUILD_DATE=YYYY-MM-DD fixes it (tests, reproducible builds)."""
    fixed = os.environ.get("KIM_BUILD_DATE")
    return date.fromisoformat(fixed) if fixed else date.today()


# --- labels ------------------------------------------------------------------------------------


def topic_label(ctx: PageContext | Translator, topic: str) -> Markup:
    tr = ctx.tr if isinstance(ctx, PageContext) else ctx
    return tr.t(f"topic.{topic}")


def target_label(ctx: PageContext, group: str) -> Markup:
    return ctx.t(f"target.{group}")


@cache
def _babel_languages(locale: str) -> dict[str, str]:
    return dict(Locale.parse(locale).languages)


def language_name(tr: Translator, code: str) -> str:
    """Name of a spoken language in the reader's language (CLDR), with our own names for the
    languages CLDR lacks or names vaguely (Kurmanji, Sorani, Dari)."""
    own = tr.label(f"offerlang.{code}") if code in ("kmr", "ckb", "prs") else None
    if own:
        return own
    return _babel_languages(tr.lang.babel).get(code) or OFFER_LANGUAGES[code]


def towns(data: Dataset, offer: Offer) -> list[str]:
    """Municipality ids an offer serves; empty means no document names its service area
    (unknown, not "everywhere")."""
    found = list(offer.service_area)
    for location in offer.locations:
        if location.municipality and location.municipality not in found:
            found.append(location.municipality)
    return found if found else []


def serves(data: Dataset, offer: Offer, town: str) -> bool:
    """True only where a document places the offer: in a named town, or region-wide where a
    document says so. An unknown area serves no town."""
    return offer.region_wide or town in towns(data, offer)


def where_text(tr: Translator, data: Dataset, offer: Brief,
               names: dict[str, str] | None = None) -> Markup:
    """Where an offer is, as the documents say: its towns, the whole region, or no statement."""
    served = offer.towns
    if served:
        names = names or {m.id: m.name for m in data.region.municipalities}
        towns_text = escape(", ".join(names[m] for m in served))  # German names
        return (towns_text if tr.lang.code == DEFAULT_LANGUAGE
                else wrap_lang(towns_text, DEFAULT_LANGUAGE))
    if offer.region_wide:
        return tr.t("offers.region_wide", region=tr.text(data.region.name))
    return tr.t("offers.area_unknown")


# --- which offers a list shows, in which order -------------------------------------------------
# Lists, filters and browse pages work on the offers' facets (macros/offerstore.py) and on one
# order per language, both computed once per set of offers: no page scans or sorts all offers,
# and a page expands only the offers it shows.


@dataclass(frozen=True)
class Usage:
    """How many offers have each topic, serve each town, speak each language, name each group."""

    topics: dict[str, int]
    towns: dict[str, int]  # region-wide offers count in every town
    languages: frozenset[str]
    targets: frozenset[str]


def usage(data: Dataset) -> Usage:
    memo = offerstore.memo(data.offers)
    found = memo.get("usage")
    if found is None:
        facets = offerstore.offer_facets(data.offers).values()
        topics: dict[str, int] = {}
        placed: dict[str, int] = {}
        region_wide = 0
        languages: set[str] = set()
        targets: set[str] = set()
        for f in facets:
            for t in f.topics:
                topics[t] = topics.get(t, 0) + 1
            if f.region_wide:
                region_wide += 1
            else:
                for m in f.towns:
                    placed[m] = placed.get(m, 0) + 1
            languages.update(f.languages)
            targets.update(f.target_groups)
        towns = {m.id: placed.get(m.id, 0) + region_wide for m in data.region.municipalities}
        found = memo["usage"] = Usage(topics, towns, frozenset(languages), frozenset(targets))
    return found  # type: ignore[return-value]


@dataclass(frozen=True)
class Order:
    """The offers of one language sorted by their name as the reader sees it, and the lists of
    the browse pages cut from it (same order). ``machine``: the lists whose names include an
    unreviewed or outdated translation (sorting by them marks the page, as Translator does)."""

    ids: list[str]
    by_topic: dict[str, list[str]]
    by_town: dict[str, list[str]]
    machine: frozenset[tuple[str, str]]  # ("", ""), ("thema", topic), ("ort", town)


def order(data: Dataset, tr: Translator) -> Order:
    """The order of the offers in ``tr``'s language, computed once per set of offers."""
    memo = offerstore.memo(data.offers)
    key = ("order", tr.lang.code)
    found = memo.get(key)
    if found is None:
        probe = Translator(tr.lang)
        keys: dict[str, str] = {}
        machine_names: set[str] = set()
        for ident in data.offers:
            probe.machine = False
            keys[ident] = probe.plain(offerstore.brief_of(data.offers, ident).name).casefold()
            if probe.machine:
                machine_names.add(ident)
        ids = sorted(keys, key=keys.__getitem__)  # stable: equal names keep the file order
        facets = offerstore.offer_facets(data.offers)
        towns = [m.id for m in data.region.municipalities]
        by_topic: dict[str, list[str]] = {}
        by_town: dict[str, list[str]] = {m: [] for m in towns}
        for ident in ids:
            f = facets[ident]
            for t in f.topics:
                by_topic.setdefault(t, []).append(ident)
            for m in (towns if f.region_wide else f.towns):
                if m in by_town:
                    by_town[m].append(ident)
        machine = {(kind, k) for kind, lists in (("thema", by_topic), ("ort", by_town))
                   for k, listed in lists.items() if machine_names.intersection(listed)}
        if machine_names:
            machine.add(("", ""))
        found = memo[key] = Order(ids, by_topic, by_town, frozenset(machine))
    return found  # type: ignore[return-value]


def _listed(data: Dataset, tr: Translator, kind: str, key: str) -> list[str]:
    """Ids of the offers of one list ("" = all, "thema", "ort"), sorted by name; marks ``tr``
    as showing machine translations where a name it sorted by is one (as sorting by
    ``tr.plain`` did)."""
    found = order(data, tr)
    if (kind, key) in found.machine:
        tr.machine = True
    if kind == "thema":
        return found.by_topic.get(key, [])
    if kind == "ort":
        return found.by_town.get(key, [])
    return found.ids


def _expanded(data: Dataset, ids: Iterable[str]) -> Iterator[Offer]:
    """The offers of these ids, expanded one at a time (never all offers at once)."""
    return (data.offers[ident] for ident in ids)


def _briefs(data: Dataset, ids: Iterable[str]) -> Iterator[Brief]:
    """What the lists show of these offers, one at a time, no offer expanded."""
    return (offerstore.brief_of(data.offers, ident) for ident in ids)


def used_topics(data: Dataset) -> list[str]:
    counts = usage(data).topics
    return [t for t in TOPICS if t in counts]


def used_towns(data: Dataset) -> list[str]:
    counts = usage(data).towns
    return [m.id for m in data.region.municipalities if counts[m.id]]


def used_languages(data: Dataset) -> list[str]:
    found = usage(data).languages
    return [code for code in OFFER_LANGUAGES if code in found]


def used_targets(data: Dataset) -> list[str]:
    found = usage(data).targets
    return [g for g in TARGET_GROUPS if g in found]


def topic_count(data: Dataset, topic: str) -> int:
    return usage(data).topics.get(topic, 0)


def town_count(data: Dataset, town: str) -> int:
    return usage(data).towns.get(town, 0)


def topic_offers(data: Dataset, tr: Translator, topic: str) -> list[Offer]:
    """Every offer of a topic, sorted by name (expanded: for tests and small lists)."""
    return list(_expanded(data, _listed(data, tr, "thema", topic)))


def town_offers(data: Dataset, tr: Translator, town: str) -> list[Offer]:
    """Every offer serving a town, sorted by name (expanded: for tests and small lists)."""
    return list(_expanded(data, _listed(data, tr, "ort", town)))


def page_count(count: int) -> int:
    return max(1, -(-count // PAGE_SIZE))


def browse_url(kind: str, key: str, number: int = 1) -> str:
    """URL (inside a language) of a browse page: angebote/thema/<topic>/ or .../<n>/."""
    base = f"angebote/{kind}/{key}/"
    return base if number == 1 else f"{base}{number}/"


# --- the compact JSON the filter script reads ---------------------------------------------------


def offers_json(data: Dataset, tr: Translator) -> str:
    """All offers in one language, compact, sorted by name: what offers.js filters.

    Kept small for thousands of offers: one array per offer, vocabularies as indexes, and no
    summaries (the list shows name, provider and towns; the offer page has the rest).
    Record: [id, name, topics, towns, languages, target groups, provider, shown in German
    (bits: 1 the name, 2 the provider's name), region-wide as a document says, for whom (text),
    cost and languages (text)]. The two texts are the result list's lines as
    :func:`_result_model` writes them."""
    topics, places, spoken, groups = (list(TOPICS), [m.id for m in data.region.municipalities],
                                      list(OFFER_LANGUAGES), list(TARGET_GROUPS))
    records = []
    for offer in _briefs(data, _listed(data, tr, "", "")):
        german = tr.lang.code != "de" and offer.name.translation(tr.lang.code) is None
        provider_german = _provider_german(data, tr, offer.provider)
        records.append([
            offer.id, tr.plain(offer.name),
            [topics.index(t) for t in offer.topics],
            [places.index(m) for m in offer.towns],
            [spoken.index(c) for c in offer.languages],
            [groups.index(g) for g in offer.target_groups],
            _actor_plain(data, tr, offer.provider) if offer.provider else "",
            (1 if german else 0) | (2 if provider_german else 0),
            1 if offer.region_wide else 0,
            for_whom(tr, offer), offer_facts(tr, offer),
        ])
    return json.dumps({"topics": topics, "towns": places, "languages": spoken,
                       "groups": groups, "offers": records},
                      ensure_ascii=False, separators=(",", ":"))


PROFESSIONALS = "fachkraefte"  # the target group of offers for professionals, not for clients


def for_whom(tr: Translator, offer: Offer | Brief) -> str:
    """'Für wen: Geflüchtete, Eltern' as the documents name the target groups; '' when none."""
    labels = ", ".join(tr.label(f"target.{g}") for g in offer.target_groups)
    return f"{tr.label('offer.targets')}: {labels}" if labels else ""


def offer_facts(tr: Translator, offer: Offer | Brief) -> str:
    """Cost and languages spoken, where the documents state them; '' when neither is known."""
    parts = []
    cost = (tr.plain(offer.cost) if offer.cost else
            tr.label("offer.free") if offer.free_of_charge else "")
    if cost:
        parts.append(f"{tr.label('offer.cost')}: {cost}")
    if offer.languages:
        names = ", ".join(language_name(tr, c) for c in offer.languages)
        parts.append(f"{tr.label('offer.languages')}: {names}")
    return " · ".join(parts)


def _provider_german(data: Dataset, tr: Translator, ident: str | None) -> bool:
    """Whether a provider's name is shown in German on a page in another language: always for
    providers and towns (German names only), for organisations without a translation."""
    if ident is None or tr.lang.code == DEFAULT_LANGUAGE:
        return False
    if ident in data.organizations:
        return data.organizations[ident].name.translation(tr.lang.code) is None
    return True


def _actor_plain(data: Dataset, tr: Translator, ident: str) -> str:
    if ident in data.organizations:
        return tr.plain(data.organizations[ident].name)
    if ident in data.providers:
        return data.providers[ident].name
    return data.municipalities[ident].name


def script_json(value: object, **attrs: str) -> Markup:
    """A <script> data block that no YAML text can break out of (<, >, & escaped)."""
    return tag("script", json_text(value), **attrs)


# --- shared pieces ----------------------------------------------------------------------------


def _town_names(data: Dataset) -> dict[str, str]:
    return {m.id: m.name for m in data.region.municipalities}


def _offer_item_model(ctx: PageContext, offer: Brief, names: dict[str, str]) -> dict:
    # Planned, closed and ended are said in a badge; active and unknown are not.
    status = (ctx.t(f"offer.status.{STATUS_KEYS[offer.status]}")
              if offer.status not in ("aktiv", "unbekannt") else None)
    return {"href": ctx.link("offer", offer.id), "name": ctx.tr.text(offer.name),
            "status": status, "summary": ctx.tr.text(offer.summary),
            "where": where_text(ctx.tr, ctx.data, offer, names)}


def _count(ctx: PageContext, kind: str, key: str, count: int) -> int:
    # The count of a list marks the page as sorting that list did (see _listed).
    _listed(ctx.data, ctx.tr, kind, key)
    return count


def _browse_model(ctx: PageContext) -> dict:
    """Links to the pre-built browse pages per topic and per town, with their counts."""
    data = ctx.data
    return {
        "label": ctx.t("offers.browse"),
        "by_topic": ctx.t("offers.by_topic"),
        "by_town": ctx.t("offers.by_town"),
        "topics": [{"href": ctx.href(browse_url("thema", t)), "label": topic_label(ctx, t),
                    "count": ctx.number(_count(ctx, "thema", t, topic_count(data, t)))}
                   for t in used_topics(data)],
        "towns": [{"href": ctx.href(browse_url("ort", m)),
                   "label": ctx.german(data.municipalities[m].name),
                   "count": ctx.number(_count(ctx, "ort", m, town_count(data, m)))}
                  for m in used_towns(data)],
    }


def _select_model(ctx: PageContext, name: str, label_key: str, all_key: str,
                  options: list[tuple[str, str | Markup]], german: bool = False) -> dict:
    """german: the options are German names (towns), marked as German on other pages."""
    return {"name": name, "label": ctx.t(label_key), "all": ctx.t(all_key), "options": options,
            "german": german and ctx.lang.code != DEFAULT_LANGUAGE}


def _form_model(ctx: PageContext) -> dict:
    data = ctx.data
    selects = [_select_model(ctx, "thema", "offers.filter.topic", "offers.filter.all_topics",
                             [(t, topic_label(ctx, t)) for t in used_topics(data)])]
    if len(data.region.municipalities) > 1:
        selects.append(_select_model(ctx, "ort", "offers.filter.town", "offers.filter.all_towns",
                                     [(m, data.municipalities[m].name) for m in used_towns(data)],
                                     german=True))
    selects.append(_select_model(
        ctx, "sprache", "offers.filter.language", "offers.filter.all_languages",
        sorted(((c, language_name(ctx.tr, c)) for c in used_languages(data)),
               key=lambda pair: pair[1].casefold())))
    selects.append(_select_model(ctx, "gruppe", "offers.filter.target", "offers.filter.all_targets",
                                 [(g, target_label(ctx, g)) for g in used_targets(data)]))
    # A filter without choices has nothing to do (no offer names a spoken language, say).
    return {"label": ctx.t("offers.filter.label"), "search": ctx.t("offers.filter.search"),
            "selects": [select for select in selects if select["options"]],
            "reset": ctx.t("offers.filter.reset")}


NOSCRIPT_CSS = "assets/kim-nojs.css"
RESULTS_PER_PAGE = 20  # results per page of the overview's filter list (offers.js)
# The empty result item that <template id="kim-offer-item"> holds for offers.js to clone.
RESULT_SKELETON = {"href": "", "german": False, "name": "", "professional": "", "provider": "",
                   "provider_german": False, "where": "", "groups": "", "facts": ""}


def _result_model(ctx: PageContext, offer: Brief, names: dict[str, str]) -> dict:
    """One result of the filter list: the same fields offers.js fills from angebote.json."""
    return {
        "href": f"{quote(offer.id, safe='')}/",
        "german": ctx.tr.lang.code != "de" and offer.name.translation(ctx.tr.lang.code) is None,
        "name": ctx.tr.plain(offer.name),
        "professional": (ctx.tr.label("offers.professional")
                         if PROFESSIONALS in offer.target_groups else None),
        "provider": _actor_plain(ctx.data, ctx.tr, offer.provider) if offer.provider else None,
        "provider_german": _provider_german(ctx.data, ctx.tr, offer.provider),
        "where": where_text(ctx.tr, ctx.data, offer, names),
        "groups": for_whom(ctx.tr, offer) or None,
        "facts": offer_facts(ctx.tr, offer) or None,
    }


def offers_overview(ctx: PageContext) -> Markup:
    """/angebote/: filter form and result list (offers.js), browse links for everyone."""
    data = ctx.data
    if not data.offers:
        return ctx.block("kim-offers", render("offers/overview.html", offers=False,
                                              empty_text=ctx.t("offers.none")))
    config = {
        "data": JSON_FILE, "total": len(data.offers), "page_size": RESULTS_PER_PAGE,
        # CLDR plural forms and the numbering system of this language, as the page's own
        # counts use them (macros/formatting.py).
        "count": ctx.tr.plural_forms("offers.count"),
        "locale": ctx.lang.babel.replace("_", "-"),
        "numbering": formatting.numbering(ctx.lang.babel),
        "page": ctx.t("offers.page").striptags(),
        "area_unknown": ctx.t("offers.area_unknown").striptags(),
        "region_wide": ctx.t("offers.region_wide",
                              region=ctx.tr.plain(data.region.name)).striptags(),
        "towns": {m.id: m.name for m in data.region.municipalities},
        "professional": ctx.t("offers.professional").striptags(),
    }
    # The first page of results as offers.js will draw it without filters: the script then
    # replaces like with like, and nothing on the page moves when the offer list arrives.
    total = len(data.offers)
    pages = max(1, -(-total // RESULTS_PER_PAGE))
    names = _town_names(data)
    model = {
        "offers": True,
        "form": _form_model(ctx),
        "count": ctx.tr.plural("offers.count", total),
        "results": [_result_model(ctx, o, names)
                    for o in _briefs(data, _listed(data, ctx.tr, "", "")[:RESULTS_PER_PAGE])],
        "skeleton": RESULT_SKELETON,
        "empty": {"text": ctx.t("offers.empty"), "link": ctx.t("offers.empty.link"),
                  "href": ctx.link("casemanagement")},
        "pager": {"pages": pages, "label": ctx.t("offers.pages"),
                  "previous": ctx.t("offers.previous"), "next": ctx.t("offers.next"),
                  "info": ctx.t("offers.page", page=ctx.number(1), pages=ctx.number(pages))},
        "noscript": {"css": ctx.href(NOSCRIPT_CSS), "text": ctx.t("offers.noscript")},
        "browse": _browse_model(ctx),
        "config": config,
    }
    return ctx.block("kim-offers", render("offers/overview.html", **model))


def _browse_page(ctx: PageContext, kind: str, key: str, number: int) -> Markup:
    listed = _listed(ctx.data, ctx.tr, kind, key)
    pages = page_count(len(listed))
    names = _town_names(ctx.data)
    shown = list(_briefs(ctx.data, listed[(number - 1) * PAGE_SIZE: number * PAGE_SIZE]))
    model = {
        "count": ctx.tr.plural("offers.count", len(listed)),
        "offers": [_offer_item_model(ctx, o, names) for o in shown],
        "pager": {"pages": pages, "label": ctx.t("offers.pages"),
                  "info": ctx.t("offers.page", page=ctx.number(number), pages=ctx.number(pages))
                  if pages > 1 else "",
                  "links": [{"number": ctx.number(n), "href": ctx.href(browse_url(kind, key, n)),
                             "current": n == number} for n in range(1, pages + 1)]},
        "back": {"href": ctx.link("offers"), "text": ctx.t("offers.back")},
    }
    return ctx.block("kim-offers", render("offers/browse.html", **model))


def offers_topic(ctx: PageContext, topic: str, number: int = 1) -> Markup:
    return _browse_page(ctx, "thema", topic, number)


def offers_town(ctx: PageContext, town: str, number: int = 1) -> Markup:
    return _browse_page(ctx, "ort", town, number)


# --- one offer ----------------------------------------------------------------------------------


def _facts_model(ctx: PageContext, offer: Offer) -> list[dict]:
    """The offer's facts as (label, kind, value); a fact the documents leave open is left out.
    kind: "text", "links" ([{href, text}]) or "list" (items)."""
    data = ctx.data
    served = towns(data, offer)
    area = ({"kind": "links", "value": [{"href": ctx.href(browse_url("ort", m)),
                                         "text": ctx.german(data.municipalities[m].name)}
                                        for m in served]}
            if served else
            {"kind": "text",
             "value": ctx.t("offers.region_wide", region=ctx.tr.text(data.region.name))
             if offer.region_wide else ctx.t("offer.area_unknown")})
    topics = {"kind": "links", "value": [{"href": ctx.href(browse_url("thema", t)),
                                          "text": topic_label(ctx, t)} for t in offer.topics]}
    interpreting = (None if offer.interpreting is None else
                    ctx.t("offer.interpreting.yes" if offer.interpreting
                          else "offer.interpreting.no"))
    cost = ctx.tr.text(offer.cost) if offer.cost else (
        ctx.t("offer.free") if offer.free_of_charge else None)

    def text(value: object) -> dict:
        return {"kind": "text", "value": value}

    facts = [
        ("offer.provider", text(ctx.actor(offer.provider) if offer.provider else None)),
        ("offer.topics", topics),
        ("offer.targets", text(", ".join(ctx.tr.label(f"target.{g}")
                                         for g in offer.target_groups))),
        ("offer.area", area),
        ("offer.languages", text(", ".join(language_name(ctx.tr, c) for c in offer.languages))),
        ("offer.interpreting", text(interpreting)),
        ("offer.access", text(", ".join(ctx.tr.label(f"access.{ACCESS_KEYS[a]}")
                                        for a in offer.access))),
        ("offer.cost", text(cost)),
        ("offer.documents", {"kind": "list", "value": [ctx.tr.text(d) for d in offer.documents]}),
        ("offer.legal", text(", ".join(ctx.tr.label("legal.none") if d == "keine" else d
                                       for d in offer.legal_domain))),
    ]
    return [{"label": ctx.t(key), **fact} for key, fact in facts
            if fact["value"] not in (None, "", [])]


def _places_model(ctx: PageContext, offer: Offer) -> list[dict]:
    """Where the offer takes place: name, address (or only the town), accessibility."""
    places = []
    for location in offer.locations:
        lines = []
        if location.name:
            lines.append({"strong": True, "text": ctx.tr.text(location.name)})
        if location.address:
            lines.append({"strong": False, "text": location.address.street})
            lines.append({"strong": False, "text": f"{location.address.postal_code} "
                                                   f"{location.address.locality}"})
        elif location.municipality:
            lines.append({"strong": False,
                          "text": ctx.data.municipalities[location.municipality].name})
        accessibility = ({"label": ctx.t("offer.accessibility"),
                          "text": ctx.tr.text(location.accessibility)}
                         if location.accessibility else None)
        places.append({"lines": lines, "accessibility": accessibility})
    return places


@cache
def _day_names_of(locale: str) -> dict[str, str]:
    wide = Locale.parse(locale).days["format"]["wide"]
    return {code: wide[index] for index, code in enumerate(WEEKDAYS)}


def _day_names(ctx: PageContext) -> dict[str, str]:
    return _day_names_of(ctx.lang.babel)


def _schedules_model(ctx: PageContext, offer: Offer) -> tuple[list[dict], dict]:
    """Opening hours per schedule (table rows and notes), and what hours.js needs for
    "open now" (none when no schedule has weekly hours without appointment)."""
    names = _day_names(ctx)
    schedules, hours = [], []
    for schedule in offer.schedules:
        days = [{"day": names[h.day], "opens": h.opens, "closes": h.closes}
                for h in sorted(schedule.weekly, key=lambda h: (WEEKDAYS.index(h.day), h.opens))]
        if schedule.weekly:
            hours.append({"w": [[h.day, h.opens, h.closes] for h in schedule.weekly],
                          "from": schedule.valid_from.isoformat() if schedule.valid_from else None,
                          "to": schedule.valid_to.isoformat() if schedule.valid_to else None,
                          "appointment": schedule.appointment_only})
        notes = []
        if schedule.appointment_only:
            notes.append(ctx.t("offer.appointment_only"))
        if schedule.valid_from and schedule.valid_to:
            notes.append(ctx.t("offer.valid_range", start=ctx.day(schedule.valid_from),
                               end=ctx.day(schedule.valid_to)))
        elif schedule.valid_from:
            notes.append(ctx.t("offer.valid_from", start=ctx.day(schedule.valid_from)))
        elif schedule.valid_to:
            notes.append(ctx.t("offer.valid_to", end=ctx.day(schedule.valid_to)))
        if schedule.note:
            notes.append(ctx.tr.text(schedule.note))
        entries = [{"text": n, "href": None} for n in notes]
        if schedule.booking_url:
            entries.append({"text": ctx.t("offer.booking"), "href": schedule.booking_url})
        schedules.append({"days": days, "notes": entries})
    # Filled in by hours.js; without JavaScript the table says it all. On an NRW public holiday
    # it does not claim "open": the documents do not say whether an offer opens then.
    open_now = ({"open": ctx.tr.label("offer.open_now"),
                 "closed": ctx.tr.label("offer.closed_now"),
                 "appointment": ctx.tr.label("offer.open_appointment"),
                 "holiday": ctx.tr.label("offer.holiday_now")} if hours else None)
    return schedules, {
        "title": ctx.t("offer.hours"), "caption": ctx.t("offer.hours.caption"),
        "day": ctx.t("offer.hours.day"), "time": ctx.t("offer.hours.time"),
        "open_now": open_now,
        "data": {"tz": "Europe/Berlin", "hours": hours,
                 "holidays": public_holidays(build_date()) if hours else []},
    }


def public_holidays(today: date) -> list[str]:
    """The statutory public holidays of North Rhine-Westphalia (``holidays``, evaluated at build
    time) from this year to the end of next year, as ISO dates for hours.js."""
    return list(_nrw_holidays(today.year))


@cache
def _nrw_holidays(year: int) -> tuple[str, ...]:
    # Once per year and process: building the calendar costs more than the rest of a page's
    # opening hours (it was 1 ms per offer page).
    found = holidays.country_holidays("DE", subdiv="NW", years=(year, year + 1))
    return tuple(sorted(day.isoformat() for day in found))


def contact_models(ctx: PageContext, offer: Offer) -> list[dict]:
    """The offer's own contact lines (partials/contact.html), as far as the documents give them."""
    models = []
    for contact in offer.contacts:
        channels = []
        if contact.phone:
            channels.append({"label": ctx.t("contact.phone"), "text": contact.phone,
                             "href": tel_href(contact.phone)})
        if contact.email:
            channels.append({"label": ctx.t("contact.email"), "text": contact.email,
                             "href": f"mailto:{contact.email}"})
        if contact.website:
            channels.append({"label": ctx.t("contact.website"), "text": contact.website,
                             "href": contact.website})
        models.append({"name": ctx.tr.text(contact.name) if contact.name else None,
                       "channels": channels})
    return models


def _contacts_model(ctx: PageContext, offer: Offer) -> dict:
    # No contact of its own: say so and name the coordinating body as the place to ask,
    # without presenting the body's contact line (or a person in it) as this offer's contact.
    return {"title": ctx.t("offer.contact"), "lines": contact_models(ctx, offer),
            "missing": ctx.t("offer.no_contact"), "ask": ctx.t("offer.ask_coordinator"),
            "coordinator": ctx.tr.text(ctx.data.region.ki.name),
            "link": ctx.t("offer.coordinator_link"),
            "href": ctx.link("casemanagement", anchor="kontakt")}


def review_overdue(offer: Offer, interval_days: int, today: date) -> bool:
    return offer.last_reviewed is None or (today - offer.last_reviewed).days > interval_days


def _review_model(ctx: PageContext, offer: Offer) -> dict:
    today = build_date()
    interval = ctx.data.region.review_interval_days
    overdue = (ctx.t("offer.review_overdue", days=interval, built=ctx.day(today))
               if offer.last_reviewed and review_overdue(offer, interval, today) else None)
    if offer.last_reviewed:
        return {"text": ctx.t("offer.reviewed", day=ctx.day(offer.last_reviewed)),
                "by": offer.reviewed_by or None, "overdue": overdue}
    return {"text": ctx.t("offer.not_reviewed"), "by": None, "overdue": overdue}


def json_ld(ctx: PageContext, offer: Offer) -> dict:
    """schema.org description of an offer (GovernmentService or Service)."""
    data = ctx.data
    tr = ctx.tr
    provider_kind = None
    if offer.provider in data.providers:
        provider_kind = data.providers[offer.provider].kind
    elif offer.provider in data.municipalities:
        provider_kind = "Kommune"
    public = provider_kind in PUBLIC_KINDS or (offer.provider in data.organizations)
    served = towns(data, offer)
    # No areaServed where no document names the service area (not the whole region).
    area = [{"@type": "City", "name": data.municipalities[m].name} for m in served] or (
        [{"@type": "AdministrativeArea", "name": tr.plain(data.region.name)}]
        if offer.region_wide else [])
    # Only properties whose schema.org domain includes the node's type (checked against the
    # vocabulary in tests/test_standards.py); nothing is written empty.
    ld: dict = {
        "@context": "https://schema.org",
        "@type": "GovernmentService" if public else "Service",
        "identifier": offer.id,
        "name": tr.plain(offer.name),
        "description": tr.plain(offer.summary),
        "serviceType": [tr.label(f"topic.{t}") for t in offer.topics],
        "areaServed": area,
    }
    if not area:
        del ld["areaServed"]
    page_url, root = ctx.absolute(), ctx.site_root()
    if page_url and root:
        # One @id for the offer in every language (its German page); url is this page.
        ld = {"@id": f"{root}{type_url('offer', offer.id)}#angebot", **ld, "url": page_url}
    spoken = [{"@type": "Language", "name": language_name(tr, c), "alternateName": c}
              for c in offer.languages]
    if offer.provider:
        ld["provider"] = {"@type": "Organization", "name": _actor_plain(data, tr, offer.provider)}
    if offer.target_groups:
        ld["audience"] = [{"@type": "Audience", "audienceType": ctx.tr.label(f"target.{g}")}
                          for g in offer.target_groups]
    # isAccessibleForFree is not a Service property: a free offer is an Offer at price 0.
    if offer.free_of_charge:
        ld["offers"] = {"@type": "Offer", "price": 0, "priceCurrency": "EUR"}
    elif offer.cost:
        ld["offers"] = {"@type": "Offer", "description": tr.plain(offer.cost)}
    hours = []
    for schedule in offer.schedules:
        for h in schedule.weekly:
            spec = {"@type": "OpeningHoursSpecification",
                    "dayOfWeek": f"https://schema.org/{SCHEMA_DAYS[WEEKDAYS.index(h.day)]}",
                    "opens": h.opens, "closes": h.closes}
            if schedule.valid_from:
                spec["validFrom"] = schedule.valid_from.isoformat()
            if schedule.valid_to:
                spec["validThrough"] = schedule.valid_to.isoformat()
            hours.append(spec)
    if hours:
        ld["hoursAvailable"] = hours
    channels = []
    for location in offer.locations:
        place: dict = {"@type": "Place"}
        if location.name:
            place["name"] = tr.plain(location.name)
        if location.address:
            place["address"] = {"@type": "PostalAddress", "streetAddress": location.address.street,
                                "postalCode": location.address.postal_code,
                                "addressLocality": location.address.locality,
                                "addressCountry": "DE"}
        elif location.municipality:
            place["address"] = {"@type": "PostalAddress", "addressCountry": "DE",
                                "addressLocality": data.municipalities[location.municipality].name}
        if location.latitude is not None and location.longitude is not None:
            place["geo"] = {"@type": "GeoCoordinates", "latitude": float(location.latitude),
                            "longitude": float(location.longitude)}
        if hours:
            place["openingHoursSpecification"] = hours
        channels.append({"@type": "ServiceChannel", "serviceLocation": place})
    for contact in offer.contacts:
        channel: dict = {"@type": "ServiceChannel"}
        if contact.phone:
            channel["servicePhone"] = {"@type": "ContactPoint",
                                       "telephone": tel_href(contact.phone)[4:]}
        if contact.email:
            channel["serviceUrl"] = f"mailto:{contact.email}"
        if contact.website:
            channel["serviceUrl"] = contact.website
        if len(channel) > 1:
            channels.append(channel)
    # Languages spoken belong to the channels (availableLanguage has no place on a Service).
    if spoken:
        for channel in channels or [{"@type": "ServiceChannel"}]:
            channel["availableLanguage"] = spoken
            if channel not in channels:
                channels.append(channel)
    if channels:
        ld["availableChannel"] = channels
    return ld


def _description_model(ctx: PageContext, offer: Offer, linker: TermLinker) -> dict | None:
    """The long description as rich text, in German (said so) where it is not translated;
    glossary terms not yet linked on the page link to their entry."""
    if not offer.description:
        return None
    if ctx.lang.code == "de":
        return {"html": linker.link(render_rich(offer.description.de)), "german": False}
    translated = offer.description.translation(ctx.lang.code)
    if translated:
        return {"html": linker.link(render_rich(translated.text,
                                                line_breaks=ctx.lang.reader_check)),
                "german": False}
    ctx.tr.fell_back = True
    return {"html": linker.link(render_rich(offer.description.de)), "german": True}


def offer_page(ctx: PageContext, ident: str) -> Markup:
    """/angebote/<id>/: every field of one offer, printable as a one-page sheet."""
    offer = ctx.data.offers[ident]
    schedules, hours = _schedules_model(ctx, offer)
    linker = term_linker(ctx)  # the first use of a glossary term links to its entry
    model = {
        # Planned, closed, ended and unknown are said; active (as a document states) needs no note.
        "status": (ctx.t(f"offer.status.{STATUS_KEYS[offer.status]}")
                   if offer.status != "aktiv" else None),
        "summary": linker.link(ctx.tr.text(offer.summary)),
        "description": _description_model(ctx, offer, linker),
        "facts": _facts_model(ctx, offer),
        "schedules": schedules,
        "hours": hours,
        "places_title": ctx.t("offer.locations"),
        "places": _places_model(ctx, offer),
        # Addresses and towns are German names: marked as German on other languages' pages.
        "german_places": ctx.lang.code != DEFAULT_LANGUAGE,
        "contacts": _contacts_model(ctx, offer),
        "review": _review_model(ctx, offer),
        "source": source_model(ctx, offer.source),
        "back": {"href": ctx.link("offers"), "text": ctx.t("offers.back")},
        "json_ld": json_ld(ctx, offer),
    }
    return ctx.block("kim-offer", render("offers/page.html", **model))
