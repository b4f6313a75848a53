"""``evaluate`` on small synthetic gold/output pairs with known scores."""
from __future__ import annotations

import json

import pytest

from tei_toolkit.cli import main
from tei_toolkit.evaluate import evaluate

HEAD = '<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader/><text><body><p>'
TAIL = '</p></body></text></TEI>'
GOLD = (HEAD + '<persName ref="#trotsky">L.D. Trotsky</persName> wrote to the <orgName ref="#cc">CC</orgName> '
        'on <date when="1923-10-08">8 October 1923</date> and met <persName ref="#rykov">Rykov</persName> '
        'in <placeName ref="#moscow">Moscow</placeName> at the <name type="event" ref="#c12">XIIth Congress</name> '
        'in <date when="1923-04">April 1923</date>. <bibl type="archival"><orgName ref="#rgaspi">RGASPI</orgName>, '
        'f. <idno type="fond">17</idno>, op. <idno type="opis">2</idno>, d. <idno type="delo">685</idno>, '
        'l. <citedRange unit="folio" from="53" to="68">53-68</citedRange></bibl>.' + TAIL)
# Output: Trotsky's mention too short (a miss and a spurious one), the same people under
# other ids, one date normalised differently, one folio range wrong, an extra place.
OUTPUT = (HEAD + 'L.D. <persName ref="#p1">Trotsky</persName> wrote to the <orgName ref="#o1">CC</orgName> '
          'on <date when="1923-10-08">8 October 1923</date> and met <persName ref="#p2">Rykov</persName> '
          'in <placeName ref="#m">Moscow</placeName> at the <name type="event" ref="#e">XIIth Congress</name> '
          'in <date when="1923-05">April 1923</date>. <bibl type="archival"><orgName ref="#r">RGASPI</orgName>, '
          'f. <idno type="fond">17</idno>, op. <idno type="opis">2</idno>, d. <idno type="delo">685</idno>, '
          'l. <citedRange unit="folio" from="53" to="69">53-68</citedRange></bibl>.' + TAIL)


@pytest.fixture()
def pair(tmp_path):
    gold, output = tmp_path / "gold.xml", tmp_path / "out.xml"
    gold.write_text(GOLD)
    output.write_text(OUTPUT)
    return gold, output


def test_known_scores(pair):
    r = evaluate(*pair)
    assert r["same_text"]
    assert r["types"]["persName"] == {"gold": 2, "output": 2, "matched": 1, "precision": 0.5, "recall": 0.5, "f1": 0.5}
    assert r["types"]["orgName"]["f1"] == 1.0 and r["types"]["orgName"]["matched"] == 2
    assert r["types"]["date"]["f1"] == 1.0
    assert r["types"]["archival"]["f1"] == 1.0
    assert r["date_normalisation"] == {"matched": 2, "correct": 1, "accuracy": 0.5}
    # ids differ in spelling but map one to one by shared mentions
    assert r["linking"]["all"]["accuracy"] == 1.0
    assert r["archival_structure"] == {"matched": 1, "correct": 0, "accuracy": 0.0}


def test_identical_files_score_one(pair):
    gold, _ = pair
    r = evaluate(gold, gold)
    assert all(t["f1"] == 1.0 for t in r["types"].values())
    assert r["archival_structure"]["accuracy"] == 1.0 and r["date_normalisation"]["accuracy"] == 1.0


def test_wrong_links_count(tmp_path):
    gold = tmp_path / "g.xml"
    out = tmp_path / "o.xml"
    gold.write_text(HEAD + '<persName ref="#a">Kamenev</persName> and <persName ref="#b">Kamenev</persName> and '
                    '<persName ref="#b">Kamenev</persName>' + TAIL)
    out.write_text(HEAD + '<persName ref="#x">Kamenev</persName> and <persName ref="#x">Kamenev</persName> and '
                   '<persName ref="#x">Kamenev</persName>' + TAIL)
    r = evaluate(gold, out)
    assert r["linking"]["persName"] == {"matched": 3, "correct": 2, "accuracy": 0.6667}


def test_whitespace_and_small_text_differences_are_aligned(tmp_path):
    gold = tmp_path / "g.xml"
    out = tmp_path / "o.xml"
    gold.write_text(HEAD + 'Met  <persName ref="#a">Rykov</persName> in <placeName ref="#m">Moscow</placeName>.' + TAIL)
    out.write_text(HEAD + 'We met\n <persName ref="#a">Rykov</persName> in <placeName ref="#m">Moscow</placeName>.' + TAIL)
    r = evaluate(gold, out)
    assert not r["same_text"]
    assert r["types"]["persName"]["f1"] == 1.0 and r["types"]["placeName"]["f1"] == 1.0


def test_cli_text_and_json(pair, capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["evaluate", str(pair[0]), str(pair[1])])
    assert exit_info.value.code == 0
    out = capsys.readouterr().out
    assert "persName" in out and "0.5000" in out and "archival structure" in out
    with pytest.raises(SystemExit):
        main(["evaluate", "--format", "json", str(pair[0]), str(pair[1])])
    assert json.loads(capsys.readouterr().out)["types"]["persName"]["f1"] == 0.5


def test_cli_bad_input(tmp_path, capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["evaluate", str(tmp_path / "missing.xml"), str(tmp_path / "missing.xml")])
    assert exit_info.value.code == 2 and "no such file" in capsys.readouterr().err


def test_differences_list_what_a_reviewer_checks(pair, capsys):
    found = [(d["what"], d["type"], d["text"], d["gold"], d["output"]) for d in evaluate(*pair)["differences"]]
    assert found == [("missed", "persName", "L.D. Trotsky", "", ""),
                     ("spurious", "persName", "Trotsky", "", ""),
                     ("date value", "date", "April 1923", "when=1923-04", "when=1923-05"),
                     ("parts", "archival", "RGASPI, f. 17, op. 2, d. 685, l. 53-68",
                      "#rgaspi delo=685 fond=17 opis=2 folios=53-68", "#rgaspi delo=685 fond=17 opis=2 folios=53-69")]
    with pytest.raises(SystemExit) as exit_info:
        main(["evaluate", "--differences", *map(str, pair)])
    assert exit_info.value.code == 0
    out = capsys.readouterr().out
    assert "missed     persName" in out and "gold: when=1923-04  output: when=1923-05" in out
