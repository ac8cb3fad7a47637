"""The project's own vocabulary, its SHACL shapes and its JSON-LD context, served beside the data.

`bg:` terms are minted under w3id.org; here the same files can be had from the server itself, as RDF by
Accept header or `format`, or as an HTML page with an anchor per term (`/ns#paragraphNumber`).
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from fastapi import APIRouter, Request, Response
from fastapi.responses import FileResponse
from rdflib import Graph, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SKOS

from beslutsgraf.api.conneg import HTML, RDF_TYPES, choose
from beslutsgraf.api.pages import templates
from beslutsgraf.api.responses import RDF_OR_HTML, documented
from beslutsgraf.ontology import BG, CONTEXT_FILE, SHAPES_FILE, VOCABULARY_FILE
from beslutsgraf.ontology import bind_prefixes as bind

router = APIRouter(tags=["Vocabulary"])
OFFERED = [HTML, *RDF_TYPES]
_RDFLIB_FORMATS = {
    "text/turtle": "turtle",
    "application/ld+json": "json-ld",
    "application/n-triples": "nt",
    "application/rdf+xml": "xml",
}
_KINDS = (
    (OWL.Class, "Klasser"),
    (OWL.ObjectProperty, "Objektegenskaper"),
    (OWL.DatatypeProperty, "Dataegenskaper"),
    (SKOS.ConceptScheme, "Begreppsscheman"),
    (SKOS.Concept, "Begrepp"),
)


@cache
def _graph(path: Path) -> Graph:
    return bind(Graph()).parse(path, format="turtle")


def _text(graph: Graph, term: URIRef, predicate: URIRef) -> str:
    values = list(graph.objects(term, predicate))
    chosen = [v for v in values if getattr(v, "language", None) == "sv"] or values
    return str(chosen[0]) if chosen else ""


def _sections(graph: Graph) -> list[dict]:
    sections = []
    for kind, heading in _KINDS:
        terms = sorted((t for t in graph.subjects(RDF.type, kind) if isinstance(t, URIRef)), key=str)
        entries = [
            {
                "anchor": str(t).removeprefix(str(BG)) if str(t).startswith(str(BG)) else str(t),
                "iri": str(t),
                "label": _text(graph, t, RDFS.label) or _text(graph, t, SKOS.prefLabel),
                "comment": _text(graph, t, RDFS.comment) or _text(graph, t, SKOS.definition),
            }
            for t in terms
        ]
        if entries:
            sections.append({"heading": heading, "entries": entries})
    return sections


def _document(request: Request, path: Path, title: str) -> Response:
    media = choose(request.query_params.get("format"), request.headers.get("accept"), OFFERED)
    graph = _graph(path)
    headers = {"Vary": "Accept"}
    if media == HTML:
        return templates.TemplateResponse(
            request,
            "vocabulary.html",
            {"title": title, "sections": _sections(graph), "namespace": str(BG)},
            headers=headers,
        )
    if media == "text/turtle":
        return Response(path.read_bytes(), media_type=media, headers=headers)
    return Response(graph.serialize(format=_RDFLIB_FORMATS[media]), media_type=media, headers=headers)


@router.get(
    "/ns",
    summary="The beslutsgraf vocabulary (bg:), as RDF or an HTML page",
    response_class=Response,
    responses=documented(406, answers=RDF_OR_HTML),
)
def vocabulary(request: Request) -> Response:
    return _document(request, VOCABULARY_FILE, "beslutsgraf-vokabulären")


@router.get(
    "/ns/shapes",
    summary="The SHACL shapes every graph is validated against",
    response_class=Response,
    responses=documented(406, answers=RDF_OR_HTML),
)
def shapes(request: Request) -> Response:
    return _document(request, SHAPES_FILE, "beslutsgrafs SHACL-former")


@router.get(
    "/context.jsonld",
    summary="The JSON-LD context of the graph's JSON-LD",
    response_class=FileResponse,
    responses=documented(answers=["application/ld+json"]),
)
def context() -> FileResponse:
    return FileResponse(CONTEXT_FILE, media_type="application/ld+json")
