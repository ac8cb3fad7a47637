"""A store on a SPARQL server, spoken to over the SPARQL 1.1 Protocol (query, update) and the Graph Store Protocol
(one graph read whole).

The server holds what the embedded store holds: one named graph per source, the default graph kept as their merge
by the same update that replaces a graph (`store.sparql.replacement`), and the tombstones. So every question reads
the default graph and gets the same answers on either store. Tested against Oxigraph's server and Virtuoso; any
server that keeps named graphs apart and runs SPARQL 1.1 Update will do.

Virtuoso does some things its own way (its `Dialect`, found from the `Server` header): its default graph is the
sum of all its graphs (a triple in two graphs comes twice) and cannot be written, so the merge is kept in the named
graph `MERGED_GRAPH` and every question is asked with it as its `default-graph-uri`; it keeps graphs of its own
(its schema, its service description), which are never listed, counted or exported; it gives booleans back as
"1" and an ASK as a one-cell table, both read back as what they are; and it cuts an answer at its
`ResultSetMaxRows` or time limit, said in a header, which is refused here rather than read as the whole answer.
Questions and updates go as URL-encoded forms, which every server takes (Virtuoso 7.2 never answers a direct POST).
"""

from __future__ import annotations

import io
import json
import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import IO, cast
from urllib.parse import urlencode

import httpx
import pyoxigraph as ox
from rdflib import Graph, URIRef
from rdflib.term import Node

from beslutsgraf.ontology import bind_prefixes
from beslutsgraf.store.base import (
    Answer,
    AnswerLimits,
    Deletions,
    QueryRefused,
    QueryTimedOut,
    Solutions,
    StoreError,
    as_int,
    check_limits,
    ntriples,
)
from beslutsgraf.store.bindings import inline_bindings
from beslutsgraf.store.datasets import QueryDataset, merged
from beslutsgraf.store.dialects import BOOLEAN, BOOLEAN_WORDS, NUMERIC_BOOLEAN, STANDARD, canonical, dialect_of
from beslutsgraf.store.querytext import read_query
from beslutsgraf.store.sparql import DESCRIBE, replacement
from beslutsgraf.store.terms import prefixes, solutions, to_rdflib, write_export

_SELECT_JSON = "application/sparql-results+json"


# What a server that went away or restarted leaves a request with; a timeout is not among them.
_DROPPED = (httpx.ConnectError, httpx.ReadError, httpx.WriteError, httpx.RemoteProtocolError)


_FORM = "application/x-www-form-urlencoded"


_SERVICE_ENDPOINT = "http://www.w3.org/ns/sparql-service-description#endpoint"


@dataclass(frozen=True)
class ServerEndpoints:
    query: str
    update: str
    graph_store: str

    @classmethod
    def parse(cls, value: str) -> ServerEndpoints:
        """A server's base URL, with Oxigraph's layout (`/query`, `/update`, `/store`); a `/sparql` endpoint with
        Virtuoso's layout (queries and updates there, graphs at `/sparql-graph-crud`); or the three endpoints named:
        `query=URL update=URL store=URL` (Fuseki: `/ds/query`, `/ds/update`, `/ds/data`)."""
        if "=" not in value:
            base = value.rstrip("/")
            if base.endswith("/sparql"):
                return cls(base, base, f"{base}-graph-crud")
            return cls(f"{base}/query", f"{base}/update", f"{base}/store")
        named = dict(part.split("=", 1) for part in value.split())
        missing = {"query", "update", "store"} - named.keys()
        if missing:
            raise StoreError(f"the store server {value!r} names no {', '.join(sorted(missing))} endpoint")
        return cls(named["query"], named["update"], named["store"])


