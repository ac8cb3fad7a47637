"""Every IRI the graph mints dereferences: Turtle, JSON-LD, N-Triples, RDF/XML or HTML, by Accept header,
by a `format` parameter or by a file extension; 404 for what the store does not know, 406 for what it cannot
give; 410 Gone, with its tombstone, for what a re-ingest or a removal took away."""

from __future__ import annotations

import re
from typing import Annotated
from urllib.parse import quote

from fastapi import APIRouter, Depends, HTTPException, Request, Response
from fastapi.responses import RedirectResponse
from rdflib import Graph, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, RDFS, SKOS
from rdflib.term import Node

from beslutsgraf.api.conneg import HTML, RDF_TYPES, choose
from beslutsgraf.api.dependencies import get_base, get_services
from beslutsgraf.api.labels import curie, known_label, label
from beslutsgraf.api.language import WORDS, language_of
from beslutsgraf.api.pages import templates
from beslutsgraf.api.responses import RDF_OR_HTML, documented
from beslutsgraf.ontology import AS, BESLUIT, BG, MINTED_SEGMENTS, OA, Iris, bind_prefixes
from beslutsgraf.services import Services
from beslutsgraf.services.addresses import EXAMPLES
from beslutsgraf.services.publishing import to_svg
from beslutsgraf.services.sources import page_link
from beslutsgraf.store import GraphStore
from beslutsgraf.store.bindings import is_iri

router = APIRouter(tags=["Linked data"])

EXTENSIONS = {
    ".ttl": "text/turtle",
    ".jsonld": "application/ld+json",
    ".nt": "application/n-triples",
    ".rdf": "application/rdf+xml",
    ".html": HTML,
}
OFFERED = [HTML, *RDF_TYPES]


def _named(term: Node, graph: Graph, language: str) -> str:
    """How a page names a term: its label in the described graph, else the vocabulary's, else its CURIE."""
    return str(graph.value(term, RDFS.label) or _property_name(term, language))


def _property_name(term: Node, language: str) -> str:
    """A property or class by the vocabulary's label (or the pages' word for another vocabulary's), else its CURIE."""
    return known_label(term, language) or curie(term)


def _rows(graph: Graph, iri: URIRef, language: str) -> tuple[str, list[dict], list[dict]]:
    """The resource's label, its properties as rows (the property's label and CURIE, the value and its link), and
    where it was read from."""
    label = graph.value(iri, RDFS.label) or graph.value(iri, SKOS.prefLabel) or str(iri)
    rows: list[dict[str, str | None]] = []
    for predicate, value in graph.predicate_objects(iri):
        named = _property_name(predicate, language)
        shown, link = (_named(value, graph, language), str(value)) if isinstance(value, URIRef) else (str(value), None)
        rows.append({"name": named, "curie": curie(predicate), "value": shown, "link": link})
    rows.sort(key=lambda row: (str(row["name"]).casefold(), str(row["value"])))
    sources = []
    for span in graph.objects(iri, PROV.wasDerivedFrom):
        quote = graph.value(span, OA.exact)
        if quote is not None:
            page = graph.value(span, BG.page)
            source = graph.value(span, DCTERMS.isPartOf)
            sha256 = str(source).rsplit("/", 1)[-1] if source is not None else None
            sources.append(
                {
                    "quote": str(quote),
                    "page": page,
                    "line": graph.value(span, BG.line),
                    "link": str(span),
                    # the page the quote stands on, the quote marked (`routers.sources`)
                    "on_page": page_link(sha256, page, graph.value(span, OA.start), graph.value(span, OA.end))
                    if sha256
                    else None,
                }
            )
    types = [_named(t, graph, language) for t in graph.objects(iri, RDF.type)]
    return f"{label}", rows, [{"types": types}, *sources]


