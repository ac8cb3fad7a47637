"""The one error type of ingest: it names the file, the place in it and the reason."""

from __future__ import annotations

from pathlib import Path

from beslutsgraf.errors import BeslutsgrafError


class IngestError(BeslutsgrafError):
    def __init__(self, path: Path | str, reason: str, place: str | None = None) -> None:
        self.path = Path(path)
        self.reason = reason
        self.place = place
        super().__init__(str(self))

    def __str__(self) -> str:
        where = f"{self.path}: {self.place}" if self.place else str(self.path)
        return f"{where}: {self.reason}"
