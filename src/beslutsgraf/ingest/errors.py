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
        return f"{self.path}: {self.detail}"

    @property
    def detail(self) -> str:
        """The place in the file and the reason, without the file's path (an upload's is a temporary one)."""
        return f"{self.place}: {self.reason}" if self.place else self.reason
