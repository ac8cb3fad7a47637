"""Listings for harvesters: bodies, meetings, decisions, cases, documents, people — paged JSON-LD (Hydra) with a
stable order, a page-size cap and `modified_since` (OParl's model of staying in sync: with it, what was removed
since is listed too, as an ActivityStreams tombstone)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Annotated
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import JSONResponse
from rdflib import Literal, URIRef
from rdflib.namespace import DCTERMS, SKOS, XSD

from api.dependencies import get_base, get_store
from ontology import AS, BESLUIT, BESLUITVORMING, BG, DOSSIER, ELI, PERSON, Iris
from store import GraphStore

router = APIRouter(tags=["Listings"])
MAX_PAGE_SIZE = 100


@dataclass(frozen=True)
class Listing:
    cls: URIRef
    date: URIRef | None = None  # property holding the item's date
    body: URIRef | None = None  # property linking the item to its body
    kind: URIRef | None = None  # property holding the item's kind (a concept with a skos:notation)


LISTINGS = {
    "bodies": Listing(BESLUIT.Bestuursorgaan),
    "meetings": Listing(BESLUIT.Zitting, DCTERMS.date, BESLUIT.isGehoudenDoor),
    "decisions": Listing(BESLUIT.Besluit, ELI.date_document, ELI.passed_by, BG.decisionKind),
    "cases": Listing(BESLUITVORMING.Besluitvormingsaangelegenheid),
    "documents": Listing(DOSSIER.Stuk, DCTERMS.date, DCTERMS.creator, DCTERMS.type),
    "people": Listing(PERSON.Person),
}

CONTEXT = {
    "hydra": "http://www.w3.org/ns/hydra/core#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "member": "hydra:member",
    "totalItems": "hydra:totalItems",
    "view": "hydra:view",
    "first": {"@id": "hydra:first", "@type": "@id"},
    "previous": {"@id": "hydra:previous", "@type": "@id"},
    "next": {"@id": "hydra:next", "@type": "@id"},
    "last": {"@id": "hydra:last", "@type": "@id"},
    "label": "rdfs:label",
    "date": "http://purl.org/dc/terms/date",
    "modified": "http://purl.org/dc/terms/modified",
    "as": str(AS),
    "formerType": {"@id": "as:formerType", "@type": "@id"},
    "deleted": {"@id": "as:deleted", "@type": "http://www.w3.org/2001/XMLSchema#dateTime"},
}


def _query(listing: Listing, filtered: set[str]) -> str:
    """The listing's query; its classes and properties are constants, every value a caller gives is bound."""
    date_part = f"OPTIONAL {{ ?item <{listing.date}> ?date }}" if listing.date else ""
    body_part = f"?item <{listing.body}> ?body ." if listing.body and "body" in filtered else ""
    kind_part = f"?item <{listing.kind}>/<{SKOS.notation}> ?kind ." if "kind" in filtered else ""
    range_part = "FILTER(BOUND(?date) && ?date >= ?from && ?date <= ?to)" if {"from", "to"} & filtered else ""
    return f"""
SELECT ?item (SAMPLE(?name) AS ?label) (MIN(?date) AS ?firstDate) (MAX(?modified) AS ?lastModified)
       ?since ?from ?to ?body ?kind
WHERE {{
  GRAPH ?g {{ ?item a <{listing.cls}> . ?run a <https://w3id.org/beslutsgraf/ns#IngestRun> ;
              <http://www.w3.org/ns/prov#startedAtTime> ?modified . }}
  OPTIONAL {{ ?item <http://www.w3.org/2000/01/rdf-schema#label> ?name }}
  {date_part}
  {body_part}
  {kind_part}
  FILTER(?modified >= ?since)
  {range_part}
}}
GROUP BY ?item ?since ?from ?to ?body ?kind
ORDER BY ?firstDate ?item
"""


