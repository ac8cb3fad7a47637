"""The HTTP API against a real Oxigraph store filled from test protocols, swapped in by dependency override."""

from __future__ import annotations

import json
import re
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from rdflib import Dataset, Graph, URIRef

from beslutsgraf.ingest.resolve import Resolver
from beslutsgraf.ingest.source import SourceMetadata
from beslutsgraf.ontology import Iris
from beslutsgraf.ontology.registry import load_registry
from beslutsgraf.services.ingesting import ingest_files
from beslutsgraf.store.oxigraph import OxigraphStore
from tests.api.conftest import app_over
from tests.conftest import EXAMPLES, SEED

pytestmark = pytest.mark.integration

PARAGRAPH = "/paragraf/exempelkommun/ks/2026-06-03/138"
IRI = "http://127.0.0.1:8000" + PARAGRAPH


ACCEPT = [
    ("text/turtle", 200, "text/turtle"),
    ("application/ld+json", 200, "application/ld+json"),
    ("application/n-triples", 200, "application/n-triples"),
    ("application/rdf+xml", 200, "application/rdf+xml"),
    ("text/html", 200, "text/html"),
    ("*/*", 200, "text/html"),
    (None, 200, "text/html"),
    ("text/*", 200, "text/html"),
    ("application/*", 200, "application/ld+json"),
    ("application/json", 200, "application/ld+json"),
    ("text/turtle;q=0.5, application/ld+json;q=0.9", 200, "application/ld+json"),
    ("text/html;q=0.1, text/turtle", 200, "text/turtle"),
    ("text/*;q=0.2, text/turtle;q=0.8", 200, "text/turtle"),
    ("*/*;q=0.1, application/n-triples", 200, "application/n-triples"),
    ("text/turtle;q=0", 406, None),
    ("image/png", 406, None),
    ("application/pdf, image/*", 406, None),
    ("garbage", 200, "text/html"),  # an unreadable Accept counts as none
]


@pytest.mark.parametrize(("accept", "status", "media"), ACCEPT, ids=[str(a[0]) for a in ACCEPT])
def test_accept_header(client: TestClient, accept: str | None, status: int, media: str | None) -> None:
    headers = {"Accept": accept} if accept is not None else {}
    response = client.get(PARAGRAPH, headers=headers)
    assert response.status_code == status, response.text
    if media:
        assert response.headers["content-type"].split(";")[0] == media
        assert "Accept" in response.headers["vary"]


@pytest.mark.parametrize(
    ("suffix", "media", "parse_as"),
    [
        ("?format=ttl", "text/turtle", "turtle"),
        (".jsonld", "application/ld+json", "json-ld"),
        (".nt", "application/n-triples", "nt"),
        (".rdf", "application/rdf+xml", "xml"),
        ("?format=jsonld", "application/ld+json", "json-ld"),
    ],
)
def test_every_rdf_format_parses_with_rdflib(client: TestClient, suffix: str, media: str, parse_as: str) -> None:
    response = client.get(PARAGRAPH + suffix, headers={"Accept": "text/html"})  # the explicit choice wins
    assert response.status_code == 200
    assert response.headers["content-type"].split(";")[0] == media
    graph = Graph().parse(data=response.content, format=parse_as)
    assert (URIRef(IRI), URIRef("https://w3id.org/beslutsgraf/ns#paragraphNumber"), None) in graph
    assert len(graph) > 30


def test_html_page_for_people(client: TestClient) -> None:
    page = client.get(PARAGRAPH).text  # the § as people read it
    assert "KS 2026-06-03 § 138</p>" in page and "<h1>Ansvar, roller och samspel" in page
    assert ">Kommunstyrelsens arbetsutskott</a>" in page  # labels, not bare IRIs
    assert "Ur källan" in page and "sida 1, rad" in page
    every = client.get(PARAGRAPH, params={"vy": "alla"}).text  # every triple, one click away
    assert "<h1>KS 2026-06-03 § 138 Ansvar, roller och samspel" in every
    assert ">Kommunstyrelsens arbetsutskott</a>" in every and "Ur källan" in every and "sida 1, rad" in every


