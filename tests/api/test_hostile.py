"""Hostile requests: queries that reach beyond the store, parameters that try to inject SPARQL. Each is refused or
answered harmlessly; none changes the store, and no answer carries a stack trace or a path of the machine."""

from __future__ import annotations

import json
import socket
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient
from httpx import Response

from beslutsgraf.queries import catalogue
from beslutsgraf.store.oxigraph import OxigraphStore
from beslutsgraf.store.workers import QueryWorkers, Question, StoreAccess
from tests.api.conftest import app_over, serving

pytestmark = pytest.mark.system

RESULTS = "application/sparql-results+json"

Send = Callable[[TestClient, str], Response]
FORMS: dict[str, Send] = {
    "GET": lambda c, q: c.get("/sparql", params={"query": q}),
    "POST form": lambda c, q: c.post("/sparql", data={"query": q}),
    "POST direct": lambda c, q: c.post("/sparql", content=q, headers={"Content-Type": "application/sparql-query"}),
}
REACHING_OUT = {
    "service": "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }",
    "service silent": "SELECT * WHERE { SERVICE SILENT <http://127.0.0.1:9/sparql> { ?s ?p ?o } }",
    "service lower case": "select * where { service <http://127.0.0.1:9/sparql> { ?s ?p ?o } }",
    "service by a variable": "SELECT * WHERE { VALUES ?at { <http://127.0.0.1:9/> } SERVICE ?at { ?s ?p ?o } }",
    "service in a subquery": "SELECT * WHERE { { SELECT * WHERE { SERVICE <file:///etc/passwd> { ?s ?p ?o } } } }",
    "service after a comment": "SELECT * WHERE { # a } SERVICE <http://x/>\n SERVICE <http://127.0.0.1:9/> {} }",
    "service escaped": "SELECT * WHERE { \\u0053ERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }",
    "service in construct": "CONSTRUCT { ?s ?p ?o } WHERE { OPTIONAL { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } } }",
    "virtuoso pragma": 'DEFINE get:soft "replace" SELECT * FROM <http://example.org/> WHERE { ?s ?p ?o }',
}
# What looks like the keyword but is not one: answered.
HARMLESS = {
    "in an IRI": "SELECT * WHERE { ?s <http://example.org/SERVICE> ?o }",
    "in a string": 'SELECT * WHERE { ?s ?p "SERVICE <http://127.0.0.1:9/> { }" }',
    "a variable": "SELECT ?service WHERE { ?service ?p ?o } LIMIT 1",
    "a prefixed name": "PREFIX service: <http://example.org/> SELECT * WHERE { ?s service:define ?o }",
}


def clean(response: Response) -> bool:
    return "Traceback" not in response.text and "/work/" not in response.text and ".py" not in response.text


@pytest.mark.parametrize("form", FORMS)
@pytest.mark.parametrize("kind", REACHING_OUT)
def test_queries_that_reach_beyond_the_store_are_refused(
    client: TestClient, store: OxigraphStore, form: str, kind: str
) -> None:
    before = len(store)
    response = FORMS[form](client, REACHING_OUT[kind])
    assert response.status_code == 403, response.text
    assert "reaches beyond this store" in response.json()["detail"] and clean(response)
    assert len(store) == before


@pytest.mark.parametrize("kind", HARMLESS)
def test_the_words_themselves_are_not_refused(client: TestClient, kind: str) -> None:
    response = client.get("/sparql", params={"query": HARMLESS[kind]})
    assert response.status_code == 200, response.text


def test_a_setting_lets_service_through(store: OxigraphStore) -> None:
    with TestClient(app_over(store, allow_service=True)) as allowing:
        response = allowing.get("/sparql", params={"query": REACHING_OUT["service silent"]})
        assert response.status_code == 200, response.text  # asked, and SILENT forgives the closed port
        pragma = allowing.get("/sparql", params={"query": REACHING_OUT["virtuoso pragma"]})
        assert pragma.status_code == 403  # only SERVICE is let through


def test_a_file_named_in_a_query_is_never_read(client: TestClient) -> None:
    for query in (
        "SELECT * FROM <file:///etc/passwd> WHERE { ?s ?p ?o }",
        "SELECT * WHERE { GRAPH <file:///etc/passwd> { ?s ?p ?o } }",
    ):
        response = client.get("/sparql", params={"query": query})
        assert response.status_code == 200 and "root:" not in response.text
        assert response.json()["results"]["bindings"] == []
    load = client.post("/sparql", data={"query": "LOAD <file:///etc/passwd>"})
    assert load.status_code == 400 and "root:" not in load.text and clean(load)


