"""Where jing would point: line:column of the end of each start tag, end tag and text.

libxml2 reports the line where an element's start tag begins, jing (through the SAX
locator) the character after the end of the start tag, after the end of the end tag for
"incomplete" content, and after the text for text that is not allowed. This scans the raw
document once (it is known to be well-formed) to give those places for every element, in
document order, so reports can carry jing's line and column.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field

_TOKEN = re.compile(
    r"<!--.*?-->|<\?.*?\?>|<!\[CDATA\[.*?\]\]>|<!DOCTYPE(?:[^\[>]|\[.*?\])*>"
    r"|</[^>]*>|<(?:[^>\"']|\"[^\"]*\"|'[^']*')*>", re.S)


@dataclass
class ElementPlaces:
    """Offsets in the decoded text of one element's markup."""

    start_tag_end: int
    end_tag_end: int = 0
    child_tag_starts: list[int] = field(default_factory=list)  # children's '<', then the end tag's


class DocumentPositions:
    """Line/column (1-based, jing's convention) for the elements of one document."""

    def __init__(self, text: str):
        self.line_starts = [0] + [m.end() for m in re.finditer("\n", text)]
        self.elements: list[ElementPlaces] = []
        stack: list[ElementPlaces] = []
        for match in _TOKEN.finditer(text):
            token = match.group()
            if token.startswith(("<!", "<?")):
                continue
            if token.startswith("</"):
                places = stack.pop()
                places.child_tag_starts.append(match.start())
                places.end_tag_end = match.end()
                continue
            if stack:
                stack[-1].child_tag_starts.append(match.start())
            places = ElementPlaces(match.end())
            self.elements.append(places)
            if token.endswith("/>"):
                places.end_tag_end = match.end()
                places.child_tag_starts.append(match.end())
            else:
                stack.append(places)

    def line_col(self, offset: int) -> tuple[int, int]:
        """1-based line and the column of the character at ``offset``."""
        line = bisect_right(self.line_starts, offset)
        return line, offset - self.line_starts[line - 1] + 1

    @classmethod
    def from_bytes(cls, data: bytes, encoding: str | None) -> "DocumentPositions | None":
        """Positions of a document's bytes, or None when they cannot be decoded."""
        try:
            return cls(data.decode(encoding or "utf-8"))
        except (LookupError, UnicodeDecodeError):
            return None
