"""The embedded store: Oxigraph (pyoxigraph) on disk, or in memory for tests."""

from __future__ import annotations

import io
import re
import threading
import time
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import IO, Any

import pyoxigraph as ox
from rdflib import Graph, URIRef
from rdflib.term import Node

from beslutsgraf.ontology import bind_prefixes
from beslutsgraf.store.base import (
    Answer,
    AnswerLimits,
    Deletions,
    NotWritable,
    QueryRefused,
    Solutions,
    StoreError,
    check_limits,
    ntriples,
)
from beslutsgraf.store.bindings import inline_bindings
from beslutsgraf.store.datasets import QueryDataset, merged
from beslutsgraf.store.snapshots import Held, Publisher, current_snapshot, hold_current
from beslutsgraf.store.sparql import DESCRIBE, replacement
from beslutsgraf.store.terms import prefixes, solutions, write_export


class OxigraphStore:
    """Opened for writing, the store itself, publishing a snapshot for readers after its writes
    (`store.snapshots`); opened read-only, the newest snapshot, which no one writes (or, for a store no writer of
    this version has published, the store as it is when opened)."""

    def __init__(self, path: Path | None, *, read_only: bool = False) -> None:
        self.path = path
        self.read_only = read_only
        self._publisher: Publisher | None = None
        self._held: Held | None = None
        try:
            if path is None:
                self._store = ox.Store()
            elif read_only:
                if not path.exists():
                    raise StoreError(f"no store at {path} (ingest something first)")
                self._held = hold_current(path)
                self._store = ox.Store.read_only(str(self._held.path if self._held else path))
            else:
                path.mkdir(parents=True, exist_ok=True)
                self._store = ox.Store(str(path))
                self._publisher = Publisher(path, self._store.backup)
            self._union = self._merged_default_graph()
            if self._publisher is not None:
                self._publisher.publish()  # what the store holds now, whatever a writer that died left unpublished
        except OSError as error:
            if self._held is not None:
                self._held.release()
            message = str(error).lower()
            if "lock" in message:
                raise StoreError(f"the store at {path} is in use by another process") from None
            raise StoreError(f"the store at {path} cannot be opened: {error.__class__.__name__}") from None

    @property
    def snapshot(self) -> Path | None:
        """The snapshot this read-only store reads, if it reads one."""
        return self._held.path if self._held else None

    def publish(self) -> None:
        if self._publisher is not None:
            self._publisher.publish()

    def _changed(self) -> None:
        if self._publisher is not None:
            self._publisher.changed()

    # ------------------------------------------------------------------ writing
    def replace_graph(
        self, name: URIRef, graph: Graph | str, *, also_drop: Iterable[URIRef] = (), deletions: Deletions | None = None
    ) -> None:
        also_drop = tuple(also_drop)
        triples = ntriples(name, graph)
        if not also_drop and self._fresh(name, triples, deletions):  # nothing to take away, no tombstone to clear
            self._bulk_load([(name, triples)])
            return
        try:
            self._store.update(replacement(name, triples, also_drop, deletions))
            # Not needed for durability (the write-ahead log is read on open, read-only too), but measured: without
            # it, replacing the Göteborg corpus twice took 26-28 s instead of 21-22 s (a growing memtable).
            self._store.flush()
        except (OSError, SyntaxError) as error:
            raise StoreError(f"writing graph <{name}> failed, nothing was changed: {_why(error)}") from None
        self._changed()

    def add_graphs(self, graphs: Sequence[tuple[URIRef, str]], *, deletions: Deletions | None = None) -> None:
        """One bulk load for all: each load has a fixed cost (its index files, their ingestion) that one protocol's
        graph does not repay — 1M triples of synthetic protocols bulk-loaded one graph a call spent 28 s in it."""
        if not all(self._fresh(n, t, deletions) for n, t in graphs) or len({n for n, _ in graphs}) < len(graphs):
            for name, triples in graphs:
                self.replace_graph(name, triples, deletions=deletions)
            return
        self._bulk_load(graphs)

    def _bulk_load(self, graphs: Sequence[tuple[URIRef, str]]) -> None:
        """Graphs new to the store, with their share of the default graph. Oxigraph writes every index to new files
        and hands them all to RocksDB in one ingestion at the end, which is atomic (a parse error, or a kill, before
        it leaves nothing; the tests check both). Measured on the Göteborg corpus, one graph a load: 3.6 s against
        7-8 s for transactional loads."""
        try:
            self._store.bulk_load("".join(_with_default_graph(t, n) for n, t in graphs), format=ox.RdfFormat.N_QUADS)
        except (OSError, SyntaxError) as error:
            names = ", ".join(f"<{name}>" for name, _ in graphs)
            raise StoreError(f"writing {names} failed, nothing was changed: {_why(error)}") from None
        self._changed()

    def optimize(self) -> None:
        """Compact what bulk loads left as many small files: at 1M triples it took 1.5 s, and then a § as Turtle
        took 0.56 ms instead of 0.74 ms (300 §§, two rounds each, interleaved)."""
        try:
            self._store.optimize()
        except OSError as error:
            raise StoreError(f"the store at {self.path} could not be optimized: {error}") from None
        self._changed()

    def _fresh(self, name: URIRef, triples: str, deletions: Deletions | None) -> bool:
        """Whether `name` is a graph the store does not hold, and none of its subjects has a tombstone to clear."""
        if self._store.contains_named_graph(ox.NamedNode(str(name))):
            return False
        if deletions is None:
            return True
        graveyard = ox.NamedNode(str(deletions.graph))
        buried = {
            q.subject.value
            for q in self._store.quads_for_pattern(None, None, None, graveyard)
            if isinstance(q.subject, ox.NamedNode)
        }
        if not buried:
            return True
        # After a removal the graveyard is seldom empty; only a graph that brings one of its subjects back needs
        # the update that clears the tombstone in the same transaction.
        return not any(line[1 : line.find(">")] in buried for line in triples.split("\n") if line.startswith("<"))

    # ------------------------------------------------------------------ reading
    def contains(self, name: URIRef, subject: URIRef) -> bool:
        quads = self._store.quads_for_pattern(ox.NamedNode(str(subject)), None, None, ox.NamedNode(str(name)))
        return next(iter(quads), None) is not None

    def has_graph(self, name: URIRef) -> bool:
        return self._store.contains_named_graph(ox.NamedNode(str(name)))

    def select(self, sparql: str, bindings: Mapping[str, Node] | None = None) -> Solutions:
        result = self._store.query(inline_bindings(sparql, bindings), use_default_graph_as_union=self._union)
        if not isinstance(result, ox.QuerySolutions):
            raise ValueError("only SELECT queries are answered here")
        return solutions(result)

    def sparql(
        self,
        query: str,
        results_type: str,
        graph_type: str,
        dataset: QueryDataset | None = None,
        limits: AnswerLimits | None = None,
        base_iri: str | None = None,
    ) -> Answer:
        if dataset is not None and len(dataset.default) > 1:
            memory, asked = merged(self, dataset)
            return memory.sparql(query, results_type, graph_type, asked, limits, base_iri)
        options: dict = {"use_default_graph_as_union": self._union and dataset is None, "base_iri": base_iri}
        if dataset is not None:
            options["default_graph"] = [_graph_iri(g) for g in dataset.default]
            options["named_graphs"] = [_graph_iri(g) for g in dataset.named]
        try:
            result = self._store.query(query, **options)
        except SyntaxError as error:
            raise QueryRefused(
                f"the query is not SPARQL 1.1 Query (updates are refused): {_first_line(error)}"
            ) from None
        except ValueError as error:
            raise QueryRefused(f"the query cannot be answered: {_first_line(error)}") from None
        output = _BoundedBuffer(limits or AnswerLimits())
        try:
            if isinstance(result, ox.QueryTriples):
                triples = _writable(result, graph_type)
                ox.serialize(
                    triples,
                    output,
                    format=ox.RdfFormat.from_media_type(graph_type),
                    prefixes=prefixes() if graph_type == "text/turtle" else None,
                )
                return Answer(output.getvalue(), graph_type, "graph")
            result.serialize(output, format=ox.QueryResultsFormat.from_media_type(results_type))
            return Answer(output.getvalue(), results_type, "results")
        except (QueryRefused, OSError) as error:  # the engine may wrap what the buffer raised
            cause = error if isinstance(error, QueryRefused) else error.__cause__ or error.__context__
            if not isinstance(cause, QueryRefused):
                raise
            refusal = type(cause)(str(cause))
        except RuntimeError as error:  # what the engine meets while answering (`SERVICE ?x` with ?x unbound)
            refusal = QueryRefused(f"the query cannot be answered: {_first_line(error)}")
        # The engine's result must be dropped in the thread that made it, not wherever the refusal is caught.
        del result
        raise refusal

    def describe(self, iri: URIRef, media_type: str) -> bytes | None:
        subject = ox.NamedNode(str(iri))
        if next(iter(self._store.quads_for_pattern(subject, None, None, None)), None) is None:
            return None
        triples = self._store.query(inline_bindings(DESCRIBE, {"s": iri}), use_default_graph_as_union=self._union)
        assert isinstance(triples, ox.QueryTriples)  # a DESCRIBE answers triples
        rdf_format = ox.RdfFormat.from_media_type(media_type)
        return ox.serialize(
            triples, format=rdf_format, prefixes=prefixes() if rdf_format == ox.RdfFormat.TURTLE else None
        )

    def graph_names(self) -> list[URIRef]:
        return sorted(URIRef(g.value) for g in self._store.named_graphs() if isinstance(g, ox.NamedNode))

    def load_triples(self, name: URIRef, triples: str) -> None:
        """N-Triples into the named graph `name`, as they are, blank nodes keeping their labels (so that one shared by
        two graphs of the store stays one node): for a store in memory that answers one question."""
        graph = ox.NamedNode(str(name))
        parsed = ox.parse(triples, format=ox.RdfFormat.N_TRIPLES)
        self._store.extend(ox.Quad(q.subject, q.predicate, q.object, graph) for q in parsed)

    def graph(self, name: URIRef) -> Graph:
        return bind_prefixes(Graph(identifier=name)).parse(data=self.graph_ntriples(name), format="nt")

    def graph_ntriples(self, name: URIRef) -> str:
        written = self._store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.NamedNode(str(name)))
        return written.decode("utf-8") if written is not None else ""

    def __len__(self) -> int:
        """The quads of the named graphs (the default graph is their merge, kept for queries)."""
        if self._union:
            return len(self._store)
        solutions = self._store.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
        assert isinstance(solutions, ox.QuerySolutions)  # a SELECT answers solutions
        (row,) = solutions
        return len(self._store) - int(row["n"].value)

    def _named_quads(self) -> Iterator[ox.Quad]:
        return (q for q in self._store if not isinstance(q.graph_name, ox.DefaultGraph))

    def _merged_default_graph(self) -> bool:
        """Whether queries must use the union of the named graphs (True) or the default graph (False).

        Oxigraph's union of named graphs is a bag: a triple in five graphs comes five times, and joins multiply
        (a question over a year of one municipality took 54 s instead of a fraction of one). So the store keeps
        the default graph as the merge of all named graphs, a set, updated in the same transaction as each
        graph. A store written before that gets its default graph here, when opened for writing; opened
        read-only, it is queried as before.
        """
        has_default = next(iter(self._store.quads_for_pattern(None, None, None, ox.DefaultGraph())), None)
        if has_default is not None or next(iter(self._store.named_graphs()), None) is None:
            return False
        if self.read_only:
            return True
        self._store.update("INSERT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }")
        self._store.flush()
        return False

    def export(self, output: IO[bytes], format: str) -> None:
        write_export(self._named_quads(), output, format)

    def close(self) -> None:
        if not self.read_only:
            self._store.flush()
        if self._publisher is not None:
            self._publisher.close()
            self._publisher = None
        del self._store
        if self._held is not None:
            self._held.release()


