"""A § (besluit:BehandelingVanAgendapunt), the agenda item it treats and the decision it takes, with everything
read from it: case, citations, motions, dispatch, basis, law, votes and statements."""

from __future__ import annotations

from rdflib import Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, RDFS

from beslutsgraf.ingest.mapping import deliberation
from beslutsgraf.ingest.mapping.documents import document
from beslutsgraf.ingest.mapping.references import case, cited_decision, law
from beslutsgraf.ingest.mapping.writer import GraphWriter
from beslutsgraf.ingest.model import Paragraph
from beslutsgraf.ontology import BESLUIT, BG, DOSSIER, ELI, SWEDISH

DECISION_KIND = {
    "forslag-till-fullmaktige": BG.ForslagTillFullmaktige,
    "forslag": BG.ForslagTillAnnatOrgan,
    "bifall": BG.Bifall,
    "avslag": BG.Avslag,
    "aterremiss": BG.Aterremiss,
    "bordlaggning": BG.Bordlaggning,
    "remiss": BG.RemissSkickad,
    "yttrande": BG.Yttrande,
    "val": BG.Val,
    "information": BG.Information,
    "beslut": BG.Beslut,
}


def paragraph(w: GraphWriter, paragraph: Paragraph, meeting: URIRef, body_iri: URIRef, meeting_citation: str) -> None:
    n = paragraph.number
    node = w.iris.paragraph(w.kommun, w.organ, w.day, n)
    citation = f"{meeting_citation} § {n}"
    agenda_item(w, paragraph, node, meeting, citation)
    w.add(node, RDF.type, BESLUIT.BehandelingVanAgendapunt)
    w.add(node, DCTERMS.identifier, Literal(f"§ {n}"))
    w.add(node, BG.paragraphNumber, Literal(n))
    w.add(node, DCTERMS.title, Literal(paragraph.title))
    w.add(node, RDFS.label, Literal(f"{citation} {paragraph.title}".strip()))
    w.add(node, BG.citation, Literal(citation))
    w.add(node, DCTERMS.isPartOf, meeting)
    if paragraph.from_contents:
        w.add(node, BG.fromContentsOnly, Literal(True))
        w.add(node, BG.justerad, Literal(False))
        w.derived(node, paragraph.title_span)
        return
    w.add(node, BG.justerad, Literal(paragraph.justerad))
    if paragraph.immediately_justerad:
        w.add(node, BG.immediatelyJusterad, Literal(True))
    if paragraph.summary:
        w.add(node, BG.summary, Literal(paragraph.summary))
    if paragraph.proposition_order:
        w.add(node, BG.propositionOrder, Literal(paragraph.proposition_order))
    titled = paragraph.title_span.end > paragraph.title_span.start
    w.derived(node, paragraph.title_span if titled else paragraph.span)
    taken = decision(w, paragraph, node, body_iri, citation)
    if paragraph.case_number:
        w.add(node, DOSSIER.vindtPlaatsTijdens, case(w, paragraph.case_number, paragraph.case_span))
    for c in paragraph.citations:
        cited = cited_decision(w, c, node)
        if cited is not None:
            w.add(taken, ELI.cites, cited)
    for motion in paragraph.motions:
        deliberation.motion(w, motion, node, n)
    for recipient in paragraph.dispatch:
        w.add(node, BG.dispatchedTo, w.mention(node, recipient))
    for basis in paragraph.basis:
        document(w, basis, node, n)
    for reference, where in paragraph.law:
        law(w, reference, where, node)
    for vote in paragraph.votes:
        deliberation.vote(w, vote, node, paragraph)
    for statement in paragraph.statements:
        deliberation.statement(w, statement, node, taken, n)


def decision(w: GraphWriter, paragraph: Paragraph, treatment: URIRef, body_iri: URIRef, citation: str) -> URIRef:
    """The decision the § generates (besluit:Besluit): its kind, its text, where it was referred or sent back."""
    node = w.iris.decision(w.kommun, w.organ, w.day, paragraph.number)
    w.add(treatment, PROV.generated, node)
    w.add(node, RDF.type, BESLUIT.Besluit)
    w.add(node, PROV.wasGeneratedBy, treatment)
    w.add(node, ELI.language, SWEDISH)
    w.add(node, ELI.title, Literal(paragraph.title))
    w.add(node, RDFS.label, Literal(f"Beslut {citation}"))
    w.add(node, BG.citation, Literal(citation))
    w.add(node, BG.paragraphNumber, Literal(paragraph.number))
    w.add(node, ELI.passed_by, body_iri)
    w.add(node, ELI.date_document, Literal(w.day))
    w.add(node, BG.decisionKind, DECISION_KIND[paragraph.decision_kind])
    if paragraph.decision_text:
        w.add(node, PROV.value, Literal(paragraph.decision_text))
    for recipient in paragraph.referred_to:
        w.add(node, BG.referredTo, w.mention(node, recipient))
    for recipient in paragraph.sent_back_to:
        w.add(node, BG.sentBackTo, w.mention(node, recipient))
    if paragraph.answer_by:
        w.add(node, BG.answerBy, Literal(paragraph.answer_by))
    w.derived(node, paragraph.decision_span or paragraph.span)
    return node


def agenda_item(w: GraphWriter, paragraph: Paragraph, treatment: URIRef, meeting: URIRef, citation: str) -> None:
    """The matter on the agenda that the § treats: the meeting treats it (besluit:behandelt), the § has it as its
    subject (dct:subject), as LBLOD's model has it; its case is the §'s dossier:vindtPlaatsTijdens."""
    item = w.iris.agenda_item(w.kommun, w.organ, w.day, paragraph.number)
    w.add(meeting, BESLUIT.behandelt, item)
    w.add(treatment, DCTERMS.subject, item)
    w.add(item, RDF.type, BESLUIT.Agendapunt)
    w.add(item, DCTERMS.title, Literal(paragraph.title))
    w.add(item, RDFS.label, Literal(f"Ärende {citation} {paragraph.title}".strip()))
    w.derived(item, paragraph.title_span if paragraph.title_span.end > paragraph.title_span.start else None)
