"""Maintaining the store: removing what was read from a source, validating every graph again, rebuilding the search
index, and the validation report."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from rdflib import Graph, URIRef

from beslutsgraf.ingest.validate import ValidationReport, validate_graph
from beslutsgraf.ontology import Iris
from beslutsgraf.parallel import in_order
from beslutsgraf.queries import reads
from beslutsgraf.services.ingesting import deletions, path_digest
from beslutsgraf.store import GraphStore
from beslutsgraf.store.search import SearchIndex


@dataclass
class Removal:
    """What a source named on the command line stands for: the graphs read from it, or, where its name alone is
    given and more than one source bears it, the candidates to choose from (and nothing is removed)."""

    source: str
    graphs: list[URIRef]
    candidates: list[tuple[URIRef, str]] = field(default_factory=list)  # graph, the meeting it is of
    removed: bool = False  # False for all when any source was unknown or ambiguous

    @property
    def exact(self) -> bool:
        return bool(self.graphs) and not self.candidates


def remove_sources(
    sources: Iterable[str], store: GraphStore, iris: Iris, *, search: SearchIndex | None = None
) -> list[Removal]:
    """Take out what was read from each source, as a municipality that withdraws a protocol wants; what no other
    graph holds is reported gone by a tombstone. A source is a graph's IRI, a file (known by its bytes, or by the
    path it was read from), or a file name that only one source bears. Unless every source names what it removes
    exactly, nothing is removed: a name that fits several sources lists them instead."""
    known = set(source_graphs(store, iris))
    rows = [row for row in store.select(reads.SOURCES).rows if row["graph"] in known]
    removals = [_what_source_names(source, known, rows) for source in sources]
    if not all(removal.exact for removal in removals):
        return removals
    for removal in removals:
        first, *rest = removal.graphs
        store.replace_graph(first, Graph(), also_drop=rest, deletions=deletions(iris))
        if search is not None:
            search.replace_graph(first, Graph(), also_drop=tuple(rest))
        removal.removed = True
    store.publish()
    return removals


def _what_source_names(source: str, known: set[URIRef], rows: list[dict]) -> Removal:
    if URIRef(source) in known:
        return Removal(source, [URIRef(source)])
    path = Path(source)

    def graphs_where(key: str, value: str) -> list[URIRef]:
        return sorted({row["graph"] for row in rows if str(row[key]) == value})

    if path.is_file():
        with path.open("rb") as handle:
            by_bytes = graphs_where("sha256", hashlib.file_digest(handle, "sha256").hexdigest())
        if by_bytes:
            return Removal(source, by_bytes)
    if by_path := graphs_where("pathDigest", path_digest(path)):
        return Removal(source, by_path)
    by_name = graphs_where("fileName", path.name)
    if len(by_name) > 1:
        meetings = {row["graph"]: str(row["meeting"] or "") for row in rows}
        return Removal(source, [], [(graph, meetings[graph]) for graph in by_name])
    return Removal(source, by_name)


def source_graphs(store: GraphStore, iris: Iris) -> list[URIRef]:
    """The graphs read from source files: all but the vocabulary and the tombstones."""
    return [name for name in store.graph_names() if name not in (iris.vocabulary_graph(), iris.deletions_graph())]


def validate_store(
    store: GraphStore, iris: Iris, *, jobs: int = 1, fast: bool = True
) -> dict[URIRef, ValidationReport]:
    """Every graph but the vocabulary re-validated on its own (the tombstones have a shape too), in `jobs`
    processes: each graph is read here, one at a time, and handed over as N-Triples."""
    vocabulary = iris.vocabulary_graph()
    names = [name for name in store.graph_names() if name != vocabulary]
    texts = _Lazily(names, store.graph_ntriples)
    return dict(zip(names, in_order(partial(validate_graph, fast=fast), texts, jobs), strict=True))


class _Lazily:
    """`read(name)` for each name, made only when the consumer comes to it, so few graphs are held at once."""

    def __init__(self, names: list[URIRef], read: Callable[[URIRef], str]) -> None:
        self._names, self._read = names, read

    def __len__(self) -> int:
        return len(self._names)

    def __iter__(self) -> Iterator[str]:
        return (self._read(name) for name in self._names)


def reindex(store: GraphStore, search: SearchIndex, iris: Iris) -> int:
    """Rebuild the search index from the store, graph by graph; the number of graphs indexed."""
    names = source_graphs(store, iris)
    for name in names:
        search.replace_graph(name, store.graph(name))
    return len(names)


def validation_summary(store: GraphStore, iris: Iris) -> dict:
    """LBLOD-style: per class, how many nodes and how many break a rule; per rule, how often, with an example."""
    reports = validate_store(store, iris)
    failing: dict[str, set[str]] = {}
    rules: dict[str, dict] = {}
    for report in reports.values():
        for finding in report.findings:
            example = {"node": finding.focus, "message": finding.message, "quote": finding.quote, "page": finding.page}
            rule = rules.setdefault(
                finding.shape, {"rule": finding.shape, "severity": finding.severity, "count": 0, "example": example}
            )
            rule["count"] += 1
            failing.setdefault(finding.severity, set()).add(finding.focus)
    broken = failing.get("Violation", set())
    members: dict[str, set[str]] = {}
    for row in store.select(reads.TYPED_NODES).rows:
        members.setdefault(str(row["class"]), set()).add(str(row["node"]))
    classes = [
        {"class": cls, "nodes": len(nodes), "valid": len(nodes - broken)} for cls, nodes in sorted(members.items())
    ]
    return {
        "graphs": len(reports),
        "conforms": all(r.conforms for r in reports.values()),
        "classes": classes,
        "rules": sorted(rules.values(), key=lambda r: -r["count"]),
    }
