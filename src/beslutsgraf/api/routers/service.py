"""The start page, provenance of a resource, the SHACL report, whole-graph dumps and uploads (POST /ingest)."""

from __future__ import annotations

import gzip
import logging
import tempfile
from collections.abc import Iterator
from pathlib import Path, PurePosixPath
from typing import Annotated
from urllib.parse import quote, urlencode

from fastapi import APIRouter, Depends, File, Form, HTTPException, Query, Request, UploadFile
from fastapi.responses import FileResponse, HTMLResponse, RedirectResponse, Response, StreamingResponse
from rdflib import URIRef
from starlette.concurrency import run_in_threadpool

from beslutsgraf.api.dependencies import get_base, get_services, get_store
from beslutsgraf.api.language import WORDS, language_of
from beslutsgraf.api.pages import templates
from beslutsgraf.api.responses import documented
from beslutsgraf.api.state import state_of
from beslutsgraf.queries import catalogue, reads
from beslutsgraf.services import Services
from beslutsgraf.store import GraphStore
from beslutsgraf.store.bindings import is_iri

router = APIRouter(tags=["Service"])
logger = logging.getLogger("beslutsgraf.api")


@router.get(
    "/provenance",
    summary="Where a resource came from: file, page, line, characters, quoted text, ingest run",
    responses=documented(400, 404),
)
def provenance(
    iri: Annotated[str, Query(min_length=1, max_length=4000, pattern=r"^https?://\S+$")],
    store: Annotated[GraphStore, Depends(get_store)],
) -> dict:
    if not iri.startswith(("http://", "https://")) or not is_iri(iri):
        raise HTTPException(status_code=400, detail="iri must be an absolute http(s) IRI")
    rows = store.select(reads.PROVENANCE, {"iri": URIRef(iri)}).rows
    if not rows:
        raise HTTPException(status_code=404, detail="the store has no provenance for this IRI")

    def plain(value: object) -> object:
        return None if value is None else value.toPython() if hasattr(value, "toPython") else str(value)

    return {"iri": iri, "derivedFrom": [{k: plain(v) for k, v in row.items() if k != "iri"} for row in rows]}


@router.get(
    "/validation",
    summary="The SHACL report: per class, how many nodes, which rules fail, with an example",
    responses=documented(404),
)
def validation(services: Annotated[Services, Depends(get_services)]) -> dict:
    """Made once a change of the store, by one request at a time (`Services.validation_report`)."""
    return services.validation_report()


def _dump_file(request: Request) -> Path:
    state = state_of(request)
    path = state.dump
    if path is None or not Path(path).exists():
        thread = state.start_thread
        if thread is not None and thread.is_alive():
            raise HTTPException(
                status_code=503, detail="the dump is being made; ask again shortly", headers={"Retry-After": "30"}
            )
        raise HTTPException(status_code=404, detail="no dump has been made")
    return Path(path)


@router.get(
    "/dumps/graph.nq.gz",
    summary="The whole graph as a gzipped N-Quads file",
    response_class=FileResponse,
    responses=documented(404, 503, answers=["application/gzip"]),
)
def dump_file(request: Request) -> FileResponse:
    """The file as it is: gzip, to be saved (and unpacked by whoever saves it)."""
    return FileResponse(_dump_file(request), media_type="application/gzip", filename="beslutsgraf.nq.gz")


@router.get(
    "/dumps/graph.nq",
    summary="The whole graph as N-Quads (gzip-encoded for clients that accept it)",
    responses=documented(404, 503, answers=["application/n-quads"]),
)
def dump_quads(request: Request) -> Response:
    """N-Quads, for clients that load a dataset by its URL (rdflib, Comunica): sent as the gzip file with
    Content-Encoding gzip where the client accepts it, else unpacked as it is sent."""
    path = _dump_file(request)
    headers = {"Vary": "Accept-Encoding", "ETag": f'"{path.stat().st_mtime_ns:x}-{path.stat().st_size:x}"'}
    if "gzip" in request.headers.get("accept-encoding", ""):
        return FileResponse(path, media_type="application/n-quads", headers={**headers, "Content-Encoding": "gzip"})

    def unpacked() -> Iterator[bytes]:
        with gzip.open(path, "rb") as quads:
            while chunk := quads.read(1 << 16):
                yield chunk

    return StreamingResponse(unpacked(), media_type="application/n-quads", headers=headers)