# The kinds with a page designed around what they are (`services.views`): the template, and the view it draws
_DESIGNED = {
    "paragraf": ("paragraph.html", Services.paragraph_view),
    "beslut": ("paragraph.html", Services.decision_view),
    "sammantrade": ("meeting.html", Services.meeting_view),
    "arende": ("case.html", Services.case_view),
    "organ": ("body.html", Services.body_view),
    "person": ("person.html", Services.person_view),
    "dokument": ("document.html", Services.document_view),
}


def _designed_page(request: Request, template: str, view: dict, headers: dict, status: int) -> Response:
    """A thing as people read it: a § (its decision, basis, motions, votes), a meeting (who was there, its §§),
    each with where it was read."""
    lang = language_of(request)
    context = {
        "lang": lang,
        "t": WORDS[lang],
        "p": view,
        "label": lambda term: label(term, lang),
    }
    return templates.TemplateResponse(
        request, template, context, headers=headers | {"Vary": "Accept, Accept-Language"}, status_code=status
    )


def _trail_svg(services: Services, case: URIRef, label: str) -> str | None:
    """The case's decisions across bodies as a picture, drawn by our own code (its text escaped there)."""
    graph = services.trail(str(case))
    return to_svg(graph, label) if graph.number_of_nodes() else None


def requested_path(request: Request) -> str:
    """The path as the client sent it, percent-encoding kept (`goteborg%2Fks` is not `goteborg/ks`, nor `707%0A`
    707), but for the unreserved characters RFC 3986 says are the same encoded or not (`%70aragraf` is `paragraf`)."""
    raw = request.scope.get("raw_path") or request.url.path.encode("utf-8")
    path = raw.decode("latin-1").split("?", 1)[0]
    return _UNRESERVED_ESCAPE.sub(lambda m: chr(int(m[1], 16)), path).lstrip("/")


_UNRESERVED_ESCAPE = re.compile(r"%(4[1-9A-Fa-f]|5[0-9Aa]|6[1-9A-Fa-f]|7[0-9Aa]|3[0-9]|2[DEde]|5[Ff]|7[Ee])")
NOT_FOUND = HTTPException(status_code=404, detail="no such resource")


def _moved_or_missing(services: Services, request: Request, kind: str, rest: str, extension: str) -> Response:
    """An address typed as printed (a case number, a citation) is sent on to its IRI (303); anything else is a 404
    that says what can be typed."""
    found = services.typed_address(kind, rest.removesuffix(extension) if extension else rest)
    if found is not None:
        location = quote(str(found) + extension, safe=_IRI_SAFE)
        query = f"?{request.url.query}" if request.url.query else ""
        return RedirectResponse(location + query, status_code=303, headers={"Vary": "Accept"})
    hint = f"; after the municipality, type {EXAMPLES[kind]}, or search: /search?q=…" if kind in EXAMPLES else ""
    raise HTTPException(status_code=404, detail=f"no such resource{hint}")


