"""Event names with their dates: ``<name type="event" ref when|from|to …>``.

Runs after the date tagger. A mention of an event carries the dates the text gives it
("the Plenum of 23-25 October 1923", "the XVth Congress (2-19 December 1927)") or,
when the text gives none, the dates of its authority record. The text's dates win
where they refine the record's ("2-19 December 1927" for a congress of "1927"). A
provisional record takes the text's dates too, so its standOff copy is dated. ``name`` is att.datable in TEI and in the project
grammar.
"""
from __future__ import annotations

import re

from ..authority import Authority
from ..document import Block, Document, Span
from . import context
from .entities import NAME_TAGS, mention_attrs

DATING = ("when", "from", "to", "notBefore", "notAfter", "when-custom", "datingMethod")
# What may stand between an event's name and the date the text gives it: "the Plenum of
# 23-25 October", "the Ninth Congress (March-April 1920)", "the Congress in December 1927";
# not "on" (a day of a longer event: "the XIVth Congress on 20 December") nor a comma
# (a caption's or title's own date).
DATE_AFTER = re.compile(r"\s(?:\(|(?:of|in|held in|met in)\s)")
OWNER = re.compile(r"\s+(?:of|and)\s+(?:the\s+)?")
# "the Plenum of 25-27 October 1923": an event word and a date, without a body named.
DATED_EVENT = re.compile(r"(?<![\w-])(?P<kind>Plenum|Congress|Conference)(?=\s(?:of\s|\()\s?\d)")


def _end_of_owner(block: Block, end: int) -> int:
    """Past the body whose event it is: "the Seventh Plenum| of the ECCI| (22 November …)"."""
    while (owner := OWNER.match(block.text, end)) is not None:
        body = next((s for s in block.spans if s.start == owner.end() and s.tag in ("orgName", "placeName")), None)
        if body is None:
            break
        end = body.end
    return end


def _text_date(block: Block, name: Span) -> Span | None:
    """The date the text gives the event: inside its name ("September (1923) Plenum"), or right
    after it or after the body it belongs to."""
    joint = DATE_AFTER.match(block.text, _end_of_owner(block, name.end))
    for span in block.spans:
        if span.tag == "date" and ((joint and span.start == joint.end()) or name.contains(span)):
            return span
    return None


def _dating(attrs: dict[str, str]) -> dict[str, str]:
    return {k: v for k, v in attrs.items() if k in DATING and v}


def _refines(given: dict[str, str], known: dict[str, str]) -> bool:
    """The text's dates say more than the record's and agree with them ("2-19 December 1927"
    for a congress of "1927")."""
    first = given.get("when") or given.get("from") or given.get("notBefore") or ""
    start = known.get("when") or known.get("from") or known.get("notBefore") or ""
    return len(first) > len(start) and first.startswith(start)


def _dated_events(block: Block, authority: Authority) -> None:
    """"the Plenum of 25-27 October 1923": the event of that kind whose dates the text gives
    (a provisional record when the authority file has none)."""
    for m in DATED_EVENT.finditer(block.text):
        if not block.free(m.start(), m.end(), NAME_TAGS):
            continue
        name = Span(m.start(), m.end(), "name")
        date = _text_date(block, name)
        first = (date.attrs.get("when") or date.attrs.get("from") or "") if date is not None else ""
        if len(first) < 7:
            continue  # a month at least: "the Congress of 1927" may be any of several
        kind = m["kind"].lower()
        record = next((r for r in authority.records.values() if r.kind == "event" and r.element.get("type") == kind
                       and (r.element.get("from") == first or first.startswith(r.element.get("when") or "-"))), None)
        record = record or authority.provisional("event", m["kind"], "event word and the date the text gives",
                                                 base_id=f"{kind}-{first}")
        block.add_span(m.start(), m.end(), "name", layer=60, **mention_attrs(record))


def tag_event_dates(doc: Document) -> None:
    """Find events dated by the text alone; give every event mention the dates of the text,
    else of its record."""
    authority = context.authority(doc)
    for block in doc.blocks():
        _dated_events(block, authority)
        for span in block.spans:
            if span.tag != "name" or span.attrs.get("type") != "event":
                continue
            record = authority.get(span.attrs.get("ref", ""))
            if record is None:
                continue
            known = _dating(dict(record.element.attrib))
            date = _text_date(block, span)
            given = _dating(date.attrs) if date is not None else {}
            dating = given if given and (not known or _refines(given, known)) else known
            if given and not known and record.provisional:  # authority records are shared: never changed
                for key, value in given.items():
                    record.element.set(key, value)
            span.attrs.update(dating)
