"""The provisional-record workflow: list, confirm into the authority file, re-convert."""
from __future__ import annotations

import csv
import io
import json
import shutil

import pytest

from entity_helpers import TEI, edition, marked
from tei_toolkit.cli import main
from tei_toolkit.convert import convert_text
from tei_toolkit.resources import corpus_dir
from lxml import etree

BODY = "Comrade Sidorov reported, and A. K. Ivanov agreed with L.B. Kamenev."


@pytest.fixture()
def authority(tmp_path, monkeypatch):
    """A private copy of the authority file, used by the converter for this test."""
    path = tmp_path / "authority.xml"
    shutil.copy(corpus_dir() / "authority.xml", path)
    monkeypatch.setenv("TEI_TOOLKIT_AUTHORITY", str(path))
    return path


def convert_to(path):
    path.write_bytes(convert_text(edition(BODY)).tei)
    return path


def run(capsys, *args):
    with pytest.raises(SystemExit) as exit_info:
        main(list(args))
    out = capsys.readouterr()
    return exit_info.value.code, out.out, out.err


def test_entities_lists_mentions_and_flags_provisional_records(authority, tmp_path, capsys):
    tei = convert_to(tmp_path / "letter.xml")
    code, out, _ = run(capsys, "entities", str(tei))
    assert code == 0
    lines = {line.split()[2]: line for line in out.splitlines()[1:-1]}
    assert lines["sidorov"].startswith("PROVISIONAL") and "Sidorov" in lines["sidorov"]
    assert lines["kamenev-lb"].startswith("authority") and "L.B. Kamenev" in lines["kamenev-lb"]
    code, out, _ = run(capsys, "entities", "--format", "json", str(tei))
    data = {e["id"]: e for e in json.loads(out)}
    assert data["ivanov"]["status"] == "provisional" and data["ivanov"]["mentions"] == ["A. K. Ivanov"]
    code, out, _ = run(capsys, "entities", "--format", "csv", "--provisional", str(tei))
    rows = list(csv.DictReader(io.StringIO(out)))
    assert sorted(r["id"] for r in rows) == ["ivanov", "sidorov"]


def test_confirm_then_reconvert_keeps_the_confirmed_record(authority, tmp_path, capsys):
    tei = convert_to(tmp_path / "letter.xml")
    code, out, _ = run(capsys, "entities", "--confirm", "sidorov", "--authority", str(authority), str(tei))
    assert code == 0 and "confirmed sidorov" in out
    record = [p for p in etree.parse(str(authority)).iter(f"{TEI}person")
              if p.get("{http://www.w3.org/XML/1998/namespace}id") == "sidorov"][0]
    assert record.get("cert") is None and record.find(f"{TEI}note[@type='confirmed']") is not None
    again = etree.fromstring(convert_text(edition(BODY)).tei)
    assert ("Sidorov", {"ref": "#sidorov"}) in marked(again, "persName")  # no cert="low" any more
    assert ("A. K. Ivanov", {"ref": "#ivanov", "cert": "low"}) in marked(again, "persName")


def test_confirm_as_a_variant_of_an_existing_record(authority, tmp_path, capsys):
    tei = convert_to(tmp_path / "letter.xml")
    code, out, _ = run(capsys, "entities", "--confirm", "ivanov", "--as", "smirnov-in", str(tei))
    assert code == 0 and "variant of smirnov-in" in out
    again = etree.fromstring(convert_text(edition(BODY)).tei)
    assert ("A. K. Ivanov", {"ref": "#smirnov-in"}) in marked(again, "persName")


@pytest.mark.parametrize("record_id, message", [("kamenev-lb", "not provisional"), ("nobody", "no record")])
def test_confirm_errors_are_one_line(authority, tmp_path, capsys, record_id, message):
    tei = convert_to(tmp_path / "letter.xml")
    before = authority.read_bytes()
    code, _, err = run(capsys, "entities", "--confirm", record_id, str(tei))
    assert code == 2 and message in err and len(err.strip().splitlines()) == 1
    assert authority.read_bytes() == before


def test_entities_on_a_missing_or_broken_file(tmp_path, capsys):
    code, _, err = run(capsys, "entities", str(tmp_path / "none.xml"))
    assert code == 2 and "no such file" in err
    bad = tmp_path / "bad.xml"
    bad.write_text("<TEI><text>")
    code, _, err = run(capsys, "entities", str(bad))
    assert code == 2 and "not well-formed" in err


def test_external_entities_are_not_resolved(tmp_path, capsys):
    secret = tmp_path / "secret.txt"
    secret.write_text("SECRET")
    evil = tmp_path / "evil.xml"
    evil.write_text(f'<!DOCTYPE TEI [<!ENTITY x SYSTEM "file://{secret}">]>'
                    '<TEI xmlns="http://www.tei-c.org/ns/1.0"><text><body><p><persName ref="#a">&x;</persName>'
                    '</p></body></text></TEI>')
    code, out, _ = run(capsys, "entities", "--format", "json", str(evil))
    assert "SECRET" not in out


def test_provisional_and_confirmed_records_of_every_kind_are_valid_tei(authority, tmp_path, capsys, tei_all):
    import subprocess
    import sys
    from pathlib import Path
    body = ("Comrade Sidorov of the Trade Delegation met at the Hotel Cecil before the Ninth Congress of "
            "Metalworkers.")
    tei = tmp_path / "letter.xml"
    tei.write_bytes(convert_text(edition(body)).tei)
    kinds = {e["id"]: e["kind"] for e in json.loads(run(capsys, "entities", "--format", "json", str(tei))[1])
             if e["status"] == "provisional"}
    assert set(kinds.values()) == {"person", "org", "place", "event"}
    for record_id in kinds:
        assert run(capsys, "entities", "--confirm", record_id, str(tei))[0] == 0
    pyjing = Path(sys.executable).with_name("pyjing")
    result = subprocess.run([str(pyjing), str(tei_all), str(tei), str(authority)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout
