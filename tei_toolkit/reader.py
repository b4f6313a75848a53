"""Reader: plain-text edition -> Document structure.

The edition family is a web page saved as text: blank lines separate paragraphs; a
language switcher and a script placeholder surround the text; then come the title, an
editorial introduction with image captions, the letter (dateline, classification,
salutation, numbered paragraphs, signature, closing date, bracketed archival source
line) and endnotes, each a "[n]" line followed by its text. What varies between
editions (which words are boilerplate, classifications, caption cues) comes from the
layout profile in ``corpus/layout.toml``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from .document import Block, Document, Section
from .errors import ToolkitError
from .resources import corpus_dir, load_toml
from .dates import parse_dateline


@dataclass
class Layout:
    """What the reader needs to know about an edition family's page layout."""

    boilerplate_top: list[str] = field(default_factory=list)
    boilerplate_bottom: list[str] = field(default_factory=list)
    classifications: list[str] = field(default_factory=list)
    salute_starts: list[str] = field(default_factory=list)
    salute_endings: list[str] = field(default_factory=list)
    notes_headings: list[str] = field(default_factory=list)
    caption_cues: list[str] = field(default_factory=list)
    archival_cues: list[str] = field(default_factory=list)

    @classmethod
    def load(cls, path: Path | None = None) -> "Layout":
        data = load_toml(path or corpus_dir() / "layout.toml")
        known = set(cls.__dataclass_fields__)
        return cls(**{k: v for k, v in data.items() if k in known})


@dataclass
class Paragraph:
    text: str
    line: int


NOTE_LABEL = re.compile(r"^\[(\d+)\]$")
NUMBERED = re.compile(r"^(\d{1,3})[.)]\s+(?=\S)")
# A numbered paragraph of the letter: "1.", "2)" or Roman "IV." (not an initial: "I. N. Smirnov").
SECTION_NUMBER = re.compile(r"^(\d{1,3}|[IVX]{1,6})[.)]\s+(?=\S)(?![A-ZА-Я]\.)")
ROMAN = re.compile(r"^(X{0,3})(IX|IV|V?I{0,3})$")
ROMAN_UNITS = ["", "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX"]
NOTE_MARKER = re.compile(r"\[\d+\]")
FIRST_PERSON = re.compile(r"\b(I|we|We|our|Our|my|My|me|us)\b")
CREDIT = re.compile(r"\[[^\]]*\b(?:Photo|photo|Credit|credit|Source|source|CC BY[^\]]*|Image|image)\b[^\]]*\]\s*$")
ENDS_WITH_YEAR = re.compile(r"\b1\d{3}\.?$")
NOTE_START = re.compile(r"^\[(\d+)\]\s+(?=\S)")
NAME_WORD = re.compile(r"^(?:(?:[A-ZА-Я][a-zа-я]?\.\s?)+(?:[A-ZА-Я][\w’'-]+)?|[A-ZА-Я][\w’'-]*\.?)$")


def _is_name_line(line: str) -> bool:
    body = re.sub(r"[()\[\],]", " ", line.strip())
    words = body.split()
    return 0 < len(words) <= 6 and len(line) <= 60 and all(NAME_WORD.match(w) for w in words)


def decode(data: bytes, source: str) -> str:
    """Bytes -> text: UTF-8 only (BOM allowed), no NULs; newlines normalised to LF."""
    if not data.strip():
        raise ToolkitError(f"{source}: the edition is empty")
    if b"\x00" in data:
        raise ToolkitError(f"{source}: this looks like a binary file, not a plain-text edition")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ToolkitError(
            f"{source}: not UTF-8 text (invalid byte 0x{data[exc.start]:02x} at offset {exc.start}); "
            "save the edition as UTF-8"
        ) from None
    bad = re.search(r"[\x01-\x08\x0b\x0c\x0e-\x1f\x7f]", text)
    if bad:
        raise ToolkitError(f"{source}: control character U+{ord(bad.group()):04X} at offset {bad.start()}; "
                           "not a plain-text edition")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def paragraphs(text: str) -> list[Paragraph]:
    """Split on blank lines, remembering where each paragraph starts."""
    result: list[Paragraph] = []
    current: list[str] = []
    start = 0
    for number, line in enumerate(text.split("\n"), start=1):
        if line.strip():
            if not current:
                start = number
            current.append(line.strip())
        elif current:
            result.append(Paragraph("\n".join(current), start))
            current = []
    if current:
        result.append(Paragraph("\n".join(current), start))
    return result


