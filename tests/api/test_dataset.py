"""The dataset described where harvesters look: VoID at /.well-known/void, a DCAT catalogue at /katalog, and the
service description pointing at both; every address in them answers."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import RDF

from beslutsgraf.ontology import BESLUIT

pytestmark = pytest.mark.integration

VOID = Namespace("http://rdfs.org/ns/void#")
DCAT = Namespace("http://www.w3.org/ns/dcat#")  # open: pytest looks at a closed one's attributes, and it warns
BASE = "http://127.0.0.1:8000/"
DATASET = URIRef(BASE + ".well-known/void#dataset")
FORMATS = {
    "text/turtle": "turtle",
    "application/ld+json": "json-ld",
    "application/n-triples": "nt",
    "application/rdf+xml": "xml",
}


def described(client: TestClient, path: str, media_type: str = "text/turtle") -> Graph:
    response = client.get(path, headers={"Accept": media_type})
    assert response.status_code == 200 and response.headers["content-type"].startswith(media_type)
    return Graph().parse(data=response.text, format=FORMATS[media_type])


@pytest.mark.parametrize("media_type", FORMATS)
def test_void_says_where_the_dump_and_the_endpoint_are(client: TestClient, media_type: str) -> None:
    void = described(client, "/.well-known/void", media_type)
    assert (DATASET, RDF.type, VOID.Dataset) in void
    assert (DATASET, VOID.sparqlEndpoint, URIRef(BASE + "sparql")) in void
    assert {str(d) for d in void.objects(DATASET, VOID.dataDump)} == {
        BASE + "dumps/graph.nq",
        BASE + "dumps/graph.nq.gz",
    }
    assert (DATASET, VOID.uriSpace, Literal(BASE)) in void


def test_void_counts_what_the_listings_list(client: TestClient) -> None:
    void = described(client, "/.well-known/void")
    partitions = {
        void.value(p, VOID["class"]): int(void.value(p, VOID.entities))
        for p in void.objects(DATASET, VOID.classPartition)
    }
    assert partitions[BESLUIT.Besluit] == client.get("/listings/decisions").json()["totalItems"]
    assert partitions[BESLUIT.Zitting] == client.get("/listings/meetings").json()["totalItems"]
    triples = int(void.value(DATASET, VOID.triples))
    asked = client.get("/sparql", params={"query": "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"}).json()
    assert triples == int(asked["results"]["bindings"][0]["n"]["value"])


def test_the_dcat_catalogue_leads_to_a_distribution_and_a_service(client: TestClient) -> None:
    catalogue = described(client, "/katalog")
    (catalog,) = catalogue.subjects(RDF.type, DCAT.Catalog)
    (dataset,) = catalogue.objects(catalog, DCAT.dataset)
    downloads = {str(catalogue.value(d, DCAT.downloadURL)) for d in catalogue.objects(dataset, DCAT.distribution)}
    assert downloads == {BASE + "dumps/graph.nq", BASE + "dumps/graph.nq.gz"}
    (service,) = catalogue.objects(catalog, DCAT.service)
    assert (service, DCAT.servesDataset, dataset) in catalogue
    assert (service, DCAT.endpointURL, URIRef(BASE + "sparql")) in catalogue
    assert catalogue.value(dataset, URIRef("http://purl.org/dc/terms/language")) is not None


def test_the_service_description_names_the_dataset(client: TestClient) -> None:
    description = described(client, "/sparql")
    sd = Namespace("http://www.w3.org/ns/sparql-service-description#")
    assert (URIRef(BASE + "sparql"), sd.defaultDataset, DATASET) in description
