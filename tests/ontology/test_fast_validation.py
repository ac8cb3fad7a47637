"""pyrudof is the fast path only where it flags what pyshacl, the reference, flags: the same focus nodes with the
same severities, on every shape's mutation (tests/ontology/test_shapes.py) and on the graphs that conform."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, RDF

from beslutsgraf.ingest.resolve import Resolver
from beslutsgraf.ingest.validate import fast_findings, reference_report, validate_graph
from beslutsgraf.ontology import BG
from tests.conftest import DATA, SEED
from tests.ontology import test_shapes as shapes

pytestmark = pytest.mark.unit

Case = tuple[str, str, Callable[[Graph], None]]  # what, the graph mutated, how


def _unchanged(graph: Graph) -> None:
    del graph


def _attendance_without_person(graph: Graph) -> None:
    graph.remove((URIRef(shapes.BASE + "narvaro/tidaholm/ks/2025-03-12/1"), BG.attendee, None))


def _response_without_author(graph: Graph) -> None:
    graph.remove((shapes.document(8), DCTERMS.creator, None))


def _law_outside_rinfo(graph: Graph) -> None:
    target = URIRef("https://example.org/not-a-law")
    graph.add((target, RDF.type, BG.LegalSource))
    shapes.replace(graph, shapes.first_subject(graph, RDF.type, BG.LawCitation), BG.law, target)


CASES: list[Case] = [
    ("the seed", "seed", _unchanged),
    ("the vote §", "vote", _unchanged),
    ("the full protocol, with its warning", "full", _unchanged),
    ("a law citation", "law", _unchanged),
    ("an attendance without its person", "full", _attendance_without_person),
    ("a referral response without its author (a warning)", "seed", _response_without_author),
    ("a law citation outside rinfo", "law", _law_outside_rinfo),
    *[(what, "seed", mutate) for what, mutate, _ in shapes.MUTATIONS],
    *[(what, "vote", mutate) for what, mutate, _ in shapes.VOTE_MUTATIONS],
]


@pytest.fixture(scope="module")
def graphs(resolver: Resolver) -> dict[str, Graph]:
    return {
        "seed": shapes.graph_of(SEED, resolver, kommun="Exempelkommun"),
        "vote": shapes.graph_of(DATA / "goteborg-ks-2024-02-07-102.txt", resolver, organ="KS", date="2024-02-07"),
        "full": shapes.graph_of(DATA / "ks-2025-03-12-full.txt", resolver),
        "law": shapes.graph_of(DATA / "sbn-2024-03-12.txt", resolver),
    }


def flagged_by_both(graph: Graph) -> tuple[set[tuple[str, str]] | None, set[tuple[str, str]]]:
    reference = {(f.focus, f.severity) for f in reference_report(graph).findings}
    return fast_findings(graph.serialize(format="nt")), reference


@pytest.mark.parametrize(("what", "base", "mutate"), CASES, ids=[c[0] for c in CASES])
def test_the_fast_path_flags_what_the_reference_flags(
    graphs: dict[str, Graph], what: str, base: str, mutate: Callable[[Graph], None]
) -> None:
    graph = Graph()
    for triple in graphs[base]:
        graph.add(triple)
    mutate(graph)
    fast, reference = flagged_by_both(graph)
    assert fast == reference, what
    assert bool(reference) == (mutate is not _unchanged or base == "full"), what  # the case tests what it says


def test_a_broken_tombstone_is_flagged_by_both() -> None:
    for what, mutate in shapes.TOMBSTONE_MUTATIONS:
        graph = Graph()
        graph.add((shapes.DECISION, RDF.type, shapes.AS.Tombstone))
        graph.add((shapes.DECISION, shapes.AS.formerType, shapes.BESLUIT.Besluit))
        graph.add((shapes.DECISION, shapes.AS.deleted, Literal(datetime(2026, 11, 27, 8, tzinfo=UTC))))
        fast, reference = flagged_by_both(graph)
        assert fast == reference == set(), what
        mutate(graph)
        fast, reference = flagged_by_both(graph)
        assert fast == reference != set(), what


def test_the_vocabulary_is_what_the_fast_path_validates_against(graphs: dict[str, Graph]) -> None:
    # the concept schemes live in the vocabulary, not in the graph: a kind outside them is caught by both
    graph = Graph()
    for triple in graphs["seed"]:
        graph.add(triple)
    shapes.replace(graph, shapes.DECISION, BG.decisionKind, URIRef(str(BG) + "NoSuchKind"))
    fast, reference = flagged_by_both(graph)
    assert fast == reference == {(str(shapes.DECISION), "Violation")}


def test_what_the_fast_path_cannot_read_is_left_to_the_reference() -> None:
    assert fast_findings("<http://example.org/a> <http://example.org/b> .\n") is None


def test_a_graph_with_findings_gets_the_reference_report_in_words(graphs: dict[str, Graph]) -> None:
    graph = Graph()
    for triple in graphs["seed"]:
        graph.add(triple)
    _response_without_author(graph)
    fast = validate_graph(graph)
    assert fast == validate_graph(graph, fast=False) == reference_report(graph)
    (warning,) = fast.warnings
    assert warning.quote == "Remissvar från Centerpartiet" and warning.shape == "bgsh:ReferralResponseShape"
    assert validate_graph(graphs["seed"]).findings == ()
    assert validate_graph(graphs["seed"].serialize(format="nt")).findings == ()
