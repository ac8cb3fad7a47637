"""/ns, /ns/shapes and /context.jsonld: the vocabulary served beside the data, with a page anchor per term."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from rdflib import Graph

from beslutsgraf.api import create_app
from beslutsgraf.ontology import BG, SHAPES_FILE, VOCABULARY_FILE
from beslutsgraf.settings import Settings

pytestmark = pytest.mark.unit


@pytest.fixture(scope="module")
def bare() -> TestClient:
    return TestClient(create_app(Settings(store_path=None)))


@pytest.mark.parametrize(("path", "source"), [("/ns", VOCABULARY_FILE), ("/ns/shapes", SHAPES_FILE)])
@pytest.mark.parametrize(
    ("format", "parse_as"), [("ttl", "turtle"), ("jsonld", "json-ld"), ("nt", "nt"), ("rdf", "xml")]
)
def test_every_rdf_format_holds_the_whole_file(
    bare: TestClient, path: str, source: Path, format: str, parse_as: str
) -> None:
    response = bare.get(path, params={"format": format})
    assert response.status_code == 200 and "Accept" in response.headers["vary"]
    assert len(Graph().parse(data=response.content, format=parse_as)) == len(Graph().parse(source))


def test_every_bg_term_the_data_uses_has_an_anchor_on_the_page(client: TestClient) -> None:
    page = client.get("/ns", headers={"Accept": "text/html"}).text
    anchors = set(re.findall(r'<dt id="([^"]+)"', page))
    query = "SELECT DISTINCT ?term WHERE { { ?s ?term ?o } UNION { ?s a ?term } }"
    answer = client.get("/sparql", params={"query": query}).json()["results"]["bindings"]
    used = {b["term"]["value"].removeprefix(str(BG)) for b in answer if b["term"]["value"].startswith(str(BG))}
    assert len(used) > 20
    assert used <= anchors, sorted(used - anchors)


def test_context_and_refusals(bare: TestClient) -> None:
    context = bare.get("/context.jsonld")
    assert context.headers["content-type"] == "application/ld+json" and "@context" in context.json()
    assert bare.get("/ns", headers={"Accept": "image/png"}).status_code == 406
    assert bare.get("/ns", params={"format": "csv"}).status_code == 406
    assert bare.get("/ns", headers={"Accept": "text/turtle"}).headers["content-type"].startswith("text/turtle")
