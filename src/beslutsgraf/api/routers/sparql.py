"""/sparql: the SPARQL 1.1 Protocol (GET, POST form, POST direct), read-only, with a service description.

Each query is answered by a worker process the server can stop (`api.workers`); the handlers only read the
request and wait for the answer in a thread of their own, so the server answers others meanwhile.
"""

from __future__ import annotations

import threading
from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Query, Request, Response
from starlette.concurrency import run_in_threadpool

from beslutsgraf.api.conneg import HTML, RDF_TYPES, RESULT_TYPES, negotiate
from beslutsgraf.api.dependencies import get_base, get_store
from beslutsgraf.api.language import WORDS, language_of
from beslutsgraf.api.pages import templates
from beslutsgraf.api.responses import SPARQL_ANSWERS, documented
from beslutsgraf.api.state import state_of
from beslutsgraf.ontology import PREFIXES
from beslutsgraf.queries import catalogue
from beslutsgraf.store import Answer, GraphStore, QueryTimedOut
from beslutsgraf.store.querytext import check_bounds
from beslutsgraf.store.workers import QueryWorkers, Question, StoreAccess, answer

router = APIRouter(tags=["SPARQL"])

SD = "http://www.w3.org/ns/sparql-service-description#"
FORMATS = "http://www.w3.org/ns/formats/"
BOOLEAN_TYPES = ["application/sparql-results+json", "application/sparql-results+xml"]  # CSV and TSV are tables
_READ_ONLY = "this endpoint is read-only: updates are refused"
_FORM = {
    "query": {"type": "string", "minLength": 1},
    "default-graph-uri": {"type": "string"},
    "named-graph-uri": {"type": "string"},
}
_POSTED = {
    "required": True,
    "content": {
        "application/sparql-query": {"schema": {"type": "string", "minLength": 1}},
        "application/x-www-form-urlencoded": {"schema": {"type": "object", "required": ["query"], "properties": _FORM}},
    },
}


def service_description(endpoint: str, media_type: str) -> bytes:
    """The endpoint described (SPARQL 1.1 Service Description), in any RDF type the resources are served in."""
    from rdflib import Graph, Namespace, URIRef
    from rdflib.namespace import RDF

    sd, formats, node = Namespace(SD), Namespace(FORMATS), URIRef(endpoint)
    graph = Graph()
    graph.bind("sd", sd)
    graph.add((node, RDF.type, sd.Service))
    graph.add((node, sd.endpoint, node))
    graph.add((node, sd.supportedLanguage, sd.SPARQL11Query))
    graph.add((node, sd.feature, sd.UnionDefaultGraph))
    graph.add((node, sd.defaultDataset, URIRef(endpoint.removesuffix("sparql") + ".well-known/void#dataset")))
    for name in (
        "SPARQL_Results_JSON",
        "SPARQL_Results_XML",
        "SPARQL_Results_CSV",
        "SPARQL_Results_TSV",
        "Turtle",
        "N-Triples",
        "JSON-LD",
        "RDF_XML",
    ):
        graph.add((node, sd.resultFormat, formats[name]))
    rdflib_format = {
        "text/turtle": "turtle",
        "application/ld+json": "json-ld",
        "application/n-triples": "nt",
        "application/rdf+xml": "xml",
    }[media_type]
    return graph.serialize(format=rdflib_format, encoding="utf-8")


def _workers(request: Request, store: GraphStore) -> QueryWorkers | None:
    """The app's query workers for this store, started at the first query (None: a store only this process can
    read, kept in memory)."""
    access = StoreAccess.of(store)
    if access is None:
        return None
    state = state_of(request)
    with _starting:
        workers = state.sparql_workers
        if workers is None or workers.access != access:
            if workers is not None:
                workers.close()
            settings = state.settings
            workers = QueryWorkers(
                access, settings.query_workers, settings.query_memory_bytes, isolate=not settings.allow_service
            )
            state.sparql_workers = workers
    return workers


_starting = threading.Lock()


def _answer(
    request: Request, store: GraphStore, query: str, default_graphs: list[str], named_graphs: list[str], base: str
) -> Response:
    """Answer within the settings' time, size and memory limits; past the time limit the client is answered 503 at
    once and the worker answering it is stopped."""
    settings = state_of(request).settings
    accept = request.headers.get("accept")
    results_type = negotiate(accept, list(RESULT_TYPES))
    graph_type = negotiate(accept, list(RDF_TYPES))
    if results_type is None and graph_type is None:
        raise HTTPException(
            status_code=406,
            detail=f"answers can be had as {', '.join([*RESULT_TYPES, *RDF_TYPES])}",
            headers={"Vary": "Accept"},
        )
    # A client that accepts only tables gets a boolean in a results type, and one that accepts only results gets
    # a graph in Turtle: any answer is better than a 406 for a type the query's form cannot have.
    question = Question(
        query,
        results_type or "application/sparql-results+json",
        graph_type or "text/turtle",
        negotiate(accept, BOOLEAN_TYPES) or "application/sparql-results+json",
        tuple(default_graphs),
        tuple(named_graphs),
        settings.max_answer_bytes,
        f"{base}sparql",
        settings.allow_service,
    )
    timeout = settings.query_timeout_seconds
    try:
        check_bounds(query)
        workers = _workers(request, store)
        given = workers.answer(question, timeout) if workers else _in_this_process(request, store, question)
    except (TimeoutError, QueryTimedOut):
        raise QueryTimedOut(f"the query took longer than {timeout:g} s; narrow it, or page it with LIMIT") from None
    return Response(given.body, media_type=given.media_type, headers={"Vary": "Accept"})


