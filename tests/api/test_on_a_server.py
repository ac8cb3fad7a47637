"""The API served from a store on a SPARQL server (Oxigraph's, started by the tests), as `beslutsgraf serve` does
with BESLUTSGRAF_STORE_SERVER set: pages, named questions and /sparql answer as they do from the embedded store."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from rdflib import Graph, URIRef

from beslutsgraf.api import create_app
from beslutsgraf.ingest.resolve import Resolver
from beslutsgraf.ingest.source import SourceMetadata
from beslutsgraf.ontology import Iris
from beslutsgraf.ontology.registry import load_registry
from beslutsgraf.services.ingesting import ingest_files
from beslutsgraf.settings import Settings
from beslutsgraf.store import open_store
from beslutsgraf.testing.servers import emptied
from tests.conftest import EXAMPLES, SEED

pytestmark = pytest.mark.system


@pytest.mark.parametrize("server", ["oxigraph", "virtuoso"])
def test_the_api_answers_from_a_store_server(server: str, request: pytest.FixtureRequest, tmp_path: Path) -> None:
    url = request.getfixturevalue(f"{server}_server")
    store = open_store(tmp_path, server=url)
    emptied(store)
    resolver = Resolver(load_registry([EXAMPLES / "exempelkommun.toml"]))
    assert [o.status for o in ingest_files([SEED], store, resolver, Iris(), SourceMetadata())] == ["loaded"]
    store.close()
    app = create_app(Settings(store_path=tmp_path / "local", store_server=url))
    with TestClient(app) as client:
        page = client.get("/paragraf/exempelkommun/ks/2026-06-03/138", headers={"Accept": "text/html"})
        assert page.status_code == 200 and "Socialnämnden" in page.text
        turtle = client.get("/paragraf/exempelkommun/ks/2026-06-03/138", headers={"Accept": "text/turtle"})
        assert turtle.status_code == 200 and "@prefix bg:" in turtle.text
        assert client.get("/paragraf/exempelkommun/ks/2026-06-03/999").status_code == 404
        answer = client.get("/queries/referral-responses", params={"decision": "KS 2026-06-03 § 138"}).json()
        assert len(answer["results"]["bindings"]) == 10
        sparql = client.get("/sparql", params={"query": "ASK { ?s a <http://data.vlaanderen.be/ns/besluit#Zitting> }"})
        assert sparql.json()["boolean"] is True
        listing = client.get("/listings/decisions").json()
        assert listing["totalItems"] >= 1
        # a CONSTRUCT's relative IRIs resolve against this endpoint, never the server's address behind it
        built = client.get(
            "/sparql", params={"query": "CONSTRUCT { <s> <p> 1 } WHERE {}"}, headers={"Accept": "application/n-triples"}
        )
        assert built.status_code == 200 and url.split("//")[1] not in built.text
        (triple,) = Graph().parse(data=built.text, format="nt")
        assert triple[:2] == (URIRef("http://127.0.0.1:8000/s"), URIRef("http://127.0.0.1:8000/p"))
        # several graphs named as the default graph are their merge there too, each triple once
        graphs = [
            row["g"]["value"]
            for row in client.get(
                "/sparql", params={"query": "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }"}
            ).json()["results"]["bindings"]
        ]
        counted = client.get(
            "/sparql", params={"query": "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", "default-graph-uri": graphs}
        ).json()
        merged = client.get("/sparql", params={"query": "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"}).json()
        assert counted["results"]["bindings"][0]["n"]["value"] == merged["results"]["bindings"][0]["n"]["value"]
