"""Exporters: TEI to the formats readers, repositories and aggregators take.

Each module in this package defines ``EXPORTER``, an :class:`Exporter`; the registry
finds them, so adding a format is adding a file. Exporters read TEI only through
``tei_toolkit.teitext`` and return bytes: deterministic, no clock, no network.
"""
from __future__ import annotations

import importlib
import pkgutil
from dataclasses import dataclass
from functools import cache
from typing import Callable

from ..errors import ToolkitError
from ..teitext import TeiSource


class NotApplicable(ToolkitError):
    """The document has nothing this format can carry (a CMIF file for a text that is not a letter)."""


@dataclass(frozen=True)
class Exporter:
    """One export format: its name on the command line, file extension, media type and function."""

    name: str
    extension: str
    media_type: str
    description: str
    export: Callable[[TeiSource], bytes]

    def file_name(self, source: TeiSource) -> str:
        """``letter.xml`` -> ``letter.html`` (``letter.dc.xml``, ``letter.bag.zip``...)."""
        return f"{source.stem}.{self.extension}"


@cache
def registry() -> dict[str, Exporter]:
    """Every exporter in this package, by name, in name order."""
    found: dict[str, Exporter] = {}
    for info in pkgutil.iter_modules(__path__):
        module = importlib.import_module(f"{__name__}.{info.name}")
        exporter = getattr(module, "EXPORTER", None)
        if isinstance(exporter, Exporter):
            found[exporter.name] = exporter
    return dict(sorted(found.items()))


def get_exporter(name: str) -> Exporter:
    """The exporter called ``name``; a ToolkitError listing the formats when there is none."""
    exporters = registry()
    if name not in exporters:
        raise ToolkitError(f"unknown export format {name!r}; formats: {', '.join(exporters)}")
    return exporters[name]


def export_all(source: TeiSource, skip: tuple[str, ...] = ()) -> tuple[dict[str, bytes], dict[str, str]]:
    """Every applicable format for ``source``: (file name -> bytes, format -> why it was skipped)."""
    files: dict[str, bytes] = {}
    skipped: dict[str, str] = {}
    for name, exporter in registry().items():
        if name in skip:
            continue
        try:
            files[exporter.file_name(source)] = exporter.export(source)
        except NotApplicable as exc:
            skipped[name] = str(exc)
    return files, skipped