@pytest.mark.parametrize("path", ["/paragraf/exempelkommun/ks/2026-06-03/999", "/organ/nowhere/ks", "/nothing/here"])
def test_unknown_iri_is_404(client: TestClient, path: str) -> None:
    assert client.get(path, headers={"Accept": "text/turtle"}).status_code == 404


def test_every_kind_of_minted_iri_dereferences(client: TestClient, store: OxigraphStore) -> None:
    """One IRI of each kind the graph mints (the first path segment) answers with its own triples: a kind the
    router does not list would answer 404."""
    base = Iris().base
    query = f'SELECT DISTINCT ?s WHERE {{ ?s ?p ?o FILTER(STRSTARTS(STR(?s), "{base}")) }} ORDER BY ?s'
    first: dict[str, str] = {}
    for row in store.select(query).rows:
        iri = str(row["s"])
        if "#" not in iri:  # a span is a fragment of its source file's IRI
            first.setdefault(iri.removeprefix(base).split("/")[0], iri)
    assert {"kommun", "organ", "sammantrade", "agendapunkt", "paragraf", "beslut", "arende", "votering"} <= set(first)
    for kind, iri in first.items():
        response = client.get(iri.removeprefix("http://127.0.0.1:8000"), headers={"Accept": "text/turtle"})
        assert response.status_code == 200, kind
        assert (URIRef(iri), None, None) in Graph().parse(data=response.text, format="turtle"), kind


def test_unknown_format_is_406(client: TestClient) -> None:
    assert client.get(PARAGRAPH + "?format=pdf").status_code == 406
    assert client.get(PARAGRAPH + "?format=csv").status_code == 406  # a results format is no format for a resource


SELECT = "SELECT ?title WHERE { <" + IRI + "> <http://purl.org/dc/terms/title> ?title }"
CONSTRUCT = "CONSTRUCT { <" + IRI + "> ?p ?o } WHERE { <" + IRI + "> ?p ?o }"


@pytest.mark.parametrize(
    ("accept", "media"),
    [
        ("application/sparql-results+json", "application/sparql-results+json"),
        ("application/sparql-results+xml", "application/sparql-results+xml"),
        ("text/csv", "text/csv"),
        ("text/tab-separated-values", "text/tab-separated-values"),
        (None, "application/sparql-results+json"),
    ],
)
def test_sparql_select_in_every_results_format(client: TestClient, accept: str | None, media: str) -> None:
    headers = {"Accept": accept} if accept else {}
    for response in (
        client.get("/sparql", params={"query": SELECT}, headers=headers),
        client.post("/sparql", data={"query": SELECT}, headers=headers),
        client.post("/sparql", content=SELECT, headers={**headers, "Content-Type": "application/sparql-query"}),
    ):
        assert response.status_code == 200, response.text
        assert response.headers["content-type"].split(";")[0] == media
        assert "Ansvar, roller och samspel" in response.text


GRAPH_FORMATS = [
    ("text/turtle", "turtle"),
    ("application/n-triples", "nt"),
    ("application/ld+json", "json-ld"),
    ("application/rdf+xml", "xml"),
]


@pytest.mark.parametrize(("accept", "parse_as"), GRAPH_FORMATS)
def test_sparql_construct_in_every_graph_format(client: TestClient, accept: str, parse_as: str) -> None:
    response = client.get("/sparql", params={"query": CONSTRUCT}, headers={"Accept": accept})
    assert response.status_code == 200
    assert len(Graph().parse(data=response.content, format=parse_as)) > 10


def test_dataset_parameters(client: TestClient) -> None:
    count = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    graph = "http://127.0.0.1:8000/graf/exempelkommun/kf/2026-06-17/71"
    whole = client.get("/sparql", params={"query": count}).json()["results"]["bindings"][0]["n"]["value"]
    one = client.get("/sparql", params={"query": count, "default-graph-uri": graph}).json()
    assert 0 < int(one["results"]["bindings"][0]["n"]["value"]) < int(whole)
    named = "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }"
    listed = client.get("/sparql", params={"query": named, "named-graph-uri": graph}).json()
    assert [b["g"]["value"] for b in listed["results"]["bindings"]] == [graph]
    not_an_iri = client.get("/sparql", params={"query": count, "default-graph-uri": "AAA"})
    assert not_an_iri.status_code == 400 and "not an absolute IRI" in not_an_iri.json()["detail"]


