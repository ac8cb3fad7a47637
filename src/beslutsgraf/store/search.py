"""Full-text search over titles, decision texts and basis documents: SQLite FTS5 beside the graph store, kept in
step with it one named graph at a time.

Swedish as people type it: case folded, å ä ö kept apart from a o (diacritics as typed), and every word a prefix,
so that "remiss" finds "remissvar" and "Remissvar från Moderaterna" — compound words found by their first part.
"""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from rdflib import Graph, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, SKOS

from beslutsgraf.ontology import BESLUIT, BG, DOSSIER, ELI

_SCHEMA = """
CREATE VIRTUAL TABLE IF NOT EXISTS entries USING fts5(
    title, text, iri UNINDEXED, graph UNINDEXED, kind UNINDEXED, body UNINDEXED, day UNINDEXED,
    tokenize = 'unicode61 remove_diacritics 0'
);
"""


@dataclass(frozen=True)
class Hit:
    iri: str
    kind: str
    title: str
    snippet: str
    day: str | None
    body: str | None
    score: float


Entry = tuple[str, str, str, str, str | None, str | None]


def entries(graph: Graph) -> list[Entry]:
    """(iri, kind, title, text, body, date) for every § and basis document of one source graph."""
    entries = []
    for paragraph in graph.subjects(RDF.type, BESLUIT.BehandelingVanAgendapunt):
        decision = graph.value(paragraph, PROV.generated)
        meeting = graph.value(paragraph, DCTERMS.isPartOf)
        text = " ".join(str(t) for t in (graph.value(decision, PROV.value), graph.value(paragraph, BG.summary)) if t)
        body = graph.value(decision, ELI.passed_by) if decision else None
        day = graph.value(meeting, DCTERMS.date) if meeting else None
        title = f"{graph.value(paragraph, BG.citation) or ''} {graph.value(paragraph, DCTERMS.title) or ''}".strip()
        entries.append(
            (str(paragraph), "paragraph", title, text, str(body) if body else None, str(day) if day else None)
        )
        for document in graph.objects(paragraph, PROV.used):
            if (document, RDF.type, DOSSIER.Stuk) in graph:
                doc_title = str(graph.value(document, DCTERMS.title) or "")
                doc_day = graph.value(document, DCTERMS.date)
                # the authors by the names the registries give them: "Socialförvaltningen" for "Socialörvaltningens"
                authors = " ".join(
                    str(graph.value(a, SKOS.prefLabel) or graph.value(a, BG.mentionText) or "")
                    for a in graph.objects(document, DCTERMS.creator)
                )
                entries.append(
                    (
                        str(document),
                        "document",
                        doc_title,
                        authors,
                        str(body) if body else None,
                        str(doc_day) if doc_day else None,
                    )
                )
    return entries


def _match(query: str) -> str:
    """Every word a prefix, all words required; FTS5's own syntax is never passed through."""
    words = re.findall(r"[\w]+", query.lower())
    return " AND ".join(f'"{word}"*' for word in words)


class SearchIndex:
    def __init__(self, path: Path | None) -> None:
        if path is not None:
            path.parent.mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(str(path) if path else ":memory:", check_same_thread=False)
        self._db.executescript(_SCHEMA)

    def replace_graph(self, name: URIRef, graph: Graph | list[Entry], *, also_drop: tuple[URIRef, ...] = ()) -> None:
        """The graph's entries (or the entries themselves, made where the graph was) in place of the graph's."""
        made = graph if isinstance(graph, list) else entries(graph)
        with self._db:  # one transaction
            for dropped in (name, *also_drop):
                self._db.execute("DELETE FROM entries WHERE graph = ?", (str(dropped),))
            self._db.executemany(
                "INSERT INTO entries (iri, kind, title, text, body, day, graph) VALUES (?, ?, ?, ?, ?, ?, ?)",
                [(*entry, str(name)) for entry in made],
            )

    def search(
        self,
        query: str,
        *,
        body: str | None = None,
        start: str | None = None,
        end: str | None = None,
        kind: str | None = None,
        limit: int = 20,
        offset: int = 0,
        marks: tuple[str, str] = ("[", "]"),
    ) -> list[Hit]:
        """The best `limit` hits after the first `offset`; `marks` go around each word found in the snippet."""
        match = _match(query)
        if not match:
            return []
        rows = self._db.execute(
            "SELECT iri, kind, title, snippet(entries, -1, ?, ?, '…', 12), day, body, bm25(entries, 5.0, 1.0) "
            "FROM entries WHERE entries MATCH ? AND (? IS NULL OR body = ?) AND (? IS NULL OR day >= ?) "
            "AND (? IS NULL OR day <= ?) AND (? IS NULL OR kind = ?) ORDER BY bm25(entries, 5.0, 1.0) LIMIT ? OFFSET ?",
            (*marks, match, body, body, start, start, end, end, kind, kind, limit, offset),
        ).fetchall()
        return [
            Hit(iri, kind, title, snippet, day, b, round(-score, 6))
            for iri, kind, title, snippet, day, b, score in rows
        ]

    def __len__(self) -> int:
        return self._db.execute("SELECT count(*) FROM entries").fetchone()[0]

    def close(self) -> None:
        self._db.close()
