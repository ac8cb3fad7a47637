"""Bound variables written as VALUES blocks: where they go, and what cannot be written."""

from __future__ import annotations

import pytest
from rdflib import BNode, Literal, URIRef

from beslutsgraf.store import QueryRefused
from beslutsgraf.store.bindings import inline_bindings

pytestmark = pytest.mark.unit

VALUES = " VALUES (?x) { (<http://example.org/a>) } "


def test_a_values_block_heads_the_where_group_and_every_union_branch() -> None:
    query = "SELECT * WHERE { { ?x ?p ?o } UNION { ?o ?p ?x } UNION { ?x a ?t } ?x ?q ?r }"
    bound = inline_bindings(query, {"x": URIRef("http://example.org/a")})
    assert bound == (
        f"SELECT * WHERE {{{VALUES} {{{VALUES} ?x ?p ?o }} UNION {{{VALUES} ?o ?p ?x }} UNION {{{VALUES} ?x a ?t }} "
        "?x ?q ?r }"
    )


def test_groups_that_are_no_union_branch_are_left_alone() -> None:
    query = "SELECT * WHERE { ?x ?p ?o OPTIONAL { ?o ?q ?r } FILTER EXISTS { ?x a ?t } }"
    bound = inline_bindings(query, {"x": URIRef("http://example.org/a")})
    assert bound.count("VALUES") == 1 and bound.startswith("SELECT * WHERE {" + VALUES)


def test_braces_and_keywords_in_strings_iris_and_comments_are_not_groups() -> None:
    query = (
        "SELECT * WHERE { # a comment { UNION WHERE {\n"
        '  ?x ?p "a } UNION { b" , \'WHERE {\' , """x\n} UNION {""" , <http://example.org/{x}> }'
    )
    bound = inline_bindings(query, {"x": URIRef("http://example.org/a")})
    assert bound.count("VALUES") == 1 and bound.replace(VALUES, "", 1) == query


def test_the_terms_are_written_by_rdflib_not_pasted() -> None:
    bound = inline_bindings("SELECT * WHERE { ?s ?p ?o }", {"o": Literal('"} ; DROP ALL ; {"'), "s": URIRef("urn:x")})
    assert 'VALUES (?o ?s) { ("\\"} ; DROP ALL ; {\\"" <urn:x>) }' in bound


@pytest.mark.parametrize("term", [URIRef("http://example.org/a> } ; DROP ALL ; <x"), BNode("b1")])
def test_a_term_that_cannot_be_written_is_refused(term) -> None:
    with pytest.raises(QueryRefused, match=r"\?x"):
        inline_bindings("SELECT * WHERE { ?x ?p ?o }", {"x": term})


def test_nothing_to_bind_leaves_the_query_as_it_is() -> None:
    assert inline_bindings("ASK { ?s ?p ?o }", {}) == "ASK { ?s ?p ?o }"
    with pytest.raises(ValueError, match="WHERE"):
        inline_bindings("ASK { ?s ?p ?o }", {"s": URIRef("urn:x")})
