"""The fast matchers find exactly what the plain regular expressions find."""
from __future__ import annotations

import re

import pytest

from tei_toolkit import dates
from tei_toolkit.authority import load_authority
from tei_toolkit.scan import ScannedText, starter
from tei_toolkit.taggers.entities import _name_forms, _name_pattern, name_matcher

from conftest import ROOT

EDITIONS = sorted([*ROOT.glob("corpus/*.txt"), *ROOT.glob("tests/data/*/*.txt")])
DATE_PATTERNS = [p for p, _, _ in dates.PATTERNS] + [dates.BARE_MONTH, dates.MONTH_OF_MEETING]
TRICKY = ["aaa", "Mid-May, mid June; the summer", "1923-10-08 12.III.1919 1920s", "MayMay May",
          "x8 October 1923", "8 October 1923", "/8 October 1923", "", "in May and in June"]


def _spans(matches) -> list[tuple[tuple[int, int], dict]]:
    return [(m.span(), m.groupdict()) for m in matches]


def texts() -> list[str]:
    found = list(TRICKY)
    for path in EDITIONS:
        text = path.read_text(encoding="utf-8")
        found += [text, *text.split("\n\n")]
    return found


def test_every_date_pattern_has_a_starter() -> None:
    assert all(starter(p) is not None for p in DATE_PATTERNS)
    assert starter(re.compile("a?")) is None  # may match the empty string
    assert starter(re.compile("(?i)may")) is None


@pytest.mark.parametrize("pattern", [*DATE_PATTERNS, dates.NOT_DATES, re.compile(r"(?<!a)aa"),
                                     re.compile(r"(?:ab|b)c"), re.compile(r"[^a]b")])
def test_scanned_text_finds_what_finditer_finds(pattern: re.Pattern[str]) -> None:
    for text in texts():
        assert _spans(ScannedText(text).finditer(pattern)) == _spans(pattern.finditer(text))


def test_name_matcher_finds_what_one_alternation_finds() -> None:
    authority = load_authority()
    name_ids: dict[str, str] = {}
    _name_forms(authority.records.values(), name_ids)
    ordered = sorted(name_ids, key=len, reverse=True)
    one = re.compile(r"(?<![\w’'-])(?:" + "|".join(_name_pattern(n) for n in ordered) + r")(?![\w-])")
    matcher = name_matcher(authority)
    for text in texts() + ["“Pravda” ’Pravda’ ʹPravdaʹ"]:
        assert [m.span() for m in matcher.finditer(text)] == [m.span() for m in one.finditer(text)]


def test_name_matcher_is_built_once_and_extended_by_provisional_records() -> None:
    authority = load_authority()
    first = authority.copy()
    assert name_matcher(first) is name_matcher(authority.copy())
    first.provisional("org", "Zyxwv Bureau", "test")
    extended = name_matcher(first)
    assert extended is not name_matcher(authority)
    assert [m.group() for m in extended.finditer("the Zyxwv Bureau met")] == ["Zyxwv Bureau"]
    assert list(name_matcher(authority).finditer("the Zyxwv Bureau met")) == []
