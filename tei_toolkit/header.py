"""The TEI header: bibliographic facts from the edition's metadata file and from the text.

Per-edition facts the text cannot give (publisher, URL, licence, who encoded it) come
from ``<edition>.meta.toml``; the rest is derived from what the reader and taggers
found: the title, the letter's date, its correspondents (from a title "Letter from X to
Y"), and the archival original (from the source line, via the archival tagger).
"""
from __future__ import annotations

import re

from lxml import etree

from .document import Document
from .dates import DATELINE_PLACE, parse_dateline

TEI = "{http://www.tei-c.org/ns/1.0}"
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
LETTER_TITLE = re.compile(
    r"\b(?:Letter|Note|Telegram|Memorandum|Message|Appeal|Statement|Declaration|Report)s?\s+"
    r"(?:from|of|by)\s+(?P<sender>.+?)\s+to\s+(?P<to>.+?)\s*$", re.IGNORECASE)

PRINCIPLES = [
    "Every word of the source edition is kept, in order. Page boilerplate of the web page "
    "(listed under samplingDecl) is left out.",
    "Numbered paragraphs of the letter are encoded as div type=\"section\" with n; unnumbered "
    "paragraphs that follow a numbered one belong to its div. Image captions are figure/head; "
    "photo credits are bibl type=\"credit\".",
    "Note markers are ref type=\"noteAnchor\" pointing to the endnotes in back; each note points "
    "back to all its markers with @target. A marker recovered from a bare number carries cert=\"medium\".",
    "Square-bracketed words inside the letter are the editor's: supplied reason=\"editorial\" resp=\"#editor\".",
    "Dates carry ISO 8601 values in @when, @from/@to or @notBefore/@notAfter; names point to the "
    "authority records in standOff with @ref.",
]


def _sub(parent: etree._Element, tag: str, text: str | None = None, **attrs: str) -> etree._Element:
    node = etree.SubElement(parent, TEI + tag, {k: v for k, v in attrs.items() if v})
    if text:
        node.text = text
    return node


TITLE_TAIL = re.compile(
    r"\s+(?:on|about|concerning|regarding|in connection with|with regard to)\s+.*$"
    r"|,?\s+(?:\d{1,2}\s+)?(?:January|February|March|April|May|June|July|August|September|October"
    r"|November|December)\b.*$|,\s*\d.*$", re.IGNORECASE)
PERSON_NAME = re.compile(r"^(?:[A-ZА-Я][a-zа-я]?\.\s?)+[A-ZА-Я][\w’'-]+$|^[A-ZА-Я][a-zа-я]+\s+[A-ZА-Я][\w’'-]+$")


def correspondents(title: str) -> tuple[str | None, list[str]]:
    """Sender and addressees from a title such as "Letter from X to A and B on …, 1 May 1923"."""
    match = LETTER_TITLE.search(title)
    if not match:
        return None, []
    to = TITLE_TAIL.sub("", match.group("to"))
    # "the CC and the CCC of the Russian Communist Party": the last addressee's
    # qualifier ("of …") applies to all of them.
    parts = [p.strip() for p in re.split(r",\s*|\s+and\s+", to) if p.strip()]
    qualifier = re.search(r"\s(of (?:the )?.+)$", parts[-1]) if parts else None
    if qualifier and len(parts) > 1:
        parts = [p if " of " in p or PERSON_NAME.match(p) else f"{p} {qualifier.group(1)}" for p in parts]
    return (_without_place(match.group("sender").strip()),
            [_without_place(re.sub(r"^the\s+", "", p, flags=re.I)) for p in parts])


NAME_IN_PLACE = re.compile(r"^(?P<name>.+?)\s+in\s+(?P<place>[A-ZА-Я][\w’'-]*(?:[\s-][A-ZА-Я][\w’'-]*)*)$")


def _without_place(name: str) -> str:
    """"L.L. Sedov in Berlin" -> "L.L. Sedov" (the place is the correspondent's, not the name)."""
    match = NAME_IN_PLACE.match(name)
    return match.group("name") if match else name


def places_of_sending(title: str, doc: Document) -> str | None:
    """Where the letter was written: "from X in PLACE" in the title, else the dateline's place."""
    match = LETTER_TITLE.search(title)
    if match:
        named = NAME_IN_PLACE.match(match.group("sender").strip())
        if named:
            return named.group("place")
    for block in doc.opener + doc.closer:
        if block.role in ("dateline", "closing-date"):
            placed = DATELINE_PLACE.match(block.text.strip())
            if placed:
                return placed.group("place").strip()
    return None


def split_names(names: str) -> list[str]:
    """"G. Zinoviev and L. Kamenev" -> two names; a body's name stays whole."""
    parts = [p.strip() for p in re.split(r",\s*|\s+and\s+", names) if p.strip()]
    return parts if all(is_person_name(p) for p in parts) else [names]


def is_person_name(name: str) -> bool:
    """"L.B. Krasin", "Ya.M. Sverdlov", "Leon Trotsky": a person, not a body."""
    return bool(PERSON_NAME.match(name.strip()))


def letter_date(doc: Document) -> str | None:
    for block in doc.opener + doc.closer:
        if block.role in ("dateline", "closing-date"):
            found = parse_dateline(block.text)
            if found and "when" in found.attrs:
                return found.attrs["when"]
    return None


def _title_stmt(file_desc: etree._Element, doc: Document, meta: dict) -> None:
    stmt = _sub(file_desc, "titleStmt")
    title = doc.title.text if doc.title is not None else meta.get("title", "Untitled edition")
    _sub(stmt, "title", title, type="main")
    sender, _ = correspondents(title)
    author = meta.get("author") or sender
    if author:
        _sub(stmt, "author", author, ref=doc.facts.get("refs", {}).get(author))
    if meta.get("translator"):
        resp = _sub(stmt, "respStmt")
        _sub(resp, "resp", "translation")
        _sub(resp, "name", meta["translator"])
    resp = _sub(stmt, "respStmt")
    resp.set(XML_ID, "editor")
    _sub(resp, "resp", "introduction, notes, captions and the bracketed interpolations in the letter")
    _sub(resp, "name", meta.get("editor") or meta.get("publisher") or "the editors of the source edition")


