"""JUnit XML (GitLab, Jenkins): one test case per file; problems are its failure text."""
from __future__ import annotations

from lxml import etree

NAME = "junit"


def render(report, color: bool) -> str:
    strict = report.options.strict
    suites = etree.Element("testsuites", name="tei-toolkit validate")
    suite = etree.SubElement(suites, "testsuite", name="tei-toolkit validate")
    counts = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}
    for result in report.results:
        counts["tests"] += 1
        case = etree.SubElement(suite, "testcase", classname="tei-toolkit.validate",
                                name=result.file)
        text = "\n".join(f"{p.line}:{p.column}: {p.severity}: {p.message} [{p.rule}]"
                         for p in result.problems)
        if result.unusable:
            counts["errors"] += 1
            first = result.problems[0].message if result.problems else "unusable input"
            etree.SubElement(case, "error", message=first, type="input").text = text
        elif result.skipped and not result.failed(strict):
            counts["skipped"] += 1
            etree.SubElement(case, "skipped", message=result.problems[0].message)
        elif result.failed(strict):
            counts["failures"] += 1
            first = next(p for p in result.problems if p.severity != "note")
            etree.SubElement(case, "failure", message=first.message, type=first.rule).text = text
        elif text:
            etree.SubElement(case, "system-out").text = text
    for element in (suites, suite):
        for key, value in counts.items():
            element.set(key, str(value))
    return etree.tostring(suites, pretty_print=True, xml_declaration=True,
                          encoding="UTF-8").decode()
