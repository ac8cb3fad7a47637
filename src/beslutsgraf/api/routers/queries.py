"""/queries: the named questions, listed with their parameters, and run with parameters bound as RDF terms."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Request, Response

from beslutsgraf.api.conneg import negotiate
from beslutsgraf.api.dependencies import get_services
from beslutsgraf.api.responses import TABLES, documented
from beslutsgraf.api.state import state_of
from beslutsgraf.queries import NamedQuery, catalogue, get
from beslutsgraf.queries.results import to_csv, to_json
from beslutsgraf.services import Services
from beslutsgraf.store import QueryTimedOut

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
def run_question(name: str, request: Request, services: Annotated[Services, Depends(get_services)]) -> Response:
    """A question over the whole store is answered from the kept answers while the store is unchanged
    (`services.answering`): it reads everything, so it is made once a change, not once a request."""
    named = get(name)
    given = {k: v for k, v in request.query_params.items() if k != "format"}
    state = state_of(request)
    timeout = state.settings.query_timeout_seconds
    try:
        columns, rows = state.query_runner.run(lambda: services.answer(named, given), timeout)
    except TimeoutError:
        raise QueryTimedOut(f"the question took longer than {timeout:g} s") from None
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

    def run(request: Request, services: Annotated[Services, Depends(get_services)]) -> Response:
        return run_question(named.name, request, services)

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
    router.add_api_route(
        f"/queries/{named.name}",
        run,
        methods=["GET"],
        summary=named.title,
        name=named.name,
        responses=documented(400, 404, 406, 503, answers=TABLES),
        openapi_extra={"parameters": parameters},
    )


for _named in catalogue().values():
    _each_question(_named)
