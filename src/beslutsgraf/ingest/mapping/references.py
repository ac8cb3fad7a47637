"""What a § or a basis document refers to: its case, the decisions it cites, the law it rests on."""

from __future__ import annotations

from rdflib import Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, RDFS, SKOS

from beslutsgraf.ingest.mapping.writer import GraphWriter, short_name
from beslutsgraf.ingest.model import Citation, Span
from beslutsgraf.ontology import BESLUIT, BESLUITVORMING, BG, ELI, SWEDISH
from beslutsgraf.ontology.law import LawReference


def case(w: GraphWriter, notation: str, span: Span | None) -> URIRef:
    node = w.iris.case(w.kommun, notation)
    w.add(node, RDF.type, BESLUITVORMING.Besluitvormingsaangelegenheid)
    w.add(node, SKOS.notation, Literal(notation))
    w.add(node, RDFS.label, Literal(notation))
    w.add(node, BG.kommun, Literal(w.kommun))
    w.derived(node, span)
    return node


def cited_decision(w: GraphWriter, citation: Citation, owner: URIRef) -> URIRef | None:
    body = citation.body
    if body is None or citation.day is None:
        return None
    body_iri = w.mention(owner, body)
    entity = w.registry.get("body", body.key) if body.key else None
    if entity is None:
        return None
    iri = w.iris.decision(w.kommun, entity.key, citation.day, citation.number)
    label = f"{short_name(entity)} {citation.day.isoformat()} § {citation.number}"
    w.add(iri, RDF.type, BESLUIT.Besluit)
    w.add(iri, ELI.language, SWEDISH)
    w.add(iri, ELI.passed_by, body_iri)
    w.add(iri, ELI.date_document, Literal(citation.day))
    w.add(iri, BG.paragraphNumber, Literal(citation.number))
    w.add(iri, BG.citation, Literal(label))
    w.add(iri, RDFS.label, Literal(f"Beslut {label}"))
    w.add(iri, BG.knownFromCitation, Literal(True))
    if citation.amendment:
        w.add(iri, BG.amendment, Literal(citation.amendment))
    w.derived(iri, citation.span)
    return iri


def law(w: GraphWriter, reference: LawReference, where: Span, owner: URIRef) -> None:
    """The § cites a statute (at a chapter and paragraph) or a preparatory work; the occurrence keeps its span."""
    target = URIRef(reference.iri)
    statute = URIRef(reference.statute_iri)
    w.add(owner, BG.citesLaw, target)
    w.add(target, RDF.type, BG.LegalSource)
    w.add(target, RDFS.label, Literal(reference.label))
    if target != statute:
        w.add(target, DCTERMS.isPartOf, statute)
        w.add(statute, RDF.type, BG.LegalSource)
        w.add(statute, RDFS.label, Literal(reference.label.split("§ ")[-1]))
    occurrence = URIRef(f"{w.source_iri}/lagrum/{where.start}-{where.end}")
    w.add(owner, BG.lawCitation, occurrence)
    w.add(occurrence, RDF.type, BG.LawCitation)
    w.add(occurrence, BG.law, target)
    w.add(occurrence, BG.mentionText, Literal(reference.written))
    w.derived(occurrence, where)
