"""Checks beyond grammars, as plug-ins: each module here defines ``check(doc, severity)``
returning Problems and may define ``collect(doc) -> dict`` and
``across(facts: dict[file, dict], severity_of: dict[file, str]) -> list[Problem]`` for
checks that need all the files named together. Adding a check is adding a file.

Severity: ``error`` for files checked against the project schema, ``warning`` otherwise,
so the official tei_all verdict (jing's) is never changed by a heuristic; ``--strict``
makes warnings fail too.
"""
from __future__ import annotations

import importlib
import pkgutil
from functools import lru_cache


@lru_cache(maxsize=None)
def checks() -> tuple:
    return tuple(importlib.import_module(f"{__name__}.{info.name}")
                 for info in sorted(pkgutil.iter_modules(__path__), key=lambda i: i.name))