def _publication_stmt(file_desc: etree._Element, meta: dict, encoding: dict) -> None:
    stmt = _sub(file_desc, "publicationStmt")
    _sub(stmt, "publisher", encoding.get("by", "tei-toolkit"))
    if encoding.get("date"):
        _sub(stmt, "date", encoding["date"], when=encoding["date"])
    availability = _sub(stmt, "availability")
    if meta.get("licence"):
        _sub(availability, "licence", meta["licence"], target=meta.get("licence_url"))
    else:
        _sub(availability, "p", "No licence was recorded for this edition.")


def _source_desc(file_desc: etree._Element, doc: Document, meta: dict) -> None:
    source = _sub(file_desc, "sourceDesc")
    bibl = _sub(source, "bibl", type="webEdition")
    _sub(bibl, "title", doc.title.text if doc.title is not None else meta.get("title", "Untitled edition"))
    if meta.get("publisher"):
        _sub(bibl, "publisher", meta["publisher"])
    if meta.get("url"):
        _sub(bibl, "ptr", target=meta["url"])
    elif meta.get("publisher_url"):
        _sub(bibl, "ptr", target=meta["publisher_url"], type="publisher")
    original = doc.facts.get("original")
    if not original:
        return
    ms = _sub(source, "msDesc")
    ident = _sub(ms, "msIdentifier")
    _sub(ident, "repository", original.get("repository_name") or original.get("repository") or "unknown repository",
         ref=original.get("repository_ref"))
    if original.get("collection"):
        _sub(ident, "collection", original["collection"])
    for part in ("fond", "opis", "delo", "item", "box", "folder"):
        if original.get(part):
            _sub(ident, "idno", original[part], type=part)
    folios = original.get("folios")
    if folios:
        contents = _sub(ms, "msContents")
        item = _sub(contents, "msItem")
        _sub(item, "locus", original.get("folios_text"), **{"from": folios[0], "to": folios[-1]})
        _sub(item, "title", doc.title.text if doc.title is not None else meta.get("title", "Untitled edition"))
    if original.get("form"):
        phys = _sub(ms, "physDesc")
        obj = _sub(phys, "objectDesc", form="typescript" if "typ" in original["form"].lower() else None)
        _sub(obj, "p", original["form"])


def _encoding_desc(header: etree._Element, doc: Document, version: str) -> None:
    enc = _sub(header, "encodingDesc")
    app_info = _sub(enc, "appInfo")
    app = _sub(app_info, "application", ident="tei-toolkit", version=version)
    _sub(app, "label", "tei-toolkit")
    _sub(app, "desc", "Converted from the plain-text edition by tei-toolkit convert.")
    if doc.dropped:
        sampling = _sub(enc, "samplingDecl")
        _sub(sampling, "p", "Page boilerplate of the web edition left out of the text: "
             + "; ".join(doc.dropped) + ".")
    editorial = _sub(enc, "editorialDecl")
    for principle in PRINCIPLES:
        _sub(editorial, "p", principle)


def _profile_desc(header: etree._Element, doc: Document, meta: dict) -> None:
    profile = _sub(header, "profileDesc")
    title = doc.title.text if doc.title is not None else ""
    sender, addressees = correspondents(title)
    when = letter_date(doc)
    refs = doc.facts.get("refs", {})
    if sender or addressees:
        corresp = _sub(profile, "correspDesc")
        if sender:
            sent = _sub(corresp, "correspAction", type="sent")
            for name in split_names(sender):
                _sub(sent, "persName" if is_person_name(name) or not addressees else "orgName", name,
                     ref=refs.get(name))
            place = places_of_sending(title, doc)
            if place:
                _sub(sent, "placeName", place, ref=refs.get(place))
            if when:
                _sub(sent, "date", when=when)
        if addressees:
            received = _sub(corresp, "correspAction", type="received")
            for name in addressees:
                _sub(received, "persName" if is_person_name(name) else "orgName", name, ref=refs.get(name))
    if "julian" in doc.facts.get("calendars", ()):
        calendar = _sub(_sub(profile, "calendarDesc"), "calendar")
        calendar.set(XML_ID, "julian")
        _sub(calendar, "p", "Julian calendar (Old Style); dates in it are given in @when-custom.")
    lang = _sub(profile, "langUsage")
    language = meta.get("language", "en")
    _sub(lang, "language", _LANGUAGES.get(language, language) + (" (translation)" if meta.get("original_language") else ""),
         ident=language)
    if meta.get("original_language"):
        original = meta["original_language"]
        _sub(lang, "language", _LANGUAGES.get(original, original) + " (language of the original)", ident=original)


_LANGUAGES = {"en": "English", "ru": "Russian", "de": "German", "fr": "French", "uk": "Ukrainian"}


def build_header(doc: Document, version: str) -> etree._Element:
    """teiHeader for ``doc``; deterministic (no clock, no environment)."""
    meta = doc.metadata.get("edition", {})
    encoding = doc.metadata.get("encoding", {})
    header = etree.Element(TEI + "teiHeader")
    file_desc = _sub(header, "fileDesc")
    _title_stmt(file_desc, doc, meta)
    _publication_stmt(file_desc, meta, encoding)
    _source_desc(file_desc, doc, meta)
    _encoding_desc(header, doc, version)
    _profile_desc(header, doc, meta)
    return header
