"""/search: full text over titles, decision texts and basis documents (SQLite FTS5), filtered by body, kind and
date; as JSON, or as a page with a form where a browser asks for HTML."""

from __future__ import annotations

from typing import Annotated, Literal
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response
from markupsafe import Markup, escape

from beslutsgraf.api.conneg import negotiate
from beslutsgraf.api.dependencies import FormDay, get_search, get_services
from beslutsgraf.api.language import WORDS, language_of
from beslutsgraf.api.pages import templates
from beslutsgraf.api.responses import documented
from beslutsgraf.queries import reads
from beslutsgraf.services import Services
from beslutsgraf.store.search import SearchIndex

router = APIRouter(tags=["Search"])
PAGE_SIZE = 20
_MARKS = ("\x02", "\x03")  # around a word found, in a snippet drawn as HTML: no text holds them
_MARK, _END_MARK = Markup("<mark>"), Markup("</mark>")


@router.get(
    "/search",
    summary="Full-text search: every word a prefix, Swedish letters as typed",
    responses=documented(400, 422, 503, answers=["application/json", "text/html"]),
    response_model=None,
)
def search(
    request: Request,
    index: Annotated[SearchIndex, Depends(get_search)],
    services: Annotated[Services, Depends(get_services)],
    q: Annotated[str | None, Query(min_length=1, max_length=200)] = None,
    body: Annotated[str | None, Query(description="a body's IRI")] = None,
    from_: Annotated[FormDay, Query(alias="from")] = None,
    to: Annotated[FormDay, Query()] = None,
    kind: Annotated[Literal["paragraph", "document", ""] | None, Query(description="§§ or basis documents")] = None,
    limit: Annotated[int, Query(ge=1, le=100)] = 20,
    page: Annotated[int, Query(ge=1, le=1000)] = 1,
) -> Response:
    for name in ("q", "body", "from", "to", "kind", "limit", "page"):
        if len(request.query_params.getlist(name)) > 1:  # else the last would win, and a client never know it
            raise HTTPException(status_code=400, detail=f"one {name} a request")
    start, end = (from_.isoformat() if from_ else None), (to.isoformat() if to else None)
    body, kind = body or None, kind or None  # a form's empty choice is no filter
    if negotiate(request.headers.get("accept"), ["application/json", "text/html"]) == "text/html":
        return _page(request, index, services, q, body, start, end, kind, page)
    if q is None:
        raise HTTPException(status_code=422, detail="q: give the words to find")
    hits = index.search(q, body=body, start=start, end=end, kind=kind, limit=limit, offset=(page - 1) * limit)
    return JSONResponse({"query": q, "hits": [hit.__dict__ for hit in hits]}, headers={"Vary": "Accept"})


def _page(
    request: Request,
    index: SearchIndex,
    services: Services,
    q: str | None,
    body: str | None,
    start: str | None,
    end: str | None,
    kind: str | None,
    page: int,
) -> HTMLResponse:
    lang = language_of(request)
    words = WORDS[lang]
    found = []
    if q:
        found = index.search(
            q,
            body=body,
            start=start,
            end=end,
            kind=kind,
            limit=PAGE_SIZE + 1,
            offset=(page - 1) * PAGE_SIZE,
            marks=_MARKS,
        )
    bodies = services.answering.kept(  # the filter's choices, the same for every page until the store changes
        ("search bodies",),
        lambda: [{"iri": str(r["body"]), "label": str(r["label"])} for r in services.store.select(reads.BODIES).rows],
    )
    hits = [
        {
            "iri": hit.iri,
            "title": hit.title,
            "day": hit.day,
            "kind_label": words.get(hit.kind, hit.kind),
            "snippet_html": escape(hit.snippet).replace(_MARKS[0], _MARK).replace(_MARKS[1], _END_MARK),
        }
        for hit in found[:PAGE_SIZE]
    ]

    def url(number: int) -> str:
        params = {k: v for k, v in request.query_params.items() if k != "page"} | {"page": str(number)}
        return f"/search?{urlencode(params)}"

    context = {
        "lang": lang,
        "t": words,
        "q": q,
        "body": body,
        "kind": kind,
        "start": start,
        "end": end,
        "bodies": bodies,
        "kinds": [("paragraph", words["paragraph"]), ("document", words["document"])],
        "hits": hits,
        "first": (page - 1) * PAGE_SIZE + 1,
        "previous": url(page - 1) if page > 1 else None,
        "next": url(page + 1) if len(found) > PAGE_SIZE else None,
    }
    return templates.TemplateResponse(request, "search.html", context, headers={"Vary": "Accept, Accept-Language"})
