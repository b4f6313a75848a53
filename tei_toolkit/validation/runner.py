"""Validate many inputs: read safely, pick schemas, run engines and checks, in order.

Inputs are cut into chunks; each chunk is validated in one process (``-j N`` runs N
worker processes), so a chunk's tei_all documents share one pruned grammar and a chunk's
jing documents share one JVM. Cross-file checks run at the end on what each file
reported about itself. Results come back in input order whatever the worker timing.
"""
from __future__ import annotations

import os
import re
from collections import defaultdict
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from ..errors import ToolkitError
from .checks import checks
from .document import TEI_NS, UnusableInput, XMLParseError, load_document, read_input
from .engines import ENGINES, validators_for
from .inputs import STDIN, InputFile, expand_inputs
from .problem import ERROR, NOTE, WARNING, FileResult, Problem
from .select import auto_schemas

@dataclass(frozen=True)
class Options:
    schemas: tuple[str, ...] = ("auto",)
    engine: str = "lxml"
    strict: bool = False


@dataclass
class Report:
    """The results of one run, one FileResult per input in input order."""

    results: list[FileResult]
    options: Options = field(default_factory=Options)

    @property
    def problems(self) -> list[Problem]:
        return [p for r in self.results for p in r.problems]

    @property
    def exit_code(self) -> int:
        """0 all valid, 1 some invalid, 2 some input unusable."""
        if any(r.unusable for r in self.results):
            return 2
        return 1 if any(r.failed(self.options.strict) for r in self.results) else 0


def check_options(options: Options) -> None:
    """Refuse unusable options before any work: unknown engine, missing schema files."""
    if options.engine not in ENGINES:
        raise ToolkitError(f"--engine {options.engine}: choose one of {', '.join(ENGINES)}")
    for schema in options.schemas:
        if schema != "auto":
            validators_for(schema, options.engine)


def validate(arguments: list[str], options: Options = Options(), jobs: int = 1,
             stdin: bytes | None = None,
             progress: Callable[[int, int], None] | None = None) -> Report:
    """Validate files, directories, glob patterns and ``-`` (``stdin`` bytes)."""
    check_options(options)
    files = expand_inputs(arguments)
    if not files:
        raise ToolkitError("no input files")
    if any(f.name == STDIN for f in files) and stdin is None:
        raise ToolkitError("'-' given but no standard input")
    jobs = os.cpu_count() or 1 if jobs == 0 else max(1, jobs)
    size = max(1, min(25, -(-len(files) // (jobs * 2))))
    chunks = [files[i:i + size] for i in range(0, len(files), size)]
    results: list[FileResult] = []
    if jobs == 1 or len(chunks) == 1:
        for chunk in chunks:
            results.extend(validate_chunk(chunk, options, stdin))
            if progress:
                progress(len(results), len(files))
    else:
        _prepare_workers(files, options)
        with ProcessPoolExecutor(max_workers=jobs) as pool:
            futures = [pool.submit(validate_chunk, chunk, options, stdin) for chunk in chunks]
            for future in futures:
                results.extend(future.result())
                if progress:
                    progress(len(results), len(files))
    _check_across(results)
    for result in results:
        result.problems.sort(key=lambda p: (p.line, p.column))
    return Report(results, options)


# An element's start tag without a prefix: in TEI files, an element of the TEI namespace.
START_TAG = re.compile(rb"<([A-Za-z_][\w.-]*)[\s/>]")


def _prepare_workers(files: list[InputFile], options: Options) -> None:
    """Let validators compile shared grammars in this process before ``-j`` workers are forked.

    The element names are read off the raw bytes (a superset or a subset only costs speed:
    each worker still checks that a grammar covers a document's names before using it)."""
    validators = []
    for schema in options.schemas:
        try:
            validators += [v for v in validators_for(schema, options.engine) if hasattr(v, "prepare")]
        except ToolkitError:
            continue  # "auto", or a schema that cannot be used: the workers report it per file
    if not validators:
        return
    names: set[bytes] = set()
    for file in files:
        if file.name == STDIN:
            continue
        try:
            names.update(START_TAG.findall(Path(file.name).read_bytes()))
        except OSError:
            continue  # reported when the worker reads it
    expected = frozenset((TEI_NS, name.decode("ascii", "replace")) for name in names)
    for validator in validators:
        validator.prepare(expected)


def validate_chunk(files: list[InputFile], options: Options,
                   stdin: bytes | None = None) -> list[FileResult]:
    """Validate a few files in this process (the unit of work of ``-j``)."""
    results = []
    by_schema: dict[str, list] = defaultdict(list)
    for file in files:
        result = FileResult(file.name)
        results.append(result)
        doc = _read(file, result, options, stdin)
        if doc is None:
            continue
        schemas: list[str] = []
        for schema in options.schemas:
            if schema == "auto":
                chosen, notes = auto_schemas(doc)
                schemas.extend(chosen)
                result.problems.extend(notes)
            else:
                schemas.append(schema)
        result.schemas = list(dict.fromkeys(schemas))
        for schema in result.schemas:
            by_schema[schema].append((result, doc))
        severity = ERROR if "project" in result.schemas else WARNING
        result.facts["severity"] = severity
        for check in checks():
            result.problems.extend(check.check(doc, severity))
            if hasattr(check, "collect"):
                result.facts[check.__name__] = check.collect(doc)
    for schema, pairs in by_schema.items():
        try:
            for validator in validators_for(schema, options.engine):
                found = validator.validate_many([doc for _, doc in pairs])
                for (result, _), problems in zip(pairs, found):
                    result.problems.extend(problems)
        except ToolkitError as exc:  # a schema named by xml-model that cannot be used
            for result, _ in pairs:
                result.unusable = True
                result.problems.append(Problem(result.file, 0, 0, ERROR, "schema", str(exc)))
    return results


def _read(file: InputFile, result: FileResult, options: Options, stdin: bytes | None):
    """The parsed document, or None with the reason recorded in ``result``."""
    is_stdin = file.name == STDIN
    try:
        data = read_input(file.name, stdin if is_stdin else None)
    except UnusableInput as exc:
        result.unusable = True
        result.problems.append(Problem(file.name, 0, 0, ERROR, "input", str(exc)))
        return None
    try:
        doc = load_document(file.name, data, None if is_stdin else Path(file.name))
    except XMLParseError as exc:
        result.problems.append(Problem(file.name, exc.line, exc.column, ERROR, "xml",
                                       f"not well-formed: {exc.message}"))
        return None
    if doc.is_tei:
        return doc
    root = doc.tree.getroot()
    line, column = doc.place(root)
    if file.named:
        result.unusable = True
        result.problems.append(Problem(file.name, line, column, ERROR, "input",
                                       f"not a TEI document (root element {root.tag})"))
    else:
        result.skipped = True
        result.problems.append(Problem(
            file.name, line, column, ERROR if options.strict else NOTE, "input",
            f"skipped: not a TEI document (root element {root.tag})"))
    return None


def _check_across(results: list[FileResult]) -> None:
    by_file = {r.file: r for r in results}
    severity_of = {r.file: r.facts.get("severity", WARNING) for r in results}
    for check in checks():
        if not hasattr(check, "across"):
            continue
        facts = {r.file: r.facts[check.__name__] for r in results if check.__name__ in r.facts}
        for problem in check.across(facts, severity_of):
            by_file[problem.file].problems.append(problem)
