"""Batch: apply one per-file step to every file of a directory, in parallel, resumably.

A corpus is thousands of editions, and a CI job should only pay for what changed. A
``Step`` says what a batch reads (a file pattern plus per-file sidecars), what it
writes (one output per input), and what else its outputs depend on (data folders and
the toolkit itself). ``run_batch`` streams over the input files, fans them out to
worker processes, writes every output atomically, keeps going when one file fails,
and records a content-hash manifest beside the outputs so that a re-run skips every
file whose inputs, data and toolkit are unchanged.
"""
from __future__ import annotations

import hashlib
import json
import multiprocessing
import os
import time
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any, Callable, Iterator

from . import __version__
from .authority import authority_path
from .convert import convert_file, metadata_path, write_atomically
from .errors import ToolkitError
from .reader import Layout
from .resources import PACKAGE_DIR, corpus_dir

MANIFEST_NAME = ".tei-toolkit-manifest.json"
MANIFEST_FORMAT = 1
SHOWN = 20  # failures and warnings listed by name in a summary; the rest are counted


@dataclass
class Outcome:
    """What a step made of one input: the output bytes and the warnings it raised."""

    data: bytes
    warnings: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Step:
    """One kind of per-file work. Functions must be module-level (workers import them)."""

    name: str                                   # key of this step's records in the manifest
    pattern: str                                # input files, e.g. "*.txt" (searched recursively)
    suffix: str                                 # output name = input name with this suffix
    prepare: Callable[[], Any]                  # once per worker: load what every file needs
    run: Callable[[Path, Any], Outcome]         # one input file -> Outcome; raises on bad input
    sidecars: Callable[[Path], list[Path]]      # further per-file inputs (may not exist)
    data_dirs: Callable[[], list[Path]]         # folders (or files) of data the outputs depend on
    preload: Callable[[], None] | None = None   # once in the parent: data forked workers then share


@dataclass
class ItemResult:
    """The fate of one input file in a batch."""

    name: str                      # path relative to the input folder, "/"-separated
    status: str                    # "converted", "skipped" or "failed"
    warnings: list[str] = field(default_factory=list)
    reason: str = ""               # why it failed
    record: dict | None = None     # its manifest record (None when failed)


@dataclass
class Summary:
    """Counts of a finished batch, with the first ``SHOWN`` failures and warnings by name."""

    step: str
    source: Path
    output: Path
    jobs: int
    total: int = 0
    converted: int = 0
    skipped: int = 0
    failed: int = 0
    warnings: int = 0
    warned_files: int = 0
    failures: list[tuple[str, str]] = field(default_factory=list)
    warning_lines: list[tuple[str, str]] = field(default_factory=list)
    seconds: float = 0.0

    def add(self, result: ItemResult) -> None:
        if result.status == "failed":
            self.failed += 1
            if len(self.failures) < SHOWN:
                self.failures.append((result.name, result.reason))
        elif result.status == "skipped":
            self.skipped += 1
        else:
            self.converted += 1
            if result.warnings:
                self.warnings += len(result.warnings)
                self.warned_files += 1
                for warning in result.warnings:
                    if len(self.warning_lines) < SHOWN:
                        self.warning_lines.append((result.name, warning))

    @property
    def ok(self) -> bool:
        return self.failed == 0


# -- fingerprints ---------------------------------------------------------------------------
def _file_digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _visible_files(folder: Path, leave_out: Path | None = None) -> Iterator[Path]:
    """Files under ``folder``, sorted, without hidden files, caches and the ``leave_out`` folder."""
    for dirpath, dirnames, filenames in os.walk(folder):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith(".") and d != "__pycache__"
                             and not (leave_out and (Path(dirpath) / d).resolve() == leave_out))
        for name in sorted(filenames):
            if not name.startswith(".") and not name.endswith((".pyc", ".pyo")):
                yield Path(dirpath) / name


def tree_digest(folder: Path, skip: Callable[[Path], bool] = lambda path: False) -> str:
    """Hash of every visible file's relative name and content under ``folder`` (or of one file)."""
    digest = hashlib.sha256()
    if folder.is_file():
        digest.update(_file_digest(folder).encode())
    elif folder.is_dir():
        for path in _visible_files(folder):
            if not skip(path):
                digest.update(path.relative_to(folder).as_posix().encode() + b"\0")
                digest.update(_file_digest(path).encode())
    return digest.hexdigest()


def toolkit_digest() -> str:
    """The toolkit's version and code: outputs made by other code are not reused."""
    return hashlib.sha256(f"{__version__}\0{tree_digest(PACKAGE_DIR)}".encode()).hexdigest()


def step_fingerprint(step: Step) -> str:
    """Everything a step's outputs depend on besides the per-file inputs."""
    digest = hashlib.sha256(f"{step.name}\0{toolkit_digest()}".encode())
    for folder in step.data_dirs():
        digest.update(tree_digest(folder, skip=_is_edition_file).encode())
    return digest.hexdigest()


