"""What is kept while the store is unchanged: the one cache of answers, and the fingerprint that says when.

The fingerprint is the store's ingest runs (one a graph: how many, the latest, and the sum of their times'
seconds) and its tombstones (how many, the latest): any ingest, re-ingest or removal changes it, by this process or
by any other writer of a shared store. The times are written to the microsecond, so two changes in one second are
two fingerprints; the sum catches a replacement prepared before the latest run another writer wrote. Asking for
it reads one small triple a graph, so what costs a scan of the store can be kept until it changes: in memory
(`KeptWhileUnchanged`: a listing's order, the dataset's counts, the validation report) or, for the named questions
over the whole store, in files every process shares (`KeptAnswers`).

A question that takes no parameter (the referral network, the citation links, the meetings) reads the whole
store: seconds at 10M triples, however few its rows. Its answer is kept in a file with the fingerprint of the store
it was asked of, so that every process that reads the store — the command line, each API worker — gets it at the cost of
reading the file, until an ingest or a removal changes the fingerprint. The ingest asks them again when it is done.
A file that cannot be written (a read-only folder) only means the answer is asked again next time.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from functools import lru_cache
from pathlib import Path
from typing import Any, TypeVar

from rdflib import BNode, Literal, URIRef
from rdflib.namespace import PROV
from rdflib.term import Node

from beslutsgraf.ontology import AS, BG, not_the_merge
from beslutsgraf.queries import NamedQuery, answer, catalogue
from beslutsgraf.queries.results import json_term

Rows = tuple[list[str], list[dict]]
Select = Callable[[str, dict[str, Node]], list[dict]]
T = TypeVar("T")

_FINGERPRINT = f"""
SELECT ?runs ?latest ?seconds ?removed ?lastRemoved WHERE {{
  {{ SELECT (COUNT(?run) AS ?runs) (MAX(?started) AS ?latest) (SUM(SECONDS(?started)) AS ?seconds) WHERE {{
      GRAPH ?g {{ ?run a <{BG.IngestRun}> ; <{PROV.startedAtTime}> ?started }} {not_the_merge("g")} }} }}
  {{ SELECT (COUNT(?gone) AS ?removed) (MAX(?when) AS ?lastRemoved) WHERE {{
      OPTIONAL {{ GRAPH ?graph {{ ?gone <{AS.deleted}> ?when }} }} }} }}
}}"""


def fingerprint(select: Select, deletions: URIRef) -> tuple:
    """The store's state, as far as what is kept from it goes; `deletions`: the graph of its tombstones."""
    rows = select(_FINGERPRINT, {"graph": deletions})
    return tuple(rows[0].values()) if rows else ()


class KeptAnswers:
    """Kept in this process too, and, given a folder, in a file there for every process that reads the same store."""

    def __init__(self, folder: Path | None) -> None:
        self.folder = folder
        self._memory: dict[str, tuple[list[str], Rows]] = {}

    def answer(
        self, named: NamedQuery, given: dict[str, str], select: Select, fingerprint: Callable[[], tuple]
    ) -> Rows:
        """The question's answer: from the file when it was asked of the store as it is now, else asked (and kept)."""
        if given or not named.over_whole_store:
            return answer(named, given, select)
        # the question's own text too: a new version of it (an upgrade) must not read the old one's answer
        now = [str(part) for part in fingerprint()] + [hashlib.sha256(named.sparql.encode("utf-8")).hexdigest()]
        in_memory = self._memory.get(named.name)
        if in_memory is not None and in_memory[0] == now:
            return in_memory[1]
        path = self.folder / f"{named.name}.json" if self.folder else None
        kept = _read(path) if path else None
        if kept is not None and kept.get("fingerprint") == now:
            found = kept["columns"], [{k: _term(v) if v else None for k, v in row.items()} for row in kept["rows"]]
        else:
            found = answer(named, given, select)
            if path:
                written = [{k: json_term(v) if v is not None else None for k, v in row.items()} for row in found[1]]
                _write(path, {"fingerprint": now, "columns": found[0], "rows": written})
        self._memory[named.name] = (now, found)
        return found

    def refresh(self, select: Select, fingerprint: Callable[[], tuple]) -> list[str]:
        """Ask every question over the whole store whose kept answer is not of the store as it is now."""
        asked = [named for named in catalogue().values() if named.over_whole_store]
        for named in asked:
            self.answer(named, {}, select, fingerprint)
        return [named.name for named in asked]


def _read(path: Path) -> dict | None:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def _write(path: Path, kept: dict) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile("w", dir=path.parent, suffix=".tmp", delete=False, encoding="utf-8") as out:
            json.dump(kept, out, ensure_ascii=False)
        os.chmod(out.name, 0o644)  # as readable as the store beside it, to an API running as another user
        os.replace(out.name, path)  # whole or not at all, for a reader in another process
    except OSError:
        pass


def _term(value: dict) -> Node:
    if value["type"] == "uri":
        return URIRef(value["value"])
    if value["type"] == "bnode":
        return BNode(value["value"])
    if "xml:lang" in value:
        return Literal(value["value"], lang=value["xml:lang"])
    return _typed(value["value"], value.get("datatype"))


@lru_cache(maxsize=65536)
def _typed(value: str, datatype: str | None) -> Literal:
    return Literal(value, datatype=URIRef(datatype) if datatype else None)


class KeptWhileUnchanged:
    """Values made from the store, kept in this process while its fingerprint is unchanged; the least recently used
    go past `size`."""

    def __init__(self, size: int = 32) -> None:
        self._kept: OrderedDict[Hashable, tuple[tuple, Any]] = OrderedDict()
        self._size = size
        self._lock = threading.Lock()
        self._making: dict[Hashable, threading.Lock] = {}

    def get(
        self, key: Hashable, make: Callable[[], T], fingerprint: Callable[[], tuple], *, one_at_a_time: bool = False
    ) -> T:
        """The value kept for `key`, or `make()`'s. Two requests may make a cheap value at once and never wait on
        each other; a costly one (`one_at_a_time`) is made by one, and the others wait for it, not make it again."""
        if not one_at_a_time:
            return self._kept_or_made(key, make, fingerprint)
        with self._lock:
            making = self._making.setdefault(key, threading.Lock())
        with making:
            return self._kept_or_made(key, make, fingerprint)

    def _kept_or_made(self, key: Hashable, make: Callable[[], T], fingerprint: Callable[[], tuple]) -> T:
        now = fingerprint()
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
