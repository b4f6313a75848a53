"""Dates everywhere in the text, normalised (see ``tei_toolkit.dates``).

A date without a year takes the nearest preceding year of its block, else the letter's
own year, and is flagged ``cert="medium"``. Dates may nest inside names ("September
(1923) Plenum") and editorial interpolations, never across note markers or archival
numbers. A Julian date (``datingMethod="#julian"``) makes the header declare the calendar.
"""
from __future__ import annotations

from ..dates import find_dates
from ..document import Document
from . import context

BARRIERS = ("ref", "idno", "citedRange", "label")


def tag_dates(doc: Document) -> None:
    year = context.letter_year(doc)
    letter = context.letter_date(doc)
    month = int(letter[5:7]) if letter and len(letter) >= 7 else None
    for block in doc.blocks():
        for found in find_dates(block.text, year, default_month=month):
            if not block.free(found.start, found.end, BARRIERS):
                continue
            if context.in_atomic_title(doc, block, found.start, found.end):
                continue
            if block.add_span(found.start, found.end, "date", layer=70, **found.attrs) is None:
                continue
            if found.attrs.get("datingMethod") == "#julian":
                doc.facts.setdefault("calendars", set()).add("julian")
