"""The linked-data API: SPARQL 1.1 Protocol, IRIs that dereference, the named questions, provenance, the SHACL
report, dumps and uploads.

Built by `create_app` from the settings; the store comes through the `get_store` dependency, so tests swap in
their own (Prez's pattern), and the use cases through `get_services`, over that store (`services.Services`).
"""

from __future__ import annotations

import tempfile
import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import UTC, datetime
from pathlib import Path

from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware
from fastapi.staticfiles import StaticFiles
from fastapi_offline import FastAPIOffline

from beslutsgraf import __version__
from beslutsgraf.api import errors
from beslutsgraf.api.guards import BodyLimit, HeadAndOptions, LastWord, UploadGate
from beslutsgraf.api.routers import (
    dataset,
    listings,
    queries,
    resources,
    search,
    service,
    sources,
    sparql,
    vocabulary,
)
from beslutsgraf.api.runner import QueryRunner
from beslutsgraf.api.state import AppState
from beslutsgraf.services import Cache, Services, Workspace
from beslutsgraf.services.sources import SourceFiles
from beslutsgraf.settings import Settings


def _start_in_background(state: AppState, services: Services, folder: Path) -> threading.Thread:
    """What a server does once at start, while it already answers: the questions over the whole store are asked
    (seconds at 10M triples), then the dump is written (tens of seconds at 1M)."""

    def start() -> None:
        services.answering.refresh()
        state.dump = services.dump(folder)
        state.dump_made = datetime.now(UTC).isoformat(timespec="seconds")

    thread = threading.Thread(target=start, daemon=True, name="start")
    thread.start()
    return thread


# What a multipart upload adds to its file: the boundaries and the form's other fields.
_FORM_ENVELOPE = 64 * 1024


def create_app(settings: Settings) -> FastAPI:
    workspace = Workspace.of(settings) if settings.store_path is not None else None
    state = AppState(settings, Cache(workspace.answers if workspace else None), QueryRunner(settings.query_workers))

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        opened = None  # the services over the store this app opened itself: only that store is dumped at start
        if workspace is not None:
            state.store = workspace.open_store(read_only=not settings.ingest_token, follow=True)
            state.search = workspace.open_search()
            opened = state.services = Services(
                settings, state.store, state.search, state.cache, SourceFiles(workspace.sources)
            )
        with tempfile.TemporaryDirectory() as tmp:
            if opened is not None:
                folder = settings.dump_dir or Path(tmp)
                folder.mkdir(parents=True, exist_ok=True)
                state.start_thread = _start_in_background(state, opened, folder)
            yield
            if state.start_thread is not None:
                state.start_thread.join()  # the store stays open, and the folder in place, until it is done
        workers, state.sparql_workers = state.sparql_workers, None
        if workers is not None:
            workers.close()
        if state.store is not None:
            state.store.close()

    # Swagger UI's files shipped in a package, not fetched from a CDN: /docs works offline
    app = FastAPIOffline(
        title="beslutsgraf",
        description="Swedish municipal minutes as linked data: SPARQL, dereferenceable IRIs, named questions.",
        version=__version__,
        lifespan=lifespan,
    )
    app.state.beslutsgraf = state
    # the last added is the outermost: the last word over all, the body bound nearest the routes
    app.add_middleware(UploadGate, path="/ingest", token=settings.ingest_token)
    app.add_middleware(BodyLimit, limit=settings.max_upload_bytes + _FORM_ENVELOPE)
    app.add_middleware(HeadAndOptions)
    app.add_middleware(CORSMiddleware, allow_origins=list(settings.cors_origins), allow_methods=["GET", "HEAD", "POST"])
    app.add_middleware(LastWord)
    errors.register(app)
    app.include_router(service.router)
    app.include_router(sparql.router)
    app.include_router(queries.router)
    app.include_router(listings.router)
    app.include_router(search.router)
    app.include_router(vocabulary.router)
    app.include_router(dataset.router)
    # the SPARQL editor's files (YASGUI), shipped in the package: /sparql works offline
    app.mount("/static", StaticFiles(directory=Path(__file__).parent / "static"), name="static")
    app.include_router(sources.router)  # before the resources: it answers the source files' paths
    app.include_router(resources.router)  # last: it answers every minted IRI's path
    return app
