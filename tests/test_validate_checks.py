"""Checks beyond grammars: duplicate ids, pointers that resolve nowhere, dates."""
from __future__ import annotations

from tei_toolkit.validation import ERROR, WARNING, Options, validate

NS = 'xmlns="http://www.tei-c.org/ns/1.0"'
HEADER = ("<teiHeader><fileDesc><titleStmt><title>t</title></titleStmt><publicationStmt>"
          "<p>p</p></publicationStmt><sourceDesc><p>s</p></sourceDesc></fileDesc></teiHeader>")


def tei(body: str, standoff: str = "") -> str:
    return f"<TEI {NS}>{HEADER}<text><body>{body}</body></text>{standoff}</TEI>"


def check(tmp_path, files: dict[str, str], schemas=("tei_all",)):
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    report = validate([str(tmp_path / name) for name in files], Options(schemas))
    return [(p.file.rsplit("/", 1)[-1], p.severity, p.rule, p.message) for p in report.problems
            if p.rule.startswith(("references", "dates"))]


def rules(found):
    return [rule for _, _, rule, _ in found]


def test_dangling_pointer_sample_is_caught_as_a_warning_under_tei_all(samples):
    report = validate([str(samples / "broken/ref-dangling-pointer-to-missing-id.xml")],
                      Options(("tei_all",)))
    dangling = [p for p in report.problems if p.rule == "references:unresolved-pointer"]
    assert [(p.severity, p.line) for p in dangling] == [(WARNING, 96)]
    assert "#die_fraud" in dangling[0].message
    assert report.exit_code == 0  # jing says valid; the warning does not change that
    assert validate([str(samples / "broken/ref-dangling-pointer-to-missing-id.xml")],
                    Options(("tei_all",), strict=True)).exit_code == 1


def test_unresolved_pointer_is_an_error_under_the_project_schema(tmp_path):
    found = check(tmp_path, {"a.xml": tei('<p><persName ref="#nobody">X</persName></p>')},
                  schemas=("project",))
    assert ("a.xml", ERROR, "references:unresolved-pointer") in [f[:3] for f in found]


def test_pointers_resolve_across_files_named_together(tmp_path):
    letter = tei('<p><persName ref="#p1">A</persName> <placeName ref="places.xml#x1">B'
                 '</placeName> <persName ref="persons.xml#p9">C</persName></p>')
    persons = tei("<p>register</p>", '<standOff><listPerson><person xml:id="p1"><persName>A'
                  '</persName></person></listPerson></standOff>')
    alone = check(tmp_path, {"letter.xml": letter})
    assert rules(alone) == ["references:unresolved-pointer"]  # places.xml/persons.xml not named
    together = check(tmp_path, {"letter.xml": letter, "persons.xml": persons})
    assert [m for *_, m in together] == [
        '@ref points to "persons.xml#p9", but no element in persons.xml has xml:id "p9"']


def test_duplicate_xml_id(tmp_path):
    found = check(tmp_path, {"d.xml": tei('<p xml:id="a">x</p><p xml:id="a">y</p>')})
    assert rules(found) == ["references:duplicate-id"]


def test_date_text_contradicting_when(tmp_path):
    body = ('<p><date when="1923-10-18">8 October 1923</date> <date when="1923-10-08">8 '
            'October 1923</date> <date when="1923">1923</date> <date when="1924-01">'
            '1923</date> <date when="1923-10-08">am achten Oktober</date></p>')
    found = check(tmp_path, {"d.xml": tei(body)})
    assert [m for *_, m in found] == [
        'date text "8 October 1923" is 1923-10-08, but @when=1923-10-18',
        'date text "1923" is 1923, but @when=1924-01']


def test_from_after_to(tmp_path):
    body = ('<p><date from="1923-10-08" to="1923-10-01">a</date> <date from="1923" '
            'to="1923-05">b</date> <date notBefore="1925" notAfter="1924-12-31">c</date>'
            '<bibl><citedRange from="53" to="8">p</citedRange></bibl></p>')
    found = check(tmp_path, {"d.xml": tei(body)})
    assert [(r, m) for _, _, r, m in found] == [
        ("dates:range-reversed", "@from=1923-10-08 is after @to=1923-10-01"),
        ("dates:range-reversed", "@notBefore=1925 is after @notAfter=1924-12-31")]


def test_date_range_text_contradicting_from_to(tmp_path):
    body = ('<p><date from="1923-10-08" to="1923-10-12">8-10 October 1923</date> '
            '<date from="1923-10-08" to="1923-10-10">8 to 10 October 1923</date></p>')
    found = check(tmp_path, {"d.xml": tei(body)})
    assert [(r, m) for _, _, r, m in found] == [
        ("dates:to-contradicts-text",
         'date text "8-10 October 1923" is 1923-10-10, but @to=1923-10-12')]
