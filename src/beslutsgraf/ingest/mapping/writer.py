"""The one writer every aspect of the mapping writes through: the graph of one source, the provenance of every node
read from it, and the nodes of the registries' entities, the people and the mentions that name them.

Every node read from the text carries `prov:wasDerivedFrom` a span of the source (character range, quoted text,
page, line) and `bg:extractedBy` the ingest run.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, RDFS, SKOS, XSD
from rdflib.term import Node

from beslutsgraf.ingest.model import NamedPerson, Protocol, Resolution, Span
from beslutsgraf.ingest.source import SourceText
from beslutsgraf.ontology import BESLUIT, BG, FOAF, OA, OPENGOV, ORG, PERSON, SCHEMA, Iris, bind_prefixes
from beslutsgraf.ontology.registry import Entity, Registry

BODY_KIND = {
    "fullmäktige": BG.Fullmaktige,
    "styrelse": BG.Styrelse,
    "nämnd": BG.Namnd,
    "utskott": BG.Utskott,
    "beredning": BG.Beredning,
    "revision": BG.Revision,
}


@dataclass(frozen=True)
class IngestRun:
    version: str
    started: datetime
    path_digest: str | None = None  # the sha256 of the absolute path the file was read from (not an upload's)


def short_name(entity: Entity) -> str:
    """The abbreviation people cite a body by (KS), else its name."""
    return entity.abbreviations[0] if entity.abbreviations else entity.name


class GraphWriter:
    """The graph of one source being written, with what every aspect needs to write it: the meeting's place in the
    IRIs (municipality, body, day), the registries, the source and its ingest run."""

    def __init__(self, protocol: Protocol, source: SourceText, registry: Registry, iris: Iris, run: IngestRun):
        if protocol.meeting.written_body is not None:  # a body the registries do not know, kept as written
            registry = registry.extended(protocol.meeting.written_body)
        self.protocol, self.source, self.registry, self.iris = protocol, source, registry, iris
        self.meeting = protocol.meeting
        self.kommun = protocol.meeting.kommun
        self.organ = protocol.meeting.body.key or ""
        self.day = protocol.meeting.day
        # rdflib's lighter store (no contexts): mapping the Göteborg corpus took 3.9 s instead of 6.4 s, and writing
        # it as N-Triples 0.9 s instead of 1.2 s; a source's graph is one graph, never a dataset.
        self.graph = bind_prefixes(Graph(store="SimpleMemory"))
        self.source_iri = iris.source(source.sha256)
        self.run_iri = iris.ingest_run(source.sha256, run.version)
        self.run = run
        self.kommun_iri = iris.kommun(self.kommun)
        self.spans: set[URIRef] = set()
        self.entities: dict[tuple[str, str], URIRef] = {}
        # where each line ends, for a span's line number: counting the newlines before every span cost a pass over
        # the text a span
        self.line_ends = [m.start() for m in re.finditer("\n", source.original)]

    def add(self, s: Node, p: URIRef, o: Node) -> None:
        self.graph.add((s, p, o))

    # ------------------------------------------------------------------ provenance
    def derived(self, node: URIRef, span: Span | None) -> None:
        self.add(node, BG.extractedBy, self.run_iri)
        if span is None or span.end <= span.start:
            self.add(node, PROV.wasDerivedFrom, self.source_iri)
            return
        span_iri = self.iris.span(self.source.sha256, span.start, span.end)
        self.add(node, PROV.wasDerivedFrom, span_iri)
        if span_iri in self.spans:  # a § and its agenda item, a vote and its §'s text: described once
            return
        self.spans.add(span_iri)
        self.add(span_iri, RDF.type, BG.Span)
        self.add(span_iri, DCTERMS.isPartOf, self.source_iri)
        self.add(span_iri, OA.start, Literal(span.start))
        self.add(span_iri, OA.end, Literal(span.end))
        self.add(span_iri, OA.exact, Literal(span.text))
        self.add(span_iri, BG.line, Literal(bisect_left(self.line_ends, span.start) + 1))
        if span.page is not None:
            self.add(span_iri, BG.page, Literal(span.page))
            if span.page in self.source.ocr_pages:
                self.add(span_iri, BG.readByOcr, Literal(True))

    # ------------------------------------------------------------------ registry entities, people, mentions
    def entity(self, entity: Entity) -> URIRef:
        """A registry entity's node, described the first time a file names it (a body is named dozens of times)."""
        if (iri := self.entities.get((entity.kind, entity.key))) is None:
            iri = self.entities[(entity.kind, entity.key)] = self._describe_entity(entity)
        return iri

    def _describe_entity(self, entity: Entity) -> URIRef:
        if entity.kind == "body":
            iri = self.iris.body(self.kommun, entity.key)
            self.add(iri, RDF.type, BESLUIT.Bestuursorgaan)
            self.add(iri, DCTERMS.identifier, Literal(entity.key))
            self.add(iri, BG.kommun, Literal(self.kommun))
            self.add(iri, BESLUIT.bestuurt, self.kommun_iri)
            if entity.body_kind in BODY_KIND:
                self.add(iri, ORG.classification, BODY_KIND[entity.body_kind])
            if entity.parent and (parent := self.registry.get("body", entity.parent)):
                self.add(iri, ORG.subOrganizationOf, self.entity(parent))
        elif entity.kind == "administration":
            iri = self.iris.administration(self.kommun, entity.key)
            self.add(iri, RDF.type, ORG.OrganizationalUnit)
            self.add(iri, DCTERMS.identifier, Literal(entity.key))
            self.add(iri, BG.kommun, Literal(self.kommun))
            if entity.serves and (served := self.registry.get("body", entity.serves)):
                self.add(iri, ORG.unitOf, self.entity(served))
        elif entity.kind == "company":
            iri = self.iris.company(self.kommun, entity.key)
            self.add(iri, RDF.type, BG.MunicipalCompany)
            self.add(iri, DCTERMS.identifier, Literal(entity.key))
            self.add(iri, BG.kommun, Literal(self.kommun))
        elif entity.kind == "party":
            iri = self.iris.party(entity.key)
            self.add(iri, RDF.type, BG.Party)
            self.add(iri, SKOS.notation, Literal(entity.key))
        else:
            iri = self.iris.role(entity.key)
            self.add(iri, RDF.type, BG.Role)
        self.add(iri, SKOS.prefLabel, Literal(entity.name, lang="sv"))
        self.add(iri, RDFS.label, Literal(entity.name, lang="sv"))
        for label in entity.abbreviations + entity.aliases:
            self.add(iri, SKOS.altLabel, Literal(label, lang="sv"))
        for label in entity.hidden:
            self.add(iri, SKOS.hiddenLabel, Literal(label, lang="sv"))
        for number, (name, start, until) in enumerate(entity.earlier, 1):
            earlier = URIRef(f"{iri}/tidigare-namn/{number}")
            self.add(iri, OPENGOV.otherName, earlier)
            self.add(earlier, RDF.type, BG.EarlierName)
            self.add(earlier, SKOS.prefLabel, Literal(name, lang="sv"))
            for value, predicate in ((start, SCHEMA.validFrom), (until, SCHEMA.validUntil)):
                if value:
                    self.add(earlier, predicate, Literal(value, datatype=XSD.date))
        return iri

    def mention(self, owner: URIRef, resolution: Resolution) -> URIRef:
        """The mention node (always), and the entity it names, or the mention itself when unresolved."""
        node = self.iris.mention(self.source.sha256, resolution.span.start, resolution.span.end)
        self.add(owner, BG.mention, node)
        self.add(node, RDF.type, BG.Mention)
        self.add(node, BG.mentionText, Literal(resolution.mention))
        self.add(node, BG.mentionRole, Literal(resolution.role))
        self.add(node, BG.resolution, Literal(resolution.method))
        self.add(node, RDFS.label, Literal(resolution.mention))
        if resolution.score is not None:
            self.add(node, BG.resolutionScore, Literal(Decimal(str(resolution.score)), datatype=XSD.decimal))
        self.derived(node, resolution.span)
        entity = self.registry.get(resolution.kind, resolution.key) if resolution.kind and resolution.key else None
        if entity is None:
            self.add(node, RDF.type, BG.UnresolvedMention)
            return node
        target = self.entity(entity)
        self.add(node, BG.resolvesTo, target)
        return target

    def person(self, person: NamedPerson) -> URIRef:
        iri = self.iris.person(self.kommun, person.name)
        self.add(iri, RDF.type, PERSON.Person)
        self.add(iri, FOAF.name, Literal(person.name))
        self.add(iri, RDFS.label, Literal(f"{person.name} ({person.party})" if person.party else person.name))
        if person.party and (party := self.registry.get("party", person.party)) is not None:
            self.add(iri, BG.memberOfParty, self.entity(party))
        return iri

    def party_named(self, name: str) -> URIRef | None:
        """A party by its letters (SD) or its name, in any inflection (Sverigedemokraterna)."""
        for party in self.registry.of_kind("party"):
            if name in (party.key, *party.abbreviations) or name.lower() == party.name.lower():
                return self.entity(party)
        return None
