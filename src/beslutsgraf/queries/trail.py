"""A case's trail as a graph (networkx): its decisions in date order, which cite which; written as GraphML
for analysis and as an SVG timeline for people, a lane for each body."""

from __future__ import annotations

from datetime import date
from html import escape
from itertools import pairwise

import networkx as nx
from rdflib import URIRef

from beslutsgraf.queries import answer, get, lookup_sparql
from beslutsgraf.queries.params import Select

LANE = 70
MARGIN = 40
WIDTH = 900


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


def to_svg(graph: nx.DiGraph, case: str) -> str:
    """A timeline: one lane per body, a dot per decision at its date, arrows where a decision cites another."""
    steps = timeline(graph)
    bodies = list(dict.fromkeys(step["body"] for step in steps))
    days = [date.fromisoformat(step["date"]).toordinal() for step in steps]
    first, last = (min(days), max(days)) if days else (0, 1)
    span = max(last - first, 1)
    height = MARGIN * 2 + LANE * max(len(bodies), 1) + 30

    def position(node: str) -> tuple[float, float]:
        data = graph.nodes[node]
        x = 200 + (date.fromisoformat(data["date"]).toordinal() - first) / span * (WIDTH - 260)
        y = MARGIN + 30 + bodies.index(data["body"]) * LANE
        return x, y

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{height}" font-family="sans-serif" '
        f'font-size="12" role="img" aria-label="{escape(case)}">',
        f"<title>{escape(case)}</title>",
        '<defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="6" markerHeight="6" '
        'orient="auto-start-reverse"><path d="M 0 0 L 10 5 L 0 10 z" fill="#777"/></marker></defs>',
        f'<text x="{MARGIN}" y="{MARGIN - 10}" font-size="15" font-weight="bold">{escape(case)}</text>',
    ]
    for index, body in enumerate(bodies):
        lane = MARGIN + 30 + index * LANE
        parts.append(f'<line x1="190" y1="{lane}" x2="{WIDTH - 40}" y2="{lane}" stroke="#ddd"/>')
        parts.append(f'<text x="{MARGIN}" y="{lane + 4}">{escape(body)}</text>')
    for source, target, data in graph.edges(data=True):
        (x1, y1), (x2, y2) = position(source), position(target)
        style = 'stroke="#777" stroke-dasharray="4 3"' if data["relation"] == "cites" else 'stroke="#333"'
        parts.append(f'<line x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" {style} '
                     'marker-end="url(#arrow)"/>')  # fmt: skip
    for node in graph.nodes:
        data, (x, y) = graph.nodes[node], position(node)
        label = f"{data['citation']} {data['outcome']}".strip()
        parts.append(f'<a href="{escape(node)}"><circle cx="{x:.1f}" cy="{y:.1f}" r="6" fill="#1f5fa8">'
                     f"<title>{escape(data['title'])}</title></circle></a>")  # fmt: skip
        anchor = "end" if x > WIDTH * 0.7 else "middle"  # keep labels near the right edge inside the picture
        parts.append(f'<text x="{x:.1f}" y="{y - 12:.1f}" text-anchor="{anchor}">{escape(label)}</text>')
    axis = height - MARGIN
    for ordinal, anchor, x in ((first, "start", 200), (last, "end", WIDTH - 60)):
        parts.append(f'<text x="{x}" y="{axis}" text-anchor="{anchor}" fill="#555">{date.fromordinal(ordinal)}</text>')
    parts.append("</svg>")
    return "\n".join(parts)
