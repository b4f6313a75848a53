"""Names, dates and references the authority file and the seen editions do not contain.

Each case is a sentence of the kind unseen editions of the family write; the expected
markup follows the annotation conventions (boundaries, one mention per name).
"""
from __future__ import annotations

import pytest

from entity_helpers import convert, marked, texts


def refs(root, tag):
    return [(t, a.get("ref")) for t, a in marked(root, tag)]


@pytest.mark.parametrize("body, expected", [
    # towns and countries of the gazetteer, exonyms and old names included
    ("The delegates travelled from Samara to Vologda and on to Irkutsk.", ["Samara", "Vologda", "Irkutsk"]),
    ("Strikes broke out in Marseilles and in Shanghai.", ["Marseilles", "Shanghai"]),
    ("He was sent to Astrakhan, then to Voronezh.", ["Astrakhan", "Voronezh"]),
    ("Grain came from Veliky Novgorod and Nizhny Tagil.", ["Veliky Novgorod", "Nizhny Tagil"]),
    ("Relations with Romania and Sweden worsened.", ["Romania", "Sweden"]),
])
def test_gazetteer_places(body, expected):
    assert texts(convert(body), "placeName") == expected


@pytest.mark.parametrize("body", [
    "Vologda was quiet.",                             # sentence-initial, no preposition
    "A colonel of the Imperial army.",                # a small town's name used as a word
    "The Union of workers; the union grew.",          # a word the text also writes in lower case
    "Vladimir Vologda spoke.",                         # part of a longer (person) name
])
def test_gazetteer_names_not_taken_as_places(body):
    assert texts(convert(body), "placeName") == []


def test_a_known_surname_is_a_person_not_the_town_named_after_him():
    root = convert("Comrade Kirov and Comrade Molotov spoke.")
    assert texts(root, "placeName") == []
    assert texts(root, "persName") == ["Kirov", "Molotov"]


def test_gazetteer_places_get_provisional_records_citing_geonames():
    root = convert("Workers in Vologda struck.")
    (name, attrs), = marked(root, "placeName")
    assert attrs == {"ref": "#vologda", "cert": "low"}
    record = root.find(".//{http://www.tei-c.org/ns/1.0}place[@{http://www.w3.org/XML/1998/namespace}id='vologda']")
    assert "GeoNames" in "".join(record.itertext())