class Reader:
    """Turns edition text into a Document; one instance can read many editions."""

    def __init__(self, layout: Layout | None = None) -> None:
        self.layout = layout or Layout.load()

    # -- small classifiers -------------------------------------------------------------
    def _is_classification(self, text: str) -> bool:
        lowered = text.strip().rstrip(".!").lower()
        return any(lowered == c.lower() for c in self.layout.classifications)

    def _is_salute(self, text: str) -> bool:
        if len(text) > 250:
            return False
        body = NOTE_MARKER.sub("", text).strip()
        return any(body.lower().startswith(s.lower()) for s in self.layout.salute_starts) or any(
            body.endswith(e) for e in self.layout.salute_endings
        )

    def _is_source_line(self, text: str) -> bool:
        """A bracketed line naming an archive ("[RGASPI, fond 17, …]"), or an unbracketed
        short one with at least two archival components ("RGASPI, f. 17, op. 2, d. 685")."""
        if NOTE_LABEL.match(text) or NOTE_START.match(text):
            return False
        words = re.findall(r"[\w’'.]+", text.lower())
        cues = {c.lower() for c in self.layout.archival_cues}
        hits = [w for w in words if w in cues or w.startswith(tuple(c for c in cues if len(c) > 3))]
        if text.startswith("[") and text.endswith("]"):
            return bool(hits)
        return len(text) < 400 and len(set(hits)) >= 3 and bool(re.search(r"\d", text))

    @staticmethod
    def _is_signature(text: str) -> bool:
        """Short lines of capitalised words and initials: "L. Trotsky", "V. Ulyanov (Lenin)",
        or a list of signatories, one per line."""
        lines = [line for line in text.split("\n") if line.strip()]
        return all(_is_name_line(line) for line in lines) and len(lines) <= 40

    def _is_closing_salute(self, text: str) -> bool:
        """"With communist greetings," — a short line that ends with a comma or an exclamation."""
        return len(text) <= 80 and text.rstrip().endswith((",", "!")) and not SECTION_NUMBER.match(text)

    def caption_score(self, text: str) -> int:
        """How much a short unnumbered paragraph looks like an image caption."""
        score = 0
        if CREDIT.search(text):
            score += 2
        if not text.rstrip().endswith((".", "!", "?", ":", ";", "”", "\"")):
            score += 1
        if len(text) < 260:
            score += 1
        elif len(text) > 400:
            score -= 3
        if ENDS_WITH_YEAR.search(text.rstrip()) or ENDS_WITH_YEAR.search(CREDIT.sub("", text).rstrip()):
            score += 1
        words = {w.lower() for w in re.findall(r"\w+", text)}
        if words & {c.lower() for c in self.layout.caption_cues}:
            score += 1
        if FIRST_PERSON.search(text):
            score -= 3
        if NOTE_MARKER.search(text):
            score -= 3
        if text[:1].islower():
            score -= 2
        return score

    def _is_caption(self, text: str) -> bool:
        return self.caption_score(text) >= 2

    # -- the reading ---------------------------------------------------------------------
    def read(self, text: str, source: str = "<edition>") -> Document:
        doc = Document()
        paras = paragraphs(text)
        if not paras:
            raise ToolkitError(f"{source}: the edition has no text")
        paras = self._drop_boilerplate(paras, doc)
        paras, notes = self._split_notes(paras, doc)
        if not paras:
            raise ToolkitError(f"{source}: the edition has no text besides boilerplate and notes")

        doc.notes = notes
        start = self._letter_start(paras[1:])
        if start is None:
            doc.warn(f"{source}: no title, dateline, salutation or numbered paragraphs recognised; "
                     "all text kept as plain paragraphs")
            doc.sections = [Section(None, [Block("paragraph", p.text, p.line) for p in paras])]
            return doc
        doc.title = Block("title", paras[0].text, paras[0].line)
        rest = paras[1:]

        for p in rest[:start]:
            doc.front.append(Block("caption" if self._is_caption(p.text) else "intro", p.text, p.line))
        letter = rest[start:]
        letter, closer, source_lines = self._split_closer(letter)
        letter = self._read_opener(letter, doc)
        self._read_body(letter, doc)
        doc.closer = closer
        doc.source = source_lines
        return doc

    def _drop_boilerplate(self, paras: list[Paragraph], doc: Document) -> list[Paragraph]:
        top = set(self.layout.boilerplate_top)
        bottom = set(self.layout.boilerplate_bottom)
        while paras and paras[0].text in top:
            doc.dropped.append(f"language switcher “{paras[0].text}” (line {paras[0].line})")
            paras = paras[1:]
        while paras and paras[-1].text in bottom:
            doc.dropped.append(f"page placeholder “{paras[-1].text}” (line {paras[-1].line})")
            paras = paras[:-1]
        return paras

    def _note_start(self, text: str, numbered: bool) -> tuple[str, str, str] | None:
        """(label, number, text) when a paragraph opens an endnote: "[3]", "[3] Text", or
        after a notes heading also "3. Text"."""
        for pattern in (NOTE_LABEL, NOTE_START) + ((NUMBERED,) if numbered else ()):
            match = pattern.match(text)
            if match:
                return text[:match.end()].rstrip(), match.group(1), text[match.end():]
        return None

    def _split_notes(self, paras: list[Paragraph], doc: Document) -> tuple[list[Paragraph], list[Block]]:
        """Endnotes: from the last paragraph that opens note 1 to the end of the text."""
        headings = {h.lower().rstrip(":") for h in self.layout.notes_headings}
        first = None
        for i in range(len(paras) - 1, -1, -1):
            after_heading = i > 0 and paras[i - 1].text.lower().rstrip(":") in headings
            start = self._note_start(paras[i].text, after_heading)
            if start and start[1] == "1":
                first = i
                break
        if first is None:
            return paras, []
        body_end = first
        if first > 0 and paras[first - 1].text.lower().rstrip(":") in headings:
            doc.facts["notes_heading"] = paras[first - 1].text
            body_end = first - 1
        numbered = "notes_heading" in doc.facts
        notes: list[Block] = []
        for p in paras[first:]:
            start = self._note_start(p.text, numbered)
            if start and (not notes or int(start[1]) == int(notes[-1].n) + 1):
                label, n, text = start
                notes.append(Block("note", text, p.line, n=n, label=label))
            elif notes[-1].text:
                notes[-1].text += "\n" + p.text
            else:
                notes[-1].text = p.text
                notes[-1].line = p.line
        for note in notes:
            if not note.text:
                doc.warn(f"line {note.line}: note [{note.n}] has no text")
        return paras[:body_end], notes

    def _is_dateline(self, text: str) -> bool:
        return len(text) < 120 and parse_dateline(text) is not None

    def _letter_start(self, paras: list[Paragraph]) -> int | None:
        """Index of the first dateline or classification line (or, failing that, the
        salutation, or paragraph "1.")."""
        candidates = [i for i, p in enumerate(paras)
                      if self._is_dateline(p.text) or self._is_classification(p.text)]
        for i in candidates:  # prefer the one the salutation or paragraph "1." follows
            j = i + 1
            while j < len(paras) and (self._is_dateline(paras[j].text) or self._is_classification(paras[j].text)):
                j += 1
            if j < len(paras) and (self._is_salute(paras[j].text) or SECTION_NUMBER.match(paras[j].text)):
                return i
        if candidates:
            return candidates[0]
        for i, p in enumerate(paras):
            if self._is_salute(p.text) and not self._is_caption(p.text):
                return i
        for i, p in enumerate(paras):
            if section_value(p.text) == 1:
                return i
        return None

    def _split_closer(self, letter: list[Paragraph]) -> tuple[list[Paragraph], list[Block], list[Block]]:
        """Peel the source line, closing date, signature, closing salutation and trailing
        captions off the end of the letter, in whatever order they come."""
        closer: list[Block] = []
        source: list[Block] = []
        end = len(letter)
        while end > 1:
            p = letter[end - 1]
            if not closer and self._is_source_line(p.text):
                source.insert(0, Block("source", p.text, p.line))
            elif self._is_dateline(p.text) and not any(b.role == "closing-date" for b in closer):
                closer.insert(0, Block("closing-date", p.text, p.line))
            elif self._is_signature(p.text) and not any(b.role == "signature" for b in closer):
                closer.insert(0, Block("signature", p.text, p.line))
            elif (closer and closer[0].role == "signature" and self._is_closing_salute(p.text)):
                closer.insert(0, Block("closing-salute", p.text, p.line))
            elif self._is_caption(p.text) and not SECTION_NUMBER.match(p.text) and (closer or source):
                closer.insert(0, Block("caption", p.text, p.line))
            else:
                break
            end -= 1
        while closer and closer[0].role == "caption":  # captions before the closer stay in the body
            end += 1
            closer.pop(0)
        return letter[:end], closer, source

    def _read_opener(self, letter: list[Paragraph], doc: Document) -> list[Paragraph]:
        """Dateline, classification lines and salutation, in whatever order they come."""
        i = 0
        seen: set[str] = set()
        while i < len(letter):
            text = letter[i].text
            if "dateline" not in seen and self._is_dateline(text):
                role = "dateline"
            elif self._is_classification(text):
                role = "classification"
            elif "salute" not in seen and self._is_salute(text) and not SECTION_NUMBER.match(text):
                role = "salute"
            else:
                break
            seen.add(role)
            doc.opener.append(Block(role, text, letter[i].line))
            i += 1
        return letter[i:]

    def _read_body(self, letter: list[Paragraph], doc: Document) -> None:
        current: Section | None = None
        expected = 1
        roman = _roman_numbered(letter)
        for p in letter:
            value = section_value(p.text, roman)
            if value == expected:
                current = Section(str(value))
                doc.sections.append(current)
                expected += 1
                current.blocks.append(Block("paragraph", p.text, p.line, n=str(value)))
                continue
            if value is not None:
                doc.warn(f"line {p.line}: paragraph numbered {SECTION_NUMBER.match(p.text).group(1)} where "
                         f"{expected} was expected; kept as an unnumbered paragraph")
            if current is None:
                current = Section(None)
                doc.sections.append(current)
            role = "caption" if self._is_caption(p.text) else "paragraph"
            current.blocks.append(Block(role, p.text, p.line))


def section_value(text: str, roman: bool | None = None) -> int | None:
    """The number opening a numbered paragraph ("3." -> 3, "IV." -> 4), else None.

    ``roman`` restricts the style: True only Roman numerals, False only digits, None either.
    """
    match = SECTION_NUMBER.match(text)
    if not match:
        return None
    numeral = match.group(1)
    if numeral.isdigit():
        return None if roman else int(numeral)
    parts = ROMAN.match(numeral)
    if roman is False or not parts:
        return None
    tens, units = parts.groups()
    return 10 * len(tens) + ROMAN_UNITS.index(units)


def _roman_numbered(letter: list[Paragraph]) -> bool:
    """Whether the letter numbers its paragraphs "I.", "II." …: both occur, and no "1." does
    (a lone "I. …" is more likely the pronoun or an initial)."""
    values = {section_value(p.text, roman=True) for p in letter}
    return {1, 2} <= values and not any(section_value(p.text, roman=False) == 1 for p in letter)


def read_edition(text: str, source: str = "<edition>", layout: Layout | None = None) -> Document:
    """Read edition text into a Document using the given (or the corpus) layout profile."""
    return Reader(layout).read(text, source)
