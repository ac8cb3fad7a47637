"""/queries: the named questions, listed with their parameters, and run with parameters bound as RDF terms."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, FastAPI, HTTPException, Request, Response

from beslutsgraf.api.conneg import negotiate
from beslutsgraf.api.dependencies import get_store
from beslutsgraf.api.responses import TABLES, documented
from beslutsgraf.ontology import Iris
from beslutsgraf.queries import NamedQuery, NotFound, QueryError, catalogue, get
from beslutsgraf.queries.results import to_csv, to_json
from beslutsgraf.store import GraphStore
from beslutsgraf.store.freshness import fingerprint

router = APIRouter(tags=["Named questions"])
_FORMATS = {"csv": "text/csv", "json": "application/sparql-results+json"}
# What each kind of parameter looks like, for the OpenAPI document (queries.params reads them)
_IRI = r"https?://\S+"
_SHAPES = {
    "decision": {"pattern": rf"^({_IRI}|\S.*\s\d{{4}}-\d{{2}}-\d{{2}}\s*,?\s*§\s*\d{{1,4}})$"},
    "meeting": {"pattern": rf"^({_IRI}|\S.*\s\d{{4}}-\d{{2}}-\d{{2}})$"},
    "date": {"format": "date", "pattern": r"^\d{4}-\d{2}-\d{2}$"},
    "iri": {"format": "iri", "pattern": rf"^{_IRI}$"},
}


def answered(app: FastAPI, store: GraphStore, named: NamedQuery, given: dict[str, str]) -> tuple[list, list]:
    """A question over the whole store (one that takes no parameter, such as the referral network) is kept until
    the store changes (`queries.kept`, shared with the command line and other workers through the answers folder
    beside the store), and asked at start: it reads everything, so it is made once a change, not once a request."""

    deletions = Iris(app.state.settings.base_iri).deletions_graph()
    return app.state.answers.answer(named, given, lambda q, b: store.select(q, b).rows,
                                    lambda: fingerprint(store, deletions))  # fmt: skip


def warm(app: FastAPI, store: GraphStore) -> None:
    """Ask the questions over the whole store once, so that the first visitor does not wait for them."""
    for named in catalogue().values():
        if all(p.optional for p in named.parameters) and not named.one_of:
            answered(app, store, named, {})


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


@router.get("/queries/{name}", summary="Run a named question; results as SPARQL JSON or CSV", include_in_schema=False)
def run_question(name: str, request: Request, store: Annotated[GraphStore, Depends(get_store)]) -> Response:
    try:
        named = get(name)
    except QueryError as error:
        raise HTTPException(status_code=404, detail=str(error)) from None
    given = {k: v for k, v in request.query_params.items() if k != "format"}
    timeout = request.app.state.settings.query_timeout_seconds
    try:
        columns, rows = request.app.state.query_runner.run(lambda: answered(request.app, store, named, given), timeout)
    except NotFound as error:
        raise HTTPException(status_code=404, detail=str(error)) from None
    except QueryError as error:
        raise HTTPException(status_code=400, detail=str(error)) from None
    except TimeoutError:
        raise HTTPException(status_code=503, detail=f"the question took longer than {timeout:g} s") from None
    wanted = request.query_params.get("format")
    if wanted is not None and wanted not in _FORMATS:
        raise HTTPException(status_code=406, detail=f"unknown format {wanted!r}; use csv or json")
    media = _FORMATS.get(wanted or "") or negotiate(
        request.headers.get("accept"), ["application/sparql-results+json", "text/csv", "application/json"]
    )
    if media is None:
        raise HTTPException(
            status_code=406, detail="the answer can be had as application/sparql-results+json or text/csv"
        )
    if media == "text/csv":
        return Response(to_csv(columns, rows), media_type="text/csv", headers={"Vary": "Accept"})
    return Response(to_json(columns, rows), media_type="application/sparql-results+json", headers={"Vary": "Accept"})


def _each_question(named: NamedQuery) -> None:
    """One operation a question in the OpenAPI document, with the parameters it takes and whether it needs them
    (the generic route above answers them all)."""

    def run(request: Request, store: Annotated[GraphStore, Depends(get_store)]) -> Response:
        return run_question(named.name, request, store)

    parameters = [
        {
            "name": p.name,
            "in": "query",
            "required": not p.optional and p.name not in named.one_of,
            "description": p.description + (f" (one of {', '.join(named.one_of)})" if p.name in named.one_of else ""),
            "schema": {"type": "string", "minLength": 1, **_SHAPES.get(p.type, {})},
        }
        for p in named.parameters
    ] + [{"name": "format", "in": "query", "required": False, "schema": {"type": "string", "enum": ["csv", "json"]}}]
    router.add_api_route(f"/queries/{named.name}", run, methods=["GET"], summary=named.title, name=named.name,
                         responses=documented(400, 404, 406, 503, answers=TABLES),
                         openapi_extra={"parameters": parameters})  # fmt: skip


for _named in catalogue().values():
    _each_question(_named)
