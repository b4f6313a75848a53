"""Archival references: repository, fond, opis', delo, folios; and Houghton-style call numbers.

"RGASPI, fond 17, opis’ 2, delo 685, listy 53-68" and its abbreviated forms ("f. 17,
op. 2, d. 685, l. 3 ob.") become ``<bibl type="archival">`` with ``<orgName>``,
``<idno type="fond|opis|delo">`` and ``<citedRange unit="folio">``. The repository may be
written out in full with its acronym in parentheses (two orgName mentions of one record).
In a citation of several references separated by ";", a reference without a repository
inherits the previous one's and starts at its first component. Collections catalogued
by call number ("Houghton Library, Harvard University, bMS Russ 13.1, T 802a") get
``<idno type="collection">`` and ``<idno type="item">``. Repositories are linked to the
authority file; an unknown acronym gets a provisional record. The reference in the
letter's source line also describes the original (``doc.facts['original']``).
"""
from __future__ import annotations

import re

from ..authority import Authority, Record, normalise
from ..document import Block, Document
from . import context

_SEP = r"[\s,]*"
FOND = r"(?<![\w.])(?P<fond_kw>fond|f\.|F\.)\s*(?P<fond>[A-ZА-Я]?-?\d+[A-Za-zА-я]?)"
OPIS = r"(?<![\w.])(?P<opis_kw>opis[’'ʹ]?|op\.)\s*(?P<opis>\d+[A-Za-zА-я]?)"
DELO = r"(?<![\w.])(?P<delo_kw>delo|d\.|ed\.\s?khr\.)\s*(?P<delo>\d+[A-Za-zА-я]?)"
FOLIO_NUM = r"\d+(?:\s?ob\.)?"
FOLIOS = (rf"(?<![\w.])(?P<fol_kw>listy|list|ll\.|l\.)\s*(?P<fol_from>{FOLIO_NUM})"
          rf"(?:\s*[-–—]\s*(?P<fol_to>{FOLIO_NUM}))?")
REFERENCE = re.compile(rf"{FOND}(?:{_SEP}{OPIS})?(?:{_SEP}{DELO})?(?:{_SEP}{FOLIOS})?")
CALL_NUMBER = re.compile(r"(?<![\w.])(?P<coll>b?MS\s+[A-Z][a-z]+\s+\d+(?:\.\d+)*)\s*\)?\s*,?\s*"
                         r"(?P<item>(?:T|item|folder)\s?\d+[a-z]?)(?![\w])")
# "Nicolaevsky collection, box 372, folder 14" (Hoover and other Western archives).
BOX_FOLDER = re.compile(r"(?:(?P<coll>(?:[A-Z][\w’'.-]*\s){1,4}(?:[Cc]ollection|[Pp]apers|[Rr]ecords))\s*,\s*)?"
                        r"[Bb]ox\s(?P<box>\d+[a-z]?)(?:\s*,\s*[Ff]older\s(?P<folder>\d+[a-z]?))?(?![\w])")
# The parts a call number gives, by pattern: a word the text must hold for the pattern to be
# tried at all (most blocks hold none), and regex group -> idno/@type.
CALL_NUMBER_PARTS = ((CALL_NUMBER, "MS", {"coll": "collection", "item": "item"}),
                     (BOX_FOLDER, "ox ", {"coll": "collection", "box": "box", "folder": "folder"}))
# "Full Name (ACR), " or "ACR, " right before the first component.
# RGASPI, TsGAIPD, "GA RF", "TsGA SPb", "TsGA UdmR": an acronym with an optional short qualifier,
# three capitals or more in all.
_ACR = r"(?=[^,]*?(?:[A-ZА-Я][^,]*?){3})[A-ZА-Я][A-Za-zА-я]{1,11}(?:\s[A-ZА-Я][A-Za-zА-я]{0,4})?"
ACRONYM = re.compile(rf"(?:\((?P<acr>{_ACR})\)|(?<![\w’'-])(?P<bare>{_ACR}))\s*,\s*$")
CONNECTORS = {"of", "the", "and", "for", "on", "in", "named", "after", "imeni", "po", "i"}
CLAUSE_START = re.compile(r".*(?:[.;:(\[]\s|^)", re.S)


