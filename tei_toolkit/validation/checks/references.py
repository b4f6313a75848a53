"""Duplicate ``@xml:id``s and ``#id`` pointers that resolve nowhere.

Pointers are resolved in their own file and in every other file named in the same run
(a standOff or register file), ``other.xml#id`` in the named file ``other.xml``. Pointers
into files that were not named, and absolute URIs, are not judged.
"""
from __future__ import annotations

from lxml import etree

from ..document import XMLDocument
from ..problem import Problem

POINTER_ATTRIBUTES = (
    "ref", "target", "corresp", "who", "sameAs", "resp", "source", "ana", "facs", "next",
    "prev", "copyOf", "synch", "select", "hand", "wit", "decls", "change", "inst", "active",
    "passive", "mutual", "scribeRef", "scriptRef", "spanTo", "from", "to", "sort", "scheme",
    "parts", "feats", "fVal", "domains", "targets", "datingMethod", "calendar", "edRef",
    "nymRef", "new", "marks", "whom", "agent",
)
POINTERS = frozenset(POINTER_ATTRIBUTES)
_XML_IDS = etree.XPath("//@xml:id")
_WITH_HASH = etree.XPath("//@*[contains(., '#')]")
RULE = "references"


def check(doc: XMLDocument, severity: str) -> list[Problem]:
    seen: dict[str, int] = {}
    found: list[Problem] = []
    for attribute in _XML_IDS(doc.tree):
        value = attribute.strip()
        element = attribute.getparent()
        if value in seen:
            line, column = doc.place(element)
            found.append(Problem(doc.name, line, column, severity, f"{RULE}:duplicate-id",
                                 f'xml:id "{value}" is already used on line {seen[value]}'))
        else:
            seen[value] = element.sourceline or 0
    return found


def collect(doc: XMLDocument) -> dict:
    """The ids a file defines and its pointers that do not resolve in the file itself,
    one entry per target: ``[attr, file_part, id, line, column, count]`` (the first place)."""
    own = {value.strip() for value in _XML_IDS(doc.tree)}
    pointers: dict[tuple[str, str], list] = {}
    for value in _WITH_HASH(doc.tree):
        attr = value.attrname
        if attr not in POINTERS:
            continue
        for token in value.split():
            file_part, hash_, target = token.partition("#")
            if not hash_ or not target or ":" in file_part or "/" in file_part:
                continue
            if not file_part and target in own:
                continue
            entry = pointers.get((file_part, target))
            if entry is None:
                line, column = doc.place(value.getparent())
                pointers[(file_part, target)] = [attr, file_part, target, line, column, 1]
            else:
                entry[5] += 1
    return {"ids": sorted(own), "pointers": list(pointers.values())}


def across(facts: dict[str, dict], severity_of: dict[str, str]) -> list[Problem]:
    all_ids = set().union(*(set(f["ids"]) for f in facts.values())) if facts else set()
    by_basename: dict[str, set[str]] = {}
    for name, fact in facts.items():
        by_basename.setdefault(name.replace("\\", "/").rsplit("/", 1)[-1], set()).update(fact["ids"])
    found = []
    for name, fact in facts.items():
        for attr, file_part, target, line, column, count in fact["pointers"]:
            if file_part and (file_part not in by_basename or target in by_basename[file_part]):
                continue
            if not file_part and target in all_ids:
                continue
            where = file_part or ("this file" if len(facts) == 1 else "the files named")
            more = f" (and {count - 1} more place(s))" if count > 1 else ""
            found.append(Problem(
                name, line, column, severity_of[name], f"{RULE}:unresolved-pointer",
                f'@{attr} points to "{file_part}#{target}", but no element in {where} has '
                f'xml:id "{target}"{more}'))
    return found
