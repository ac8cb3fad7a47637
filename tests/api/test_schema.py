"""Schemathesis over the OpenAPI schema: generated requests to every operation never meet a server error."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from fastapi import FastAPI

from api import ApiSettings, create_app
from api.dependencies import get_store
from api.routers.search import get_search
from beslutsgraf.loading import ingest_files, reindex
from ingest.resolve import Resolver
from ingest.source import SourceMetadata
from ontology import Iris
from ontology.registry import load_registry
from store.oxigraph import OxigraphStore
from store.search import SearchIndex
from tests.conftest import EXAMPLES, SEED

schemathesis = pytest.importorskip("schemathesis")


def _app() -> FastAPI:
    """The API over the seed and its search index, built once when the tests are collected."""
    graph_store = OxigraphStore(Path(tempfile.mkdtemp(prefix="beslutsgraf-schema-")) / "store")
    resolver = Resolver(load_registry([EXAMPLES / "exempelkommun.toml"]))
    ingest_files([SEED], graph_store, resolver, Iris(), SourceMetadata())
    index = SearchIndex(None)
    reindex(graph_store, index, Iris())
    app = create_app(ApiSettings(store_path=None, query_timeout_seconds=5))
    app.dependency_overrides[get_store] = lambda: graph_store
    app.dependency_overrides[get_search] = lambda: index
    return app


schema = schemathesis.openapi.from_asgi("/openapi.json", _app())


@pytest.mark.slow
@schema.parametrize()
def test_no_operation_meets_a_server_error(case: schemathesis.Case) -> None:
    case.call_and_validate(checks=[schemathesis.checks.not_a_server_error])
