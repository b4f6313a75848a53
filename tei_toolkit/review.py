"""Entities of a converted TEI file for review: every record with its mentions.

``tei-toolkit entities`` lists what the converter linked, flagging provisional records
(``cert="low"``, made for names the authority file does not know) so that an archivist
can confirm them into the authority file (``authority.confirm``); the next conversion
then finds them there and links to them as ordinary records.
"""
from __future__ import annotations

import csv
import io
import json
from collections import Counter
from dataclasses import asdict, dataclass, field
from pathlib import Path

from lxml import etree

from .authority import KINDS, MENTION_TAGS, XML_ID, parse_xml

TEI = "{http://www.tei-c.org/ns/1.0}"


@dataclass
class Entity:
    id: str
    kind: str
    name: str
    status: str  # "authority", "provisional" or "unresolved" (a @ref without a record)
    mentions: list[str] = field(default_factory=list)

    def forms(self) -> list[tuple[str, int]]:
        return sorted(Counter(self.mentions).items(), key=lambda kv: (-kv[1], kv[0]))


def entities(path: Path) -> list[Entity]:
    """The records of ``path``'s standOff and the mentions in its ``<text>`` that point to them."""
    root = parse_xml(path).getroot()
    found: dict[str, Entity] = {}
    tags = {t: k for k, (_, t, _) in KINDS.items()}
    for element in root.iter():
        if not isinstance(element.tag, str) or etree.QName(element).localname not in tags:
            continue
        record_id = element.get(XML_ID)
        if not record_id or element.getparent() is None or not etree.QName(element.getparent()).localname.startswith("list"):
            continue
        kind = tags[etree.QName(element).localname]
        name_tag = KINDS[kind][2]
        names = element.findall(f"{TEI}{name_tag}")
        preferred = next((n for n in names if n.get("type") == "preferred"), names[0] if names else None)
        name = " ".join("".join(preferred.itertext()).split()) if preferred is not None else record_id
        found[record_id] = Entity(record_id, kind, name, "provisional" if element.get("cert") == "low" else "authority")
    text = root.find(f"{TEI}text")
    mention_tags = {v: k for k, v in MENTION_TAGS.items()}
    for element in text.iter() if text is not None else []:
        if not isinstance(element.tag, str):
            continue
        tag = etree.QName(element).localname
        ref = element.get("ref", "")
        if tag not in mention_tags or not ref.startswith("#") or (tag == "name" and element.get("type") != "event"):
            continue
        record_id = ref[1:]
        entity = found.setdefault(record_id, Entity(record_id, mention_tags[tag], "", "unresolved"))
        entity.mentions.append(" ".join("".join(element.itertext()).split()))
    order = {"provisional": 0, "unresolved": 1, "authority": 2}
    return sorted(found.values(), key=lambda e: (order[e.status], e.kind, e.id))


def format_entities(items: list[Entity], fmt: str) -> str:
    """Text table, JSON or CSV of the entities."""
    if fmt == "json":
        return json.dumps([{**asdict(e), "mention_count": len(e.mentions)} for e in items], indent=2, ensure_ascii=False)
    if fmt == "csv":
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(["id", "kind", "status", "name", "mention_count", "mentions"])
        for e in items:
            writer.writerow([e.id, e.kind, e.status, e.name, len(e.mentions),
                             "; ".join(f"{form} ({n})" for form, n in e.forms())])
        return out.getvalue().rstrip("\n")
    lines = [f"{'STATUS':<12} {'KIND':<7} {'ID':<26} {'N':>3}  NAME / MENTIONS"]
    for e in items:
        flag = "PROVISIONAL" if e.status == "provisional" else e.status
        forms = ", ".join(f"{form}×{n}" if n > 1 else form for form, n in e.forms())
        lines.append(f"{flag:<12} {e.kind:<7} {e.id:<26} {len(e.mentions):>3}  {e.name} — {forms}")
    provisional = sum(e.status == "provisional" for e in items)
    lines.append(f"{len(items)} entities, {provisional} provisional (confirm with: tei-toolkit entities --confirm ID FILE)")
    return "\n".join(lines)
