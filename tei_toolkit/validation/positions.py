"""Where jing would point: line:column of the end of each start tag, end tag and text.

libxml2 reports the line where an element's start tag begins, jing (through the SAX
locator) the character after the end of the start tag, after the end of the end tag for
"incomplete" content, and after the text for text that is not allowed. This scans the raw
document once (it is known to be well-formed) to give those places for every element, in
document order, so reports can carry jing's line and column. Lines and columns are only
computed for the offsets actually reported.
"""
from __future__ import annotations

import re
from functools import cached_property
from operator import methodcaller

# group 1: comment, PI, CDATA or DOCTYPE (skipped); group 2: "/" of an end tag;
# group 3: "/" of an empty-element tag.
_TOKEN = re.compile(
    r"<(?:(!--.*?--|\?.*?\?|!\[CDATA\[.*?\]\]|!DOCTYPE[^\[>]*(?:\[.*?\][^>]*)?)>"
    r"|(/)[^>]*>"
    r"|[^>\"'/]*(?:(?:\"[^\"]*\"|'[^']*'|/(?!>))[^>\"'/]*)*(/)?>)", re.S)


_END_OF_GROUP_1 = methodcaller("end", 1)


class ElementPlaces:
    """Offsets in the decoded text of one element's markup."""

    __slots__ = ("start_tag_end", "end_tag_end", "child_tag_starts")

    def __init__(self, start_tag_end: int):
        self.start_tag_end = start_tag_end
        self.end_tag_end = 0
        self.child_tag_starts: list[int] = []  # each child's '<', then the end tag's


# Only start tags (group 1); comments, PIs, CDATA and DOCTYPE are consumed so that a "<"
# inside them is not taken for one.
_START_TAG = re.compile(
    r"<(?:!--.*?--|\?.*?\?|!\[CDATA\[.*?\]\]|!DOCTYPE[^\[>]*(?:\[.*?\][^>]*)?)>"
    r"|(<[^/!?][^>\"']*(?:(?:\"[^\"]*\"|'[^']*')[^>\"']*)*>)", re.S)


class DocumentPositions:
    """Line/column (1-based, jing's convention) for the elements of one document.

    ``start_tag_ends`` (one scan in C) is all that placing a finding on an element needs;
    ``elements`` (end tags and text too, for the RELAX NG diagnosis) is built on demand.
    """

    def __init__(self, text: str):
        self.text = text
        ends = map(_END_OF_GROUP_1, _START_TAG.finditer(text))
        self.start_tag_ends = [end for end in ends if end > 0]

    @cached_property
    def elements(self) -> list[ElementPlaces]:
        text = self.text
        elements: list[ElementPlaces] = []
        stack: list[ElementPlaces] = []
        append = elements.append
        for match in _TOKEN.finditer(text):
            skipped, end_tag, empty = match.group(1, 2, 3)
            if skipped is not None:
                continue
            if end_tag:
                places = stack.pop()
                places.child_tag_starts.append(match.start())
                places.end_tag_end = match.end()
                continue
            if stack:
                stack[-1].child_tag_starts.append(match.start())
            places = ElementPlaces(match.end())
            append(places)
            if empty:
                places.end_tag_end = match.end()
                places.child_tag_starts.append(match.end())
            else:
                stack.append(places)
        return elements

    def line_col(self, offset: int) -> tuple[int, int]:
        """1-based line and the column of the character at ``offset``."""
        line_start = self.text.rfind("\n", 0, offset) + 1
        return self.text.count("\n", 0, offset) + 1, offset - line_start + 1

    @classmethod
    def from_bytes(cls, data: bytes, encoding: str | None) -> "DocumentPositions | None":
        """Positions of a document's bytes, or None when they cannot be decoded."""
        codec = (encoding or "utf-8").lower()
        if codec in ("utf-8", "utf8"):
            codec = "utf-8-sig"
        try:
            return cls(data.decode(codec))
        except (LookupError, UnicodeDecodeError):
            return None
