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

from .schema import Offer, Text

# Bytes an expanded offer takes per byte of its pickle (tracemalloc: 4.2 for the SYNTHETIC
# offers in eight languages, 3.7 for Kreis Unna's); the cache counts with the higher one.
EXPANDED_PER_PICKLED = 4.2
DEFAULT_CACHE_MB = 100.0
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


def cache_budget() -> int:
    """Bytes the expanded offers may take (KIM_OFFER_CACHE_MB, default 100)."""
    return int(float(os.environ.get("KIM_OFFER_CACHE_MB", DEFAULT_CACHE_MB)) * 1024 * 1024)


class OfferStore(Mapping[str, Offer]):
    """id -> offer, in the order the offers were added; compact, expanded on access."""

    def __init__(self, budget: int | None = None) -> None:
        self._packed: dict[str, bytes] = {}
        self._facets: dict[str, Facets] = {}
        # Each name apart as well (a few hundred bytes): the lists sort by it in every language.
        self._names: dict[str, bytes] = {}
        self._cache: dict[str, Offer] = {}
        self._sizes: dict[str, int] = {}  # estimated bytes of each expanded offer in the cache
        self._cached_bytes = 0
        self._budget = cache_budget() if budget is None else budget
        self.expansions = 0  # offers unpickled so far (tests count them)
        self.memo: dict[object, object] = {}

    # --- filling -----------------------------------------------------------------------------

    def add(self, offer: Offer) -> None:
        """Keep an offer (validated); a later one with the same id replaces it."""
        pickled = pickle.dumps(offer, pickle.HIGHEST_PROTOCOL)
        self._uncache(offer.id)
        self._packed[offer.id] = zlib.compress(pickled, _COMPRESS_LEVEL)
        self._facets[offer.id] = facets_of(offer)
        self._names[offer.id] = zlib.compress(pickle.dumps(offer.name, pickle.HIGHEST_PROTOCOL),
                                              _COMPRESS_LEVEL)
        self._admit(offer.id, offer, len(pickled))
        self.memo.clear()

    def replaced(self, offers: Iterable[Offer]) -> OfferStore:
        """A store with these offers exchanged (or added); this one stays as it is."""
        copy = OfferStore(self._budget)
        copy._packed = dict(self._packed)
        copy._facets = dict(self._facets)
        copy._names = dict(self._names)
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
        pickled = zlib.decompress(self._packed[ident])  # KeyError for an unknown id
        offer = pickle.loads(pickled)  # noqa: S301 - our own bytes, pickled above
        self.expansions += 1
        self._admit(ident, offer, len(pickled))
        return offer

    def __contains__(self, ident: object) -> bool:
        return ident in self._packed

    def __iter__(self) -> Iterator[str]:
        return iter(self._packed)

    def __len__(self) -> int:
        return len(self._packed)

    def __repr__(self) -> str:
        return f"OfferStore({len(self)} offers, {len(self._cache)} expanded)"

    def name(self, ident: str) -> Text:
        """An offer's name, without expanding the offer."""
        found = self._cache.get(ident)
        if found is not None:
            return found.name
        return pickle.loads(zlib.decompress(self._names[ident]))  # noqa: S301 - our own bytes

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


def name_of(offers: Mapping[str, Offer], ident: str) -> Text:
    """An offer's name (from a store without expanding the offer)."""
    return offers.name(ident) if isinstance(offers, OfferStore) else offers[ident].name


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
