"""/search: full text over titles, decision texts and basis documents (SQLite FTS5), filtered by body and date."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query

from beslutsgraf.api.dependencies import Day, get_search
from beslutsgraf.api.responses import documented
from beslutsgraf.store.search import SearchIndex

router = APIRouter(tags=["Search"])


@router.get(
    "/search", summary="Full-text search: every word a prefix, Swedish letters as typed", responses=documented(422, 503)
)
def search(
    index: Annotated[SearchIndex, Depends(get_search)],
    q: Annotated[str, Query(min_length=1, max_length=200)],
    body: Annotated[str | None, Query(description="a body's IRI")] = None,
    from_: Annotated[Day | None, Query(alias="from")] = None,
    to: Annotated[Day | None, Query()] = None,
    limit: Annotated[int, Query(ge=1, le=100)] = 20,
) -> dict:
    start, end = (from_.isoformat() if from_ else None), (to.isoformat() if to else None)
    hits = index.search(q, body=body, start=start, end=end, limit=limit)
    return {"query": q, "hits": [hit.__dict__ for hit in hits]}
