"""The converter on the 1923 letter: structure, losslessness, determinism, header."""
from __future__ import annotations

import re

import pytest
from lxml import etree

from tei_toolkit import convert_file
from tei_toolkit.teitext import text_of, words_of

NS = {"t": "http://www.tei-c.org/ns/1.0"}
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"


@pytest.fixture(scope="module")
def conversion(edition):
    return convert_file(edition)


@pytest.fixture(scope="module")
def tei(conversion):
    return etree.fromstring(conversion.tei)


def source_words(path) -> list[str]:
    """Words of the source edition without the declared page boilerplate lines."""
    lines = path.read_text(encoding="utf-8").split("\n")
    kept = [line for line in lines if line.strip() not in {"English", "Loading"}]
    return words_of("\n".join(kept))


def test_lossless_every_word_in_order(edition, tei):
    assert words_of(text_of(tei)) == source_words(edition)


def test_boilerplate_dropped_and_declared(tei):
    words = words_of(text_of(tei))
    assert words[0] != "English" and words[-1] != "Loading"
    sampling = "".join(tei.xpath("//t:encodingDesc/t:samplingDecl//text()", namespaces=NS))
    assert "“English”" in sampling and "“Loading”" in sampling


def test_deterministic(edition, conversion):
    assert convert_file(edition).tei == conversion.tei


def test_committed_corpus_tei_is_current(corpus_tei, conversion):
    assert corpus_tei.read_bytes() == conversion.tei, (
        "corpus/trotsky-1923-10-08.xml is stale: run "
        "tei-toolkit convert -q corpus/trotsky-1923-10-08.txt -o corpus/trotsky-1923-10-08.xml")


def test_title_and_introduction(tei):
    title = tei.xpath("string(//t:front/t:docTitle/t:titlePart)", namespaces=NS)
    assert title.startswith("October 8, 1923 Letter from Leon Trotsky")
    intro = tei.xpath("//t:front/t:div[@type='introduction']/t:p", namespaces=NS)
    assert len(intro) == 1 and "Left Opposition" in "".join(intro[0].itertext())


def test_ten_captions_are_figures_not_paragraphs(tei):
    heads = ["".join(h.itertext()) for h in tei.xpath("//t:figure/t:head", namespaces=NS)]
    assert len(heads) == 10
    assert heads[0].startswith("The first-ever full publication")
    assert heads[-1] == "Joseph Stalin in 1943 [AP Photo]"
    paragraphs = ["".join(p.itertext()) for p in tei.xpath("//t:text//t:p", namespaces=NS)]
    assert not any(p == head for p in paragraphs for head in heads)


def test_photo_credits_marked(tei):
    credits = ["".join(c.itertext()) for c in tei.xpath("//t:figure//t:bibl[@type='credit']", namespaces=NS)]
    assert credits == ["[Photo by Volunteer Marek / CC BY-SA 3.0]", "[AP Photo]"]


def test_opener(tei):
    opener = tei.xpath("//t:div[@type='letter']/t:opener", namespaces=NS)[0]
    assert [etree.QName(c).localname for c in opener] == ["dateline", "seg", "salute"]
    assert "".join(opener[0].itertext()) == "8 October 1923"
    assert opener[1].get("type") == "classification" and opener[1].text == "Top secret"
    assert "".join(opener[2].itertext()) == "To Members of the CC and CCC[1]"


def test_eighteen_numbered_sections(tei):
    sections = tei.xpath("//t:div[@type='letter']/t:div[@type='section']", namespaces=NS)
    assert [s.get("n") for s in sections] == [str(n) for n in range(1, 19)]
    for section in sections:
        first = section.xpath("t:p[1]/t:label", namespaces=NS)[0]
        assert first.text == section.get("n") + "."


def test_unnumbered_paragraphs_belong_to_preceding_section(tei):
    def paragraphs(n):
        return tei.xpath(f"//t:div[@type='section'][@n='{n}']/t:p", namespaces=NS)
    assert len(paragraphs(14)) == 2 and len(paragraphs(15)) == 2 and len(paragraphs(17)) == 2
    assert len(paragraphs(18)) == 2
    assert "".join(paragraphs(18)[1].itertext()).startswith("In view of the situation")


def test_closer_signature_and_date(tei):
    closer = tei.xpath("//t:div[@type='letter']/t:closer", namespaces=NS)[0]
    assert closer.xpath("string(t:signed)", namespaces=NS) == "L. Trotsky"
    assert closer.xpath("string(t:dateline)", namespaces=NS) == "8 October 1923."


