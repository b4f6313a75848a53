"""``tei-toolkit convert``: one edition to TEI."""
from __future__ import annotations

import sys
from pathlib import Path

import click

from ..convert import convert_file, write_atomically


@click.command("convert")
@click.argument("edition", type=click.Path(path_type=Path))
@click.option("-o", "--output", type=click.Path(path_type=Path),
              help="Where to write the TEI (default: standard output).")
@click.option("-q", "--quiet", is_flag=True, help="Do not print warnings.")
def command(edition: Path, output: Path | None, quiet: bool) -> None:
    """Convert a plain-text EDITION to TEI P5.

    Facts the text cannot give (licence, URL, encoder) are read from EDITION's
    .meta.toml file when it exists. Warnings (unpaired note markers, recovered
    markers, unrecognised structure) go to standard error.
    """
    result = convert_file(edition)
    if not quiet:
        for warning in result.warnings:
            click.echo(f"warning: {warning}", err=True)
    if output is None:
        sys.stdout.buffer.write(result.tei)
    else:
        write_atomically(output, result.tei)
