"""tei-toolkit: plain-text editions to validated TEI P5, validation for CI, and exports.

The library API mirrors the CLI: ``convert_text``/``convert_file`` turn an edition into
TEI, and the ``validation`` and ``exporters`` packages hold the plug-ins.
"""
from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("tei-toolkit")
except PackageNotFoundError:  # running from a source tree that is not installed
    __version__ = "0.0.0"

from .convert import convert_file, convert_text  # noqa: E402

__all__ = ["__version__", "convert_file", "convert_text"]
