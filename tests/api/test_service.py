"""Start page, provenance, the SHACL report, dumps and uploads (POST /ingest) against a real store."""

from __future__ import annotations

import gzip
import logging
import socket
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from rdflib import Dataset

from beslutsgraf import services
from beslutsgraf.api import create_app
from beslutsgraf.ingest.resolve import Resolver
from beslutsgraf.ingest.source import SourceMetadata
from beslutsgraf.ontology import Iris
from beslutsgraf.ontology.registry import load_registry
from beslutsgraf.services.ingesting import ingest_files
from beslutsgraf.services.maintaining import validation_summary
from beslutsgraf.services.publishing import write_dump
from beslutsgraf.settings import Settings
from beslutsgraf.store.oxigraph import OxigraphStore
from beslutsgraf.store.search import SearchIndex
from tests.api.conftest import app_over, serving
from tests.conftest import DATA, SEED

pytestmark = pytest.mark.integration

TOKEN = "s3cret-token-for-tests"


@pytest.fixture
def store(tmp_path: Path) -> Iterator[OxigraphStore]:
    graph_store = OxigraphStore(tmp_path / "store")
    ingest_files([SEED], graph_store, Resolver(load_registry()), Iris(), SourceMetadata(kommun="Exempelkommun"))
    yield graph_store
    graph_store.close()


@pytest.fixture
def client(store: OxigraphStore, tmp_path: Path) -> Iterator[TestClient]:
    app = app_over(store, ingest_token=TOKEN, max_upload_bytes=200_000)
    with TestClient(app) as test_client:
        state = app.state.beslutsgraf
        state.dump, state.dump_made = write_dump(store, tmp_path), "2026-11-27T00:00:00+00:00"
        state.search = SearchIndex(None)
        yield test_client


def test_start_page(client: TestClient) -> None:
    page = client.get("/").text
    assert "KS 2026-06-03" in page and "/dumps/graph.nq.gz" in page and "referral-responses" in page


def test_provenance_of_a_document(client: TestClient) -> None:
    iri = "http://127.0.0.1:8000/dokument/exempelkommun/ks/2026-06-03/138/7"
    answer = client.get("/provenance", params={"iri": iri}).json()
    (derived,) = answer["derivedFrom"]
    assert derived["quote"].startswith("Socialörvaltningens tjänsteskrivelse 2025-11-13")
    assert derived["page"] == 1 and derived["line"] > 1 and derived["end"] > derived["start"]
    assert derived["fileName"] == "ks-2026-06-03-138.txt" and derived["extraction"] == "text"
    assert derived["software"].startswith("beslutsgraf ")
    assert client.get("/provenance", params={"iri": "http://127.0.0.1:8000/organ/x/none"}).status_code == 404
    assert client.get("/provenance", params={"iri": "not an iri"}).status_code == 422  # not of the IRI pattern


def test_validation_report_per_class(client: TestClient) -> None:
    report = client.get("/validation").json()
    assert report["conforms"] is True and report["graphs"] == 1
    documents = next(c for c in report["classes"] if c["class"].endswith("dossier#Stuk"))
    assert documents == {"class": "https://data.vlaanderen.be/ns/dossier#Stuk", "nodes": 14, "valid": 14}


def test_the_validation_report_is_made_once_a_change(store: OxigraphStore, monkeypatch: pytest.MonkeyPatch) -> None:
    """It validates every graph (14 s at 300k triples), and anyone may ask: it was made again for every request."""
    made = []

    def validate(graph_store: OxigraphStore, iris: Iris) -> dict:
        made.append(1)
        time.sleep(0.3)
        return validation_summary(graph_store, iris)

    monkeypatch.setattr(services, "validation_summary", validate)
    app = app_over(store)
    with TestClient(app) as client, ThreadPoolExecutor(3) as pool:
        answers = list(pool.map(lambda _: client.get("/validation").json(), range(3)))
        assert len(made) == 1 and answers[0] == answers[1] == answers[2]
        ingest_files([DATA / "bun-2025-11-11.txt"], store, Resolver(load_registry()), Iris(), SourceMetadata())
        assert client.get("/validation").json()["graphs"] == 2 and len(made) == 2


def test_dump_is_the_whole_graph(client: TestClient, store: OxigraphStore) -> None:
    response = client.get("/dumps/graph.nq.gz")
    assert response.status_code == 200
    dataset = Dataset().parse(data=gzip.decompress(response.content), format="nquads")
    assert len(dataset) == len(store)


def test_the_dump_is_made_at_start_while_the_server_answers(tmp_path: Path) -> None:
    store = OxigraphStore(tmp_path / "store")
    ingest_files([SEED], store, Resolver(load_registry()), Iris(), SourceMetadata())
    quads = len(store)
    store.close()
    app = create_app(Settings(store_path=tmp_path / "store", dump_dir=tmp_path / "dumps"))
    with TestClient(app) as started:
        assert started.get("/context.jsonld").status_code == 200
        statuses = []
        for _ in range(200):
            response = started.get("/dumps/graph.nq.gz")
            statuses.append(response.status_code)
            if response.status_code == 200:
                break
            assert response.status_code == 503 and response.headers["Retry-After"] == "30"
            time.sleep(0.05)
        assert statuses[-1] == 200
        dataset = Dataset().parse(data=gzip.decompress(response.content), format="nquads")
        assert len(dataset) == quads > 100
    assert [p.name for p in (tmp_path / "dumps").iterdir()] == ["graph.nq.gz"]  # no partial file left


