"""Reading any TEI: safe parsing, the plain text of ``<text>``, header facts, notes, entities.

Every exporter reads TEI through this module, so that all formats agree on what the text
is: ``text_of(tree)`` is the plain text of ``<text>`` (all its text in document order,
whitespace normalised, one blank line between blocks), and ``plain_text(tree)`` is the
same string with every inline element kept as a stand-off annotation (character offsets
into that string). The lossless tests on the converter compare ``words_of(text_of(tei))``
with the source edition's words.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from .errors import ToolkitError
from .resources import read_input
from .xmlsafe import safe_parser

TEI_NS = "http://www.tei-c.org/ns/1.0"
XML_NS = "http://www.w3.org/XML/1998/namespace"
T = "{%s}" % TEI_NS
XML_ID = "{%s}id" % XML_NS
XML_LANG = "{%s}lang" % XML_NS
NS = {"t": TEI_NS}

# Elements after which the reading text starts a new block (paragraph-like units).
BLOCKS = frozenset("""
p ab head l item note opener closer dateline salute signed byline docTitle titlePart docAuthor
docDate docImprint docEdition trailer epigraph argument postscript sp speaker stage castItem
castList row figure figDesc listBibl lg list table div
div1 div2 div3 div4 div5 div6 div7 front body back group text line zone surface person place
org event listPerson listPlace listOrg listEvent address addrLine entry sense form
""".split())
# Of ``<choice>``'s children, the reading text shows the first of these that is present.
PREFERRED_READINGS = ("corr", "reg", "expan", "seg")
# Entity elements and the kind of authority record they point to.
ENTITY_KINDS = {"persName": "person", "orgName": "org", "placeName": "place", "eventName": "event",
                "objectName": "object"}
RS_KINDS = {"person": "person", "persName": "person", "org": "org", "organisation": "org",
            "organization": "org", "place": "place", "event": "event", "object": "object"}
RECORD_KINDS = {"person": "person", "personGrp": "person", "org": "org", "place": "place",
                "event": "event", "object": "object"}
# Empty elements that mark a point, not a range: kept as annotations only when they hold text.
EMPTY_MARKERS = frozenset(("lb", "pb", "cb", "milestone", "anchor", "space", "gap"))
ENTITY_ORDER = ("person", "org", "place", "event", "object")


def local(node: etree._Element) -> str:
    """Local name of an element ("" for comments and processing instructions)."""
    return etree.QName(node).localname if isinstance(node.tag, str) else ""


# -- parsing ---------------------------------------------------------------------------------

@dataclass
class TeiSource:
    """A parsed TEI file: the tree, the exact bytes it came from, and its name (for messages and file names)."""

    tree: etree._ElementTree
    data: bytes
    name: str

    @property
    def root(self) -> etree._Element:
        return self.tree.getroot()

    @property
    def stem(self) -> str:
        return Path(self.name).stem or "document"


def parse_tei(data: bytes, name: str = "<tei>") -> TeiSource:
    """Parse TEI bytes without loading a DTD, expanding entities or touching the network.

    A document that declares entities in an internal DTD is refused outright (entity
    expansion attacks); anything that is not well-formed XML in the TEI namespace is a
    ToolkitError with a one-line message.
    """
    if not data.strip():
        raise ToolkitError(f"{name}: the file is empty")
    if re.search(rb"<!ENTITY", data[:65536]):
        raise ToolkitError(f"{name}: declares XML entities in a DTD; refused (TEI needs no DTD)")
    try:
        tree = etree.ElementTree(etree.fromstring(data, safe_parser(internal_entities=False)))
    except etree.XMLSyntaxError as exc:
        raise ToolkitError(f"{name}: not well-formed XML: {exc}") from None
    root = tree.getroot()
    for entity in root.iter(etree.Entity):
        raise ToolkitError(f"{name}: line {entity.sourceline}: entity {entity.text} is not declared in the document; "
                           "refused (external DTDs and entities are never loaded)")
    if etree.QName(root).namespace != TEI_NS:
        raise ToolkitError(f"{name}: the root element {root.tag} is not in the TEI namespace")
    return TeiSource(tree, data, name)


def read_tei(path: Path | str) -> TeiSource:
    """Read and safely parse a TEI file, with clear errors for missing or unreadable files."""
    path = Path(path)
    return parse_tei(read_input(path, "a TEI file"), str(path))


# -- the text --------------------------------------------------------------------------------

def text_roots(root: etree._Element) -> list[etree._Element]:
    """The parts that hold the document's text: outermost ``<text>``s, else ``<sourceDoc>``s, else the root.

    A file whose root is not ``TEI``/``teiCorpus`` (a ``<surface>`` fragment, say) is all text.
    """
    if local(root) not in ("TEI", "teiCorpus"):
        return [root]
    texts = [t for t in root.iter(T + "text") if not any(local(a) == "text" for a in t.iterancestors())]
    return texts or list(root.iter(T + "sourceDoc"))


def reading_children(node: etree._Element) -> list[etree._Element]:
    """Children to read: of ``<choice>``, only the preferred reading (corr, reg, expan...)."""
    children = [c for c in node if isinstance(c.tag, str)]
    if local(node) == "choice" and children:
        for name in PREFERRED_READINGS:
            for child in children:
                if local(child) == name:
                    return [child]
        return children[:1]
    return children


def is_block(node: etree._Element) -> bool:
    """True when the element is a paragraph-like unit of the reading text."""
    return local(node) in BLOCKS and not (local(node) == "note" and node.get("place") == "inline")


def joined_tail(node: etree._Element) -> str:
    """The text after an element; after ``<lb break="no"/>`` the word goes on without a space."""
    tail = node.tail or ""
    return tail.lstrip() if local(node) == "lb" and node.get("break") == "no" else tail


def holds_blocks(node: etree._Element) -> bool:
    """True when the element is a container of blocks, not mixed content (no text of its own between them)."""
    children = reading_children(node)
    if not any(is_block(c) for c in children) or (node.text or "").strip():
        return False
    return not any((c.tail or "").strip() for c in children)


@dataclass
class Annotation:
    """An inline TEI element as stand-off: ``text[start:end]`` of the plain text."""

    element: str
    start: int
    end: int
    attrs: dict[str, str] = field(default_factory=dict)
    xml_id: str | None = None
    block: bool = False
    node: etree._Element | None = field(default=None, repr=False, compare=False)

    @property
    def kind(self) -> str:
        """entity, date, archival, bibl, noteAnchor, note, structure (blocks) or markup."""
        if entity_kind_of(self.element, self.attrs):
            return "entity"
        if self.element in ("date", "time"):
            return "date"
        if self.element == "bibl":
            return "archival" if self.attrs.get("type") == "archival" else "bibl"
        if self.element in ("ref", "ptr") and (self.attrs.get("type") in ("noteAnchor", "noteref")
                                               or self.attrs.get("target", "").startswith("#note")):
            return "noteAnchor"
        if self.element == "note":
            return "note"
        return "structure" if self.block else "markup"


@dataclass
class Block:
    """A paragraph-like unit of the plain text: ``text[start:end]``, its TEI element and @n."""

    element: str
    start: int
    end: int
    n: str | None = None


@dataclass
class PlainText:
    """The plain text of ``<text>`` with its blocks and inline annotations as character ranges."""

    text: str
    blocks: list[Block]
    annotations: list[Annotation]


def attributes(node: etree._Element) -> dict[str, str]:
    """Attributes with ``xml:`` names written as in TEI (``xml:id``), others by local name."""
    out = {}
    for key, value in node.attrib.items():
        q = etree.QName(key)
        out[("xml:" if q.namespace == XML_NS else "") + q.localname] = value
    return out


class _TextBuilder:
    """Appends text with whitespace normalised, remembering where blocks and elements start and end."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.length = 0
        self.block_start = 0
        self.blocks: list[Block] = []
        self.annotations: list[Annotation] = []
        self.at_space = True  # at a block start or after a space: leading whitespace is dropped

    def add(self, text: str | None) -> None:
        if not text:
            return
        text = re.sub(r"\s+", " ", text)
        if self.at_space:
            text = text.lstrip(" ")
        if not text:
            return
        self.parts.append(text)
        self.length += len(text)
        self.at_space = text.endswith(" ")

    def break_block(self, element: str | None = None, n: str | None = None) -> int:
        """End the current block (if it has text) and start a new one; return where its text ended."""
        if self.parts and self.parts[-1].endswith(" "):
            self.parts[-1] = self.parts[-1][:-1]
            self.length -= 1
        end = self.length
        if self.length > self.block_start:
            self.blocks.append(Block(element or "p", self.block_start, self.length, n))
            self.parts.append("\n\n")
            self.length += 2
        self.block_start = self.length
        self.at_space = True
        return end

    def text(self) -> str:
        return "".join(self.parts)[: self.length].rstrip("\n")


