"""The API tests' shared store: the seed and one council extract, as the ingest makes them (the committed fixture
graph, `tests/fixture.py`), swapped in by override."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from beslutsgraf.api import create_app
from beslutsgraf.api.dependencies import get_store
from beslutsgraf.settings import Settings
from beslutsgraf.store import GraphStore
from beslutsgraf.store.oxigraph import OxigraphStore
from beslutsgraf.testing.servers import serving
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


@pytest.fixture(scope="module")
def server(store: OxigraphStore) -> Iterator[str]:
    """A real server on a free loopback port, for clients no one here wrote."""
    with serving(app_over(store)) as url:
        yield url
