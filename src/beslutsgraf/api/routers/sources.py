"""The source files as the archivist sees them: `/kalla/{sha256}` the file as it came (its description as RDF where
an RDF type is asked for), `/kalla/{sha256}/sida/{n}` a page with the quoted span marked (`?tecken=START-END`, the
span's characters as the graph names them), drawn from the PDF (`…/sida/{n}.png`) or cut from the text."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Query, Request, Response
from fastapi.responses import FileResponse, HTMLResponse
from starlette.concurrency import run_in_threadpool

from beslutsgraf.api.conneg import HTML, RDF_TYPES, negotiate
from beslutsgraf.api.dependencies import get_base, get_services
from beslutsgraf.api.language import WORDS, language_of
from beslutsgraf.api.pages import templates
from beslutsgraf.api.responses import documented
from beslutsgraf.api.routers import resources
from beslutsgraf.queries import reads
from beslutsgraf.services import Services
from beslutsgraf.services.pages import NoSuchPage, page_count, page_png

router = APIRouter(tags=["Sources"])
_SHA256 = r"[0-9a-f]{64}"
_CHARACTERS = re.compile(r"^(\d{1,9})-(\d{1,9})$")
Characters = Annotated[str | None, Query(alias="tecken", description="the span's characters: START-END")]


@router.get(
    "/kalla/{sha256}",
    summary="A source file as it came (its description where an RDF type is asked for)",
    response_class=Response,
    include_in_schema=False,
)
def source_file(
    sha256: str,
    request: Request,
    services: Annotated[Services, Depends(get_services)],
    base: Annotated[str, Depends(get_base)],
) -> Response:
    kept = services.sources.path_of(sha256)
    asks_rdf = negotiate(request.headers.get("accept"), [HTML, *RDF_TYPES]) in RDF_TYPES
    if kept is None or "format" in request.query_params or asks_rdf:
        return resources.resource("kalla", sha256, request, services, base)
    _, media_type = _file_of(services, sha256)
    return FileResponse(kept, media_type=media_type, headers={"Vary": "Accept"})


@router.get(
    "/kalla/{sha256}/sida/{number}.png",
    summary="A page of a PDF source, the span marked",
    response_class=Response,
    responses=documented(404, answers=["image/png"]),
)
async def page_image(
    sha256: str,
    number: int,
    services: Annotated[Services, Depends(get_services)],
    characters: Characters = None,
) -> Response:
    kept = _pdf(services, sha256)
    quote = _quote(services, sha256, characters)
    try:  # drawing a page takes a tenth of a second: not on the server's loop
        png = await run_in_threadpool(page_png, kept, number, quote)
    except NoSuchPage as error:
        raise HTTPException(status_code=404, detail=str(error)) from None
    return Response(png, media_type="image/png", headers={"Cache-Control": "max-age=86400"})


@router.get(
    "/kalla/{sha256}/sida/{number}",
    summary="A page of a source, the span marked",
    response_class=HTMLResponse,
    responses=documented(404, answers=["text/html"]),
)
def page(
    sha256: str,
    number: int,
    request: Request,
    services: Annotated[Services, Depends(get_services)],
    characters: Characters = None,
) -> HTMLResponse:
    kept = services.sources.path_of(sha256)
    if kept is None:
        raise HTTPException(status_code=404, detail="no such source file is kept here")
    lang = language_of(request)
    quote = _quote(services, sha256, characters)
    name, media_type = _file_of(services, sha256)
    context = {
        "lang": lang,
        "t": WORDS[lang],
        "name": name,
        "sha256": sha256,
        "number": number,
        "quote": quote,
        "characters": characters,
        "pdf": media_type == "application/pdf",
    }
    if context["pdf"]:
        pages = page_count(kept)
        if not 1 <= number <= pages:
            raise HTTPException(status_code=404, detail=f"the file has {pages} page(s), not a page {number}")
        context |= {"pages": pages}
    else:
        text = kept.read_text(encoding="utf-8", errors="replace")
        where = _nearest(text, quote, _offset(characters)) if quote else -1
        shown = quote if quote is not None and where >= 0 else ""
        context |= {
            "pages": 1,
            "before": text[:where] if shown else text,
            "marked": shown,
            "after": text[where + len(shown) :] if shown else "",
        }
    return templates.TemplateResponse(request, "source_page.html", context, headers={"Vary": "Accept-Language"})


def _file_of(services: Services, sha256: str) -> tuple[str, str]:
    """The source file's name and media type, as the graph records them."""
    rows = services.store.select(reads.SOURCE_FILE, {"source": services.iris.source(sha256)}).rows
    if not rows:
        return sha256, "application/octet-stream"
    return str(rows[0]["fileName"]), str(rows[0]["format"] or "application/octet-stream")


def _pdf(services: Services, sha256: str) -> Path:
    kept = services.sources.path_of(sha256)
    if kept is None or _file_of(services, sha256)[1] != "application/pdf":
        raise HTTPException(status_code=404, detail="no such PDF is kept here")
    return kept


def _offset(characters: str | None) -> int:
    found = _CHARACTERS.match(characters or "")
    return int(found[1]) if found else 0


def _quote(services: Services, sha256: str, characters: str | None) -> str | None:
    """The quoted text of the span `characters` names, as the graph keeps it."""
    found = _CHARACTERS.match(characters or "")
    if not found:
        return None
    span = services.iris.span(sha256, int(found[1]), int(found[2]))
    rows = services.store.select(reads.SPAN_QUOTE, {"span": span}).rows
    return str(rows[0]["quote"]) if rows else None


def _nearest(text: str, quote: str, at: int) -> int:
    """Where in the text the quote stands, the occurrence nearest the span's own offset (the file's text and the
    text the parser read differ by what reading took away, a byte-order mark or running headers)."""
    places = [m.start() for m in re.finditer(re.escape(quote), text)]
    return min(places, key=lambda p: abs(p - at)) if places else -1
