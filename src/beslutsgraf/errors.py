"""The one base of every error beslutsgraf says to its user in words.

Each part raises its own kind (a file it cannot read, a store it cannot open, a question that does not fit), and each
face maps the kinds once: the command line to its exit code (`cli`), the API to its HTTP status (`api.errors`). An
error that is not a `BeslutsgrafError` is a fault of the program, reported as such and never shown as it is.
"""

from __future__ import annotations


class BeslutsgrafError(Exception):
    """A refusal or failure said in words the user can act on; its text names the file, place or value concerned."""
