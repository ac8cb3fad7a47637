"""A file to a validated named graph: read, parse, resolve, map, validate. Nothing is stored here."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from rdflib import Graph, URIRef

from beslutsgraf.ingest import PARSER_VERSION
from beslutsgraf.ingest.errors import IngestError
from beslutsgraf.ingest.mapping import IngestRun, graph_name, to_graph
from beslutsgraf.ingest.model import Protocol, Resolution
from beslutsgraf.ingest.protocol import parse_protocol
from beslutsgraf.ingest.resolve import Resolver
from beslutsgraf.ingest.source import SourceMetadata, SourceText, read_metadata, read_source
from beslutsgraf.ingest.validate import ValidationReport, validate_graph
from beslutsgraf.ontology import Iris

MAX_TRIPLES = 200_000  # 20 times Göteborg's largest protocol; validation needs about 12 kB a triple at its worst


@dataclass
class ParsedSource:
    source: SourceText
    protocol: Protocol
    graph_name: URIRef
    run_iri: URIRef

    @property
    def unresolved(self) -> list[Resolution]:
        return self.protocol.unresolved


@dataclass
class BuiltGraph:
    parsed: ParsedSource
    graph: Graph
    ntriples: str  # the graph as written to the store and read by the fast validator
    report: ValidationReport


class ValidationFailed(IngestError):
    def __init__(self, path: Path, report: ValidationReport) -> None:
        self.report = report
        count = len(report.violations)
        super().__init__(path, f"the extracted graph breaks {count} SHACL rule{'s' * (count != 1)}; nothing was loaded")


def parse_source(path: Path, options: SourceMetadata, resolver: Resolver, iris: Iris) -> ParsedSource:
    """Read and parse one file; options win over a metadata file beside it."""
    source = read_source(path)
    metadata = options.merged_over(read_metadata(path))
    protocol = parse_protocol(source, metadata, resolver)
    return ParsedSource(source, protocol, graph_name(protocol, iris), iris.ingest_run(source.sha256, PARSER_VERSION))


def build_graph(
    parsed: ParsedSource,
    resolver: Resolver,
    iris: Iris,
    started: datetime,
    *,
    fast_validation: bool = True,
    path_digest: str | None = None,
) -> BuiltGraph:
    """The named graph of a parsed file, validated; a violation raises ValidationFailed."""
    run = IngestRun(PARSER_VERSION, started, path_digest)
    graph = to_graph(parsed.protocol, parsed.source, resolver.registry, iris, run)
    if len(graph) > MAX_TRIPLES:
        raise IngestError(
            parsed.source.path,
            f"gives {len(graph):,} triples, more than the {MAX_TRIPLES:,} a file is "
            "validated with (in memory, some kB a triple); split it",
        )
    try:
        text = graph.serialize(format="nt", encoding="utf-8").decode("utf-8")
    except Exception as error:  # rdflib raises a bare Exception for a term it cannot write
        raise IngestError(parsed.source.path, f"the graph cannot be written as N-Triples: {error}") from None
    report = validate_graph(graph, fast=fast_validation, ntriples=text)
    if not report.conforms:
        raise ValidationFailed(parsed.source.path, report)
    return BuiltGraph(parsed, graph, text, report)
