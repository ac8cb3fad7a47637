"""What an app keeps between requests, in one typed place (`app.state.beslutsgraf`)."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from pathlib import Path

from fastapi import Request

from beslutsgraf.api.runner import QueryRunner
from beslutsgraf.services import Cache, Services
from beslutsgraf.settings import Settings
from beslutsgraf.store import GraphStore
from beslutsgraf.store.search import SearchIndex
from beslutsgraf.store.workers import QueryWorkers


@dataclass
class AppState:
    settings: Settings
    cache: Cache  # the one cache of kept answers, shared by every request
    query_runner: QueryRunner  # named questions, in threads of this process
    one_writer: threading.Lock = field(default_factory=threading.Lock)  # uploads, one at a time as the command line
    store: GraphStore | None = None  # None until the app starts, or where a test swaps its own in
    search: SearchIndex | None = None
    services: Services | None = None  # over the last store asked for (`dependencies.get_services`)
    sparql_workers: QueryWorkers | None = None  # started at the first /sparql query (`routers.sparql`)
    dump: Path | None = None  # the whole graph, written once at start
    dump_made: str | None = None
    start_thread: threading.Thread | None = None  # what the app does once at start, while it already answers


def state_of(request: Request) -> AppState:
    state: AppState = request.app.state.beslutsgraf
    return state
