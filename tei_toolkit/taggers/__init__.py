"""Taggers enrich a Document with inline spans and authority records, one concern each.

A tagger is a callable ``(doc: Document) -> None``. They run in the order of
``TAGGERS``: structure first, so that later taggers never cut across a note marker or
an editorial interpolation (``Block.add_span`` refuses crossing spans).
"""
from __future__ import annotations

from typing import Callable

from ..document import Document
from .archival import tag_archival
from .bibliography import tag_bibliography
from .dates import tag_dates
from .entities import tag_entities
from .events import tag_event_dates
from .notes import tag_notes
from .places import tag_places
from .standoff import tag_standoff
from .structure import tag_structure

Tagger = Callable[[Document], None]

TAGGERS: list[Tagger] = [tag_structure, tag_notes, tag_archival, tag_bibliography, tag_entities, tag_places, tag_dates,
                         tag_event_dates, tag_standoff]


def run_taggers(doc: Document, taggers: list[Tagger] | None = None) -> Document:
    """Apply each tagger in turn; returns the same document for chaining."""
    for tagger in TAGGERS if taggers is None else taggers:
        tagger(doc)
    return doc
