"""``--schema auto``: which schemas a document asks for or deserves.

1. ``<?xml-model href=…?>`` processing instructions whose schema is a local file
   (relative to the document) are honoured; remote ones are never fetched (a remote
   ``tei_all.rng`` maps to the built-in tei_all).
2. Files the toolkit made (``appInfo/application/@ident='tei-toolkit'``): the project schema.
3. Anything else: tei_all.
"""
from __future__ import annotations

import re
from pathlib import Path

from lxml import etree

from .document import TEI_NS, XMLDocument
from .problem import NOTE, Problem

_PSEUDO = re.compile(r'(\w+)\s*=\s*(?:"([^"]*)"|\'([^\']*)\')')
SCHEMA_SUFFIXES = (".rng", ".rnc", ".xsd", ".sch")
TOOLKIT_APP = "tei-toolkit"


def xml_models(doc: XMLDocument) -> list[dict[str, str]]:
    """Pseudo-attributes of each xml-model PI before the root element."""
    models = []
    node = doc.tree.getroot().getprevious()
    while node is not None:
        if isinstance(node, etree._ProcessingInstruction) and node.target == "xml-model":
            model = {m.group(1): m.group(2) if m.group(2) is not None else m.group(3)
                     for m in _PSEUDO.finditer(node.text or "")}
            model["line"] = str(node.sourceline or 1)
            models.insert(0, model)
        node = node.getprevious()
    return models


def made_by_toolkit(doc: XMLDocument) -> bool:
    apps = doc.tree.getroot().iterfind(
        f".//{{{TEI_NS}}}encodingDesc/{{{TEI_NS}}}appInfo/{{{TEI_NS}}}application")
    return any(app.get("ident") == TOOLKIT_APP for app in apps)


def auto_schemas(doc: XMLDocument) -> tuple[list[str], list[Problem]]:
    """The schemas for ``--schema auto``, and notes about xml-model PIs not used."""
    chosen, notes = [], []
    for model in xml_models(doc):
        href = model.get("href", "")
        if not href:
            continue
        if re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]+:", href) and not href.startswith("file:"):
            if href.rsplit("/", 1)[-1] == "tei_all.rng":
                chosen.append("tei_all")
            else:
                notes.append(Problem(doc.name, int(model["line"]), 1, NOTE, "xml-model",
                                     f"schema {href} is not local; it is never fetched"))
            continue
        local = Path(href.removeprefix("file://"))
        if not local.is_absolute():
            base = doc.path.parent if doc.path is not None else Path.cwd()
            local = base / local
        if local.is_file() and local.suffix.lower() in SCHEMA_SUFFIXES:
            chosen.append(str(local))
        else:
            notes.append(Problem(doc.name, int(model["line"]), 1, NOTE, "xml-model",
                                 f"schema {href} is not a local .rng/.rnc/.xsd/.sch file"))
    if not chosen:
        chosen = ["project"] if made_by_toolkit(doc) else ["tei_all"]
    return list(dict.fromkeys(chosen)), notes