def plain_text(tree: etree._ElementTree | etree._Element) -> PlainText:
    """The plain text of the document's ``<text>`` with every inline element as an annotation."""
    root = tree.getroot() if isinstance(tree, etree._ElementTree) else tree
    out = _TextBuilder()
    block_stack: list[etree._Element] = []

    def walk(node: etree._Element) -> None:
        name = local(node)
        block = is_block(node)
        if block:
            out.break_block(local(block_stack[-1]) if block_stack else None,
                            block_stack[-1].get("n") if block_stack else None)
            block_stack.append(node)
        start = out.length
        if name == "lb" and node.get("break") != "no" or name == "space":
            out.add(" ")
        out.add(node.text)
        for child in reading_children(node):
            walk(child)
            out.add(joined_tail(child))
        end = out.length
        if block:
            block_stack.pop()
            end = out.break_block(name, node.get("n"))
        if end > start or name not in EMPTY_MARKERS:
            out.annotations.append(Annotation(name, start, end, attributes(node), node.get(XML_ID), block, node))

    for part in text_roots(root):
        walk(part)
    out.break_block()
    text = out.text()
    for ann in out.annotations:  # trim offsets to the text left after block-edge whitespace
        ann.end = min(ann.end, len(text))
        ann.start = min(ann.start, ann.end)
        while ann.start < ann.end and text[ann.start] in " \n":
            ann.start += 1
        while ann.end > ann.start and text[ann.end - 1] in " \n":
            ann.end -= 1
    annotations = sorted(out.annotations, key=lambda a: (a.start, -a.end))
    return PlainText(text, out.blocks, annotations)


