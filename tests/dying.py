"""A preparation whose process dies on some files, as a worker killed for its memory does: for the tests of
what an ingest in worker processes does then (a module of its own, so that spawned workers can import it)."""

from __future__ import annotations

import os
from pathlib import Path

from beslutsgraf.services.ingesting import Preparation, Prepared


class DyingPreparation(Preparation):
    def __call__(self, path: Path) -> Prepared:
        if path.name.startswith("dies-"):
            os._exit(137)
        return super().__call__(path)
