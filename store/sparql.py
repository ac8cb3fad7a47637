"""The SPARQL the stores send, the same to the embedded engine and to a server: the description of one resource,
and the update that replaces a source's graph (with the default graph's share and the tombstones) in one
transaction."""

from __future__ import annotations

from rdflib import URIRef

from store import Deletions

# A resource: its own triples, its objects' labels, where it was read from (the span's quote, page and line),
# and what points to it.
DESCRIBE = """
CONSTRUCT { ?s ?p ?o . ?o <http://www.w3.org/2000/01/rdf-schema#label> ?label . ?in ?inp ?s . ?span ?sp ?so . }
WHERE {
  { ?s ?p ?o . OPTIONAL { ?o <http://www.w3.org/2000/01/rdf-schema#label> ?label } }
  UNION { ?in ?inp ?s . FILTER(?inp != <https://w3id.org/beslutsgraf/ns#extractedBy>) }
  UNION { ?s <http://www.w3.org/ns/prov#wasDerivedFrom> ?span . ?span ?sp ?so }
}
"""


_AS = "https://www.w3.org/ns/activitystreams#"


def replacement(name: URIRef, triples: str, also_drop: tuple[URIRef, ...], deletions: Deletions | None) -> str:
    """One update request, so one transaction: the old graph goes and the new one comes, or neither; and so do
    the tombstones of what went, and the default graph's share of both."""
    graphs = (name, *also_drop)
    olds = " ".join(f"<{g}>" for g in graphs)  # for VALUES, not a FILTER on ?old: only these graphs are read
    replaced = ", ".join(f"<{g}>" for g in graphs)
    drops = "".join(f"DROP SILENT GRAPH <{g}> ;\n" for g in graphs)
    update = (
        f"DELETE {{ ?s ?p ?o }} WHERE {{ VALUES ?old {{ {olds} }} GRAPH ?old {{ ?s ?p ?o }}\n"
        f"  FILTER NOT EXISTS {{ GRAPH ?other {{ ?s ?p ?o }} FILTER(?other NOT IN ({replaced})) }} }} ;\n"
        f"{drops}INSERT DATA {{ GRAPH <{name}> {{\n{triples}\n}} }} ;\nINSERT DATA {{\n{triples}\n}}"
    )
    if deletions is None:
        return update
    bury, revive = _tombstone_updates(name, olds, replaced, deletions)
    return f"{bury} ;\n{update} ;\n{revive}"


def _tombstone_updates(name: URIRef, olds: str, replaced: str, deletions: Deletions) -> tuple[str, str]:
    """Two updates around a replacement: before it, a tombstone for each listed subject of the graphs about to go
    (`olds`, `replaced`: their IRIs for VALUES and for IN) that no other graph types so; after it, no tombstone
    for what the new graph holds again."""
    classes = " ".join(f"<{c}>" for c in deletions.classes)
    bury = f"""
INSERT {{ GRAPH <{deletions.graph}> {{ ?item a <{_AS}Tombstone> ; <{_AS}formerType> ?type ; <{_AS}deleted> ?now }}
          ?item a <{_AS}Tombstone> ; <{_AS}formerType> ?type ; <{_AS}deleted> ?now }}
WHERE {{
  VALUES ?old {{ {olds} }}
  VALUES ?type {{ {classes} }}
  GRAPH ?old {{ ?item a ?type }}
  FILTER NOT EXISTS {{ GRAPH ?other {{ ?item a ?type }} FILTER(?other NOT IN ({replaced}, <{deletions.graph}>)) }}
  FILTER NOT EXISTS {{ GRAPH <{deletions.graph}> {{ ?item <{_AS}formerType> ?type }} }}
  BIND(NOW() AS ?now)
}}"""
    revive = f"""
DELETE {{ GRAPH <{deletions.graph}> {{ ?item ?p ?o }} ?item ?p ?o }}
WHERE {{ GRAPH <{name}> {{ ?item a ?type }} GRAPH <{deletions.graph}> {{ ?item ?p ?o }} }}"""
    return bury, revive
