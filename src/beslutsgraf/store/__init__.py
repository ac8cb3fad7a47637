"""One interface over the graph store: every source file is one named graph, replaced atomically.

The interface is `store.base`; the embedded default is Oxigraph on disk (`store.oxigraph`), the other a SPARQL
server (`store.server`). `open_store` chooses between them.
"""

from __future__ import annotations

from pathlib import Path

from beslutsgraf.store.base import (
    EXPORT_FORMATS,
    Answer,
    AnswerLimits,
    AnswerTooLarge,
    Deletions,
    GraphStore,
    NotWritable,
    QueryRefused,
    QueryTimedOut,
    Solutions,
    StoreError,
    as_int,
    check_limits,
    ntriples,
)


def open_store(path: Path, *, read_only: bool = False, server: str | None = None, follow: bool = False) -> GraphStore:
    """The store on disk at `path`, or, given a server's address, the store on that SPARQL server. `follow`: a
    reader that lives long (a server) and moves on to every change a writer publishes (`store.snapshots`).
    Each backend is imported when chosen: the server's client and query reader cost a command 0.1 s at start."""
    if server:
        from beslutsgraf.store.server import ServerEndpoints, ServerStore

        return ServerStore(ServerEndpoints.parse(server), read_only=read_only)
    from beslutsgraf.store.oxigraph import FollowingStore, OxigraphStore

    if read_only and follow:
        return FollowingStore(path)  # type: ignore[return-value]
    return OxigraphStore(path, read_only=read_only)


__all__ = [
    "EXPORT_FORMATS",
    "Answer",
    "AnswerLimits",
    "AnswerTooLarge",
    "Deletions",
    "GraphStore",
    "NotWritable",
    "QueryRefused",
    "QueryTimedOut",
    "Solutions",
    "StoreError",
    "as_int",
    "check_limits",
    "ntriples",
    "open_store",
]
