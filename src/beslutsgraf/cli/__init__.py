"""The command line: `beslutsgraf ingest | remove | reindex | validate | query | queries | links | trail | search |
serve | export`. Each command reads the settings, opens the store through `services.Services`, calls one use case
and shows what it returned; every error said in words (`errors.BeslutsgrafError`) ends the command with exit code 1.
"""

from beslutsgraf.cli import asking, ingesting, serving
from beslutsgraf.cli.app import app

# --help lists the commands in the order a user meets them, not in the order their modules were imported
_ORDER = ("ingest", "remove", "reindex", "validate", "query", "queries", "links", "trail", "search", "serve", "export")
app.registered_commands.sort(key=lambda c: _ORDER.index(c.name or c.callback.__name__ if c.callback else ""))

__all__ = ["app", "asking", "ingesting", "serving"]