def _is_edition_file(path: Path) -> bool:
    """An edition kept in a data folder (``x.txt`` and its ``x.*`` siblings) is not data."""
    stem = path.name.split(".", 1)[0]
    return path.with_name(stem + ".txt").is_file()


# -- the manifest ---------------------------------------------------------------------------
def load_manifest(output: Path) -> dict:
    """The manifest beside earlier outputs; an unreadable one just means "redo everything"."""
    try:
        data = json.loads((output / MANIFEST_NAME).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) and data.get("format") == MANIFEST_FORMAT else {}


def _save_manifest(output: Path, manifest: dict, step: Step, records: dict, failures: dict) -> None:
    steps = dict(manifest.get("steps", {}))
    steps[step.name] = {"files": dict(sorted(records.items())), "failures": dict(sorted(failures.items()))}
    data = {"format": MANIFEST_FORMAT, "toolkit": __version__, "steps": dict(sorted(steps.items()))}
    write_atomically(output / MANIFEST_NAME, (json.dumps(data, indent=1, ensure_ascii=False) + "\n").encode())


# -- one file -------------------------------------------------------------------------------
def _inputs_digest(path: Path, step: Step, fingerprint: str) -> str:
    digest = hashlib.sha256(fingerprint.encode())
    for each in [path, *step.sidecars(path)]:
        digest.update(each.name.encode() + b"\0")
        digest.update(_file_digest(each).encode() if each.is_file() else b"absent")
    return digest.hexdigest()


def output_name(name: str, step: Step) -> str:
    """``letters/a.txt`` -> ``letters/a.xml`` for a step whose suffix is ``.xml``."""
    return Path(name).with_suffix(step.suffix).as_posix()


def process_file(step: Step, context: Any, source: Path, output: Path, name: str,
                 previous: dict | None, fingerprint: str, force: bool) -> ItemResult:
    """Skip, or run the step on one file and write its output; never raises."""
    path = source / name
    try:
        inputs = _inputs_digest(path, step, fingerprint)
        target = output / output_name(name, step)
        if (not force and previous and previous.get("inputs") == inputs and target.is_file()
                and _file_digest(target) == previous.get("output_sha256")):
            return ItemResult(name, "skipped", record=previous)
        outcome = step.run(path, context)
        target.parent.mkdir(parents=True, exist_ok=True)
        write_atomically(target, outcome.data)
    except ToolkitError as exc:
        return ItemResult(name, "failed", reason=str(exc))
    except OSError as exc:
        return ItemResult(name, "failed", reason=f"{path}: {exc.strerror or exc}")
    except Exception as exc:  # a bug on one edition must not stop the batch
        return ItemResult(name, "failed", reason=f"{path}: internal error: {type(exc).__name__}: {exc}")
    record = {"inputs": inputs, "output": output_name(name, step),
              "output_sha256": hashlib.sha256(outcome.data).hexdigest(), "warnings": len(outcome.warnings)}
    return ItemResult(name, "converted", outcome.warnings, record=record)


# Worker processes keep the step and its prepared context between tasks.
_worker: dict[str, Any] = {}


def _init_worker(step: Step, source: Path, output: Path, fingerprint: str, force: bool) -> None:
    _worker.update(step=step, context=step.prepare(), source=source, output=output,
                   fingerprint=fingerprint, force=force)


def _work(task: tuple[str, dict | None]) -> ItemResult:
    name, previous = task
    w = _worker
    return process_file(w["step"], w["context"], w["source"], w["output"], name, previous,
                        w["fingerprint"], w["force"])


# -- the batch ------------------------------------------------------------------------------
def find_inputs(source: Path, pattern: str, exclude: Path | None = None) -> Iterator[str]:
    """Input files under ``source`` matching ``pattern``, sorted, as "/"-separated names."""
    for path in _visible_files(source, exclude.resolve() if exclude else None):
        if path.match(pattern):
            yield path.relative_to(source).as_posix()


