"""Note markers: link every "[n]" in the text to endnote n, and report the ones that do not pair.

A marker whose brackets were lost in the web edition ("“independent” 15 people") is
recovered when note n has no marker but notes n-1 and n+1 do: the bare number between
them, right after a word or quotation, is taken as the marker (``@cert="medium"``).
"""
from __future__ import annotations

import re

from ..document import Block, Document, Span

MARKER = re.compile(r"\[(\d{1,3})\]")
# A bare number right after closing punctuation or a quotation mark, or glued to a word.
BARE_NUMBER = re.compile(r"(?:(?<=[”\"’.,;:)])\s?|(?<=[a-z]))(\d{1,3})\b")

NOTE_ID = "note{}"
REF_ID = "noteref{}"


def _text_blocks(doc: Document) -> list[Block]:
    """Blocks that may carry note markers: everything but the notes themselves."""
    return [b for b in doc.blocks() if b.role != "note"]


def tag_notes(doc: Document) -> None:
    notes = {note.n: note for note in doc.notes}
    found: dict[str, list[tuple[Block, int, int, str]]] = {}
    blocks = _text_blocks(doc)
    for block in blocks:
        for match in MARKER.finditer(block.text):
            found.setdefault(match.group(1), []).append((block, match.start(), match.end(), "high"))
    _recover_lost_markers(blocks, notes, found)

    for n, places in sorted(found.items(), key=lambda item: int(item[0])):
        if n not in notes:
            block = places[0][0]
            doc.warn(f"line {block.line}: note marker [{n}] has no endnote; kept as text")
            continue
        ref_ids = []
        for index, (block, start, end, cert) in enumerate(places, start=1):
            ref_id = REF_ID.format(n) if index == 1 else f"{REF_ID.format(n)}-{index}"
            ref_ids.append(ref_id)
            attrs = {"type": "noteAnchor", "n": n, "target": "#" + NOTE_ID.format(n), "xml:id": ref_id}
            if cert != "high":
                attrs["cert"] = cert
                doc.warn(f"line {block.line}: marker of note {n} recovered from a bare number "
                         f"“{block.text[start:end]}” (its brackets are missing in the source)")
            block.spans.append(Span(start, end, "ref", attrs, layer=90))
        doc.facts.setdefault("note_targets", {})[NOTE_ID.format(n)] = ref_ids
    for n, note in notes.items():
        if n not in found:
            doc.warn(f"line {note.line}: endnote [{n}] has no marker in the text")


def _recover_lost_markers(blocks: list[Block], notes: dict, found: dict) -> None:
    """Find markers that lost their brackets, between the neighbouring markers' positions."""
    position = {id(b): bi for bi, b in enumerate(blocks)}
    for n in sorted(notes, key=int):
        if n in found:
            continue
        before, after = found.get(str(int(n) - 1)), found.get(str(int(n) + 1))
        if not before or not after:
            continue
        lo_block, lo = before[0][0], before[0][2]
        hi_block, hi = after[0][0], after[0][1]
        candidates = []
        for bi in range(position[id(lo_block)], position[id(hi_block)] + 1):
            block = blocks[bi]
            start = lo if block is lo_block else 0
            end = hi if block is hi_block else len(block.text)
            for match in BARE_NUMBER.finditer(block.text, start, end):
                if match.group(1) == n:
                    candidates.append((block, match.start(1), match.end(1), "medium"))
        if len(candidates) == 1:
            found[n] = candidates
