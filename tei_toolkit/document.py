"""The document structure that flows through the pipeline.

The reader fills it from plain text, taggers add inline spans to its blocks and
authority records to the document, and the writer turns it into TEI. Text is never
rewritten after reading: markup is stand-off (character spans over a block's text),
so the conversion is lossless by construction and taggers cannot corrupt each other.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterator


@dataclass
class Span:
    """Inline markup over ``block.text[start:end]``: a TEI element name and its attributes.

    ``layer`` orders nesting when two spans cover exactly the same characters: the
    lower layer is the outer element.
    """

    start: int
    end: int
    tag: str
    attrs: dict[str, str] = field(default_factory=dict)
    layer: int = 50

    def overlaps(self, other: "Span") -> bool:
        return self.start < other.end and other.start < self.end

    def contains(self, other: "Span") -> bool:
        return self.start <= other.start and other.end <= self.end

    def crosses(self, other: "Span") -> bool:
        """True when the two spans overlap but neither contains the other (not nestable)."""
        return self.overlaps(other) and not self.contains(other) and not other.contains(self)


@dataclass
class Block:
    """One run of source text that becomes one TEI element.

    ``role`` says what the text is (title, intro, caption, dateline, classification,
    salute, paragraph, signature, closing-date, source, note); ``line`` is the
    1-based source line, for messages; ``label`` is a note's own label line ("[3]").
    """

    role: str
    text: str
    line: int = 0
    n: str | None = None
    label: str | None = None
    spans: list[Span] = field(default_factory=list)

    def add_span(self, start: int, end: int, tag: str, layer: int = 50, **attrs: str) -> Span | None:
        """Add a span unless it would cross an existing one; return it (or None)."""
        span = Span(start, end, tag, {k.replace("__", ":").rstrip("_"): v for k, v in attrs.items()}, layer)
        if start >= end or any(span.crosses(s) for s in self.spans):
            return None
        if any(s.start == start and s.end == end and s.tag == tag for s in self.spans):
            return None
        self.spans.append(span)
        return span

    def free(self, start: int, end: int, tags: tuple[str, ...] = ()) -> bool:
        """True when no span of the given tags (any tag, if none named) overlaps the range."""
        probe = Span(start, end, "")
        return not any(probe.overlaps(s) and (not tags or s.tag in tags) for s in self.spans)


@dataclass
class Section:
    """A numbered paragraph of the letter with the unnumbered paragraphs (and figures) that follow it."""

    n: str | None
    blocks: list[Block] = field(default_factory=list)


@dataclass
class Document:
    """A whole edition: front matter, the letter, its source line and the endnotes."""

    title: Block | None = None
    front: list[Block] = field(default_factory=list)
    opener: list[Block] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    closer: list[Block] = field(default_factory=list)
    source: list[Block] = field(default_factory=list)
    notes: list[Block] = field(default_factory=list)
    dropped: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    metadata: dict = field(default_factory=dict)
    # Authority records used by the text, keyed by xml:id; filled by the entity tagger.
    records: dict[str, "object"] = field(default_factory=dict)
    # Facts taggers derive for the header (archival identifier of the original, etc.).
    facts: dict = field(default_factory=dict)

    def blocks(self) -> Iterator[Block]:
        """Every block in reading order (the order of the source text)."""
        if self.title is not None:
            yield self.title
        yield from self.front
        yield from self.opener
        for section in self.sections:
            yield from section.blocks
        yield from self.closer
        yield from self.source
        yield from self.notes

    def warn(self, message: str) -> None:
        self.warnings.append(message)