def test_an_update_smuggled_into_a_post_address_is_refused(client: TestClient, store: OxigraphStore) -> None:
    before = len(store)
    response = client.post(
        "/sparql?update=DROP%20ALL",
        content="SELECT * WHERE { ?s ?p ?o } LIMIT 1",
        headers={"Content-Type": "application/sparql-query"},
    )
    assert response.status_code == 403 and len(store) == before


INJECTIONS = [
    '" } ; DROP ALL ; #',
    '"> } UNION { ?s ?p ?o } #',
    'KS 2026-06-03 § 138" } UNION { ?s ?p ?o } #',
    "<http://127.0.0.1:8000/paragraf/exempelkommun/ks/2026-06-03/138> . ?s ?p ?o",
    "http://127.0.0.1:8000/x> } SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } #",
    "\\u0022) } DELETE WHERE { ?s ?p ?o } #",
    "'; DROP TABLE graphs; --",
    "x\n} INSERT DATA { <x:a> <x:b> <x:c> } #",
    "KS 2025/164\x00",
    "%22%7D%20UNION%20%7B%3Fs%20%3Fp%20%3Fo%7D",
    "§" * 10_000,
    "\u202eKS 2025/164",
]


@pytest.mark.parametrize("injection", INJECTIONS, ids=range(len(INJECTIONS)))
def test_named_question_parameters_cannot_inject_sparql(
    client: TestClient, store: OxigraphStore, injection: str
) -> None:
    before = len(store)
    for name, named in catalogue().items():
        for parameter in named.parameters:
            response = client.get(f"/queries/{name}", params={parameter.name: injection})
            assert response.status_code in (200, 400, 404), (name, parameter.name, response.text)
            assert clean(response), (name, parameter.name, response.text)
            if response.status_code == 200:  # a value that names nothing: no rows, never the whole store
                rows = response.json()["results"]["bindings"]
                assert len(rows) < 100, (name, parameter.name, len(rows))
    assert len(store) == before


class Listener:
    """A loopback HTTP listener that records every connection made to it: where a forged request would land."""

    def __init__(self) -> None:
        self.hits: list[bytes] = []
        self._socket = socket.create_server(("127.0.0.1", 0))
        self.port = self._socket.getsockname()[1]
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while True:
            try:
                connection, _ = self._socket.accept()
            except OSError:
                return
            with connection:
                connection.settimeout(2)
                try:
                    self.hits.append(connection.recv(4096))
                    connection.sendall(b"HTTP/1.1 500 Not here\r\nContent-Length: 0\r\n\r\n")
                except OSError:
                    self.hits.append(b"")

    def close(self) -> None:
        self._socket.close()


@pytest.fixture
def listener() -> Iterator[Listener]:
    listening = Listener()
    yield listening
    listening.close()


@pytest.mark.parametrize("form", FORMS)
def test_a_service_hidden_from_patterns_is_found_by_the_parse(
    client: TestClient, listener: Listener, form: str
) -> None:
    """The red team's bypass: to a pattern, `<2)SERVICE?x#>` is an IRI; to SPARQL, a comparison, a SERVICE and a
    comment. The old check let it through, and the server POSTed to the listener."""
    for query in (
        f"SELECT * WHERE {{ VALUES ?x {{ <http://127.0.0.1:{listener.port}/admin?token=1> }} "
        "FILTER EXISTS { FILTER(1<2)SERVICE?x#>\n{ ?s ?p ?o } } }",
        f"SELECT * WHERE {{ BIND(<http://127.0.0.1:{listener.port}/> AS ?x) FILTER(1<2)SERVICE?x#>\n{{}} }}",
    ):
        response = FORMS[form](client, query)
        assert response.status_code == 403, response.text
    assert listener.hits == []