def upload(client: TestClient, path: Path, token: str | None = TOKEN, **form: str):
    headers = {"Authorization": f"Bearer {token}"} if token is not None else {}
    return client.post("/ingest", files={"file": (path.name, path.read_bytes())}, data=form, headers=headers)


def test_an_upload_is_ingested(client: TestClient, store: OxigraphStore) -> None:
    response = upload(client, DATA / "bun-2025-11-11.txt")
    assert response.status_code == 200, response.text
    assert response.json()["status"] == "loaded" and response.json()["paragraphs"] == 1
    assert client.get("/paragraf/tidaholm/bun/2025-11-11/96", headers={"Accept": "text/turtle"}).status_code == 200
    hits = client.get("/search", params={"q": "återkoppling"}).json()["hits"]  # the search index kept in step
    assert any(h["iri"].endswith("/paragraf/tidaholm/bun/2025-11-11/96") for h in hits), hits


REFUSED_TOKENS = [
    (None, "no"),
    ("", "no"),
    ("not-the-token", "a wrong"),
    (TOKEN + "x", "a wrong"),
    (TOKEN[:-1], "a wrong"),
    ("x" * 10_000, "a wrong"),
]


@pytest.mark.parametrize(("token", "said"), REFUSED_TOKENS)
def test_an_upload_without_the_token_is_refused_and_logged(
    client: TestClient, store: OxigraphStore, token, said, caplog: pytest.LogCaptureFixture
) -> None:
    before = len(store)
    with caplog.at_level(logging.WARNING, logger="beslutsgraf.api"):
        response = upload(client, DATA / "bun-2025-11-11.txt", token=token)
    assert response.status_code == 401 and response.headers["www-authenticate"] == "Bearer"
    assert f"refused an upload from testclient: {said} token" in caplog.text
    assert TOKEN not in caplog.text and (not token or token not in caplog.text)  # no token is ever written down
    assert len(store) == before


def test_the_bearer_scheme_is_asked_for_in_any_case(client: TestClient, store: OxigraphStore) -> None:
    path = DATA / "bun-2025-11-11.txt"
    bare = client.post("/ingest", files={"file": (path.name, path.read_bytes())}, headers={"Authorization": TOKEN})
    assert bare.status_code == 401  # a token without its scheme was once let in
    lower = client.post(
        "/ingest", files={"file": (path.name, path.read_bytes())}, headers={"Authorization": f"bearer {TOKEN}"}
    )
    assert lower.status_code == 200, lower.text


def test_an_upload_without_the_token_is_refused_before_its_body_is_read(store: OxigraphStore) -> None:
    """A client without the token declared 40 MB, sent 1 MB and waited: the server read on, spooled, then said 401.
    Now the answer comes while the body is still on its way."""
    app = app_over(store, ingest_token=TOKEN)
    with serving(app) as url:
        host, port = url.removeprefix("http://").split(":")
        with socket.create_connection((host, int(port)), timeout=10) as connection:
            connection.sendall(
                b"POST /ingest HTTP/1.1\r\nHost: x\r\nContent-Type: multipart/form-data; boundary=b\r\n"
                b"Content-Length: 40000000\r\n\r\n" + b"x" * 1_000_000
            )
            answer = connection.recv(4096)
    assert answer.startswith(b"HTTP/1.1 401")


@pytest.mark.parametrize("name", ["..", ".", "/", "x" * 300])
def test_an_upload_without_a_usable_file_name_is_refused(client: TestClient, store: OxigraphStore, name: str) -> None:
    before = len(store)
    response = client.post(
        "/ingest",
        files={"file": (name, (DATA / "bun-2025-11-11.txt").read_bytes())},
        headers={"Authorization": f"Bearer {TOKEN}"},
    )
    assert response.status_code == 400 and "file name" in response.json()["detail"]
    assert len(store) == before


def test_an_upload_keeps_only_the_last_part_of_its_name(client: TestClient) -> None:
    response = client.post(
        "/ingest",
        files={"file": ("../../bun.txt", (DATA / "bun-2025-11-11.txt").read_bytes())},
        headers={"Authorization": f"Bearer {TOKEN}"},
    )
    assert response.status_code == 200 and response.json()["file"] == "bun.txt"


def test_a_bad_or_oversized_upload_is_refused_and_the_store_unchanged(
    client: TestClient, store: OxigraphStore, tmp_path: Path
) -> None:
    before = len(store)
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    refused = upload(client, empty)
    assert refused.status_code == 422 and "the file is empty" in refused.json()["detail"]
    assert str(tmp_path) not in refused.text  # no internal paths in answers
    big = tmp_path / "big.txt"
    big.write_bytes(b"x" * 300_000)
    assert upload(client, big).status_code == 413
    assert len(store) == before


def test_uploads_are_off_without_a_token(store: OxigraphStore) -> None:
    """The report, which reads only, is there on every server, as `serve` always gave it."""
    app = app_over(store)
    with TestClient(app) as client:
        assert upload(client, DATA / "bun-2025-11-11.txt").status_code == 403
        assert client.get("/validation").status_code == 200
