"""The store's interface (`GraphStore`), the values that cross it, and its errors: what both backends implement and
every caller sees. Terms cross it as rdflib terms, so callers never depend on the engine behind it."""

from __future__ import annotations

import time
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import IO, TYPE_CHECKING, Protocol

from rdflib import Graph, URIRef
from rdflib.term import Node

from beslutsgraf.errors import BeslutsgrafError

if TYPE_CHECKING:
    from beslutsgraf.store.datasets import QueryDataset

EXPORT_FORMATS = ("nquads", "trig", "turtle", "ntriples", "jsonld")


class StoreError(BeslutsgrafError, RuntimeError):
    """The store cannot be opened or written, said in words (never a raw engine error)."""


class QueryRefused(BeslutsgrafError, ValueError):
    """A SPARQL request the store will not answer (an update, a syntax error), said in words."""


class AnswerTooLarge(QueryRefused):
    """The answer outgrew the byte limit while it was being written; nothing of it is returned."""


class NotWritable(QueryRefused):
    """The answer cannot be written in the format asked for (RDF/XML of a predicate with no XML name)."""


class QueryTimedOut(QueryRefused):
    """The answer was still being written when the time limit ran out."""


@dataclass(frozen=True)
class AnswerLimits:
    """Bounds on one SPARQL answer: its serialised size, and a `time.monotonic()` deadline for writing it."""

    max_bytes: int | None = None
    deadline: float | None = None


def ntriples(name: URIRef, graph: Graph | str) -> str:
    """A graph as N-Triples (given as text already, as it is from the ingest's worker processes)."""
    if isinstance(graph, str):
        return graph
    try:
        return graph.serialize(format="nt", encoding="utf-8").decode("utf-8")
    except Exception as error:  # rdflib raises a bare Exception for a term it cannot write
        raise StoreError(f"graph <{name}> cannot be written as N-Triples, nothing was changed: {error}") from None


def check_limits(limits: AnswerLimits, size: int) -> None:
    """Raise the refusal when an answer `size` bytes long, being written now, is past `limits`."""
    if limits.deadline is not None and time.monotonic() > limits.deadline:
        raise QueryTimedOut("the answer took longer than the time limit; narrow the query or page it")
    if limits.max_bytes is not None and size > limits.max_bytes:
        raise AnswerTooLarge(
            f"the answer is larger than the limit of {limits.max_bytes:,} bytes; use LIMIT and OFFSET to page it"
        )


@dataclass(frozen=True)
class Deletions:
    """Where a replacement records what it removes: an ActivityStreams tombstone in `graph` for every subject of
    one of `classes` that no other graph holds any longer (cleared when the subject comes back)."""

    graph: URIRef
    classes: tuple[URIRef, ...]


@dataclass(frozen=True)
class Answer:
    """A SPARQL query's answer serialised: results (SELECT, ASK) or a graph (CONSTRUCT, DESCRIBE)."""

    body: bytes
    media_type: str
    kind: str  # "results" | "graph"


@dataclass(frozen=True)
class Solutions:
    variables: list[str]
    rows: list[dict[str, Node | None]]


def as_int(value: Node | None) -> int:
    """A count a query answered ("?n"), as a number; none, 0."""
    return int(str(value)) if value is not None else 0


class GraphStore(Protocol):
    def replace_graph(
        self, name: URIRef, graph: Graph | str, *, also_drop: Iterable[URIRef] = (), deletions: Deletions | None = None
    ) -> None:
        """Put `graph` (or its N-Triples, written where it was made) in place of the named graph `name` (and remove
        `also_drop`) in one transaction, with the tombstones of what it removes when `deletions` says where."""

    def add_graphs(self, graphs: Sequence[tuple[URIRef, str]], *, deletions: Deletions | None = None) -> None:
        """Write graphs the store does not hold (name, N-Triples), as `replace_graph` would each; in one atomic step
        where the store can (all or none), else one by one (each whole or absent)."""

    def optimize(self) -> None:
        """Reorganise the store's files after many writes, where the store leaves that to its user."""

    def publish(self) -> None:
        """Make every write so far visible to readers in other processes now, not within the second it may take
        (`store.snapshots`); nothing where readers read the store itself."""

    def contains(self, name: URIRef, subject: URIRef) -> bool:
        """Whether the named graph holds any triple about `subject`."""

    def has_graph(self, name: URIRef) -> bool:
        """Whether the named graph is in the store."""

    def select(self, sparql: str, bindings: Mapping[str, Node] | None = None) -> Solutions:
        """A SELECT over the union of all graphs, with variables bound to terms."""

    def sparql(
        self,
        query: str,
        results_type: str,
        graph_type: str,
        dataset: QueryDataset | None = None,
        limits: AnswerLimits | None = None,
        base_iri: str | None = None,
    ) -> Answer:
        """Answer a SPARQL query, serialised in the media type asked for its kind of answer, within `limits`, over
        `dataset` (None: every graph, the default graph their merge), with relative IRIs resolved against
        `base_iri`."""

    def describe(self, iri: URIRef, media_type: str) -> bytes | None:
        """The resource's triples (and its objects' labels), or None where the store knows nothing of it."""

    def graph_names(self) -> list[URIRef]: ...

    def graph(self, name: URIRef) -> Graph: ...

    def graph_ntriples(self, name: URIRef) -> str:
        """The named graph as N-Triples text (to hand to another process)."""

    def export(self, output: IO[bytes], format: str) -> None: ...

    def close(self) -> None: ...
