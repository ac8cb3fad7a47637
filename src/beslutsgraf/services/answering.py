"""Answering: a named question through the one cache of kept answers, bound to one store.

What costs a scan of the store is made once a change of it: the questions over the whole store are kept in files
beside it for every process (`queries.cache.KeptAnswers`), other costly values in memory (`KeptWhileUnchanged`).
Both are checked against the store's fingerprint, so a change by any writer is seen by every reader.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from pathlib import Path
from typing import TypeVar

from rdflib import URIRef
from rdflib.term import Node

from beslutsgraf.queries import NamedQuery
from beslutsgraf.queries.cache import KeptAnswers, KeptWhileUnchanged, Rows, fingerprint
from beslutsgraf.store import GraphStore

T = TypeVar("T")


class Cache:
    """The answers kept while the store is unchanged, shared by every `Answering` of one process."""

    def __init__(self, folder: Path | None, size: int = 32) -> None:
        self.answers = KeptAnswers(folder)  # the named questions over the whole store, in files in `folder`
        self.values = KeptWhileUnchanged(size)  # the rest, in this process only


class Answering:
    """The questions, asked of `store`; `deletions`: the graph of its tombstones, a part of its fingerprint."""

    def __init__(self, store: GraphStore, deletions: URIRef, cache: Cache) -> None:
        self.store, self.deletions, self.cache = store, deletions, cache

    def select(self, sparql: str, bindings: dict[str, Node] | None = None) -> list[dict]:
        return self.store.select(sparql, bindings).rows

    def fingerprint(self) -> tuple:
        return fingerprint(self.select, self.deletions)

    def answer(self, named: NamedQuery, given: dict[str, str]) -> Rows:
        """The question's answer; one over the whole store from the kept answers while the store is unchanged."""
        return self.cache.answers.answer(named, given, self.select, self.fingerprint)

    def refresh(self) -> list[str]:
        """After a change, the questions over the whole store asked again and kept, so that the next reader (the
        command line, an API started on the store) need not read the whole store; their names."""
        return self.cache.answers.refresh(self.select, self.fingerprint)

    def kept(self, key: Hashable, make: Callable[[], T], *, one_at_a_time: bool = False) -> T:
        """`make()`'s value, kept in this process while the store is unchanged (`KeptWhileUnchanged.get`)."""
        return self.cache.values.get((id(self.store), key), make, self.fingerprint, one_at_a_time=one_at_a_time)