def text_of(tree: etree._ElementTree | etree._Element) -> str:
    """The plain text of ``<text>``: document order, whitespace normalised, blocks separated by a blank line."""
    return plain_text(tree).text


def words_of(text: str) -> list[str]:
    """Whitespace-separated words: the unit of the lossless comparison."""
    return text.split()


def inline_text(node: etree._Element, skip: frozenset[str] = frozenset()) -> str:
    """One element's text on one line (reading choices applied, whitespace normalised, ``skip`` elements left out)."""
    parts: list[str] = []

    def walk(n: etree._Element) -> None:
        if local(n) in ("lb", "space") and n.get("break") != "no":
            parts.append(" ")
        parts.append(n.text or "")
        for child in reading_children(n):
            if local(child) not in skip:
                walk(child)
            parts.append(joined_tail(child))

    walk(node)
    return " ".join("".join(parts).split())


# -- header facts --------------------------------------------------------------------------------

@dataclass
class Party:
    """A correspondent: name, authority reference, and whether a person or an organisation."""

    name: str
    ref: str | None = None
    element: str = "persName"


@dataclass
class CorrespAction:
    type: str
    parties: list[Party] = field(default_factory=list)
    places: list[Party] = field(default_factory=list)
    date: dict[str, str] = field(default_factory=dict)
    date_text: str = ""


@dataclass
class HeaderFacts:
    """What exporters show about a document, read from its teiHeader."""

    title: str = ""
    authors: list[str] = field(default_factory=list)
    contributors: list[str] = field(default_factory=list)
    date: str | None = None
    date_text: str = ""
    publisher: str = ""
    publication_date: str | None = None
    source: str = ""
    source_url: str | None = None
    archival: str = ""
    licence: str = ""
    licence_url: str | None = None
    language: str | None = None
    identifiers: list[str] = field(default_factory=list)
    abstract: str = ""
    correspondence: list[CorrespAction] = field(default_factory=list)


# Identifiers inside a name (``<author><persName>X</persName><idno>Q1</idno></author>``) are not the name.
IDENTIFIERS = frozenset(("idno", "ptr"))


