"""Schemathesis over the OpenAPI schema: generated requests to every operation never meet a server error, and every
answer keeps to the document (statuses, media types, headers, schemas; refusing what breaks the schema).

All of schemathesis's checks but one: `positive_data_acceptance` counts every 4xx for a request the schema allows as
a failure, and a parameter's language (a citation "KS 2026-06-03 § 138", a reference to law "KL 6:24") is more than
a schema can say; what is well written and names nothing is 404, which it accepts."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from fastapi import FastAPI

from beslutsgraf.api import create_app
from beslutsgraf.api.dependencies import get_search, get_store
from beslutsgraf.ingest.resolve import Resolver
from beslutsgraf.ingest.source import SourceMetadata
from beslutsgraf.ontology import Iris
from beslutsgraf.ontology.registry import load_registry
from beslutsgraf.services.ingesting import ingest_files
from beslutsgraf.services.maintaining import reindex
from beslutsgraf.settings import Settings
from beslutsgraf.store.oxigraph import OxigraphStore
from beslutsgraf.store.search import SearchIndex
from tests.conftest import EXAMPLES, SEED

pytestmark = pytest.mark.system

schemathesis = pytest.importorskip("schemathesis")


def _app() -> FastAPI:
    """The API over the seed and its search index, built once when the tests are collected."""
    graph_store = OxigraphStore(Path(tempfile.mkdtemp(prefix="beslutsgraf-schema-")) / "store")
    resolver = Resolver(load_registry([EXAMPLES / "exempelkommun.toml"]))
    ingest_files([SEED], graph_store, resolver, Iris(), SourceMetadata())
    index = SearchIndex(None)
    reindex(graph_store, index, Iris())
    app = create_app(Settings(store_path=None, query_timeout_seconds=5))
    app.dependency_overrides[get_store] = lambda: graph_store
    app.dependency_overrides[get_search] = lambda: index
    return app


schemathesis.serializer.alias("application/sparql-query", "text/plain")  # a query sent as the body, as text
schema = schemathesis.openapi.from_asgi("/openapi.json", _app())


@pytest.mark.slow
@schema.parametrize()
def test_no_operation_meets_a_server_error(case: schemathesis.Case) -> None:
    case.call_and_validate(excluded_checks=[schemathesis.checks.positive_data_acceptance])
