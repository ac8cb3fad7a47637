"""What the API keeps between requests, while the store's fingerprint (`store.freshness`) says it is unchanged."""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any, TypeVar

from rdflib import URIRef

from beslutsgraf.store import GraphStore
from beslutsgraf.store.freshness import fingerprint

T = TypeVar("T")


class KeptWhileUnchanged:
    """Values made from the store, kept while its fingerprint is unchanged; the least recently used go past `size`."""

    def __init__(self, size: int = 32) -> None:
        self._kept: OrderedDict[Hashable, tuple[tuple, Any]] = OrderedDict()
        self._size = size
        self._lock = threading.Lock()
        self._making: dict[Hashable, threading.Lock] = {}

    def get(self, store: GraphStore, deletions: URIRef, key: Hashable, make: Callable[[], T], *,
            one_at_a_time: bool = False) -> T:  # fmt: skip
        """The value kept for `key`, or `make()`'s. Two requests may make a cheap value at once and never wait on
        each other; a costly one (`one_at_a_time`) is made by one, and the others wait for it, not make it again."""
        key = (id(store), key)
        if not one_at_a_time:
            return self._kept_or_made(store, deletions, key, make)
        with self._lock:
            making = self._making.setdefault(key, threading.Lock())
        with making:
            return self._kept_or_made(store, deletions, key, make)

    def _kept_or_made(self, store: GraphStore, deletions: URIRef, key: Hashable, make: Callable[[], T]) -> T:
        now = fingerprint(store, deletions)
        with self._lock:
            kept = self._kept.get(key)
            if kept is not None and kept[0] == now:
                self._kept.move_to_end(key)
                return kept[1]
        value = make()
        with self._lock:
            self._kept[key] = (now, value)
            self._kept.move_to_end(key)
            while len(self._kept) > self._size:
                self._kept.popitem(last=False)
        return value
