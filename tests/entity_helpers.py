"""Helpers of the entity/date/archival tests: convert a small edition, list its markup."""
from __future__ import annotations

from lxml import etree

from tei_toolkit.convert import convert_text

TEI = "{http://www.tei-c.org/ns/1.0}"


def edition(body: str, notes: str = "") -> str:
    """A minimal edition of the family: title, intro, dateline, salute, a numbered paragraph."""
    text = ("English\n\nA letter of 1923\n\nAn introduction to the letter.\n\n8 October 1923\n\n"
            "Dear comrades!\n\n1. " + body + "\n\nThe author\n")
    if notes:
        text += "\n[1]\n\n" + notes + "\n"
    return text


def convert(body: str, notes: str = "") -> etree._Element:
    return etree.fromstring(convert_text(edition(body, notes)).tei)


def marked(root: etree._Element, tag: str) -> list[tuple[str, dict]]:
    """(text, attributes) of every ``tag`` element in ``<text>``."""
    local, _, kind = tag.partition("@")
    found = []
    for e in root.find(f"{TEI}text").iter(f"{TEI}{local}"):
        if kind and e.get("type") != kind:
            continue
        found.append(("".join(e.itertext()), dict(e.attrib)))
    return found


def texts(root: etree._Element, tag: str) -> list[str]:
    return [t for t, _ in marked(root, tag)]