def _in_this_process(request: Request, store: GraphStore, question: Question) -> Answer:
    state = state_of(request)
    timeout = state.settings.query_timeout_seconds
    return state.query_runner.run(lambda: answer(store, question), timeout)


def _one(values: list[str], name: str) -> str | None:
    if len(values) > 1:
        raise HTTPException(status_code=400, detail=f"one {name} a request, not {len(values)}")
    return values[0] if values else None


@router.get(
    "/sparql",
    summary="SPARQL query (GET), or the service description without a query",
    responses=documented(400, 403, 406, 422, 503, answers=SPARQL_ANSWERS),
)
def sparql_get(
    request: Request,
    store: Annotated[GraphStore, Depends(get_store)],
    base: Annotated[str, Depends(get_base)],
    query: Annotated[list[str], Query(description="a SPARQL 1.1 query; without one, the service description")] = [],  # noqa: B006
    default_graph_uri: Annotated[list[str], Query(alias="default-graph-uri")] = [],  # noqa: B006
    named_graph_uri: Annotated[list[str], Query(alias="named-graph-uri")] = [],  # noqa: B006
) -> Response:
    if "update" in request.query_params:
        raise HTTPException(status_code=403, detail=_READ_ONLY)
    text = _one(query, "query")
    if text is None:
        media_type = negotiate(request.headers.get("accept"), [*RDF_TYPES, HTML])  # */* is the description
        if media_type is None:
            raise HTTPException(
                status_code=406,
                detail=f"the service description can be had as {', '.join(RDF_TYPES)}, the editor as {HTML}",
                headers={"Vary": "Accept"},
            )
        if media_type == HTML:
            return _editor(request)
        body = service_description(f"{base}sparql", media_type)
        return Response(body, media_type=media_type, headers={"Vary": "Accept"})
    return _answer(request, store, text, default_graph_uri, named_graph_uri, base)


@router.post(
    "/sparql",
    summary="SPARQL query (POST form or POST direct)",
    responses=documented(400, 403, 406, 413, 415, 422, 503, answers=SPARQL_ANSWERS),
    openapi_extra={"requestBody": _POSTED},
)
async def sparql_post(
    request: Request, store: Annotated[GraphStore, Depends(get_store)], base: Annotated[str, Depends(get_base)]
) -> Response:
    content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if content_type == "application/sparql-update" or "update" in request.query_params:
        raise HTTPException(status_code=403, detail=_READ_ONLY)
    default_graphs = request.query_params.getlist("default-graph-uri")
    named_graphs = request.query_params.getlist("named-graph-uri")
    queries = request.query_params.getlist("query")
    if content_type == "application/sparql-query":
        try:
            queries.append((await request.body()).decode("utf-8"))
        except UnicodeDecodeError:
            raise HTTPException(status_code=400, detail="a query sent directly must be UTF-8") from None
    elif content_type == "application/x-www-form-urlencoded":
        form = await request.form()
        if "update" in form:
            raise HTTPException(status_code=403, detail=_READ_ONLY)
        queries += [str(v) for v in form.getlist("query")]
        default_graphs += [str(v) for v in form.getlist("default-graph-uri")]
        named_graphs += [str(v) for v in form.getlist("named-graph-uri")]
    else:
        raise HTTPException(status_code=415, detail="send application/sparql-query or a form with query=")
    query = _one(queries, "query")
    if not query or not query.strip():
        raise HTTPException(status_code=400, detail="no query was sent")
    return await run_in_threadpool(_answer, request, store, query, default_graphs, named_graphs, base)


_FIRST_QUERY = """SELECT ?meeting ?citation ?date WHERE {
  ?meeting a besluit:Zitting ; bg:citation ?citation ; dct:date ?date .
}
ORDER BY DESC(?date)
LIMIT 20"""


def _editor(request: Request) -> Response:
    """The analyst's editor (YASGUI, shipped in `static/yasgui`): the graph's prefixes written in, every named
    question one choice away as an example, the answer as a table that downloads as CSV."""
    lang = language_of(request)
    prefixes = {prefix: str(namespace) for prefix, namespace in PREFIXES.items()}
    declared = "\n".join(f"PREFIX {prefix}: <{namespace}>" for prefix, namespace in prefixes.items())
    questions = [{"name": q.name, "title": q.title_in(lang)} for q in catalogue().values()]
    config = {
        "endpoint": "/sparql",
        "prefixes": prefixes,
        "query": f"{declared}\n\n{_FIRST_QUERY}",
        "examples": {q.name: q.sparql for q in catalogue().values()},
        "words": {"endpoint": WORDS[lang]["endpoint"], "query": WORDS[lang]["query"]},
    }
    context = {"lang": lang, "t": WORDS[lang], "questions": questions, "config": config, "query": config["query"]}
    return templates.TemplateResponse(request, "sparql.html", context, headers={"Vary": "Accept, Accept-Language"})
