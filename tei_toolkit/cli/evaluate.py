"""``tei-toolkit evaluate``: score automatic markup against a reviewed (gold) TEI file."""
from __future__ import annotations

import json
from pathlib import Path

import click

from ..evaluate import evaluate, format_differences, format_table


@click.command("evaluate")
@click.argument("gold", type=click.Path(path_type=Path))
@click.argument("output", type=click.Path(path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--differences", is_flag=True,
              help="Also list every missed and spurious mention, other date values and other links "
                   "(always in the json output).")
def command(gold: Path, output: Path, fmt: str, differences: bool) -> None:
    """Compare OUTPUT's markup with GOLD's: P/R/F1 per type, date normalisation,
    linking and archival-structure accuracy (offsets in the plain text of <text>)."""
    result = evaluate(gold, output)
    if fmt == "json":
        click.echo(json.dumps(result, indent=2, sort_keys=True))
        return
    click.echo(format_table(result))
    if differences:
        click.echo("\n" + format_differences(result))
