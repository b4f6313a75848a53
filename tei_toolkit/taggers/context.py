"""What taggers share about one document: its authority data, its own date, title ranges."""
from __future__ import annotations

import hashlib
import re
from pathlib import Path

from ..authority import Authority, authority_path, load_authority
from ..dates import find_dates
from ..document import Block, Document
from ..header import letter_date as _letter_date

YEAR = re.compile(r"(?<!\d)(1[6-9]\d\d|20\d\d)(?!\d)")


def authority(doc: Document) -> Authority:
    """The authority file, a fresh copy per document (provisional records are added to it)."""
    if "authority" not in doc.facts:
        doc.facts["authority"] = loaded_authority().copy()
    return doc.facts["authority"]


def loaded_authority() -> Authority:
    """The authority file as loaded (never add records to it: see ``authority``)."""
    return _loaded(authority_path())


_LOADED: dict[Path, tuple[str, Authority]] = {}


def _loaded(path: Path) -> Authority:
    """The parsed authority file, re-read only when its content changed (a corpus run reads it once)."""
    digest = hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else ""
    cached = _LOADED.get(path)
    if cached is None or cached[0] != digest:
        _LOADED[path] = (digest, load_authority(path))
    return _LOADED[path][1]


def letter_date(doc: Document) -> str | None:
    if "letter_date" not in doc.facts:
        doc.facts["letter_date"] = _letter_date(doc)
    return doc.facts["letter_date"]


def letter_year(doc: Document) -> int | None:
    """The year of the letter's own date: the default year of dates written without one."""
    when = letter_date(doc)
    return int(when[:4]) if when else None


def year_before(text: str, pos: int) -> int | None:
    """The nearest explicit year before ``pos`` in ``text``."""
    years = YEAR.findall(text[:pos])
    return int(years[-1]) if years else None


def sentence_date(text: str, pos: int, default_year: int | None) -> str | None:
    """The first date of the sentence around ``pos`` (its @when or @from)."""
    start = max(text.rfind(". ", 0, pos) + 1, 0)
    stop = text.find(". ", pos)
    sentence = text[start:stop if stop >= 0 else len(text)]
    for found in find_dates(sentence, default_year):
        value = found.attrs.get("when") or found.attrs.get("from") or found.attrs.get("notBefore")
        if value:
            return value
    return None


def mark_atomic(doc: Document, block: Block, start: int, end: int) -> None:
    """Record a title nothing may be marked inside (periodicals, transliterated titles)."""
    doc.facts.setdefault("atomic_titles", []).append((id(block), start, end))


def in_atomic_title(doc: Document, block: Block, start: int, end: int) -> bool:
    return any(b == id(block) and s < end and start < e for b, s, e in doc.facts.get("atomic_titles", []))


def tag_credits(tagger, block: Block) -> None:
    """Photo credits: "[Photo by Volunteer Marek / …]" names a photographer."""
    cues = tagger.rules.get("credit_cues", [])
    if not cues:
        return
    pattern = re.compile(r"(?:" + "|".join(re.escape(c) for c in cues) + r")\s+(?P<name>[A-Z][\w’'.-]*(?:\s[A-Z][\w’'.-]*){0,3})")
    for m in pattern.finditer(block.text):
        start, end = m.span("name")
        if not block.free(start, end, ("persName", "orgName", "placeName", "name")):
            continue
        name = m["name"].rstrip(".")
        end = start + len(name)
        record = tagger.authority.lookup(name)
        if record is None and " " not in name:  # one word: an agency or archive
            record = tagger.authority.provisional("org", name, "photo credit")
        elif record is None:
            surname = name.split()[-1]
            record = tagger.authority.provisional("person", name, "photo credit", surname=surname,
                                                  forenames=name.split()[:-1])
        tagger.mark(block, start, end, record)
