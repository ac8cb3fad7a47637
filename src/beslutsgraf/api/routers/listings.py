"""Listings for harvesters: bodies, meetings, decisions, cases, documents, people — paged JSON-LD (Hydra) with a
stable order, a page-size cap and `modified_since` (OParl's model of staying in sync: with it, what was removed
since is listed too, as an ActivityStreams tombstone)."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Annotated
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import JSONResponse
from rdflib import Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, RDFS, SKOS, XSD
from rdflib.term import Node

from beslutsgraf.api.dependencies import Day, get_base, get_services
from beslutsgraf.api.responses import documented
from beslutsgraf.ontology import AS, BG, LISTINGS, Iris, Listing, not_the_merge
from beslutsgraf.services import Services
from beslutsgraf.store import GraphStore, as_int
from beslutsgraf.store.bindings import values_block

router = APIRouter(tags=["Listings"])
MAX_PAGE_SIZE = 100


CONTEXT = {
    "hydra": "http://www.w3.org/ns/hydra/core#",
    "rdfs": str(RDFS),
    "member": "hydra:member",
    "totalItems": "hydra:totalItems",
    "view": "hydra:view",
    "first": {"@id": "hydra:first", "@type": "@id"},
    "previous": {"@id": "hydra:previous", "@type": "@id"},
    "next": {"@id": "hydra:next", "@type": "@id"},
    "last": {"@id": "hydra:last", "@type": "@id"},
    "label": "rdfs:label",
    "date": str(DCTERMS.date),
    "modified": str(DCTERMS.modified),
    "as": str(AS),
    "formerType": {"@id": "as:formerType", "@type": "@id"},
    "deleted": {"@id": "as:deleted", "@type": str(XSD.dateTime)},
}


def _selection(listing: Listing, filtered: set[str]) -> str:
    """Which items are listed; the classes and properties are constants, every value a caller gives is bound."""
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


def _order_query(listing: Listing, filtered: set[str]) -> str:
    """Every listed item with its dates; ordered here, not by the engine, which sorted 4,606 IRIs in 350 ms."""
    date_part = f"OPTIONAL {{ ?item <{listing.date}> ?date }}" if listing.date else ""
    return f"SELECT ?item ?date WHERE {{\n  {_selection(listing, filtered)}\n  {date_part}\n}}"


def _labels_query(items: list[URIRef]) -> str:
    return f"""
SELECT ?item (SAMPLE(?name) AS ?label) WHERE {{
  {values_block("item", items)}
  OPTIONAL {{ ?item <{RDFS.label}> ?name }}
}}
GROUP BY ?item
"""


def _modified_query(listing: Listing, items: list[URIRef]) -> str:
    """When each item of a page was last written: the latest ingest of a graph that holds it."""
    return f"""
SELECT ?item (MAX(?modified) AS ?lastModified) WHERE {{
  {values_block("item", items)}
  GRAPH ?g {{ ?item a <{listing.cls}> . ?run a <{BG.IngestRun}> ; <{PROV.startedAtTime}> ?modified }}
  {not_the_merge("g")}
}}
GROUP BY ?item
"""


def _ordered(store: GraphStore, query: str, bindings: dict) -> list[tuple[str, URIRef]]:
    """The listed items by first date (none first), then IRI."""
    first: dict[URIRef, str] = {}
    for row in store.select(query, bindings).rows:
        day = str(row["date"]) if row.get("date") is not None else ""
        item = row["item"]
        if not isinstance(item, URIRef):
            continue
        first[item] = min(first[item], day) if item in first else day
    return sorted(((day, item) for item, day in first.items()), key=lambda pair: (pair[0], str(pair[1])))


# What was removed since: a harvester deletes these. They are listed whatever the other filters, since a removed
# resource no longer has the date, body or kind they filter on; after the items that exist.
_REMOVED_WHERE = f"""
  GRAPH ?graph {{ ?item a <{AS.Tombstone}> ; <{AS.formerType}> ?cls ; <{AS.deleted}> ?deleted }}
  FILTER(?deleted >= ?since)"""
_REMOVED_COUNT = f"SELECT (COUNT(DISTINCT ?item) AS ?n) WHERE {{{_REMOVED_WHERE}\n}}"


def _removed_page(limit: int, offset: int) -> str:
    return f"""
