"""Records to RDF: the one place where the model meets the vocabulary.

Every node read from the text carries `prov:wasDerivedFrom` a span of the source (character range,
quoted text, page, line) and `bg:extractedBy` the ingest run.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, RDFS, SKOS, XSD

from beslutsgraf.ingest.model import (
    BasisDocument,
    Citation,
    Motion,
    NamedPerson,
    Paragraph,
    Protocol,
    Resolution,
    Span,
    Statement,
    Vote,
)  # fmt: skip
from beslutsgraf.ingest.people import find_people
from beslutsgraf.ingest.source import SourceText
from beslutsgraf.ontology import (
    BESLUIT,
    BESLUITVORMING,
    BG,
    DOSSIER,
    ELI,
    FOAF,
    OA,
    OPENGOV,
    ORG,
    PERSON,
    SCHEMA,
    SWEDISH,
    Iris,
    bind_prefixes,
)  # fmt: skip
from beslutsgraf.ontology.law import LawReference
from beslutsgraf.ontology.registry import Entity, Registry

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
MOTION_KIND = {
    "bifall": BG.BifallYrkande,
    "avslag": BG.AvslagYrkande,
    "tillagg": BG.TillaggYrkande,
    "andring": BG.AndringYrkande,
    "aterremiss": BG.AterremissYrkande,
    "bordlaggning": BG.BordlaggningYrkande,
    "ovrigt": BG.OvrigtYrkande,
}
STATEMENT_KIND = {
    "reservation": (BG.Reservation, BG.reservation), "note": (BG.ProtocolNote, BG.note),
    "statement": (BG.SpecialStatement, BG.specialStatement), "jav": (BG.Jav, BG.jav),
}  # fmt: skip
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


class _Mapper:
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

    def add(self, s, p, o) -> None:
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

    def source_and_run(self) -> None:
        s, r = self.source_iri, self.run_iri
        self.add(s, RDF.type, BG.SourceFile)
        self.add(s, BG.sha256, Literal(self.source.sha256))
        self.add(s, BG.fileName, Literal(self.source.path.name))
        if self.run.path_digest:
            self.add(s, BG.pathDigest, Literal(self.run.path_digest))
        self.add(s, DCTERMS["format"], Literal(self.source.media_type))
        self.add(s, BG.byteSize, Literal(self.source.byte_size))
        self.add(s, RDFS.label, Literal(f"Källfil {self.source.path.name}"))
        self.add(s, BG.extraction, Literal(self.source.extraction))
        self.add(s, BG.pageCount, Literal(self.source.page_count))
        self.add(s, BG.furnitureLinesRemoved, Literal(len(self.source.furniture)))
        for page in self.source.ocr_pages:
            self.add(s, BG.ocrPage, Literal(page))
        self.add(r, RDF.type, BG.IngestRun)
        self.add(r, RDF.type, PROV.Activity)
        self.add(r, PROV.used, s)
        self.add(r, PROV.startedAtTime, Literal(self.run.started.isoformat(timespec="microseconds"),
                                                  datatype=XSD.dateTime))  # fmt: skip
        self.add(r, BG.softwareVersion, Literal(f"beslutsgraf {self.run.version}"))
        self.add(r, RDFS.label, Literal(f"Inläsning av {self.source.path.name}"))

    # ------------------------------------------------------------------ registry entities
    def entity(self, entity: Entity) -> URIRef:
        """A registry entity's node, described the first time a file names it (a body is named dozens of times)."""
        if (iri := self.entities.get((entity.kind, entity.key))) is None:
            iri = self.entities[(entity.kind, entity.key)] = self.describe_entity(entity)
        return iri

    def describe_entity(self, entity: Entity) -> URIRef:
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

    def municipality(self) -> None:
        """The municipality the bodies govern: its name and kommunkod from the registry, else its name as written."""
        known = self.registry.get("kommun", self.kommun)
        name = known.name if known else self.meeting.kommun_name or self.kommun
        self.add(self.kommun_iri, RDF.type, BESLUIT.Bestuurseenheid)
        self.add(self.kommun_iri, ORG.classification, BG.Kommun)
        self.add(self.kommun_iri, DCTERMS.identifier, Literal(self.kommun))
        self.add(self.kommun_iri, SKOS.prefLabel, Literal(name, lang="sv"))
        self.add(self.kommun_iri, RDFS.label, Literal(name, lang="sv"))
        if known and known.kommunkod:
            self.add(self.kommun_iri, BG.kommunkod, Literal(known.kommunkod))

    # ------------------------------------------------------------------ meeting and §§
    def build(self) -> Graph:
        self.source_and_run()
        self.municipality()
        body = self.registry.get("body", self.organ)
        assert body is not None, "parse_protocol refuses an unresolved body"
        body_iri = self.entity(body)
        meeting = self.iris.meeting(self.kommun, self.organ, self.day)
        citation = f"{short_name(body)} {self.day.isoformat()}"
        self.add(meeting, RDF.type, BESLUIT.Zitting)
        self.add(meeting, BESLUIT.isGehoudenDoor, body_iri)
        self.add(meeting, DCTERMS.date, Literal(self.day))
        self.add(meeting, BG.citation, Literal(citation))
        self.add(meeting, RDFS.label, Literal(f"{body.name} {self.day.isoformat()}"))
        if self.meeting.day_evidence is not None:
            self.add(meeting, BG.dateInferred, Literal(True))
            evidence = self.iris.span(
                self.source.sha256, self.meeting.day_evidence.start, self.meeting.day_evidence.end
            )
            self.add(meeting, BG.dateEvidence, evidence)
            self.derived(meeting, self.meeting.day_evidence)
        else:
            self.derived(meeting, None)
        for finding in self.protocol.checks:
            self.add(meeting, BG.checkFinding, Literal(finding))
        self.header(meeting)
        for paragraph in self.protocol.paragraphs:
            self.paragraph(paragraph, meeting, body_iri, citation)
        return self.graph

    def header(self, meeting: URIRef) -> None:
        header = self.protocol.header
        if header.place:
            self.add(meeting, BG.place, Literal(header.place))
        for moment, predicate in ((header.start, PROV.startedAtTime), (header.end, PROV.endedAtTime)):
            if moment is not None:
                stamp = datetime.combine(self.day, moment).isoformat(timespec="minutes") + ":00"
                self.add(meeting, predicate, Literal(stamp, datatype=XSD.dateTime))
        for pause in header.breaks:
            self.add(meeting, BG.adjournment, Literal(pause))
        if header.justering:
            self.add(meeting, BG.justering, Literal(header.justering))
        for value, predicate in ((header.justering_date, BG.justeringDate), (header.posted, BG.noticePosted),
                                 (header.removed, BG.noticeRemoved)):  # fmt: skip
            if value is not None:
                self.add(meeting, predicate, Literal(value))
        if header.kept_at:
            self.add(meeting, BG.keptAt, Literal(header.kept_at))
        for position, attendee in enumerate(header.attendees, 1):
            node = self.iris.attendance(self.kommun, self.organ, self.day, position)
            person = self.person(NamedPerson(attendee.name, attendee.party, attendee.role, 0, 0))
            self.add(meeting, BG.attendance, node)
            self.add(node, RDF.type, BG.Attendance)
            self.add(node, BG.attendee, person)
            self.add(node, BG.attendanceKind, Literal(attendee.kind))
            self.add(node, RDFS.label, Literal(f"{attendee.name}: {attendee.role or attendee.kind}"))
            if attendee.role:
                self.add(node, BG.role, Literal(attendee.role))
            if attendee.replaces:
                replaced = NamedPerson(attendee.replaces, attendee.replaces_party, None, 0, 0)
                self.add(node, BG.replaces, self.person(replaced))
            if attendee.paragraphs:
                self.add(node, BG.forParagraphs, Literal(attendee.paragraphs))
            role = (attendee.role or "").lower()
            if attendee.kind == "sekreterare":
                self.add(meeting, BESLUIT.heeftSecretaris, person)
            elif role.startswith("ordförande") or role == "tjänstgörande ordförande":
                self.add(meeting, BESLUIT.heeftVoorzitter, person)
            self.derived(node, attendee.span)

    def paragraph(self, paragraph: Paragraph, meeting: URIRef, body_iri: URIRef, meeting_citation: str) -> None:
        k, o, d, n = self.kommun, self.organ, self.day, paragraph.number
        node = self.iris.paragraph(k, o, d, n)
        decision = self.iris.decision(k, o, d, n)
        citation = f"{meeting_citation} § {n}"
        self.agenda_item(paragraph, node, meeting, citation)
        self.add(node, RDF.type, BESLUIT.BehandelingVanAgendapunt)
        self.add(node, DCTERMS.identifier, Literal(f"§ {n}"))
        self.add(node, BG.paragraphNumber, Literal(n))
        self.add(node, DCTERMS.title, Literal(paragraph.title))
        self.add(node, RDFS.label, Literal(f"{citation} {paragraph.title}".strip()))
        self.add(node, BG.citation, Literal(citation))
        self.add(node, DCTERMS.isPartOf, meeting)
        if paragraph.from_contents:
            self.add(node, BG.fromContentsOnly, Literal(True))
            self.add(node, BG.justerad, Literal(False))
            self.derived(node, paragraph.title_span)
            return
        self.add(node, PROV.generated, decision)
        self.add(node, BG.justerad, Literal(paragraph.justerad))
        if paragraph.immediately_justerad:
            self.add(node, BG.immediatelyJusterad, Literal(True))
        if paragraph.summary:
            self.add(node, BG.summary, Literal(paragraph.summary))
        if paragraph.proposition_order:
            self.add(node, BG.propositionOrder, Literal(paragraph.proposition_order))
        self.derived(
            node, paragraph.title_span if paragraph.title_span.end > paragraph.title_span.start else paragraph.span
        )

        self.add(decision, RDF.type, BESLUIT.Besluit)
        self.add(decision, PROV.wasGeneratedBy, node)
        self.add(decision, ELI.language, SWEDISH)
        self.add(decision, ELI.title, Literal(paragraph.title))
        self.add(decision, RDFS.label, Literal(f"Beslut {citation}"))
        self.add(decision, BG.citation, Literal(citation))
        self.add(decision, BG.paragraphNumber, Literal(n))
        self.add(decision, ELI.passed_by, body_iri)
        self.add(decision, ELI.date_document, Literal(d))
        self.add(decision, BG.decisionKind, DECISION_KIND[paragraph.decision_kind])
        if paragraph.decision_text:
            self.add(decision, PROV.value, Literal(paragraph.decision_text))
        for recipient in paragraph.referred_to:
            self.add(decision, BG.referredTo, self.mention(decision, recipient))
        for recipient in paragraph.sent_back_to:
            self.add(decision, BG.sentBackTo, self.mention(decision, recipient))
        if paragraph.answer_by:
            self.add(decision, BG.answerBy, Literal(paragraph.answer_by))
        self.derived(decision, paragraph.decision_span or paragraph.span)

        if paragraph.case_number:
            case = self.iris.case(k, paragraph.case_number)
            self.case(case, paragraph.case_number, paragraph.case_span)
            self.add(node, DOSSIER.vindtPlaatsTijdens, case)
        for c in paragraph.citations:
            cited = self.cited_decision(c, node)
            if cited is not None:
                self.add(decision, ELI.cites, cited)
        for motion in paragraph.motions:
            self.motion(motion, node)
        for recipient in paragraph.dispatch:
            self.add(node, BG.dispatchedTo, self.mention(node, recipient))
        for document in paragraph.basis:
            self.document(document, node, paragraph)
        for reference, where in paragraph.law:
            self.law(reference, where, node)
        for vote in paragraph.votes:
            self.vote(vote, node, paragraph)
        for statement in paragraph.statements:
            self.statement(statement, node, decision, paragraph.number)

    def agenda_item(self, paragraph: Paragraph, treatment: URIRef, meeting: URIRef, citation: str) -> None:
        """The matter on the agenda that the § treats: the meeting treats it (besluit:behandelt), the § has it as its
        subject (dct:subject), as LBLOD's model has it; its case is the §'s dossier:vindtPlaatsTijdens."""
        item = self.iris.agenda_item(self.kommun, self.organ, self.day, paragraph.number)
        self.add(meeting, BESLUIT.behandelt, item)
        self.add(treatment, DCTERMS.subject, item)
        self.add(item, RDF.type, BESLUIT.Agendapunt)
        self.add(item, DCTERMS.title, Literal(paragraph.title))
        self.add(item, RDFS.label, Literal(f"Ärende {citation} {paragraph.title}".strip()))
        self.derived(item, paragraph.title_span if paragraph.title_span.end > paragraph.title_span.start else None)

    def law(self, reference: LawReference, where: Span, owner: URIRef) -> None:
        """The § cites a statute (at a chapter and paragraph) or a preparatory work; the occurrence keeps its span."""
        target = URIRef(reference.iri)
        statute = URIRef(reference.statute_iri)
        self.add(owner, BG.citesLaw, target)
        self.add(target, RDF.type, BG.LegalSource)
        self.add(target, RDFS.label, Literal(reference.label))
        if target != statute:
            self.add(target, DCTERMS.isPartOf, statute)
            self.add(statute, RDF.type, BG.LegalSource)
            self.add(statute, RDFS.label, Literal(reference.label.split("§ ")[-1]))
        occurrence = URIRef(f"{self.source_iri}/lagrum/{where.start}-{where.end}")
        self.add(owner, BG.lawCitation, occurrence)
        self.add(occurrence, RDF.type, BG.LawCitation)
        self.add(occurrence, BG.law, target)
        self.add(occurrence, BG.mentionText, Literal(reference.written))
        self.derived(occurrence, where)

    def person(self, person: NamedPerson) -> URIRef:
        iri = self.iris.person(self.kommun, person.name)
        self.add(iri, RDF.type, PERSON.Person)
        self.add(iri, FOAF.name, Literal(person.name))
        self.add(iri, RDFS.label, Literal(f"{person.name} ({person.party})" if person.party else person.name))
        if person.party and (party := self.registry.get("party", person.party)) is not None:
            self.add(iri, BG.memberOfParty, self.entity(party))
        return iri

    def vote(self, vote: Vote, owner: URIRef, paragraph: Paragraph) -> None:
        node = self.iris.vote(self.kommun, self.organ, self.day, paragraph.number, vote.position)
        self.add(owner, BESLUIT.heeftStemming, node)
        self.add(node, RDF.type, BESLUIT.Stemming)
        self.add(node, RDFS.label, Literal(f"Omröstning {vote.position}"))
        if vote.yes_means:
            self.add(node, BG.yesMeans, Literal(vote.yes_means))
        if vote.no_means:
            self.add(node, BG.noMeans, Literal(vote.no_means))
        self.add(node, BESLUIT.onderwerp, Literal(vote_subject(vote, paragraph.title), lang="sv"))
        if (outcome := vote_outcome(vote)) is not None:
            self.add(node, BESLUIT.gevolg, Literal(outcome, lang="sv"))
        counts = {"yes": BESLUIT.aantalVoorstanders, "no": BESLUIT.aantalTegenstanders,
                  "abstain": BESLUIT.aantalOnthouders, "absent": BG.absentCount}  # fmt: skip
        for choice, predicate in counts.items():
            if choice in vote.counts:
                self.add(node, predicate, Literal(vote.counts[choice]))
        voters = {"yes": BESLUIT.heeftVoorstander, "no": BESLUIT.heeftTegenstander, "abstain": BESLUIT.heeftOnthouder}
        for person, choice in vote.ballots:
            self.add(node, voters[choice], self.person(person))
        if vote.ballots:
            mismatches = vote.mismatches()
            self.add(node, BG.countsAgree, Literal(not mismatches))
            for mismatch in mismatches:
                self.add(node, BG.countMismatch, Literal(mismatch))
        self.derived(node, vote.span)

    def statement(self, statement: Statement, owner: URIRef, decision: URIRef, number: int) -> None:
        node = self.iris.statement(self.kommun, self.organ, self.day, number, statement.position)
        kind, link = STATEMENT_KIND[statement.kind]
        self.add(owner, link, node)
        self.add(node, RDF.type, kind)
        self.add(node, PROV.value, Literal(statement.text))
        self.add(
            node, RDFS.label, Literal(statement.text if len(statement.text) <= 80 else statement.text[:77] + "...")
        )
        for person in statement.people:
            self.add(node, DCTERMS.creator, self.person(person))
        for party_name in statement.parties:
            if (party := self.party_named(party_name)) is not None:
                self.add(node, DCTERMS.creator, party)
        if statement.against:
            self.add(node, BG.against, Literal(statement.against))
        if statement.kind == "reservation":
            self.add(node, DCTERMS.subject, decision)
        self.derived(node, statement.span)

    def party_named(self, name: str) -> URIRef | None:
        """A party by its letters (SD) or its name, in any inflection (Sverigedemokraterna)."""
        for party in self.registry.of_kind("party"):
            if name in (party.key, *party.abbreviations) or name.lower() == party.name.lower():
                return self.entity(party)
        return None

    def case(self, case: URIRef, notation: str, span: Span | None) -> None:
        self.add(case, RDF.type, BESLUITVORMING.Besluitvormingsaangelegenheid)
        self.add(case, SKOS.notation, Literal(notation))
        self.add(case, RDFS.label, Literal(notation))
        self.add(case, BG.kommun, Literal(self.kommun))
        self.derived(case, span)

    def cited_decision(self, citation: Citation, owner: URIRef) -> URIRef | None:
        body = citation.body
        if body is None or citation.day is None:
            return None
        body_iri = self.mention(owner, body)
        entity = self.registry.get("body", body.key) if body.key else None
        if entity is None:
            return None
        iri = self.iris.decision(self.kommun, entity.key, citation.day, citation.number)
        label = f"{short_name(entity)} {citation.day.isoformat()} § {citation.number}"
        self.add(iri, RDF.type, BESLUIT.Besluit)
        self.add(iri, ELI.language, SWEDISH)
        self.add(iri, ELI.passed_by, body_iri)
        self.add(iri, ELI.date_document, Literal(citation.day))
        self.add(iri, BG.paragraphNumber, Literal(citation.number))
        self.add(iri, BG.citation, Literal(label))
        self.add(iri, RDFS.label, Literal(f"Beslut {label}"))
        self.add(iri, BG.knownFromCitation, Literal(True))
        if citation.amendment:
            self.add(iri, BG.amendment, Literal(citation.amendment))
        self.derived(iri, citation.span)
        return iri

    def motion(self, motion: Motion, owner: URIRef) -> None:
        node = self.iris.motion(self.kommun, self.organ, self.day, self.protocol_number(owner), motion.position)
        self.add(owner, BG.motion, node)
        self.add(node, RDF.type, BG.Motion)
        self.add(node, BG.mover, Literal(motion.mover))
        self.add(node, BG.motionKind, MOTION_KIND[motion.kind])
        self.add(node, PROV.value, Literal(motion.text))
        self.add(node, RDFS.label, Literal(f"{motion.mover}: {motion.text}"))
        for letter in motion.parties:
            if (party := self.registry.get("party", letter)) is not None:
                self.add(node, BG.moverParty, self.entity(party))
        for person in find_people(motion.mover):
            self.add(node, DCTERMS.creator, self.person(person))
        self.derived(node, motion.span)

    def protocol_number(self, paragraph_iri: URIRef) -> int:
        return int(str(paragraph_iri).rsplit("/", 1)[1])

    def document(self, document: BasisDocument, owner: URIRef, paragraph: Paragraph) -> None:
        node = self.iris.document(self.kommun, self.organ, self.day, paragraph.number, document.position)
        self.add(owner, PROV.used, node)
        self.add(node, RDF.type, DOSSIER.Stuk)
        self.add(node, DCTERMS.title, Literal(document.title))
        self.add(node, RDFS.label, Literal(document.title))
        self.add(node, DCTERMS.type, DOCUMENT_KIND[document.kind])
        self.add(node, BG.position, Literal(document.position))
        self.add(node, BG.isReferralResponse, Literal(document.is_referral_response))
        for author in document.authors:
            self.add(node, DCTERMS.creator, self.mention(node, author))
        for addressee in document.addressees:
            target = self.mention(node, addressee)
            self.add(node, BG.addressedTo, target)
            meeting_body = self.protocol.meeting.body
            if (
                self.protocol.meeting.day_evidence is not None
                and addressee.key == meeting_body.key
                and self.protocol.meeting.day_evidence == document.span
            ):
                self.add(node, BG.inferredDate, Literal(self.day))
        if document.dates:
            self.add(node, DCTERMS.date, Literal(document.dates[0].value))
            for extra in document.dates[1:]:
                self.add(node, BG.mentionedDate, Literal(extra.value))
        if document.part:
            self.add(node, BG.partNumber, Literal(document.part[0]))
            self.add(node, BG.partCount, Literal(document.part[1]))
        for notation in document.case_numbers:
            case = self.iris.case(self.kommun, notation)
            self.case(case, notation, None)
            self.add(node, BG.citesCase, case)
        for citation in document.citations:
            cited = self.cited_decision(citation, node)
            if cited is not None:
                self.add(node, ELI.cites, cited)
            else:
                self.add(node, BG.citedParagraphNumber, Literal(citation.number))
        self.derived(node, document.span)


