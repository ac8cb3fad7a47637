"""The linked-data API: SPARQL 1.1 Protocol, IRIs that dereference, the named questions.

Built by `create_app` from explicit settings; the store comes through the `get_store` dependency, so tests
swap in their own (Prez's pattern). Routers do HTTP, `api.conneg` chooses formats, the store answers.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from pathlib import Path

from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware

from api.routers import queries, resources, sparql


@dataclass(frozen=True)
class ApiSettings:
    store_path: Path | None
    base_iri: str = "http://127.0.0.1:8000/"
    cors_origins: tuple[str, ...] = field(default=("*",))


def create_app(settings: ApiSettings) -> FastAPI:
    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        from store import open_store

        app.state.store = open_store(settings.store_path, read_only=True) if settings.store_path else None
        yield
        if app.state.store is not None:
            app.state.store.close()

    app = FastAPI(
        title="beslutsgraf",
        description="Swedish municipal minutes as linked data: SPARQL, dereferenceable IRIs, named questions.",
        version="0.1.0",
        lifespan=lifespan,
    )
    app.state.settings = settings
    app.add_middleware(CORSMiddleware, allow_origins=list(settings.cors_origins), allow_methods=["GET", "POST"])
    app.include_router(sparql.router)
    app.include_router(queries.router)
    app.include_router(resources.router)  # last: it answers every minted IRI's path
    return app
