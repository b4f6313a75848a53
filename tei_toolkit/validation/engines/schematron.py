"""ISO Schematron (XSLT 1 query binding) with lxml.isoschematron.

Each failed assertion or successful report becomes a Problem on the element the SVRL
location names; ``@role`` (warning, info …) sets the severity.
"""
from __future__ import annotations

import re
from pathlib import Path

from lxml import etree, isoschematron

from ...errors import ToolkitError
from ..document import XMLDocument
from ..problem import ERROR, NOTE, WARNING, Problem
from . import Validator

SVRL = "http://purl.oclc.org/dsdl/svrl"
ROLES = {"warning": WARNING, "warn": WARNING, "info": NOTE, "information": NOTE,
         "note": NOTE, "fatal": ERROR, "error": ERROR}


def handles(schema: str, engine: str) -> bool:
    return schema.lower().endswith(".sch")


def create(schema: str, engine: str) -> list[Validator]:
    return [SchematronValidator(Path(schema))]


class SchematronValidator(Validator):
    """One ISO Schematron file, compiled to XSLT once per process."""

    def __init__(self, path: Path, name: str | None = None):
        if not path.is_file():
            raise ToolkitError(f"--schema {path}: no such schema file")
        self.path = path
        self.name = name or f"sch:{path.name}"
        self.schematron = self._compile()

    def _compile(self) -> isoschematron.Schematron:
        try:
            return isoschematron.Schematron(
                etree.parse(str(self.path)), store_report=True,
                error_finder=isoschematron.Schematron.ASSERTS_AND_REPORTS)
        except (etree.XMLSyntaxError, etree.SchematronParseError, etree.XSLTParseError) as exc:
            raise ToolkitError(f"{self.path}: not a usable ISO Schematron schema (XSLT 1 "
                               f"query binding): {exc}") from None

    def validate(self, doc: XMLDocument) -> list[Problem]:
        schematron = self.schematron
        if schematron.validate(doc.tree):
            return []
        report = schematron.validation_report
        found = []
        seen: dict[tuple[str, str], int] = {}
        for item in report.iter(f"{{{SVRL}}}failed-assert", f"{{{SVRL}}}successful-report"):
            text = " ".join("".join(item.find(f"{{{SVRL}}}text").itertext()).split()) \
                if item.find(f"{{{SVRL}}}text") is not None else "assertion failed"
            severity = ROLES.get((item.get("role") or "").lower(), ERROR)
            rule = f"{self.name}:{item.get('id')}" if item.get("id") else self.name
            location = item.get("location") or "/*"
            occurrence = seen[(location, text)] = seen.get((location, text), -1) + 1
            line, column = self._place(doc, location, text, occurrence)
            found.append(Problem(doc.name, line, column, severity, rule, text))
        return found

    @staticmethod
    def _place(doc: XMLDocument, location: str, text: str, occurrence: int) -> tuple[int, int]:
        """Where the SVRL location points. lxml's XSLT 1 skeleton writes only ``/@name`` for
        an attribute context: then the n-th element whose @name value the message quotes."""
        bare = re.fullmatch(r"/@([\w.-]+)", location)
        if bare:
            attr = bare.group(1)
            candidates = [e for e in doc.tree.iter() if isinstance(e.tag, str)
                          and e.get(attr) is not None and e.get(attr).split()
                          and any(v in text for v in e.get(attr).split())]
            if occurrence < len(candidates):
                return doc.place(candidates[occurrence])
            return 0, 0
        try:
            hits = doc.tree.xpath(location)
        except etree.XPathError:
            return 0, 0
        node = hits[0] if isinstance(hits, list) and hits else None
        if node is None:
            return 0, 0
        if not isinstance(node, etree._Element):  # an attribute: place its element
            node = node.getparent()
        return doc.place(node) if node is not None else (0, 0)