@pytest.mark.parametrize(
    "send",
    [
        lambda c: c.get("/sparql", params={"update": "DROP ALL"}),
        lambda c: c.post("/sparql", data={"update": "DROP ALL"}),
        lambda c: c.post("/sparql", content="DROP ALL", headers={"Content-Type": "application/sparql-update"}),
        lambda c: c.get("/sparql", params={"query": "DROP ALL"}),
        lambda c: c.post("/sparql", data={"query": "INSERT DATA { <x:a> <x:b> <x:c> }"}),
        lambda c: c.get("/sparql", params={"query": "SELECT * WHERE { ?s ?p ?o }", "update": "CLEAR ALL"}),
    ],
)
def test_updates_are_refused_in_every_form(client: TestClient, store: OxigraphStore, send) -> None:
    before = len(store)
    response = send(client)
    assert response.status_code in (400, 403)
    assert "Traceback" not in response.text and "/work/" not in response.text
    assert len(store) == before


# Every pair of triples, eight times over: about two seconds of the engine's work (here), a one-line answer.
SLOW = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?p ?b . ?c ?q ?d . VALUES ?k { 1 2 3 4 5 6 7 8 } }"


@pytest.mark.system  # processes stopped at a limit or killed: a fault test
def test_a_query_past_the_time_limit_is_answered_503_at_the_limit(store: OxigraphStore) -> None:
    started = time.monotonic()
    store.sparql(SLOW, "application/sparql-results+json", "text/turtle")
    alone = time.monotonic() - started
    app = app_over(store, query_timeout_seconds=alone / 10)
    with TestClient(app) as limited:
        assert limited.get("/sparql", params={"query": SELECT}).status_code == 200  # the workers started
        started = time.monotonic()
        response = limited.get("/sparql", params={"query": SLOW})
        waited = time.monotonic() - started
        assert response.status_code == 503, response.text
        assert "s; narrow it" in response.json()["detail"]
        assert waited < alone / 2  # the client is not kept waiting for the engine
        assert limited.get("/sparql", params={"query": SELECT}).status_code == 200  # the other worker answers


def test_an_answer_past_the_size_limit_is_refused(store: OxigraphStore) -> None:
    app = app_over(store, max_answer_bytes=10_000)
    with TestClient(app) as limited:
        whole = "SELECT * WHERE { ?s ?p ?o }"
        for query in (whole, "CONSTRUCT WHERE { ?s ?p ?o }"):
            response = limited.get("/sparql", params={"query": query})
            assert response.status_code == 422 and "LIMIT and OFFSET" in response.json()["detail"]
        assert limited.get("/sparql", params={"query": whole + " LIMIT 5"}).status_code == 200


@pytest.mark.parametrize(
    ("accept", "answered"),
    [
        (None, "text/turtle"),
        ("*/*", "text/turtle"),
        ("application/ld+json", "application/ld+json"),
        ("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", "text/html"),  # a browser: the editor
        ("text/turtle;q=0.9, text/html;q=0.5", "text/turtle"),
        ("image/png", None),
    ],
)
def test_sparql_without_a_query_describes_the_service_or_opens_the_editor(
    client: TestClient, accept: str | None, answered: str | None
) -> None:
    response = client.get("/sparql", headers={"Accept": accept} if accept else {})
    if answered is None:
        assert response.status_code == 406
        return
    assert response.status_code == 200 and response.headers["content-type"].startswith(answered)
    if answered == "text/turtle":
        assert "sd:Service" in response.text and len(Graph().parse(data=response.text, format="turtle")) > 3
    if answered == "text/html":
        assert '<script src="/static/yasgui/yasgui.min.js">' in response.text
        assert "PREFIX bg: &lt;https://w3id.org/beslutsgraf/ns#&gt;" in response.text  # the prefixes, written in
        assert '"referral-responses":' in response.text  # every named question, an example
        assert client.get("/static/yasgui/yasgui.min.js").status_code == 200  # shipped, not fetched elsewhere


