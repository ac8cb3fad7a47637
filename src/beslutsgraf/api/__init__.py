"""The linked-data API: SPARQL 1.1 Protocol, IRIs that dereference, the named questions, provenance, the SHACL
report, dumps and uploads.

Built by `create_app` from explicit settings; the store comes through the `get_store` dependency, so tests
swap in their own (Prez's pattern). What needs the ingest (uploads, validation) comes in as `Services` from
the shell, so that this package never imports it.
"""

from __future__ import annotations

import gzip
import tempfile
import threading
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, cast

from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware
from fastapi_offline import FastAPIOffline

from beslutsgraf import __version__
from beslutsgraf.api.freshness import KeptWhileUnchanged
from beslutsgraf.api.guards import BodyLimit, HeadAndOptions, LastWord, UploadGate, refused
from beslutsgraf.api.routers import dataset, listings, queries, resources, search, service, sparql, vocabulary
from beslutsgraf.api.runner import QueryRunner
from beslutsgraf.queries.kept import KeptAnswers, answers_folder
from beslutsgraf.store import GraphStore, QueryRefused
from beslutsgraf.store.search import SearchIndex


@dataclass(frozen=True)
class ApiSettings:
    store_path: Path | None
    base_iri: str = "http://127.0.0.1:8000/"
    cors_origins: tuple[str, ...] = field(default=("*",))
    ingest_token: str | None = None  # POST /ingest is refused unless a token is set
    max_upload_bytes: int = 50 * 1024 * 1024
    dump_dir: Path | None = None  # where the whole-graph dump is written at start (default: a temporary folder)
    query_timeout_seconds: float = 30.0  # a /sparql or /queries answer not ready by then is answered 503
    max_answer_bytes: int = 100 * 1024 * 1024  # a /sparql answer larger than this is refused with 422
    query_workers: int = 2  # /sparql answers computed at once, each in a process of its own (api.workers)
    query_memory_bytes: int = 2 * 1024**3  # the address space a /sparql worker may take before it is stopped
    allow_service: bool = False  # whether /sparql lets a query call out to other servers with SERVICE
    store_server: str | None = None  # the graph on a SPARQL server (store.server); store_path then holds the search


@dataclass(frozen=True)
class Services:
    """What the shell lends the API: ingest one uploaded file, validate the store; each returns plain data."""

    # one uploaded file into the store, and into the search index when the server keeps one
    ingest: Callable[[GraphStore, SearchIndex | None, Path, dict], dict] | None = None
    validate: Callable[[GraphStore], dict] | None = None


def write_dump(store: GraphStore, folder: Path) -> Path:
    """The whole graph as gzipped N-Quads, streamed to a file (never held whole) and put in place when complete."""
    path = folder / "graph.nq.gz"
    partial = folder / "graph.nq.gz.partial"
    with gzip.open(partial, "wb", compresslevel=6) as output:
        store.export(cast(IO[bytes], output), "nquads")  # a GzipFile is a binary file typeshed does not call IO
    partial.replace(path)
    return path


def _start_in_background(app: FastAPI, folder: Path) -> threading.Thread:
    """What a server does once at start, while it already answers: the questions over the whole store are asked
    (seconds at 10M triples), then the dump is written (tens of seconds at 1M)."""

    def start() -> None:
        queries.warm(app, app.state.store)
        app.state.dump = write_dump(app.state.store, folder)
        app.state.dump_made = datetime.now(UTC).isoformat(timespec="seconds")

    thread = threading.Thread(target=start, daemon=True, name="start")
    thread.start()
    return thread


# What a multipart upload adds to its file: the boundaries and the form's other fields.
_FORM_ENVELOPE = 64 * 1024


def create_app(settings: ApiSettings, services: Services | None = None) -> FastAPI:
    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        from beslutsgraf.store import open_store
        from beslutsgraf.store.search import index_path

        writable = bool(settings.ingest_token)
        app.state.store = (
            open_store(settings.store_path, read_only=not writable, server=settings.store_server, follow=True)
            if settings.store_path
            else None
        )
        if settings.store_path is not None:
            app.state.search = SearchIndex(index_path(settings.store_path))
        with tempfile.TemporaryDirectory() as tmp:
            if app.state.store is not None:
                folder = settings.dump_dir or Path(tmp)
                folder.mkdir(parents=True, exist_ok=True)
                app.state.start_thread = _start_in_background(app, folder)
            yield
            if app.state.start_thread is not None:
                app.state.start_thread.join()  # the store stays open, and the folder in place, until it is done
        workers, app.state.sparql_workers = app.state.sparql_workers, None
        if workers is not None:
            workers.close()
        if app.state.store is not None:
            app.state.store.close()

    # Swagger UI's files shipped in a package, not fetched from a CDN: /docs works offline
    app = FastAPIOffline(
        title="beslutsgraf",
        description="Swedish municipal minutes as linked data: SPARQL, dereferenceable IRIs, named questions.",
        version=__version__,
        lifespan=lifespan,
    )
    app.state.settings = settings
    app.state.services = services
    app.state.dump = None
    app.state.dump_made = None
    app.state.start_thread = None
    app.state.search = None
    app.state.query_runner = QueryRunner(settings.query_workers)  # named questions, in threads of this process
    app.state.sparql_workers = None  # started at the first query (api.routers.sparql)
    app.state.one_writer = threading.Lock()  # uploads are written one at a time, as by the command line
    app.state.kept = KeptWhileUnchanged()
    app.state.answers = KeptAnswers(answers_folder(settings.store_path) if settings.store_path else None)
    # the last added is the outermost: the last word over all, the body bound nearest the routes
    app.add_middleware(UploadGate, path="/ingest", token=settings.ingest_token)
    app.add_middleware(BodyLimit, limit=settings.max_upload_bytes + _FORM_ENVELOPE)
    app.add_middleware(HeadAndOptions)
    app.add_middleware(CORSMiddleware, allow_origins=list(settings.cors_origins), allow_methods=["GET", "HEAD", "POST"])
    app.add_middleware(LastWord)
    app.add_exception_handler(QueryRefused, refused)
    app.include_router(service.router)
    app.include_router(sparql.router)
    app.include_router(queries.router)
    app.include_router(listings.router)
    app.include_router(search.router)
    app.include_router(vocabulary.router)
    app.include_router(dataset.router)
    app.include_router(resources.router)  # last: it answers every minted IRI's path
    return app
