"""Held-out editions: the gold still lines up with the converter, and scores do not regress.

The floor (0.75 F1 for names and dates) is a regression guard, not the target: the
figures measured are in the README ("How good the taggers are on unseen editions").
"""
from __future__ import annotations

from pathlib import Path

import pytest

from tei_toolkit import convert_file
from tei_toolkit.evaluate import evaluate

HELDOUT = Path(__file__).resolve().parent / "data" / "heldout"
EDITIONS = sorted(HELDOUT.glob("*.txt"))


@pytest.mark.parametrize("edition", EDITIONS, ids=lambda p: p.stem)
def test_heldout_scores_above_floor(edition, tmp_path):
    output = tmp_path / f"{edition.stem}.xml"
    output.write_bytes(convert_file(edition).tei)
    scores = evaluate(edition.with_suffix(".gold.xml"), output)
    assert scores["same_text"]
    for kind in ("persName", "orgName", "placeName", "date", "archival"):
        assert scores["types"][kind]["f1"] >= 0.75, (kind, scores["types"][kind])
    assert scores["archival_structure"]["accuracy"] == 1.0
    assert scores["date_normalisation"]["accuracy"] >= 0.90


def test_heldout_set_is_there():
    assert len(EDITIONS) == 7
    assert all(e.with_suffix(".gold.xml").exists() for e in EDITIONS)