def test_named_questions_over_http(client: TestClient) -> None:
    listed = client.get("/queries").json()
    assert {q["name"] for q in listed} >= {"referral-responses", "case-history", "votes"}
    answer = client.get("/queries/referral-responses", params={"decision": "KS 2026-06-03 § 138"})
    assert answer.status_code == 200
    labels = [b["authorLabel"]["value"] for b in answer.json()["results"]["bindings"]]
    assert "Socialförvaltningen" in labels and len(labels) == 10
    csv = client.get("/queries/case-history", params={"case": "KS 2025/164", "format": "csv"})
    assert csv.text.splitlines()[0] == "decision,citation,body,bodyLabel,date,paragraph,title,outcome"
    assert client.get("/queries/referral-responses").status_code == 400
    assert client.get("/queries/no-such-question").status_code == 404
    injected = client.get("/queries/case-history", params={"case": 'KS 2025/164" } } DROP ALL #'})
    assert injected.status_code == 404 and "no case" in injected.json()["detail"]  # well written, names nothing


def test_openapi_documentation(client: TestClient) -> None:
    schema = client.get("/openapi.json").json()
    assert "/sparql" in schema["paths"] and "/queries/referral-responses" in schema["paths"]
    post = schema["paths"]["/sparql"]["post"]
    assert {"application/sparql-query", "application/x-www-form-urlencoded"} <= set(post["requestBody"]["content"])
    assert {"400", "403", "406", "415", "503"} <= set(post["responses"])
    assert "text/csv" in post["responses"]["200"]["content"]
    votes = {p["name"]: p for p in schema["paths"]["/queries/votes"]["get"]["parameters"]}
    assert votes["decision"]["required"] is True
    assert {"404", "406", "410"} <= set(schema["paths"]["/{kind}/{rest}"]["get"]["responses"])
    assert client.get("/docs").status_code == 200


@pytest.mark.parametrize("form", ["json", "xml", "csv", "tsv"])
def test_sparqlwrapper_in_every_results_format(server: str, form: str) -> None:
    from SPARQLWrapper import CSV, JSON, TSV, XML, SPARQLWrapper

    client = SPARQLWrapper(f"{server}/sparql")
    client.setQuery(SELECT)
    client.setReturnFormat({"json": JSON, "xml": XML, "csv": CSV, "tsv": TSV}[form])
    result = client.query().convert()
    text = json.dumps(result) if form == "json" else result.toxml() if form == "xml" else result.decode("utf-8")
    assert "Ansvar, roller och samspel" in text


def test_sparqlwrapper_construct(server: str) -> None:
    from SPARQLWrapper import TURTLE, SPARQLWrapper

    client = SPARQLWrapper(f"{server}/sparql")
    client.setQuery(CONSTRUCT)
    client.setReturnFormat(TURTLE)
    data = client.query().convert()
    assert len(Dataset().parse(data=data, format="turtle")) > 10


def test_listings_page_in_a_stable_order(client: TestClient) -> None:
    first = client.get("/listings/decisions", params={"page_size": 3}).json()
    assert first["totalItems"] == 4 and len(first["member"]) == 3
    assert "next" in first["view"] and "previous" not in first["view"]
    second = client.get(first["view"]["next"]).json()
    assert [m["@id"] for m in second["member"]] == ["http://127.0.0.1:8000/beslut/exempelkommun/kf/2026-06-17/71"]
    assert "previous" in second["view"] and "next" not in second["view"]
    dates = [m["date"] for m in first["member"] + second["member"]]
    assert dates == sorted(dates)


