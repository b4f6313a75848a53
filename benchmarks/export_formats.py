"""Time every exporter on one TEI file (default: the corpus edition) and on the real TEI samples.

    .venv/bin/python benchmarks/export_formats.py [FILE.xml] [--samples ../shared/tei-samples/real]

Prints, per format, the best of five runs on FILE, the output size, and the total time
for all samples. Timing lives here, never in the tests.
"""
from __future__ import annotations

import argparse
import time
from pathlib import Path

from tei_toolkit.exporters import NotApplicable, registry
from tei_toolkit.teitext import read_tei

ROOT = Path(__file__).resolve().parents[1]


def best_of(runs: int, action) -> tuple[float, bytes]:
    best, result = float("inf"), b""
    for _ in range(runs):
        start = time.perf_counter()
        result = action()
        best = min(best, time.perf_counter() - start)
    return best, result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("file", nargs="?", type=Path, default=ROOT / "corpus" / "trotsky-1923-10-08.xml")
    parser.add_argument("--samples", type=Path, default=ROOT.parent / "shared" / "tei-samples" / "real")
    args = parser.parse_args()
    source = read_tei(args.file)
    samples = [read_tei(p) for p in sorted(args.samples.glob("*.xml"))] if args.samples.is_dir() else []
    print(f"{'format':8} {'ms (best of 5)':>15} {'bytes':>10} {'samples s':>10}  ({len(samples)} samples)")
    for name, exporter in registry().items():
        seconds, data = best_of(5, lambda: exporter.export(source))
        start = time.perf_counter()
        for sample in samples:
            try:
                exporter.export(sample)
            except NotApplicable:
                pass
        print(f"{name:8} {seconds * 1000:15.1f} {len(data):10d} {time.perf_counter() - start:10.2f}")


if __name__ == "__main__":
    main()
