"""Publishing: the whole graph as a dump, and a case's trail as a picture (SVG) and a graph (GraphML)."""

from __future__ import annotations

import gzip
from datetime import date
from html import escape
from pathlib import Path
from typing import IO, cast

import networkx as nx

from beslutsgraf.queries.trail import timeline
from beslutsgraf.store import GraphStore

LANE = 70
MARGIN = 40
WIDTH = 900


def write_dump(store: GraphStore, folder: Path) -> Path:
    """The whole graph as gzipped N-Quads, streamed to a file (never held whole) and put in place when complete."""
    path = folder / "graph.nq.gz"
    partial = folder / "graph.nq.gz.partial"
    with gzip.open(partial, "wb", compresslevel=6) as output:
        store.export(cast(IO[bytes], output), "nquads")  # a GzipFile is a binary file typeshed does not call IO
    partial.replace(path)
    return path


def write_trail(graph: nx.DiGraph, case: str, stem: Path) -> tuple[Path, Path]:
    """The trail as `stem`.svg for people and `stem`.graphml for analysis."""
    svg, graphml = stem.with_suffix(".svg"), stem.with_suffix(".graphml")
    svg.write_text(to_svg(graph, case), encoding="utf-8")
    nx.write_graphml(graph, graphml)
    return svg, graphml


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
        f'font-size="12" role="group" aria-label="{escape(case)}">',
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
        parts.append(
            f'<line x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" {style} marker-end="url(#arrow)"/>'
        )
    for node in graph.nodes:
        data, (x, y) = graph.nodes[node], position(node)
        label = f"{data['citation']} {data['outcome']}".strip()
        parts.append(
            f'<a href="{escape(node)}"><circle cx="{x:.1f}" cy="{y:.1f}" r="6" fill="#1f5fa8">'
            f"<title>{escape(data['title'])}</title></circle></a>"
        )
        anchor = "end" if x > WIDTH * 0.7 else "middle"  # keep labels near the right edge inside the picture
        parts.append(f'<text x="{x:.1f}" y="{y - 12:.1f}" text-anchor="{anchor}">{escape(label)}</text>')
    axis = height - MARGIN
    for ordinal, anchor, x in ((first, "start", 200), (last, "end", WIDTH - 60)):
        parts.append(f'<text x="{x}" y="{axis}" text-anchor="{anchor}" fill="#555">{date.fromordinal(ordinal)}</text>')
    parts.append("</svg>")
    return "\n".join(parts)
