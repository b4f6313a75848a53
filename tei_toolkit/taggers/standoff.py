"""The records the text points to, copied into ``<standOff>``; header names linked.

Runs last: every ``@ref`` made by the other taggers is collected, and the records
(authority and provisional) are written in authority order so that every @ref resolves.
The header's author, correspondents and repository get their @ref via ``doc.facts['refs']``.
"""
from __future__ import annotations

from ..authority import Authority, standoff
from ..document import Document
from ..header import correspondents, split_names
from . import context


def tag_standoff(doc: Document) -> None:
    authority = context.authority(doc)
    used = {span.attrs["ref"].lstrip("#") for block in doc.blocks() for span in block.spans
            if span.attrs.get("ref", "").startswith("#")}
    refs = doc.facts.setdefault("refs", {})
    title = doc.title.text if doc.title is not None else ""
    sender, addressees = correspondents(title)
    author = doc.metadata.get("edition", {}).get("author") or sender
    for name in [author, sender, *split_names(sender or ""), *addressees]:
        record = authority.lookup(name) if name else None
        if record is not None:
            refs[name] = f"#{record.id}"
            used.add(record.id)
    original = doc.facts.get("original")
    if original and original.get("repository_ref"):
        used.add(original["repository_ref"].lstrip("#"))
    used = _with_records_pointed_to(authority, used)
    records = [r for r in authority.records.values() if r.id in used]
    doc.records = {r.id: r for r in records}
    if records:
        doc.facts["standoff"] = [standoff(records)]


def _with_records_pointed_to(authority: Authority, used: set[str]) -> set[str]:
    """``used`` and every record the chosen ones point to (a congress's @corresp to its
    organisation), so that pointers inside standOff resolve too."""
    todo = list(used)
    while todo:
        record = authority.records.get(todo.pop())
        if record is None:
            continue
        for node in record.element.iter():
            for value in node.attrib.values():
                for token in value.split():
                    target = token[1:]
                    if token.startswith("#") and target in authority.records and target not in used:
                        used.add(target)
                        todo.append(target)
    return used
