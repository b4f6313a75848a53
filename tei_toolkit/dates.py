"""Dates: find date expressions in English text and normalise them to TEI attributes.

``find_dates`` recognises full dates in several national styles ("8 October 1923",
"October 8, 1923", "March 12th, 1919", "12.III.1919", ISO "1919-03-12"), ranges
("17-25 April 1923", "June-July 1921", life dates "1881-1938", "1922-25"), Old/New Style
pairs ("12 March (27 February O.S.) 1919": ``@when`` Gregorian, ``@when-custom`` Julian),
seasons and parts of months (``@notBefore``/``@notAfter``), months and years alone, and
dates without a year, whose year comes from the nearest preceding explicit year in the
same text or from a default (the letter's own year), flagged ``@cert="medium"``.

Numbers that only look like years are kept out: page ranges ("pp. 165-175"), volumes,
issue numbers ("#11(81)"), index bases ("1913=100"), percentages, addresses (URLs).
"""
from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, field

from .scan import ScannedText

MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
    "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}
ROMAN_MONTHS = {"I": 1, "II": 2, "III": 3, "IV": 4, "V": 5, "VI": 6, "VII": 7, "VIII": 8,
                "IX": 9, "X": 10, "XI": 11, "XII": 12}
SEASONS = {"spring": ((3, 1), (5, 31), 0), "summer": ((6, 1), (8, 31), 0),
           "autumn": ((9, 1), (11, 30), 0), "fall": ((9, 1), (11, 30), 0),
           "winter": ((12, 1), (2, None), 1)}
# Parts of a month: "early November" = days 1-10, "mid-November" 11-20, "late" 21-end.
MONTH_PARTS = {"early": (1, 10), "beginning of": (1, 10), "mid": (11, 20), "mid-": (11, 20),
               "middle of": (11, 20), "late": (21, None), "end of": (21, None),
               "first half of": (1, 15), "second half of": (16, None)}

_MON_FULL = r"January|February|March|April|May|June|July|August|September|October|November|December"
_MON_ABBR = r"Jan\.|Feb\.|Mar\.|Apr\.|Jun\.|Jul\.|Aug\.|Sept?\.|Oct\.|Nov\.|Dec\."
MON = rf"(?:{_MON_FULL}|{_MON_ABBR})"
MON_FULL = rf"(?:{_MON_FULL})"
DAY = r"(?:[0-3]?\d)(?:st|nd|rd|th)?"
YEAR = r"(?:1[6-9]\d\d|20\d\d)"
DASH = r"(?:\s?[-–—]\s?|\s+to\s+)"
SEASON = r"(?:[Ss]pring|[Ss]ummer|[Aa]utumn|[Ff]all|[Ww]inter)"
ROMAN = r"(?:XII|XI|X|IX|VIII|VII|VI|V|IV|III|II|I)"
OLD_STYLE = r"(?:O\.\s?S\.|o\.\s?s\.|[Oo]ld [Ss]tyle)"
NEW_STYLE = r"(?:N\.\s?S\.|n\.\s?s\.|[Nn]ew [Ss]tyle)"
_B = r"(?<![\w.\-/])"   # no date starts inside a word, a number or a path
_E = r"(?![\w\-/]|\.\d)"  # ... or ends inside one

# Stretches of text where numbers are never dates.
NOT_DATES = re.compile(
    r"\b(?:pp?|vols?|ch|art|para|fig|tab)\.\s?\d+(?:\s?[-–]\s?\d+)?(?:\s?,\s?\d+(?:\s?[-–]\s?\d+)?)*"
    r"|\bnos?\.\s?\d+(?:/\d+)?"  # "No. 229, 29 September 1927": the date after an issue number stays
    r"|#\s?\d+(?:\s?\(\d+\))?"
    r"|\b\d+\s?=\s?\d+"
    r"|\b\d+(?:[.,]\d+)?\s?(?:%|per\s?cent|percent)"
    r"|\b(?:https?://|www\.)\S+"
    r"|\b(?:fond|f\.|opis[’'ʹ]?|op\.|delo|d\.|listy?|ll?\.)\s?\d+(?:\s?[-–]\s?\d+)?",
    re.IGNORECASE)


