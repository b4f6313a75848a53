"""Schema engines as plug-ins: each module here validates documents against one kind of
schema and says which ``--schema`` values it handles; adding an engine is adding a file.

A module defines ``handles(schema: str, engine: str) -> bool`` and
``create(schema: str, engine: str) -> list[Validator]``. ``schema`` is ``tei_all``,
``project`` or a schema file path; ``engine`` is ``lxml`` or ``jing``.
"""
from __future__ import annotations

import importlib
import pkgutil
from functools import lru_cache

from ...errors import ToolkitError
from ..document import XMLDocument
from ..problem import Problem

ENGINES = ("lxml", "jing")


class Validator:
    """Checks documents against one schema. ``name`` becomes the reports' rule prefix."""

    name = "validator"

    def validate(self, doc: XMLDocument) -> list[Problem]:
        raise NotImplementedError

    def validate_many(self, docs: list[XMLDocument]) -> list[list[Problem]]:
        """Problems per document; engines override this when a batch is cheaper."""
        return [self.validate(doc) for doc in docs]


@lru_cache(maxsize=None)
def _modules() -> tuple:
    return tuple(importlib.import_module(f"{__name__}.{info.name}")
                 for info in sorted(pkgutil.iter_modules(__path__), key=lambda i: i.name))


@lru_cache(maxsize=None)
def validators_for(schema: str, engine: str = "lxml") -> tuple[Validator, ...]:
    """The validators for one ``--schema`` value (built once per process)."""
    for module in _modules():
        if module.handles(schema, engine):
            return tuple(module.create(schema, engine))
    raise ToolkitError(f"--schema {schema}: no engine for this kind of schema "
                       f"(use project, tei_all, auto, or a .rng, .rnc, .xsd or .sch file)")
