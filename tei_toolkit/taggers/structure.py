"""Structural inline markup the reader's block roles imply.

- the number that opens a numbered paragraph ("1.") becomes its ``<label>``;
- a photo credit closing a caption ("[AP Photo]") becomes ``<bibl type="credit">``;
- square-bracketed words inside the letter ("[April 1923]", "[36 pounds]") are the
  editor's, not the author's: ``<supplied reason="editorial" resp="#editor">``.
"""
from __future__ import annotations

import re

from ..document import Document
from ..reader import CREDIT, SECTION_NUMBER

BRACKETED = re.compile(r"\[(?!\d{1,3}\])[^\[\]\n]+\]")
LETTER_ROLES = {"dateline", "classification", "salute", "paragraph", "signature", "closing-date"}


def tag_structure(doc: Document) -> None:
    for block in doc.blocks():
        if block.role == "paragraph" and block.n:
            number = SECTION_NUMBER.match(block.text)
            if number:
                block.add_span(0, len(number.group(1)) + 1, "label", layer=10)
        if block.role == "caption":
            credit = CREDIT.search(block.text)
            if credit:
                block.add_span(credit.start(), credit.end(), "bibl", layer=10, type="credit")
        if block.role in LETTER_ROLES:
            for match in BRACKETED.finditer(block.text):
                block.add_span(match.start(), match.end(), "supplied", layer=20,
                               reason="editorial", resp="#editor")
