"""The named questions and every other read of the store.

A named question is one `.rq` file with a header that declares its parameters and columns (`queries.catalogue`);
its parameter values are resolved to RDF terms (`queries.params`) and bound, never pasted into query text, and
`answer` asks it through whatever `select` the caller hands it, so nothing here needs a store of its own.
"""

from __future__ import annotations

from rdflib.term import Node

from beslutsgraf.queries.catalogue import (
    PARAMETER_TYPES,
    QUERY_DIR,
    NamedQuery,
    NotFound,
    Parameter,
    QueryError,
    UnknownQuestion,
    catalogue,
    get,
    lookup_sparql,
    parse_query_file,
)
from beslutsgraf.queries.params import Select, bind


def answer(named: NamedQuery, given: dict[str, str], select: Select) -> tuple[list[str], list[dict]]:
    """Run a named question through `select(sparql, bindings) -> rows`: its declared columns and rows.

    Bound variables must be projected for the engine to substitute them, so the query may select more
    than its declared columns; those are cut here.
    """
    with_defaults = {p.name: p.default for p in named.parameters if p.default is not None} | given
    return _columns_of(named, select(named.sparql, bind(named, with_defaults, select)))


def answer_about(named: NamedQuery, parameter: str, term: Node, select: Select) -> tuple[list[str], list[dict]]:
    """A named question asked of a term already resolved (a page that knows the § it shows): one select, where
    `answer` would look the term up again. For questions whose other parameters have no default."""
    return _columns_of(named, select(named.sparql, {named.parameter(parameter).variable: term}))


def _columns_of(named: NamedQuery, rows: list[dict]) -> tuple[list[str], list[dict]]:
    columns = list(named.columns)
    seen, distinct = set(), []
    for row in rows:
        cut = {c: row.get(c) for c in columns}
        key = tuple(cut.values())
        if key not in seen:
            seen.add(key)
            distinct.append(cut)
    return columns, distinct


__all__ = [
    "PARAMETER_TYPES",
    "QUERY_DIR",
    "NamedQuery",
    "NotFound",
    "Parameter",
    "QueryError",
    "UnknownQuestion",
    "answer",
    "answer_about",
    "catalogue",
    "get",
    "lookup_sparql",
    "parse_query_file",
]