@dataclass
class DateMatch:
    """A date found in text: its character range and the TEI attributes it normalises to."""

    start: int
    end: int
    attrs: dict[str, str] = field(default_factory=dict)
    # The year was not written but inferred (from context or the default year).
    inferred: bool = False


def _month(name: str) -> int:
    return MONTHS[name.lower().rstrip(".")]


def _day(text: str) -> int:
    return int(re.match(r"\d+", text).group(0))


def _iso(year: int, month: int | None = None, day: int | None = None) -> str | None:
    """ISO 8601 date of the given precision, None when the day does not exist."""
    if month is None:
        return f"{year:04d}"
    if not 1 <= month <= 12:
        return None
    if day is None:
        return f"{year:04d}-{month:02d}"
    if not 1 <= day <= calendar.monthrange(year, month)[1]:
        return None
    return f"{year:04d}-{month:02d}-{day:02d}"


def _last_day(year: int, month: int) -> int:
    return calendar.monthrange(year, month)[1]


def julian_to_gregorian(year: int, month: int, day: int) -> tuple[int, int, int]:
    """Convert a Julian (Old Style) calendar date to the Gregorian (New Style) one."""
    a = (14 - month) // 12
    y = year + 4800 - a
    m = month + 12 * a - 3
    jdn = day + (153 * m + 2) // 5 + 365 * y + y // 4 - 32083
    # Gregorian calendar from the Julian day number.
    a = jdn + 32044
    b = (4 * a + 3) // 146097
    c = a - 146097 * b // 4
    d = (4 * c + 3) // 1461
    e = c - 1461 * d // 4
    m = (5 * e + 2) // 153
    return (100 * b + d - 4800 + m // 10, m + 3 - 12 * (m // 10), e - (153 * m + 2) // 5 + 1)


def _range(attrs_from: str | None, attrs_to: str | None) -> dict[str, str] | None:
    if not attrs_from or not attrs_to or attrs_from >= attrs_to:
        return None
    return {"from": attrs_from, "to": attrs_to}


def _span(year: int, first: tuple[int, int], last: tuple[int, int | None], carry: int = 0) -> dict[str, str]:
    end_year = year + carry
    end_day = last[1] or _last_day(end_year, last[0])
    return {"notBefore": _iso(year, *first), "notAfter": _iso(end_year, last[0], end_day)}


# --- the patterns: (regex, builder). A builder gets the match and the year to use for
# year-less dates and returns the attributes (None: not a date after all).

def _b_old_new(m: re.Match, year: int | None) -> dict | None:
    """An outer date with its equivalent in the other calendar in parentheses."""
    y = int(m["y"]) if m["y"] else year
    if y is None:
        return None
    outer, inner = (_month(m["m1"]), _day(m["d1"])), (_month(m["m2"]), _day(m["d2"]))
    inner_is_old = re.fullmatch(OLD_STYLE, m["style"]) is not None
    # Across New Year the Julian date lies in the previous year.
    inner_year = y
    if inner_is_old and inner[0] == 12 and outer[0] == 1:
        inner_year = y - 1
    elif not inner_is_old and inner[0] == 1 and outer[0] == 12:
        inner_year = y + 1
    outer_iso, inner_iso = _iso(y, *outer), _iso(inner_year, *inner)
    new, old = (outer_iso, inner_iso) if inner_is_old else (inner_iso, outer_iso)
    if not new or not old:
        return None
    return {"when": new, "when-custom": old, "datingMethod": "#julian"}


def _b_julian_pair(m: re.Match, year: int | None) -> dict | None:
    """"8 (21) November 1917", "31 October (13 November) 1917": a Julian date with its Gregorian
    equivalent in parentheses and no O.S. mark, taken only when the two are the same day."""
    groups = m.groupdict()
    y, old_month, new_month = int(m["y"]), _month(groups.get("m1") or m["m"]), _month(groups.get("m2") or m["m"])
    old_year = y - 1 if (old_month, new_month) == (12, 1) else y
    old, new = _iso(old_year, old_month, _day(m["d1"])), _iso(y, new_month, _day(m["d2"]))
    if not old or not new or _iso(*julian_to_gregorian(old_year, old_month, _day(m["d1"]))) != new:
        return None
    return {"when": new, "when-custom": old, "datingMethod": "#julian"}


def _b_old_only(m: re.Match, year: int | None) -> dict | None:
    """A Julian date marked "O.S." alone: its Gregorian equivalent is computed."""
    y, month, day = int(m["y"]), _month(m["m"]), _day(m["d"])
    if not _iso(y, month, day):
        return None
    return {"when": _iso(*julian_to_gregorian(y, month, day)), "when-custom": _iso(y, month, day),
            "datingMethod": "#julian"}


def _b_day_range(m: re.Match, year: int | None) -> dict | None:
    y2 = int(m["y2"]) if m["y2"] else year
    if y2 is None:
        return None
    m2 = _month(m["m2"])
    m1 = _month(m["m1"]) if m.groupdict().get("m1") else m2
    # "28 December to 10 January [1928]": a range written with one year crosses New Year
    y1 = int(m["y1"]) if m.groupdict().get("y1") else (y2 - 1 if m1 > m2 else y2)
    return _range(_iso(y1, m1, _day(m["d1"])), _iso(y2, m2, _day(m["d2"])))


def _b_full(m: re.Match, year: int | None) -> dict | None:
    y = int(m["y"]) if m["y"] else year
    if y is None:
        return None
    if "mr" in m.groupdict() and m["mr"]:
        month = ROMAN_MONTHS[m["mr"]]
    elif "mn" in m.groupdict() and m["mn"]:
        month = int(m["mn"])
    else:
        month = _month(m["m"])
    when = _iso(y, month, _day(m["d"]))
    return {"when": when} if when else None


def _b_month_range(m: re.Match, year: int | None) -> dict | None:
    y2 = int(m["y2"])
    y1 = int(m["y1"]) if m["y1"] else y2
    return _range(_iso(y1, _month(m["m1"])), _iso(y2, _month(m["m2"])))


def _b_season(m: re.Match, year: int | None) -> dict | None:
    y = int(m["y"]) if m["y"] else year
    if y is None:
        return None
    first = SEASONS[m["s1"].lower()]
    last = SEASONS[(m["s2"] or m["s1"]).lower()]
    return _span(y, first[0], last[1], last[2])


def _b_month_part(m: re.Match, year: int | None) -> dict | None:
    y = int(m["y"]) if m["y"] else year
    if y is None:
        return None
    month = _month(m["m"])
    first, last = MONTH_PARTS[re.sub(r"\s+", " ", m["part"].lower())]
    return {"notBefore": _iso(y, month, first), "notAfter": _iso(y, month, last or _last_day(y, month))}


def _b_month(m: re.Match, year: int | None) -> dict | None:
    y = int(m["y"]) if m["y"] else year
    return {"when": _iso(y, _month(m["m"]))} if y else None


def _b_year_range(m: re.Match, year: int | None) -> dict | None:
    first, second = m["y1"], m["y2"]
    if len(second) == 2:
        second = first[:2] + second
    return _range(first, second)


def _b_decade(m: re.Match, year: int | None) -> dict | None:
    y = int(m["y"])
    return {"notBefore": f"{y:04d}", "notAfter": f"{y + 9:04d}"} if y % 10 == 0 else None


def _b_year(m: re.Match, year: int | None) -> dict | None:
    return {"when": m["y"]}


def _p(pattern: str, flags: int = 0) -> re.Pattern[str]:
    return re.compile(_B + pattern + _E, flags)


# Earlier patterns win where matches overlap with the same length; longer matches win first.
PATTERNS: list[tuple[re.Pattern[str], object, bool]] = [
    # 12 March (27 February O.S.) 1919; 27 February (12 March N.S.) 1919
    (_p(rf"(?P<d1>{DAY})\s(?P<m1>{MON})\s?\((?P<d2>{DAY})\s(?P<m2>{MON})\s(?P<style>{OLD_STYLE}|{NEW_STYLE})\),?\s(?P<y>{YEAR})"), _b_old_new, False),
    # 12 March 1919 (27 February O.S.)
    (_p(rf"(?P<d1>{DAY})\s(?P<m1>{MON}),?\s(?P<y>{YEAR})\s?\((?P<d2>{DAY})\s(?P<m2>{MON})\s(?P<style>{OLD_STYLE}|{NEW_STYLE})\)"), _b_old_new, False),
    # 4 January (22 December O.S.): the year from context
    (_p(rf"(?P<d1>{DAY})\s(?P<m1>{MON})\s?\((?P<d2>{DAY})\s(?P<m2>{MON})\s(?P<style>{OLD_STYLE}|{NEW_STYLE})\)(?P<y>)"), _b_old_new, True),
    # 8 (21) November 1917; 31 October (13 November) 1917: Julian first, unmarked
    (_p(rf"(?P<d1>{DAY})\s\((?P<d2>{DAY})\)\s(?P<m>{MON}),?\s(?P<y>{YEAR})"), _b_julian_pair, False),
    (_p(rf"(?P<d1>{DAY})\s(?P<m1>{MON})\s\((?P<d2>{DAY})\s(?P<m2>{MON})\),?\s(?P<y>{YEAR})"), _b_julian_pair, False),
    # 25 October 1917 (O.S.); 25 October (O.S.) 1917
    (_p(rf"(?P<d>{DAY})\s(?P<m>{MON}),?\s(?P<y>{YEAR}),?\s?\({OLD_STYLE}\)"), _b_old_only, False),
    (_p(rf"(?P<d>{DAY})\s(?P<m>{MON})\s?\({OLD_STYLE}\),?\s(?P<y>{YEAR})"), _b_old_only, False),
    # 17-25 April 1923; 30 April - 2 May 1923; 31 December 1922 - 2 January 1923
    (_p(rf"(?P<d1>{DAY}){DASH}(?P<d2>{DAY})\s(?P<m2>{MON}),?(?:\s(?P<y2>{YEAR}))?"), _b_day_range, True),
    (_p(rf"(?P<d1>{DAY})\s(?P<m1>{MON}){DASH}(?P<d2>{DAY})\s(?P<m2>{MON}),?(?:\s(?P<y2>{YEAR}))?"), _b_day_range, True),
    (_p(rf"(?P<d1>{DAY})\s(?P<m1>{MON}),?\s(?P<y1>{YEAR}){DASH}(?P<d2>{DAY})\s(?P<m2>{MON}),?\s(?P<y2>{YEAR})"), _b_day_range, False),
    # April 17-25, 1923
    (_p(rf"(?P<m2>{MON})\s(?P<d1>{DAY}){DASH}(?P<d2>{DAY}),?\s(?P<y2>{YEAR})"), _b_day_range, False),
    # 8 October 1923; October 8, 1923; March 12th, 1919; the 12th of March, 1919
    (_p(rf"(?P<d>{DAY})\s(?:of\s)?(?P<m>{MON}),?\s(?P<y>{YEAR})"), _b_full, False),
    (_p(rf"(?P<m>{MON})\s(?P<d>{DAY}),?\s(?P<y>{YEAR})"), _b_full, False),
    # 12.III.1919, 12. III. 1919, 12/III/1919; 12.03.1919
    (_p(rf"(?P<d>[0-3]?\d)[./]\s?(?P<mr>{ROMAN})[./]\s?(?P<y>{YEAR})"), _b_full, False),
    (_p(rf"(?P<d>[0-3]?\d)\.(?P<mn>[01]?\d)\.(?P<y>{YEAR})"), _b_full, False),
    # ISO 1919-03-12
    (re.compile(rf"(?<![\w\-/])(?P<y>{YEAR})-(?P<mn>[01]\d)-(?P<d>[0-3]\d)(?![\w\-/])"), _b_full, False),
    # June-July 1921; December 1922 - January 1923
    # (not when a day precedes: "6 September 1918 to July 1919" is a day joined to a month)
    (_p(rf"(?<!\d\s)(?P<m1>{MON_FULL})(?:,?\s(?P<y1>{YEAR}))?{DASH}(?P<m2>{MON_FULL}),?\s(?P<y2>{YEAR})"), _b_month_range, False),
    # the winter of 1925-26
    (_p(rf"(?P<s1>[Ww]inter)(?:\sof)?,?\s(?P<y>{YEAR})[-–/](?:{YEAR}|\d\d)(?P<s2>)"), _b_season, False),
    # spring of 1921; the spring and summer of 1923; winter 1922
    (_p(rf"(?P<s1>{SEASON})(?:\s(?:and|or|-|to)\s(?P<s2>{SEASON}))?(?:\sof)?,?\s(?P<y>{YEAR})"), _b_season, False),
    # "in the summer" (the year from context)
    (re.compile(rf"(?<=\bthe )(?P<s1>{SEASON})(?:\s(?:and|or)\s(?P<s2>{SEASON}))?(?P<y>)(?!\s(?:of\s)?\d)(?![\w-])"), _b_season, True),
    # early November; late March 1921; mid-May
    (_p(rf"(?P<part>[Ee]arly|[Ll]ate|[Mm]id-|[Mm]id|[Bb]eginning of|[Mm]iddle of|[Ee]nd of|[Ff]irst half of|[Ss]econd half of)\s?(?P<m>{MON_FULL})(?:,?\s(?P<y>{YEAR}))?"), _b_month_part, True),
    # May 1990; September (1923); March of 1921
    (_p(rf"(?P<m>{MON_FULL}),?\s(?:of\s)?(?P<y>{YEAR})"), _b_month, False),
    (_p(rf"(?P<m>{MON_FULL})\s\((?P<y>{YEAR})\)"), _b_month, False),
    # 19 September; November 14 (the year from context)
    (_p(rf"(?P<d>{DAY})\s(?P<m>{MON_FULL})(?P<y>)"), _b_full, True),
    (_p(rf"(?P<m>{MON_FULL})\s(?P<d>[0-3]?\d(?:st|nd|rd|th)?)(?P<y>)(?!\s?(?:[:\d]|{YEAR}))"), _b_full, True),
    # 1881-1938; 1922-25; 1918-19
    (_p(rf"(?P<y1>{YEAR})[-–—](?P<y2>{YEAR}|\d\d)"), _b_year_range, False),
    # the 1920s
    (_p(rf"(?P<y>{YEAR})[’']?s"), _b_decade, False),
    # 1989; in 1923
    (_p(rf"(?P<y>{YEAR})"), _b_year, False),
]


# A bare month name is a date only after one of these words ("in July", "by August").
_BARE_MONTH_CUES = ["in", "In", "since", "Since", "until", "till", "by", "By", "during", "During",
                    "and", "or"]
# "May" is also a verb: after "and"/"or" it is not taken as the month.
_MAY_CUES = [cue for cue in _BARE_MONTH_CUES if cue not in ("and", "or")]
BARE_MONTH = re.compile("(?:(?:" + "|".join(rf"(?<=\b{cue} )" for cue in _BARE_MONTH_CUES) + r")(?!May\b)"
                        + "|(?:" + "|".join(rf"(?<=\b{cue} )" for cue in _MAY_CUES) + r")(?=May\b))"
                        + rf"(?P<m>{MON_FULL})(?P<y>)(?![\w\-]|\s\(?\d)")
# A month naming a meeting ("the September Plenum").
MONTH_OF_MEETING = re.compile(rf"(?<![\w-])(?P<m>{MON_FULL})(?P<y>)(?=\s+(?:Joint\s+)?(?:Plenum|Conference)\b)")


# "In 1927", "during 1927" are the time of what follows ("born in 1891" is not); checked right
# before a bare year.
YEAR_OF_EVENTS = re.compile(r"(?<!born\s)(?<!died\s)\b(?:[Ii]n|[Dd]uring|[Ss]ince|[Bb]y the end of)\s$")


def _blocked(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in NOT_DATES.finditer(text)]


def find_dates(text: str, default_year: int | str | None = None, bare_months: bool = True,
               default_month: int | None = None) -> list[DateMatch]:
    """All non-overlapping date expressions in ``text``, in order, longest first where they compete.

    A date written without a year takes the nearest preceding explicit year in ``text``,
    else ``default_year``; without either it is left out. ``default_month`` is the month of
    the letter's own date: a year-less month more than half a year after it lies in the
    year before ("28 December" in a letter of 17 January 1928 is 1927-12-28).
    """
    blocked: list[tuple[int, int]] | None = None  # found when the first candidate is
    probe_year = int(default_year) if default_year else 2000  # a leap year: 29 February may exist
    candidates: list[tuple[int, int, int, re.Match, object, bool]] = []
    patterns = PATTERNS + ([(BARE_MONTH, _b_month, True), (MONTH_OF_MEETING, _b_month, True)] if bare_months else [])
    scanned = ScannedText(text)
    for priority, (pattern, builder, yearless) in enumerate(patterns):
        for m in scanned.finditer(pattern):
            if blocked is None:
                blocked = _blocked(text)
            if any(b0 < m.end() and m.start() < b1 for b0, b1 in blocked):
                continue
            if not builder(m, probe_year):  # "31 February 1923" gives way to "February 1923"
                continue
            candidates.append((m.start(), m.end(), priority, m, builder, yearless))
    candidates.sort(key=lambda c: (-(c[1] - c[0]), c[2], c[0]))
    chosen: list[tuple[int, int, int, re.Match, object, bool]] = []
    for cand in candidates:
        if any(c[0] < cand[1] and cand[0] < c[1] for c in chosen):
            continue
        chosen.append(cand)
    chosen.sort(key=lambda c: c[0])
    found: list[DateMatch] = []
    last_year = int(default_year) if default_year else None
    context_year: int | None = None
    for start, end, _, m, builder, yearless in chosen:
        has_year = bool(re.search(YEAR, m.group(0)))
        year = context_year or last_year
        attrs = builder(m, year)
        if not attrs or not all(attrs.values()):
            continue
        inferred = yearless and not has_year
        first = attrs.get("when") or attrs.get("from") or attrs.get("notBefore") or ""
        if inferred and not context_year and default_month and first[:4] == str(year) and \
                int(first[5:7] or default_month) - default_month > 6:
            attrs = builder(m, year - 1) or attrs
        if inferred:
            attrs["cert"] = "medium"
        elif any(len(v) >= 7 for v in attrs.values()) or YEAR_OF_EVENTS.search(text, 0, start):
            # Only a date with a month, or a year told as the time of events ("In 1927 …"),
            # sets the year of later year-less dates: life dates and bare years in passing
            # ("(1884-1938)", "b. 1891") do not.
            context_year = int(re.findall(YEAR, m.group(0))[-1])
        found.append(DateMatch(start, end, attrs, inferred))
    return _join_ranges(text, found)


def _join_ranges(text: str, found: list[DateMatch]) -> list[DateMatch]:
    """"November 1922 to 4 February 1923": two dates joined by "to" or a dash are one range."""
    joined: list[DateMatch] = []
    for date in found:
        previous = joined[-1] if joined else None
        if (previous and "when" in previous.attrs and "when" in date.attrs and not previous.inferred
                and not date.inferred and re.fullmatch(r"\s+to\s+|\s?[-–—]\s?", text[previous.end:date.start])
                and previous.attrs["when"] < date.attrs["when"]):
            joined[-1] = DateMatch(previous.start, date.end, {"from": previous.attrs["when"], "to": date.attrs["when"]})
            continue
        joined.append(date)
    return joined


def parse_date_line(text: str) -> DateMatch | None:
    """The date when ``text`` is nothing but a date (trailing full stop allowed), else None."""
    stripped = text.strip().rstrip(".")
    matches = find_dates(stripped, bare_months=False)
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
