"""What routes get from the app: the store (swapped in tests through dependency overrides) and the services over it."""

from __future__ import annotations

import re
from datetime import date
from typing import Annotated

from fastapi import Depends, HTTPException, Request
from pydantic import BeforeValidator

from beslutsgraf.api.state import state_of
from beslutsgraf.services import Services
from beslutsgraf.store import GraphStore
from beslutsgraf.store.search import SearchIndex


def get_store(request: Request) -> GraphStore:
    store = state_of(request).store
    if store is None:
        raise HTTPException(status_code=503, detail="no store is configured")
    return store


def get_services(request: Request, store: Annotated[GraphStore, Depends(get_store)]) -> Services:
    """The use cases over the store this request reads, with the app's one cache of kept answers."""
    state = state_of(request)
    services = state.services
    if services is None:
        services = state.services = Services(state.settings, store, state.search, state.cache)
    return services.over(store)


def get_search(request: Request) -> SearchIndex:
    search = state_of(request).search
    if search is None:
        raise HTTPException(status_code=503, detail="no search index is configured")
    return search


def get_base(request: Request) -> str:
    return state_of(request).settings.base_iri


def _iso_day(value: object) -> object:
    """Only YYYY-MM-DD: pydantic alone would read `0` as 1970-01-01."""
    if isinstance(value, str) and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        raise ValueError("a date is written YYYY-MM-DD")
    return value


Day = Annotated[date, BeforeValidator(_iso_day)]


def _iso_day_or_none(value: object) -> object:
    """A form's empty date field is no date (a browser sends `from=` when nothing was filled in)."""
    return None if value == "" else _iso_day(value)


FormDay = Annotated[date | None, BeforeValidator(_iso_day_or_none)]
