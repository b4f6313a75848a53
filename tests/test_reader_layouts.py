"""The reader on other layouts of the same family: what unseen editions may look like."""
from __future__ import annotations

import pytest
from lxml import etree

from tei_toolkit import convert_text
from tei_toolkit.teitext import text_of, words_of

NS = {"t": "http://www.tei-c.org/ns/1.0"}
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"

VARIANT_A = """Deutsch

Letter of G. Zinoviev and L. Kamenev to the Politburo

An introduction by the editors, long enough to be an introduction and not a caption: it
explains where the letter was found, who published it first and why it matters to the
history of the party in the years after the civil war, with wrapped lines as in a
plain-text file saved from a browser.

Grigorii Zinoviev at a congress, 1924 [Photo: public domain]

Strictly secret

Moscow, 12 March 1926

Dear comrades,

We write to you about the situation in the Leningrad organisation.[1] It has become
untenable, as we said at the last meeting.

We ask that this letter be circulated to the members of the CC.[2]

With communist greetings,

G. Zinoviev
L. Kamenev

RGASPI, f. 17, op. 2, d. 246, l. 12-14 ob.

Notes

1. The Leningrad opposition of 1925-1926.

2. The letter was not circulated.

Loading
"""

VARIANT_B = """Telegram from V. Lenin to the Revolutionary Military Council

A short introduction.

12.III.1919

To the Revolutionary Military Council:

1) Send the division south at once.[1]

2) Report daily.

Lenin

[GARF, f. R-130, op. 3, d. 25, l. 4; original]

[1] The division was sent on 14 March.

[2] A note with no marker in the text.
"""


@pytest.fixture(scope="module")
def variant_a():
    return convert_text(VARIANT_A)


def tree(result):
    return etree.fromstring(result.tei)


def without_boilerplate(text: str) -> list[str]:
    return words_of("\n".join(l for l in text.split("\n") if l.strip() not in {"Deutsch", "Loading"}))


def test_variant_a_lossless_and_valid(variant_a, project_rng, tei_all_lxml):
    root = tree(variant_a)
    assert words_of(text_of(root)) == without_boilerplate(VARIANT_A)
    assert project_rng.validate(root), str(project_rng.error_log)
    assert tei_all_lxml.validate(root), str(tei_all_lxml.error_log)


def test_variant_a_structure(variant_a):
    root = tree(variant_a)
    opener = [etree.QName(e).localname for e in root.find(".//t:opener", NS)]
    assert opener == ["seg", "dateline", "salute"]
    assert len(root.findall(".//t:front//t:figure", NS)) == 1
    closer = root.find(".//t:closer", NS)
    assert [etree.QName(e).localname for e in closer] == ["salute", "signed"]
    assert "".join(closer.find("t:signed", NS).itertext()) == "G. Zinoviev\nL. Kamenev"
    assert root.xpath("string(//t:div[@type='source']/t:p)", namespaces=NS).startswith("RGASPI, f. 17")
    notes = root.findall(".//t:back//t:note", NS)
    assert [(n.get("n"), n.findtext("t:label", namespaces=NS)) for n in notes] == [("1", "1."), ("2", "2.")]
    assert root.findtext(".//t:back/t:div/t:head", namespaces=NS) == "Notes"
    assert not variant_a.warnings


def test_variant_a_header(variant_a):
    root = tree(variant_a)
    sent = root.find(".//t:correspAction[@type='sent']", NS)
    assert [p.text for p in sent.findall("t:persName", NS)] == ["G. Zinoviev", "L. Kamenev"]
    assert sent.find("t:date", NS).get("when") == "1926-03-12"
    original = root.find(".//t:msIdentifier", NS)
    assert [i.text for i in original.findall("t:idno", NS)] == ["17", "2", "246"]


def test_variant_b_numbered_with_parenthesis_and_inline_notes(project_rng):
    result = convert_text(VARIANT_B)
    root = tree(result)
    assert [d.get("n") for d in root.findall(".//t:div[@type='section']", NS)] == ["1", "2"]
    assert "".join(root.find(".//t:closer/t:signed", NS).itertext()) == "Lenin"
    assert [n.findtext("t:label", namespaces=NS) for n in root.findall(".//t:back//t:note", NS)] == ["[1]", "[2]"]
    assert any("endnote [2] has no marker" in w for w in result.warnings)
    assert words_of(text_of(root)) == words_of(VARIANT_B)
    assert project_rng.validate(root), str(project_rng.error_log)


def test_publication_date_in_the_introduction_is_not_the_dateline():
    text = ("Letter from N. Bukharin to the Politburo\n\nBy a staff writer\n\n12 October 2023\n\n"
            "An introduction that explains the letter at some length, so that it reads as an "
            "introduction to the document and not as anything else on the page.\n\n"
            "3 January 1925\n\nDear comrades,\n\n1. The first point of the letter.\n\nN. Bukharin\n")
    root = etree.fromstring(convert_text(text).tei)
    assert "".join(root.find(".//t:opener/t:dateline", NS).itertext()) == "3 January 1925"
    assert "12 October 2023" in "".join(root.find(".//t:front", NS).itertext())


