"""The dataset described for harvesters: VoID at `/.well-known/void` (where VoID says a dataset's description is
looked for) and a DCAT catalogue at `/katalog` (DCAT-AP's model: a catalogue, its dataset, the dataset's dump as a
distribution and its SPARQL endpoint as a data service). One description, made from the store's counts and kept
while the store is unchanged."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Request, Response
from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, PROV, RDF, SKOS, XSD

from beslutsgraf.api.conneg import RDF_TYPES, choose
from beslutsgraf.api.dependencies import get_base, get_services
from beslutsgraf.api.responses import documented
from beslutsgraf.ontology import BESLUIT, BESLUITVORMING, BG, DOSSIER, ELI, OA, ORG, bind_prefixes
from beslutsgraf.queries import reads
from beslutsgraf.services import Services
from beslutsgraf.store import GraphStore, as_int

router = APIRouter(tags=["Dataset"])
VOID = Namespace("http://rdfs.org/ns/void#")
SWEDISH = URIRef("http://publications.europa.eu/resource/authority/language/SWE")
FORMATS = "http://www.w3.org/ns/formats/"
_WRITERS = {
    "text/turtle": "turtle",
    "application/ld+json": "json-ld",
    "application/n-triples": "nt",
    "application/rdf+xml": "xml",
}
# The vocabularies the graph's terms come from (docs/graph.md, "The graph")
_VOCABULARIES = tuple(str(n) for n in (BESLUIT, BESLUITVORMING, DOSSIER, ELI, ORG, PROV, OA, DCTERMS, SKOS, BG))


def dataset_description(base: str, counts: dict, modified: str | None) -> Graph:
    """VoID and DCAT in one graph: the dataset, its dump, its endpoint, its vocabularies, its classes counted."""
    graph = bind_prefixes(Graph())
    graph.bind("void", VOID)
    graph.bind("dcat", DCAT)
    catalogue, dataset, service = (
        URIRef(f"{base}katalog"),
        URIRef(f"{base}.well-known/void#dataset"),
        URIRef(f"{base}sparql"),
    )
    title, about = (
        Literal("beslutsgraf", lang="sv"),
        Literal(
            "Kommunala sammanträdesprotokoll som länkade data: beslut, sammanträden, organ, ärenden och "
            "beslutsunderlag, varje uppgift spårad till sidan och raden den lästes ur.",
            lang="sv",
        ),
    )
    graph.add((catalogue, RDF.type, DCAT.Catalog))
    graph.add((catalogue, DCTERMS.title, title))
    graph.add((catalogue, DCTERMS.description, about))
    graph.add((catalogue, DCAT.dataset, dataset))
    graph.add((catalogue, DCAT.service, service))
    graph.add((catalogue, FOAF.homepage, URIRef(base)))
    for kind in (VOID.Dataset, DCAT.Dataset):
        graph.add((dataset, RDF.type, kind))
    graph.add((dataset, DCTERMS.title, title))
    graph.add((dataset, DCTERMS.description, about))
    graph.add((dataset, DCTERMS.language, SWEDISH))
    graph.add((dataset, FOAF.homepage, URIRef(base)))
    graph.add((dataset, VOID.uriSpace, Literal(base)))
    graph.add((dataset, VOID.sparqlEndpoint, service))
    graph.add((dataset, VOID.exampleResource, URIRef(f"{base}listings/decisions")))
    graph.add((dataset, VOID.triples, Literal(counts["triples"])))
    if modified:
        graph.add((dataset, DCTERMS.modified, Literal(modified, datatype=XSD.dateTime)))
    for vocabulary in _VOCABULARIES:
        graph.add((dataset, VOID.vocabulary, URIRef(vocabulary)))
    for cls, entities in counts["classes"]:
        partition = BNode()
        graph.add((dataset, VOID.classPartition, partition))
        graph.add((partition, VOID["class"], cls))
        graph.add((partition, VOID.entities, Literal(entities)))
    for path, media_type, note in (
        ("dumps/graph.nq", "application/n-quads", "gzip-kodad där klienten tar emot det"),
        ("dumps/graph.nq.gz", "application/gzip", "som gzip-fil"),
    ):
        dump = URIRef(f"{base}{path}")
        graph.add((dataset, VOID.dataDump, dump))
        distribution = URIRef(f"{base}{path}#distribution")
        graph.add((dataset, DCAT.distribution, distribution))
        graph.add((distribution, RDF.type, DCAT.Distribution))
        graph.add((distribution, DCAT.downloadURL, dump))
        graph.add((distribution, DCAT.accessURL, dump))
        graph.add((distribution, DCAT.mediaType, URIRef(f"https://www.iana.org/assignments/media-types/{media_type}")))
        graph.add((distribution, DCTERMS.description, Literal(f"Hela grafen som N-Quads, {note}", lang="sv")))
        if media_type == "application/gzip":
            graph.add((distribution, DCAT.packageFormat, URIRef(f"{FORMATS}N-Quads")))
        else:
            graph.add((distribution, DCTERMS["format"], URIRef(f"{FORMATS}N-Quads")))
    graph.add((service, RDF.type, DCAT.DataService))
    graph.add((service, DCTERMS.title, Literal("SPARQL 1.1", lang="sv")))
    graph.add((service, DCAT.endpointURL, service))
    graph.add((service, DCAT.endpointDescription, service))
    graph.add((service, DCTERMS.conformsTo, URIRef("https://www.w3.org/TR/sparql11-protocol/")))
    graph.add((service, DCAT.servesDataset, dataset))
    return graph


def _counts(store: GraphStore) -> dict:
    rows = store.select(reads.CLASS_COUNTS).rows
    classes = [(row["class"], as_int(row["n"])) for row in rows if isinstance(row["class"], URIRef)]
    triples = store.select(reads.TRIPLE_COUNT).rows[0]["n"]
    return {"triples": as_int(triples), "classes": classes}


def _described(request: Request, services: Services, base: str) -> Response:
    media = choose(request.query_params.get("format"), request.headers.get("accept"), list(RDF_TYPES))
    counts = services.answering.kept(("dataset",), lambda: _counts(services.store), one_at_a_time=True)
    latest = services.answering.fingerprint()
    modified = str(latest[1]) if len(latest) > 1 and latest[1] is not None else None
    graph = dataset_description(base, counts, modified)
    return Response(
        graph.serialize(format=_WRITERS[media], encoding="utf-8"), media_type=media, headers={"Vary": "Accept"}
    )


@router.get(
    "/.well-known/void",
    summary="The dataset described in VoID (and DCAT): dump, endpoint, size, classes",
    responses=documented(406, answers=list(RDF_TYPES)),
)
def void(
    request: Request, services: Annotated[Services, Depends(get_services)], base: Annotated[str, Depends(get_base)]
) -> Response:
    return _described(request, services, base)


@router.get(
    "/katalog",
    summary="The DCAT catalogue: the dataset, its distributions and its SPARQL service",
    responses=documented(406, answers=list(RDF_TYPES)),
)
def catalogue(
    request: Request, services: Annotated[Services, Depends(get_services)], base: Annotated[str, Depends(get_base)]
) -> Response:
    return _described(request, services, base)
