"""What a user's query says before an engine runs it: its form, its dataset, and whether it reaches outside.

Decided from a real parse (rdflib's SPARQL 1.1 grammar), not from patterns over the text: a pattern cannot follow
SPARQL's lexer (`FILTER(1<2)SERVICE?x#>` looks like one IRI to a pattern, and is a comparison, a SERVICE and a
comment to a parser). Before the parse, two linear bounds: the text's length and how deeply its brackets nest, since
a recursive parser (Oxigraph's, in Rust) runs out of stack on a few thousand nested braces and takes its process
with it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from pyparsing import ParseBaseException, ParseResults
from rdflib.plugins.sparql.algebra import translateQuery
from rdflib.plugins.sparql.parser import parseQuery
from rdflib.plugins.sparql.parserutils import CompValue

from beslutsgraf.store.base import QueryRefused

MAX_QUERY_CHARACTERS = 1_000_000
MAX_NESTING = 128  # brackets of every kind; hand-written queries stay under 20

_ESCAPE = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")
# Virtuoso's pragmas come before the query; they can make it fetch IRIs from the web (its Sponger).
_PRAGMA = re.compile(r"(?:\s|#[^\n]*\n)*DEFINE\s", re.IGNORECASE)
_FORMS = {"SelectQuery": "SELECT", "AskQuery": "ASK", "ConstructQuery": "CONSTRUCT", "DescribeQuery": "DESCRIBE"}


class QueryReachesOutside(QueryRefused):
    """A query that would make the engine call another server (SERVICE) or fetch IRIs (Virtuoso's DEFINE)."""

    def __init__(self, keyword: str) -> None:
        self.keyword = keyword
        super().__init__(f"{keyword} reaches beyond this store and is refused")


@dataclass(frozen=True)
class QueryReading:
    form: str  # SELECT, ASK, CONSTRUCT or DESCRIBE
    service: bool  # it asks another server
    default_graphs: tuple[str, ...] | None  # FROM; None where the query names no dataset
    named_graphs: tuple[str, ...] | None  # FROM NAMED


def unescaped(query: str) -> str:
    """The text with its codepoint escapes read, as SPARQL reads them before its grammar (`\\u0053ERVICE`)."""

    def char(match: re.Match[str]) -> str:
        code = int(match[1] or match[2], 16)
        return chr(code) if code < 0x110000 and not 0xD800 <= code < 0xE000 else "\ufffd"

    return _ESCAPE.sub(char, query)


def check_bounds(query: str) -> None:
    """Refuse a query too long or nested too deeply to parse safely; linear in its length."""
    if len(query) > MAX_QUERY_CHARACTERS:
        raise QueryRefused(f"the query is longer than {MAX_QUERY_CHARACTERS:,} characters")
    depth = deepest = 0
    for char in query:
        if char in "{([":
            depth += 1
            deepest = max(deepest, depth)
        elif char in "})]":
            depth -= 1
    if deepest > MAX_NESTING:
        raise QueryRefused(f"the query nests brackets {deepest} deep; at most {MAX_NESTING} are read")


def read_query(query: str) -> QueryReading:
    """The query's form, dataset and reach, or QueryRefused (QueryReachesOutside for SERVICE and DEFINE)."""
    check_bounds(query)
    return _read(unescaped(query))


@lru_cache(maxsize=256)
def _read(text: str) -> QueryReading:
    if _PRAGMA.match(text):
        raise QueryReachesOutside("DEFINE")
    try:
        parsed = parseQuery(text)
        form = _FORMS.get(parsed[1].name)
        if form is None:
            raise QueryRefused("the query is not SPARQL 1.1 Query (updates are refused)")
        service = _has_service(parsed)
        dataset = translateQuery(parsed).algebra.get("datasetClause") or []
    except ParseBaseException as error:
        raise QueryRefused(f"the query is not SPARQL 1.1 Query (updates are refused): {_where(error)}") from None
    except RecursionError:
        raise QueryRefused(f"the query nests too deeply; at most {MAX_NESTING} brackets are read") from None
    except Exception as error:  # rdflib's translation raises plain exceptions for what its grammar let through
        raise QueryRefused(f"the query cannot be read: {str(error)[:200] or error.__class__.__name__}") from None
    clauses = [(key, str(value)) for clause in dataset for key, value in clause.items() if key in ("default", "named")]
    default = tuple(iri for key, iri in clauses if key == "default")
    named = tuple(iri for key, iri in clauses if key == "named")
    return QueryReading(form, service, default if dataset else None, named if dataset else None)


def _has_service(node: object) -> bool:
    """Whether a SERVICE pattern is anywhere in the parse, however deep (in EXISTS, subqueries, OPTIONAL, …)."""
    stack = [node]
    while stack:
        item = stack.pop()
        if isinstance(item, CompValue):
            if item.name == "ServiceGraphPattern":
                return True
            stack.extend(item.values())
        elif isinstance(item, ParseResults | list | tuple):
            stack.extend(item)
        elif isinstance(item, dict):
            stack.extend(item.values())
    return False


def _where(error: ParseBaseException) -> str:
    return f"line {error.lineno}, column {error.column}: {error.msg}"[:300]
