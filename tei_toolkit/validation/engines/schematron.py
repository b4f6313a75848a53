"""ISO Schematron (XSLT 1 query binding) with lxml.isoschematron.

Each failed assertion or successful report becomes a Problem on the element the SVRL
location names; ``@role`` (warning, info …) sets the severity.

lxml's XSLT 1 skeleton walks the whole tree twice per pattern (once in the default mode,
which outputs nothing, once matching every element and attribute against the rules) and
writes a ``fired-rule`` for every match. ``faster_xslt`` rewrites the generated
stylesheet to apply each pattern's templates only to the nodes its rule contexts select,
with no ``fired-rule`` output: the same templates fire on the same nodes in the same
order, so the asserts and reports are the same, in about half the time.
"""
from __future__ import annotations

import copy
import re
from pathlib import Path

from lxml import etree, isoschematron

from ...errors import ToolkitError
from ..document import XMLDocument
from ..problem import ERROR, NOTE, WARNING, Problem
from . import Validator

SVRL = "http://purl.oclc.org/dsdl/svrl"
XSL = "{http://www.w3.org/1999/XSL/Transform}"
_PATTERN_MODE = re.compile(r"M\d+")
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
        self.transform = self._compile()

    def _compile(self) -> etree.XSLT:
        try:
            schematron = isoschematron.Schematron(etree.parse(str(self.path)), store_xslt=True)
            stylesheet = schematron.validator_xslt
            return etree.XSLT(faster_xslt(stylesheet) or stylesheet)
        except (etree.XMLSyntaxError, etree.SchematronParseError, etree.XSLTParseError) as exc:
            raise ToolkitError(f"{self.path}: not a usable ISO Schematron schema (XSLT 1 "
                               f"query binding): {exc}") from None

    def validate(self, doc: XMLDocument) -> list[Problem]:
        report = self.transform(doc.tree)
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


def faster_xslt(stylesheet: etree._ElementTree) -> etree._ElementTree | None:
    """The skeleton's stylesheet with each pattern applied to its rules' contexts only
    (see the module docstring), or None when it has a shape this rewrite does not know."""
    xslt = copy.deepcopy(stylesheet)
    root = xslt.getroot()
    rules: dict[str, list[etree._Element]] = {}
    for template in root.iter(XSL + "template"):
        mode = template.get("mode") or ""
        if not _PATTERN_MODE.fullmatch(mode):
            if not mode and template.get("match") not in ("/", "text()"):
                return None  # a default-mode template: the default walks may output
            continue
        for walk in [c for c in template if c.tag == XSL + "apply-templates"
                     and c.get("mode") == mode and c.get("select") == "@*|*"]:
            template.remove(walk)
        if float(template.get("priority") or 0) >= 0:
            rules.setdefault(mode, []).append(template)
    for fired in list(root.iter(f"{{{SVRL}}}fired-rule")):
        fired.getparent().remove(fired)
    for active in root.iter(f"{{{SVRL}}}active-pattern"):
        for walk in [c for c in active if c.tag == XSL + "apply-templates" and c.get("mode") is None]:
            active.remove(walk)
    for start in root.iter(XSL + "apply-templates"):
        mode = start.get("mode")
        if start.get("select") != "/" or mode not in rules:
            continue
        selects = [_select_for(template.get("match") or "") for template in rules[mode]]
        if None in selects:
            return None
        start.set("select", " | ".join(selects))
    return xslt


def _select_for(match: str) -> str | None:
    """An XPath selecting every element or attribute a rule's match pattern matches
    (each alternative from the root's descendants), or None when unsure."""
    alternatives = _split_union(match)
    if alternatives is None or "current(" in match:
        return None
    selects = []
    for alternative in alternatives:
        if alternative.startswith(("id(", "key(")) or not alternative:
            return None
        last_step = re.sub(r"\[.*\]", "", alternative).rsplit("/", 1)[-1]
        if re.match(r"(text|node|comment|processing-instruction)\s*\(", last_step):
            return None  # never reached by the skeleton's walk of elements and attributes
        selects.append(alternative if alternative.startswith("/") else "//" + alternative)
    return " | ".join(selects)


def _split_union(pattern: str) -> list[str] | None:
    """The ``|``-separated alternatives of a pattern (not inside brackets or quotes)."""
    parts, depth, quote, start = [], 0, "", 0
    for index, char in enumerate(pattern):
        if quote:
            quote = "" if char == quote else quote
        elif char in "'\"":
            quote = char
        elif char in "[(":
            depth += 1
        elif char in "])":
            depth -= 1
        elif char == "|" and depth == 0:
            parts.append(pattern[start:index].strip())
            start = index + 1
    parts.append(pattern[start:].strip())
    return None if depth or quote else parts
