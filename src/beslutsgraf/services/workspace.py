"""The store folder and what lies beside it, named in one place.

A store on disk is a folder; beside it lie the search index (`NAME.search.sqlite`), the answers kept for every
process that reads the store (`NAME.answers/`) and the ingested files as they came (`NAME.sources/`). With the graph
on a SPARQL server (`store_server`), the folder is not made, and its neighbours still lie where it would be: the
server holds the graph, this machine the rest.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from beslutsgraf.settings import Settings
from beslutsgraf.store import GraphStore, open_store
from beslutsgraf.store.search import SearchIndex


@dataclass(frozen=True)
class Workspace:
    store_path: Path
    store_server: str | None = None  # the graph on a SPARQL server (store.server.ServerEndpoints.parse)

    @classmethod
    def of(cls, settings: Settings) -> Workspace:
        if settings.store_path is None:
            raise ValueError("these settings name no store")
        return cls(settings.store_path, settings.store_server)

    @property
    def name(self) -> str:
        """Where the graph is, as a user would say it."""
        return self.store_server or str(self.store_path)

    @property
    def search_index(self) -> Path:
        return self._beside(".search.sqlite")

    @property
    def answers(self) -> Path:
        return self._beside(".answers")

    @property
    def sources(self) -> Path:
        """The ingested files, as they came, by their sha256 (`services.sources`)."""
        return self._beside(".sources")

    def exists(self) -> bool:
        return bool(self.store_server) or self.store_path.exists()

    def open_store(self, *, read_only: bool, follow: bool = False) -> GraphStore:
        """`follow`: a reader that lives long (a server) and moves on to every change a writer publishes."""
        return open_store(self.store_path, read_only=read_only, server=self.store_server, follow=follow)

    def open_search(self) -> SearchIndex:
        return SearchIndex(self.search_index)

    def _beside(self, suffix: str) -> Path:
        return self.store_path.with_name(self.store_path.name + suffix)