def default_jobs() -> int:
    """The cores this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def check_folders(source: Path, output: Path) -> None:
    """Unusable input or output folders are a ToolkitError (exit 2), before any work."""
    if not source.is_dir():
        raise ToolkitError(f"{source}: not a directory")
    if output.exists() and not output.is_dir():
        raise ToolkitError(f"{output}: exists and is not a directory")


def run_batch(step: Step, source: Path, output: Path, jobs: int | None = None, force: bool = False,
              on_result: Callable[[ItemResult], None] | None = None,
              on_start: Callable[[int], None] | None = None) -> Summary:
    """Apply ``step`` to every input under ``source``, writing to ``output``.

    ``on_start(total)`` is called once the inputs are counted, ``on_result`` after each
    file (progress display). Files are streamed to workers in chunks; only names and
    manifest records are held in memory, never documents.
    """
    source, output = Path(source), Path(output)
    jobs = jobs or default_jobs()
    if jobs < 1:
        raise ToolkitError(f"-j/--jobs must be at least 1, not {jobs}")
    check_folders(source, output)
    exclude = output if output.resolve() != source.resolve() else None
    total = sum(1 for _ in find_inputs(source, step.pattern, exclude))
    if total == 0:
        raise ToolkitError(f"{source}: no input files ({step.pattern}) in this directory")
    output.mkdir(parents=True, exist_ok=True)
    summary = Summary(step.name, source, output, jobs, total)
    if on_start:
        on_start(total)

    manifest = load_manifest(output)
    previous = manifest.get("steps", {}).get(step.name, {}).get("files", {})
    fingerprint = step_fingerprint(step)
    tasks = ((name, previous.get(name)) for name in find_inputs(source, step.pattern, exclude))
    records: dict[str, dict] = {}
    failures: dict[str, str] = {}
    started = time.perf_counter()
    try:
        for result in _results(step, source, output, fingerprint, force, jobs, total, tasks):
            summary.add(result)
            if result.record is not None:
                records[result.name] = result.record
            else:
                failures[result.name] = result.reason
            if on_result:
                on_result(result)
    finally:  # even when interrupted, keep what was done for the next run
        _save_manifest(output, manifest, step, records, failures)
        summary.seconds = time.perf_counter() - started
    return summary


def _results(step: Step, source: Path, output: Path, fingerprint: str, force: bool, jobs: int,
             total: int, tasks: Iterator[tuple[str, dict | None]]) -> Iterator[ItemResult]:
    """Results in input order: in this process for one job, else from a pool of workers."""
    if jobs == 1 or total == 1:
        context = step.prepare()
        for name, previous in tasks:
            yield process_file(step, context, source, output, name, previous, fingerprint, force)
        return
    chunk = max(1, min(32, total // (jobs * 8)))
    if step.preload and multiprocessing.get_start_method() == "fork":
        step.preload()  # loaded once here instead of once per worker
    with multiprocessing.Pool(min(jobs, total), _init_worker,
                              (step, source, output, fingerprint, force)) as pool:
        yield from pool.imap(_work, tasks, chunksize=chunk)


# -- conversion -----------------------------------------------------------------------------
def _convert_one(path: Path, layout: Layout) -> Outcome:
    result = convert_file(path, layout)
    return Outcome(result.tei, result.warnings)


def _load_converter_data() -> None:
    """The gazetteer, the authority file, its name matcher and the name rules, into this process's caches."""
    from .gazetteer import index
    from .taggers.context import loaded_authority
    from .taggers.entities import name_matcher, rules

    index()
    name_matcher(loaded_authority())
    rules()


def _edition_sidecars(path: Path) -> list[Path]:
    return [metadata_path(path)]


def _corpus_data() -> list[Path]:
    return [corpus_dir(), authority_path()]  # $TEI_TOOLKIT_AUTHORITY may lie outside the corpus folder


CONVERT = Step(name="convert", pattern="*.txt", suffix=".xml", prepare=Layout.load, run=_convert_one,
               sidecars=_edition_sidecars, data_dirs=_corpus_data, preload=_load_converter_data)


def convert_directory(source: Path, output: Path, jobs: int | None = None, force: bool = False,
                      **progress: Callable) -> Summary:
    """Convert every edition (``*.txt``, with its ``.meta.toml``) under ``source`` to TEI."""
    return run_batch(CONVERT, source, output, jobs, force, **progress)


# -- export ---------------------------------------------------------------------------------
def _exporter(format_name: str) -> Any:
    from .exporters import get_exporter  # the exporters are plug-ins; only an export batch needs them

    return get_exporter(format_name)


def _export_one(path: Path, exporter: Any) -> Outcome:
    from .teitext import read_tei

    return Outcome(exporter.export(read_tei(path)))


def _no_sidecars(path: Path) -> list[Path]:
    return []


def _no_data() -> list[Path]:
    return []  # the exporters' templates and styles live in the package: part of the toolkit digest


def export_step(format_name: str) -> Step:
    """The batch step exporting TEI (``*.xml``) to ``format_name``; a ToolkitError if unknown."""
    exporter = _exporter(format_name)
    return Step(name=f"export-{exporter.name}", pattern="*.xml", suffix=f".{exporter.extension}",
                prepare=partial(_exporter, exporter.name), run=_export_one, sidecars=_no_sidecars,
                data_dirs=_no_data)


def export_directory(format_name: str, source: Path, output: Path, jobs: int | None = None,
                     force: bool = False, **progress: Callable) -> Summary:
    """Export every TEI file (``*.xml``) under ``source`` to ``format_name`` in ``output``."""
    return run_batch(export_step(format_name), source, output, jobs, force, **progress)