def vote_subject(vote: Vote, title: str) -> str:
    """What was voted on (besluit:onderwerp): the two propositions where printed, else the matter of the §."""
    if vote.yes_means and vote.no_means:
        return f"Ja för {vote.yes_means}; nej för {vote.no_means}"
    return title


def vote_outcome(vote: Vote) -> str | None:
    """The result (besluit:gevolg) as the printed totals give it: which side won and what it meant. A tie says only
    that: the chair's casting vote, or for an election the lot, decides it, and how is not in the totals. None where
    the totals are not printed."""
    if "yes" not in vote.counts or "no" not in vote.counts:
        return None
    yes, no = vote.counts["yes"], vote.counts["no"]
    totals = f"{yes} ja mot {no} nej" + (f", {vote.counts['abstain']} avstod" if "abstain" in vote.counts else "")
    if yes == no:
        return f"{totals}: lika röstetal"
    side, meaning = ("ja", vote.yes_means) if yes > no else ("nej", vote.no_means)
    return f"{totals}: {side} vann" + (f" ({meaning})" if meaning else "")


def to_graph(protocol: Protocol, source: SourceText, registry: Registry, iris: Iris, run: IngestRun) -> Graph:
    """The named graph of one source file."""
    return _Mapper(protocol, source, registry, iris, run).build()


def graph_name(protocol: Protocol, iris: Iris) -> URIRef:
    numbers = [p.number for p in protocol.paragraphs]
    m = protocol.meeting
    if not numbers:  # a first page alone: the meeting's header, no §
        return iris.header_graph(m.kommun, m.body.key or "", m.day)
    return iris.graph(m.kommun, m.body.key or "", m.day, min(numbers), max(numbers))


__all__ = ["IngestRun", "graph_name", "short_name", "to_graph"]
