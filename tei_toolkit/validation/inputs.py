"""Command-line inputs -> files, in a stable order.

Files and glob matches are "named" (a non-TEI file among them is an error); files found
by walking a directory are not (a non-TEI one is skipped with a note). ``-`` is standard
input. Names that match nothing are reported as unusable.
"""
from __future__ import annotations

import glob
import os
from dataclasses import dataclass

STDIN = "-"
XML_SUFFIXES = (".xml", ".tei")


@dataclass(frozen=True)
class InputFile:
    name: str
    named: bool


def expand_inputs(arguments: list[str]) -> list[InputFile]:
    """Every input once, in command-line order; directory contents sorted."""
    found: list[InputFile] = []
    seen: set[str] = set()

    def add(name: str, named: bool) -> None:
        if name not in seen:
            seen.add(name)
            found.append(InputFile(name, named))

    for argument in arguments:
        if argument == STDIN:
            add(STDIN, True)
        elif os.path.isdir(argument):
            for folder, dirs, files in os.walk(argument):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for file in sorted(files):
                    if file.lower().endswith(XML_SUFFIXES):
                        add(os.path.join(folder, file), False)
        elif os.path.exists(argument) or not glob.has_magic(argument):
            add(argument, True)
        else:
            matches = sorted(glob.glob(argument, recursive=True))
            files = [m for m in matches if os.path.isfile(m)]
            if not files:
                add(argument, True)  # reported as "no such file"
            for match in files:
                add(match, True)
    return found

