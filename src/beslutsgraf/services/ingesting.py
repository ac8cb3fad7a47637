"""Ingesting: each file parsed, validated and loaded as one atomic graph replacement, in the search index too."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Literal

from rdflib import URIRef

from beslutsgraf.ingest.errors import IngestError
from beslutsgraf.ingest.model import Resolution
from beslutsgraf.ingest.pipeline import ValidationFailed, build_graph, parse_source
from beslutsgraf.ingest.resolve import Resolver
from beslutsgraf.ingest.source import SourceMetadata
from beslutsgraf.ingest.validate import Finding
from beslutsgraf.ontology import TOMBSTONED_CLASSES, Iris, vocabulary_graph
from beslutsgraf.parallel import in_order
from beslutsgraf.queries import reads
from beslutsgraf.store import Deletions, GraphStore, StoreError
from beslutsgraf.store.search import Entry, SearchIndex
from beslutsgraf.store.search import entries as search_entries

Status = Literal["loaded", "replaced", "unchanged", "failed"]

Overlap = tuple[URIRef, str, list[int]]  # a graph, the name of the file it was read from, the §§ it shares


@dataclass
class FileOutcome:
    path: Path
    status: Status
    graph: URIRef | None = None
    error: str | None = None
    detail: str | None = None  # an IngestError's place and reason, without the file's path
    triples: int = 0
    paragraphs: int = 0
    unresolved: list[Resolution] = field(default_factory=list)
    warnings: list[Finding] = field(default_factory=list)
    violations: list[Finding] = field(default_factory=list)
    replaced: list[URIRef] = field(default_factory=list)  # other graphs this file's graph took the place of
    checks: list[str] = field(default_factory=list)
    # graphs of the same meeting, read from other sources, that hold some of the same §§: kept, and said
    overlaps: list[Overlap] = field(default_factory=list)
    superseded_by: Path | None = None  # a later file of the same run whose graph took this one's place


def ensure_vocabulary(store: GraphStore, iris: Iris) -> None:
    """The vocabulary (concept labels, class hierarchy) lives in the store as a graph of its own."""
    name = iris.vocabulary_graph()
    vocabulary = vocabulary_graph()
    if set(store.graph(name)) != set(vocabulary):
        store.replace_graph(name, vocabulary)


@dataclass
class Prepared:
    """A file read, parsed, mapped and validated, ready for the one writer: its graph as N-Triples and its search
    entries, both written by the worker that made them, so that the writer handles text only. `triples` is None
    when there is nothing to write (unchanged, or failed: `outcome` says which)."""

    outcome: FileOutcome
    triples: str | None = None
    entries: list[Entry] = field(default_factory=list)
    meeting: URIRef | None = None
    paragraphs: frozenset[URIRef] = frozenset()
    path_digest: str | None = None


@dataclass(frozen=True)
class Preparation:
    """What preparing a file needs; picklable, so that worker processes get it once."""

    resolver: Resolver
    iris: Iris
    options: SourceMetadata
    known_runs: frozenset[tuple[URIRef, URIRef]]  # (graph, ingest run) already in the store
    force: bool = False
    fast_validation: bool = True
    # A file given by its path is the same source as one read from that path before; an upload has no path.
    by_path: bool = True

    def __call__(self, path: Path) -> Prepared:
        try:
            parsed = parse_source(path, self.options, self.resolver, self.iris)
            outcome = FileOutcome(
                path,
                "loaded",
                parsed.graph_name,
                paragraphs=len(parsed.protocol.paragraphs),
                unresolved=parsed.unresolved,
                checks=parsed.protocol.checks,
            )
            if not self.force and (parsed.graph_name, parsed.run_iri) in self.known_runs:
                outcome.status = "unchanged"
                return Prepared(outcome)
            digest = path_digest(path) if self.by_path else None
            built = build_graph(
                parsed,
                self.resolver,
                self.iris,
                datetime.now(UTC),
                fast_validation=self.fast_validation,
                path_digest=digest,
            )
            meeting = parsed.protocol.meeting
            organ = meeting.body.key or ""
            outcome.triples = len(built.graph)
            outcome.warnings = built.report.warnings
            paragraphs = frozenset(
                self.iris.paragraph(meeting.kommun, organ, meeting.day, p.number) for p in parsed.protocol.paragraphs
            )
            return Prepared(
                outcome,
                built.ntriples,
                search_entries(built.graph),
                self.iris.meeting(meeting.kommun, organ, meeting.day),
                paragraphs,
                digest,
            )
        except ValidationFailed as failure:
            return Prepared(
                FileOutcome(
                    path, "failed", error=str(failure), detail=failure.detail, violations=failure.report.violations
                )
            )
        except IngestError as error:
            return Prepared(FileOutcome(path, "failed", error=str(error), detail=error.detail))
        except StoreError as error:
            return Prepared(FileOutcome(path, "failed", error=str(error)))


def _died_reading(path: Path) -> Prepared:
    reason = (
        "the process reading it died (most likely it needed more memory than there was); nothing of it was "
        "loaded, the other files were"
    )
    return Prepared(FileOutcome(path, "failed", error=str(IngestError(path, reason)), detail=reason))


def commit(prepared: Prepared, store: GraphStore, iris: Iris, search: SearchIndex | None = None) -> FileOutcome:
    """Write a prepared graph in place of its earlier version (and of the file's graphs under other names)."""
    outcome = prepared.outcome
    if prepared.triples is None or outcome.graph is None or prepared.meeting is None:
        return outcome
    name = outcome.graph
    try:
        stale, outcome.overlaps = _earlier_versions(prepared, store)
        existed = store.has_graph(name)
        store.replace_graph(name, prepared.triples, also_drop=stale, deletions=deletions(iris))
    except StoreError as error:
        return FileOutcome(outcome.path, "failed", error=str(error))
    if search is not None:  # kept in step with the store, one named graph at a time
        search.replace_graph(name, prepared.entries, also_drop=tuple(stale))
    outcome.status = "replaced" if existed or stale else "loaded"
    outcome.replaced = stale
    return outcome


def deletions(iris: Iris) -> Deletions:
    return Deletions(iris.deletions_graph(), TOMBSTONED_CLASSES)


def path_digest(path: Path) -> str:
    """A file's place, named without being published: the sha256 of its absolute path."""
    return hashlib.sha256(str(path.resolve()).encode("utf-8")).hexdigest()


def _earlier_versions(prepared: Prepared, store: GraphStore) -> tuple[list[URIRef], list[Overlap]]:
    """The graphs of the same meeting this file's graph takes the place of, and those it overlaps but leaves.

    An earlier version is a graph read from the same path (its §§ may have changed, and so its graph's name), or
    from a file of the same name whose §§ are all in this one, so that nothing it said is lost. A source is never
    known by its name alone: extracts of one meeting are often all called protokollsutdrag.pdf."""
    path, name = prepared.outcome.path, prepared.outcome.graph
    graphs: dict[URIRef, tuple[str, str | None, set[URIRef]]] = {}
    if prepared.meeting is None:
        return [], []
    for row in store.select(reads.GRAPHS_OF_MEETING, {"meeting": prepared.meeting}).rows:
        graph = row["graph"]
        if not isinstance(graph, URIRef) or graph == name:
            continue
        file_name, digest, paragraphs = graphs.setdefault(graph, (str(row["fileName"]), None, set()))
        if row["pathDigest"] is not None:
            graphs[graph] = (file_name, str(row["pathDigest"]), paragraphs)
        if isinstance(row["paragraph"], URIRef):
            paragraphs.add(row["paragraph"])
    stale, overlaps = [], []
    for graph, (file_name, digest, paragraphs) in sorted(graphs.items()):
        same_path = digest is not None and digest == prepared.path_digest
        if same_path or (file_name == path.name and paragraphs <= prepared.paragraphs):
            stale.append(graph)
        elif shared := paragraphs & prepared.paragraphs:
            overlaps.append((graph, file_name, sorted(int(p.rsplit("/", 1)[1]) for p in shared)))
    return stale, overlaps


class _NewGraphs:
    """Prepared files whose graphs are new to the store, written together (`GraphStore.add_graphs`) once there are
    enough of them, or before anything else is written: one bulk load has a fixed cost a protocol does not repay."""

    most_graphs, most_triples = 32, 200_000

    def __init__(self, store: GraphStore, iris: Iris, search: SearchIndex | None) -> None:
        self.store, self.iris, self.search = store, iris, search
        self.waiting: list[Prepared] = []
        self.written = 0

    def take(self, prepared: Prepared) -> bool:
        """Whether the file waits here: its graph is new, and nothing waiting shares its name or its file's name."""
        outcome = prepared.outcome
        if prepared.triples is None or outcome.graph is None or prepared.meeting is None:
            return False
        if any(w.outcome.graph == outcome.graph or w.meeting == prepared.meeting for w in self.waiting):
            return False
        try:
            if self.store.has_graph(outcome.graph) or any(_earlier_versions(prepared, self.store)):
                return False
        except StoreError:
            return False  # written on its own, where the error is reported for the file
        self.waiting.append(prepared)
        return True

    def full(self) -> bool:
        triples = sum(w.outcome.triples for w in self.waiting)
        return len(self.waiting) >= self.most_graphs or triples >= self.most_triples

    def write(self) -> list[FileOutcome]:
        waiting, self.waiting = self.waiting, []
        if not waiting:
            return []
        try:
            self.store.add_graphs(
                [(w.outcome.graph, w.triples) for w in waiting],  # type: ignore[misc]
                deletions=deletions(self.iris),
            )
        except StoreError:  # each again on its own, so that the error is the file's that caused it
            return [commit(w, self.store, self.iris, self.search) for w in waiting]
        for w in waiting:
            if self.search is not None:
                self.search.replace_graph(w.outcome.graph, w.entries)  # type: ignore[arg-type]
            w.outcome.status = "loaded"
        self.written += len(waiting)
        return [w.outcome for w in waiting]


def ingest_files(
    paths: Iterable[Path],
    store: GraphStore,
    resolver: Resolver,
    iris: Iris,
    options: SourceMetadata,
    *,
    force: bool = False,
    on_done: Callable[[FileOutcome], None] | None = None,
    search: SearchIndex | None = None,
    jobs: int = 1,
    fast_validation: bool = True,
    by_path: bool = True,
) -> list[FileOutcome]:
    """Prepare the files in `jobs` processes and write them, in the order given, from this one. `by_path`: the
    files are where they were found, so a file read from the same path before is an earlier version of it."""
    ensure_vocabulary(store, iris)
    known = frozenset(
        (row["graph"], row["run"]) for row in store.select(reads.INGEST_RUNS).rows if isinstance(row["graph"], URIRef)
    )
    prepare = Preparation(resolver, iris, options, known, force, fast_validation, by_path)  # type: ignore[arg-type]
    outcomes: list[FileOutcome] = []
    new_graphs = _NewGraphs(store, iris, search)

    def done(written: list[FileOutcome]) -> None:
        outcomes.extend(written)
        for outcome in written if on_done else ():
            on_done(outcome)  # type: ignore[misc]

    # The workers keep preparing while the writer loads a batch: as many files ahead as a batch holds.
    ahead = max(2, _NewGraphs.most_graphs // max(1, jobs))
    for prepared in in_order(prepare, list(paths), jobs, ahead=ahead, on_death=_died_reading):
        if new_graphs.take(prepared):
            if new_graphs.full():
                done(new_graphs.write())
            continue
        done(new_graphs.write())  # first what waits: outcomes stay in the order of the files
        done([commit(prepared, store, iris, search)])
    done(new_graphs.write())
    _mark_superseded(outcomes)
    if new_graphs.written > new_graphs.most_graphs:  # more than one batch: the store's files are worth compacting
        store.optimize()
    store.publish()
    return outcomes


def _mark_superseded(outcomes: list[FileOutcome]) -> None:
    """A file whose graph a later file of the same run replaced is no longer in the store: say which took it."""
    for i, earlier in enumerate(outcomes):
        if earlier.status not in ("loaded", "replaced"):
            continue
        for later in outcomes[i + 1 :]:
            if later.status in ("loaded", "replaced") and earlier.graph in (later.graph, *later.replaced):
                earlier.superseded_by = later.path
                break


def ingest_upload(
    store: GraphStore, resolver: Resolver, iris: Iris, path: Path, options: dict, search: SearchIndex | None = None
) -> dict:
    """One uploaded file, with the same validation and atomic load as the command line; plain data back."""
    metadata = SourceMetadata(**{k: v for k, v in options.items() if v})
    outcome = ingest_files([path], store, resolver, iris, metadata, search=search, by_path=False)[0]
    return {
        "file": outcome.path.name,
        "status": outcome.status,
        "graph": str(outcome.graph) if outcome.graph else None,
        "paragraphs": outcome.paragraphs,
        "triples": outcome.triples,
        "error": f"{path.name}: {outcome.detail}" if outcome.detail else outcome.error,
        "replaced": [str(graph) for graph in outcome.replaced],
        "overlaps": [{"graph": str(g), "file": name, "paragraphs": numbers} for g, name, numbers in outcome.overlaps],
        "violations": [f.describe() for f in outcome.violations],
        "unresolved": [m.mention for m in outcome.unresolved],
        "checks": outcome.checks,
    }
