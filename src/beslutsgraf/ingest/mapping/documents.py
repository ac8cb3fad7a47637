"""The basis documents of a § (beslutsunderlag): kind, authors and addressees, dates, parts, the cases and decisions
they cite; referral responses marked as such."""

from __future__ import annotations

from rdflib import Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, RDFS

from beslutsgraf.ingest.mapping.references import case, cited_decision
from beslutsgraf.ingest.mapping.writer import GraphWriter
from beslutsgraf.ingest.model import BasisDocument
from beslutsgraf.ontology import BG, DOSSIER, ELI

DOCUMENT_KIND = {
    "remissvar": BG.Remissvar,
    "tjansteskrivelse": BG.Tjansteskrivelse,
    "protokollsutdrag": BG.Protokollsutdrag,
    "foljebrev": BG.Foljebrev,
    "forslag": BG.Forslag,
    "yrkande": BG.Yrkandehandling,
    "yttrande": BG.Yttrandehandling,
    "remiss": BG.Remisshandling,
    "other": BG.OtherDocument,
}


def document(w: GraphWriter, document: BasisDocument, owner: URIRef, number: int) -> None:
    node = w.iris.document(w.kommun, w.organ, w.day, number, document.position)
    w.add(owner, PROV.used, node)
    w.add(node, RDF.type, DOSSIER.Stuk)
    w.add(node, DCTERMS.title, Literal(document.title))
    w.add(node, RDFS.label, Literal(document.title))
    w.add(node, DCTERMS.type, DOCUMENT_KIND[document.kind])
    w.add(node, BG.position, Literal(document.position))
    w.add(node, BG.isReferralResponse, Literal(document.is_referral_response))
    for author in document.authors:
        w.add(node, DCTERMS.creator, w.mention(node, author))
    meeting = w.protocol.meeting
    for addressee in document.addressees:
        w.add(node, BG.addressedTo, w.mention(node, addressee))
        evidence = meeting.day_evidence
        if evidence is not None and addressee.key == meeting.body.key and evidence == document.span:
            w.add(node, BG.inferredDate, Literal(w.day))
    if document.dates:
        w.add(node, DCTERMS.date, Literal(document.dates[0].value))
        for extra in document.dates[1:]:
            w.add(node, BG.mentionedDate, Literal(extra.value))
    if document.part:
        w.add(node, BG.partNumber, Literal(document.part[0]))
        w.add(node, BG.partCount, Literal(document.part[1]))
    for notation in document.case_numbers:
        w.add(node, BG.citesCase, case(w, notation, None))
    for citation in document.citations:
        cited = cited_decision(w, citation, node)
        if cited is not None:
            w.add(node, ELI.cites, cited)
        else:
            w.add(node, BG.citedParagraphNumber, Literal(citation.number))
    w.derived(node, document.span)
