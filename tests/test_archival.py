"""Every archival notation: full and abbreviated, inherited repositories, other archives."""
from __future__ import annotations

import pytest

from entity_helpers import TEI, convert, marked


def archival(root):
    """Each archival bibl: its text, repository refs, idnos and folio ranges."""
    out = []
    for bibl in root.find(f"{TEI}text").iter(f"{TEI}bibl"):
        if bibl.get("type") != "archival":
            continue
        out.append({
            "text": "".join(bibl.itertext()),
            "repos": [("".join(o.itertext()), o.get("ref")) for o in bibl.iter(f"{TEI}orgName")],
            "idno": {i.get("type"): i.text for i in bibl.iter(f"{TEI}idno")},
            "folios": [(c.get("from"), c.get("to")) for c in bibl.iter(f"{TEI}citedRange")],
        })
    return out


def test_full_repository_name_with_acronym():
    root = convert("See the copy.", "[Rossiiskii gosudarstvennyi arkhiv sotsial’no-politicheskoi istorii (RGASPI), "
                   "fond 17, opis’ 2, delo 685, listy 53-68; typewritten copy]")
    [ref] = archival(root)
    assert ref["text"] == ("Rossiiskii gosudarstvennyi arkhiv sotsial’no-politicheskoi istorii (RGASPI), "
                           "fond 17, opis’ 2, delo 685, listy 53-68")
    assert ref["repos"] == [("Rossiiskii gosudarstvennyi arkhiv sotsial’no-politicheskoi istorii", "#rgaspi"),
                            ("RGASPI", "#rgaspi")]
    assert ref["idno"] == {"fond": "17", "opis": "2", "delo": "685"}
    assert ref["folios"] == [("53", "68")]


def test_abbreviated_notation_and_inherited_repository():
    root = convert("See below.", "Members (cf. RGASPI, f. 17, op. 2, delo 103, listy 2-3; f.17, op. 3, delo 384, list 3).")
    first, second = archival(root)
    assert first["text"] == "RGASPI, f. 17, op. 2, delo 103, listy 2-3"
    assert second["text"] == "f.17, op. 3, delo 384, list 3"
    assert second["repos"] == [] and second["idno"] == {"fond": "17", "opis": "3", "delo": "384"}
    assert second["folios"] == [("3", "3")]


def test_verso_folios():
    root = convert("See below.", "GARF, f. R-130, op. 2, d. 7, ll. 14-16 ob. and RGVA, f. 33987, op. 3, d. 1050, l. 4 ob.")
    garf, rgva = archival(root)
    assert garf["repos"] == [("GARF", "#garf")] and garf["idno"]["fond"] == "R-130"
    assert garf["folios"] == [("14", "16v")] and garf["text"].endswith("ll. 14-16 ob.")
    assert rgva["repos"] == [("RGVA", "#rgva")] and rgva["folios"] == [("4v", "4v")]


def test_rgae_and_unknown_repository_is_provisional():
    root = convert("See below.", "RGAE, f. 3429, op. 1, d. 1790, l. 33; TsGAIPD, f. 1, op. 2, d. 3, l. 4.")
    rgae, unknown = archival(root)
    assert rgae["repos"] == [("RGAE", "#rgae")]
    assert unknown["repos"] == [("TsGAIPD", "#tsgaipd")]
    assert root.find(f".//{TEI}standOff//{TEI}org[@cert='low']").get("{http://www.w3.org/XML/1998/namespace}id") == "tsgaipd"


def test_unknown_repository_spelled_out_before_its_acronym():
    root = convert("See below.", "The okrug committee’s file on the exiles of Astrakhan is in Gosudarstvennyi arkhiv "
                   "Astrakhanskoi oblasti (GAAO), f. R-1, op. 1, d. 245, ll. 17-17 ob.")
    [ref] = archival(root)
    assert ref["text"] == "Gosudarstvennyi arkhiv Astrakhanskoi oblasti (GAAO), f. R-1, op. 1, d. 245, ll. 17-17 ob."
    assert ref["repos"] == [("Gosudarstvennyi arkhiv Astrakhanskoi oblasti", "#gaao"), ("GAAO", "#gaao")]
    assert ref["folios"] == [("17", "17v")]


def test_box_and_folder_references():
    root = convert("See below.", "Copies are in the Hoover Institution Archives, Nicolaevsky collection, box 372, "
                   "folder 14. A box 5 of letters, with no archive named, is not a reference.")
    [ref] = archival(root)
    assert ref["text"] == "Hoover Institution Archives, Nicolaevsky collection, box 372, folder 14"
    assert ref["repos"] == [("Hoover Institution Archives", "#hoover")]
    assert ref["idno"] == {"collection": "Nicolaevsky collection", "box": "372", "folder": "14"}


def test_houghton_call_numbers():
    root = convert("See below.", "Trotsky papers, Houghton Library, Harvard University, bMS Russ 13.1, T 802a.")
    [ref] = archival(root)
    assert ref["text"] == "Houghton Library, Harvard University, bMS Russ 13.1, T 802a"
    assert ref["idno"] == {"collection": "bMS Russ 13.1", "item": "T 802a"}
    assert ("Houghton Library", "#houghton") in ref["repos"]
    assert ("Harvard University", "#harvard-university") in [(t, a.get("ref")) for t, a in marked(root, "orgName")]


def test_houghton_without_comma_before_the_item():
    root = convert("See below.", "It is held at Harvard (Houghton Library, bMS Russ 13 T 802).")
    [ref] = archival(root)
    assert ref["text"] == "Houghton Library, bMS Russ 13 T 802"
    assert ref["idno"] == {"collection": "bMS Russ 13", "item": "T 802"}


def test_houghton_after_another_reference():
    root = convert("See below.", "See RGVA, f. 33987, op. 3, d. 1050, ll. 16-17 ob.; Houghton Library, bMS Russ 13.1, T 1004.")
    assert [r["text"] for r in archival(root)] == ["RGVA, f. 33987, op. 3, d. 1050, ll. 16-17 ob.",
                                                   "Houghton Library, bMS Russ 13.1, T 1004"]


@pytest.mark.parametrize("text", ["Volume 17, page 3.", "f. 17 alone is not enough"])
def test_no_archival_reference_without_evidence(text):
    assert archival(convert(text)) == []