def _first(root: etree._Element, path: str) -> etree._Element | None:
    found = root.xpath(path, namespaces=NS)
    return found[0] if found else None


def _text(node: etree._Element | None) -> str:
    return inline_text(node) if node is not None else ""


def date_attrs(node: etree._Element) -> dict[str, str]:
    """The normalised value attributes of a ``<date>`` (when, from/to, notBefore/notAfter, ...)."""
    keys = ("when", "from", "to", "notBefore", "notAfter", "when-iso", "from-iso", "to-iso",
            "notBefore-iso", "notAfter-iso", "when-custom", "datingMethod", "cert")
    return {k: node.get(k) for k in keys if node.get(k)}


def date_label(attrs: dict[str, str]) -> str:
    """A normalised date value for display: "1923-10-08", "1921-06/1921-07", "1921-03-01..1921-05-31"."""
    a = {k.replace("-iso", ""): v for k, v in attrs.items()}
    if a.get("when"):
        return a["when"]
    if a.get("from") or a.get("to"):
        return f"{a.get('from', '')}/{a.get('to', '')}"
    if a.get("notBefore") or a.get("notAfter"):
        return f"{a.get('notBefore', '')}..{a.get('notAfter', '')}"
    return ""


def _correspondence(root: etree._Element) -> list[CorrespAction]:
    actions = []
    for node in root.xpath("t:teiHeader/t:profileDesc/t:correspDesc/t:correspAction", namespaces=NS):
        action = CorrespAction(node.get("type", ""))
        for child in node:
            name = local(child)
            if name in ("persName", "orgName", "name", "rs"):
                action.parties.append(Party(inline_text(child), child.get("ref"),
                                            "orgName" if name == "orgName" or child.get("type") == "org" else "persName"))
            elif name == "placeName" or (name == "settlement"):
                action.places.append(Party(inline_text(child), child.get("ref"), "placeName"))
            elif name == "date":
                action.date = date_attrs(child)
                action.date_text = inline_text(child)
        actions.append(action)
    return actions


def header_facts(tree: etree._ElementTree | etree._Element) -> HeaderFacts:
    """Title, authors, date, source, archival identifier, licence, language and correspondents."""
    root = tree.getroot() if isinstance(tree, etree._ElementTree) else tree
    facts = HeaderFacts()
    stmt = "t:teiHeader/t:fileDesc/t:titleStmt"
    main = _first(root, f"({stmt}/t:title[@type='main'] | {stmt}/t:title)[1]")
    facts.title = _text(main) or (root.get(XML_ID) or "Untitled document")
    authors = [inline_text(a, IDENTIFIERS) for a in root.xpath(f"{stmt}/t:author", namespaces=NS)]
    facts.authors = [a for a in authors if a]
    facts.contributors = [_text(n) for n in root.xpath(
        f"{stmt}/t:editor | {stmt}/t:respStmt/t:name | {stmt}/t:respStmt/t:persName | {stmt}/t:respStmt/t:orgName",
        namespaces=NS) if _text(n)]
    facts.correspondence = _correspondence(root)
    sent = next((a for a in facts.correspondence if a.type == "sent" and a.date), None)
    creation = _first(root, "t:teiHeader/t:profileDesc/t:creation//t:date")
    dated = sent.date if sent else (date_attrs(creation) if creation is not None else {})
    facts.date = date_label(dated) or None
    facts.date_text = sent.date_text if sent else _text(creation)
    pub = "t:teiHeader/t:fileDesc/t:publicationStmt"
    facts.publisher = _text(_first(root, f"{pub}/t:publisher")) or _text(_first(root, f"{pub}/t:authority"))
    pub_date = _first(root, f"{pub}/t:date")
    if pub_date is not None:
        facts.publication_date = pub_date.get("when") or _text(pub_date) or None
    licence = _first(root, f"{pub}/t:availability/t:licence")
    if licence is not None:
        facts.licence = _text(licence) or licence.get("target", "")
        facts.licence_url = licence.get("target")
    else:
        facts.licence = _text(_first(root, f"{pub}/t:availability"))
    facts.identifiers = [_text(i) for i in root.xpath(f"{pub}/t:idno", namespaces=NS) if _text(i)]
    src = "t:teiHeader/t:fileDesc/t:sourceDesc"
    bibl = _first(root, f"{src}/t:bibl | {src}/t:biblStruct | {src}/t:biblFull | {src}/t:p")
    facts.source = _text(bibl)
    ptr = _first(root, f"({src}/t:bibl//t:ptr | {src}/t:bibl//t:ref)[@target][not(@type='publisher')]")
    facts.source_url = ptr.get("target") if ptr is not None else None
    ident = _first(root, f"{src}//t:msDesc/t:msIdentifier")
    if ident is not None:
        facts.archival = archival_identifier(ident)
    lang = _first(root, "t:teiHeader/t:profileDesc/t:langUsage/t:language[@ident]")
    facts.language = root.get(XML_LANG) or (lang.get("ident") if lang is not None else None)
    facts.abstract = _text(_first(root, "t:teiHeader/t:profileDesc/t:abstract"))
    return facts


