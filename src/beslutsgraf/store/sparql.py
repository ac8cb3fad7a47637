"""The SPARQL the stores send, the same to the embedded engine and to a server: the description of one resource,
and the update that replaces a source's graph (with the default graph's share and the tombstones) in one
transaction."""

from __future__ import annotations

from rdflib import URIRef
from rdflib.namespace import PROV, RDFS

from beslutsgraf.ontology import AS, BG, not_the_merge
from beslutsgraf.store.base import Deletions

# A resource: its own triples, its objects' labels, where it was read from (the span's quote, page and line),
# and what points to it.
DESCRIBE = f"""
CONSTRUCT {{ ?s ?p ?o . ?o <{RDFS.label}> ?label . ?in ?inp ?s . ?span ?sp ?so . }}
WHERE {{
  {{ ?s ?p ?o . OPTIONAL {{ ?o <{RDFS.label}> ?label }} }}
  UNION {{ ?in ?inp ?s . FILTER(?inp != <{BG.extractedBy}>) }}
  UNION {{ ?s <{PROV.wasDerivedFrom}> ?span . ?span ?sp ?so }}
}}
"""


def replacement(
    name: URIRef, triples: str, also_drop: tuple[URIRef, ...], deletions: Deletions | None, merged: URIRef | None = None
) -> str:
    """One update request, so one transaction: the old graph goes and the new one comes, or neither; and so do
    the tombstones of what went, and the default graph's share of both (kept in the graph `merged` where the
    server's default graph cannot be written)."""
    graphs = (name, *also_drop)
    olds = " ".join(f"<{g}>" for g in graphs)  # for VALUES, not a FILTER on ?old: only these graphs are read
    replaced = ", ".join(f"<{g}>" for g in graphs)
    operations = [
        f"DELETE {{ {_merge('?s ?p ?o', merged)} }} WHERE {{ VALUES ?old {{ {olds} }} GRAPH ?old {{ ?s ?p ?o }}\n"
        f"  FILTER NOT EXISTS {{ GRAPH ?other {{ ?s ?p ?o }} FILTER(?other NOT IN ({replaced})) "
        f"{not_the_merge('other')} }} }}",
        *(f"DROP SILENT GRAPH <{g}>" for g in graphs),
    ]
    for block in _blocks(triples):  # none for a graph emptied (a removal): some servers refuse an empty block
        operations += [
            f"INSERT DATA {{ GRAPH <{name}> {{\n{block}\n}} }}",
            f"INSERT DATA {{ {_merge(block, merged)} }}",
        ]
    if deletions is not None:
        bury, revive = _tombstone_updates(name, olds, replaced, deletions, merged)
        operations = [bury, *operations, revive]
    return " ;\n".join(operations)


# Triples a block of INSERT DATA: Virtuoso's parser runs out of stack near 5,000 in one block (one request with
# 60,000 triples in blocks of 2,000 went through); the blocks are operations of the same request, so one transaction.
BLOCK_TRIPLES = 1000


def _blocks(triples: str) -> list[str]:
    lines = [line for line in triples.split("\n") if line.strip()]  # N-Triples: one a line, newlines escaped
    return ["\n".join(lines[i : i + BLOCK_TRIPLES]) for i in range(0, len(lines), BLOCK_TRIPLES)]


def _merge(triples: str, merged: URIRef | None) -> str:
    """Triples (or a template) in the default graph's share: the default graph, or the graph kept as it."""
    return f"GRAPH <{merged}> {{\n{triples}\n}}" if merged else f"\n{triples}\n"


def _tombstone_updates(
    name: URIRef, olds: str, replaced: str, deletions: Deletions, merged: URIRef | None
) -> tuple[str, str]:
    """Two updates around a replacement: before it, a tombstone for each listed subject of the graphs about to go
    (`olds`, `replaced`: their IRIs for VALUES and for IN) that no other graph types so; after it, no tombstone
    for what the new graph holds again."""
    classes = " ".join(f"<{c}>" for c in deletions.classes)
    tombstone = f"?item a <{AS.Tombstone}> ; <{AS.formerType}> ?type ; <{AS.deleted}> ?now"
    bury = f"""
INSERT {{ GRAPH <{deletions.graph}> {{ {tombstone} }} {_merge(tombstone, merged)} }}
WHERE {{
  VALUES ?old {{ {olds} }}
  VALUES ?type {{ {classes} }}
  GRAPH ?old {{ ?item a ?type }}
  FILTER NOT EXISTS {{ GRAPH ?other {{ ?item a ?type }} FILTER(?other NOT IN ({replaced}, <{deletions.graph}>))
                       {not_the_merge("other")} }}
  FILTER NOT EXISTS {{ GRAPH <{deletions.graph}> {{ ?item <{AS.formerType}> ?type }} }}
  BIND(NOW() AS ?now)
}}"""
    revive = f"""
DELETE {{ GRAPH <{deletions.graph}> {{ ?item ?p ?o }} {_merge("?item ?p ?o", merged)} }}
WHERE {{ GRAPH <{name}> {{ ?item a ?type }} GRAPH <{deletions.graph}> {{ ?item ?p ?o }} }}"""
    return bury, revive
