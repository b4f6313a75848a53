"""The ``tei-toolkit`` command: a thin click shell over the library.

Each sub-command lives in its own module in this package, named as the command, and
exposes ``command``; adding a command is adding a file. A module is imported only when
its command runs (or help lists it), so that ``validate`` starts fast.
"""
from __future__ import annotations

import importlib
import pkgutil
import sys

import click

from .. import __version__
from ..errors import ToolkitError


class _LazyGroup(click.Group):
    """Sub-commands found by module name, imported on use."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(info.name for info in pkgutil.iter_modules(__path__))

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name not in self.list_commands(ctx):
            return None
        return importlib.import_module(f"{__name__}.{name}").command


@click.group(cls=_LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "-V", "--version", prog_name="tei-toolkit")
def cli() -> None:
    """Convert plain-text editions to TEI P5, validate TEI, and export it."""


def main(argv: list[str] | None = None) -> None:
    """Entry point: runs the CLI, turning toolkit errors into a message and exit code 2."""
    try:
        # Without standalone mode, click returns (not raises) the code of ``ctx.exit(n)``.
        code = cli.main(args=argv, prog_name="tei-toolkit", standalone_mode=False)
    except ToolkitError as exc:
        click.echo(f"tei-toolkit: error: {exc}", err=True)
        sys.exit(exc.exit_code)
    except click.exceptions.Exit as exc:
        sys.exit(exc.exit_code)
    except click.ClickException as exc:
        exc.show()
        sys.exit(2)
    except click.Abort:
        click.echo("tei-toolkit: aborted", err=True)
        sys.exit(130)
    except KeyboardInterrupt:
        click.echo("tei-toolkit: interrupted", err=True)
        sys.exit(130)
    sys.exit(code if isinstance(code, int) else 0)
