"""``tei-toolkit entities``: list a TEI file's entities; confirm provisional ones."""
from __future__ import annotations

from pathlib import Path

import click

from ..authority import authority_path, confirm
from ..review import entities, format_entities


@click.command("entities")
@click.argument("tei_file", type=click.Path(path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["text", "json", "csv"]), default="text", show_default=True)
@click.option("--provisional", "only_provisional", is_flag=True, help="List only provisional records.")
@click.option("--confirm", "confirm_ids", multiple=True, metavar="ID",
              help="Move provisional record ID into the authority file (repeatable).")
@click.option("--as", "merge_into", metavar="EXISTING_ID",
              help="With --confirm: add the record's name as a variant of EXISTING_ID instead.")
@click.option("--authority", "authority_file", type=click.Path(path_type=Path),
              help="Authority file to confirm into (default: $TEI_TOOLKIT_AUTHORITY or corpus/authority.xml).")
def command(tei_file: Path, fmt: str, only_provisional: bool, confirm_ids: tuple[str, ...],
            merge_into: str | None, authority_file: Path | None) -> None:
    """List every entity of TEI_FILE with its mentions, provisional records flagged.

    An archivist reviews the provisional records (names the authority file did not
    know) and confirms the right ones with --confirm ID; a re-conversion then links
    the name to the confirmed record.
    """
    if confirm_ids:
        target = authority_file or authority_path()
        for record_id in confirm_ids:
            click.echo(confirm(tei_file, record_id, target, merge_into))
        return
    items = entities(tei_file)
    if only_provisional:
        items = [e for e in items if e.status == "provisional"]
    click.echo(format_entities(items, fmt))