_RDF_XML = "application/rdf+xml"
_XML_LOCAL_NAME = re.compile(r"[A-Za-z_\u00C0-\uFFFF][\w.\-\u00B7\u00C0-\uFFFF]*$")


def _writable(triples: Iterable[ox.Triple], media_type: str) -> Iterable[ox.Triple]:
    """The triples, or NotWritable where RDF/XML cannot write one: it splits each predicate into a namespace and
    an XML name, and `<urn:1>` or `<http://a/p/>` end in none (Oxigraph then writes XML no parser reads)."""
    if media_type != _RDF_XML:
        return triples
    held = list(triples)
    for triple in held:
        if not _XML_LOCAL_NAME.search(triple.predicate.value):
            raise NotWritable(
                f"RDF/XML cannot write the predicate <{triple.predicate.value}>; ask for Turtle, N-Triples or JSON-LD"
            )
    return held


def _why(error: Exception) -> str:
    """The engine's reason, in words where it is one a user acts on."""
    if "No space left on device" in str(error):
        return "the disk that holds the store is full; free some space and ingest again"
    return str(error)


def _with_default_graph(triples: str, name: URIRef) -> str:
    """N-Triples as N-Quads: each triple in the graph `name`, and once more in the default graph."""
    graph = f" <{name}> .\n"
    # split at newlines only: a literal may hold a form feed or a line separator, which splitlines() breaks at
    return "".join(line[:-2] + graph + line + "\n" for line in triples.split("\n") if line.endswith(" ."))


