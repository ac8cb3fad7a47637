"""What the graph says in LBLOD's and OSLO's terms: the agenda item each § treats, the case beside it, the
municipality the bodies govern, the decision's activity and language, and what a vote was on and how it ended."""

from __future__ import annotations

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, ORG, PROV, RDF, SKOS

from beslutsgraf.ingest.mapping import vote_outcome, vote_subject
from beslutsgraf.ingest.model import Span, Vote
from beslutsgraf.ingest.resolve import Resolver
from beslutsgraf.ontology import BESLUIT, BG, DOSSIER, ELI, SWEDISH
from tests.conftest import DATA, graph_of
from tests.ontology.test_shapes import BASE, CASE, CITED, DECISION, GOTEBORG, KS, MEETING, PARAGRAPH, VOTE

pytestmark = pytest.mark.unit

AGENDA_ITEM = URIRef(BASE + "agendapunkt/exempelkommun/ks/2026-06-03/138")
EXEMPELKOMMUN = URIRef(BASE + "kommun/exempelkommun")


def test_each_paragraph_treats_an_agenda_item_of_its_meeting_and_takes_place_in_its_case(seed_graph: Graph) -> None:
    g = seed_graph
    assert (MEETING, BESLUIT.behandelt, AGENDA_ITEM) in g
    assert (AGENDA_ITEM, RDF.type, BESLUIT.Agendapunt) in g
    assert g.value(PARAGRAPH, DCTERMS.subject) == AGENDA_ITEM
    assert g.value(AGENDA_ITEM, DCTERMS.title) == g.value(PARAGRAPH, DCTERMS.title)
    assert g.value(PARAGRAPH, DOSSIER.vindtPlaatsTijdens) == CASE
    assert not any(isinstance(o, URIRef) and "/arende/" in o for o in g.objects(PARAGRAPH, DCTERMS.subject))


def test_a_decision_names_the_paragraph_that_generated_it_and_its_language(seed_graph: Graph) -> None:
    assert (PARAGRAPH, PROV.generated, DECISION) in seed_graph
    assert (DECISION, PROV.wasGeneratedBy, PARAGRAPH) in seed_graph
    assert set(seed_graph.objects(DECISION, ELI.language)) == {SWEDISH}
    # a decision known only from a citation is a Swedish municipality's decision too; no § of this file made it
    assert set(seed_graph.objects(CITED, ELI.language)) == {SWEDISH}
    assert seed_graph.value(CITED, PROV.wasGeneratedBy) is None


def test_bodies_govern_the_municipality_and_are_classified(seed_graph: Graph, vote_graph: Graph) -> None:
    assert seed_graph.value(KS, BESLUIT.bestuurt) == EXEMPELKOMMUN
    assert seed_graph.value(KS, ORG.classification) == BG.Styrelse
    assert seed_graph.value(KS, BG.bodyKind) is None  # deprecated: org:classification says it
    assert (EXEMPELKOMMUN, RDF.type, BESLUIT.Bestuurseenheid) in seed_graph
    # a municipality the registry does not know: its name as the metadata writes it, no code
    assert seed_graph.value(EXEMPELKOMMUN, SKOS.prefLabel) == Literal("Exempelkommun", lang="sv")
    assert seed_graph.value(EXEMPELKOMMUN, BG.kommunkod) is None
    # one it knows: the registry's name and Statistics Sweden's code
    assert vote_graph.value(GOTEBORG, SKOS.prefLabel) == Literal("Göteborg", lang="sv")
    assert vote_graph.value(GOTEBORG, BG.kommunkod) == Literal("1480")
    assert vote_graph.value(GOTEBORG, ORG.classification) == BG.Kommun


def test_a_vote_says_what_it_was_on_and_how_it_ended(vote_graph: Graph) -> None:
    assert vote_graph.value(VOTE, BESLUIT.onderwerp) == Literal(
        "Ja för bifall till Karin Pleijels yrkande; nej för bifall till Axel Darviks yrkande", lang="sv"
    )
    assert vote_graph.value(VOTE, BESLUIT.gevolg) == Literal(
        "7 ja mot 5 nej, 1 avstod: ja vann (bifall till Karin Pleijels yrkande)", lang="sv"
    )


SPAN = Span(0, 1, "x", 1)


VOTES = [
    (
        Vote(1, SPAN, "avslag", "bifall", {"yes": 3, "no": 5}),
        "Ja för avslag; nej för bifall",
        "3 ja mot 5 nej: nej vann (bifall)",
    ),
    (Vote(1, SPAN, None, None, {"yes": 6, "no": 6}), "Taxa för bygglov", "6 ja mot 6 nej: lika röstetal"),
    (
        Vote(1, SPAN, None, None, {"yes": 7, "no": 6, "abstain": 2}),
        "Taxa för bygglov",
        "7 ja mot 6 nej, 2 avstod: ja vann",
    ),
    (Vote(1, SPAN, "avslag", "bifall", {"abstain": 2}), "Ja för avslag; nej för bifall", None),
]


@pytest.mark.parametrize(("vote", "subject", "outcome"), VOTES)
def test_vote_subject_and_outcome(vote: Vote, subject: str, outcome: str | None) -> None:
    # without printed propositions the vote was on the matter of its §; without printed totals no outcome is stated
    assert vote_subject(vote, "Taxa för bygglov") == subject
    assert vote_outcome(vote) == outcome


def test_contents_only_paragraphs_are_agenda_items_too(resolver: Resolver) -> None:
    """§ 15 of the whole protocol is only in its table of contents (closed under secrecy): it was on the agenda."""
    g = graph_of(DATA / "ks-2025-03-12-full.txt", resolver)
    item = URIRef(BASE + "agendapunkt/tidaholm/ks/2025-03-12/15")
    assert (URIRef(BASE + "sammantrade/tidaholm/ks/2025-03-12"), BESLUIT.behandelt, item) in g
    assert g.value(URIRef(BASE + "paragraf/tidaholm/ks/2025-03-12/15"), DCTERMS.subject) == item
    assert g.value(item, DCTERMS.title) == Literal("Ärende enligt offentlighets- och sekretesslagen")