class ServerStore:
    """The store on a server. A request the server dropped (it went away, restarted, or the connection broke) is sent
    again for up to `patience` seconds once the server has answered the first question: safe for questions, and for
    writes too, since a replacement is idempotent (the same update twice leaves the store as once: its tombstones
    are written only where none is)."""

    def __init__(
        self, endpoints: ServerEndpoints, *, read_only: bool = False, timeout: float = 300, patience: float = 60
    ) -> None:
        self.endpoints = endpoints
        self.read_only = read_only
        self.path = None
        self._http = httpx.Client(timeout=timeout)
        self._default_graph: list[str] = []
        self._patience = 0.0  # a server that does not answer at all is said at once
        try:
            response = self._query("SELECT * WHERE { } LIMIT 1", _SELECT_JSON)
            if response.status_code != 200:
                raise StoreError(f"the store server at {endpoints.query} refused a question: {_said(response)}")
        except StoreError:
            self._http.close()
            raise
        self.dialect = dialect_of(response.headers.get("server", ""))
        self._default_graph = [str(self.dialect.merged_graph)] if self.dialect.merged_graph else []
        self._patience = patience

    def __repr__(self) -> str:
        return f"ServerStore({self.endpoints.query})"

    # ------------------------------------------------------------------ writing
    def replace_graph(
        self, name: URIRef, graph: Graph | str, *, also_drop: Iterable[URIRef] = (), deletions: Deletions | None = None
    ) -> None:
        if self.read_only:
            raise StoreError(f"the store at {self.endpoints.update} was opened read-only")
        triples = ntriples(name, graph)
        update = replacement(name, triples, tuple(also_drop), deletions, self.dialect.merged_graph)
        response = self._post(self.endpoints.update, [("update", update)], "*/*")
        if response.status_code >= 300:
            raise StoreError(f"writing graph <{name}> failed, nothing was changed: {_said(response)}")

    def add_graphs(self, graphs: Sequence[tuple[URIRef, str]], *, deletions: Deletions | None = None) -> None:
        for name, triples in graphs:  # one request a graph, so that none is larger than one replacement
            self.replace_graph(name, triples, deletions=deletions)

    def optimize(self) -> None:
        """Nothing: a server keeps its own files."""

    def publish(self) -> None:
        """Nothing: readers ask the server, which has every write as soon as it is made."""

    # ------------------------------------------------------------------ reading
    def contains(self, name: URIRef, subject: URIRef) -> bool:
        return self._any("GRAPH ?g { ?s ?p ?o }", {"g": name, "s": subject})

    def has_graph(self, name: URIRef) -> bool:
        return self._any("GRAPH ?g { ?s ?p ?o }", {"g": name})

    def select(self, sparql: str, bindings: Mapping[str, Node] | None = None) -> Solutions:
        response = self._query(inline_bindings(sparql, bindings), _SELECT_JSON)
        if response.status_code != 200:
            raise QueryRefused(f"the store server refused the query: {_said(response)}")
        _check_whole(response)
        result = ox.parse_query_results(response.content, format=ox.QueryResultsFormat.JSON)
        assert isinstance(result, ox.QuerySolutions)  # a SELECT answers solutions
        if not self.dialect.booleans_as_numbers:
            return solutions(result)
        return solutions(result, lambda term: to_rdflib(canonical(term)))

    def sparql(
        self,
        query: str,
        results_type: str,
        graph_type: str,
        dataset: QueryDataset | None = None,
        limits: AnswerLimits | None = None,
        base_iri: str | None = None,
    ) -> Answer:
        limits = limits or AnswerLimits()
        if dataset is not None and len(dataset.default) > 1:
            memory, asked = merged(self, dataset)
            return memory.sparql(query, results_type, graph_type, asked, limits, base_iri)
        if dataset is None:
            params = [("default-graph-uri", g) for g in self._default_graph]
        else:  # the server makes the default graph empty when only named graphs are given, as SPARQL says
            params = [("default-graph-uri", g) for g in dataset.default]
            params += [("named-graph-uri", g) for g in dataset.named]
        form = read_query(query).form
        if base_iri:  # resolved against this endpoint, not the server's address behind it
            query = f"BASE <{base_iri}>\n{query}"
        kind = "graph" if form in ("CONSTRUCT", "DESCRIBE") else "results"
        if form == "ASK" and self.dialect.asks_as_tables:
            return self._asked(query, results_type, params)
        # One type asked, for the query's form: a server may write a graph as a table if a table type is acceptable
        response = self._streamed(query, graph_type if kind == "graph" else results_type, params)
        try:
            if response.status_code != 200:
                response.read()
                raise QueryRefused(f"the query cannot be answered: {_said(response)}")
            _check_whole(response)
            media_type = response.headers.get("content-type", "").split(";")[0].strip()
            body = b"".join(_bounded(response.iter_bytes(), limits))
        finally:
            response.close()
        return Answer(body, media_type, kind)

    def _asked(self, query: str, results_type: str, params: list[tuple[str, str]]) -> Answer:
        """An ASK answered by a server that writes its answer as a one-cell table, written as the boolean it is."""
        response = self._post(self.endpoints.query, [("query", query), *params], _SELECT_JSON)
        if response.status_code != 200:
            raise QueryRefused(f"the query cannot be answered: {_said(response)}")
        bindings = response.json()["results"]["bindings"]
        truth = bool(bindings) and next(iter(bindings[0].values()))["value"] in ("1", "true")
        boolean = ox.parse_query_results(
            json.dumps({"head": {}, "boolean": truth}).encode(), format=ox.QueryResultsFormat.JSON
        )
        return Answer(
            boolean.serialize(format=ox.QueryResultsFormat.from_media_type(results_type)) or b"",
            results_type,
            "results",
        )

    def describe(self, iri: URIRef, media_type: str) -> bytes | None:
        if not self._any("GRAPH ?g { ?s ?p ?o }", {"s": iri}):
            return None
        response = self._query(inline_bindings(DESCRIBE, {"s": iri}), "application/n-triples")
        if response.status_code != 200:
            raise StoreError(f"the store server could not describe <{iri}>: {_said(response)}")
        triples = ox.parse(self._canonical_ntriples(response.text), format=ox.RdfFormat.N_TRIPLES)
        rdf_format = ox.RdfFormat.from_media_type(media_type)
        return ox.serialize(
            triples, format=rdf_format, prefixes=prefixes() if rdf_format == ox.RdfFormat.TURTLE else None
        )

    def graph_names(self) -> list[URIRef]:
        if self.dialect is STANDARD:  # the graphs' names, without reading their triples (not every server can)
            rows = self.select("SELECT ?g WHERE { GRAPH ?g { } }").rows
        else:
            rows = self.select(f"SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ ?s ?p ?o }} {self._ours('g')} }}").rows
        return sorted(URIRef(str(row["g"])) for row in rows)

    def graph(self, name: URIRef) -> Graph:
        return bind_prefixes(Graph(identifier=name)).parse(data=self.graph_ntriples(name), format="nt")

    def graph_ntriples(self, name: URIRef) -> str:
        response = self._sent(
            self.endpoints.graph_store,
            lambda: self._http.get(
                self.endpoints.graph_store, params={"graph": str(name)}, headers={"Accept": "application/n-triples"}
            ),
        )
        if response.status_code == 404:
            return ""
        if response.status_code != 200:
            raise StoreError(f"the store server did not give graph <{name}>: {_said(response)}")
        return self._canonical_ntriples(response.text)

    def __len__(self) -> int:
        (row,) = self.select(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH ?g {{ ?s ?p ?o }} {self._ours('g')} }}").rows
        return as_int(row["n"])

    def export(self, output: IO[bytes], format: str) -> None:
        write_export(self._named_quads(), output, format)

    def close(self) -> None:
        self._http.close()

    # ------------------------------------------------------------------ the protocol
    def _canonical_ntriples(self, text: str) -> str:
        if not self.dialect.booleans_as_numbers:
            return text
        return NUMERIC_BOOLEAN.sub(lambda m: f'"{BOOLEAN_WORDS[m[1]]}"^^<{BOOLEAN}>', text)

    def _ours(self, variable: str) -> str:
        """A FILTER keeping the graph variable off the graphs the server keeps for itself and off the merge."""
        if self.dialect is STANDARD:
            return ""
        others = [*self.dialect.own_graphs, str(self.dialect.merged_graph)]
        if self.dialect.describes_itself_in_a_graph:
            described = f"SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ ?service <{_SERVICE_ENDPOINT}> ?at }} }}"
            response = self._query(described, _SELECT_JSON)
            if response.status_code != 200:
                raise StoreError(f"the store server did not say which graphs are its own: {_said(response)}")
            others += [b["g"]["value"] for b in response.json()["results"]["bindings"]]
        return f"FILTER(?{variable} NOT IN ({', '.join(f'<{g}>' for g in others)}))"

    def _named_quads(self) -> Iterator[ox.Quad]:
        response = self._streamed(
            f"SELECT ?s ?p ?o ?g WHERE {{ GRAPH ?g {{ ?s ?p ?o }} {self._ours('g')} }}", _SELECT_JSON
        )
        try:
            if response.status_code != 200:
                response.read()
                raise StoreError(f"the store server did not give its graphs: {_said(response)}")
            _check_whole(response)
            rows = ox.parse_query_results(
                cast(IO[bytes], _Stream(response.iter_bytes())), format=ox.QueryResultsFormat.JSON
            )
            assert isinstance(rows, ox.QuerySolutions)  # a SELECT answers solutions
            for row in rows:
                yield ox.Quad(row["s"], row["p"], canonical(row["o"]), row["g"])
        finally:
            response.close()

    def _streamed(self, query: str, accept: str, params: list[tuple[str, str]] | None = None) -> httpx.Response:
        """A question whose answer is read chunk by chunk (the caller closes the response)."""
        form = [("query", query), *(self._default_graphs() if params is None else params)]
        request = self._http.build_request(
            "POST", self.endpoints.query, content=_encoded(form), headers={"Content-Type": _FORM, "Accept": accept}
        )
        return self._sent(self.endpoints.query, lambda: self._http.send(request, stream=True))

    def _any(self, pattern: str, bindings: dict[str, Node]) -> bool:
        """Whether the pattern has a match (a SELECT, not an ASK, whose answer not every server writes alike)."""
        response = self._query(inline_bindings(f"SELECT * WHERE {{ {pattern} }} LIMIT 1", bindings), _SELECT_JSON)
        if response.status_code != 200:
            raise StoreError(f"the store server at {self.endpoints.query} refused a question: {_said(response)}")
        return bool(response.json()["results"]["bindings"])

    def _default_graphs(self) -> list[tuple[str, str]]:
        return [("default-graph-uri", g) for g in self._default_graph]

    def _query(self, query: str, accept: str) -> httpx.Response:
        return self._post(self.endpoints.query, [("query", query), *self._default_graphs()], accept)

    def _post(self, url: str, form: list[tuple[str, str]], accept: str) -> httpx.Response:
        body, headers = _encoded(form), {"Content-Type": _FORM, "Accept": accept}
        return self._sent(url, lambda: self._http.post(url, content=body, headers=headers))

    def _sent(self, url: str, send: Callable[[], httpx.Response]) -> httpx.Response:
        """The response to `send()`, sent again while the server is away, within the store's patience."""
        waited, pause = 0.0, 0.25
        while True:
            try:
                return send()
            except _DROPPED as error:
                if waited >= self._patience:
                    tried = f" (tried for {waited:.0f} s)" if waited else ""
                    raise StoreError(
                        f"the store server at {url} cannot be reached{tried}: {error.__class__.__name__}"
                    ) from None
            except httpx.HTTPError as error:  # a timeout: the question is not asked again
                raise StoreError(f"the store server at {url} did not answer: {error.__class__.__name__}") from None
            time.sleep(pause)
            waited, pause = waited + pause, min(pause * 2, 4.0)


