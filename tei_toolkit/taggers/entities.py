"""Names: people, organisations, places and events, linked to authority records.

Knowledge comes from the authority file (``corpus/authority.xml``) and the rule lists
(``corpus/entity-rules.toml``); this module holds only the rules:

- organisations, places, named events and whole-name variants: longest match of every
  name form of the authority file (so "Central Committee of the RCP(b)" is one name and
  "Politburo of the CC" two);
- people: a surname of the authority file, with the forenames and initials written
  before it ("L.D. Trotsky", "Yuri (Grigorii) L. Pyatakov", "G.Myasnikov") or inverted
  after it ("Lenin, V.I."); initials choose between people sharing a surname
  (L.B. vs S.S. Kamenev), a bare surname follows the last person of that surname named;
- names the file does not know, where the text shows them as names (initials or a known
  forename before a capitalised word, "comrade X", a name followed by life dates, a
  signature, a photo credit): a provisional record flagged for review;
- events with an ordinal ("XIIth Congress", "Xth and XIth Congresses", "Third Congress of
  the Communist International") or a month ("September (1923) Plenum"), and "Plenum of
  the CC", dated by the sentence it stands in.
"""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Iterator

from lxml import etree

from .. import gazetteer
from ..authority import MENTION_TAGS, Authority, Record, compatible, normalise, slug, translit_key
from ..dates import MON_FULL, MONTHS
from ..document import Block, Document
from ..resources import corpus_dir, load_toml
from . import context

NAME_WORD = r"[A-ZÀ-ÖØ-ÞŁŚŻŹČŠŽ][^\W\d_]+(?:-[A-ZÀ-ÖØ-Þ][^\W\d_]+)?"
INITIALS = r"(?:[A-Z][a-z]?\.[^\S\n]?){1,3}"  # names never run across lines
PERSON = re.compile(
    rf"(?<![\w.’'-])(?:(?P<fore>{NAME_WORD})[^\S\n]+(?:\((?P<alt>{NAME_WORD})\)[^\S\n]+)?"
    rf"(?:(?P<pat>[A-Z][a-z]+(?:ich|ovna|evna|ichna))[^\S\n]+(?=[A-Z][a-z]))?)?"
    rf"(?P<inits>{INITIALS})?(?P<sur>{NAME_WORD})(?![\w-])")
SURNAME_ALONE = re.compile(rf"(?P<fore>)(?P<alt>)(?P<pat>)(?P<inits>)(?P<sur>{NAME_WORD})(?![\w-])")
# Initials after a surname, in citations: "Lenin, V.I. Complete Collected Works".
INVERTED = re.compile(rf",\s?(?P<inits>(?>(?:[A-Z][a-z]?\.\s?){{1,3}}))(?P<next>{NAME_WORD}(?![\w-])(?:,\s(?:[A-Z][a-z]?\.)|\sand\s)?)?")
CONTENT_WORD = re.compile(r"[^\W\d_]{5,}")  # words long enough to tell two people apart
LIFE_DATES = re.compile(r",?\s?\(\s?\d{4}\s?[-–—]\s?\d{4}\s?\)")
ORDINAL_WORDS = ["First", "Second", "Third", "Fourth", "Fifth", "Sixth", "Seventh", "Eighth", "Ninth",
                 "Tenth", "Eleventh", "Twelfth", "Thirteenth", "Fourteenth", "Fifteenth", "Sixteenth",
                 "Seventeenth", "Eighteenth", "Nineteenth", "Twentieth"]
ROMAN_VALUES = {"M": 1000, "D": 500, "C": 100, "L": 50, "X": 10, "V": 5, "I": 1}
ORDINAL = rf"(?:[XVI]+(?:th|st|nd|rd)|[XVI]{{2,}}(?![a-z])|\d{{1,2}}(?:th|st|nd|rd)|{'|'.join(ORDINAL_WORDS)})"
NAME_TAGS = ("persName", "orgName", "placeName", "name")
# Three capitals or more ("ILO", "TsKK", "NKPS"), after "the"/"of the"/"by the" or in parentheses.
UNKNOWN_ACRONYM = re.compile(r"(?:(?<=\bthe )|(?<=\bThe )|(?<=\())(?P<acr>[A-Z](?:[a-z]?[A-Z]){2,6})(?![\w(’'-])")
# Existing markup a name may not overlap (note markers, archival numbers, labels).
BARRIERS = ("ref", "idno", "citedRange", "label")


