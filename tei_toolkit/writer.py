"""Writer: Document -> TEI P5 (lxml), deterministic byte for byte.

Inline spans become nested elements; block roles become TEI structure:
title -> ``front/docTitle``, intro and captions -> ``front/div[@type='introduction']``,
the letter -> ``body/div[@type='letter']`` with ``opener``, one ``div[@type='section']``
per numbered paragraph, ``figure`` for captions, ``closer``; the archival source line
-> ``body/div[@type='source']``; endnotes -> ``back/div[@type='notes']/note``.
"""
from __future__ import annotations

from lxml import etree

from . import __version__
from .document import Block, Document, Span
from .header import build_header

TEI_NS = "http://www.tei-c.org/ns/1.0"
XML_NS = "http://www.w3.org/XML/1998/namespace"
T = "{%s}" % TEI_NS


def qname(name: str) -> str:
    """TEI element/attribute name -> Clark notation (``xml:id`` -> ``{xml-ns}id``)."""
    if name.startswith("xml:"):
        return "{%s}%s" % (XML_NS, name[4:])
    return name


def el(tag: str, parent: etree._Element | None = None, text: str | None = None, **attrs: str) -> etree._Element:
    """A TEI element with attributes given as keywords (``xml__id`` for ``xml:id``)."""
    clean = {qname(k.replace("__", ":").rstrip("_")): v for k, v in attrs.items() if v is not None}
    node = etree.Element(T + tag, clean) if parent is None else etree.SubElement(parent, T + tag, clean)
    if text:
        node.text = text
    return node


def append_text(node: etree._Element, text: str | None) -> None:
    """Add text after the node's last child (or as its text): mixed content built in order."""
    if not text:
        return
    if len(node):
        node[-1].tail = (node[-1].tail or "") + text
    else:
        node.text = (node.text or "") + text


def inline(node: etree._Element, block: Block) -> etree._Element:
    """Fill ``node`` with the block's text, its spans nested as TEI elements."""
    spans = sorted(block.spans, key=lambda s: (s.start, -s.end, s.layer))
    stack: list[tuple[Span, etree._Element]] = []
    pos = 0
    text = block.text
    for span in spans:
        while stack and stack[-1][0].end <= span.start:
            done, element = stack.pop()
            append_text(element, text[pos:done.end])
            pos = done.end
        parent = stack[-1][1] if stack else node
        if stack and span.end > stack[-1][0].end:
            continue  # would cross its parent: the taggers' contract forbids this; skip
        append_text(parent, text[pos:span.start])
        pos = span.start
        child = etree.SubElement(parent, T + span.tag, {qname(k): v for k, v in sorted(span.attrs.items())})
        stack.append((span, child))
    while stack:
        done, element = stack.pop()
        append_text(element, text[pos:done.end])
        pos = done.end
    append_text(node, text[pos:])
    # An element whose content is one child element is still mixed content: an empty text
    # node keeps the pretty-printer from indenting inside it (which would add whitespace).
    for element in node.iter():
        if element.text is None and len(element):
            element.text = ""
    return node


def _figure(parent: etree._Element, block: Block) -> None:
    figure = el("figure", parent)
    inline(el("head", figure), block)


def _front(text: etree._Element, doc: Document) -> None:
    front = el("front", text)
    if doc.title is not None:
        inline(el("titlePart", el("docTitle", front), type="main"), doc.title)
    if doc.front:
        intro = el("div", front, type="introduction")
        for block in doc.front:
            if block.role == "caption":
                _figure(intro, block)
            else:
                inline(el("p", intro), block)


def _letter(body: etree._Element, doc: Document) -> None:
    letter = el("div", body, type="letter")
    if doc.opener:
        opener = el("opener", letter)
        for block in doc.opener:
            if block.role == "dateline":
                inline(el("dateline", opener), block)
            elif block.role == "classification":
                inline(el("seg", opener, type="classification"), block)
            else:
                inline(el("salute", opener), block)
    for section in doc.sections:
        div = el("div", letter, type="section", n=section.n)
        if section.n:
            div.set(qname("xml:id"), f"section{section.n}")
        for block in section.blocks:
            if block.role == "caption":
                _figure(div, block)
            else:
                inline(el("p", div), block)
    closer = None
    for block in doc.closer:
        if block.role == "caption":  # a figure after the signature stands after the closer
            _figure(letter, block)
            closer = None
            continue
        if closer is None:
            closer = el("closer", letter)
        tag = {"signature": "signed", "closing-salute": "salute"}.get(block.role, "dateline")
        inline(el(tag, closer), block)


def _back(text: etree._Element, doc: Document) -> None:
    back = el("back", text)
    notes = el("div", back, type="notes")
    if "notes_heading" in doc.facts:
        el("head", notes, doc.facts["notes_heading"])
    targets = doc.facts.get("note_targets", {})
    for block in doc.notes:
        note_id = f"note{block.n}"
        note = el("note", notes, type="editorial", place="end", n=block.n, xml__id=note_id)
        if note_id in targets:
            note.set("target", " ".join("#" + ref_id for ref_id in targets[note_id]))
        el("label", note, block.label or block.n).tail = " "
        inline(el("p", note), block)


def build_tei(doc: Document) -> etree._Element:
    """The whole TEI document as an lxml element tree."""
    root = etree.Element(T + "TEI", nsmap={None: TEI_NS})
    root.set(qname("xml:lang"), doc.metadata.get("edition", {}).get("language", "en"))
    root.append(build_header(doc, __version__))
    text = el("text", root)
    _front(text, doc)
    body = el("body", text)
    if doc.opener or doc.sections or doc.closer:
        _letter(body, doc)
    if doc.source:
        source = el("div", body, type="source")
        for block in doc.source:
            inline(el("p", source), block)
    if doc.notes:
        _back(text, doc)
    for element in doc.facts.get("standoff", []):
        root.append(element)
    return root


# Elements whose content is text with inline markup: never indented inside, because
# whitespace added there would become part of the text.
PHRASE_LEVEL = {
    "p", "head", "salute", "dateline", "signed", "titlePart", "title", "author", "resp", "name",
    "publisher", "licence", "label", "desc", "repository", "locus", "language", "persName",
    "orgName", "placeName", "date", "bibl", "seg", "ref", "supplied", "idno", "citedRange",
    "biblScope", "note", "birth", "death", "occupation", "affiliation", "pubPlace", "collection",
}


def indent(node: etree._Element, level: int = 0) -> None:
    """Indent structural elements only (two spaces a level), leaving phrase content as is."""
    children = list(node)
    if not children or etree.QName(node).localname in PHRASE_LEVEL:
        return
    if (node.text or "").strip() or any((child.tail or "").strip() for child in children):
        return  # mixed content we did not expect: leave it untouched
    pad = "\n" + "  " * (level + 1)
    node.text = pad
    for child in children:
        indent(child, level + 1)
        child.tail = pad
    children[-1].tail = "\n" + "  " * level


def serialize(root: etree._Element) -> bytes:
    """UTF-8 TEI with an XML declaration; structure indented, text untouched."""
    indent(root)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8") + b"\n"
