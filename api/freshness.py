"""What the API keeps between requests, and how it knows when the store has changed under it.

The store's fingerprint is its ingest runs (one a graph: how many, the latest) and its tombstones (how many, the
latest): any ingest, re-ingest or removal changes it, by this server or by any other writer of a shared store.
Asking for it reads one small triple a graph, so values that cost a scan of the store (a listing's order, a
question over the whole store) are kept until it changes.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any, TypeVar

from rdflib import URIRef

from store import GraphStore

T = TypeVar("T")

INGEST_RUN = "https://w3id.org/beslutsgraf/ns#IngestRun"
STARTED = "http://www.w3.org/ns/prov#startedAtTime"
_DELETED = "https://www.w3.org/ns/activitystreams#deleted"
_FINGERPRINT = f"""
SELECT ?runs ?latest ?removed ?lastRemoved WHERE {{
  {{ SELECT (COUNT(?run) AS ?runs) (MAX(?started) AS ?latest) WHERE {{
      GRAPH ?g {{ ?run a <{INGEST_RUN}> ; <{STARTED}> ?started }} }} }}
  {{ SELECT (COUNT(?gone) AS ?removed) (MAX(?when) AS ?lastRemoved) WHERE {{
      OPTIONAL {{ GRAPH ?graph {{ ?gone <{_DELETED}> ?when }} }} }} }}
}}"""


def fingerprint(store: GraphStore, deletions: URIRef) -> tuple:
    rows = store.select(_FINGERPRINT, {"graph": deletions}).rows
    return tuple(rows[0].values()) if rows else ()


class KeptWhileUnchanged:
    """Values made from the store, kept while its fingerprint is unchanged; the least recently used go past `size`."""

    def __init__(self, size: int = 32) -> None:
        self._kept: OrderedDict[Hashable, tuple[tuple, Any]] = OrderedDict()
        self._size = size
        self._lock = threading.Lock()

    def get(self, store: GraphStore, deletions: URIRef, key: Hashable, make: Callable[[], T]) -> T:
        now = fingerprint(store, deletions)
        key = (id(store), key)
        with self._lock:
            kept = self._kept.get(key)
            if kept is not None and kept[0] == now:
                self._kept.move_to_end(key)
                return kept[1]
        value = make()  # outside the lock: two requests may make it at once, never wait on each other
        with self._lock:
            self._kept[key] = (now, value)
            self._kept.move_to_end(key)
            while len(self._kept) > self._size:
                self._kept.popitem(last=False)
        return value
