"""Shared fixtures: where the project, the corpus and ../shared are."""
from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
EDITION = ROOT / "corpus" / "trotsky-1923-10-08.txt"
CORPUS_TEI = ROOT / "corpus" / "trotsky-1923-10-08.xml"


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT


@pytest.fixture(scope="session")
def samples() -> Path:
    """../shared/tei-samples (real and broken TEI from other projects)."""
    path = SHARED / "tei-samples"
    if not path.is_dir():
        pytest.skip("../shared/tei-samples is not beside the project")
    return path


@pytest.fixture(scope="session")
def edition() -> Path:
    return EDITION


@pytest.fixture(scope="session")
def corpus_tei() -> Path:
    return CORPUS_TEI


@pytest.fixture(scope="session")
def tei_all() -> Path:
    from tei_toolkit.resources import tei_all_path

    return tei_all_path()


@pytest.fixture(scope="session")
def tei_all_lxml(tei_all):
    """tei_all compiled by libxml2 (about 10 s, so once per test session)."""
    from lxml import etree

    return etree.RelaxNG(etree.parse(str(tei_all)))


@pytest.fixture(scope="session")
def project_rng():
    from lxml import etree

    return etree.RelaxNG(etree.parse(str(ROOT / "schemas" / "tei-toolkit.rng")))
