"""User schemas (.rng, .rnc, .xsd, .sch), --schema auto and xml-model, the project schema."""
from __future__ import annotations

import shutil

import pytest

from tei_toolkit.validation import ERROR, NOTE, WARNING, Options, validate

NS = "http://www.tei-c.org/ns/1.0"
RNG = f"""<grammar xmlns="http://relaxng.org/ns/structure/1.0" ns="{NS}"
  datatypeLibrary="http://www.w3.org/2001/XMLSchema-datatypes">
  <start><element name="TEI"><oneOrMore><ref name="p"/></oneOrMore></element></start>
  <define name="p"><element name="p"><optional><attribute name="n"><data type="integer"/>
  </attribute></optional><text/></element></define>
</grammar>"""
RNC = f"""default namespace = "{NS}"
start = element TEI {{ element p {{ attribute n {{ xsd:integer }}?, text }}+ }}
"""
XSD = f"""<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="{NS}"
  elementFormDefault="qualified">
  <xs:element name="TEI"><xs:complexType><xs:sequence>
    <xs:element name="p" maxOccurs="unbounded"><xs:complexType><xs:simpleContent>
      <xs:extension base="xs:string"><xs:attribute name="n" type="xs:integer"/>
      </xs:extension></xs:simpleContent></xs:complexType></xs:element>
  </xs:sequence></xs:complexType></xs:element>
</xs:schema>"""
SCH = f"""<schema xmlns="http://purl.oclc.org/dsdl/schematron" queryBinding="xslt">
  <ns prefix="tei" uri="{NS}"/>
  <pattern><rule context="tei:p">
    <assert test="@n" id="p-numbered">paragraph without @n</assert>
    <report test="contains(., 'TODO')" role="warning" id="todo">TODO left in text</report>
  </rule></pattern>
</schema>"""
GOOD = f'<TEI xmlns="{NS}">\n<p n="1">one</p>\n<p n="2">two TODO</p>\n</TEI>'
BAD = f'<TEI xmlns="{NS}">\n<p n="1">one</p>\n<p n="x">two</p>\n<q/>\n</TEI>'


@pytest.fixture
def files(tmp_path):
    for name, text in {"s.rng": RNG, "s.rnc": RNC, "s.xsd": XSD, "s.sch": SCH,
                       "good.xml": GOOD, "bad.xml": BAD}.items():
        (tmp_path / name).write_text(text)
    return tmp_path


def errors(report):
    return [(p.line, p.rule) for r in report.results for p in r.problems if p.severity == ERROR]


@pytest.mark.parametrize("schema", ["s.rng", "s.xsd", "s.rnc"])
def test_user_grammars(files, schema):
    if schema.endswith(".rnc") and shutil.which("java") is None:
        pytest.skip("trang needs Java")
    path = str(files / schema)
    assert validate([str(files / "good.xml")], Options((path,))).exit_code == 0
    report = validate([str(files / "bad.xml")], Options((path,)))
    assert report.exit_code == 1
    found = errors(report)
    assert found and {line for line, _ in found} <= {3, 4}
    assert all(rule.endswith(schema) for _, rule in found)


def test_rng_errors_are_jing_like(files):
    report = validate([str(files / "bad.xml")], Options((str(files / "s.rng"),)))
    messages = [p.message for p in report.problems]
    assert messages == ['value of attribute "n" is invalid',
                        'element "q" not allowed anywhere; expected the element end-tag or '
                        'element "p"']
    assert [(p.line, p.column) for p in report.problems] == [(3, 10), (4, 5)]


def test_schematron_roles_set_severity(files):
    report = validate([str(files / "good.xml"), str(files / "bad.xml")],
                      Options((str(files / "s.sch"),)))
    good, bad = report.results
    assert [(p.severity, p.rule, p.line) for p in good.problems] == [
        (WARNING, "sch:s.sch:todo", 3)]
    assert not good.failed() and not bad.failed()  # bad.xml's p all have @n
    (files / "nonum.xml").write_text(f'<TEI xmlns="{NS}"><p>x</p></TEI>')
    nonum = validate([str(files / "nonum.xml")], Options((str(files / "s.sch"),)))
    assert [(p.severity, p.message) for p in nonum.problems] == [
        (ERROR, "paragraph without @n")]


def test_several_schemas_combine(files):
    report = validate([str(files / "bad.xml")],
                      Options((str(files / "s.rng"), str(files / "s.xsd"))))
    assert {rule for _, rule in errors(report)} == {"rng:s.rng", "xsd:s.xsd"}


def test_auto_honours_a_local_xml_model_and_never_fetches(files):
    local = ('<?xml-model href="s.rng" type="application/xml" '
             'schematypens="http://relaxng.org/ns/structure/1.0"?>\n')
    remote = '<?xml-model href="https://example.org/schema.rng"?>\n'
    (files / "local.xml").write_text(local + BAD.replace("\n", " "))
    (files / "remote.xml").write_text(remote + BAD.replace("\n", " "))
    report = validate([str(files / "local.xml"), str(files / "remote.xml")])
    local_result, remote_result = report.results
    assert local_result.schemas == [str(files / "s.rng")]
    assert remote_result.schemas == ["tei_all"]
    assert any(p.severity == NOTE and "never fetched" in p.message
               for p in remote_result.problems)


def test_auto_picks_project_for_toolkit_files_and_tei_all_otherwise(corpus_tei, samples):
    report = validate([str(corpus_tei), str(samples / "real/cavriana__1570-08-17.xml")])
    assert [r.schemas for r in report.results] == [["project"], ["tei_all"]]
    assert any(p.rule.startswith("rng:tei-toolkit.rng") or p.rule.startswith("sch:")
               for p in report.results[0].problems) or not report.results[0].failed()


def test_corpus_tei_is_valid_against_tei_all(corpus_tei):
    report = validate([str(corpus_tei)], Options(("tei_all",)))
    assert [p for p in report.problems if p.rule == "tei_all"] == []


def test_unusable_user_schema_is_exit_2(files):
    (files / "broken.rng").write_text("<grammar xmlns='http://relaxng.org/ns/structure/1.0'>")
    from tei_toolkit.errors import ToolkitError

    with pytest.raises(ToolkitError):
        validate([str(files / "good.xml")], Options((str(files / "broken.rng"),)))


def test_schematron_attribute_contexts_are_placed_on_their_element(files):
    (files / "attr.sch").write_text(f"""<schema xmlns="http://purl.oclc.org/dsdl/schematron"
      queryBinding="xslt"><ns prefix="tei" uri="{NS}"/><pattern><rule context="@n">
      <assert test="number(.) = number(.)">n="<value-of select="."/>" is not a number</assert>
      </rule></pattern></schema>""")
    report = validate([str(files / "bad.xml")], Options((str(files / "attr.sch"),)))
    assert [(p.line, p.column, p.message) for p in report.problems] == [
        (3, 10, 'n="x" is not a number')]
