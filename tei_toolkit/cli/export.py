"""``tei-toolkit export``: TEI to html, txt, md, json, csv, dc, cmif or a BagIt bag."""
from __future__ import annotations

import sys
from functools import partial
from pathlib import Path

import click

from ..batch import export_directory
from ..convert import write_atomically
from ..errors import ToolkitError
from ..exporters import export_all, get_exporter, registry
from ..progress import batch_options, run_shown
from ..teitext import read_tei


def _formats_help() -> str:
    return "; ".join(f"{e.name}: {e.description}" for e in registry().values())


@click.command("export", epilog="Formats — " + _formats_help())
@click.argument("arguments", nargs=-1, metavar="FORMAT FILE.xml | FORMAT DIR | --all FILE.xml")
@click.option("-o", "--output", type=click.Path(path_type=Path),
              help="Output file (default: standard output); with --all, the output folder (created if missing).")
@click.option("--all", "every", is_flag=True, help="Write every format that applies to FILE into the -o folder.")
@batch_options("files")
def command(arguments: tuple[str, ...], output: Path | None, every: bool, jobs: int | None, force: bool) -> None:
    """Export a TEI FILE to FORMAT, or to every format with --all.

    FORMAT DIR -o OUTDIR exports every *.xml under DIR in parallel; a re-run skips
    files that have not changed; the exit code is 1 when any file failed.

    Any TEI P5 document is accepted; it is parsed without DTDs, entities or network.
    """
    if every:
        if len(arguments) != 1:
            raise ToolkitError("usage: tei-toolkit export --all FILE.xml -o FOLDER")
        if output is None:
            raise ToolkitError("--all needs an output folder: -o FOLDER")
        source = read_tei(arguments[0])
        if output.exists() and not output.is_dir():
            raise ToolkitError(f"{output}: exists and is not a folder")
        output.mkdir(parents=True, exist_ok=True)
        files, skipped = export_all(source)
        for name, data in files.items():
            write_atomically(output / name, data)
        for name, reason in skipped.items():
            click.echo(f"skipped {name}: {reason}", err=True)
        click.echo(f"{len(files)} files written to {output}", err=True)
        return
    if len(arguments) != 2:
        raise ToolkitError("usage: tei-toolkit export FORMAT FILE.xml [-o OUT] (formats: "
                           f"{', '.join(registry())})")
    if Path(arguments[1]).is_dir():
        _export_directory(arguments[0], Path(arguments[1]), output, jobs, force)
        return
    exporter = get_exporter(arguments[0])
    data = exporter.export(read_tei(arguments[1]))
    if output is None:
        sys.stdout.buffer.write(data)
    else:
        write_atomically(output, data)


def _export_directory(format_name: str, source: Path, output: Path | None, jobs: int | None, force: bool) -> None:
    if output is None:
        raise ToolkitError(f"{source} is a directory: name an output directory with -o")
    batch = partial(export_directory, format_name, source, output, jobs, force)
    if not run_shown(batch, f"export {format_name}").ok:
        raise click.exceptions.Exit(1)
