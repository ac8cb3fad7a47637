"""A store on a SPARQL server, spoken to over the SPARQL 1.1 Protocol (query, update) and the Graph Store Protocol
(one graph read whole).

The server holds what the embedded store holds: one named graph per source, the default graph kept as their merge
by the same update that replaces a graph (`store.sparql.replacement`), and the tombstones. So every question reads
the default graph and gets the same answers on either store. Tested against Oxigraph's server; any server that
keeps named graphs apart from its default graph and runs SPARQL 1.1 Update will do.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import BinaryIO

import httpx
import pyoxigraph as ox
from rdflib import Graph, URIRef
from rdflib.term import Node

from ontology import bind_prefixes
from store import (
    Answer,
    AnswerLimits,
    Deletions,
    QueryRefused,
    Solutions,
    StoreError,
    check_limits,
    ntriples,
)
from store.bindings import inline_bindings
from store.oxigraph import prefixes, solutions, write_export
from store.sparql import DESCRIBE, replacement

_SELECT_JSON = "application/sparql-results+json"
_NAMED_QUADS = "SELECT ?s ?p ?o ?g WHERE { GRAPH ?g { ?s ?p ?o } }"


@dataclass(frozen=True)
class ServerEndpoints:
    query: str
    update: str
    graph_store: str

    @classmethod
    def parse(cls, value: str) -> ServerEndpoints:
        """A server's base URL, with Oxigraph's layout (`/query`, `/update`, `/store`), or the three endpoints
        named: `query=URL update=URL store=URL` (Fuseki: `/ds/query`, `/ds/update`, `/ds/data`)."""
        if "=" not in value:
            base = value.rstrip("/")
            return cls(f"{base}/query", f"{base}/update", f"{base}/store")
        named = dict(part.split("=", 1) for part in value.split())
        missing = {"query", "update", "store"} - named.keys()
        if missing:
            raise StoreError(f"the store server {value!r} names no {', '.join(sorted(missing))} endpoint")
        return cls(named["query"], named["update"], named["store"])


class ServerStore:
    def __init__(self, endpoints: ServerEndpoints, *, read_only: bool = False, timeout: float = 300) -> None:
        self.endpoints = endpoints
        self.read_only = read_only
        self.path = None
        self._http = httpx.Client(timeout=timeout)
        try:
            self._ask("ASK { }")
        except StoreError:
            self._http.close()
            raise

    def __repr__(self) -> str:
        return f"ServerStore({self.endpoints.query})"

    # ------------------------------------------------------------------ writing
    def replace_graph(self, name: URIRef, graph: Graph | str, *, also_drop: Iterable[URIRef] = (),
                      deletions: Deletions | None = None) -> None:  # fmt: skip
        if self.read_only:
            raise StoreError(f"the store at {self.endpoints.update} was opened read-only")
        triples = ntriples(name, graph)
        update = replacement(name, triples, tuple(also_drop), deletions)
        response = self._post(self.endpoints.update, update.encode("utf-8"), "application/sparql-update", "*/*")
        if response.status_code >= 300:
            raise StoreError(f"writing graph <{name}> failed, nothing was changed: {_said(response)}")

    def add_graphs(self, graphs: Sequence[tuple[URIRef, str]], *, deletions: Deletions | None = None) -> None:
        for name, triples in graphs:  # one request a graph, so that none is larger than one replacement
            self.replace_graph(name, triples, deletions=deletions)

    def optimize(self) -> None:
        """Nothing: a server keeps its own files."""

    # ------------------------------------------------------------------ reading
    def contains(self, name: URIRef, subject: URIRef) -> bool:
        return self._ask(inline_bindings("ASK WHERE { GRAPH ?g { ?s ?p ?o } }", {"g": name, "s": subject}))

    def has_graph(self, name: URIRef) -> bool:
        return self._ask(inline_bindings("ASK WHERE { GRAPH ?g { ?s ?p ?o } }", {"g": name}))

    def select(self, sparql: str, bindings: dict[str, Node] | None = None) -> Solutions:
        response = self._query(inline_bindings(sparql, bindings), _SELECT_JSON)
        if response.status_code != 200:
            raise QueryRefused(f"the store server refused the query: {_said(response)}")
        return solutions(ox.parse_query_results(response.content, format=ox.QueryResultsFormat.JSON))

    def sparql(self, query: str, results_type: str, graph_type: str, default_graphs: list[str] | None = None,
               named_graphs: list[str] | None = None, limits: AnswerLimits | None = None) -> Answer:  # fmt: skip
        limits = limits or AnswerLimits()
        params = [("default-graph-uri", g) for g in default_graphs or ()]
        params += [("named-graph-uri", g) for g in named_graphs or ()]
        response = self._streamed(query, f"{results_type}, {graph_type};q=0.9", params)
        try:
            if response.status_code != 200:
                response.read()
                raise QueryRefused(f"the query cannot be answered: {_said(response)}")
            media_type = response.headers.get("content-type", "").split(";")[0].strip()
            body = b"".join(_bounded(response.iter_bytes(), limits))
        finally:
            response.close()
        kind = "graph" if media_type == graph_type and media_type != results_type else "results"
        return Answer(body, media_type, kind)

    def describe(self, iri: URIRef, media_type: str) -> bytes | None:
        if not self._ask(inline_bindings("ASK WHERE { GRAPH ?g { ?s ?p ?o } }", {"s": iri})):
            return None
        response = self._query(inline_bindings(DESCRIBE, {"s": iri}), "application/n-triples")
        if response.status_code != 200:
            raise StoreError(f"the store server could not describe <{iri}>: {_said(response)}")
        triples = ox.parse(response.content, format=ox.RdfFormat.N_TRIPLES)
        rdf_format = ox.RdfFormat.from_media_type(media_type)
        return ox.serialize(triples, format=rdf_format, prefixes=prefixes() if rdf_format == ox.RdfFormat.TURTLE
                            else None)  # fmt: skip

    def graph_names(self) -> list[URIRef]:
        rows = self.select("SELECT ?g WHERE { GRAPH ?g { } }").rows  # the graphs' names, not their triples
        return sorted(URIRef(str(row["g"])) for row in rows)

    def graph(self, name: URIRef) -> Graph:
        return bind_prefixes(Graph(identifier=name)).parse(data=self.graph_ntriples(name), format="nt")

    def graph_ntriples(self, name: URIRef) -> str:
        try:
            response = self._http.get(self.endpoints.graph_store, params={"graph": str(name)},
                                      headers={"Accept": "application/n-triples"})  # fmt: skip
        except httpx.HTTPError as error:
            raise StoreError(f"the store server at {self.endpoints.graph_store} cannot be reached: {error}") from None
        if response.status_code == 404:
            return ""
        if response.status_code != 200:
            raise StoreError(f"the store server did not give graph <{name}>: {_said(response)}")
        return response.text

    def __len__(self) -> int:
        (row,) = self.select("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }").rows
        return int(row["n"])

    def export(self, output: BinaryIO, format: str) -> None:
        write_export(self._named_quads(), output, format)

    def close(self) -> None:
        self._http.close()

    # ------------------------------------------------------------------ the protocol
    def _named_quads(self) -> Iterator[ox.Quad]:
        response = self._streamed(_NAMED_QUADS, "text/tab-separated-values")
        try:
            if response.status_code != 200:
                response.read()
                raise StoreError(f"the store server did not give its graphs: {_said(response)}")
            rows = ox.parse_query_results(_Stream(response.iter_bytes()), format=ox.QueryResultsFormat.TSV)
            for row in rows:
                yield ox.Quad(row["s"], row["p"], row["o"], row["g"])
        finally:
            response.close()

    def _streamed(self, query: str, accept: str, params: list[tuple[str, str]] | None = None) -> httpx.Response:
        """A question whose answer is read chunk by chunk (the caller closes the response)."""
        headers = {"Content-Type": "application/sparql-query", "Accept": accept}
        request = self._http.build_request("POST", self.endpoints.query, params=params, content=query.encode("utf-8"),
                                           headers=headers)  # fmt: skip
        try:
            return self._http.send(request, stream=True)
        except httpx.HTTPError as error:
            raise StoreError(f"the store server at {self.endpoints.query} cannot be reached: {error}") from None

    def _ask(self, query: str) -> bool:
        response = self._query(query, _SELECT_JSON)
        if response.status_code != 200:
            raise StoreError(f"the store server at {self.endpoints.query} refused a question: {_said(response)}")
        return bool(response.json()["boolean"])

    def _query(self, query: str, accept: str) -> httpx.Response:
        return self._post(self.endpoints.query, query.encode("utf-8"), "application/sparql-query", accept)

    def _post(self, url: str, body: bytes, content_type: str, accept: str) -> httpx.Response:
        try:
            return self._http.post(url, content=body, headers={"Content-Type": content_type, "Accept": accept})
        except httpx.HTTPError as error:
            raise StoreError(f"the store server at {url} cannot be reached: {error.__class__.__name__}") from None


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