def test_a_listing_follows_the_store_it_lists(tmp_path: Path) -> None:
    """Its order is kept between pages for speed, and made again as soon as the store changes."""
    store = OxigraphStore(tmp_path / "store")
    resolver = Resolver(load_registry([EXAMPLES / "exempelkommun.toml"]))
    ingest_files([SEED], store, resolver, Iris(), SourceMetadata())
    with TestClient(app_over(store)) as fresh:
        before = [m["@id"] for m in fresh.get("/listings/decisions", params={"page_size": 100}).json()["member"]]
        ingest_files([EXAMPLES / "kf-2026-06-17-71.txt"], store, resolver, Iris(), SourceMetadata())
        pages = [fresh.get("/listings/decisions", params={"page_size": 1, "page": n}).json() for n in (1, 2, 3, 4)]
        after = [m["@id"] for page in pages for m in page["member"]]
        assert len(after) == pages[0]["totalItems"] == len(before) + 1
        assert "http://127.0.0.1:8000/beslut/exempelkommun/kf/2026-06-17/71" in after
        assert [d for d in after if d in before] == before  # the one stable order
    store.close()


def test_a_question_over_the_whole_store_is_kept_until_the_store_changes(tmp_path: Path) -> None:
    store = OxigraphStore(tmp_path / "store")
    resolver = Resolver(load_registry([EXAMPLES / "exempelkommun.toml"]))
    ingest_files([SEED], store, resolver, Iris(), SourceMetadata())
    with TestClient(app_over(store)) as fresh:

        def meetings() -> list[str]:
            answer = fresh.get("/queries/meetings").json()
            return [row["citation"]["value"] for row in answer["results"]["bindings"]]

        assert meetings() == meetings() == ["KS 2026-06-03"]
        ingest_files([EXAMPLES / "kf-2026-06-17-71.txt"], store, resolver, Iris(), SourceMetadata())
        assert meetings() == ["KS 2026-06-03", "KF 2026-06-17"]
        only_kf = fresh.get("/queries/meetings", params={"body": "KF"}).json()["results"]["bindings"]
        assert [row["citation"]["value"] for row in only_kf] == ["KF 2026-06-17"]  # with parameters: not kept
    store.close()


def test_listing_filters(client: TestClient) -> None:
    kf = "http://127.0.0.1:8000/organ/exempelkommun/kf"
    meetings = client.get("/listings/meetings", params={"body": kf}).json()
    assert [m["label"] for m in meetings["member"]] == ["Kommunfullmäktige 2026-06-17"]
    in_june = client.get("/listings/meetings", params={"from": "2026-06-10", "to": "2026-06-30"}).json()
    assert in_june["totalItems"] == 1
    assert client.get("/listings/documents", params={"document_kind": "remissvar"}).json()["totalItems"] == 7
    assert client.get("/listings/decisions", params={"outcome": "bifall"}).json()["totalItems"] == 1
    later = client.get("/listings/bodies", params={"modified_since": "2999-01-01T00:00:00"}).json()
    assert later["totalItems"] == 0  # nothing changed since: a harvester is in sync
    assert client.get("/listings/people").status_code == 200
    assert client.get("/listings/nothing").status_code == 404
    assert client.get("/listings/decisions", params={"page_size": 1000}).status_code == 422  # the cap


def test_full_text_search(store: OxigraphStore) -> None:
    from beslutsgraf.api.dependencies import get_search
    from beslutsgraf.services.maintaining import reindex
    from beslutsgraf.store.search import SearchIndex

    index = SearchIndex(None)
    reindex(store, index, Iris())
    app = app_over(store)
    app.dependency_overrides[get_search] = lambda: index
    with TestClient(app) as client:
        hits = client.get("/search", params={"q": "remiss"}).json()["hits"]
        assert len(hits) >= 9 and all("emiss" in (h["title"] + h["snippet"]).lower() for h in hits)
        titles = [h["title"] for h in client.get("/search", params={"q": "överenskommelse"}).json()["hits"]]
        assert any(t.startswith("KS 2026-06-03 § 138") for t in titles)
        kf = "http://127.0.0.1:8000/organ/exempelkommun/kf"
        only_kf = client.get("/search", params={"q": "remiss", "body": kf}).json()["hits"]
        assert only_kf and all(h["body"] == kf for h in only_kf)
        later = client.get("/search", params={"q": "överenskommelse", "from": "2026-06-10"}).json()["hits"]
        assert [h["title"][:18] for h in later] == ["KF 2026-06-17 § 71"]
        assert client.get("/search", params={"q": '"; DROP TABLE entries; --'}).status_code == 200
        assert client.get("/search", params={"q": ""}).status_code == 422