@lru_cache(maxsize=4)
def _rules(path: str, mtime: float) -> dict:
    """The rules file, read again only when it changes (``mtime`` is part of the cache key)."""
    return load_toml(Path(path))


def rules() -> dict:
    """``corpus/entity-rules.toml``: the words the name rules look for."""
    path = corpus_dir() / "entity-rules.toml"
    return _rules(str(path), path.stat().st_mtime) if path.exists() else {}


def _ordinal_value(text: str) -> int | None:
    if text in ORDINAL_WORDS:
        return ORDINAL_WORDS.index(text) + 1
    digits = re.match(r"\d+", text)
    if digits:
        return int(digits.group(0))
    roman = re.match(r"[XVI]+", text).group(0)
    total = 0
    for i, ch in enumerate(roman):
        value = ROMAN_VALUES[ch]
        total += -value if i + 1 < len(roman) and ROMAN_VALUES[roman[i + 1]] > value else value
    return total


# What a character of a name form (see ``normalise``) may be written as in the text.
_QUOTE_VARIANTS = {"'": "’'ʹ", '"': "“”\""}


def _name_pattern(name: str) -> str:
    parts = []
    for ch in name:
        if ch in _QUOTE_VARIANTS:
            parts.append(f"[{_QUOTE_VARIANTS[ch]}]")
        elif ch == " ":
            parts.append(r"\s+")
        else:
            parts.append(re.escape(ch))
    return "".join(parts)


def _name_forms(records: Iterable[Record], name_ids: dict[str, str]) -> None:
    """Add the name forms the name matcher looks for, and their records' ids (the first record wins)."""
    for record in records:
        if record.kind == "event" and record.element.get("n") is not None:
            continue  # ordinal events are found by rule
        if record.kind == "event" and record.element.get("type") == "plenum":
            continue
        for name in record.names:
            name_ids.setdefault(normalise(name), record.id)
        if record.kind == "person":
            for surname in record.surnames:
                if " " in surname:
                    name_ids.setdefault(normalise(surname), record.id)


class NameMatcher:
    """Every name form of a set of authority records, matched longest first where a name begins.

    One alternation of all the names, tried at every word of a text, runs through all of
    them each time; here the names are grouped by the character they begin with, and a
    word is tried against its own group only. The matches are those of the one alternation
    ``(?<![\\w’'-])(?:longest|…|shortest)(?![\\w-])``: each group keeps that order. Built
    once per authority file (``name_matcher``), not once per document. A name's pattern admits
    only what ``normalise`` unifies (quotes, spaces), so the name matched is ``normalise(text)``.
    """

    def __init__(self, name_ids: dict[str, str], base: "NameMatcher | None" = None):
        self.name_ids = name_ids  # name form -> record id
        self.groups: dict[str, re.Pattern[str]] = dict(base.groups) if base else {}
        new = set(name_ids) - set(base.name_ids) if base else set(name_ids)
        touched: dict[str, list[str]] = {ch: [] for name in new for ch in _first_characters(name)}
        for name in sorted(name_ids, key=len, reverse=True):
            for ch in _first_characters(name):
                if ch in touched:
                    touched[ch].append(name)
        for ch, names in touched.items():
            self.groups[ch] = re.compile(r"(?<![\w’'-])(?:" + "|".join(_name_pattern(n) for n in names)
                                         + r")(?![\w-])")
        self.begin = re.compile("[" + "".join(re.escape(ch) for ch in self.groups) + "]") if self.groups else None

    def extended(self, records: Iterable[Record]) -> "NameMatcher":
        """This matcher with the names of more records (provisional ones) added."""
        name_ids = dict(self.name_ids)
        _name_forms(records, name_ids)
        return self if len(name_ids) == len(self.name_ids) else NameMatcher(name_ids, self)

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        if self.begin is None:
            return
        resume = 0
        for at in self.begin.finditer(text):
            start = at.start()
            if start >= resume and (m := self.groups[text[start]].match(text, start)) is not None:
                yield m
                resume = m.end()  # names are never empty


def _first_characters(name: str) -> str:
    """The characters a name form may begin with in the text."""
    return _QUOTE_VARIANTS.get(name[:1], name[:1])