@router.get(
    "/{kind}/{rest:path}",
    summary="Dereference a minted IRI",
    response_class=Response,
    responses=documented(404, 406, 410, answers=RDF_OR_HTML),
)
def resource(
    kind: str,
    rest: str,
    request: Request,
    services: Annotated[Services, Depends(get_services)],
    base: Annotated[str, Depends(get_base)],
) -> Response:
    store = services.store
    if kind not in MINTED_SEGMENTS:
        raise NOT_FOUND
    path, media, typed_extension = requested_path(request), None, ""
    for extension, media_type in EXTENSIONS.items():
        if path.endswith(extension):
            path, media, typed_extension = path[: -len(extension)], media_type, extension
    if media is None or "format" in request.query_params:  # an explicit format wins over the extension
        media = choose(request.query_params.get("format"), request.headers.get("accept"), OFFERED)
    iri = URIRef(base + path)
    if not is_iri(str(iri)):
        return _moved_or_missing(services, request, kind, rest, typed_extension)
    headers = {"Vary": "Accept", "Link": f'<{quote(str(iri), safe=_IRI_SAFE)}>; rel="canonical"'}
    if kind == "graf" and store.has_graph(iri):
        return _named_graph(request, store, iri, media, headers)
    status = 410 if store.contains(Iris(base).deletions_graph(), iri) else 200
    if media == HTML and kind in _DESIGNED and request.query_params.get("vy") != "alla":
        template, viewed = _DESIGNED[kind]
        view = viewed(services, iri)
        if view is not None:
            return _designed_page(request, template, view, headers, status)
    if media == HTML:
        data = store.describe(iri, "text/turtle")
        if data is None:
            return _moved_or_missing(services, request, kind, rest, typed_extension)
        lang = language_of(request)
        graph = Graph().parse(data=data, format="turtle")
        label, rows, (types, *sources) = _rows(graph, iri, lang)
        incoming = [
            {"link": str(s), "label": str(graph.value(s, RDFS.label) or s), "name": _property_name(p, lang)}
            for s, p in graph.subject_predicates(iri)
        ]
        page = {
            "label": label,
            "types": types["types"],
            "rows": rows,
            "sources": sources,
            "trail": _trail_svg(services, iri, label) if kind == "arende" else None,
            "removed": graph.value(iri, AS.deleted) if status == 410 else None,
            "incoming": incoming,
        }
        return _every_triple(request, iri, page, headers, status)
    data = store.describe(iri, media)
    if data is None:
        return _moved_or_missing(services, request, kind, rest, typed_extension)
    return Response(data, status_code=status, media_type=media, headers=headers)


_IRI_SAFE = ":/?#[]@!$&'()*+,;=%-._~"  # what an IRI may hold as it is in a header; anything else is %-encoded
_WRITERS = {
    "text/turtle": "turtle",
    "application/ld+json": "json-ld",
    "application/n-triples": "nt",
    "application/rdf+xml": "xml",
}


def _named_graph(request: Request, store: GraphStore, iri: URIRef, media: str, headers: dict) -> Response:
    """A named graph's IRI (every ingest prints one) answers with the graph: what one source file said, as data;
    as a page, what it holds and where it was read from."""
    graph = store.graph(iri)
    if media != HTML:
        data = bind_prefixes(graph).serialize(format=_WRITERS[media], encoding="utf-8")
        return Response(data, media_type=media, headers=headers)
    paragraphs = sorted(graph.subjects(RDF.type, BESLUIT.BehandelingVanAgendapunt), key=str)
    sources = sorted(graph.subjects(RDF.type, BG.SourceFile), key=str)
    t = WORDS[language_of(request)]
    rows = [{"name": t["triples"], "value": str(len(graph)), "link": None}]
    for source in sources:
        rows.append(
            {"name": t["source_file"], "value": str(graph.value(source, BG.fileName) or source), "link": str(source)}
        )
    rows += [{"name": "§", "value": str(graph.value(p, RDFS.label) or p), "link": str(p)} for p in paragraphs]
    page = {"label": f"{t['graph']}: {iri.rsplit('/graf/', 1)[-1]}", "types": [t["named_graph"]], "rows": rows}
    return _every_triple(request, iri, page, headers, 200)


def _every_triple(request: Request, iri: URIRef, page: dict, headers: dict, status: int) -> Response:
    """A resource as the data says it, every triple a row, in the page's language: for the kinds without a page of
    their own, and one click away from those with one."""
    lang = language_of(request)
    formats = {name: f"{iri}{ext}" for ext, name in _FORMATS}
    context = {"lang": lang, "t": WORDS[lang], "iri": str(iri), "formats": formats, "p": {"iri": str(iri)} | page}
    return templates.TemplateResponse(
        request, "resource.html", context, headers=headers | {"Vary": "Accept, Accept-Language"}, status_code=status
    )


_FORMATS = ((".ttl", "Turtle"), (".jsonld", "JSON-LD"), (".nt", "N-Triples"), (".rdf", "RDF/XML"))
