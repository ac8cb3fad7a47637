"""What routes get from the app: the store (swapped in tests through dependency overrides)."""

from __future__ import annotations

from fastapi import HTTPException, Request

from store import GraphStore


def get_store(request: Request) -> GraphStore:
    store = getattr(request.app.state, "store", None)
    if store is None:
        raise HTTPException(status_code=503, detail="no store is configured")
    return store


def get_base(request: Request) -> str:
    return request.app.state.settings.base_iri
