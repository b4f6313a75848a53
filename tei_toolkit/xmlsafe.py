"""The one safe way the toolkit parses XML it did not write.

Untrusted TEI arrives in pull requests, so no document may make the parser read a file
or a URL: external entities and DTDs are never loaded, the network is off, only entities
declared inside the document are expanded (libxml2 refuses expansion bombs), and
``huge_tree`` stays off so libxml2's size and depth limits protect memory.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from lxml import etree


@dataclass
class XMLParseError(Exception):
    """A document that is not well-formed, or asks for something unsafe."""

    message: str
    line: int = 0
    column: int = 0

    def __str__(self) -> str:
        return f"{self.line}:{self.column}: {self.message}"


class _ReadNothing(etree.Resolver):
    """Answers every request for an external DTD or entity with nothing: libxml2 still
    asks for a document's external DTD subset, and no file or URL may be read for it."""

    def resolve(self, url, public_id, context):
        return self.resolve_string("", context)


def safe_parser() -> etree.XMLParser:
    """A fresh parser with every door closed (lxml parsers are not thread-safe to share).

    ``collect_ids`` is off so that a duplicate xml:id is a validation error (reported by
    the schema engines, as jing does), not a parse failure."""
    parser = etree.XMLParser(resolve_entities="internal", load_dtd=False, no_network=True,
                             dtd_validation=False, huge_tree=False, remove_comments=False,
                             collect_ids=False)
    parser.resolvers.add(_ReadNothing())
    return parser


def parse_tei(source: Path | str | bytes) -> etree._ElementTree:
    """Parse a file path or bytes safely; raise XMLParseError with the first error's place."""
    parser = safe_parser()
    data = source if isinstance(source, bytes) else Path(source).read_bytes()
    try:
        tree = etree.fromstring(data, parser, base_url=None if isinstance(source, bytes)
                                else str(source)).getroottree()
    except etree.XMLSyntaxError as exc:
        raise _explained(_parse_error(exc, parser), data) from None
    _refuse_external_entities(tree)
    return tree


def _parse_error(exc: etree.XMLSyntaxError, parser: etree.XMLParser) -> XMLParseError:
    """The first fatal error of the parse, with libxml2's position (column 1-based)."""
    errors = [e for e in parser.error_log if e.level >= etree.ErrorLevels.ERROR]
    first = errors[0] if errors else None
    if first is None:
        line, column = exc.position
        return XMLParseError(str(exc.msg), line or 0, column or 0)
    return XMLParseError(first.message.strip(), first.line, first.column)


def _explained(error: XMLParseError, data: bytes) -> XMLParseError:
    """libxml2 calls an external entity it was told not to load "not defined": say why."""
    match = re.match(r"Entity '([^']+)' not defined", error.message)
    if match and re.search(rb"<!ENTITY\s+" + re.escape(match.group(1).encode()) +
                           rb"\s+(?:SYSTEM|PUBLIC)\b", data):
        error.message = (f"external entity \"{match.group(1)}\" is not resolved: reading a "
                         f"file or URL named by the document is refused")
    return error


def _refuse_external_entities(tree: etree._ElementTree) -> None:
    """An entity reference left unexpanded is an external one: refuse it, never read it."""
    for ref in tree.getroot().iter(etree.Entity):
        raise XMLParseError(f"external entity \"{ref.name}\" is not resolved (it would read "
                            f"a file or URL named by the document)", ref.sourceline or 0, 0)
