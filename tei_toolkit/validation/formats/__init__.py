"""Report formats as plug-ins: each module defines ``NAME`` and
``render(report: Report, color: bool) -> str``; adding a format is adding a file."""
from __future__ import annotations

import importlib
import pkgutil
from functools import lru_cache


@lru_cache(maxsize=None)
def formats() -> dict:
    modules = (importlib.import_module(f"{__name__}.{info.name}")
               for info in pkgutil.iter_modules(__path__))
    return {module.NAME: module for module in sorted(modules, key=lambda m: m.NAME)}
