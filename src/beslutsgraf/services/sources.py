"""Every ingested file kept as it came, beside the store, by its sha256 (the name the graph already gives it:
`/kalla/{sha256}`), so that an archivist can open the page a fact was read from. A file is kept once however many
graphs were read from it, and goes when no graph read from it is left."""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
from pathlib import Path

from beslutsgraf.queries import reads
from beslutsgraf.queries.params import Select

_SHA256 = frozenset("0123456789abcdef")


def page_link(sha256: str, page: object, start: object, end: object) -> str:
    """Where a span is shown on its source's page, marked (`api.routers.sources`); a source without pages is one."""
    return f"/kalla/{sha256}/sida/{page or 1}?tecken={start}-{end}"


class SourceFiles:
    def __init__(self, folder: Path | None) -> None:
        self.folder = folder  # None: nothing is kept (an app over a store a test swapped in)

    def path_of(self, sha256: str) -> Path | None:
        """The kept file of that digest, if there is one (a digest is 64 hex digits, never a path)."""
        if self.folder is None or len(sha256) != 64 or not set(sha256) <= _SHA256:
            return None
        path = self.folder / sha256[:2] / sha256
        return path if path.is_file() else None

    def keep(self, path: Path) -> str | None:
        """The file copied in (whole or not at all), unless it is kept already; its digest."""
        if self.folder is None:
            return None
        with path.open("rb") as handle:
            sha256 = hashlib.file_digest(handle, "sha256").hexdigest()
        target = self.folder / sha256[:2] / sha256
        if not target.exists():
            target.parent.mkdir(parents=True, exist_ok=True)
            with tempfile.NamedTemporaryFile(dir=target.parent, delete=False) as partial, path.open("rb") as source:
                shutil.copyfileobj(source, partial)
            os.chmod(partial.name, 0o644)  # readable to an API running as another user, as the store is
            os.replace(partial.name, target)
        return sha256

    def prune(self, select: Select) -> int:
        """The files no graph in the store was read from any more, removed; how many."""
        if self.folder is None or not self.folder.exists():
            return 0
        known = {str(row["sha256"]) for row in select(reads.SOURCE_DIGESTS, {})}
        gone = 0
        for path in self.folder.glob("??/*"):
            if path.is_file() and path.name not in known:
                path.unlink()
                gone += 1
        return gone
