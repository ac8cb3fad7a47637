"""The source file and its ingest run, the municipality, and the meeting with its header: place and times,
justering and notice, and who attended in which role."""

from __future__ import annotations

from datetime import datetime

from rdflib import Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, RDFS, SKOS, XSD

from beslutsgraf.ingest.mapping.writer import GraphWriter, short_name
from beslutsgraf.ingest.model import NamedPerson
from beslutsgraf.ontology import BESLUIT, BG, ORG


def source_and_run(w: GraphWriter) -> None:
    s, r, source = w.source_iri, w.run_iri, w.source
    w.add(s, RDF.type, BG.SourceFile)
    w.add(s, BG.sha256, Literal(source.sha256))
    w.add(s, BG.fileName, Literal(source.path.name))
    if w.run.path_digest:
        w.add(s, BG.pathDigest, Literal(w.run.path_digest))
    w.add(s, DCTERMS["format"], Literal(source.media_type))
    w.add(s, BG.byteSize, Literal(source.byte_size))
    w.add(s, RDFS.label, Literal(f"Källfil {source.path.name}"))
    w.add(s, BG.extraction, Literal(source.extraction))
    w.add(s, BG.pageCount, Literal(source.page_count))
    w.add(s, BG.furnitureLinesRemoved, Literal(len(source.furniture)))
    for page in source.ocr_pages:
        w.add(s, BG.ocrPage, Literal(page))
    w.add(r, RDF.type, BG.IngestRun)
    w.add(r, RDF.type, PROV.Activity)
    w.add(r, PROV.used, s)
    w.add(r, PROV.startedAtTime, Literal(w.run.started.isoformat(timespec="microseconds"), datatype=XSD.dateTime))
    w.add(r, BG.softwareVersion, Literal(f"beslutsgraf {w.run.version}"))
    w.add(r, RDFS.label, Literal(f"Inläsning av {source.path.name}"))


def municipality(w: GraphWriter) -> None:
    """The municipality the bodies govern: its name and kommunkod from the registry, else its name as written."""
    known = w.registry.get("kommun", w.kommun)
    name = known.name if known else w.meeting.kommun_name or w.kommun
    w.add(w.kommun_iri, RDF.type, BESLUIT.Bestuurseenheid)
    w.add(w.kommun_iri, ORG.classification, BG.Kommun)
    w.add(w.kommun_iri, DCTERMS.identifier, Literal(w.kommun))
    w.add(w.kommun_iri, SKOS.prefLabel, Literal(name, lang="sv"))
    w.add(w.kommun_iri, RDFS.label, Literal(name, lang="sv"))
    if known and known.kommunkod:
        w.add(w.kommun_iri, BG.kommunkod, Literal(known.kommunkod))


def meeting(w: GraphWriter) -> tuple[URIRef, URIRef, str]:
    """The meeting: its IRI, its body's, and how it is cited (KS 2026-06-03)."""
    body = w.registry.get("body", w.organ)
    assert body is not None, "parse_protocol refuses an unresolved body"
    body_iri = w.entity(body)
    node = w.iris.meeting(w.kommun, w.organ, w.day)
    citation = f"{short_name(body)} {w.day.isoformat()}"
    w.add(node, RDF.type, BESLUIT.Zitting)
    w.add(node, BESLUIT.isGehoudenDoor, body_iri)
    w.add(node, DCTERMS.date, Literal(w.day))
    w.add(node, BG.citation, Literal(citation))
    w.add(node, RDFS.label, Literal(f"{body.name} {w.day.isoformat()}"))
    evidence = w.meeting.day_evidence
    if evidence is not None:
        w.add(node, BG.dateInferred, Literal(True))
        w.add(node, BG.dateEvidence, w.iris.span(w.source.sha256, evidence.start, evidence.end))
    w.derived(node, evidence)
    for finding in w.protocol.checks:
        w.add(node, BG.checkFinding, Literal(finding))
    header(w, node)
    return node, body_iri, citation


def header(w: GraphWriter, meeting: URIRef) -> None:
    header = w.protocol.header
    if header.place:
        w.add(meeting, BG.place, Literal(header.place))
    for moment, predicate in ((header.start, PROV.startedAtTime), (header.end, PROV.endedAtTime)):
        if moment is not None:
            stamp = datetime.combine(w.day, moment).isoformat(timespec="minutes") + ":00"
            w.add(meeting, predicate, Literal(stamp, datatype=XSD.dateTime))
    for pause in header.breaks:
        w.add(meeting, BG.adjournment, Literal(pause))
    if header.justering:
        w.add(meeting, BG.justering, Literal(header.justering))
    dated = (
        (header.justering_date, BG.justeringDate),
        (header.posted, BG.noticePosted),
        (header.removed, BG.noticeRemoved),
    )
    for value, predicate in dated:
        if value is not None:
            w.add(meeting, predicate, Literal(value))
    if header.kept_at:
        w.add(meeting, BG.keptAt, Literal(header.kept_at))
    for position, attendee in enumerate(header.attendees, 1):
        node = w.iris.attendance(w.kommun, w.organ, w.day, position)
        person = w.person(NamedPerson(attendee.name, attendee.party, attendee.role, 0, 0))
        w.add(meeting, BG.attendance, node)
        w.add(node, RDF.type, BG.Attendance)
        w.add(node, BG.attendee, person)
        w.add(node, BG.attendanceKind, Literal(attendee.kind))
        w.add(node, RDFS.label, Literal(f"{attendee.name}: {attendee.role or attendee.kind}"))
        if attendee.role:
            w.add(node, BG.role, Literal(attendee.role))
        if attendee.replaces:
            replaced = NamedPerson(attendee.replaces, attendee.replaces_party, None, 0, 0)
            w.add(node, BG.replaces, w.person(replaced))
        if attendee.paragraphs:
            w.add(node, BG.forParagraphs, Literal(attendee.paragraphs))
        role = (attendee.role or "").lower()
        if attendee.kind == "sekreterare":
            w.add(meeting, BESLUIT.heeftSecretaris, person)
        elif role.startswith("ordförande") or role == "tjänstgörande ordförande":
            w.add(meeting, BESLUIT.heeftVoorzitter, person)
        w.derived(node, attendee.span)
