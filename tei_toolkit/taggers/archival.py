"""Archival references in Russian archival notation: repository, fond, opis', delo, folios.

"RGASPI, fond 17, opis’ 2, delo 685, listy 53-68" and its abbreviated forms ("f. 17,
op. 2, d. 685, l. 3 ob.") become ``<bibl type="archival">`` with ``<orgName>``,
``<idno type="fond|opis|delo">`` and ``<citedRange unit="folio">``. In a citation of
several references separated by ";", a reference without a repository inherits the
previous one's. The reference in the letter's source line also describes the original
(``doc.facts['original']``) for the header's ``msDesc``.
"""
from __future__ import annotations

import re

from ..document import Block, Document

_SEP = r"[\s,]*"
FOND = r"(?<![\w.])(?P<fond_kw>fond|f\.)\s*(?P<fond>[A-ZА-Я]?-?\d+[A-Za-zА-я]?)"
OPIS = r"(?<![\w.])(?P<opis_kw>opis[’'ʹ]?|op\.)\s*(?P<opis>\d+[A-Za-zА-я]?)"
DELO = r"(?<![\w.])(?P<delo_kw>delo|d\.)\s*(?P<delo>\d+[A-Za-zА-я]?)"
FOLIO_NUM = r"\d+(?:\s*ob\.)?"
FOLIOS = (rf"(?<![\w.])(?P<fol_kw>listy|list|ll\.|l\.)\s*(?P<fol_from>{FOLIO_NUM})"
          rf"(?:\s*[-–—]\s*(?P<fol_to>{FOLIO_NUM}))?")
REFERENCE = re.compile(rf"{FOND}(?:{_SEP}{OPIS})?(?:{_SEP}{DELO})?(?:{_SEP}{FOLIOS})?")
# A repository right before the first component: "Full Name (ACR), " or "ACR, ".
REPOSITORY = re.compile(r"(?:(?P<full>[A-ZА-Я][^().\[\];]*?)\s*\((?P<acr>[A-ZА-Я]{3,})\)|(?P<bare>\b[A-ZА-Я]{3,}\b))\s*,\s*$")


def _parse(block: Block, start: int, end: int, doc: Document, previous: dict | None) -> dict | None:
    """Mark up references in ``block.text[start:end]``; return the last one's parts."""
    last = previous
    for match in REFERENCE.finditer(block.text, start, end):
        if not match.group("opis") and not match.group("delo"):
            continue  # a lone "f. 17" is not enough evidence for an archival reference
        head = block.text[max(start, match.start() - 200):match.start()]
        head = head.rsplit(";", 1)[-1]
        repo = REPOSITORY.search(head)
        begin = match.start() - (len(head) - repo.start()) if repo else match.start()
        if repo and repo.group("full"):
            begin = match.start() - (len(head) - repo.start("full"))
        parts: dict = {}
        if repo:
            acr = repo.group("acr") or repo.group("bare")
            parts["repository"] = acr
            parts["repository_name"] = repo.group("full") or acr
        elif last:
            parts["repository"] = last.get("repository")
            parts["repository_name"] = last.get("repository_name")
        bibl = block.add_span(begin, match.end(), "bibl", layer=30, type="archival")
        if bibl is None:
            continue
        if repo:
            acr_group = "acr" if repo.group("acr") else "bare"
            offset = match.start() - len(head)
            if repo.group("full"):
                block.add_span(offset + repo.start("full"), offset + repo.end("full"), "orgName", layer=40,
                               ref=f"#{repo.group(acr_group).lower()}")
            block.add_span(offset + repo.start(acr_group), offset + repo.end(acr_group), "orgName", layer=40,
                           ref=f"#{repo.group(acr_group).lower()}")
        for key in ("fond", "opis", "delo"):
            if match.group(key):
                block.add_span(match.start(key), match.end(key), "idno", layer=40, type=key)
                parts[key] = match.group(key)
        if match.group("fol_from"):
            first = match.group("fol_from")
            last_folio = match.group("fol_to") or first
            attrs = {"unit": "folio", "from": _folio(first), "to": _folio(last_folio)}
            block.add_span(match.start("fol_from"), match.end("fol_to") if match.group("fol_to") else match.end("fol_from"),
                           "citedRange", layer=40, **attrs)
            parts["folios"] = (attrs["from"], attrs["to"])
            parts["folios_text"] = block.text[match.start("fol_kw"):match.end()]
        last = parts
    return last


def _folio(text: str) -> str:
    """"53" -> "53"; "3 ob." (verso) -> "3v"."""
    number = re.match(r"\d+", text).group(0)
    return number + ("v" if "ob" in text else "")


def tag_archival(doc: Document) -> None:
    for block in doc.blocks():
        previous = _parse(block, 0, len(block.text), doc, None)
        if block.role == "source" and previous:
            tail = block.text.rsplit(";", 1)
            if len(tail) == 2:
                previous["form"] = tail[1].strip(" ]")
            doc.facts.setdefault("original", previous)
