"""The reading text of a TEI document: what a reader sees, in document order.

Used by the txt exporter and by the lossless test: block-level elements are separated
by a newline so that words of adjacent blocks never run together.
"""
from __future__ import annotations

from lxml import etree

TEI_NS = "http://www.tei-c.org/ns/1.0"
BLOCKS = {
    "p", "head", "titlePart", "docTitle", "dateline", "salute", "signed", "opener", "closer",
    "note", "figure", "div", "item", "l", "lg", "ab", "sp", "speaker", "stage",
    "trailer", "byline", "docAuthor", "epigraph", "argument", "list", "table", "row", "cell",
    "front", "body", "back", "listBibl", "postscript",
}


def _local(tag: object) -> str:
    return etree.QName(tag).localname if isinstance(tag, str) else ""


def text_of(root: etree._Element, part: str = "text") -> str:
    """All text of the TEI ``<text>`` (or another part, e.g. ``body``), blocks on their own lines."""
    node = root if _local(root.tag) == part else root.find(f".//{{{TEI_NS}}}{part}")
    if node is None:
        return ""
    out: list[str] = []

    def walk(element: etree._Element) -> None:
        block = _local(element.tag) in BLOCKS
        if block:
            out.append("\n")
        if element.text and isinstance(element.tag, str):
            out.append(element.text)
        for child in element:
            walk(child)
            if child.tail:
                out.append(child.tail)
        if block:
            out.append("\n")

    walk(node)
    return "".join(out)


def words_of(text: str) -> list[str]:
    """Whitespace-separated words: the unit of the lossless comparison."""
    return text.split()
