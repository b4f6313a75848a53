"""JSON: the document as data — metadata, plain text, every annotation as stand-off offsets, records.

The shape is described by the JSON Schema shipped as ``tei_toolkit/data/export.schema.json``
(see ``schema()``); offsets are Python string indices (Unicode code points) into ``text``.
"""
from __future__ import annotations

import json
from dataclasses import asdict
from pathlib import Path

from ..teitext import (TeiSource, authority_records, entity_index, header_facts, plain_text, ref_id)
from . import Exporter

SCHEMA_PATH = Path(__file__).resolve().parent.parent / "data" / "export.schema.json"
FORMAT_VERSION = 1


def schema() -> dict:
    """The JSON Schema the export follows."""
    return json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))


def document_data(source: TeiSource) -> dict:
    """The export as a Python structure (what ``export_json`` serialises)."""
    text = plain_text(source.tree)
    records = authority_records(source.root)
    annotations = []
    ids: dict[int, str] = {}
    for number, ann in enumerate(text.annotations, start=1):
        ids[id(ann)] = f"a{number}"
        item = {"id": f"a{number}", "type": ann.kind, "element": ann.element, "start": ann.start,
                "end": ann.end, "text": text.text[ann.start:ann.end], "attributes": dict(sorted(ann.attrs.items()))}
        if ref_id(ann.attrs.get("ref")):
            item["ref"] = ref_id(ann.attrs.get("ref"))
        annotations.append(item)
    entities = [{"kind": e.kind, "key": e.key, "name": e.name, "record": e.record.id if e.record else None,
                 "mentions": [ids[id(m.annotation)] for m in e.mentions]}
                for e in entity_index(text, records)]
    facts = asdict(header_facts(source.tree))
    return {
        "format": "tei-toolkit-export",
        "version": FORMAT_VERSION,
        "source": Path(source.name).name,
        "metadata": facts,
        "text": text.text,
        "blocks": [asdict(b) for b in text.blocks],
        "annotations": annotations,
        "entities": entities,
        "records": [asdict(r) for r in sorted(records.values(), key=lambda r: r.id)],
    }


def export_json(source: TeiSource) -> bytes:
    return (json.dumps(document_data(source), ensure_ascii=False, indent=1) + "\n").encode("utf-8")


EXPORTER = Exporter("json", "json", "application/json",
                    "metadata, plain text, stand-off annotations with offsets, authority records", export_json)
