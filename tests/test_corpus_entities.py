"""The committed corpus TEI: its names resolve, it is current, valid, and scores on the gold."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from lxml import etree

from tei_toolkit.convert import convert_file
from tei_toolkit.evaluate import evaluate

TEI = "{http://www.tei-c.org/ns/1.0}"
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
GOLD = Path(__file__).resolve().parent / "gold" / "trotsky-1923-10-08.gold.xml"


def test_committed_tei_is_current(edition, corpus_tei):
    assert convert_file(edition).tei == corpus_tei.read_bytes(), \
        "regenerate: tei-toolkit convert -q corpus/trotsky-1923-10-08.txt -o corpus/trotsky-1923-10-08.xml"


def test_every_ref_resolves_and_header_names_are_linked(corpus_tei):
    root = etree.parse(str(corpus_tei)).getroot()
    ids = {e.get(XML_ID) for e in root.iter() if e.get(XML_ID)}
    refs = {e.get("ref")[1:] for e in root.iter() if e.get("ref", "").startswith("#")}
    assert {"trotsky", "cc-rcp", "ccc-rcp", "rgaspi", "kamenev-lb", "kamenev-ss", "congress-rcp-12"} <= refs
    assert refs <= ids
    header = root.find(f"{TEI}teiHeader")
    assert header.find(f".//{TEI}author").get("ref") == "#trotsky"
    assert header.find(f".//{TEI}msIdentifier/{TEI}repository").get("ref") == "#rgaspi"


def test_committed_tei_is_valid_against_tei_all(corpus_tei, tei_all):
    pyjing = Path(sys.executable).with_name("pyjing")
    result = subprocess.run([str(pyjing), str(tei_all), str(corpus_tei)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.skipif(not GOLD.exists(), reason="the hand-made gold annotation is not in this checkout")
def test_scores_on_the_gold_annotation_of_the_letter(corpus_tei):
    r = evaluate(GOLD, corpus_tei)
    for kind in ("persName", "orgName", "placeName", "date", "archival"):
        assert r["types"][kind]["f1"] >= 0.97, (kind, r["types"][kind])
    assert r["date_normalisation"]["accuracy"] >= 0.98
    assert r["archival_structure"]["accuracy"] == 1.0
    assert r["linking"]["persName"]["accuracy"] >= 0.98


EDITIONS = sorted((Path(__file__).resolve().parent / "data" / "editions").glob("*.gold.xml"))


@pytest.mark.skipif(not EDITIONS, reason="no gold editions in this checkout")
@pytest.mark.parametrize("gold", EDITIONS, ids=lambda p: p.name)
def test_scores_on_other_editions_of_the_family(gold, tmp_path, tei_all):
    text = gold.with_name(gold.name.replace(".gold.xml", ".txt"))
    output = tmp_path / "out.xml"
    output.write_bytes(convert_file(text).tei)
    pyjing = Path(sys.executable).with_name("pyjing")
    valid = subprocess.run([str(pyjing), str(tei_all), str(output)], capture_output=True, text=True)
    assert valid.returncode == 0, valid.stdout
    r = evaluate(gold, output)
    for kind in ("persName", "orgName", "placeName", "event", "date", "archival"):
        if r["types"][kind]["gold"]:
            assert r["types"][kind]["f1"] >= 0.90, (kind, r["types"][kind])
