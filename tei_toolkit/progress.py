"""What a batch shows a person: a progress bar on a terminal and a one-screen summary.

The bar is drawn only on a terminal and never under CI, so that logs and pipes get
the summary alone.
"""
from __future__ import annotations

import os
import sys
import time
from typing import Callable, TextIO

import click

from .batch import MANIFEST_NAME, ItemResult, Summary

BAR_WIDTH = 24
REDRAW_SECONDS = 0.1


def batch_options(what: str) -> Callable:
    """The -j/--force options every directory command shares (``what``: "editions", "files")."""
    def decorate(command: Callable) -> Callable:
        command = click.option("--force", is_flag=True,
                               help=f"Directory: redo {what} that have not changed.")(command)
        return click.option("-j", "--jobs", type=click.IntRange(min=1), default=None,
                            help="Directory: worker processes (default: the machine's cores).")(command)
    return decorate


def wants_progress(stream: TextIO) -> bool:
    """A live bar only for a person watching: a terminal, and not a CI job."""
    return stream.isatty() and not os.environ.get("CI") and os.environ.get("TERM") != "dumb"


def _clock(seconds: float) -> str:
    seconds = int(seconds + 0.5)
    hours, rest = divmod(seconds, 3600)
    return f"{hours}:{rest // 60:02d}:{rest % 60:02d}" if hours else f"{rest // 60}:{rest % 60:02d}"


class ProgressBar:
    """``[#####.....]  523/1000 files  87.3/s  0:05 left``, redrawn in place on ``stream``."""

    def __init__(self, label: str, stream: TextIO = sys.stderr) -> None:
        self.label = label
        self.stream = stream
        self.total = 0
        self.done = 0
        self.started = 0.0
        self.drawn = 0.0

    def start(self, total: int) -> None:
        self.total = total
        self.started = time.perf_counter()
        self._draw()

    def advance(self, _result: ItemResult) -> None:
        self.done += 1
        now = time.perf_counter()
        if now - self.drawn >= REDRAW_SECONDS or self.done == self.total:
            self._draw()

    def close(self) -> None:
        """Wipe the bar so that the summary starts on a clean line."""
        self.stream.write("\r\x1b[2K")
        self.stream.flush()

    def line(self) -> str:
        elapsed = time.perf_counter() - self.started
        rate = self.done / elapsed if elapsed > 0 else 0.0
        filled = BAR_WIDTH * self.done // self.total if self.total else 0
        left = _clock((self.total - self.done) / rate) + " left" if rate else "--:-- left"
        return (f"{self.label} [{'#' * filled}{'.' * (BAR_WIDTH - filled)}] "
                f"{self.done}/{self.total} files  {rate:.1f}/s  {left}")

    def _draw(self) -> None:
        self.drawn = time.perf_counter()
        self.stream.write("\r\x1b[2K" + self.line())
        self.stream.flush()


def _reason(name: str, reason: str, source: str) -> str:
    """Drop the file's path from the start of a message that already sits under its name."""
    for prefix in (f"{source}/{name}: ", f"{name}: "):
        if reason.startswith(prefix):
            return reason[len(prefix):]
    return reason


def summary_text(summary: Summary, show_warnings: bool = True) -> str:
    """The end-of-batch report: counts, then each failure with its reason, then warnings."""
    source = str(summary.source).rstrip("/")
    lines = [
        f"{summary.step}: {summary.total} files in {source}/ -> {summary.output}/ "
        f"({summary.jobs} worker{'s' if summary.jobs > 1 else ''}, {summary.seconds:.1f} s)",
        f"  {'converted' if summary.step == 'convert' else 'written':<10} {summary.converted}",
        f"  skipped    {summary.skipped} (unchanged since the last run; --force redoes them)",
        f"  warnings   {summary.warnings}" + (f" in {summary.warned_files} files" if summary.warnings else ""),
        f"  failed     {summary.failed}",
    ]
    if summary.failures:
        lines.append("failures:")
        lines += [f"  {name}: {_reason(name, reason, source)}" for name, reason in summary.failures]
        if summary.failed > len(summary.failures):
            lines.append(f"  ... and {summary.failed - len(summary.failures)} more, "
                         f"listed in {summary.output / MANIFEST_NAME}")
    if summary.warning_lines and show_warnings:
        lines.append("warnings:")
        lines += [f"  {name}: {_reason(name, text, source)}" for name, text in summary.warning_lines]
        if summary.warnings > len(summary.warning_lines):
            lines.append(f"  ... and {summary.warnings - len(summary.warning_lines)} more")
    return "\n".join(lines)


def run_shown(batch: Callable[..., Summary], label: str, show_warnings: bool = True) -> Summary:
    """Run ``batch(on_start=..., on_result=...)`` with a bar on a terminal, then print its summary."""
    bar = ProgressBar(label) if wants_progress(sys.stderr) else None
    try:
        summary = batch(on_start=bar and bar.start, on_result=bar and bar.advance)
    finally:
        if bar:
            bar.close()
    print(summary_text(summary, show_warnings), flush=True)
    return summary