class _Stream(io.RawIOBase):
    """An HTTP body read as a file, chunk by chunk, so that a large answer is never held whole."""

    def __init__(self, chunks: Iterator[bytes]) -> None:
        self._chunks, self._pending = chunks, b""

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:  # type: ignore[no-untyped-def]
        while not self._pending:
            self._pending = next(self._chunks, b"")
            if not self._pending:
                return 0
        size = min(len(buffer), len(self._pending))
        buffer[:size], self._pending = self._pending[:size], self._pending[size:]
        return size


def _encoded(form: list[tuple[str, str]]) -> bytes:
    return urlencode(form).encode("ascii")


def _check_whole(response: httpx.Response) -> None:
    """Refuse an answer the server cut short and said so in a header (Virtuoso), rather than read it as whole."""
    if "x-sparql-maxrows" in response.headers:
        response.close()
        raise StoreError(
            f"the store server cut the answer at {response.headers['x-sparql-maxrows']} rows (its "
            "ResultSetMaxRows): raise that limit in the server's settings"
        )
    if response.headers.get("x-sql-state") == "S1TAT":
        response.close()
        raise QueryTimedOut("the store server gave a partial answer at its time limit (MaxQueryExecutionTime)")


def _bounded(chunks: Iterator[bytes], limits: AnswerLimits) -> Iterator[bytes]:
    written = 0
    for chunk in chunks:
        written += len(chunk)
        check_limits(limits, written)
        yield chunk


def _said(response: httpx.Response) -> str:
    """The server's reason in one short line (its first), with the status."""
    text = response.text.strip().splitlines()[0][:200] if response.text.strip() else response.reason_phrase
    return f"{response.status_code} {text}"
