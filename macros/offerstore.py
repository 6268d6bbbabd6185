"""The offers of a dataset, held compactly and expanded when a page needs them.

A validated offer (pydantic models of every text in eight languages) takes about 47 KB in
memory, its pickle compressed with zlib 2-3 KB: ten thousand expanded offers alone would be over
the build's memory budget. :class:`OfferStore` keeps every offer as compressed pickle bytes plus
the few facts the lists and filters need (:class:`Facets`: topics, towns, languages, target
groups, status, ...), and expands an offer on access. Expanded offers are kept in a cache bounded
by an estimate of their size (``KIM_OFFER_CACHE_MB``): while all offers fit, every offer is
expanded once at most and the store costs nothing; beyond that the first ones that came stay
expanded and the others are expanded on each access. A fixed cache, not a least-recently-used
one: the build reads all offers in turn, once per language, and under LRU a cache a little
smaller than the offers would then hit never.

The store is read-only; :meth:`OfferStore.replaced` gives a store with some offers exchanged
(the preview's edited offer). What is computed from the offers once per store (usage counts,
the order per language: macros/pages/offers.py) is kept in :attr:`OfferStore.memo`, so it lives
exactly as long as these offers.
"""

from __future__ import annotations

import os
import pickle
import sys
import zlib
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass

from pydantic import BaseModel

from .schema import Offer, Text

# Bytes an expanded offer takes per byte of its pickle (tracemalloc, field sets shared: 3.4 for
# the SYNTHETIC offers in eight languages, less for Kreis Unna's); the cache counts with 3.5.
EXPANDED_PER_PICKLED = 3.5
DEFAULT_CACHE_MB = 100.0
# When the offers do not all fit, the rest of the build grows with them as well (a language's
# MkDocs pages and search entries: about 18 KB per offer at 10,000 SYNTHETIC offers), so the
# cache then keeps only this share of its budget (measured at 10,000 offers: peak 424 MB with
# the whole budget, 391 MB with a quarter, the target being 400; each cached offer saves about
# 0.4 ms per language).
CROWDED_SHARE = 0.1
_JUDGE_AFTER = 200
_COMPRESS_LEVEL = 1  # level 1: nearly the size of level 6 at a fraction of the time


@dataclass(frozen=True, slots=True)
class Facets:
    """What lists, filters and browse pages ask of an offer, without expanding it."""

    topics: tuple[str, ...]
    towns: tuple[str, ...]  # the municipalities a document places it in (pages.offers.towns)
    languages: tuple[str, ...]
    target_groups: tuple[str, ...]
    region_wide: bool
    case_management: bool
    status: str

    def serves(self, town: str) -> bool:
        """As pages.offers.serves: region-wide as a document says, or in a named town."""
        return self.region_wide or town in self.towns


@dataclass(frozen=True, slots=True)
class Brief:
    """What the lists show of an offer (record titles, browse pages, the overview's results,
    the offers JSON), kept apart in a few hundred bytes, so a list never expands an offer.
    Its attributes are named as the offer's, so the list views read either."""

    id: str
    name: Text
    summary: Text
    cost: Text | None
    provider: str | None
    free_of_charge: bool | None
    has_hours: bool  # weekly opening hours (the offer page's hours script)
    facets: Facets

    @property
    def topics(self) -> tuple[str, ...]:
        return self.facets.topics

    @property
    def towns(self) -> tuple[str, ...]:
        return self.facets.towns

    @property
    def languages(self) -> tuple[str, ...]:
        return self.facets.languages

    @property
    def target_groups(self) -> tuple[str, ...]:
        return self.facets.target_groups

    @property
    def region_wide(self) -> bool:
        return self.facets.region_wide

    @property
    def status(self) -> str:
        return self.facets.status


def _brief_fields(offer: Offer) -> tuple:
    return (offer.name, offer.summary, offer.cost, offer.provider, offer.free_of_charge,
            any(s.weekly for s in offer.schedules))


def brief_of_offer(offer: Offer, facets: Facets | None = None) -> Brief:
    return Brief(offer.id, *_brief_fields(offer), facets or facets_of(offer))


def _interned(values: Iterable[str]) -> tuple[str, ...]:
    return tuple(sys.intern(v) for v in values)


def facets_of(offer: Offer) -> Facets:
    towns = list(offer.service_area)
    for location in offer.locations:
        if location.municipality and location.municipality not in towns:
            towns.append(location.municipality)
    return Facets(_interned(offer.topics), _interned(towns), _interned(offer.languages),
                  _interned(offer.target_groups), offer.region_wide, offer.case_management,
                  sys.intern(offer.status))