def _spelled_out(before: str, acronym: str) -> int | None:
    """Where the words that spell ``acronym`` out end ``before``: "Gosudarstvennyi arkhiv
    Astrakhanskoi oblasti" for GAAO, "Tsentral'nyi … dokumentov" for TsGAIPD (each word, or
    each part of a hyphenated word, gives the acronym's next one or two letters; "of", "the"
    may give none)."""
    found = list(re.finditer(r"[^\W\d_][\w’'ʹ]*", before))
    if not found or re.search(r"[^\w’'ʹ\s]\s*$", before):
        return None
    words, starts = [w.group(0).lower() for w in found], [w.start() for w in found]
    letters = acronym.replace(" ", "").lower()
    for first in range(len(words) - 1, max(-1, len(words) - 2 * len(letters) - 1), -1):
        if before[starts[first]].isupper() and _spells(words[first:], letters):
            return starts[first]
    return None


def _spells(words: list[str], letters: str) -> bool:
    if not words:
        return not letters
    word, rest = words[0], words[1:]
    takes = [k for k in (1, 2) if len(word) > k and letters[:k] == word[:k]]
    if word in CONNECTORS:
        takes.append(0)
    return any(_spells(rest, letters[k:]) for k in takes)


def _full_name(head: str, acronym_at: int, acronym: str, authority: Authority, record_id: str | None) -> int | None:
    """Where the full repository name before "(ACR)" starts in ``head``, if there is one."""
    before = head[:acronym_at].rstrip()
    if record_id:
        record = authority.get(record_id)
        for name in sorted(record.names if record else [], key=len, reverse=True):
            if normalise(before).endswith(normalise(name)) and len(name) > 4:
                return len(before) - len(name)
    spelled = _spelled_out(before, acronym)
    if spelled is not None:
        return spelled
    clause = CLAUSE_START.match(before)
    start = clause.end() if clause else 0
    first = re.search(r"[A-ZА-Я]", before[start:])
    return start + first.start() if first and len(before) - start - first.start() > 6 else None


