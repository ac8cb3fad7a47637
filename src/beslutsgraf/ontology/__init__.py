"""The vocabulary: namespaces, the files of the ontology, and the minting of IRIs.

Every IRI beslutsgraf writes is minted here, from what the protocol says, so that the same input always
gives the same IRI and a decision cited elsewhere ("§113 KSAU 2026-05-20") gets the IRI its own protocol
will give it.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path

from rdflib import Graph, Namespace, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS, XSD

HERE = Path(__file__).parent
VOCABULARY_FILE = HERE / "beslutsgraf.ttl"
SHAPES_FILE = HERE / "shapes.ttl"
CONTEXT_FILE = HERE / "context.jsonld"
GENERAL_REGISTRY_FILE = HERE / "registry" / "general.toml"
FIRST_NAMES_FILE = HERE / "registry" / "first-names.txt"

BG = Namespace("https://w3id.org/beslutsgraf/ns#")
BESLUIT = Namespace("http://data.vlaanderen.be/ns/besluit#")
BESLUITVORMING = Namespace("https://data.vlaanderen.be/ns/besluitvorming#")
DOSSIER = Namespace("https://data.vlaanderen.be/ns/dossier#")
ELI = Namespace("http://data.europa.eu/eli/ontology#")
ORG = Namespace("http://www.w3.org/ns/org#")
OA = Namespace("http://www.w3.org/ns/oa#")
OPENGOV = Namespace("http://www.w3.org/ns/opengov#")
ADMS = Namespace("http://www.w3.org/ns/adms#")
PERSON = Namespace("http://www.w3.org/ns/person#")
SCHEMA = Namespace("http://schema.org/")
FOAF = Namespace("http://xmlns.com/foaf/0.1/")
AS = Namespace("https://www.w3.org/ns/activitystreams#")

PREFIXES: dict[str, Namespace] = {
    "bg": BG,
    "besluit": BESLUIT,
    "besluitvorming": BESLUITVORMING,
    "dossier": DOSSIER,
    "eli": ELI,
    "org": ORG,
    "oa": OA,
    "opengov": OPENGOV,
    "adms": ADMS,
    "person": PERSON,
    "schema": SCHEMA,
    "foaf": FOAF,
    "as": AS,
    "dct": Namespace(str(DCTERMS)),
    "prov": Namespace(str(PROV)),
    "skos": Namespace(str(SKOS)),
    "rdf": Namespace(str(RDF)),
    "rdfs": Namespace(str(RDFS)),
    "owl": Namespace(str(OWL)),
    "xsd": Namespace(str(XSD)),
}

DEFAULT_BASE = "http://127.0.0.1:8000/"

# A server whose default graph cannot be written (Virtuoso) keeps the merge of the named graphs in this named
# graph instead, and asks it as the default graph; every question that ranges over named graphs leaves it out
# (`not_the_merge`). No other store has a graph of that name, so there the filter costs nothing.
MERGED_GRAPH = URIRef("urn:x-beslutsgraf:merged")


def not_the_merge(variable: str) -> str:
    """A FILTER that keeps the graph variable `variable` off the merge, on a server that keeps it as a graph."""
    return f"FILTER(?{variable} != <{MERGED_GRAPH}>)"


# The language of every decision (eli:language), named by the EU's language authority as ELI and OSLO expect.
SWEDISH = URIRef("http://publications.europa.eu/resource/authority/language/SWE")


@dataclass(frozen=True)
class Listing:
    """A class a harvester lists (api.routers.listings), with the properties its listing filters by."""

    cls: URIRef
    date: URIRef | None = None  # property holding the item's date
    body: URIRef | None = None  # property linking the item to its body
    kind: URIRef | None = None  # property holding the item's kind (a concept with a skos:notation)


LISTINGS = {
    "bodies": Listing(BESLUIT.Bestuursorgaan),
    "meetings": Listing(BESLUIT.Zitting, DCTERMS.date, BESLUIT.isGehoudenDoor),
    "decisions": Listing(BESLUIT.Besluit, ELI.date_document, ELI.passed_by, BG.decisionKind),
    "cases": Listing(BESLUITVORMING.Besluitvormingsaangelegenheid),
    "documents": Listing(DOSSIER.Stuk, DCTERMS.date, DCTERMS.creator, DCTERMS.type),
    "people": Listing(PERSON.Person),
}

# What a harvester lists. When a re-ingest removes one of these from the last graph that held it, the store keeps an
# ActivityStreams tombstone, so the removal can be reported rather than go unseen.
LISTED_CLASSES = tuple(listing.cls for listing in LISTINGS.values())

# What a removal reports gone besides (410 Gone at its IRI): the § people cite, and what its IRI names beneath it.
TOMBSTONED_CLASSES = (
    *LISTED_CLASSES,
    BESLUIT.BehandelingVanAgendapunt,
    BESLUIT.Agendapunt,
    BESLUIT.Bestuurseenheid,
    BESLUIT.Stemming,
    BG.Motion,
    BG.SourceFile,
    ORG.OrganizationalUnit,
)

__all__ = [
    "ADMS",
    "AS",
    "BESLUIT",
    "BESLUITVORMING",
    "BG",
    "DOSSIER",
    "ELI",
    "FOAF",
    "LISTED_CLASSES",
    "OA",
    "OPENGOV",
    "ORG",
    "PERSON",
    "PREFIXES",
    "SCHEMA",
    "SWEDISH",
    "TOMBSTONED_CLASSES",
    "Iris",
    "bind_prefixes",
    "case_slug",
    "slug",
    "vocabulary_graph",
]


def slug(text: str) -> str:
    """A lower-case ASCII slug: 'Göteborg' -> 'goteborg', 'KS 2025/164' -> 'ks-2025-164'."""
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", folded.lower()).strip("-")


def case_slug(notation: str) -> str:
    return slug(notation)


# The first segment of every path `Iris` mints; the API answers each (api.routers.resources), and
# tests/ontology/test_iris.py mints one IRI by every method to hold the two to each other.
MINTED_SEGMENTS = (
    "kommun",
    "organ",
    "forvaltning",
    "bolag",
    "parti",
    "funktion",
    "person",
    "sammantrade",
    "agendapunkt",
    "paragraf",
    "beslut",
    "arende",
    "dokument",
    "yrkande",
    "votering",
    "anteckning",
    "narvaro",
    "kalla",
    "graf",
)


@dataclass(frozen=True)
class Iris:
    """Mints the IRIs of docs/graph.md's templates under one base."""

    base: str = DEFAULT_BASE

    def _iri(self, *parts: str) -> URIRef:
        return URIRef(self.base + "/".join(parts))

    def kommun(self, kommun: str) -> URIRef:
        """The municipality as an administrative unit (besluit:Bestuurseenheid), which its bodies govern."""
        return self._iri("kommun", kommun)

    def body(self, kommun: str, organ: str) -> URIRef:
        return self._iri("organ", kommun, organ)

    def administration(self, kommun: str, key: str) -> URIRef:
        return self._iri("forvaltning", kommun, key)

    def party(self, abbreviation: str) -> URIRef:
        return self._iri("parti", slug(abbreviation))

    def company(self, kommun: str, key: str) -> URIRef:
        return self._iri("bolag", kommun, key)

    def role(self, key: str) -> URIRef:
        return self._iri("funktion", key)

    def meeting(self, kommun: str, organ: str, day: date) -> URIRef:
        return self._iri("sammantrade", kommun, organ, day.isoformat())

    def agenda_item(self, kommun: str, organ: str, day: date, number: int) -> URIRef:
        """The matter on the meeting's agenda that a § treats (besluit:Agendapunt)."""
        return self._iri("agendapunkt", kommun, organ, day.isoformat(), str(number))

    def paragraph(self, kommun: str, organ: str, day: date, number: int) -> URIRef:
        return self._iri("paragraf", kommun, organ, day.isoformat(), str(number))

    def decision(self, kommun: str, organ: str, day: date, number: int) -> URIRef:
        return self._iri("beslut", kommun, organ, day.isoformat(), str(number))

    def case(self, kommun: str, notation: str) -> URIRef:
        return self._iri("arende", kommun, case_slug(notation))

    def document(self, kommun: str, organ: str, day: date, number: int, position: int) -> URIRef:
        return self._iri("dokument", kommun, organ, day.isoformat(), str(number), str(position))

    def motion(self, kommun: str, organ: str, day: date, number: int, position: int) -> URIRef:
        return self._iri("yrkande", kommun, organ, day.isoformat(), str(number), str(position))

    def person(self, kommun: str, name: str) -> URIRef:
        return self._iri("person", kommun, slug(name))

    def vote(self, kommun: str, organ: str, day: date, number: int, position: int) -> URIRef:
        return self._iri("votering", kommun, organ, day.isoformat(), str(number), str(position))

    def statement(self, kommun: str, organ: str, day: date, number: int, position: int) -> URIRef:
        return self._iri("anteckning", kommun, organ, day.isoformat(), str(number), str(position))

    def attendance(self, kommun: str, organ: str, day: date, position: int) -> URIRef:
        return self._iri("narvaro", kommun, organ, day.isoformat(), str(position))

    def mention(self, source_sha: str, start: int, end: int) -> URIRef:
        return URIRef(f"{self.source(source_sha)}/omnamnande/{start}-{end}")

    def source(self, sha256: str) -> URIRef:
        return self._iri("kalla", sha256)

    def span(self, sha256: str, start: int, end: int) -> URIRef:
        """RFC 5147 fragment on the source file's text."""
        return URIRef(f"{self.source(sha256)}#char={start},{end}")

    def ingest_run(self, sha256: str, version: str) -> URIRef:
        return URIRef(f"{self.source(sha256)}/inlasning/{version}")

    def graph(self, kommun: str, organ: str, day: date, first: int, last: int) -> URIRef:
        """The named graph of one source: the meeting and the §§ it covers."""
        span = str(first) if first == last else f"{first}-{last}"
        return self._iri("graf", kommun, organ, day.isoformat(), span)

    def header_graph(self, kommun: str, organ: str, day: date) -> URIRef:
        """The named graph of a source that holds a meeting's header and no § (a protocol's first page)."""
        return self._iri("graf", kommun, organ, day.isoformat(), "huvud")

    def vocabulary_graph(self) -> URIRef:
        return self._iri("graf", "vokabular")

    def deletions_graph(self) -> URIRef:
        """Where the tombstones of removed resources are kept (see LISTED_CLASSES)."""
        return self._iri("graf", "borttaget")


def bind_prefixes(graph: Graph) -> Graph:
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace, override=True)
    return graph


@cache
def _vocabulary_turtle() -> str:
    return VOCABULARY_FILE.read_text(encoding="utf-8")


def vocabulary_graph() -> Graph:
    """The own terms and concept schemes, parsed fresh (callers may add to it)."""
    return bind_prefixes(Graph()).parse(data=_vocabulary_turtle(), format="turtle")
