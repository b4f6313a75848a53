"""``python -m tei_toolkit`` runs the CLI."""
from .cli import main

main()
