"""Parameter values to RDF terms: IRIs, citations ("KS 2026-06-03 § 138") and case numbers.

Look-ups run as internal named queries through a `select` function the caller supplies, so this module
needs no store of its own; the values found are bound as terms, never pasted into query text.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date

from rdflib import Literal, URIRef
from rdflib.term import Node

from beslutsgraf.ontology.law import find_law_references
from beslutsgraf.queries.catalogue import NamedQuery, NotFound, QueryError, lookup_sparql

Row = dict[str, Node | None]
Select = Callable[[str, dict[str, Node]], list[Row]]

_CITATION = re.compile(r"^\s*(?P<body>.+?)\s*,?\s+(?P<day>\d{4}-\d{2}-\d{2})\s*(?:,?\s*§\s*(?P<number>\d{1,4}))?\s*$")


def _is_iri(value: str) -> bool:
    """An absolute http(s) IRI, by its look: no character an IRI may not hold (RFC 3987: no <>"{}|\\^`, space or
    control character); the store refuses what its engine cannot read as one, and the caller is told (400)."""
    return re.match(r"^https?://[^\x00-\x20\x7f<>\"{}|\\^`]+$", value) is not None


def _day(value: str, text: str) -> Literal:
    try:
        return Literal(date.fromisoformat(value))
    except ValueError:
        raise QueryError(f"{text!r}: {value!r} is not a date (YYYY-MM-DD)") from None


def _one(rows: list[Row], column: str, what: str) -> URIRef:
    found = sorted({str(r[column]) for r in rows if r.get(column) is not None})
    if not found:
        raise NotFound(f"no {what} in the store")
    if len(found) > 1:
        raise QueryError(f"{what} is ambiguous; give one of these IRIs instead: {', '.join(found)}")
    return URIRef(found[0])


def resolve_decision(value: str, select: Select) -> URIRef:
    """The IRI of the § that a § IRI, a decision IRI or a citation names."""
    if _is_iri(value):
        rows = select(lookup_sparql("paragraph-by-iri"), {"iri": URIRef(value)})
        return _one(rows, "paragraph", f"§ or decision <{value}>")
    m = _CITATION.match(value)
    if not m or not m["number"]:
        raise QueryError(f"{value!r} is neither an IRI nor a citation like 'KS 2026-06-03 § 138'")
    rows = select(
        lookup_sparql("paragraph-by-citation"),
        {
            "bodyName": Literal(m["body"]),
            "day": _day(m["day"], value),
            "number": Literal(int(m["number"])),
        },
    )
    return _one(rows, "paragraph", f"§ {value!r}")


def resolve_meeting(value: str, select: Select) -> URIRef:
    if _is_iri(value):
        return URIRef(value)
    m = _CITATION.match(value)
    if not m or m["number"]:
        raise QueryError(f"{value!r} is neither an IRI nor a meeting citation like 'KS 2025-06-04'")
    rows = select(lookup_sparql("meeting-by-citation"), {"bodyName": Literal(m["body"]), "day": _day(m["day"], value)})
    return _one(rows, "meeting", f"meeting {value!r}")


def resolve_case(value: str, select: Select) -> URIRef:
    if _is_iri(value):
        return URIRef(value)
    notation = re.sub(r"\s+", " ", value.strip())
    rows = select(lookup_sparql("case-by-notation"), {"notation": Literal(notation)})
    return _one(rows, "case", f"case {value!r}")


def resolve_value(kind: str, value: str, select: Select) -> Node:
    if kind == "decision":
        return resolve_decision(value, select)
    if kind == "case":
        return resolve_case(value, select)
    if kind == "meeting":
        return resolve_meeting(value, select)
    if kind == "date":
        return _day(value, value)
    if kind in ("body", "party", "person"):
        if _is_iri(value):
            return URIRef(value)
        rows = select(lookup_sparql(f"{kind}-by-name"), {"name": Literal(" ".join(value.split()))})
        return _one(rows, kind, f"{kind} {value!r}")
    if kind == "law":
        if _is_iri(value):
            return URIRef(value)
        references = find_law_references(value)
        if len(references) != 1:
            raise QueryError(
                f"{value!r} is not a reference to law like 'KL 6:24', '5 kap. 23 § kommunallagen' or 'SFS 2017:725'"
            )
        return URIRef(references[0].iri)
    if kind == "iri":
        if not _is_iri(value):
            raise QueryError(f"{value!r} is not an IRI")
        return URIRef(value)
    return Literal(value)


def bind(query: NamedQuery, given: dict[str, str], select: Select) -> dict[str, Node]:
    """Variable name -> RDF term, for every parameter given."""
    query.check(given)
    bindings: dict[str, Node] = {}
    for name, value in given.items():
        parameter = query.parameter(name)
        bindings[parameter.variable] = resolve_value(parameter.type, value, select)
    return bindings
