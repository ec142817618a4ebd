"""``python -m qdopto`` runs the command line."""

from qdopto.cli import main

main()
