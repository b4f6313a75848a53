"""Places the authority file does not know, found in the GeoNames gazetteer (``tei_toolkit.gazetteer``).

Runs after the entity tagger, so that people, organisations and compound names
("Samara gubkom", "Kursk station") have taken their words first: persons win over a
town of the same name. A capitalised name (longest first, up to four words) becomes a
place only where the text shows it as a name of its own:

- not sentence-initial (a preposition, "In Samara", lets the name follow the first word;
  after ":" or ";" a capital is a name's), unless a date follows as in a dateline
  ("Astrakhan, 17 January 1928", "Tambov, 4.X.1918"), which counts as a preposition;
- not right after or before another capitalised word (it would be part of a longer name)
  other than a preposition (``place_prepositions``), nor joined to a word by a hyphen;
- a town of under 100,000 people, or a name shaped like a surname ("Pushkin", "Chekhov"),
  only after a preposition of place ("in Imperial", not "the Imperial army"; "to Pushkin",
  not "of Pushkin" nor "in Pushkin’s poems");
- not a surname or forename of the authority file, not a listed non-place word
  (``not_places``/``not_surnames`` of ``corpus/entity-rules.toml``), not a word the
  document also writes in lower case ("Union" vs "union");
- not inside an atomic title or existing markup.

Each place gets a provisional record citing its GeoNames id, flagged for review.
"""
from __future__ import annotations

import re

from .. import gazetteer
from ..authority import slug
from ..dates import MON_FULL, MONTHS
from ..document import Block, Document
from . import context
from .entities import BARRIERS, NAME_TAGS, rules

WORD = re.compile(r"(?<![\w’'-])[A-Z][^\W\d_]*(?:[-’'][^\W\d_]+)*(?![\w’'-])")
MAX_WORDS = 4
SMALL_TOWN = 100_000  # population under which a town needs a preposition before it
IMPRINT = re.compile(r"(?<![\w’'-])([A-Z][^\W\d_]+)[-–]([A-Z][^\W\d_]+),?\s(?=1[89]\d\d\b)")
# "Astrakhan, 17 January 1928", "Tambov, 4.X.1918", "Moscow, 12.03.1919": a dateline's date.
DATELINE = re.compile(rf",\s+(?:(?:\d{{1,2}}\s+)?(?:{MON_FULL})\b|\d{{1,2}}\.(?:[IVX]{{1,4}}|\d{{1,2}})\.\d{{4}})")
SENTENCE_END = re.compile(r"(?:^|[.!?”\"]\s*|\n)$")


class PlaceTagger:
    def __init__(self, doc: Document):
        self.doc = doc
        self.authority = context.authority(doc)
        data = rules()
        self.prepositions = {p.lower() for p in data.get("place_prepositions", [])}
        self.joiners = {p.lower() for p in data.get("place_joiners", [])}
        endings = data.get("surname_like_endings", [])
        self.surname_like = re.compile(r".*(?:" + "|".join(endings) + r")") if endings else None
        self.excluded = (set(data.get("not_places", [])) | set(data.get("not_surnames", []))
                         | set(self.authority.by_surname) | self.authority.forenames()
                         | set(data.get("forenames", [])) | {m.capitalize() for m in MONTHS if len(m) > 3})
        words = re.findall(r"(?<![\w’'-])[a-z][a-z’'-]+", "\n".join(b.text for b in doc.blocks()))
        self.lower_words = set(words)

    def tag(self, block: Block) -> None:
        words = [(m.start(), m.end()) for m in WORD.finditer(block.text)]
        i = 0
        while i < len(words):
            taken = self._match_at(block, words, i)
            i = taken if taken else i + 1

    def _match_at(self, block: Block, words: list[tuple[int, int]], i: int) -> int | None:
        text = block.text
        for n in range(min(MAX_WORDS, len(words) - i), 0, -1):
            start, end = words[i][0], words[i + n - 1][1]
            if any(not re.fullmatch(r"\s", text[words[k][1]:words[k + 1][0]]) for k in range(i, i + n - 1)):
                continue
            name = text[start:end]
            place = gazetteer.lookup(name)
            if place is None or not self._acceptable(block, words, i, i + n - 1, name, place):
                continue
            return i + n if self._mark(block, start, end, place) else None
        return None

    def _mark(self, block: Block, start: int, end: int, place: gazetteer.Place | None) -> bool:
        """Mark a place of the authority file or, failing that, of the gazetteer."""
        name = block.text[start:end]
        record = self.authority.lookup(name, "place") or self.authority.get(slug(name))
        if record is None and place is not None:
            record = self.authority.provisional("place", name, f"GeoNames gazetteer, id {place.geonameid} "
                                                f"({place.name}, {place.kind}"
                                                f"{', ' + place.country if place.country else ''})")
        if record is None or record.kind != "place":
            return False
        attrs = {"ref": f"#{record.id}"}
        if record.provisional:
            attrs["cert"] = "low"
        return block.add_span(start, end, "placeName", layer=60, **attrs) is not None

    def tag_imprints(self, block: Block) -> None:
        """"Moscow-Leningrad 1926": two places of publication joined by a hyphen before a year."""
        for m in IMPRINT.finditer(block.text):
            parts = [(m.start(k), m.end(k)) for k in (1, 2)]
            if all(block.free(a, b, BARRIERS + NAME_TAGS) and (self.authority.lookup(block.text[a:b], "place")
                                                               or gazetteer.lookup(block.text[a:b]))
                   for a, b in parts):
                for a, b in parts:
                    self._mark(block, a, b, gazetteer.lookup(block.text[a:b]))

    def _acceptable(self, block: Block, words: list[tuple[int, int]], first: int, last: int, name: str,
                    place: gazetteer.Place) -> bool:
        text = block.text
        start, end = words[first][0], words[last][1]
        if name in self.excluded or (first == last and (len(name) < 4 or name.lower() in self.lower_words)):
            return False
        if not block.free(start, end, BARRIERS + NAME_TAGS + ("title",)):
            return False
        if context.in_atomic_title(self.doc, block, start, end):
            return False
        before = text[:start]
        dateline = DATELINE.match(text, end) is not None
        if SENTENCE_END.search(before) and not dateline:
            return False  # sentence-initial: a capital says nothing (but "Astrakhan, 17 January 1928")
        previous = re.search(r"(\S+)\s$", before)
        word_before = previous.group(1).lower() if previous else ""
        after_preposition = word_before in self.prepositions or bool(dateline and SENTENCE_END.search(before))
        if previous and WORD.fullmatch(previous.group(1)) and not (after_preposition or word_before in self.joiners):
            return False  # "Vladimir Samara": part of a longer name
        if place.kind == "settlement" and place.population < SMALL_TOWN and not after_preposition:
            return False  # "the Imperial army": small towns' names are often words; "in Imperial" is a place
        if self.surname_like and self.surname_like.fullmatch(name) and \
                (not after_preposition or re.match(r"[’']s\b", text[end:end + 3])):
            return False  # "the poems of Pushkin", "in Chekhov’s stories": towns named after people
        return not re.match(r"\s[A-Z][a-z]|-[A-Za-z]", text[end:end + 3])


def tag_places(doc: Document) -> None:
    """Mark gazetteer places in every block (see the module docstring for the rules)."""
    tagger = PlaceTagger(doc)
    for block in doc.blocks():
        tagger.tag_imprints(block)
        tagger.tag(block)
