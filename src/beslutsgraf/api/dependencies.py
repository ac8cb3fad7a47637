"""What routes get from the app: the store (swapped in tests through dependency overrides)."""

from __future__ import annotations

import re
from datetime import date
from typing import Annotated

from fastapi import HTTPException, Request
from pydantic import BeforeValidator

from beslutsgraf.store import GraphStore


def get_store(request: Request) -> GraphStore:
    store = getattr(request.app.state, "store", None)
    if store is None:
        raise HTTPException(status_code=503, detail="no store is configured")
    return store


def get_base(request: Request) -> str:
    return request.app.state.settings.base_iri


def _iso_day(value: object) -> object:
    """Only YYYY-MM-DD: pydantic alone would read `0` as 1970-01-01."""
    if isinstance(value, str) and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        raise ValueError("a date is written YYYY-MM-DD")
    return value


Day = Annotated[date, BeforeValidator(_iso_day)]
