"""Every request a client can send is answered as HTTP says: 4xx for what the client got wrong, never a 5xx; HEAD
and OPTIONS on every route; and the answers a SPARQL or linked-data client expects (the outside-clients review)."""

from __future__ import annotations

import http.client
import io
from collections.abc import Iterator
from urllib.parse import urlsplit

import httpx
import pytest
from fastapi.testclient import TestClient
from rdflib import Dataset, Graph, URIRef

from beslutsgraf.api.dependencies import get_search
from beslutsgraf.queries import catalogue
from beslutsgraf.store.oxigraph import OxigraphStore
from beslutsgraf.store.search import SearchIndex
from tests.api.conftest import app_over, serving

pytestmark = pytest.mark.integration

BASE = "http://127.0.0.1:8000/"
PARAGRAPH = "/paragraf/exempelkommun/ks/2026-06-03/138"
GRAPH = "/graf/exempelkommun/ks/2026-06-03/138"


def raw_get(server: str, path: str) -> int:
    """A GET with the path sent byte for byte as given, as no client library would mend it."""
    parts = urlsplit(server)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
    try:
        connection.putrequest("GET", path, skip_accept_encoding=True)
        connection.putheader("Accept", "text/turtle")
        connection.endheaders()
        response = connection.getresponse()
        response.read()
        return response.status
    finally:
        connection.close()


def test_every_byte_in_a_resource_path_is_a_404_not_a_500(server: str) -> None:
    """173 of 256 escaped bytes once answered 500 (the engine refused the IRI before any 404 was decided)."""
    statuses = {raw_get(server, f"/paragraf/a%{byte:02X}b") for byte in range(256)}
    assert statuses == {404}
    for path in ("/paragraf/a%ZZb", "/person/goteborg/100%25", "/person/goteborg/%FF%FE", "/arende/x/KS%202025/164"):
        assert raw_get(server, path) == 404, path


def test_a_path_is_the_iri_as_sent(server: str) -> None:
    """An escaped slash or newline names another IRI than the minted one; an escaped unreserved letter does not."""
    assert raw_get(server, PARAGRAPH) == 200
    assert raw_get(server, PARAGRAPH.replace("exempelkommun/ks", "exempelkommun%2Fks")) == 404
    assert raw_get(server, PARAGRAPH + "%0A") == 404
    assert raw_get(server, PARAGRAPH.replace("/paragraf/", "/%70aragraf/")) == 200  # RFC 3986: the same IRI


BAD_IRIS = ["http://x/%ZZ", "http://a/#a#b", "http://[::1", "http://a/\x01", "http://a/\ufffe", "http://a/%"]


def test_every_iri_parameter_of_every_named_question_refuses_a_bad_iri(client: TestClient) -> None:
    for name, named in catalogue().items():
        for parameter in named.parameters:
            for bad in BAD_IRIS:
                response = client.get(f"/queries/{name}", params={parameter.name: bad})
                assert response.status_code in (400, 404), (name, parameter.name, bad, response.text)


@pytest.mark.parametrize(
    ("path", "params"),
    [
        ("/listings/decisions", {"body": "a b"}),
        ("/listings/decisions", {"body": ">"}),
        ("/listings/documents", {"body": "http://x/%ZZ"}),
        ("/provenance", {"iri": "http://a/\x00"}),
        ("/provenance", {"iri": "http://a/\n"}),
        ("/listings/decisions", {"from": "0"}),
    ],
)
def test_bad_values_in_listings_provenance_and_search_are_4xx(
    client: TestClient, path: str, params: dict[str, str]
) -> None:
    assert 400 <= client.get(path, params=params).status_code < 500


def test_search_takes_dates_as_dates(store: OxigraphStore) -> None:
    app = app_over(store)
    app.dependency_overrides[get_search] = lambda: SearchIndex(None)
    with TestClient(app) as client:
        for bad in ("yesterday", "0", "2024-1-1"):
            assert client.get("/search", params={"q": "remiss", "from": bad}).status_code == 422
        assert client.get("/search", params={"q": "remiss", "from": "2024-01-01"}).status_code == 200


