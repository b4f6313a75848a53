"""Dublin Core (``oai_dc``), the record OAI-PMH repositories harvest, from the teiHeader."""
from __future__ import annotations

from pathlib import Path

from lxml import etree

from ..teitext import TeiSource, header_facts
from . import Exporter

OAI_DC = "http://www.openarchives.org/OAI/2.0/oai_dc/"
DC = "http://purl.org/dc/elements/1.1/"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
SCHEMA_LOCATION = f"{OAI_DC} http://www.openarchives.org/OAI/2.0/oai_dc.xsd"


def export_dc(source: TeiSource) -> bytes:
    facts = header_facts(source.tree)
    root = etree.Element(f"{{{OAI_DC}}}dc", nsmap={"oai_dc": OAI_DC, "dc": DC, "xsi": XSI})
    root.set(f"{{{XSI}}}schemaLocation", SCHEMA_LOCATION)

    def add(name: str, value: str | None) -> None:
        if value and value.strip():
            etree.SubElement(root, f"{{{DC}}}{name}").text = " ".join(value.split())

    add("title", facts.title)
    for author in facts.authors:
        add("creator", author)
    for action in facts.correspondence:
        if action.type == "received":
            for party in action.parties:
                add("contributor", party.name)
    for contributor in facts.contributors:
        add("contributor", contributor)
    add("date", facts.date)
    add("publisher", facts.publisher)
    add("type", "Text")
    add("format", "application/tei+xml")
    for identifier in facts.identifiers:
        add("identifier", identifier)
    add("identifier", Path(source.name).name)
    add("source", "; ".join(v for v in (facts.source, facts.source_url, facts.archival) if v))
    add("language", facts.language)
    add("description", facts.abstract)
    add("rights", facts.licence)
    add("rights", facts.licence_url if facts.licence_url and facts.licence_url not in facts.licence else None)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


EXPORTER = Exporter("dc", "dc.xml", "application/xml",
                    "Dublin Core (oai_dc) record for OAI-PMH harvesting", export_dc)