def test_archival_source_line(tei):
    source = tei.xpath("//t:body/t:div[@type='source']/t:p", namespaces=NS)
    assert len(source) == 1
    text = "".join(source[0].itertext())
    assert text.startswith("[Rossiiskii gosudarstvennyi arkhiv") and text.endswith("typewritten copy]")
    bibl = source[0].xpath("t:bibl[@type='archival']", namespaces=NS)
    assert len(bibl) == 1
    assert {i.get("type"): i.text for i in bibl[0].xpath(".//t:idno", namespaces=NS)} == {
        "fond": "17", "opis": "2", "delo": "685"}


def test_twenty_six_notes_all_anchored(tei, conversion):
    notes = tei.xpath("//t:back/t:div[@type='notes']/t:note", namespaces=NS)
    assert [n.get("n") for n in notes] == [str(n) for n in range(1, 27)]
    assert all(n.get(XML_ID) == f"note{n.get('n')}" for n in notes)
    anchors = tei.xpath("//t:text//t:ref[@type='noteAnchor']", namespaces=NS)
    targets = {a.get("target") for a in anchors}
    assert targets == {f"#note{n}" for n in range(1, 27)}
    ids = set(tei.xpath("//@xml:id", namespaces=NS))
    for note in notes:  # each note points back to its marker
        assert note.get("target")[1:] in ids
    assert not [w for w in conversion.warnings if "no endnote" in w or "no marker" in w]


def test_marker_with_lost_brackets_is_recovered(tei, conversion):
    ref = tei.xpath("//t:ref[@target='#note15']", namespaces=NS)
    assert len(ref) == 1 and ref[0].text == "15" and ref[0].get("cert") == "medium"
    assert "“independent” " in (ref[0].getprevious().tail if ref[0].getprevious() is not None
                                else ref[0].getparent().text)
    assert any("note 15 recovered" in w for w in conversion.warnings)


def test_editorial_interpolations_marked_as_editors_words(tei):
    supplied = ["".join(s.itertext()) for s in tei.xpath("//t:body//t:supplied", namespaces=NS)]
    assert "[April 1923]" in supplied and "[36 pounds]" in supplied
    assert "[a term used to refer to the alliance between the working class and the peasantry]" in supplied
    assert all(s.startswith("[") and s.endswith("]") for s in supplied)
    assert all(s.get("resp") == "#editor" for s in tei.xpath("//t:supplied", namespaces=NS))
    assert tei.xpath("//*[@xml:id='editor']", namespaces=NS)
    # the archival source line and note markers are not interpolations
    assert not any(re.fullmatch(r"\[\d+\]", s) for s in supplied)


def test_header(tei):
    header = tei.find("t:teiHeader", NS)
    assert header.xpath("string(.//t:titleStmt/t:title)", namespaces=NS).startswith("October 8, 1923 Letter")
    assert header.xpath("string(.//t:titleStmt/t:author)", namespaces=NS) == "Leon Trotsky"
    assert header.xpath(".//t:availability/t:licence/@target", namespaces=NS)
    ident = header.find(".//t:sourceDesc/t:msDesc/t:msIdentifier", NS)
    assert "RGASPI" in ident.findtext("t:repository", namespaces=NS) or \
        ident.findtext("t:repository", namespaces=NS).startswith("Rossiiskii")
    assert [(i.get("type"), i.text) for i in ident.findall("t:idno", NS)] == [
        ("fond", "17"), ("opis", "2"), ("delo", "685")]
    locus = header.find(".//t:msDesc//t:locus", NS)
    assert (locus.get("from"), locus.get("to")) == ("53", "68")
    assert header.xpath("string(.//t:objectDesc/t:p)", namespaces=NS) == "typewritten copy"
    sent = header.find(".//t:correspDesc/t:correspAction[@type='sent']", NS)
    assert sent.findtext("t:persName", namespaces=NS) == "Leon Trotsky"
    assert sent.find("t:date", NS).get("when") == "1923-10-08"
    received = header.findall(".//t:correspAction[@type='received']/t:orgName", NS)
    assert ["".join(r.itertext()) for r in received] == [
        "Central Committee of the Russian Communist Party",
        "Central Control Commission of the Russian Communist Party"]
    assert [lang.get("ident") for lang in header.findall(".//t:langUsage/t:language", NS)] == ["en", "ru"]
    assert header.find(".//t:appInfo/t:application", NS).get("ident") == "tei-toolkit"
    assert len(header.findall(".//t:editorialDecl/t:p", NS)) >= 4
