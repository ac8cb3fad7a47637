"""Listings for harvesters: bodies, meetings, decisions, cases, documents, people — paged JSON-LD (Hydra) with a
stable order, a page-size cap and `modified_since` (OParl's model of staying in sync: with it, what was removed
since is listed too, as an ActivityStreams tombstone). The page itself is the services' (`services.listing`)."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import JSONResponse
from rdflib.namespace import DCTERMS, RDFS, XSD

from beslutsgraf.api.dependencies import Day, get_services
from beslutsgraf.api.responses import documented
from beslutsgraf.ontology import AS, LISTINGS
from beslutsgraf.services import ListingFilters, Services

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


@router.get(
    "/listings/{kind}",
    summary="A paged listing of bodies, meetings, decisions, cases, documents or people",
    responses=documented(400, 404, 422, answers=["application/ld+json"]),
)
def listing(
    kind: str,
    request: Request,
    services: Annotated[Services, Depends(get_services)],
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
    spec = LISTINGS.get(kind)
    if spec is None:
        raise HTTPException(status_code=404, detail=f"no listing {kind!r}; there are {', '.join(LISTINGS)}")
    filters = ListingFilters(modified_since, body, from_, to, outcome or document_kind)
    found = services.listing(spec, filters, page, page_size)
    last = max(1, -(-found.total // page_size))

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
            "totalItems": found.total,
            "member": found.members,
            "view": view,
        },
        media_type="application/ld+json",
    )