# --- packing ------------------------------------------------------------------------------------
# Each pydantic model carries its own set of the names of the fields it was given
# (__pydantic_fields_set__): 53 sets of about 220 bytes in a SYNTHETIC offer, a quarter of its
# memory. Models of one kind mostly have equal sets, so the models share one set per distinct
# content (pydantic copies the set before changing it, in model_copy); pickle writes a shared
# set once per offer, so an unpickled offer's models share theirs as well.
_SHARED_SETS: dict[frozenset[str], set[str]] = {}


def _shared(names: frozenset[str]) -> set[str]:
    found = _SHARED_SETS.get(names)
    if found is None:
        found = _SHARED_SETS[names] = set(names)
    return found


def _pickle(value: object) -> bytes:
    return pickle.dumps(value, pickle.HIGHEST_PROTOCOL)


def _unpickle(data: bytes) -> object:
    return pickle.loads(data)  # noqa: S301 - our own bytes, pickled above


_LEAVES = frozenset({str, bool, int, type(None)})


def share_field_sets(value: object) -> None:
    """Give the models inside a validated value the shared field sets."""
    pending = [value]
    while pending:
        item = pending.pop()
        kind = type(item)
        if kind in _LEAVES:
            continue
        if isinstance(item, BaseModel):
            object.__setattr__(item, "__pydantic_fields_set__",
                               _shared(frozenset(item.__pydantic_fields_set__)))
            pending.extend(item.__dict__.values())
        elif kind is list or kind is tuple:
            pending.extend(item)  # type: ignore[arg-type]
        elif kind is dict:
            pending.extend(item.values())  # type: ignore[attr-defined]


def cache_budget() -> int:
    """Bytes the expanded offers may take (KIM_OFFER_CACHE_MB, default 100)."""
    return int(float(os.environ.get("KIM_OFFER_CACHE_MB", DEFAULT_CACHE_MB)) * 1024 * 1024)


