"""Errors the CLI turns into a one-line message and an exit code, never a traceback."""


class ToolkitError(Exception):
    """Unusable input or options: the CLI prints the message and exits with ``exit_code``."""

    exit_code = 2
