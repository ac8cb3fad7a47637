"""A named question's answer as SPARQL 1.1 Query Results JSON or CSV."""

from __future__ import annotations

import csv
import io
import json

from rdflib import BNode, Literal, URIRef


def json_term(term: object) -> dict[str, str]:
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


def to_json(columns: list[str], rows: list[dict]) -> str:
    """SPARQL 1.1 Query Results JSON Format."""
    bindings = [{k: json_term(v) for k, v in row.items() if v is not None} for row in rows]
    return json.dumps({"head": {"vars": columns}, "results": {"bindings": bindings}}, ensure_ascii=False, indent=2)


def to_csv(columns: list[str], rows: list[dict]) -> str:
    """SPARQL 1.1 Query Results CSV Format: lexical forms, CRLF line ends."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow(["" if row.get(c) is None else str(row[c]) for c in columns])
    return buffer.getvalue()