def test_an_error_nobody_expected_keeps_the_connection(store: OxigraphStore) -> None:
    """A 500 once made the server drop the keep-alive connection, and the next request on it failed."""

    class Failing:
        path = None

        def __getattr__(self, name: str) -> object:
            return getattr(store, name)

        def describe(self, *args: object) -> bytes:
            raise RuntimeError("nobody expected this")

    with serving(app_over(Failing())) as url, httpx.Client(base_url=url) as client:  # type: ignore[arg-type]
        assert client.get(PARAGRAPH, headers={"Accept": "text/turtle"}).status_code == 500
        assert client.get("/context.jsonld").status_code == 200  # the same connection, still open


@pytest.mark.parametrize(
    "path", [PARAGRAPH, "/sparql", "/", "/listings/decisions", "/ns", "/context.jsonld", "/queries", GRAPH]
)
def test_head_is_get_without_the_body(client: TestClient, path: str) -> None:
    got, head = client.get(path), client.head(path)
    assert head.status_code == got.status_code == 200
    assert head.content == b"" and head.headers["content-type"] == got.headers["content-type"]


def test_options_and_405_name_every_method_a_path_takes(client: TestClient) -> None:
    options = client.options("/sparql")
    assert options.status_code == 204 and options.headers["allow"] == "GET, HEAD, OPTIONS, POST"
    put = client.put("/sparql", content="ASK {}")
    assert put.status_code == 405 and put.headers["allow"] == "GET, HEAD, OPTIONS, POST"
    assert client.options(PARAGRAPH).headers["allow"] == "GET, HEAD, OPTIONS"


def test_a_removed_graph_and_every_printed_graph_iri_dereference(client: TestClient) -> None:
    """Every ingest prints its graph's IRI; it answers with the graph, what one source file said."""
    as_data = client.get(GRAPH, headers={"Accept": "application/n-triples"})
    assert as_data.status_code == 200
    graph = Graph().parse(data=as_data.text, format="nt")
    assert (URIRef(BASE + PARAGRAPH.lstrip("/")), None, None) in graph and len(graph) > 500
    page = client.get(GRAPH, headers={"Accept": "text/html"})
    assert page.status_code == 200 and PARAGRAPH in page.text and "ks-2026-06-03-138.txt" in page.text
    for path in ("/graf/vokabular", "/graf/borttaget"):
        assert client.get(path, headers={"Accept": "text/turtle"}).status_code in (200, 404)
    assert client.get("/graf/vokabular", headers={"Accept": "text/turtle"}).status_code == 200


def test_what_rdf_xml_cannot_write_is_406_not_broken_xml(client: TestClient) -> None:
    for predicate in ("urn:1", "http://a/1", "http://a/p/"):
        response = client.get(
            "/sparql",
            params={"query": f"CONSTRUCT {{ <http://a/s> <{predicate}> 1 }} WHERE {{}}"},
            headers={"Accept": "application/rdf+xml"},
        )
        assert response.status_code == 406 and "RDF/XML cannot write" in response.json()["detail"]
        assert "Accept" in response.headers["vary"]
    fine = client.get(
        "/sparql",
        params={"query": "CONSTRUCT { <http://a/s> <http://a/p> 1 } WHERE {}"},
        headers={"Accept": "application/rdf+xml"},
    )
    assert len(Graph().parse(data=fine.text, format="xml")) == 1


def test_rdf_1_2_is_refused_in_words_not_a_500(client: TestClient) -> None:
    """A triple term asked as JSON-LD made the writer fail (500): the endpoint reads SPARQL 1.1, and says so."""
    query = "CONSTRUCT { <http://a/s> <http://a/p> <<( <http://a/x> <http://a/y> <http://a/z> )>> } WHERE {}"
    response = client.get("/sparql", params={"query": query}, headers={"Accept": "application/ld+json"})
    assert response.status_code == 400 and "SPARQL 1.1" in response.json()["detail"]


def test_a_client_that_asks_for_the_wrong_kind_of_answer_still_gets_one(client: TestClient) -> None:
    """rdflib's SPARQLStore asks a graph query for SPARQL JSON, and an ASK for CSV (which is for tables)."""
    ask = client.get("/sparql", params={"query": "ASK { ?s ?p ?o }"}, headers={"Accept": "text/csv"})
    assert ask.status_code == 200 and ask.headers["content-type"].startswith("application/sparql-results+json")
    assert ask.json()["boolean"] is True
    construct = client.get(
        "/sparql",
        params={"query": "CONSTRUCT WHERE { ?s ?p ?o } LIMIT 2"},
        headers={"Accept": "application/sparql-results+json"},
    )
    assert construct.status_code == 200 and construct.headers["content-type"].startswith("text/turtle")
    refused = client.get("/sparql", params={"query": "ASK {}"}, headers={"Accept": "image/png"})
    assert refused.status_code == 406 and "Accept" in refused.headers["vary"]


