"""Fast, exact ``finditer`` for many patterns over one text.

The taggers' patterns start with a look-behind ("no date starts inside a word"), which
keeps Python's regex engine from skipping ahead to where a match can begin: it tries
every pattern at every character. A match can only begin with one of a few characters
(a digit, the capital of a month name), and those are found once per text with one fast
character-class scan; each pattern is then tried only there. The matches are exactly
those of ``pattern.finditer(text)``: look-behinds and ``\\b`` see the text before the
position tried, and a pattern whose first characters cannot be worked out is run as is.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterator

try:
    from re import _parser as _sre_parse  # Python 3.11+
except ImportError:  # Python 3.10
    import sre_parse as _sre_parse  # type: ignore[no-redef]

_CATEGORIES = {"CATEGORY_DIGIT": r"\d", "CATEGORY_NOT_DIGIT": r"\D", "CATEGORY_SPACE": r"\s",
               "CATEGORY_NOT_SPACE": r"\S", "CATEGORY_WORD": r"\w", "CATEGORY_NOT_WORD": r"\W"}
_ZERO_WIDTH = {"ASSERT", "ASSERT_NOT", "AT"}
_REPEATS = {"MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"}
PREFIX_LIMIT = 64  # literal prefixes followed at most (a pattern with more is scanned by its first characters)


class _Unknown(Exception):
    """A construct the first-character analysis does not follow: scan the plain way."""


def _class_item(op: str, av) -> str:
    if op == "LITERAL":
        return re.escape(chr(av))
    if op == "RANGE":
        return f"{re.escape(chr(av[0]))}-{re.escape(chr(av[1]))}"
    if op == "CATEGORY" and av.name in _CATEGORIES:
        return _CATEGORIES[av.name]
    raise _Unknown(op)


def _first(items) -> tuple[list[str], bool]:
    """The character-class items a match of ``items`` can begin with, and whether it can be empty."""
    parts: list[str] = []
    for op, av in items:
        name = op.name
        if name in _ZERO_WIDTH:
            continue
        if name == "LITERAL":
            return parts + [_class_item(name, av)], False
        if name == "IN":
            if any(item_op.name == "NEGATE" for item_op, _ in av):
                raise _Unknown(name)
            return parts + [_class_item(item_op.name, item_av) for item_op, item_av in av], False
        if name == "SUBPATTERN":
            if av[1] & re.IGNORECASE:  # (?i:...)
                raise _Unknown(name)
            sub, empty = _first(av[-1])
        elif name == "ATOMIC_GROUP":
            sub, empty = _first(av)
        elif name == "BRANCH":
            sub, empty = [], False
            for alternative in av[1]:
                alt_parts, alt_empty = _first(alternative)
                sub += alt_parts
                empty = empty or alt_empty
        elif name in _REPEATS:
            sub, empty = _first(av[2])
            empty = empty or av[0] == 0
        else:
            raise _Unknown(name)
        parts += sub
        if not empty:
            return parts, False
    return parts, True


def _literal_chars(items) -> list[str] | None:
    """The characters of a small class of literals ("[Ss]", "[01]"), else None."""
    chars: list[str] = []
    for op, av in items:
        if op.name == "LITERAL":
            chars.append(chr(av))
        elif op.name == "RANGE" and av[1] - av[0] < PREFIX_LIMIT:
            chars += [chr(c) for c in range(av[0], av[1] + 1)]
        else:
            return None
    return chars


def _prefixes(items) -> tuple[set[str], bool]:
    """Literal strings one of which every match of ``items`` begins with, and whether they are
    the whole matches (so that what follows ``items`` may lengthen them)."""
    found = {""}
    for op, av in items:
        name = op.name
        if name in _ZERO_WIDTH:
            continue
        complete = True
        if name == "LITERAL":
            longer = {chr(av)}
        elif name == "IN":
            chars = _literal_chars(av)
            if chars is None:
                return found, False
            longer = set(chars)
        elif name == "SUBPATTERN" and not av[1] & re.IGNORECASE:
            longer, complete = _prefixes(av[-1])
        elif name == "BRANCH":
            longer = set()
            for alternative in av[1]:
                alt_found, alt_complete = _prefixes(alternative)
                longer |= alt_found
                complete = complete and alt_complete
        else:
            return found, False
        if len(found) * len(longer) > PREFIX_LIMIT:
            return found, False
        found = {a + b for a in found for b in longer}
        if not complete:
            return found, False
    return found, True


@lru_cache(maxsize=None)
def starter(pattern: re.Pattern[str]) -> re.Pattern[str] | None:
    """A pattern found wherever a match of ``pattern`` can begin: the literal strings every
    match begins with ("January", "February", …), else the characters it can begin with
    ("[0-3\\d]"); None when that cannot be worked out (case-insensitive patterns, patterns
    that may match the empty string, constructs the analysis does not follow)."""
    if not isinstance(pattern.pattern, str) or pattern.flags & (re.IGNORECASE | re.VERBOSE):
        return None
    flags = pattern.flags & (re.ASCII | re.UNICODE)
    parsed = _sre_parse.parse(pattern.pattern, pattern.flags)
    prefixes, _ = _prefixes(parsed)
    if "" not in prefixes:
        return re.compile("|".join(re.escape(p) for p in sorted(prefixes, key=lambda p: (-len(p), p))), flags)
    try:
        parts, empty = _first(parsed)
    except _Unknown:
        return None
    if empty or not parts:
        return None
    return re.compile("[" + "".join(dict.fromkeys(parts)) + "]", flags)


class ScannedText:
    """One text that many patterns search: where each first-character class occurs is found once."""

    def __init__(self, text: str):
        self.text = text
        self._starts: dict[re.Pattern[str], list[int]] = {}

    def starts(self, begin: re.Pattern[str]) -> list[int]:
        """Every position where ``begin`` matches, overlapping ones included ("aa" in "aaa": 0, 1)."""
        found = self._starts.get(begin)
        if found is None:
            found = self._starts[begin] = []
            at = begin.search(self.text)
            while at is not None:
                found.append(at.start())
                at = begin.search(self.text, at.start() + 1)
        return found

    def finditer(self, pattern: re.Pattern[str]) -> Iterator[re.Match[str]]:
        """The matches of ``pattern.finditer(text)``, trying the pattern only where one can begin."""
        begin = starter(pattern)
        if begin is None:
            yield from pattern.finditer(self.text)
            return
        text, resume = self.text, 0
        for start in self.starts(begin):
            if start >= resume and (m := pattern.match(text, start)) is not None:
                yield m
                resume = m.end()  # never empty: the pattern cannot match the empty string