class OfferStore(Mapping[str, Offer]):
    """id -> offer, in the order the offers were added; compact, expanded on access."""

    def __init__(self, budget: int | None = None, expected: int | None = None) -> None:
        self._packed: dict[str, bytes] = {}
        self._facets: dict[str, Facets] = {}
        # What the lists show, apart as well (Brief: a few hundred bytes compressed).
        self._briefs: dict[str, bytes] = {}
        self._cache: dict[str, Offer] = {}
        self._sizes: dict[str, int] = {}  # estimated bytes of each expanded offer in the cache
        self._cached_bytes = 0
        self._budget = cache_budget() if budget is None else budget
        # How many offers will be added (the loader counts the files): once the offers added so
        # far say that they will not all fit, only CROWDED_SHARE of the budget is filled.
        self._expected = expected
        self._crowded = False
        self._added_bytes = 0
        self.expansions = 0  # offers unpickled so far (tests count them)
        # The offer expanded last (outside the cache), so that reading it again at once is free.
        self._last_id: str | None = None
        self._last: Offer | None = None
        self.memo: dict[object, object] = {}

    # --- filling -----------------------------------------------------------------------------

    def add(self, offer: Offer) -> None:
        """Keep an offer (validated); a later one with the same id replaces it."""
        share_field_sets(offer)
        pickled = _pickle(offer)
        self._uncache(offer.id)
        self._last_id = self._last = None
        self._packed[offer.id] = zlib.compress(pickled, _COMPRESS_LEVEL)
        self._facets[offer.id] = facets_of(offer)
        self._briefs[offer.id] = zlib.compress(_pickle(_brief_fields(offer)), _COMPRESS_LEVEL)
        self._added_bytes += int(len(pickled) * EXPANDED_PER_PICKLED)
        # Judged once 200 offers tell their average size (fewer: when all are added).
        if (self._expected and len(self) >= min(self._expected, _JUDGE_AFTER)
                and self._added_bytes * self._expected > self._budget * len(self)):
            self.settle()
        self._admit(offer.id, offer, len(pickled))
        self.memo.clear()

    def replaced(self, offers: Iterable[Offer]) -> OfferStore:
        """A store with these offers exchanged (or added); this one stays as it is."""
        copy = OfferStore(self._budget)
        copy._crowded = self._crowded
        copy._packed = dict(self._packed)
        copy._facets = dict(self._facets)
        copy._briefs = dict(self._briefs)
        copy._cache = dict(self._cache)
        copy._sizes = dict(self._sizes)
        copy._cached_bytes = self._cached_bytes
        for offer in offers:
            copy.add(offer)
        return copy

    # --- the cache ---------------------------------------------------------------------------

    def _admit(self, ident: str, offer: Offer, pickled_size: int) -> None:
        size = int(pickled_size * EXPANDED_PER_PICKLED)
        if self._cached_bytes + size <= self._budget:
            self._cache[ident] = offer
            self._sizes[ident] = size
            self._cached_bytes += size

    def _uncache(self, ident: str) -> None:
        if self._cache.pop(ident, None) is not None:
            self._cached_bytes -= self._sizes.pop(ident)

    @property
    def cached(self) -> int:
        """How many offers are held expanded."""
        return len(self._cache)

    def settle(self) -> None:
        """When the offers do not all fit into the budget (known once all are added, or
        foreseen from the expected count), shrink it to CROWDED_SHARE, dropping the offers
        admitted last."""
        if len(self._cache) == len(self._packed) and self._added_bytes <= self._budget:
            return
        if self._crowded:
            return
        self._crowded = True
        self._budget = int(self._budget * CROWDED_SHARE)
        for ident in reversed(list(self._cache)):
            if self._cached_bytes <= self._budget:
                break
            self._uncache(ident)

    def growth_bytes(self) -> int:
        """Bytes the cache may still grow by (a forked worker's copy fills up to the budget)."""
        if len(self._cache) == len(self._packed):
            return 0
        return max(0, self._budget - self._cached_bytes)

    # --- Mapping -----------------------------------------------------------------------------

    def __getitem__(self, ident: str) -> Offer:
        found = self._cache.get(ident)
        if found is not None:
            return found
        if ident == self._last_id and self._last is not None:
            return self._last  # the offer a page just expanded, read again for its search entry
        pickled = zlib.decompress(self._packed[ident])  # KeyError for an unknown id
        offer = _unpickle(pickled)
        self.expansions += 1
        self._admit(ident, offer, len(pickled))
        self._last_id, self._last = ident, offer
        return offer

    def __contains__(self, ident: object) -> bool:
        return ident in self._packed

    def __iter__(self) -> Iterator[str]:
        return iter(self._packed)

    def __len__(self) -> int:
        return len(self._packed)

    def __repr__(self) -> str:
        return f"OfferStore({len(self)} offers, {len(self._cache)} expanded)"

    def packed(self, ident: str) -> bytes:
        """The offer as kept (compressed pickle): equal bytes are equal offers, so comparisons
        (kim diff) need expand only the offers whose bytes differ."""
        return self._packed[ident]

    def brief(self, ident: str) -> Brief:
        """What the lists show of an offer, without expanding it."""
        found = self._cache.get(ident)
        if found is not None:
            return brief_of_offer(found, self._facets[ident])
        fields = _unpickle(zlib.decompress(self._briefs[ident]))
        return Brief(ident, *fields, self._facets[ident])  # type: ignore[misc]

    # --- facets ------------------------------------------------------------------------------

    @property
    def facets(self) -> Mapping[str, Facets]:
        return self._facets


def store_of(offers: Iterable[Offer], budget: int | None = None) -> OfferStore:
    store = OfferStore(budget)
    for offer in offers:
        store.add(offer)
    return store


def offer_facets(offers: Mapping[str, Offer]) -> Mapping[str, Facets]:
    """The facets of every offer, in the offers' order (computed when a plain dict holds them)."""
    if isinstance(offers, OfferStore):
        return offers.facets
    return {ident: facets_of(offer) for ident, offer in offers.items()}


def brief_of(offers: Mapping[str, Offer], ident: str) -> Brief:
    """What the lists show of an offer (from a store without expanding the offer)."""
    if isinstance(offers, OfferStore):
        return offers.brief(ident)
    return brief_of_offer(offers[ident])


def memo(offers: Mapping[str, Offer]) -> dict[object, object]:
    """Where to keep what is computed from these offers: the store's memo; for a plain dict
    (tests build datasets by hand and change them) a fresh one, so nothing is stale."""
    return offers.memo if isinstance(offers, OfferStore) else {}


def growth_mb(offers: Mapping[str, Offer]) -> float:
    """MB a process's offer cache may still grow by (0 for a plain dict)."""
    return offers.growth_bytes() / 2**20 if isinstance(offers, OfferStore) else 0.0


def replaced(offers: Mapping[str, Offer], changes: Iterable[Offer]) -> Mapping[str, Offer]:
    """These offers with some exchanged: a store stays a store, a dict a dict."""
    if isinstance(offers, OfferStore):
        return offers.replaced(changes)
    return {**offers, **{offer.id: offer for offer in changes}}
