"""The project schema: ``schemas/tei-toolkit.rng`` (RELAX NG) + ``tei-toolkit.sch``."""
from __future__ import annotations

from ...resources import schemas_dir
from . import Validator, validators_for

RNG_FILE, SCH_FILE = "tei-toolkit.rng", "tei-toolkit.sch"


def handles(schema: str, engine: str) -> bool:
    return schema == "project"


def create(schema: str, engine: str) -> list[Validator]:
    folder = schemas_dir()
    return [*validators_for(str(folder / RNG_FILE), engine),
            *validators_for(str(folder / SCH_FILE), engine)]
