"""tei-toolkit: plain-text editions to validated TEI P5, validation for CI, and exports.

The library API mirrors the CLI: ``convert_text``/``convert_file`` turn an edition into
TEI, and the ``validation`` and ``exporters`` packages hold the plug-ins.
"""
from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("tei-toolkit")
except PackageNotFoundError:  # running from a source tree that is not installed
    __version__ = "0.0.0"

__all__ = ["__version__", "convert_file", "convert_text"]


def __getattr__(name: str):
    """``convert_file``/``convert_text`` are imported on first use, so that commands
    that do not convert (``validate``) start without loading the taggers."""
    if name in ("convert_file", "convert_text"):
        from . import convert

        return getattr(convert, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
