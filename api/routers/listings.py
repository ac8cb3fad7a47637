"""Listings for harvesters: bodies, meetings, decisions, cases, documents, people — paged JSON-LD (Hydra) with a
stable order, a page-size cap and `modified_since` (OParl's model of staying in sync)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Annotated
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import JSONResponse
from rdflib import Literal, URIRef
from rdflib.namespace import XSD

from api.dependencies import get_store
from store import GraphStore

router = APIRouter(tags=["Listings"])
MAX_PAGE_SIZE = 100


@dataclass(frozen=True)
class Listing:
    cls: str
    date: str | None = None  # property holding the item's date
    body: str | None = None  # property linking the item to its body
    kind: str | None = None  # property holding the item's kind (a concept with a skos:notation)


LISTINGS = {
    "bodies": Listing("http://data.vlaanderen.be/ns/besluit#Bestuursorgaan"),
    "meetings": Listing("http://data.vlaanderen.be/ns/besluit#Zitting", "http://purl.org/dc/terms/date",
                        "http://data.vlaanderen.be/ns/besluit#isGehoudenDoor"),
    "decisions": Listing("http://data.vlaanderen.be/ns/besluit#Besluit", "http://data.europa.eu/eli/ontology#date_document",
                         "http://data.europa.eu/eli/ontology#passed_by", "https://w3id.org/beslutsgraf/ns#decisionKind"),
    "cases": Listing("https://data.vlaanderen.be/ns/besluitvorming#Besluitvormingsaangelegenheid"),
    "documents": Listing("https://data.vlaanderen.be/ns/dossier#Stuk", "http://purl.org/dc/terms/date",
                         "http://purl.org/dc/terms/creator", "http://purl.org/dc/terms/type"),
    "people": Listing("http://www.w3.org/ns/person#Person"),
}  # fmt: skip

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
}


def _query(listing: Listing, filtered: set[str]) -> str:
    """The listing's query; its classes and properties are constants, every value a caller gives is bound."""
    date_part = f"OPTIONAL {{ ?item <{listing.date}> ?date }}" if listing.date else ""
    body_part = f"?item <{listing.body}> ?body ." if listing.body and "body" in filtered else ""
    kind_part = (
        f"?item <{listing.kind}>/<http://www.w3.org/2004/02/skos/core#notation> ?kind ." if "kind" in filtered else ""
    )
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


@router.get("/listings/{kind}", summary="A paged listing of bodies, meetings, decisions, cases, documents or people")
def listing(
    kind: str,
    request: Request,
    store: Annotated[GraphStore, Depends(get_store)],
    page: Annotated[int, Query(ge=1)] = 1,
    page_size: Annotated[int, Query(ge=1, le=MAX_PAGE_SIZE)] = 20,
    modified_since: Annotated[datetime | None, Query()] = None,
    body: Annotated[str | None, Query(description="a body's IRI")] = None,
    from_: Annotated[date | None, Query(alias="from")] = None,
    to: Annotated[date | None, Query()] = None,
    outcome: Annotated[str | None, Query(description="decisions: the kind's notation (bifall, …)")] = None,
    document_kind: Annotated[str | None, Query(description="documents: the kind's notation (remissvar, …)")] = None,
) -> JSONResponse:
    spec = LISTINGS.get(kind)
    if spec is None:
        raise HTTPException(status_code=404, detail=f"no listing {kind!r}; there are {', '.join(LISTINGS)}")
    since = modified_since or datetime(1, 1, 1)
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
    members = [
        {"@id": str(r["item"]), "label": str(r["label"]) if r["label"] else None,
         "date": str(r["firstDate"]) if r["firstDate"] else None, "modified": str(r["lastModified"])}
        for r in shown
    ]  # fmt: skip
    return JSONResponse(
        {"@context": CONTEXT, "@id": str(request.url), "@type": "hydra:Collection", "totalItems": total,
         "member": members, "view": view},
        media_type="application/ld+json",
    )  # fmt: skip
