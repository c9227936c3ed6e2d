"""``python -m khabar`` runs the command-line interface."""

from khabar.cli import main

main()
