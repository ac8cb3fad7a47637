"""What the OpenAPI document says each operation may answer: its statuses and media types, said once here."""

from __future__ import annotations

from typing import Any

from beslutsgraf.api.conneg import HTML, RDF_TYPES, RESULT_TYPES

_SAID = {
    400: "the request cannot be answered as sent: the reason is in `detail`",
    403: "refused: the reason is in `detail`",
    404: "not found",
    406: "not in a media type this answer can be had in (see `detail`)",
    410: "removed by a re-ingest or a removal: its tombstone",
    413: "the request's body is larger than the limit",
    415: "not a media type this operation reads",
    422: "a parameter is not of its type, or the answer would be too large",
    500: "an internal error, logged as an incident whose number is in `detail`",
    503: "not answered in time, or not ready yet (see `detail`, and `Retry-After` where given)",
}
_DETAIL = {"application/json": {"schema": {"type": "object", "properties": {"detail": {}}}}}


def documented(*statuses: int, answers: list[str] | None = None) -> dict[int | str, dict[str, Any]]:
    """`responses` for a route: each status with what it means (as JSON `{"detail": ...}`), and the 200's media
    types where the answer is not JSON."""
    responses: dict[int | str, dict[str, Any]] = {
        status: {"description": _SAID[status], "content": _DETAIL} for status in (*statuses, 500)
    }
    if answers:
        responses[200] = {"description": "the answer", "content": {media: {} for media in answers}}
    return responses


RDF_OR_HTML = [HTML, *RDF_TYPES]
SPARQL_ANSWERS = [*RESULT_TYPES, *RDF_TYPES]
TABLES = ["application/sparql-results+json", "text/csv"]
