"""Dates: find date expressions in text and normalise them to ISO 8601 TEI attributes."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
    "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}
_MONTH = r"(?P<{name}>January|February|March|April|May|June|July|August|September|October|November|December)"
_DAY = r"(?P<{name}>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<{name}>1[5-9]\d\d|20\d\d)"


def _m(name: str) -> str:
    return _MONTH.format(name=name)


def _d(name: str) -> str:
    return _DAY.format(name=name)


def _y(name: str) -> str:
    return _YEAR.format(name=name)


@dataclass
class DateMatch:
    """A date found in text: its character range and the TEI attributes it normalises to."""

    start: int
    end: int
    attrs: dict[str, str] = field(default_factory=dict)


_PATTERNS: list[tuple[re.Pattern[str], str]] = [
    # 8 October 1923 / 8th October, 1923
    (re.compile(rf"\b{_d('d')}\s+{_m('m')},?\s+{_y('y')}\b"), "dmy"),
    # October 8, 1923
    (re.compile(rf"\b{_m('m')}\s+{_d('d')},?\s+{_y('y')}\b"), "mdy"),
    # May 1990
    (re.compile(rf"\b{_m('m')},?\s+{_y('y')}\b"), "my"),
]


def _iso(y: str, m: int | None = None, d: str | None = None) -> str | None:
    if m is None:
        return y
    if d is None:
        return f"{y}-{m:02d}"
    day = int(d)
    if not 1 <= day <= 31:
        return None
    return f"{y}-{m:02d}-{day:02d}"


def find_dates(text: str) -> list[DateMatch]:
    """All non-overlapping date expressions in ``text``, longest first where they compete."""
    found: list[DateMatch] = []
    for pattern, kind in _PATTERNS:
        for match in pattern.finditer(text):
            if any(f.start < match.end() and match.start() < f.end for f in found):
                continue
            month = MONTHS[match.group("m").lower()]
            day = match.group("d") if "d" in match.re.groupindex else None
            when = _iso(match.group("y"), month, day)
            if when:
                found.append(DateMatch(match.start(), match.end(), {"when": when}))
    return sorted(found, key=lambda f: f.start)


def parse_date_line(text: str) -> DateMatch | None:
    """The date when ``text`` is nothing but a date (trailing full stop allowed), else None."""
    stripped = text.strip().rstrip(".")
    matches = find_dates(stripped)
    if len(matches) == 1 and matches[0].start == 0 and matches[0].end == len(stripped):
        return matches[0]
    return None


DATELINE_PLACE = re.compile(r"^(?P<place>[A-ZА-Я][^\d,;:.!?]{1,40}),\s+(?P<date>.+)$")


def parse_dateline(text: str) -> DateMatch | None:
    """The date of a dateline: a date alone, or after a place ("Moscow, 8 October 1923").

    Offsets in the result are relative to ``text``.
    """
    found = parse_date_line(text)
    if found:
        return found
    match = DATELINE_PLACE.match(text.strip())
    if match:
        inner = parse_date_line(match.group("date"))
        if inner:
            offset = len(text) - len(text.lstrip()) + match.start("date")
            return DateMatch(inner.start + offset, inner.end + offset, inner.attrs)
    return None