def test_signatories_with_compound_initials():
    text = ("Report of V. Menzhinsky to the Politburo\n\n12 May 1928\n\nTo the Politburo:\n\n"
            "1. The report.\n\nV. Menzhinsky\nG. Yagoda\nIa. Agranov\nT.D. Deribas\n\n17 January 1928\n")
    root = etree.fromstring(convert_text(text).tei)
    assert "".join(root.find(".//t:closer/t:signed", NS).itertext()) == "V. Menzhinsky\nG. Yagoda\nIa. Agranov\nT.D. Deribas"


def test_written_files_get_the_usual_mode(tmp_path, edition):
    import os
    import stat

    from tei_toolkit.convert import write_atomically

    target = tmp_path / "out.xml"
    write_atomically(target, b"<x/>")
    umask = os.umask(0)
    os.umask(umask)
    assert stat.S_IMODE(target.stat().st_mode) == 0o666 & ~umask


def test_places_in_title_initials_signature_and_call_number_original():
    text = ("Letter from L.D. Trotsky in Prinkipo to L.L. Sedov in Berlin on the decree\n\n"
            "Prinkipo, 14 March 1932\n\nDear Lyova,\n\nThe decree changes nothing for us.\n\nL.T.\n\n"
            "[Houghton Library, Harvard University, bMS Russ 13.1, T 4567; carbon copy]\n")
    root = etree.fromstring(convert_text(text).tei)
    sent = root.find(".//t:correspAction[@type='sent']", NS)
    assert sent.findtext("t:persName", namespaces=NS) == "L.D. Trotsky"
    assert sent.findtext("t:placeName", namespaces=NS) == "Prinkipo"
    assert root.findtext(".//t:correspAction[@type='received']/t:persName", namespaces=NS) == "L.L. Sedov"
    assert "".join(root.find(".//t:closer/t:signed", NS).itertext()) == "L.T."
    ident = root.find(".//t:msIdentifier", NS)
    assert ident.findtext("t:repository", namespaces=NS) == "Houghton Library"
    assert ident.findtext("t:collection", namespaces=NS) == "bMS Russ 13.1"
    assert ident.findtext("t:idno[@type='item']", namespaces=NS) == "T 4567"
    assert root.findtext(".//t:objectDesc/t:p", namespaces=NS) == "carbon copy"


ROMAN_LETTER = ("Letter from L.D. Trotsky to the Politburo\n\n"
                "An introduction that explains the letter at some length, so that it reads as an "
                "introduction to the document and not as anything else on the page.\n\n"
                "10 November 1923\n\nTo the members of the Politburo:\n\n"
                "I. The first point of the letter.\n\n"
                "I. N. Smirnov agrees with it; an unnumbered paragraph of point I.\n\n"
                "II. The second point.\n\nIII. The third point.\n\nIV. The fourth point.\n\n"
                "IX. A number out of sequence.\n\nL. Trotsky\n")


def test_roman_numbered_paragraphs_are_sections(project_rng):
    result = convert_text(ROMAN_LETTER)
    root = tree(result)
    sections = root.findall(".//t:div[@type='section']", NS)
    assert [d.get("n") for d in sections] == ["1", "2", "3", "4"]
    assert [d.findtext("t:p/t:label", namespaces=NS) for d in sections] == ["I.", "II.", "III.", "IV."]
    assert len(sections[0].findall("t:p", NS)) == 2  # "I. N. Smirnov" is an initial, not a number
    assert any("paragraph numbered IX where 5 was expected" in w for w in result.warnings)
    assert words_of(text_of(root)) == words_of(ROMAN_LETTER)
    assert project_rng.validate(root), str(project_rng.error_log)


def test_a_lone_roman_one_is_not_a_numbering():
    text = ROMAN_LETTER.replace("II. The second point.", "The second point.")
    root = tree(convert_text(text))
    assert root.findall(".//t:div[@type='section'][@n]", NS) == []


def test_a_note_with_two_markers_points_back_to_both(project_rng):
    text = ("Letter from L.D. Trotsky to the Politburo\n\n10 November 1923\n\nTo the Politburo:\n\n"
            "1. The first point.[1]\n\n2. The second point, on the same matter.[1] And another.[2]\n\n"
            "L. Trotsky\n\n[1] The note of both points.\n\n[2] A second note.\n")
    root = tree(convert_text(text))
    refs = root.findall(".//t:body//t:ref[@type='noteAnchor']", NS)
    assert [r.get(XML_ID) for r in refs] == ["noteref1", "noteref1-2", "noteref2"]
    notes = root.findall(".//t:back//t:note", NS)
    assert [n.get("target") for n in notes] == ["#noteref1 #noteref1-2", "#noteref2"]
    assert project_rng.validate(root), str(project_rng.error_log)
