"""The store on a SPARQL server (Oxigraph's, started by the tests): the same graphs, answers, tombstones, exports
and refusals as the embedded store, over the SPARQL 1.1 Protocol and the Graph Store Protocol."""

from __future__ import annotations

import csv
import io
import threading
from collections.abc import Iterator
from contextlib import ExitStack
from io import BytesIO
from pathlib import Path

import pytest
from rdflib import Graph, URIRef

from beslutsgraf.ingest.resolve import Resolver
from beslutsgraf.ingest.source import SourceMetadata
from beslutsgraf.ontology import Iris
from beslutsgraf.ontology.registry import load_registry
from beslutsgraf.queries import NamedQuery, answer, catalogue
from beslutsgraf.services.ingesting import ingest_files
from beslutsgraf.services.maintaining import remove_sources, validate_store
from beslutsgraf.store import AnswerLimits, AnswerTooLarge, GraphStore, QueryRefused, StoreError, open_store
from beslutsgraf.store.oxigraph import OxigraphStore
from beslutsgraf.store.server import ServerEndpoints, ServerStore
from beslutsgraf.testing.servers import emptied, free_port, running_oxigraph, running_virtuoso
from tests.conftest import DATA, EXAMPLES, SEED

pytestmark = pytest.mark.system

FILES = [SEED, EXAMPLES / "kf-2026-06-17-71.txt", DATA / "goteborg-ks-2024-02-07-102.txt"]
# A value for each kind of parameter, found in FILES.
SAMPLES = {
    "case": "KS 2025/164",
    "decision": "KS 2026-06-03 § 138",
    "meeting": "KS 2024-02-07",
    "body": "KS",
    "party": "SD",
    "law": "KL 5:1",
    "person": "Axel Josefson",
    "string": "remiss",
}


@pytest.fixture(params=["oxigraph", "virtuoso"])
def server_store(request: pytest.FixtureRequest) -> Iterator[ServerStore]:
    """An empty store on each server the tests start: what the last test wrote dropped, the server's own graphs
    kept."""
    store = open_store(Path("unused"), server=request.getfixturevalue(f"{request.param}_server"))
    assert isinstance(store, ServerStore)
    yield emptied(store)
    store.close()


@pytest.fixture
def both(server_store: ServerStore, tmp_path: Path) -> Iterator[tuple[GraphStore, GraphStore]]:
    embedded = OxigraphStore(tmp_path / "store")
    resolver = Resolver(load_registry([EXAMPLES / "exempelkommun.toml"]))
    for store in (embedded, server_store):
        outcomes = ingest_files(FILES, store, resolver, Iris(), SourceMetadata())
        assert [o.status for o in outcomes] == ["loaded"] * len(FILES), [o.error for o in outcomes]
    yield embedded, server_store
    embedded.close()


def named_quads(store: GraphStore) -> list[bytes]:
    out = BytesIO()
    store.export(out, "nquads")
    return sorted(line for line in out.getvalue().splitlines() if b"startedAtTime" not in line)


def given(named: NamedQuery) -> dict[str, str]:
    if named.name in ("votes", "vote-roll", "reservations"):
        return {"decision": "KS 2024-02-07 § 102"}  # the Göteborg § with a roll-call vote
    chosen = [p for p in named.parameters if not p.optional and (not named.one_of or p.name == named.one_of[0])]
    return {p.name: SAMPLES[p.type] for p in chosen}


def test_the_server_holds_the_same_graphs(both: tuple[GraphStore, GraphStore]) -> None:
    embedded, server = both
    assert server.graph_names() == embedded.graph_names() and len(server) == len(embedded)
    assert named_quads(server) == named_quads(embedded)
    for name in embedded.graph_names():  # each graph read whole through the Graph Store Protocol
        untimed = [{t for t in s.graph(name) if not t[1].endswith("startedAtTime")} for s in both]
        assert untimed[0] == untimed[1] and len(untimed[0]) > 10
    assert validate_store(server, Iris()).keys() == validate_store(embedded, Iris()).keys()


def test_every_named_question_gives_the_same_answers_on_both_stores(both: tuple[GraphStore, GraphStore]) -> None:
    answered = 0
    for name, named in catalogue().items():
        answers = [answer(named, given(named), lambda q, b, s=store: s.select(q, b).rows) for store in both]
        (columns, rows), (server_columns, server_rows) = answers
        assert server_columns == columns, name
        assert sorted(map(repr, server_rows)) == sorted(map(repr, rows)), name
        answered += bool(rows)
    assert answered >= len(catalogue()) - 3  # the answers compared are not empty (but attendance, law, referrals)


def test_descriptions_and_protocol_answers_are_the_same(both: tuple[GraphStore, GraphStore]) -> None:
    server = both[1]
    paragraph = URIRef("http://127.0.0.1:8000/paragraf/exempelkommun/ks/2026-06-03/138")
    for media_type in ("text/turtle", "application/n-triples"):
        described = [set(Graph().parse(data=s.describe(paragraph, media_type), format=media_type)) for s in both]
        assert len(described[0]) > 20 and described[0] == described[1]
    assert server.describe(URIRef("http://127.0.0.1:8000/paragraf/nowhere/1"), "text/turtle") is None
    select = "SELECT ?p (COUNT(*) AS ?n) WHERE { ?s ?p ?o } GROUP BY ?p ORDER BY ?p"
    results = [s.sparql(select, "text/csv", "text/turtle") for s in both]
    tables = [list(csv.reader(io.StringIO(r.body.decode("utf-8")))) for r in results]  # quoted or not, the same
    assert tables[0] == tables[1] and len(tables[0]) > 20
    assert results[1].kind == "results" and results[1].media_type == "text/csv"
    graph = server.sparql("CONSTRUCT WHERE { ?s a ?t } LIMIT 3", "text/csv", "application/n-triples")
    assert graph.kind == "graph" and len(Graph().parse(data=graph.body, format="nt")) == 3