def test_a_worker_cannot_reach_the_network_should_a_service_pass_the_parse(
    store: OxigraphStore, listener: Listener
) -> None:
    """Defence in depth: with the parse's verdict set aside, the engine in a worker tries SERVICE, and reaches
    nothing, since the worker has a network namespace of its own with nothing in it."""
    workers = QueryWorkers(StoreAccess(path=store.path), 1, 2 * 1024**3, isolate=True)
    try:
        question = Question(
            f"SELECT * WHERE {{ SERVICE SILENT <http://127.0.0.1:{listener.port}/> {{ ?s ?p ?o }} }}",
            RESULTS,
            "text/turtle",
            RESULTS,
            allow_service=True,
        )
        answered = workers.answer(question, 60)
        assert json.loads(answered.body)["results"]["bindings"] == [{}]  # SILENT: as if the server were empty
    finally:
        workers.close()
    time.sleep(0.5)
    assert listener.hits == []
    # and the same worker, not cut off, does reach it: the listener works, and the test can fail
    reaching = QueryWorkers(StoreAccess(path=store.path), 1, 2 * 1024**3, isolate=False)
    try:
        reaching.answer(question, 60)
    finally:
        reaching.close()
    assert within(5, lambda: bool(listener.hits))


NESTED = {
    "braces": "SELECT * WHERE " + "{ " * 2500 + "?s ?p ?o" + " }" * 2500,
    "parentheses": "SELECT * WHERE { ?s ?p ?o FILTER(" + "(" * 30_000 + "?o" + ")" * 30_000 + ") }",
}


# 60 kB of parentheses is past what an HTTP client sends in a URL, so those go by POST only
@pytest.mark.parametrize(
    ("form", "kind"),
    [(form, "braces") for form in FORMS] + [("POST form", "parentheses"), ("POST direct", "parentheses")],
)
def test_deeply_nested_queries_are_refused_before_an_engine_reads_them(
    client: TestClient, form: str, kind: str
) -> None:
    """2,500 nested braces ran Oxigraph's parser out of stack and killed the server (a form POST any web page can
    send)."""
    response = FORMS[form](client, NESTED[kind])
    assert response.status_code == 400 and "nests" in response.json()["detail"]
    assert client.get("/sparql", params={"query": "ASK { ?s ?p ?o }"}).json()["boolean"] is True


def test_a_long_query_costs_time_in_proportion(client: TestClient) -> None:
    """The old check's pattern backtracked from every letter of a long word: 96 kB froze every endpoint 28 s."""
    for letters in (48_000, 96_000, 400_000):
        response = FORMS["POST direct"](client, "SELECT * WHERE { ?s ?p ?o }\n" + "a" * letters)
        assert response.status_code == 400
    response = FORMS["POST direct"](client, "ASK {}" + " " * 1_000_001)
    assert response.status_code == 400 and "longer than" in response.json()["detail"]


def test_a_query_that_outgrows_its_memory_costs_its_worker_not_the_server(store: OxigraphStore) -> None:
    """ORDER BY over a product sorts everything before its first row: past its 503 it grew 400 MB a second until the
    server died. Now it grows in its worker, which is stopped at its bound."""
    app = app_over(store, query_memory_bytes=1536 * 1024**2, query_timeout_seconds=60)
    with TestClient(app) as bounded:
        assert bounded.get("/sparql", params={"query": "ASK { ?s ?p ?o }"}).status_code == 200
        before = resident_bytes()
        response = bounded.get(
            "/sparql", params={"query": "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i } ORDER BY ?i ?f ?c"}
        )
        assert response.status_code == 503 and "memory" in response.json()["detail"], response.text
        assert resident_bytes() - before < 100 * 1024**2  # the server's own memory did not grow
        assert bounded.get("/sparql", params={"query": "ASK { ?s ?p ?o }"}).json()["boolean"] is True


def test_a_post_query_waits_in_a_thread_and_the_server_answers_others_meanwhile(store: OxigraphStore) -> None:
    """A POSTed query was answered on the event loop: nothing else was answered until it was done."""
    slow = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?p ?b . ?c ?q ?d . VALUES ?k { 1 2 3 4 } }"
    with serving(app_over(store, query_timeout_seconds=120)) as url, httpx.Client(base_url=url, timeout=120) as http:
        assert http.get("/sparql", params={"query": "ASK {}"}).status_code == 200
        finished: list[str] = []
        with ThreadPoolExecutor(1) as pool:
            posted = pool.submit(lambda: (http.post("/sparql", data={"query": slow}), finished.append("post")))
            time.sleep(0.3)
            assert http.get("/context.jsonld").status_code == 200
            finished.append("context")
            assert posted.result()[0].status_code == 200
        assert finished == ["context", "post"]


def resident_bytes() -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) * 1024
    return 0


def within(seconds: float, check: Callable[[], bool]) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and not check():
        time.sleep(0.1)
    return check()
