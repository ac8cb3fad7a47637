"""What every request passes through: a bound on its body, and an unexpected error answered without its trace."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Iterator

import httpx
import pytest
from fastapi.testclient import TestClient

from beslutsgraf.api.guards import BodyLimit
from beslutsgraf.store.oxigraph import OxigraphStore
from tests.api.conftest import app_over, serving

pytestmark = pytest.mark.integration

LIMIT = 100_000


def test_a_body_past_the_limit_is_refused_before_read_whole(
    store: OxigraphStore, caplog: pytest.LogCaptureFixture
) -> None:
    def chunks() -> Iterator[bytes]:  # no Content-Length: the size shows only while reading
        for _ in range(100):
            yield b"x" * 65_536

    app = app_over(store, max_upload_bytes=LIMIT)
    with serving(app) as url, httpx.Client(base_url=url) as client, caplog.at_level(logging.WARNING):
        response = client.post("/sparql", content=chunks(), headers={"Content-Type": "application/sparql-query"})
        assert response.status_code == 413 and "limited to" in response.json()["detail"]
        said = client.post("/ingest", content=b"x" * (2 * LIMIT), headers={"Content-Type": "multipart/form-data"})
        assert said.status_code == 413  # its Content-Length was enough
        assert "a body over" in caplog.text
        small = client.post("/sparql", data={"query": "SELECT * WHERE { ?s ?p ?o } LIMIT 1"})
        assert small.status_code == 200


def test_the_app_stops_reading_a_body_at_the_limit(store: OxigraphStore) -> None:
    """Under the server: the request's body is pulled chunk by chunk, and no chunk past the limit is asked for."""
    pulled = 0

    async def receive() -> dict:
        nonlocal pulled
        pulled += 1
        return {"type": "http.request", "body": b"x" * 65_536, "more_body": pulled < 1000}

    answered: list[dict] = []

    async def send(message: dict) -> None:
        answered.append(message)

    scope = {
        "type": "http",
        "method": "POST",
        "path": "/sparql",
        "raw_path": b"/sparql",
        "query_string": b"",
        "headers": [(b"content-type", b"application/sparql-query")],
        "root_path": "",
        "scheme": "http",
        "server": ("127.0.0.1", 80),
        "client": ("127.0.0.1", 1),
        "http_version": "1.1",
    }
    guarded = BodyLimit(app_over(store), limit=LIMIT)
    asyncio.run(guarded(scope, receive, send))
    assert answered[0]["status"] == 413
    assert pulled == LIMIT // 65_536 + 1  # the chunk that passed the limit, and not one more


class _Broken:
    """A store that fails as no one expected, with a path of the machine in its message."""

    def describe(self, *args: object) -> bytes:
        raise RuntimeError("/srv/secret/store/000123.sst is corrupt")

    def select(self, *args: object) -> object:
        raise RuntimeError("/srv/secret/store/000123.sst is corrupt")


def test_an_unexpected_error_is_logged_and_answered_without_its_trace(caplog: pytest.LogCaptureFixture) -> None:
    app = app_over(_Broken())  # type: ignore[arg-type]
    with TestClient(app, raise_server_exceptions=False) as client, caplog.at_level(logging.ERROR):
        for path in ("/paragraf/exempelkommun/ks/2026-06-03/138", "/queries/meetings"):
            response = client.get(path, headers={"Accept": "text/turtle"})
            assert response.status_code == 500, response.text
            assert "internal error, logged as incident" in response.json()["detail"]
            assert "/srv/" not in response.text and "Traceback" not in response.text
        assert "/srv/secret/store/000123.sst is corrupt" in caplog.text and "incident" in caplog.text
