"""What a re-ingest takes away is reported, not silently gone: tombstones in the listings (OParl's model, with
`modified_since`) and 410 Gone at the resource's own IRI."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from rdflib import Graph, URIRef
from rdflib.namespace import RDF

from beslutsgraf.api.routers.listings import LISTINGS
from beslutsgraf.ingest.resolve import Resolver
from beslutsgraf.ingest.source import SourceMetadata
from beslutsgraf.ontology import AS, BESLUIT, LISTED_CLASSES, Iris
from beslutsgraf.services.ingesting import ingest_files
from beslutsgraf.store.oxigraph import OxigraphStore
from tests.api.conftest import app_over
from tests.conftest import SEED

pytestmark = pytest.mark.integration

BASE = "http://127.0.0.1:8000/"
REMOVED = BASE + "beslut/exempelkommun/ks/2026-06-03/138"
KEPT = BASE + "beslut/exempelkommun/ks/2026-06-03/139"


@pytest.fixture
def changed(tmp_path: Path, resolver: Resolver, iris: Iris) -> Iterator[tuple[TestClient, str]]:
    """A store of its own: the seed ingested, then again renumbered (§138 → §139); and the time between."""
    store = OxigraphStore(tmp_path / "store")
    copy = tmp_path / "ks.txt"

    def ingest(text: str) -> str:
        copy.write_text(text, encoding="utf-8")
        (outcome,) = ingest_files([copy], store, resolver, iris, SourceMetadata(kommun="Exempelkommun"))
        return outcome.status

    assert ingest(SEED.read_text(encoding="utf-8")) == "loaded"
    between = datetime.now(UTC).isoformat()
    assert ingest(SEED.read_text(encoding="utf-8").replace("§138", "§139")) == "replaced"
    with TestClient(app_over(store)) as client:
        yield client, between
    store.close()


def test_every_listed_class_keeps_tombstones() -> None:
    assert {listing.cls for listing in LISTINGS.values()} == set(LISTED_CLASSES)


def test_a_harvester_sees_what_was_removed_since_it_last_looked(changed: tuple[TestClient, str]) -> None:
    client, between = changed
    since = client.get("/listings/decisions", params={"modified_since": between}).json()
    by_iri = {member["@id"]: member for member in since["member"]}
    assert by_iri[REMOVED]["@type"] == "as:Tombstone"
    assert by_iri[REMOVED]["formerType"] == str(BESLUIT.Besluit)
    assert by_iri[REMOVED]["deleted"] >= between[:19]
    assert "@type" not in by_iri[KEPT]  # the renumbered decision is there as an ordinary member
    assert since["totalItems"] == len(since["member"])
    # a harvester that has not synced before gets what exists, not what was removed
    fresh = client.get("/listings/decisions").json()["member"]
    assert REMOVED not in {member["@id"] for member in fresh} and KEPT in {member["@id"] for member in fresh}
    # the listings of other classes hold only their own removals
    documents = client.get("/listings/documents", params={"modified_since": between, "page_size": 100}).json()
    removed_documents = [m for m in documents["member"] if m.get("@type") == "as:Tombstone"]
    assert removed_documents and all(m["formerType"].endswith("#Stuk") for m in removed_documents)
    later = client.get("/listings/decisions", params={"modified_since": "2999-01-01T00:00:00Z"}).json()
    assert later["totalItems"] == 0


REMOVED_PARAGRAPH = BASE + "paragraf/exempelkommun/ks/2026-06-03/138"


@pytest.mark.parametrize("accept", ["text/turtle", "application/ld+json", "application/n-triples"])
@pytest.mark.parametrize(
    ("removed", "former"), [(REMOVED, BESLUIT.Besluit), (REMOVED_PARAGRAPH, BESLUIT.BehandelingVanAgendapunt)]
)
def test_a_removed_resource_is_410_gone_with_its_tombstone(
    changed: tuple[TestClient, str], accept: str, removed: str, former: URIRef
) -> None:
    """The decision, and the § people cite (a removed § once answered 404, as if it had never been)."""
    client, _ = changed
    response = client.get(removed.removeprefix(BASE.rstrip("/")), headers={"Accept": accept})
    assert response.status_code == 410 and response.headers["content-type"].startswith(accept)
    graph = Graph().parse(
        data=response.text,
        format={"text/turtle": "turtle", "application/ld+json": "json-ld", "application/n-triples": "nt"}[accept],
    )
    assert (URIRef(removed), RDF.type, AS.Tombstone) in graph
    assert (URIRef(removed), AS.formerType, former) in graph
    kept = KEPT.replace("/beslut/", "/paragraf/") if "/paragraf/" in removed else KEPT
    assert client.get(kept.removeprefix(BASE.rstrip("/")), headers={"Accept": accept}).status_code == 200


def test_a_removed_resource_page_says_so(changed: tuple[TestClient, str]) -> None:
    client, _ = changed
    page = client.get(REMOVED.removeprefix(BASE.rstrip("/")), headers={"Accept": "text/html"})
    assert page.status_code == 410 and "Borttagen" in page.text
    assert "Borttagen" not in client.get(KEPT.removeprefix(BASE.rstrip("/")), headers={"Accept": "text/html"}).text
