"""Dates whose attributes contradict themselves or their text.

``@from``/``@notBefore`` after ``@to``/``@notAfter`` (ISO dates compared at the coarser
precision), and a ``<date>`` whose text is a date the toolkit can read ("8 October 1923",
"1923-10-08", "1923", "8-10 October 1923") but whose ``@when`` (``@from``, ``@to``) says
another.
"""
from __future__ import annotations

import re
from functools import lru_cache

from lxml import etree

from ...dates import find_dates
from ..document import TEI_NS, XMLDocument
from ..problem import Problem

ISO = re.compile(r"^-?\d{4}(?:-\d{2}(?:-\d{2})?)?$")
YEAR_DIGITS = re.compile(r"\d{3,4}")
ISO_IN_TEXT = re.compile(r"^\s*(\d{4}(?:-\d{2}(?:-\d{2})?)?)\s*\.?\s*$")
NOT_DATES = {"citedRange", "locus", "biblScope", "span", "link", "relation", "measure",
             "measureGrp", "dim", "height", "width", "depth", "extent", "num", "unit"}
RULE = "dates"
CANDIDATES = etree.XPath(
    "//*[(@from and @to) or (@notBefore and @notAfter) or (@from-iso and @to-iso)"
    " or (@notBefore-iso and @notAfter-iso)] | //tei:date[@when]", namespaces={"tei": TEI_NS})
PAIRS = (("from", "to"), ("notBefore", "notAfter"), ("from-iso", "to-iso"),
         ("notBefore-iso", "notAfter-iso"))


def _coarse(a: str, b: str) -> tuple[str, str]:
    length = min(len(a), len(b))
    return a[:length], b[:length]


def _text_dates(element: etree._Element) -> tuple[str, dict[str, str]]:
    """The element's text and, when it is one date the toolkit reads, its attributes."""
    text = " ".join("".join(element.itertext()).split())
    return text, dict(_dates_in(text))


@lru_cache(maxsize=4096)
def _dates_in(text: str) -> tuple[tuple[str, str], ...]:
    """The attributes of the one date ``text`` is, if it is one (cached: a corpus writes
    the same dates again and again, and reading one costs ~0.1 ms)."""
    iso = ISO_IN_TEXT.match(text)
    if iso:
        return (("when", iso.group(1)),)
    if not YEAR_DIGITS.search(text):
        return ()  # no year written: nothing to compare (and no costly parse)
    found = find_dates(text, bare_months=False)
    if len(found) == 1 and not found[0].inferred:
        return tuple(found[0].attrs.items())
    return ()


def check(doc: XMLDocument, severity: str) -> list[Problem]:
    found = []
    for element in CANDIDATES(doc.tree):
        qname = etree.QName(element)
        if qname.namespace != TEI_NS or qname.localname in NOT_DATES:
            continue
        for start, end in PAIRS:
            first, last = element.get(start), element.get(end)
            if first and last and ISO.match(first) and ISO.match(last):
                a, b = _coarse(first.lstrip("-"), last.lstrip("-"))
                if a > b and not first.startswith("-") and not last.startswith("-"):
                    line, column = doc.place(element)
                    found.append(Problem(doc.name, line, column, severity,
                                         f"{RULE}:range-reversed",
                                         f"@{start}={first} is after @{end}={last}"))
        if qname.localname == "date":
            text, said = _text_dates(element)
            for key, value in said.items():
                given = element.get(key)
                if not given or not ISO.match(given) or not ISO.match(value):
                    continue
                if _coarse(value, given)[0] != _coarse(value, given)[1]:
                    line, column = doc.place(element)
                    found.append(Problem(doc.name, line, column, severity,
                                         f"{RULE}:{key}-contradicts-text",
                                         f'date text "{text}" is {value}, but @{key}={given}'))
    return found
