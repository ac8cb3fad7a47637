"""How a reader knows the store has changed under it: the store's fingerprint.

The fingerprint is the store's ingest runs (one a graph: how many, the latest, and the sum of their times'
seconds) and its tombstones (how many, the latest): any ingest, re-ingest or removal changes it, by this process or
by any other writer of a shared store. The times are written to the microsecond, so two changes in one second are
two fingerprints; the sum catches a replacement prepared before the latest run another writer wrote. Asking for
it reads one small triple a graph, so what costs a scan of the store (a listing's order, a question over the whole
store) can be kept until it changes.
"""

from __future__ import annotations

from rdflib import URIRef

from beslutsgraf.store import GraphStore, not_the_merge

INGEST_RUN = "https://w3id.org/beslutsgraf/ns#IngestRun"
STARTED = "http://www.w3.org/ns/prov#startedAtTime"
_DELETED = "https://www.w3.org/ns/activitystreams#deleted"
_FINGERPRINT = f"""
SELECT ?runs ?latest ?seconds ?removed ?lastRemoved WHERE {{
  {{ SELECT (COUNT(?run) AS ?runs) (MAX(?started) AS ?latest) (SUM(SECONDS(?started)) AS ?seconds) WHERE {{
      GRAPH ?g {{ ?run a <{INGEST_RUN}> ; <{STARTED}> ?started }} {not_the_merge("g")} }} }}
  {{ SELECT (COUNT(?gone) AS ?removed) (MAX(?when) AS ?lastRemoved) WHERE {{
      OPTIONAL {{ GRAPH ?graph {{ ?gone <{_DELETED}> ?when }} }} }} }}
}}"""


def fingerprint(store: GraphStore, deletions: URIRef) -> tuple:
    rows = store.select(_FINGERPRINT, {"graph": deletions}).rows
    return tuple(rows[0].values()) if rows else ()