class _BoundedBuffer(io.BytesIO):
    """Where an answer is written; it stops the writing once the answer outgrows its limits."""

    def __init__(self, limits: AnswerLimits) -> None:
        super().__init__()
        self._limits = limits

    def write(self, data: bytes) -> int:  # type: ignore[override]
        check_limits(self._limits, self.tell() + len(data))
        return super().write(data)


def _graph_iri(value: str) -> ox.NamedNode:
    try:
        return ox.NamedNode(value)
    except ValueError:
        raise QueryRefused(f"{value!r} is not an absolute IRI, so it cannot name a graph") from None


def _first_line(error: Exception) -> str:
    return str(error).splitlines()[0][:200] if str(error) else error.__class__.__name__


class FollowingStore:
    """A reader that lives long (the API): the newest snapshot, moved to as soon as a writer publishes another (looked
    for at most ten times a second, not at every call a request makes).

    A request keeps the store it began with; the one left behind is closed, and its snapshot let go, once the
    last request using it is done (when it is collected)."""

    _LOOK_EVERY = 0.1  # seconds

    def __init__(self, path: Path) -> None:
        self.path = path
        self.read_only = True
        self._lock = threading.Lock()
        self._current = OxigraphStore(path, read_only=True)
        self._looked = time.monotonic()

    def current(self) -> OxigraphStore:
        now = time.monotonic()
        if now - self._looked < self._LOOK_EVERY:
            return self._current
        self._looked = now
        newest = current_snapshot(self.path)
        if newest is not None and newest != self._current.snapshot:
            with self._lock:
                if newest != self._current.snapshot:
                    self._current = OxigraphStore(self.path, read_only=True)
        return self._current

    def __getattr__(self, name: str) -> Any:
        return getattr(self.current(), name)

    def __len__(self) -> int:
        return len(self.current())

    def close(self) -> None:
        self._current.close()