@router.post(
    "/ingest",
    summary="Upload a protocol (PDF or text): validated and loaded as one graph",
    responses={
        **documented(400, 403, 413, 422),
        401: {"description": "no valid bearer token (checked before the body is read)"},
    },
)
async def ingest(
    request: Request,
    services: Annotated[Services, Depends(get_services)],
    file: Annotated[UploadFile, File()],
    kommun: Annotated[str | None, Form(max_length=200)] = None,
    organ: Annotated[str | None, Form(max_length=200)] = None,
    date: Annotated[str | None, Form(max_length=10)] = None,
) -> dict:
    """The token was checked before the body was read (`api.guards.UploadGate`)."""
    state = state_of(request)
    settings = state.settings
    if not settings.ingest_token:
        raise HTTPException(status_code=403, detail="uploads are not enabled on this server")
    data = await file.read(settings.max_upload_bytes + 1)
    if len(data) > settings.max_upload_bytes:
        raise HTTPException(status_code=413, detail=f"uploads are limited to {settings.max_upload_bytes:,} bytes")
    name = upload_name(file.filename)
    options = {"kommun": kommun, "organ": organ, "date": date}

    def write() -> dict:
        with tempfile.TemporaryDirectory() as tmp, state.one_writer:
            path = Path(tmp) / name
            path.write_bytes(data)
            return services.upload(path, options)

    outcome = await run_in_threadpool(write)  # the server answers others while a protocol is read and loaded
    if outcome.get("status") == "failed":
        raise HTTPException(status_code=422, detail=outcome.get("error", "the file was refused"))
    return outcome


def upload_name(filename: str | None) -> str:
    """The client's name for the file, as the graph records it (`bg:fileName`): its last part only, and refused if
    it is no file's name."""
    name = PurePosixPath((filename or "").replace("\\", "/")).name
    if (
        not name
        or name in (".", "..")
        or len(name.encode("utf-8")) > 200
        or any(ord(c) < 32 or c == "\x7f" for c in name)
    ):
        raise HTTPException(
            status_code=400,
            detail="the upload needs a file name (at most 200 bytes, no control "
            "characters), as the protocol's file is named",
        )
    return name


@router.get("/", response_class=HTMLResponse, summary="The start page", responses=documented(503))
def start(
    request: Request, store: Annotated[GraphStore, Depends(get_store)], base: Annotated[str, Depends(get_base)]
) -> HTMLResponse:
    meetings = store.select(reads.LATEST_MEETINGS).rows
    state = state_of(request)
    dump_info = None
    if state.dump and state.dump.exists():
        dump_info = {"size": state.dump.stat().st_size, "made": state.dump_made}
    lang = language_of(request)
    examples = [{"name": q.name, "title": q.title_in(lang)} for q in catalogue().values()]
    listed = [{"link": str(r["meeting"]), "label": str(r["citation"]), "date": str(r["date"])} for r in meetings]
    context = {
        "lang": lang,
        "t": WORDS[lang],
        "meetings": listed,
        "dump": dump_info,
        "questions": examples,
        "base": base,
    }
    return templates.TemplateResponse(request, "start.html", context, headers={"Vary": "Accept-Language"})


@router.get(
    "/arende",
    summary="A case by its number as printed (the start page's form): 303 to the case, else to the search",
    status_code=303,
    response_class=RedirectResponse,
)
def case_by_number(
    services: Annotated[Services, Depends(get_services)],
    nummer: Annotated[str, Query(description="a case number as printed, such as KS 2025/164", max_length=200)],
) -> RedirectResponse:
    found = services.case_by_number(nummer)
    where = str(found) if found is not None else "/search?" + urlencode({"q": nummer})
    return RedirectResponse(quote(where, safe=":/?#[]@!$&'()*+,;=%-._~"), status_code=303)
