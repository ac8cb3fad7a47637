"""Hostile requests: queries that reach beyond the store, parameters that try to inject SPARQL. Each is refused or
answered harmlessly; none changes the store, and no answer carries a stack trace or a path of the machine."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from fastapi.testclient import TestClient
from httpx import Response

from queries import catalogue
from store.oxigraph import OxigraphStore
from tests.api.conftest import app_over

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
def test_queries_that_reach_beyond_the_store_are_refused(client: TestClient, store: OxigraphStore, form: str,
                                                         kind: str) -> None:  # fmt: skip
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
    for query in ("SELECT * FROM <file:///etc/passwd> WHERE { ?s ?p ?o }",
                  "SELECT * WHERE { GRAPH <file:///etc/passwd> { ?s ?p ?o } }"):  # fmt: skip
        response = client.get("/sparql", params={"query": query})
        assert response.status_code == 200 and "root:" not in response.text
        assert response.json()["results"]["bindings"] == []
    load = client.post("/sparql", data={"query": "LOAD <file:///etc/passwd>"})
    assert load.status_code == 400 and "root:" not in load.text and clean(load)


def test_an_update_smuggled_into_a_post_address_is_refused(client: TestClient, store: OxigraphStore) -> None:
    before = len(store)
    response = client.post("/sparql?update=DROP%20ALL", content="SELECT * WHERE { ?s ?p ?o } LIMIT 1",
                           headers={"Content-Type": "application/sparql-query"})  # fmt: skip
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
def test_named_question_parameters_cannot_inject_sparql(client: TestClient, store: OxigraphStore,
                                                        injection: str) -> None:  # fmt: skip
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
