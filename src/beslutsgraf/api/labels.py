"""Every vocabulary term and scheme concept shown by its label, in the page's language, never as a CURIE: the
vocabulary's `rdfs:label` and `skos:prefLabel`, and a concept found by its notation too (`remissvar`)."""

from __future__ import annotations

from functools import cache

from rdflib import Literal, URIRef
from rdflib.namespace import RDFS, SKOS

from beslutsgraf.ontology import vocabulary_graph


@cache
def _labels() -> dict[tuple[str, str], str]:
    """(IRI or notation, language) → label, from the vocabulary."""
    graph = vocabulary_graph()
    found: dict[tuple[str, str], str] = {}
    for predicate in (RDFS.label, SKOS.prefLabel):
        for term, label in graph.subject_objects(predicate):
            if isinstance(label, Literal) and label.language:
                found.setdefault((str(term), label.language), str(label))
    for term, notation in graph.subject_objects(SKOS.notation):
        for language in ("sv", "en"):
            if (str(term), language) in found:
                found.setdefault((str(notation), language), found[(str(term), language)])
    return found


def label(term: str | URIRef | None, language: str) -> str:
    """The term's label in `language` (else in the other, else the term's own last part)."""
    if term is None:
        return ""
    labels = _labels()
    other = "en" if language == "sv" else "sv"
    return labels.get((str(term), language)) or labels.get((str(term), other)) or str(term).rsplit("#", 1)[-1]
