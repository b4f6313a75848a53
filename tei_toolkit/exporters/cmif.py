"""CMIF: the Correspondence Metadata Interchange Format the correspSearch aggregator harvests.

A TEI file (valid against tei_all) whose header lists the letter's ``correspDesc``:
sender, addressees, places and date, with authority URIs where the document has them.
Only letters have a ``correspDesc``; for other documents the format does not apply.
"""
from __future__ import annotations

import re

from lxml import etree

from ..teitext import TEI_NS, XML_ID, Party, TeiSource, authority_records, header_facts, ref_id
from . import Exporter, NotApplicable

T = "{%s}" % TEI_NS
CMIF_LICENCE = "https://creativecommons.org/licenses/by/4.0/"
DATE_KEYS = ("when", "from", "to", "notBefore", "notAfter", "cert")
ISO_DATE = re.compile(r"^-?\d{4}(-\d{2}(-\d{2})?)?$")


def _sub(parent: etree._Element, tag: str, text: str | None = None, **attrs: str | None) -> etree._Element:
    node = etree.SubElement(parent, T + tag, {k: v for k, v in attrs.items() if v})
    if text:
        node.text = text
    return node


def authority_uri(party: Party, records: dict) -> str | None:
    """The party's authority URI: its @ref when that is a URI, else an http(s) idno of its record."""
    ref = ref_id(party.ref)
    if ref and re.match(r"^https?://", ref):
        return ref
    record = records.get(ref) if ref else None
    idno = record.facts.get("idno", "") if record else ""
    return idno if re.match(r"^https?://", idno) else None


def export_cmif(source: TeiSource) -> bytes:
    facts = header_facts(source.tree)
    actions = [a for a in facts.correspondence if a.type in ("sent", "received", "transmitted", "redirected",
                                                                "forwarded") and (a.parties or a.places or a.date)]
    if not actions:
        raise NotApplicable(f"{source.name}: no correspDesc in the teiHeader; CMIF describes letters only")
    records = authority_records(source.root)
    root = etree.Element(T + "TEI", nsmap={None: TEI_NS})
    header = _sub(root, "teiHeader")
    file_desc = _sub(header, "fileDesc")
    title_stmt = _sub(file_desc, "titleStmt")
    _sub(title_stmt, "title", f"Correspondence metadata (CMIF) for: {facts.title}")
    _sub(title_stmt, "editor", facts.publisher or "tei-toolkit")
    pub = _sub(file_desc, "publicationStmt")
    _sub(pub, "publisher", facts.publisher or "tei-toolkit")
    url = facts.source_url if facts.source_url and re.match(r"^https?://", facts.source_url) else None
    if url:
        _sub(pub, "idno", url, type="url")
    if facts.publication_date and ISO_DATE.match(facts.publication_date):
        _sub(pub, "date", when=facts.publication_date)
    availability = _sub(pub, "availability")
    _sub(availability, "licence", "This file is licensed under the terms of the Creative-Commons-License CC-BY 4.0",
         target=CMIF_LICENCE)
    source_desc = _sub(file_desc, "sourceDesc")
    bibl = _sub(source_desc, "bibl", facts.source or facts.title,
                type="online" if url else "print")
    bibl.set(XML_ID, "source")
    profile = _sub(header, "profileDesc")
    corresp = _sub(profile, "correspDesc", source="#source", ref=url)
    for action in actions:
        element = _sub(corresp, "correspAction", type=action.type)
        for party in action.parties:
            _sub(element, "orgName" if party.element == "orgName" else "persName", party.name,
                 ref=authority_uri(party, records))
        for place in action.places:
            _sub(element, "placeName", place.name, ref=authority_uri(place, records))
        dated = {k: v for k, v in action.date.items() if k in DATE_KEYS}
        if dated:
            _sub(element, "date", **dated)
    _sub(_sub(_sub(root, "text"), "body"), "p")
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


EXPORTER = Exporter("cmif", "cmif.xml", "application/tei+xml",
                    "correspSearch CMIF (TEI correspDesc) for letters", export_cmif)
