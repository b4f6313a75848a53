"""``tei-toolkit validate``: a thin click shell over ``tei_toolkit.validation``."""
from __future__ import annotations

import sys
from pathlib import Path

import click

from .. import __version__
from ..resources import TEI_ALL_DISTRIBUTION, TEI_ALL_VERSION
from ..validation import Options, validate
from ..validation.formats import formats
from ..validation.formats.text import summary

PROGRESS_MIN_FILES = 20


def _progress_bar(stream):
    """A one-line bar on a terminal; nothing in CI logs or pipes."""
    def show(done: int, total: int) -> None:
        if total < PROGRESS_MIN_FILES:
            return
        width = 30
        filled = width * done // total
        stream.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total}")
        if done == total:
            stream.write("\r" + " " * (width + 20) + "\r")
        stream.flush()
    return show


def _print_version(ctx: click.Context, _param, value: bool) -> None:
    if not value or ctx.resilient_parsing:
        return
    click.echo(f"tei-toolkit {__version__}; TEI P5 tei_all {TEI_ALL_VERSION} "
               f"(from {TEI_ALL_DISTRIBUTION})")
    ctx.exit(0)


@click.command("validate")
@click.argument("inputs", nargs=-1)
@click.option("--schema", "schemas", multiple=True, default=("auto",), show_default=True,
              metavar="project|tei_all|auto|PATH",
              help="Schema(s) to check against; repeat to combine. PATH: .rng, .rnc, .xsd, .sch.")
@click.option("--engine", type=click.Choice(["lxml", "jing"]), default="lxml", show_default=True,
              help="RELAX NG engine: lxml (fast, jing's verdicts) or jing itself (needs Java).")
@click.option("--format", "format_name", type=click.Choice(sorted(formats())), default="text",
              show_default=True, help="Report format.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="Write the report to a file instead of standard output.")
@click.option("-j", "--jobs", type=click.IntRange(min=0), default=1, show_default=True,
              help="Worker processes (0: one per CPU).")
@click.option("--strict", is_flag=True,
              help="Warnings fail too, and non-TEI XML found in directories is an error.")
@click.option("--color/--no-color", default=None, help="Colour (default: on a terminal).")
@click.option("--version", is_flag=True, expose_value=False, is_eager=True,
              callback=_print_version, help="Print the toolkit and tei_all versions.")
def command(inputs: tuple[str, ...], schemas: tuple[str, ...], engine: str, format_name: str,
            output: Path | None, jobs: int, strict: bool, color: bool | None) -> None:
    """Validate TEI files, directories (recursive), glob patterns or - (standard input).

    Exit status: 0 all valid, 1 some invalid, 2 unusable input or options.
    """
    stdin = sys.stdin.buffer.read() if "-" in inputs else None
    on_terminal = sys.stderr.isatty()
    report = validate(list(inputs), Options(tuple(schemas), engine, strict), jobs, stdin,
                      progress=_progress_bar(sys.stderr) if on_terminal else None)
    use_color = (sys.stdout.isatty() and output is None) if color is None else color
    text = formats()[format_name].render(report, use_color)
    if output is None:
        sys.stdout.write(text)
        sys.stdout.flush()
    else:
        from ..convert import write_atomically

        write_atomically(output, text.encode("utf-8"))
    click.echo(summary(report), err=True)
    sys.exit(report.exit_code)