SELECT ?item (MAX(?deleted) AS ?when) WHERE {{{_REMOVED_WHERE}
}}
GROUP BY ?item
ORDER BY ?when ?item
LIMIT {limit} OFFSET {offset}
"""


@router.get(
    "/listings/{kind}",
    summary="A paged listing of bodies, meetings, decisions, cases, documents or people",
    responses=documented(400, 404, 422, answers=["application/ld+json"]),
)
def listing(
    kind: str,
    request: Request,
    services: Annotated[Services, Depends(get_services)],
    base: Annotated[str, Depends(get_base)],
    page: Annotated[int, Query(ge=1)] = 1,
    page_size: Annotated[int, Query(ge=1, le=MAX_PAGE_SIZE)] = 20,
    modified_since: Annotated[
        datetime | None, Query(description="only what changed since (UTC unless a zone is given), removals too")
    ] = None,
    body: Annotated[str | None, Query(description="a body's IRI")] = None,
    from_: Annotated[Day | None, Query(alias="from")] = None,
    to: Annotated[Day | None, Query()] = None,
    outcome: Annotated[str | None, Query(description="decisions: the kind's notation (bifall, …)")] = None,
    document_kind: Annotated[str | None, Query(description="documents: the kind's notation (remissvar, …)")] = None,
) -> JSONResponse:
    store, spec = services.store, LISTINGS.get(kind)
    if spec is None:
        raise HTTPException(status_code=404, detail=f"no listing {kind!r}; there are {', '.join(LISTINGS)}")
    since = (modified_since or datetime(1, 1, 1)).replace(microsecond=0)  # ingest times are whole seconds
    if since.tzinfo is None:  # a time without a zone is UTC, as the store writes its times
        since = since.replace(tzinfo=UTC)
    bindings: dict[str, Node] = {"since": Literal(since.isoformat(), datatype=XSD.dateTime)}
    filtered: set[str] = set()
    if body and spec.body:
        bindings["body"] = URIRef(body)
        filtered.add("body")
    if (from_ or to) and spec.date:
        bindings["from"] = Literal(from_ or date(1, 1, 1))
        bindings["to"] = Literal(to or date(9999, 12, 31))
        filtered |= {"from", "to"}
    if (wanted := outcome or document_kind) and spec.kind:
        bindings["kind"] = Literal(wanted)
        filtered.add("kind")
    if modified_since is not None:
        filtered.add("since")
    deletions = Iris(base).deletions_graph()
    query = _order_query(spec, filtered)
    key = ("listing", query, tuple(sorted((k, str(v)) for k, v in bindings.items())))
    # kept while the store is unchanged: a harvester paging through 100k documents costs one ordering, not one a page
    ordered = services.answering.kept(key, lambda: _ordered(store, query, bindings))
    live_total = len(ordered)
    removed_binding: dict[str, Node] = {"since": bindings["since"], "cls": spec.cls, "graph": deletions}
    removed_total = _count(store, _REMOVED_COUNT, removed_binding) if modified_since is not None else 0
    total = live_total + removed_total
    last = max(1, -(-total // page_size))
    start = (page - 1) * page_size
    members = []
    if shown := ordered[start : start + page_size]:
        items = [item for _, item in shown]
        labels = {r["item"]: r["label"] for r in store.select(_labels_query(items)).rows}
        modified = {r["item"]: r["lastModified"] for r in store.select(_modified_query(spec, items)).rows}
        members = [_member(item, labels.get(item), day, modified.get(item)) for day, item in shown]
    if len(members) < page_size and removed_total:
        offset = max(0, start - live_total)
        rows = store.select(_removed_page(page_size - len(members), offset), removed_binding).rows
        members += [_removed(row, spec.cls) for row in rows]

    def url(number: int) -> str:
        params = {k: v for k, v in request.query_params.items() if k != "page"} | {"page": str(number)}
        return f"{request.url.path}?{urlencode(params)}"

    view = {"@id": url(page), "@type": "hydra:PartialCollectionView", "first": url(1), "last": url(last)}
    if page > 1:
        view["previous"] = url(page - 1)
    if page < last:
        view["next"] = url(page + 1)
    return JSONResponse(
        {
            "@context": CONTEXT,
            "@id": str(request.url),
            "@type": "hydra:Collection",
            "totalItems": total,
            "member": members,
            "view": view,
        },
        media_type="application/ld+json",
    )


def _count(store: GraphStore, query: str, bindings: dict) -> int:
    rows = store.select(query, bindings).rows
    return as_int(rows[0]["n"]) if rows else 0


def _member(item: URIRef, label: object, day: str, modified: object) -> dict:
    return {
        "@id": str(item),
        "label": str(label) if label else None,
        "date": day or None,
        "modified": str(modified) if modified is not None else None,
    }


def _removed(row: dict, cls: URIRef) -> dict:
    removed = str(row["when"])
    return {
        "@id": str(row["item"]),
        "@type": "as:Tombstone",
        "formerType": str(cls),
        "deleted": removed,
        "modified": removed,
    }