def archival_identifier(ident: etree._Element) -> str:
    """"Repository, fond 17, opis 2, delo 685" from an ``msIdentifier``."""
    parts = []
    for child in ident:
        if not isinstance(child.tag, str) or not _text(child):
            continue
        kind = child.get("type")
        parts.append(f"{kind} {_text(child)}" if local(child) == "idno" and kind else _text(child))
    return ", ".join(parts)


# -- notes -----------------------------------------------------------------------------------------

@dataclass
class Note:
    """A ``<note>`` in the text: its element, id, label and the anchors that point to it."""

    element: etree._Element
    id: str
    label: str
    inline: bool
    anchors: list[etree._Element] = field(default_factory=list)


# Notes directly inside these are free-standing (endnotes, notes between paragraphs), not footnotes.
NOTE_CONTAINERS = frozenset(("div", "div1", "div2", "div3", "div4", "div5", "div6", "div7", "body", "back", "front",
                             "text", "group", "figure"))


def notes_of(root: etree._Element) -> list[Note]:
    """Every note in the text, in order; notes inside a block are ``inline`` (footnotes to lift out)."""
    notes: list[Note] = []
    for part in text_roots(root):
        for node in part.iter(T + "note"):
            if any(local(a) == "note" for a in node.iterancestors()):
                continue  # a note inside a note is part of its text
            inside_block = any(is_block(a) and local(a) not in NOTE_CONTAINERS
                               for a in node.iterancestors() if a is not part)
            count = len(notes) + 1
            label = node.get("n") or _note_label(node) or str(count)
            notes.append(Note(node, node.get(XML_ID) or f"note-{count}", label, inside_block))
    by_id = {n.element.get(XML_ID): n for n in notes if n.element.get(XML_ID)}
    for ref in root.iter(T + "ref", T + "ptr"):
        for target in (ref.get("target") or "").split():
            if target.startswith("#") and target[1:] in by_id:
                by_id[target[1:]].anchors.append(ref)
    return notes


def _note_label(note: etree._Element) -> str:
    label = note.find(T + "label")
    return _text(label).strip("[]") if label is not None else ""


# -- entities and authority records --------------------------------------------------------------------------

def entity_kind_of(element: str, attrs: dict[str, str]) -> str | None:
    """person/org/place/event for an entity element (persName, orgName, rs type=..., name type=...)."""
    if element in ENTITY_KINDS:
        return ENTITY_KINDS[element]
    if element in ("rs", "name"):
        return RS_KINDS.get(attrs.get("type", ""))
    return None


@dataclass
class Record:
    """An authority record (person, org, place, event) from a list in the document."""

    id: str
    kind: str
    name: str
    names: list[str] = field(default_factory=list)
    facts: dict[str, str] = field(default_factory=dict)


NAME_PARTS = frozenset(("forename", "surname", "addName", "roleName", "genName", "nameLink", "placeName",
                        "settlement", "country", "region"))


def name_text(node: etree._Element) -> str:
    """A record's name: name parts (forename, surname...) written without spaces between them are spaced."""
    parts = [node.text or ""]
    for child in reading_children(node):
        parts.append((" " if local(child) in NAME_PARTS else "") + inline_text(child) + (child.tail or ""))
    return " ".join("".join(parts).split())


def _preferred_first(names: list[etree._Element]) -> list[etree._Element]:
    return sorted(names, key=lambda n: n.get("type") != "preferred")


