"""One interface over the graph store: every source file is one named graph, replaced atomically.

The embedded default is Oxigraph on disk (`store.oxigraph`). Terms cross this interface as rdflib terms,
so callers never depend on the engine behind it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, Protocol

from rdflib import Graph, URIRef
from rdflib.term import Node

EXPORT_FORMATS = ("nquads", "trig", "turtle", "ntriples", "jsonld")


class StoreError(RuntimeError):
    """The store cannot be opened or written, said in words (never a raw engine error)."""


@dataclass(frozen=True)
class Solutions:
    variables: list[str]
    rows: list[dict[str, Node | None]]


class GraphStore(Protocol):
    def replace_graph(self, name: URIRef, graph: Graph, *, also_drop: Iterable[URIRef] = ()) -> None:
        """Put `graph` in place of the named graph `name` (and remove `also_drop`) in one transaction."""

    def contains(self, name: URIRef, subject: URIRef) -> bool:
        """Whether the named graph holds any triple about `subject`."""

    def select(self, sparql: str, bindings: dict[str, Node] | None = None) -> Solutions:
        """A SELECT over the union of all graphs, with variables bound to terms."""

    def graph_names(self) -> list[URIRef]: ...

    def graph(self, name: URIRef) -> Graph: ...

    def export(self, output: BinaryIO, format: str) -> None: ...

    def close(self) -> None: ...


def open_store(path: Path, *, read_only: bool = False) -> GraphStore:
    from store.oxigraph import OxigraphStore

    return OxigraphStore(path, read_only=read_only)