class ArchivalTagger:
    def __init__(self, doc: Document):
        self.doc = doc
        self.authority = context.authority(doc)
        self.archives = [r for r in self.authority.records.values()
                         if r.kind == "org" and r.element.get("type") == "archive"]
        self.archive_names = sorted({n for r in self.archives for n in r.names}, key=len, reverse=True)

    def repository(self, acronym: str):
        record = self.authority.lookup(acronym, "org")
        if record is None:
            record = self.authority.provisional("org", acronym, "archive acronym before an archival reference")
        return record

    def known_repository(self, head: str) -> re.Match | None:
        """A repository name of the authority file right before the first component ("AVP RF, ")."""
        for name in self.archive_names:
            found = re.search(rf"(?:\((?P<acr>{re.escape(name)})\)|(?<![\w’'-])(?P<bare>{re.escape(name)}))\s*,\s*$", head)
            if found:
                return found
        return None

    def parse(self, block: Block, previous: dict | None) -> dict | None:
        """Mark up the references of one block; return the last one's parts."""
        last = previous
        text = block.text
        for match in REFERENCE.finditer(text):
            if not match.group("opis") and not match.group("delo"):
                continue  # a lone "f. 17" is not enough evidence for an archival reference
            head_start = max(0, match.start() - 250)
            head = text[head_start:match.start()]
            cut = head.rfind(";")
            if cut >= 0:
                head_start, head = head_start + cut + 1, head[cut + 1:]
            repo = self.known_repository(head) or ACRONYM.search(head)
            parts: dict = {}
            begin = match.start()
            spans: list[tuple[int, int, Record]] = []
            if repo:
                group = "acr" if repo.group("acr") else "bare"
                acronym = repo.group(group)
                record = self.repository(acronym)
                parts.update(repository=acronym, repository_ref=f"#{record.id}", repository_name=acronym)
                spans.append((head_start + repo.start(group), head_start + repo.end(group), record))
                begin = head_start + repo.start(group)
                if group == "acr":
                    full = _full_name(head, repo.start(), acronym, self.authority, record.id)
                    if full is not None:
                        name_end = len(head[:repo.start()].rstrip())
                        spans.append((head_start + full, head_start + name_end, record))
                        parts["repository_name"] = head[full:name_end]
                        begin = head_start + full
            elif last:
                for key in ("repository", "repository_ref", "repository_name"):
                    if last.get(key):
                        parts[key] = last[key]
            if block.add_span(begin, match.end(), "bibl", layer=30, type="archival") is None:
                continue
            for start, end, record in spans:
                certainty = {"cert": "low"} if record.provisional else {}
                block.add_span(start, end, "orgName", layer=40, ref=f"#{record.id}", **certainty)
            for key in ("fond", "opis", "delo"):
                if match.group(key):
                    block.add_span(match.start(key), match.end(key), "idno", layer=40, type=key)
                    parts[key] = match.group(key)
            if match.group("fol_from"):
                first = match.group("fol_from")
                last_folio = match.group("fol_to") or first
                attrs = {"unit": "folio", "from": _folio(first), "to": _folio(last_folio)}
                block.add_span(match.start("fol_from"), match.end(), "citedRange", layer=40, **attrs)
                parts["folios"] = (attrs["from"], attrs["to"])
                parts["folios_text"] = text[match.start("fol_kw"):match.end()]
            last = parts
        call_number = self.call_numbers(block)
        return last or call_number

    def call_numbers(self, block: Block) -> dict | None:
        """"Houghton Library, Harvard University, bMS Russ 13.1, T 802a", "Hoover Institution
        Archives, Nicolaevsky collection, box 372, folder 14" and the like; returns the parts of
        the last one (for the header's msIdentifier)."""
        text = block.text
        parts: dict | None = None
        matches = [(m, groups) for pattern, screen, groups in CALL_NUMBER_PARTS if screen in text
                   for m in pattern.finditer(text)]
        for match, groups in sorted(matches, key=lambda each: each[0].start()):
            head_start = max(0, match.start() - 150)
            head = text[head_start:match.start()]
            cut = max(head.rfind(";"), head.rfind(". "))
            if cut >= 0:
                head_start, head = head_start + cut + 1, head[cut + 1:]
            begin = match.start()
            best = None
            for record in self.archives:
                for name in record.names:
                    at = head.find(name)
                    if at >= 0 and (best is None or at < best[0] or (at == best[0] and best[1] < at + len(name))):
                        best = (at, at + len(name), record)
            if best is None and not match.group("coll"):
                continue  # "box 3" with neither a repository nor a collection is not a reference
            if best:
                begin = head_start + best[0]
            if block.add_span(begin, match.end(), "bibl", layer=30, type="archival") is None:
                continue
            if best:
                block.add_span(head_start + best[0], head_start + best[1], "orgName", layer=40, ref=f"#{best[2].id}")
            parts = {}
            for group, kind in groups.items():
                if match.group(group):
                    block.add_span(match.start(group), match.end(group), "idno", layer=40, type=kind)
                    parts[kind] = match.group(group)
            if best:
                parts.update(repository=best[2].id, repository_ref=f"#{best[2].id}",
                             repository_name=head[best[0]:best[1]])
        return parts


def _folio(text: str) -> str:
    """"53" -> "53"; "3 ob." (verso) -> "3v"."""
    number = re.match(r"\d+", text).group(0)
    return number + ("v" if "ob" in text else "")


def tag_archival(doc: Document) -> None:
    tagger = ArchivalTagger(doc)
    for block in doc.blocks():
        previous = tagger.parse(block, None)
        if block.role == "source" and previous:
            tail = block.text.rsplit(";", 1)
            if len(tail) == 2:
                previous["form"] = tail[1].strip(" ]")
            doc.facts.setdefault("original", previous)