_RECORD_FACTS = ("birth", "death", "floruit", "occupation", "affiliation", "sex", "location", "country",
                 "settlement", "desc", "note", "label", "residence", "faith", "nationality", "state")


def _record(node: etree._Element) -> Record:
    kind = RECORD_KINDS[local(node)]
    name_tags = {"person": "persName", "org": "orgName", "place": "placeName", "event": "eventName",
                 "object": "objectName"}[kind]
    names = [name_text(n) for n in _preferred_first([n for n in node if local(n) in (name_tags, "name", "label")])
             if name_text(n)]
    if not names and kind == "event":
        names = [inline_text(n) for n in node if local(n) in ("desc", "head") and inline_text(n)]
    facts: dict[str, str] = {}
    for child in node:
        name = local(child)
        if name in _RECORD_FACTS and name != "label" and inline_text(child):
            value = inline_text(child)
            if child.get("when") and child.get("when") not in value:
                value = f"{value} ({child.get('when')})" if value else child.get("when")
            facts[name] = f"{facts[name]}; {value}" if name in facts else value
        elif name in ("birth", "death") and child.get("when"):
            facts[name] = child.get("when")
        elif name == "idno" and inline_text(child):
            facts.setdefault("idno", inline_text(child))
    for key in ("when", "from", "to"):
        if node.get(key):
            facts[key] = node.get(key)
    return Record(node.get(XML_ID, ""), kind, names[0] if names else node.get(XML_ID, ""), names, facts)


def authority_records(root: etree._Element) -> dict[str, Record]:
    """Records with an xml:id anywhere in the document (standOff, back, header), keyed by id."""
    records: dict[str, Record] = {}
    for node in root.iter(*(T + k for k in RECORD_KINDS)):
        if node.get(XML_ID) and any(local(a).startswith("list") for a in node.iterancestors()):
            records.setdefault(node.get(XML_ID), _record(node))
    return records


def ref_id(ref: str | None) -> str | None:
    """The first pointer of a ``@ref``: "#trotsky" -> "trotsky"; a URI stays as it is."""
    if not ref or not ref.split():
        return None
    first = ref.split()[0]
    return first[1:] if first.startswith("#") else first


@dataclass
class Mention:
    """One mention of an entity: its range in the plain text, wording and annotation."""

    start: int
    end: int
    text: str
    annotation: Annotation


@dataclass
class IndexEntry:
    """One entity of the index: its kind, key (record id, URI or normalised name) and mentions."""

    kind: str
    key: str
    name: str
    record: Record | None
    ref: str | None = None
    mentions: list[Mention] = field(default_factory=list)


def entity_index(text: PlainText, records: dict[str, Record]) -> list[IndexEntry]:
    """Entities of the text grouped by what they refer to, in kind order and then by name.

    Mentions without ``@ref`` are grouped by their normalised wording.
    """
    entries: dict[tuple[str, str], IndexEntry] = {}
    for ann in text.annotations:
        kind = entity_kind_of(ann.element, ann.attrs)
        if not kind or ann.end <= ann.start:
            continue
        wording = text.text[ann.start:ann.end]
        ref = ref_id(ann.attrs.get("ref")) or ref_id(ann.attrs.get("key"))
        key = ref or " ".join(wording.split())
        record = records.get(key)
        if record is not None:
            kind = record.kind
        entry = entries.get((kind, key))
        if entry is None:
            entry = entries[(kind, key)] = IndexEntry(kind, key, "", record, ref)
        entry.mentions.append(Mention(ann.start, ann.end, " ".join(wording.split()), ann))
    for entry in entries.values():
        wordings = Counter(m.text for m in entry.mentions)
        entry.name = entry.record.name if entry.record and entry.record.name else wordings.most_common(1)[0][0]
    order = {k: i for i, k in enumerate(ENTITY_ORDER)}
    return sorted(entries.values(), key=lambda e: (order.get(e.kind, 99), e.name.casefold(), e.key))


def context_of(text: str, start: int, end: int, width: int = 40) -> str:
    """The mention with up to ``width`` characters either side, on one line."""
    before = text[max(0, start - width):start]
    after = text[end:end + width]
    return " ".join(f"{'…' if start > width else ''}{before}{text[start:end]}{after}"
                    f"{'…' if end + width < len(text) else ''}".split())
