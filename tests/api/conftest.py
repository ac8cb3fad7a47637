"""The API tests' shared store: the seed and one council extract, ingested for real, swapped in by override."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from api import ApiSettings, create_app
from api.dependencies import get_store
from beslutsgraf.loading import ingest_files
from ingest.resolve import Resolver
from ingest.source import SourceMetadata
from ontology import Iris
from ontology.registry import load_registry
from store.oxigraph import OxigraphStore
from tests.conftest import EXAMPLES, SEED


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[OxigraphStore]:
    graph_store = OxigraphStore(tmp_path_factory.mktemp("api") / "store")
    resolver = Resolver(load_registry([EXAMPLES / "exempelkommun.toml"]))
    outcomes = ingest_files([SEED, EXAMPLES / "kf-2026-06-17-71.txt"], graph_store, resolver, Iris(), SourceMetadata())
    assert all(o.status == "loaded" for o in outcomes)
    yield graph_store
    graph_store.close()


@pytest.fixture(scope="module")
def client(store: OxigraphStore) -> Iterator[TestClient]:
    app = create_app(ApiSettings(store_path=None))
    app.dependency_overrides[get_store] = lambda: store
    with TestClient(app) as test_client:
        yield test_client
