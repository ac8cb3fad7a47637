"""`python -m beslutsgraf.cli`: the command line, as the installed `beslutsgraf` runs it."""

from beslutsgraf.cli import app

app()
