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


def load_toml(path: Path) -> dict:
    """Read a TOML data file, turning any failure into a clear ToolkitError."""
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except FileNotFoundError:
        raise ToolkitError(f"{path}: data file not found") from None
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise ToolkitError(f"{path}: cannot read data file: {exc}") from None
