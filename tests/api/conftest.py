"""The API tests' shared store: the seed and one council extract, as the ingest makes them (the committed fixture
graph, `tests/fixture.py`), swapped in by override."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
import uvicorn
from fastapi import FastAPI
from fastapi.testclient import TestClient

from beslutsgraf.api import create_app
from beslutsgraf.api.dependencies import get_store
from beslutsgraf.settings import Settings
from beslutsgraf.store import GraphStore
from beslutsgraf.store.oxigraph import OxigraphStore
from tests.fixture import load_fixture


def app_over(store: GraphStore, **settings: object) -> FastAPI:
    """The API with `store` swapped in for the configured one (Prez's pattern), under these settings."""
    app = create_app(Settings(store_path=None, **settings))  # type: ignore[arg-type]
    app.dependency_overrides[get_store] = lambda: store
    return app


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[OxigraphStore]:
    graph_store = OxigraphStore(tmp_path_factory.mktemp("api") / "store")
    load_fixture(graph_store)
    yield graph_store
    graph_store.close()


@pytest.fixture(scope="module")
def client(store: OxigraphStore) -> Iterator[TestClient]:
    app = app_over(store)
    with TestClient(app) as test_client:
        yield test_client


@contextmanager
def serving(app: FastAPI) -> Iterator[str]:
    """The app on a real server on a free loopback port: its base URL."""
    config = uvicorn.Config(app, host="127.0.0.1", port=0, log_level="warning")
    running = uvicorn.Server(config)
    thread = threading.Thread(target=running.run, daemon=True)
    thread.start()
    for _ in range(200):
        if running.started:
            break
        time.sleep(0.05)
    port = running.servers[0].sockets[0].getsockname()[1]
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        running.should_exit = True
        thread.join(timeout=10)


@pytest.fixture(scope="module")
def server(store: OxigraphStore) -> Iterator[str]:
    """A real server on a free loopback port, for clients no one here wrote."""
    with serving(app_over(store)) as url:
        yield url