# What was removed since: a harvester deletes these. They are listed whatever the other filters, since a removed
# resource no longer has the date, body or kind they filter on.
_REMOVED = f"""
SELECT ?item (MAX(?deleted) AS ?when) ?cls ?since ?graph WHERE {{
  GRAPH ?graph {{ ?item a <{AS.Tombstone}> ; <{AS.formerType}> ?cls ; <{AS.deleted}> ?deleted }}
  FILTER(?deleted >= ?since)
}}
GROUP BY ?item ?cls ?since ?graph
ORDER BY ?when ?item
"""


@router.get("/listings/{kind}", summary="A paged listing of bodies, meetings, decisions, cases, documents or people")
def listing(
    kind: str,
    request: Request,
    store: Annotated[GraphStore, Depends(get_store)],
    base: Annotated[str, Depends(get_base)],
    page: Annotated[int, Query(ge=1)] = 1,
    page_size: Annotated[int, Query(ge=1, le=MAX_PAGE_SIZE)] = 20,
    modified_since: Annotated[
        datetime | None, Query(description="only what changed since (UTC unless a zone is given), removals too")
    ] = None,
    body: Annotated[str | None, Query(description="a body's IRI")] = None,
    from_: Annotated[date | None, Query(alias="from")] = None,
    to: Annotated[date | None, Query()] = None,
    outcome: Annotated[str | None, Query(description="decisions: the kind's notation (bifall, …)")] = None,
    document_kind: Annotated[str | None, Query(description="documents: the kind's notation (remissvar, …)")] = None,
) -> JSONResponse:
    spec = LISTINGS.get(kind)
    if spec is None:
        raise HTTPException(status_code=404, detail=f"no listing {kind!r}; there are {', '.join(LISTINGS)}")
    since = (modified_since or datetime(1, 1, 1)).replace(microsecond=0)  # ingest times are whole seconds
    if since.tzinfo is None:  # a time without a zone is UTC, as the store writes its times
        since = since.replace(tzinfo=UTC)
    bindings = {"since": Literal(since.isoformat(), datatype=XSD.dateTime)}
    filtered: set[str] = set()
    if body and spec.body:
        bindings["body"], _ = URIRef(body), filtered.add("body")
    if (from_ or to) and spec.date:
        bindings["from"] = Literal(from_ or date(1, 1, 1))
        bindings["to"] = Literal(to or date(9999, 12, 31))
        filtered |= {"from", "to"}
    if (wanted := outcome or document_kind) and spec.kind:
        bindings["kind"], _ = Literal(wanted), filtered.add("kind")
    rows = store.select(_query(spec, filtered), bindings).rows
    if modified_since is not None:
        removed = {"since": bindings["since"], "cls": spec.cls, "graph": Iris(base).deletions_graph()}
        rows += store.select(_REMOVED, removed).rows
    total = len(rows)
    last = max(1, -(-total // page_size))
    shown = rows[(page - 1) * page_size : page * page_size]

    def url(number: int) -> str:
        params = {k: v for k, v in request.query_params.items() if k != "page"} | {"page": str(number)}
        return f"{request.url.path}?{urlencode(params)}"

    view = {"@id": url(page), "@type": "hydra:PartialCollectionView", "first": url(1), "last": url(last)}
    if page > 1:
        view["previous"] = url(page - 1)
    if page < last:
        view["next"] = url(page + 1)
    members = [_member(row) for row in shown]
    return JSONResponse(
        {"@context": CONTEXT, "@id": str(request.url), "@type": "hydra:Collection", "totalItems": total,
         "member": members, "view": view},
        media_type="application/ld+json",
    )  # fmt: skip


def _member(row: dict) -> dict:
    item = str(row["item"])
    if "when" in row:
        removed = str(row["when"])
        return {"@id": item, "@type": "as:Tombstone", "formerType": str(row["cls"]), "deleted": removed,
                "modified": removed}  # fmt: skip
    label, day = row["label"], row["firstDate"]
    return {"@id": item, "label": str(label) if label else None, "date": str(day) if day else None,
            "modified": str(row["lastModified"])}  # fmt: skip
