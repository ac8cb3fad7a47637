"""A case's trail as a graph (networkx): its decisions in date order, which cite which (drawn by
`services.publishing`)."""

from __future__ import annotations

from itertools import pairwise

import networkx as nx
from rdflib import URIRef

from beslutsgraf.queries import answer, get, lookup_sparql
from beslutsgraf.queries.params import Select


def case_trail(case: URIRef, select: Select) -> nx.DiGraph:
    """The trail of the case with this IRI, from the store `select` reads."""
    _, history = answer(get("case-history"), {"case": str(case)}, select)
    links = [(str(r["citing"]), str(r["cited"])) for r in select(lookup_sparql("case-links"), {"case": case})]
    return build_trail(history, links)


def build_trail(history: list[dict], links: list[tuple[str, str]]) -> nx.DiGraph:
    """`history`: rows of the case-history question; `links`: (citing, cited) decision IRIs."""
    graph = nx.DiGraph()
    for row in history:
        graph.add_node(
            str(row["decision"]),
            citation=str(row["citation"]),
            body=str(row["bodyLabel"] or row["body"]),
            date=str(row["date"]),
            outcome=str(row["outcome"] or ""),
            title=str(row["title"] or ""),
        )
    for earlier, later in pairwise(_in_order(graph)):
        graph.add_edge(earlier, later, relation="then")
    for citing, cited in links:
        if citing in graph and cited in graph:
            graph.add_edge(citing, cited, relation="cites")
    return graph


def _in_order(graph: nx.DiGraph) -> list[str]:
    return sorted(graph.nodes, key=lambda n: (graph.nodes[n]["date"], graph.nodes[n]["citation"]))


def timeline(graph: nx.DiGraph) -> list[dict[str, str]]:
    return [graph.nodes[n] for n in _in_order(graph)]