# Matchers of the last few record sets, most recent first (a corpus run uses one authority file).
_MATCHERS: list[tuple[tuple[Record, ...], NameMatcher]] = []


def name_matcher(authority: Authority) -> NameMatcher:
    """The name matcher of the authority's records: cached, and extended when a document's
    copy of the authority file has gained provisional records (archive acronyms) already."""
    records = tuple(authority.records.values())
    for known, matcher in _MATCHERS:
        if len(known) <= len(records) and all(a is b for a, b in zip(known, records)):
            return matcher if len(known) == len(records) else matcher.extended(records[len(known):])
    name_ids: dict[str, str] = {}
    _name_forms(records, name_ids)
    matcher = NameMatcher(name_ids)
    _MATCHERS.insert(0, (records, matcher))
    del _MATCHERS[4:]
    return matcher


def mention_attrs(record: Record) -> dict[str, str]:
    """The attributes of a mention of ``record``: its @ref, type="event", cert="low" if provisional."""
    attrs = {"ref": f"#{record.id}"}
    if record.kind == "event":
        attrs["type"] = "event"
    if record.provisional:
        attrs["cert"] = "low"
    return attrs


class EntityTagger:
    """Marks the names of one document; one instance per document."""

    def __init__(self, doc: Document, authority: Authority, rule_data: dict):
        self.doc = doc
        self.authority = authority
        self.rules = rule_data
        self.year = context.letter_year(doc)
        self.forenames = authority.forenames() | set(rule_data.get("forenames", []))
        self.not_surnames = set(rule_data.get("not_surnames", []))
        self.need_forename = set(rule_data.get("surnames_need_forename", []))
        self.not_initials = set(rule_data.get("not_initials", []))
        cues = sorted(rule_data.get("person_cues", []), key=len, reverse=True)
        self.cue = re.compile(r"(?:" + "|".join(re.escape(c) for c in cues) + r")\s+$") if cues else None
        after = rule_data.get("person_after_cues", [])
        self.after_cue = re.compile(r"\s+(?:" + "|".join(map(re.escape, after)) + r")\b") if after else None
        self.cue_list = re.compile(r"(?:comrades|Comrades)\s+(?:[A-Z][^\s,]+,?\s+)+(?:and\s+)?$")
        self.recent: dict[str, Record] = {}
        endings = rule_data.get("patronymic_endings", ["ovich", "evich", "ovna", "evna"])
        self.patronymic = re.compile(r"[A-Z][a-z]+(?:" + "|".join(endings) + ")")
        self.name_words = {w for r in authority.records.values() if r.kind in ("org", "place")
                           for n in r.names for w in n.split()}
        self.names = name_matcher(authority)

    # --- organisations, places, named events, whole-name variants -----------------
    def tag_names(self, block: Block) -> None:
        exclusions = self.rules.get("name_exclusions", [])
        for m in self.names.finditer(block.text):
            if any(block.text.startswith(x, m.start()) for x in exclusions):
                continue
            name = normalise(m.group())
            record = self.authority.records[self.names.name_ids[name]]
            if record.kind == "place" and name in self.authority.by_surname and \
                    not self.place_context(block.text, m.start(), m.end()):
                continue  # "Mikhail V. Frunze", "a letter from Frunze": the person, found later
            self.mark(block, m.start(), m.end(), record)

    def place_context(self, text: str, start: int, end: int) -> bool:
        """A name that is both a town and a person's surname ("Frunze") is the town after a
        preposition of place ("in", "near", "from … the journey"), "the town of", "renamed",
        never after initials, a forename or a title, nor before "’s" or life dates."""
        before = text[max(0, start - 40):start]
        if re.search(r"(?:[A-Z][a-z]?\.\s?|\b(?:" + "|".join(map(re.escape, self.forenames)) + r"))\s*$", before) \
                or (self.cue and self.cue.search(before)) or re.match(r"[’']s\b|\s?\(\d{4}", text[end:end + 6]):
            return False
        rules = self.rules
        strong = "|".join(map(re.escape, rules.get("place_context_cues", ["in", "at", "near", "renamed"])))
        weak = "|".join(map(re.escape, rules.get("place_motion_cues", ["to", "from"])))
        speech = "|".join(map(re.escape, rules.get("person_speech_words", ["letter", "wrote", "said"])))
        if re.search(rf"\b(?:{strong})\s+$", before):
            return True
        motion = re.search(rf"(?:^|[^\w\s]\s*|\b(?P<word>\w+)\s+)(?:{weak})\s+$", before)
        return motion is not None and not re.fullmatch(rf"(?:{speech})", motion["word"] or "", re.I)

    # --- people --------------------------------------------------------------------
    def person_at(self, block: Block, m: re.Match, create: bool) -> tuple[int, int, Record] | None:
        text = block.text
        sur = m["sur"]
        start, end = m.start("sur"), m.end("sur")
        given: list[str] = []
        if m["inits"]:
            inits_start, inits = m.start("inits"), m["inits"]
            while (abbreviation := re.match(r"([A-Z][a-z]?\.)\s?", inits)) and abbreviation.group(1) in self.not_initials:
                inits_start, inits = inits_start + abbreviation.end(), inits[abbreviation.end():]
            if inits:
                start = inits_start
                given = [inits.strip()]
        fore = m["fore"]
        if fore and fore in self.forenames:
            start = m.start("fore")
            given = [fore] + ([m["pat"]] if m["pat"] else []) + given
        if fore and fore in self.forenames and self.patronymic.fullmatch(sur) and not m["inits"]:
            return self.by_forename_patronymic(fore, sur, start, end, create, text)
        candidates = self.authority.people_named(sur)
        # "Carr, E.H., Socialism in One Country": the author opening a citation, known or not
        cited_author = not given and any(s.tag == "bibl" and s.start == start for s in block.spans)
        inverted = INVERTED.match(text, end) if not given and (candidates or cited_author) else None
        if inverted and inverted["next"] and (inverted["next"].split(",")[0].split()[0] in self.authority.by_surname
                                              or inverted["next"].endswith((".", " and "))):
            inverted = None  # "Dzerzhinsky, G. E. Zinoviev, …": the initials belong to the next name
        if inverted and (cited_author or any(compatible(r, [inverted["inits"].strip()]) for r in candidates)):
            given = [inverted["inits"].strip()]
            end = inverted.start("inits") + len(inverted["inits"].rstrip())
        if sur in self.need_forename and not given:
            return None
        if candidates:
            fitting = [r for r in candidates if compatible(r, given)]
            if fitting:
                record = fitting[0]
                if len(fitting) > 1:
                    record = self.by_context(text, start, end, fitting) or (
                        self.recent[sur] if self.recent.get(sur) in fitting else record)
                if given and len(fitting) == 1:
                    self.recent[sur] = record
                return start, end, record
            if not given or not create:
                return None
        if sur in self.not_surnames or sur in self.name_words or sur.upper() == sur:
            return None
        cued = bool(given) or self._cued(text, start, end) or LIFE_DATES.match(text, end) is not None \
            or block.role == "signature"
        if not cued:
            return None
        if not create:
            return None
        following = re.match(rf"\s({NAME_WORD})(?![\w-])", text[end:])
        if not given and following and following.group(1) not in self.not_surnames \
                and (following.group(1) not in self.name_words or self.authority.people_named(following.group(1))):
            # "Professor Robert Daniels": a cued name of two capitalised words is forename + surname
            title, given, sur, end = sur, [sur], following.group(1), end + following.end()
            people = self.authority.people_named(sur)
            known = [r for r in people if compatible(r, given)]
            if known:
                return start, end, known[0]
            if people and title not in self.forenames:
                # "Predrevvoensovet Trotsky": an office written before a known surname
                return end - len(sur), end, people[0] if len(people) == 1 else (
                    self.by_context(text, end - len(sur), end, people) or people[0])
        name = text[start:end]
        initials = "".join(ch.lower() for ch in re.findall(r"[A-Z]", "".join(given)))
        base = slug(sur) if sur not in self.authority.by_surname else f"{slug(sur)}-{initials or 'x'}"
        forenames = re.findall(r"[A-Z][^\W\d_]*", " ".join(given))
        record = self.authority.provisional("person", name, self._rule_name(given, text, start, end),
                                            surname=sur, forenames=forenames, base_id=base)
        return start, end, record

    def by_context(self, text: str, start: int, end: int, fitting: list[Record]) -> Record | None:
        """Of several people with one surname, the one whose record shares most words with the sentence."""
        left = max(text.rfind(". ", 0, start) + 2, 0)
        right = text.find(". ", end)
        words = set(CONTENT_WORD.findall(text[left:right if right >= 0 else len(text)].lower()))
        words -= {w.lower() for r in fitting for w in r.surnames}  # the shared name says nothing
        scores = []
        for record in fitting:
            described = " ".join(" ".join(e.itertext()) for e in record.element
                                 if etree.QName(e).localname in ("occupation", "affiliation", "note"))
            scores.append(len(words & set(CONTENT_WORD.findall(described.lower()))))
        best = max(scores)
        return fitting[scores.index(best)] if best and scores.count(best) == 1 else None

    def by_forename_patronymic(self, fore: str, pat: str, start: int, end: int, create: bool,
                               text: str) -> tuple[int, int, Record] | None:
        """"Dear Leonid Borisovich": the record with this forename and patronymic."""
        for record in self.authority.records.values():
            if record.kind == "person" and translit_key(fore) in map(translit_key, record.forenames) \
                    and translit_key(pat) in map(translit_key, record.patronymics):
                return start, end, record
        if not create:
            return None
        name = text[start:end]
        known = self.authority.get(slug(name))  # made by the first pass
        return start, end, known if known is not None and known.kind == "person" else \
            self.authority.provisional("person", name, "forename and patronymic", base_id=slug(name))

    def _cued(self, text: str, start: int, end: int | None = None) -> bool:
        """A title or office before the name, a "Comrades X, Y and" list, or a person's papers
        after it ("the Weinstein letters", ``person_after_cues``)."""
        before = text[max(0, start - 80):start]
        if end is not None and self.after_cue and text[max(0, start - 4):start] in ("the ", "The ") \
                and self.after_cue.match(text, end):
            return True
        return bool(self.cue and self.cue.search(before)) or bool(self.cue_list.search(before))

    def _rule_name(self, given: list[str], text: str, start: int, end: int) -> str:
        if given:
            return "forename or initials before a capitalised word"
        if LIFE_DATES.match(text, end):
            return "name followed by life dates"
        if self._cued(text, start):
            return "title or credit before a name"
        if self._cued(text, start, end):
            return "a person's papers or letters"
        return "signature"

    def tag_people(self, block: Block, create: bool, mark: bool) -> None:
        pos = 0
        while (m := PERSON.search(block.text, pos)) is not None:
            found = self.person_at(block, m, create)
            pos = m.end()
            if found is None and m["fore"]:
                # "the Curzon Ultimatum", "Dear Leonid Borisovich": the first word may be the name.
                alone = SURNAME_ALONE.match(block.text, m.start("fore"))
                found = self.person_at(block, alone, create) if alone else None
                pos = m.start("fore") + len(m["fore"]) if found is None else alone.end()
            if found and m["fore"] and found[0] > m.start("fore"):
                # "Osinsky I. N. Smirnov": the unused word before the name may be a name itself
                alone = SURNAME_ALONE.match(block.text, m.start("fore"))
                before = self.person_at(block, alone, create) if alone else None
                if before and mark:
                    self.mark(block, *before)
            if found:
                pos = max(pos, found[1])  # initials after an inverted name are used up
                if mark:
                    self.mark(block, *found)

    # --- events --------------------------------------------------------------------
    def tag_events(self, block: Block) -> None:
        kinds = self.rules.get("event_kinds", {"Congress": "congress", "Congresses": "congress",
                                               "Conference": "conference", "Plenum": "plenum"})
        events = self.rules.get("events", {})
        series_phrases = events.get("series_phrases", {})
        kind_words = "|".join(sorted(kinds, key=len, reverse=True))
        series_alt = "|".join(re.escape(p) for p in sorted(series_phrases, key=len, reverse=True)) or "(?!)"
        pattern = re.compile(
            rf"(?<![\w-])(?P<ords>{ORDINAL}(?:(?:,\s|\s(?:and|&)\s){ORDINAL})*)\s+"
            rf"(?:(?:Party|All-Russian|All-Union|Extraordinary|Joint|Comintern)\s+)?(?P<kind>{kind_words})"
            rf"(?P<series>\s+(?:{series_alt}))?(?![\w-])")
        text = block.text
        for m in pattern.finditer(text):
            kind = kinds[m["kind"]]
            series = series_phrases.get(m["series"].strip()) if m["series"] else None
            series = series or self._org_after(block, m.end())
            named = None
            if series is None:  # "Third All-Russian Congress of Metalworkers": the series is in the name
                named = re.match(r"\s+of\s+(?:the\s+)?(?P<w>[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+)*)", text[m.end():])
            series = series or events.get("default_series", "#rcp")
            ordinals = list(re.finditer(ORDINAL, m["ords"]))
            end_all = m.end() + (named.end() if named else 0)
            if m["series"]:  # "… Congress of the Communist International" is one event name
                block.spans = [s for s in block.spans if not (s.tag == "orgName" and m.start("series") <= s.start
                                                              and s.end <= m.end())]
            for i, o in enumerate(ordinals):
                start = m.start("ords") + o.start()
                end = end_all if i == len(ordinals) - 1 else m.start("ords") + o.end()
                n = _ordinal_value(o.group(0))
                if named:
                    base = f"{kind}-{slug(named['w'])}-{n}"
                    record = self.authority.get(base) or self.authority.provisional(
                        "event", text[start:end], "ordinal event with its own name", base_id=base)
                else:
                    base = f"{kind}-{slug(series)}-{n}"
                    record = self._event(kind, series, n=str(n)) or self.authority.get(base) or \
                        self.authority.provisional("event", text[start:end], "ordinal event", base_id=base)
                self.mark(block, start, end, record)
        plenum = re.compile(rf"(?<![\w-])(?P<month>{MON_FULL})(?:\s\((?P<y>\d{{4}})\)|\s(?P<y2>\d{{4}}))?\s+(?:Joint\s+)?Plenum(?![\w-])")
        for m in plenum.finditer(text):
            year = m["y"] or m["y2"] or context.year_before(text, m.start()) or self.year
            if not year:
                continue
            org = self._org_after(block, m.end()) or events.get("default_plenum_org", "#cc-rcp")
            month = f"{int(year):04d}-{MONTHS[m['month'].lower()]:02d}"
            base = f"plenum-{slug(org)}-{month}"
            record = self._event("plenum", org, date_prefix=month) or self.authority.get(base) or \
                self.authority.provisional("event", text[m.start():m.end()], "month and Plenum", base_id=base)
            self.mark(block, m.start(), m.end(), record)
        for span in [s for s in block.spans if s.tag == "placeName"]:
            after = re.match(r"\s(?:Peace\s)?(?:Conference|Congress)\b", text[span.end:])
            if after:
                name = text[span.start:span.end + after.end()]
                record = self.authority.lookup(name, "event") or self.authority.get(slug(name)) or \
                    self.authority.provisional("event", name, "place and Conference", base_id=slug(name))
                block.spans.remove(span)
                self.mark(block, span.start, span.end + after.end(), record)
        for m in re.finditer(r"(?<![\w-])Plenum(?=\s+of\s+the\s)", text):
            org = self._org_after(block, m.end())
            if not org or not block.free(m.start(), m.end(), NAME_TAGS):
                continue
            when = context.sentence_date(text, m.start(), self.year) or context.letter_date(self.doc)
            record = self._latest_plenum(org, when)
            if record is not None:
                self.mark(block, m.start(), m.end(), record)

    def _org_after(self, block: Block, pos: int) -> str | None:
        """The @ref of an organisation named right after "of the" at ``pos``."""
        m = re.match(r"\s+of\s+(?:the\s+)?", block.text[pos:])
        if not m:
            return None
        at = pos + m.end()
        for span in block.spans:
            if span.start == at and span.tag == "orgName":
                return span.attrs.get("ref")
        return None

    def _event(self, kind: str, series: str, n: str | None = None, date_prefix: str | None = None) -> Record | None:
        for record in self.authority.records.values():
            e = record.element
            if record.kind != "event" or e.get("type") != kind or e.get("corresp") != series:
                continue
            if n is not None and e.get("n") == n:
                return record
            if date_prefix and (e.get("when") or e.get("from") or "").startswith(date_prefix):
                return record
        return None

    def _latest_plenum(self, org: str, when: str | None) -> Record | None:
        if not when:
            return None
        best = None
        for record in self.authority.records.values():
            e = record.element
            if record.kind == "event" and e.get("type") == "plenum" and e.get("corresp") == org:
                date = e.get("from") or e.get("when") or ""
                if date and date <= when and (best is None or date > (best.element.get("from") or best.element.get("when"))):
                    best = record
        return best

    # --- organisations the authority file does not know -------------------------------
    def tag_unknown_bodies(self, block: Block) -> None:
        """"the Trade Delegation", "Red Square", "Hotel Cecil": capitalised words with a head noun."""
        word = r"[A-Z][\w’'-]*"
        kinds = [("org", self.rules.get("org_heads", [])), ("place", self.rules.get("place_heads", []))]
        for kind, heads in kinds:
            if heads:
                pattern = re.compile(rf"(?<![\w’'-])((?:{word}\s+){{1,4}})({'|'.join(heads)})"
                                     rf"(\s+of\s+{word}(?:\s{word})?)?(?![\w-])")
                self._unknown(block, kind, pattern)
        self._unknown_acronyms(block)
        prefixes = self.rules.get("place_prefixes", [])
        if prefixes:
            pattern = re.compile(rf"(?<![\w’'-])()((?:{'|'.join(prefixes)})\s+{word}(?:\s+{word})?)(?![\w-])")
            self._unknown(block, "place", pattern)

    def _unknown(self, block: Block, kind: str, pattern: re.Pattern[str]) -> None:
        """Mark group 1 (modifier words, leading stop words dropped) + group 2 (head) of each match."""
        stops = set(self.rules.get("org_modifier_stops", []))
        for m in pattern.finditer(block.text):
            words = [w for w in re.finditer(r"\S+", m.group(1))]
            modifiers = list(words)
            while modifiers and modifiers[0].group(0) in stops:
                modifiers.pop(0)
            owners = [i for i, w in enumerate(modifiers) if re.search(r"[’']s$", w.group(0))]
            if owners:  # "Krasnov’s Don Army": the owner is no part of the body's name
                modifiers = modifiers[owners[-1] + 1:]
            of_country = m.lastindex == 3 and m.group(2) in self.rules.get("org_heads_of_country", []) \
                and self._is_country(m.group(3).split(None, 2)[-1])
            if of_country and not modifiers:
                modifiers = [w for w in words if w.group(0) not in ("The", "the")][-1:]
            if m.group(1) and not modifiers:
                continue  # a head noun alone ("the Committee", "the Communist Party") is not a name
            start = m.start(1) + modifiers[0].start() if modifiers else m.start(2)
            end = m.end(3) if of_country else m.end(2)  # "Communist Party of France"
            name = block.text[start:end]
            if not self._claim(block, start, end):
                continue
            self._mark_body(block, start, end, f"capitalised name of a {kind}", kind=kind)

    def tag_military_units(self, block: Block) -> None:
        """"4th Army", "First Cavalry Army", "27th Rifle Division": a numbered unit is a body; "the
        Revvoensovet of the Western Front" (a council of ``unit_councils`` of a front, army or
        fleet) is one body, not the council and the unit (``unit_heads`` in the rules)."""
        heads = self.rules.get("unit_heads", [])
        if not heads:
            return
        head_alt = "|".join(map(re.escape, sorted(heads, key=len, reverse=True)))
        numbered = re.compile(rf"(?<![\w-])(?:\d{{1,2}}(?:st|nd|rd|th)|{'|'.join(ORDINAL_WORDS)})\s+"
                              rf"(?:[A-Z][\w-]+\s+){{0,2}}(?:{head_alt})(?![\w-])")
        for m in numbered.finditer(block.text):
            # "27th |Rifle Division|": the unnumbered name found by the head-noun rule gives way
            block.spans = [s for s in block.spans if not (s.tag == "orgName" and s.end == m.end()
                                                          and m.start() < s.start and s.attrs.get("cert") == "low")]
            if self._claim(block, m.start(), m.end()):
                self._mark_body(block, m.start(), m.end(), "numbered military unit")
        councils = self.rules.get("unit_councils", [])
        if not councils:
            return
        council = re.compile(rf"(?<![\w-])(?:{'|'.join(map(re.escape, councils))})\s+of\s+the\s+$")
        for unit in [s for s in block.spans if s.tag == "orgName"]:
            before = council.search(block.text, max(0, unit.start - 60), unit.start)
            if before is None or not re.search(rf"(?:{head_alt})$", block.text[unit.start:unit.end]):
                continue
            inside = [s for s in block.spans if before.start() <= s.start and s.end <= unit.end
                      and s.tag == "orgName"]
            if any(s.tag in NAME_TAGS + BARRIERS and s not in inside and s.start < unit.end and before.start() < s.end
                   for s in block.spans):
                continue
            for span in inside:
                block.spans.remove(span)
            words = block.text[before.start():unit.end].split(" of the ")
            self._mark_body(block, before.start(), unit.end, "council of a military unit",
                            base=f"{slug(words[0])}-{slug(words[-1])}")

    def _mark_body(self, block: Block, start: int, end: int, rule: str, base: str | None = None,
                   kind: str = "org") -> None:
        """Mark a body (or place) found by a rule: its authority record, else a provisional one."""
        name = block.text[start:end]
        base = base or slug(name)
        base = f"unit-{base}" if base[0].isdigit() else base  # an xml:id may not start with a digit
        record = self.authority.lookup(name, kind) or self.authority.get(base) or \
            self.authority.provisional(kind, name, rule, base_id=base)
        self.mark(block, start, end, record)

    def _is_country(self, name: str) -> bool:
        known = self.authority.lookup(name, "place")
        place = gazetteer.lookup(name)
        return (known is not None and known.element.get("type") == "country") or \
            (place is not None and place.kind == "country")

    def _unknown_acronyms(self, block: Block) -> None:
        """"the ILO", "(TsKK)": an unknown acronym where a body's name stands (after "the", "of",
        or in parentheses) is a body; roman numerals and ``not_acronyms`` are not."""
        excluded = set(self.rules.get("not_acronyms", []))
        for m in UNKNOWN_ACRONYM.finditer(block.text):
            acronym = m.group("acr")
            if acronym in excluded or re.fullmatch(r"[IVXLCDM]+", acronym) or acronym in self.authority.by_surname:
                continue
            if not block.free(m.start("acr"), m.end("acr"), BARRIERS + NAME_TAGS + ("title",)):
                continue
            record = self.authority.lookup(acronym) or self.authority.get(slug(acronym)) or \
                self.authority.provisional("org", acronym, "acronym where a body's name stands")
            self.mark(block, m.start("acr"), m.end("acr"), record)

    def _claim(self, block: Block, start: int, end: int) -> bool:
        """Free the range for a compound name: "Sverdlov University", "Kharkov Soviet" win over the
        person or place inside them, "Georgian Sovnarkom" over the body it qualifies; any other
        markup there (or crossing the range) keeps it."""
        inside = []
        for span in block.spans:
            if span.start < end and start < span.end:
                # "Georgian Sovnarkom", "Ukrainian Central Committee": one word before a known body
                qualified_body = span.tag == "orgName" and span.end == end and \
                    re.fullmatch(r"[A-Z][^\W\d_]+\s+", block.text[start:span.start]) is not None
                if (span.tag not in ("persName", "placeName") and not qualified_body) or span.start < start \
                        or span.end > end or (span.start, span.end) == (start, end):
                    return False
                inside.append(span)
        for span in inside:
            block.spans.remove(span)
        return True

    # --- marking ---------------------------------------------------------------------
    def mark(self, block: Block, start: int, end: int, record: Record) -> None:
        if not block.free(start, end, BARRIERS + NAME_TAGS) or context.in_atomic_title(self.doc, block, start, end):
            return
        block.add_span(start, end, MENTION_TAGS[record.kind], layer=60, **mention_attrs(record))

    def run(self) -> None:
        blocks = list(self.doc.blocks())
        for block in blocks:
            self.tag_names(block)
        for block in blocks:
            self.tag_events(block)
        for block in blocks:
            context.tag_credits(self, block)
        for block in blocks:  # compounds before people: "Sverdlov University" is no person
            self.tag_unknown_bodies(block)
            self.tag_military_units(block)
        for block in blocks:  # first pass: provisional records, so that later bare surnames link
            self.tag_people(block, create=True, mark=False)
        self.recent.clear()
        for block in blocks:
            self.tag_people(block, create=True, mark=True)


def tag_entities(doc: Document) -> None:
    """Mark every name in the document and keep the authority records for the standOff."""
    authority = context.authority(doc)
    EntityTagger(doc, authority, rules()).run()
