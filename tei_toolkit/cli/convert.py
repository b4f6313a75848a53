"""``tei-toolkit convert``: one edition, or every edition of a directory, to TEI."""
from __future__ import annotations

import sys
from functools import partial
from pathlib import Path

import click

from ..batch import convert_directory
from ..convert import convert_file, write_atomically
from ..errors import ToolkitError
from ..progress import batch_options, run_shown


@click.command("convert")
@click.argument("edition", type=click.Path(path_type=Path))
@click.option("-o", "--output", type=click.Path(path_type=Path),
              help="Where to write the TEI (default: standard output); a directory for a directory.")
@click.option("-q", "--quiet", is_flag=True, help="Do not print warnings (a directory's summary still counts them).")
@batch_options("editions")
def command(edition: Path, output: Path | None, quiet: bool, jobs: int | None, force: bool) -> None:
    """Convert a plain-text EDITION to TEI P5, or every *.txt edition under a directory.

    Facts the text cannot give (licence, URL, encoder) are read from EDITION's
    .meta.toml file when it exists. Warnings (unpaired note markers, recovered
    markers, unrecognised structure) go to standard error.

    For a directory, -o names the output directory: editions are converted in
    parallel, a re-run skips those whose source, metadata, corpus data and toolkit
    are unchanged (see .tei-toolkit-manifest.json there), and the exit code is 1
    when any edition failed.
    """
    if edition.is_dir():
        _convert_directory(edition, output, jobs, force, quiet)
        return
    result = convert_file(edition)
    if not quiet:
        for warning in result.warnings:
            click.echo(f"warning: {warning}", err=True)
    if output is None:
        sys.stdout.buffer.write(result.tei)
    else:
        write_atomically(output, result.tei)


def _convert_directory(source: Path, output: Path | None, jobs: int | None, force: bool, quiet: bool) -> None:
    if output is None:
        raise ToolkitError(f"{source} is a directory: name an output directory with -o")
    summary = run_shown(partial(convert_directory, source, output, jobs, force), "convert", not quiet)
    if not summary.ok:
        raise click.exceptions.Exit(1)
