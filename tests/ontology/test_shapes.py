"""One test per shape: the seed's graph conforms, and a graph that breaks exactly one shape is caught by it."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, SKOS

from ingest.protocol import parse_protocol
from ingest.resolve import Resolver
from ingest.source import SourceMetadata, read_source
from ingest.to_rdf import IngestRun, to_graph
from ingest.validate import validate_graph
from ontology import AS, BESLUIT, BG, ELI, FOAF, OA, ORG, Iris
from tests.conftest import DATA, SEED

IRIS = Iris()
BASE = IRIS.base
PARAGRAPH = URIRef(BASE + "paragraf/exempelkommun/ks/2026-06-03/138")
DECISION = URIRef(BASE + "beslut/exempelkommun/ks/2026-06-03/138")
CITED = URIRef(BASE + "beslut/exempelkommun/ksau/2026-05-20/113")
MEETING = URIRef(BASE + "sammantrade/exempelkommun/ks/2026-06-03")
CASE = URIRef(BASE + "arende/exempelkommun/ks-2025-164")
KS = URIRef(BASE + "organ/exempelkommun/ks")
KLK = URIRef(BASE + "forvaltning/exempelkommun/klk")
PARTY_C = URIRef(BASE + "parti/c")
MOTION = URIRef(BASE + "yrkande/exempelkommun/ks/2026-06-03/138/1")


def document(n: int) -> URIRef:
    return URIRef(BASE + f"dokument/exempelkommun/ks/2026-06-03/138/{n}")


def graph_of(path: Path, resolver: Resolver, **options: str) -> Graph:
    source = read_source(path)
    protocol = parse_protocol(source, SourceMetadata(**options), resolver)
    return to_graph(protocol, source, resolver.registry, IRIS, IngestRun("test", datetime(2026, 11, 27, tzinfo=UTC)))


@pytest.fixture(scope="module")
def seed_graph(resolver: Resolver) -> Graph:
    return graph_of(SEED, resolver, kommun="Exempelkommun")


@pytest.fixture(scope="module")
def vote_graph(resolver: Resolver) -> Graph:
    """A Göteborg § with a named roll call, protocol notes and reservations."""
    return graph_of(DATA / "goteborg-ks-2024-02-07-102.txt", resolver, organ="KS", date="2024-02-07")


VOTE = URIRef(BASE + "votering/goteborg/ks/2024-02-07/102/1")
PERSON_PLEIJEL = URIRef(BASE + "person/goteborg/karin-pleijel")


def one(graph: Graph, s: URIRef | None, p: URIRef) -> object:
    value = graph.value(s, p)
    assert value is not None
    return value


def first_subject(graph: Graph, p: URIRef, o: URIRef) -> URIRef:
    return next(iter(graph.subjects(p, o)))


def replace(graph: Graph, s: URIRef, p: URIRef, value: object) -> None:
    graph.remove((s, p, None))
    graph.add((s, p, value))


Mutation = Callable[[Graph], None]

MUTATIONS: list[tuple[str, Mutation, str]] = [
    ("meeting without a date", lambda g: g.remove((MEETING, DCTERMS.date, None)), "bgsh:MeetingShape"),
    ("inferred date without evidence", lambda g: g.remove((MEETING, BG.dateEvidence, None)), "bgsh:InferredDateShape"),
    ("§ with two titles", lambda g: g.add((PARAGRAPH, DCTERMS.title, Literal("Another"))), "bgsh:TreatmentShape"),
    ("decision taken without a title", lambda g: g.remove((DECISION, ELI.title, None)),
     "bgsh:TreatmentShape / prov:generated"),
    ("cited decision without a body", lambda g: g.remove((CITED, ELI.passed_by, None)), "bgsh:DecisionShape"),
    ("decision kind from the wrong scheme", lambda g: replace(g, DECISION, BG.decisionKind, BG.Remissvar),
     "bgsh:DecisionShape / bg:decisionKind"),
    ("case number of another form", lambda g: replace(g, CASE, SKOS.notation, Literal("ärende hundra")),
     "bgsh:CaseShape"),
    ("body without a name", lambda g: g.remove((KS, SKOS.prefLabel, None)), "bgsh:BodyShape"),
    ("administration serving two bodies", lambda g: g.add((KLK, ORG.unitOf, URIRef(BASE + "organ/exempelkommun/sn"))),
     "bgsh:AdministrationShape"),
    ("party with a malformed abbreviation", lambda g: replace(g, PARTY_C, SKOS.notation, Literal("C 1!")),
     "bgsh:PartyShape"),
    ("document without a kind", lambda g: g.remove((document(5), DCTERMS.type, None)), "bgsh:DocumentShape"),
    ("document kind from the wrong scheme", lambda g: replace(g, document(5), DCTERMS.type, BG.Bifall),
     "bgsh:DocumentShape / dct:type"),
    ("part number above the parts", lambda g: replace(g, document(13), BG.partNumber, Literal(3)),
     "bgsh:DocumentShape / bg:partNumber"),
    ("motion without its mover", lambda g: g.remove((MOTION, BG.mover, None)), "bgsh:MotionShape"),
    ("motion kind from the wrong scheme", lambda g: replace(g, MOTION, BG.motionKind, BG.Bifall),
     "bgsh:MotionShape / bg:motionKind"),
    ("mention resolved by an unknown method",
     lambda g: replace(g, first_subject(g, RDF.type, BG.Mention), BG.resolution, Literal("guessed")),
     "bgsh:MentionShape"),
    ("unresolved mention that resolves",
     lambda g: g.add((first_subject(g, BG.resolvesTo, KS), RDF.type, BG.UnresolvedMention)),
     "bgsh:UnresolvedMentionShape"),
    ("span that ends before it starts",
     lambda g: replace(g, first_subject(g, RDF.type, BG.Span), OA.start, Literal(10**6)), "bgsh:SpanShape"),
    ("source file without its hash",
     lambda g: replace(g, first_subject(g, RDF.type, BG.SourceFile), BG.sha256, Literal("abc")),
     "bgsh:SourceFileShape"),
    ("ingest run without a time",
     lambda g: g.remove((first_subject(g, RDF.type, BG.IngestRun), PROV.startedAtTime, None)),
     "bgsh:IngestRunShape"),
    ("document without its ingest run", lambda g: g.remove((document(6), BG.extractedBy, None)),
     "bgsh:ExtractedProperty"),
    ("motion without its source span", lambda g: g.remove((MOTION, PROV.wasDerivedFrom, None)),
     "bgsh:DerivedProperty"),
]  # fmt: skip


@pytest.fixture(scope="module")
def full_graph(resolver: Resolver) -> Graph:
    """A whole protocol: header with attendance, contents, votes, jäv, reservation."""
    return graph_of(DATA / "ks-2025-03-12-full.txt", resolver)


def test_the_full_protocol_graph_conforms_but_for_its_own_warning(full_graph: Graph) -> None:
    report = validate_graph(full_graph)
    assert report.conforms, "\n".join(f.describe() for f in report.violations)
    # the file itself prints Ja (3) but names two: the self-check finds it and so does the shape
    assert [w.shape for w in report.warnings] == ["bgsh:VoteCountShape / bg:countsAgree"]


def test_an_attendance_without_its_person_is_caught(full_graph: Graph) -> None:
    graph = Graph()
    for triple in full_graph:
        graph.add(triple)
    graph.remove((URIRef(BASE + "narvaro/tidaholm/ks/2025-03-12/1"), BG.attendee, None))
    report = validate_graph(graph)
    assert {f.shape for f in report.violations} == {"bgsh:AttendanceShape / bg:attendee"}


def test_a_citation_of_law_outside_rinfo_is_caught(resolver: Resolver) -> None:
    graph = graph_of(DATA / "sbn-2024-03-12.txt", resolver)
    assert validate_graph(graph).conforms
    citation = first_subject(graph, RDF.type, BG.LawCitation)
    target = URIRef("https://example.org/not-a-law")
    graph.add((target, RDF.type, BG.LegalSource))
    replace(graph, citation, BG.law, target)
    report = validate_graph(graph)
    assert {f.shape for f in report.violations} == {"bgsh:LawCitationShape / bg:law"}


VOTE_MUTATIONS: list[tuple[str, Mutation, str]] = [
    ("vote with a negative count", lambda g: replace(g, VOTE, BESLUIT.aantalVoorstanders, Literal(-1)),
     "bgsh:VoteShape"),
    ("person without a name", lambda g: g.remove((PERSON_PLEIJEL, FOAF.name, None)), "bgsh:PersonShape"),
    ("reservation without its text",
     lambda g: g.remove((first_subject(g, RDF.type, BG.Reservation), PROV.value, None)), "bgsh:StatementShape"),
]  # fmt: skip


def test_the_seed_graph_conforms(seed_graph: Graph) -> None:
    report = validate_graph(seed_graph)
    assert report.conforms, "\n".join(f.describe() for f in report.findings)
    assert report.findings == ()


def test_the_vote_graph_conforms(vote_graph: Graph) -> None:
    report = validate_graph(vote_graph)
    assert report.conforms, "\n".join(f.describe() for f in report.findings)
    assert report.findings == ()
    assert (VOTE, BG.countsAgree, Literal(True)) in vote_graph


@pytest.mark.parametrize(("what", "mutate", "shape"), VOTE_MUTATIONS, ids=[m[0] for m in VOTE_MUTATIONS])
def test_breaking_one_vote_shape_is_caught_by_that_shape(vote_graph: Graph, what: str, mutate: Mutation,
                                                         shape: str) -> None:  # fmt: skip
    graph = Graph()
    for triple in vote_graph:
        graph.add(triple)
    mutate(graph)
    report = validate_graph(graph)
    assert {f.shape.split(" / ")[0] for f in report.violations} == {shape}, what


def test_named_voters_that_do_not_add_up_are_a_warning(vote_graph: Graph) -> None:
    graph = Graph()
    for triple in vote_graph:
        graph.add(triple)
    replace(graph, VOTE, BG.countsAgree, Literal(False))
    report = validate_graph(graph)
    assert report.conforms
    assert [w.shape for w in report.warnings] == ["bgsh:VoteCountShape / bg:countsAgree"]


@pytest.mark.parametrize(("what", "mutate", "shape"), MUTATIONS, ids=[m[0] for m in MUTATIONS])
def test_breaking_one_shape_is_caught_by_that_shape(seed_graph: Graph, what: str, mutate: Mutation, shape: str) -> None:
    graph = Graph()
    for triple in seed_graph:
        graph.add(triple)
    mutate(graph)
    report = validate_graph(graph)
    assert not report.conforms, what
    assert {f.shape.split(" / ")[0] for f in report.violations} == {shape.split(" / ")[0]}
    assert any(f.shape.startswith(shape) for f in report.violations)


def test_a_referral_response_without_author_is_a_warning(seed_graph: Graph) -> None:
    graph = Graph()
    for triple in seed_graph:
        graph.add(triple)
    graph.remove((document(8), DCTERMS.creator, None))
    report = validate_graph(graph)
    assert report.conforms
    (warning,) = report.warnings
    assert warning.shape == "bgsh:ReferralResponseShape"
    assert warning.focus == str(document(8))
    assert warning.quote == "Remissvar från Centerpartiet"
    assert warning.page == 1 and warning.line is not None
    assert "Remissvar från Centerpartiet" in warning.describe()


TOMBSTONE_MUTATIONS: list[tuple[str, Mutation]] = [
    ("no time of removal", lambda g: g.remove((DECISION, AS.deleted, None))),
    ("two times of removal",
     lambda g: g.add((DECISION, AS.deleted, Literal(datetime(2026, 11, 28, tzinfo=UTC))))),
    ("a former type that is not an IRI", lambda g: replace(g, DECISION, AS.formerType, Literal("Besluit"))),
]  # fmt: skip


@pytest.mark.parametrize(("what", "mutate"), TOMBSTONE_MUTATIONS, ids=[m[0] for m in TOMBSTONE_MUTATIONS])
def test_a_broken_tombstone_is_caught(what: str, mutate: Mutation) -> None:
    graph = Graph()
    graph.add((DECISION, RDF.type, AS.Tombstone))
    graph.add((DECISION, AS.formerType, BESLUIT.Besluit))
    graph.add((DECISION, AS.deleted, Literal(datetime(2026, 11, 27, 8, tzinfo=UTC))))
    assert validate_graph(graph).conforms
    mutate(graph)
    assert {f.shape.split(" / ")[0] for f in validate_graph(graph).violations} == {"bgsh:TombstoneShape"}, what


def test_every_shape_in_the_file_has_a_test() -> None:
    from rdflib.namespace import SH

    from ingest.validate import shapes_graph

    named = {str(s).split("#")[1] for s in shapes_graph().subjects(RDF.type, SH.NodeShape) if isinstance(s, URIRef)}
    named |= {str(s).split("#")[1] for s in shapes_graph().subjects(RDF.type, SH.PropertyShape)}
    mutations = MUTATIONS + VOTE_MUTATIONS
    tested = {shape.split(" / ")[0].removeprefix("bgsh:") for _, _, shape in mutations}
    tested |= {"ReferralResponseShape", "VoteCountShape", "AttendanceShape", "LawCitationShape", "TombstoneShape"}
    # the concept shapes are reached through their node's property: tested there
    tested |= {"TakenDecisionShape", "DecisionKindConcept", "DocumentKindConcept", "MotionKindConcept"}
    assert named <= tested, named - tested
