"""Plain text: the reading text of ``<text>`` (``teitext.text_of``), one blank line between blocks."""
from __future__ import annotations

from ..teitext import TeiSource, text_of
from . import Exporter


def export_txt(source: TeiSource) -> bytes:
    return (text_of(source.tree) + "\n").encode("utf-8")


EXPORTER = Exporter("txt", "txt", "text/plain; charset=utf-8",
                    "the reading text, blocks separated by blank lines", export_txt)