@pytest.mark.system  # processes stopped at a limit or killed: a fault test
def test_queries_past_the_limit_are_stopped_and_never_hold_the_named_questions(store: OxigraphStore) -> None:
    """Two counting queries once held both slots for hours, and the named questions shared them: now each query's
    worker is stopped at the limit, and the named questions are answered in threads of their own meanwhile."""
    started = time.monotonic()
    store.sparql(SLOW, "application/sparql-results+json", "text/turtle")
    alone = time.monotonic() - started
    app = app_over(store, query_timeout_seconds=alone / 4, query_workers=2)
    with TestClient(app) as limited:
        assert limited.get("/sparql", params={"query": SELECT}).status_code == 200
        time.sleep(1)  # both workers started
        first = app.state.beslutsgraf.sparql_workers.idle_processes()
        with ThreadPoolExecutor(2) as pool:
            slow = [pool.submit(limited.get, "/sparql", params={"query": SLOW}) for _ in range(2)]
            named = limited.get("/queries/referral-responses", params={"decision": "KS 2026-06-03 § 138"})
            assert named.status_code == 200, named.text
            assert [s.result().status_code for s in slow] == [503, 503]
        assert limited.get("/sparql", params={"query": SELECT}).status_code == 200  # by a worker started anew
        assert len(first) == 2 and not any(Path(f"/proc/{pid}").exists() for pid in first)  # stopped, not left


def test_the_seed_page_names_its_seven_referral_responders_each_response_on_its_page(client: TestClient) -> None:
    """§ 138 used ten referral responses from seven bodies and parties; two of them answered through a part of
    theirs (the board's working committee, the social board's administration), shown beside it."""
    page = client.get(PARAGRAPH, headers={"Accept": "text/html"}).text
    assert "10 av handlingarna är remissvar, från 7 remissinstanser." in page
    responders = page.split('<ul class="responders">')[1].split("</ul>")[0]
    names = re.findall(r'<li><a href="[^"]+">([^<]+)</a>', responders)
    assert names == [
        "Barn- och utbildningsnämnden",
        "Centerpartiet",
        "Kultur- och fritidsnämnden",
        "Miljö- och byggnämnden",
        "Moderaterna",
        "Socialnämnden",
        "Tekniska nämnden",
    ]
    assert re.search(
        r">Socialnämnden</a> <span class=\"muted\">\(<a href=\"[^\"]+/sof\">Socialförvaltningen</a>\)", page
    )
    referrals = re.findall(r'<li class="referral">(.*?)</li>', page, re.S)
    assert len(referrals) == 10
    for referral in referrals:  # each response's line, marked on the page it stands on
        assert re.search(r'href="/kalla/[0-9a-f]{64}/sida/1\?tecken=\d+-\d+">sida 1, rad \d+</a>', referral)


def test_a_decision_shows_the_page_of_its_paragraph_and_one_known_from_a_citation_its_triples(
    client: TestClient,
) -> None:
    decision = PARAGRAPH.replace("/paragraf/", "/beslut/")
    page = client.get(decision, headers={"Accept": "text/html"}).text
    assert "från 7 remissinstanser" in page and f'<dd><a href="{IRI}">KS 2026-06-03 § 138</a></dd>' in page
    assert f'href="http://127.0.0.1:8000{decision}?vy=alla"' in page  # every triple: the decision's own
    cited = client.get("/beslut/exempelkommun/tn/2025-10-21/114", headers={"Accept": "text/html"})
    assert cited.status_code == 200 and '<table class="triples">' in cited.text  # no § in the store: its triples