def test_removal_leaves_the_same_tombstones(both: tuple[GraphStore, GraphStore]) -> None:
    for store in both:
        (removed,) = remove_sources([FILES[2].name], store, Iris())
        assert removed.graphs
    untimed = [[line for line in named_quads(s) if b"activitystreams#deleted" not in line] for s in both]
    assert untimed[0] == untimed[1]  # what stayed, and the tombstones but for their times
    tombstones = "SELECT (COUNT(*) AS ?n) WHERE { ?s a <https://www.w3.org/ns/activitystreams#Tombstone> }"
    counts = [int(s.select(tombstones).rows[0]["n"]) for s in both]
    assert counts[0] == counts[1] > 0


def test_answers_past_the_size_limit_and_bad_queries_are_refused(server_store: ServerStore) -> None:
    ingest_files(
        [SEED], server_store, Resolver(load_registry([EXAMPLES / "exempelkommun.toml"])), Iris(), SourceMetadata()
    )
    with pytest.raises(AnswerTooLarge):
        server_store.sparql(
            "SELECT * WHERE { ?s ?p ?o }",
            "application/sparql-results+json",
            "text/turtle",
            limits=AnswerLimits(max_bytes=1000),
        )
    with pytest.raises(QueryRefused, match=r"not SPARQL 1\.1 Query"):  # refused before it is sent
        server_store.sparql("SELECT * WHERE { ?s ?p }", "application/sparql-results+json", "text/turtle")


def test_a_server_that_does_not_answer_is_named(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match=r"http://127\.0\.0\.1:9/query cannot be reached"):
        open_store(tmp_path, server="http://127.0.0.1:9")


def test_endpoints_by_layout_or_by_name() -> None:
    assert ServerEndpoints.parse("http://h:7878/") == ServerEndpoints(
        "http://h:7878/query", "http://h:7878/update", "http://h:7878/store"
    )
    fuseki = ServerEndpoints.parse("query=http://h/ds/query update=http://h/ds/update store=http://h/ds/data")
    assert fuseki.graph_store == "http://h/ds/data"
    with pytest.raises(StoreError, match="no store endpoint"):
        ServerEndpoints.parse("query=http://h/q update=http://h/u")


def test_an_answer_the_server_cut_short_is_refused(tmp_path: Path) -> None:
    """Virtuoso cuts an answer at its ResultSetMaxRows and says so only in a header: an export or a question
    that would read a part as the whole is refused, naming the setting."""
    with running_virtuoso(tmp_path, max_rows=100) as url:
        store = open_store(tmp_path / "index", server=url)
        ingest_files(
            [SEED], store, Resolver(load_registry([EXAMPLES / "exempelkommun.toml"])), Iris(), SourceMetadata()
        )
        with pytest.raises(StoreError, match=r"cut the answer at 100 rows .*ResultSetMaxRows"):
            store.export(BytesIO(), "nquads")
        with pytest.raises(StoreError, match="ResultSetMaxRows"):
            store.select("SELECT * WHERE { ?s ?p ?o }")
        assert len(store.select("SELECT * WHERE { ?s ?p ?o } LIMIT 99").rows) == 99
        store.close()


def test_a_server_that_goes_away_and_comes_back_loses_nothing(tmp_path: Path) -> None:
    """Oxigraph's server stopped after the first file and started again, on the same files and port, two seconds
    into the next ingest: the requests it dropped are sent again, and the store ends as the embedded one does."""
    location, port = tmp_path / "server", free_port()
    location.mkdir()
    reference = OxigraphStore(tmp_path / "reference")
    resolver = Resolver(load_registry([EXAMPLES / "exempelkommun.toml"]))
    ingest_files(FILES, reference, resolver, Iris(), SourceMetadata())
    with running_oxigraph(location, port) as url:
        store = open_store(tmp_path / "index", server=url)
        assert [o.status for o in ingest_files(FILES[:1], store, resolver, Iris(), SourceMetadata())] == ["loaded"]
    with ExitStack() as second_run:
        back = threading.Timer(2.0, lambda: second_run.enter_context(running_oxigraph(location, port)))
        back.start()
        outcomes = ingest_files(FILES, store, resolver, Iris(), SourceMetadata())
        back.join()
        assert [o.status for o in outcomes] == ["unchanged", "loaded", "loaded"], [o.error for o in outcomes]
        assert named_quads(store) == named_quads(reference)
        store.close()
    reference.close()


def test_a_server_that_stays_away_is_said_after_the_patience(tmp_path: Path) -> None:
    with running_oxigraph(tmp_path, free_port()) as url:
        store = ServerStore(ServerEndpoints.parse(url), patience=1.0)
    with pytest.raises(StoreError, match=r"cannot be reached \(tried for \d+ s\): ConnectError"):
        store.select("SELECT * WHERE { ?s ?p ?o } LIMIT 1")
    store.close()
