"""Variables bound to terms by `VALUES` blocks written into the query: at the head of every group that `WHERE {`
opens, and of every branch of a `UNION`.

Why not the engine's own substitution: Oxigraph plans a query before it substitutes, so a bound variable does not
steer the plan — a § given by its IRI made the engine read every § first (120 ms against 1.2 ms at 1M triples).
Why in every union branch: the engine evaluates a union before joining it to what surrounds it, so a person's
activity was gathered for every person (5 s). A join distributes over a union, so the answer is the same.
A `VALUES` block is also the one way to bind that every SPARQL server understands. Its terms are written by
rdflib, which refuses an IRI that would break out of `<…>`; the caller's text is never pasted.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from functools import lru_cache

import pyoxigraph as ox
from rdflib import BNode, URIRef
from rdflib.term import Node

from beslutsgraf.store.base import QueryRefused

# What can hold a brace or the word UNION without opening a group: strings, IRIs, comments.
_TOKEN = re.compile(
    r'''(?P<skip>"""(?:[^"\\]|\\.|"(?!""))*"""|'\''\'\'(?:[^'\\]|\\.|'(?!''))*'\''\''|"(?:[^"\\\n]|\\.)*"'''
    r"""|'(?:[^'\\\n]|\\.)*'|<[^<>"{}|^`\\\x00-\x20]*>|\#[^\n]*)"""
    r"|(?P<where>\bWHERE\s*\{)|(?P<union>\bUNION\b)|(?P<open>\{)|(?P<close>\})",
    re.IGNORECASE,
)


def inline_bindings(sparql: str, bindings: Mapping[str, Node] | None) -> str:
    """`sparql` with one `VALUES` row of `bindings` at the head of each group where it binds (the query itself when
    there is nothing to bind)."""
    if not bindings:
        return sparql
    names = " ".join(f"?{name}" for name in bindings)
    terms = " ".join(_written(name, term) for name, term in bindings.items())
    values = f" VALUES ({names}) {{ ({terms}) }} "
    heads = _binding_places(sparql)
    if not heads:
        raise ValueError("a query with bound variables needs a WHERE clause to bind them in")
    pieces, last = [], 0
    for head in heads:
        pieces += [sparql[last:head], values]
        last = head
    return "".join([*pieces, sparql[last:]])


@lru_cache(maxsize=256)
def _binding_places(sparql: str) -> tuple[int, ...]:
    """Offsets just inside each `{` that `WHERE` opens or that opens a branch of a UNION (found once a query text:
    the named questions are a few constant texts)."""
    places: set[int] = set()
    opened: list[tuple[int, bool]] = []  # (offset inside the brace, whether UNION came just before it)
    after_union = False
    for token in _TOKEN.finditer(sparql):
        kind = token.lastgroup
        if kind == "skip":
            continue
        if kind == "where":
            places.add(token.end())
            opened.append((token.end(), False))
        elif kind == "open":
            if after_union:
                places.add(token.end())
            opened.append((token.end(), after_union))
        elif kind == "close" and opened:
            inside, _ = opened.pop()
            following = _TOKEN.search(sparql, token.end())
            while following is not None and following.lastgroup == "skip":
                following = _TOKEN.search(sparql, following.end())
            if following is not None and following.lastgroup == "union":
                places.add(inside)  # the first branch of a union
        after_union = kind == "union"
    return tuple(sorted(places))


def is_iri(value: str) -> bool:
    """Whether the engine reads `value` as an absolute IRI (RFC 3987; Oxigraph's own parser, so that what passes
    here never fails there: `%ZZ`, a second `#`, a control character, a broken host are all refused)."""
    try:
        ox.NamedNode(value)
    except ValueError:
        return False
    return ":" in value


def values_block(name: str, terms: Sequence[Node]) -> str:
    """`VALUES ?name { … }` with one row a term, the terms written by rdflib."""
    return f"VALUES ?{name} {{ {' '.join(_written(name, term) for term in terms)} }}"


def _written(name: str, term: Node) -> str:
    if isinstance(term, BNode):
        raise QueryRefused(f"?{name}: a blank node cannot be bound")
    if isinstance(term, URIRef) and not is_iri(str(term)):
        raise QueryRefused(f"?{name}: {str(term)[:80]!r} is not an IRI")
    try:
        return term.n3()
    except Exception:  # rdflib raises a bare Exception for an IRI it cannot write
        shown = str(term)[:80]
        raise QueryRefused(f"?{name}: {shown!r} is not an IRI that can be written") from None
