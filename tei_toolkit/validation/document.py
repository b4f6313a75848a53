"""One input document: its bytes, its safely parsed tree, and jing-style positions."""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from lxml import etree

from ..xmlsafe import XMLParseError, parse_tei
from .positions import DocumentPositions

TEI_NS = "http://www.tei-c.org/ns/1.0"
TEI_ROOTS = {"TEI", "teiCorpus"}


class UnusableInput(Exception):
    """Not an XML document at all (missing, empty, binary): exit code 2, not 'invalid'."""


@dataclass
class XMLDocument:
    """A parsed input. ``name`` is how reports call it (the path as given, or ``-``)."""

    name: str
    data: bytes
    tree: etree._ElementTree
    path: Path | None = None
    facts: dict = field(default_factory=dict)

    @cached_property
    def positions(self) -> DocumentPositions | None:
        return DocumentPositions.from_bytes(self.data, self.tree.docinfo.encoding)

    @cached_property
    def element_names(self) -> set[tuple[str, str]]:
        tags = {element.tag for element in self.tree.iter() if isinstance(element.tag, str)}
        return {(tag[1:].split("}", 1)[0], tag.split("}", 1)[1]) if tag[0] == "{" else ("", tag)
                for tag in tags}

    @cached_property
    def _element_index(self) -> dict:
        elements = [e for e in self.tree.iter() if isinstance(e.tag, str)]
        return {e: i for i, e in enumerate(elements)}

    def place(self, element: etree._Element) -> tuple[int, int]:
        """Line and column of the end of the element's start tag (where jing points)."""
        positions = self.positions
        index = self._element_index.get(element)
        if (positions is None or index is None
                or len(positions.start_tag_ends) != len(self._element_index)):
            return element.sourceline or 0, 0
        return positions.line_col(positions.start_tag_ends[index])

    def element_at_line(self, line: int) -> etree._Element | None:
        """The first element whose start tag begins on ``line`` (to place libxml2 errors)."""
        for element in self._element_index:
            if element.sourceline == line:
                return element
        return None

    @property
    def is_tei(self) -> bool:
        """TEI, or meant to be: the root is TEI/teiCorpus or any element in the TEI namespace."""
        qname = etree.QName(self.tree.getroot())
        return qname.namespace == TEI_NS or qname.localname in TEI_ROOTS


def read_input(name: str, data: bytes | None = None) -> bytes:
    """The bytes of a path (or given bytes), refusing what is plainly not XML."""
    if data is None:
        path = Path(name)
        if not path.exists():
            raise UnusableInput("no such file")
        if path.is_dir():
            raise UnusableInput("is a directory")
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise UnusableInput(f"cannot read: {exc.strerror}") from None
    if not data.strip():
        raise UnusableInput("empty file, not XML")
    head = data[:4]
    utf16 = head.startswith((b"\xff\xfe", b"\xfe\xff"))
    if not utf16 and (b"\x00" in data[:1024] or not data.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<")):
        raise UnusableInput("not XML (does not start with markup)")
    return data


def load_document(name: str, data: bytes, path: Path | None = None) -> XMLDocument:
    """Parse safely; raises XMLParseError for a document that is not well-formed."""
    tree = parse_tei(data)
    return XMLDocument(name, data, tree, path)


__all__ = ["XMLDocument", "XMLParseError", "UnusableInput", "read_input", "load_document",
           "TEI_NS"]
