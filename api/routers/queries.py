"""/queries: the named questions, listed with their parameters, and run with parameters bound as RDF terms."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Request, Response

from api.conneg import negotiate
from api.dependencies import get_store
from queries import QueryError, answer, catalogue, get
from queries.results import to_csv, to_json
from store import GraphStore

router = APIRouter(tags=["Named questions"])


@router.get("/queries", summary="The named questions, their parameters and columns")
def list_questions() -> list[dict]:
    return [
        {
            "name": q.name,
            "title": q.title,
            "parameters": [
                {
                    "name": p.name,
                    "type": p.type,
                    "description": p.description,
                    "required": not p.optional and p.name not in q.one_of,
                    "one_of": p.name in q.one_of,
                }
                for p in q.parameters
            ],
            "columns": list(q.columns),
        }
        for q in catalogue().values()
    ]


@router.get("/queries/{name}", summary="Run a named question; results as SPARQL JSON or CSV")
def run_question(name: str, request: Request, store: Annotated[GraphStore, Depends(get_store)]) -> Response:
    try:
        named = get(name)
    except QueryError as error:
        raise HTTPException(status_code=404, detail=str(error)) from None
    given = {k: v for k, v in request.query_params.items() if k != "format"}
    timeout = request.app.state.settings.query_timeout_seconds
    try:
        columns, rows = request.app.state.query_runner.run(
            lambda: answer(named, given, lambda q, b: store.select(q, b).rows), timeout
        )
    except QueryError as error:
        raise HTTPException(status_code=400, detail=str(error)) from None
    except TimeoutError:
        raise HTTPException(status_code=503, detail=f"the question took longer than {timeout:g} s") from None
    wanted = request.query_params.get("format")
    media = {"csv": "text/csv", "json": "application/sparql-results+json"}.get(wanted or "") or negotiate(
        request.headers.get("accept"), ["application/sparql-results+json", "text/csv", "application/json"]
    )
    if media is None:
        raise HTTPException(
            status_code=406, detail="the answer can be had as application/sparql-results+json or text/csv"
        )
    if media == "text/csv":
        return Response(to_csv(columns, rows), media_type="text/csv", headers={"Vary": "Accept"})
    return Response(to_json(columns, rows), media_type="application/sparql-results+json", headers={"Vary": "Accept"})
