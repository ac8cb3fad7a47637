"""Records to RDF: the one place where the model meets the vocabulary.

One writer (`writer.GraphWriter`: the graph, provenance, registry entities, people, mentions) and one module an
aspect: the source and the meeting (`meeting`), a § and its decision (`paragraph`), what it refers to (`references`),
its basis documents (`documents`), its motions, votes and statements (`deliberation`).
"""

from __future__ import annotations

from rdflib import Graph, URIRef

from beslutsgraf.ingest.mapping.deliberation import vote_outcome, vote_subject
from beslutsgraf.ingest.mapping.meeting import meeting, municipality, source_and_run
from beslutsgraf.ingest.mapping.paragraph import paragraph
from beslutsgraf.ingest.mapping.writer import GraphWriter, IngestRun, short_name
from beslutsgraf.ingest.model import Protocol
from beslutsgraf.ingest.source import SourceText
from beslutsgraf.ontology import Iris
from beslutsgraf.ontology.registry import Registry


def to_graph(protocol: Protocol, source: SourceText, registry: Registry, iris: Iris, run: IngestRun) -> Graph:
    """The named graph of one source file."""
    writer = GraphWriter(protocol, source, registry, iris, run)
    source_and_run(writer)
    municipality(writer)
    held, body, citation = meeting(writer)
    for treated in protocol.paragraphs:
        paragraph(writer, treated, held, body, citation)
    return writer.graph


def graph_name(protocol: Protocol, iris: Iris) -> URIRef:
    numbers = [p.number for p in protocol.paragraphs]
    m = protocol.meeting
    if not numbers:  # a first page alone: the meeting's header, no §
        return iris.header_graph(m.kommun, m.body.key or "", m.day)
    return iris.graph(m.kommun, m.body.key or "", m.day, min(numbers), max(numbers))


__all__ = ["IngestRun", "graph_name", "short_name", "to_graph", "vote_outcome", "vote_subject"]