@pytest.mark.parametrize("return_format", ["xml", "json", "csv"])
@pytest.mark.parametrize("method", ["GET", "POST", "POST_FORM"])
def test_rdflib_sparqlstore_in_every_configuration(server: str, return_format: str, method: str) -> None:
    from rdflib.plugins.stores.sparqlstore import SPARQLStore

    store = SPARQLStore(f"{server}/sparql", returnFormat=return_format, method=method)
    graph = Graph(store=store)
    paragraph = URIRef(BASE + PARAGRAPH.lstrip("/"))
    assert graph.query(f"ASK {{ <{paragraph}> ?p ?o }}").askAnswer is True
    assert graph.query("ASK { <http://nowhere/x> ?p ?o }").askAnswer is False
    rows = list(graph.query(f"SELECT ?p ?o WHERE {{ <{paragraph}> ?p ?o }}"))
    assert len(rows) > 5
    if return_format != "csv":  # CSV reads every value as a plain string: no graph can be made of it
        constructed = graph.query(f"CONSTRUCT {{ <{paragraph}> ?p ?o }} WHERE {{ <{paragraph}> ?p ?o }}").graph
        assert len(constructed) == len({(p, o) for p, o in rows})


def test_one_query_a_request(client: TestClient) -> None:
    assert client.get("/sparql?query=ASK%20%7B%7D&query=SELECT%20%2A%20%7B%7D").status_code == 400
    assert client.post("/sparql", data={"query": ["ASK {}", "ASK {}"]}).status_code == 400
    assert client.post("/sparql?query=ASK%20%7B%7D", data={"query": "ASK {}"}).status_code == 400


def test_a_query_sent_directly_must_be_utf8(client: TestClient) -> None:
    latin1 = 'SELECT ("café" AS ?x) {}'.encode("latin-1")
    response = client.post("/sparql", content=latin1, headers={"Content-Type": "application/sparql-query"})
    assert response.status_code == 400 and "UTF-8" in response.json()["detail"]


def test_relative_iris_resolve_against_the_endpoint(client: TestClient) -> None:
    response = client.get(
        "/sparql", params={"query": "CONSTRUCT { <s> <p> 1 } WHERE {}"}, headers={"Accept": "application/n-triples"}
    )
    assert response.status_code == 200
    assert f"<{BASE}s> <{BASE}p>" in response.text


@pytest.fixture(scope="module")
def dumped(store: OxigraphStore, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    from beslutsgraf.services.publishing import write_dump

    app = app_over(store)
    with serving(app) as url:
        app.state.beslutsgraf.dump = write_dump(store, tmp_path_factory.mktemp("dump"))
        yield url


def test_the_dump_loads_by_its_url(dumped: str) -> None:
    """Its gzip bytes were labelled N-Quads with no encoding: rdflib and Comunica could not load it by URL. The file
    is gzip, said so; the N-Quads are N-Quads, gzip-encoded for a client that accepts it."""
    loaded = Dataset()
    loaded.parse(f"{dumped}/dumps/graph.nq", format="nquads")  # rdflib asks without accepting gzip
    assert len(loaded) > 1000
    encoded = httpx.get(f"{dumped}/dumps/graph.nq")  # httpx accepts gzip, and unpacks it
    assert encoded.headers["content-encoding"] == "gzip" and encoded.headers["content-type"] == "application/n-quads"
    again = Dataset()
    again.parse(data=encoded.text, format="nquads")
    assert len(again) == len(loaded)
    head = httpx.head(f"{dumped}/dumps/graph.nq.gz")
    assert head.status_code == 200 and head.headers["content-type"] == "application/gzip"
    saved = httpx.get(f"{dumped}/dumps/graph.nq.gz")
    assert io.BytesIO(saved.content).read(2) == b"\x1f\x8b" and "content-encoding" not in saved.headers
