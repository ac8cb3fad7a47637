"""Query results as a table for people, SPARQL 1.1 Query Results JSON, or CSV."""

from __future__ import annotations

import csv
import io
import json

from rdflib import BNode, Literal, URIRef
from rich.table import Table
from rich.text import Text

from store import Solutions

FORMATS = ("table", "json", "csv")


def _json_term(term: object) -> dict[str, str]:
    if isinstance(term, URIRef):
        return {"type": "uri", "value": str(term)}
    if isinstance(term, BNode):
        return {"type": "bnode", "value": str(term)}
    assert isinstance(term, Literal)
    out = {"type": "literal", "value": str(term)}
    if term.language:
        out["xml:lang"] = term.language
    elif term.datatype:
        out["datatype"] = str(term.datatype)
    return out


def to_json(solutions: Solutions) -> str:
    """SPARQL 1.1 Query Results JSON Format."""
    bindings = [{k: _json_term(v) for k, v in row.items() if v is not None} for row in solutions.rows]
    return json.dumps(
        {"head": {"vars": solutions.variables}, "results": {"bindings": bindings}}, ensure_ascii=False, indent=2
    )


def to_csv(solutions: Solutions) -> str:
    """SPARQL 1.1 Query Results CSV Format: lexical forms, CRLF line ends."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(solutions.variables)
    for row in solutions.rows:
        writer.writerow(["" if row.get(v) is None else str(row[v]) for v in solutions.variables])
    return buffer.getvalue()


def to_table(solutions: Solutions, title: str | None = None) -> Table:
    table = Table(title=title, show_lines=False, expand=False)
    for variable in solutions.variables:
        table.add_column(variable, overflow="fold")
    for row in solutions.rows:
        cells = []
        for variable in solutions.variables:
            term = row.get(variable)
            style = "cyan" if isinstance(term, URIRef) else ""
            cells.append(Text("" if term is None else str(term), style=style))
        table.add_row(*cells)
    table.caption = f"{len(solutions.rows)} row{'s' * (len(solutions.rows) != 1)}"
    return table
