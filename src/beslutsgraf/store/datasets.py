"""The dataset a SPARQL query is asked against, as SPARQL 1.1 defines it, whatever the engine does.

The protocol's `default-graph-uri`/`named-graph-uri` replace the query's `FROM`/`FROM NAMED` whole; either alone
leaves the other part empty (a query naming only named graphs has an empty default graph). Several default graphs
are their RDF merge, each triple once: engines (Oxigraph, embedded and as a server) give their union as a bag, so
that a triple two graphs hold is counted twice. Where a query asks for such a merge, it is made in memory, bounded,
and the query answered there.
"""

from __future__ import annotations

from dataclasses import dataclass

from rdflib import URIRef

from beslutsgraf.store.base import GraphStore, QueryRefused

ASKED_DEFAULT_GRAPH = "urn:x-beslutsgraf:asked-default-graph"
MAX_MERGED_TRIPLES = 5_000_000


@dataclass(frozen=True)
class QueryDataset:
    default: tuple[str, ...]  # the default graph is the merge of these (none: an empty default graph)
    named: tuple[str, ...]


def dataset_of(
    from_query: tuple[tuple[str, ...] | None, tuple[str, ...] | None], default_param: list[str], named_param: list[str]
) -> QueryDataset | None:
    """The dataset asked for: the protocol's, else the query's; None for the store's own (every graph)."""
    if default_param or named_param:
        return QueryDataset(tuple(default_param), tuple(named_param))
    default, named = from_query
    if default is None and named is None:
        return None
    return QueryDataset(default or (), named or ())


def merged(store: GraphStore, dataset: QueryDataset) -> tuple[GraphStore, QueryDataset]:
    """An in-memory store holding the merge of the dataset's default graphs (in ASKED_DEFAULT_GRAPH) and its named
    graphs, and the dataset to ask it with."""
    from beslutsgraf.store.oxigraph import OxigraphStore

    memory = OxigraphStore(None)
    held = set(store.graph_names())
    merge, size = [], 0
    for name in dict.fromkeys(dataset.default):
        if URIRef(name) in held:
            text = store.graph_ntriples(URIRef(name))
            size += text.count("\n")
            if size > MAX_MERGED_TRIPLES:
                raise QueryRefused(
                    f"the graphs named as the default graph hold more than {MAX_MERGED_TRIPLES:,} "
                    "triples together; name fewer, or ask without a dataset"
                )
            merge.append(text)
    memory.load_triples(URIRef(ASKED_DEFAULT_GRAPH), "".join(merge))
    for name in dict.fromkeys(dataset.named):
        if URIRef(name) in held:
            memory.load_triples(URIRef(name), store.graph_ntriples(URIRef(name)))
    return memory, QueryDataset((ASKED_DEFAULT_GRAPH,), dataset.named)
