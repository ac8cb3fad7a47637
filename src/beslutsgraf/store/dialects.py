"""What a SPARQL server does its own way, found from its `Server` header: the graph it keeps the named graphs' merge in
(a default graph it cannot write), the graphs of its own it holds, and the forms of terms it answers in that another
would write otherwise (Virtuoso's booleans as 1 and 0), put back to the standard's."""

from __future__ import annotations

import re
from dataclasses import dataclass

import pyoxigraph as ox
from rdflib import URIRef
from rdflib.namespace import XSD

from beslutsgraf.ontology import MERGED_GRAPH


@dataclass(frozen=True)
class Dialect:
    """What a server does its own way: where the merge of the named graphs is kept (None: in the default graph),
    and which graphs it keeps for itself (IRIs, and whether its service description is kept as a graph)."""

    name: str
    merged_graph: URIRef | None = None
    own_graphs: tuple[str, ...] = ()
    describes_itself_in_a_graph: bool = False
    booleans_as_numbers: bool = False  # "true"^^xsd:boolean given back as "1"^^xsd:boolean (the same value)
    asks_as_tables: bool = False  # an ASK answered as a table of one row and one integer, not a boolean


STANDARD = Dialect("SPARQL 1.1")


VIRTUOSO = Dialect(
    "Virtuoso",
    MERGED_GRAPH,
    ("http://www.openlinksw.com/schemas/virtrdf#", "http://www.w3.org/ns/ldp#"),
    describes_itself_in_a_graph=True,
    booleans_as_numbers=True,
    asks_as_tables=True,
)


def dialect_of(server_header: str) -> Dialect:
    return VIRTUOSO if server_header.startswith("Virtuoso/") else STANDARD


BOOLEAN = str(XSD.boolean)


BOOLEAN_WORDS = {"1": "true", "0": "false"}


NUMERIC_BOOLEAN = re.compile(rf'(?<=[ \t])"([01])"\^\^<{re.escape(BOOLEAN)}>')


_Term = ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple


def canonical(term: _Term) -> _Term:
    """A boolean in its canonical form ("true", not "1"), as the ingest wrote it; every other term as it is."""
    if isinstance(term, ox.Literal) and term.datatype.value == BOOLEAN and term.value in BOOLEAN_WORDS:
        return ox.Literal(BOOLEAN_WORDS[term.value], datatype=term.datatype)
    return term
