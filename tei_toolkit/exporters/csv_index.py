"""CSV: the entity index, one row per entity (kind, id, preferred name, mentions, first mention in context)."""
from __future__ import annotations

import csv
import io

from ..teitext import TeiSource, authority_records, context_of, entity_index, plain_text
from . import Exporter

COLUMNS = ("type", "id", "preferred_name", "mentions", "first_mention", "context")


def export_csv(source: TeiSource) -> bytes:
    text = plain_text(source.tree)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for entry in entity_index(text, authority_records(source.root)):
        first = entry.mentions[0]
        writer.writerow((entry.kind, entry.ref or "",
                         entry.name, len(entry.mentions), first.text,
                         context_of(text.text, first.start, first.end)))
    return buffer.getvalue().encode("utf-8")


EXPORTER = Exporter("csv", "csv", "text/csv; charset=utf-8",
                    "entity index: type, id, preferred name, mention count, first mention with context", export_csv)
