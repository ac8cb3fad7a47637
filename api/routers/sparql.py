"""/sparql: the SPARQL 1.1 Protocol (GET, POST form, POST direct), read-only, with a service description."""

from __future__ import annotations

import time
from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Query, Request, Response

from api.conneg import RDF_TYPES, RESULT_TYPES, negotiate
from api.dependencies import get_base, get_store
from store import Answer, AnswerLimits, AnswerTooLarge, GraphStore, QueryRefused, QueryTimedOut
from store.querytext import reaches_outside

router = APIRouter(tags=["SPARQL"])

SERVICE_DESCRIPTION = """@prefix sd: <http://www.w3.org/ns/sparql-service-description#> .
<{endpoint}> a sd:Service ;
    sd:endpoint <{endpoint}> ;
    sd:supportedLanguage sd:SPARQL11Query ;
    sd:resultFormat <http://www.w3.org/ns/formats/SPARQL_Results_JSON>, <http://www.w3.org/ns/formats/SPARQL_Results_XML>,
        <http://www.w3.org/ns/formats/SPARQL_Results_CSV>, <http://www.w3.org/ns/formats/SPARQL_Results_TSV>,
        <http://www.w3.org/ns/formats/Turtle>, <http://www.w3.org/ns/formats/N-Triples>,
        <http://www.w3.org/ns/formats/JSON-LD>, <http://www.w3.org/ns/formats/RDF_XML> ;
    sd:feature sd:UnionDefaultGraph .
"""


def _answer(request: Request, store: GraphStore, query: str, default_graphs: list[str], named_graphs: list[str]
            ) -> Response:  # fmt: skip
    """Answer within the settings' time and size limits; past the time limit the client is answered 503 at once,
    and the answer's thread gives up at its next write (see `api.runner`)."""
    settings = request.app.state.settings
    outside = reaches_outside(query)
    if outside == "DEFINE" or (outside == "SERVICE" and not settings.allow_service):
        allowing = " unless the server is started with BESLUTSGRAF_ALLOW_SERVICE=1" if outside == "SERVICE" else ""
        raise HTTPException(status_code=403, detail=f"{outside} reaches beyond this store and is refused{allowing}")
    accept = request.headers.get("accept")
    results_type = negotiate(accept, list(RESULT_TYPES)) or "application/sparql-results+json"
    graph_type = negotiate(accept, list(RDF_TYPES)) or "text/turtle"
    timeout = settings.query_timeout_seconds
    limits = AnswerLimits(max_bytes=settings.max_answer_bytes, deadline=time.monotonic() + timeout)

    def work() -> Answer:
        return store.sparql(query, results_type, graph_type, default_graphs or None, named_graphs or None, limits)

    try:
        answer = request.app.state.query_runner.run(work, timeout)
    except (TimeoutError, QueryTimedOut):
        raise HTTPException(
            status_code=503, detail=f"the query took longer than {timeout:g} s; narrow it, or page it with LIMIT"
        ) from None
    except AnswerTooLarge as refused:
        raise HTTPException(status_code=422, detail=str(refused)) from None
    except QueryRefused as refused:
        raise HTTPException(status_code=400, detail=str(refused)) from None
    wanted = RESULT_TYPES if answer.kind == "results" else RDF_TYPES
    if accept and negotiate(accept, list(wanted)) is None:
        raise HTTPException(status_code=406, detail=f"this answer can be had as {', '.join(wanted)}")
    return Response(answer.body, media_type=answer.media_type, headers={"Vary": "Accept"})


@router.get("/sparql", summary="SPARQL query (GET), or the service description without a query")
def sparql_get(
    request: Request,
    store: Annotated[GraphStore, Depends(get_store)],
    base: Annotated[str, Depends(get_base)],
    query: Annotated[str | None, Query()] = None,
    default_graph_uri: Annotated[list[str], Query(alias="default-graph-uri")] = [],  # noqa: B006
    named_graph_uri: Annotated[list[str], Query(alias="named-graph-uri")] = [],  # noqa: B006
) -> Response:
    if "update" in request.query_params:
        raise HTTPException(status_code=403, detail="this endpoint is read-only: updates are refused")
    if query is None:
        return Response(SERVICE_DESCRIPTION.format(endpoint=f"{base}sparql"), media_type="text/turtle")
    return _answer(request, store, query, default_graph_uri, named_graph_uri)


@router.post("/sparql", summary="SPARQL query (POST form or POST direct)")
async def sparql_post(request: Request, store: Annotated[GraphStore, Depends(get_store)]) -> Response:
    content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if content_type == "application/sparql-update" or "update" in request.query_params:
        raise HTTPException(status_code=403, detail="this endpoint is read-only: updates are refused")
    default_graphs = request.query_params.getlist("default-graph-uri")
    named_graphs = request.query_params.getlist("named-graph-uri")
    if content_type == "application/sparql-query":
        query = (await request.body()).decode("utf-8", errors="replace")
    elif content_type == "application/x-www-form-urlencoded":
        form = await request.form()
        if "update" in form:
            raise HTTPException(status_code=403, detail="this endpoint is read-only: updates are refused")
        query = str(form.get("query") or "")
        default_graphs += [str(v) for v in form.getlist("default-graph-uri")]
        named_graphs += [str(v) for v in form.getlist("named-graph-uri")]
    else:
        raise HTTPException(status_code=415, detail="send application/sparql-query or a form with query=")
    if not query.strip():
        raise HTTPException(status_code=400, detail="no query was sent")
    return _answer(request, store, query, default_graphs, named_graphs)
