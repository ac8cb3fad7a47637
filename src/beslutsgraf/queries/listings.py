"""The listings' reads: which items a listing holds (by body, date range, kind, or changed since), their labels and
last changes, and what was removed since. The classes and properties are constants of the vocabulary
(`ontology.LISTINGS`); every value a caller gives is bound, never written in."""

from __future__ import annotations

from rdflib.namespace import PROV, RDFS, SKOS

from beslutsgraf.ontology import AS, BG, Listing, not_the_merge


def selection(listing: Listing, filtered: set[str]) -> str:
    """Which items are listed, filtered by the bound variables named in `filtered` (since, body, kind, from/to)."""
    parts = []
    if "since" in filtered:  # the graphs ingested since first: few, when a harvester keeps in step
        since = f"GRAPH ?g {{ ?run a <{BG.IngestRun}> ; <{PROV.startedAtTime}> ?modified }} FILTER(?modified >= ?since)"
        parts.append(f"{since} {not_the_merge('g')} GRAPH ?g {{ ?item a <{listing.cls}> }}")
    else:
        parts.append(f"?item a <{listing.cls}> .")
    if "body" in filtered:
        parts.append(f"?item <{listing.body}> ?body .")
    if "kind" in filtered:
        parts.append(f"?item <{listing.kind}>/<{SKOS.notation}> ?kind .")
    if "from" in filtered:
        parts.append(f"?item <{listing.date}> ?inRange . FILTER(?inRange >= ?from && ?inRange <= ?to)")
    return "\n  ".join(parts)


def order_query(listing: Listing, filtered: set[str]) -> str:
    """Every listed item with its dates; ordered by the caller, not by the engine, which sorted 4,606 IRIs in
    350 ms."""
    date_part = f"OPTIONAL {{ ?item <{listing.date}> ?date }}" if listing.date else ""
    return f"SELECT ?item ?date WHERE {{\n  {selection(listing, filtered)}\n  {date_part}\n}}"


def labels_query(values: str) -> str:
    """The label of each item of `values` (a `VALUES ?item` block)."""
    return f"""
SELECT ?item (SAMPLE(?name) AS ?label) WHERE {{
  {values}
  OPTIONAL {{ ?item <{RDFS.label}> ?name }}
}}
GROUP BY ?item
"""


def modified_query(listing: Listing, values: str) -> str:
    """When each item of `values` was last written: the latest ingest of a graph that holds it."""
    return f"""
SELECT ?item (MAX(?modified) AS ?lastModified) WHERE {{
  {values}
  GRAPH ?g {{ ?item a <{listing.cls}> . ?run a <{BG.IngestRun}> ; <{PROV.startedAtTime}> ?modified }}
  {not_the_merge("g")}
}}
GROUP BY ?item
"""


# What was removed since (?since), of a class (?cls), from the tombstones' graph (?graph): a harvester deletes these.
_REMOVED_WHERE = f"""
  GRAPH ?graph {{ ?item a <{AS.Tombstone}> ; <{AS.formerType}> ?cls ; <{AS.deleted}> ?deleted }}
  FILTER(?deleted >= ?since)"""
REMOVED_COUNT = f"SELECT (COUNT(DISTINCT ?item) AS ?n) WHERE {{{_REMOVED_WHERE}\n}}"


def removed_page(limit: int, offset: int) -> str:
    return f"""
SELECT ?item (MAX(?deleted) AS ?when) WHERE {{{_REMOVED_WHERE}
}}
GROUP BY ?item
ORDER BY ?when ?item
LIMIT {limit} OFFSET {offset}
"""
