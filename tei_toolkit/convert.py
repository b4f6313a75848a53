"""Conversion API: edition text -> TEI bytes, and safe file-to-file conversion."""
from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from .document import Document
from .errors import ToolkitError
from .reader import Layout, decode, read_edition
from .resources import load_toml, read_input
from .taggers import run_taggers
from .writer import build_tei, serialize


@dataclass
class Conversion:
    """The result of converting one edition: the TEI bytes, the document, and warnings."""

    tei: bytes
    document: Document
    warnings: list[str] = field(default_factory=list)


def metadata_path(edition: Path) -> Path:
    """``letter.txt`` -> ``letter.meta.toml`` (the per-edition facts file)."""
    return edition.with_name(edition.stem + ".meta.toml")


def convert_text(text: str, metadata: dict | None = None, source: str = "<edition>",
                 layout: Layout | None = None) -> Conversion:
    """Convert edition text (already decoded) to TEI."""
    doc = read_edition(text, source, layout)
    doc.metadata = metadata or {}
    run_taggers(doc)
    return Conversion(serialize(build_tei(doc)), doc, list(doc.warnings))


def read_source(path: Path) -> str:
    """Read and decode an edition file, with clear errors for every kind of bad input."""
    return decode(read_input(path, "an edition file"), str(path))


def convert_file(path: Path | str, layout: Layout | None = None) -> Conversion:
    """Convert an edition file; its ``.meta.toml`` beside it is used when present."""
    path = Path(path)
    text = read_source(path)
    meta_file = metadata_path(path)
    metadata = load_toml(meta_file) if meta_file.exists() else {}
    return convert_text(text, metadata, str(path), layout)


def write_atomically(path: Path, data: bytes) -> None:
    """Write via a temporary file in the same folder and rename: never a half-written file."""
    path = Path(path)
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise ToolkitError(f"{path}: the output folder {folder} does not exist")
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)  # mkstemp makes 0600; give the file the usual mode
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise
