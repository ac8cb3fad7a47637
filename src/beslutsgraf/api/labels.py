"""Every vocabulary term and scheme concept shown by its label, in the page's language, never as a CURIE: the
vocabulary's `rdfs:label` and `skos:prefLabel`, a concept found by its notation too (`remissvar`), and the pages'
own words for the other vocabularies' terms the graph uses (`labels.ttl`)."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from rdflib import Graph, Literal
from rdflib.namespace import RDFS, SKOS
from rdflib.term import Node

from beslutsgraf.ontology import PREFIXES, vocabulary_graph

OTHER_TERMS = Path(__file__).with_name("labels.ttl")


@cache
def _labels() -> dict[tuple[str, str], str]:
    """(IRI or notation, language) → label, from the vocabulary and the pages' words for other terms."""
    graph = vocabulary_graph() + Graph().parse(OTHER_TERMS, format="turtle")
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


def known_label(term: str | Node, language: str) -> str | None:
    """The term's label in `language` (else in the other), or None where no label is known."""
    labels = _labels()
    other = "en" if language == "sv" else "sv"
    return labels.get((str(term), language)) or labels.get((str(term), other))


def label(term: str | Node | None, language: str) -> str:
    """The term's label in `language` (else in the other, else the term's own last part)."""
    if term is None:
        return ""
    return known_label(term, language) or str(term).rsplit("#", 1)[-1]


def curie(term: str | Node) -> str:
    """The term as prefix:name where a prefix of the graph covers it, else the IRI."""
    for prefix, namespace in PREFIXES.items():
        if str(term).startswith(str(namespace)):
            return f"{prefix}:{str(term)[len(str(namespace)) :]}"
    return str(term)
