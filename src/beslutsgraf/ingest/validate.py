"""SHACL validation of one source graph, reported in words a person can act on.

pyshacl is the reference validator: every report a person reads is its report. pyrudof (Rust) is the fast path:
when it finds nothing at all in a graph, not even a warning, the reference would find nothing either — the tests
hold the two to the same findings (focus node and severity) on every shape's mutation and on the real corpus — and
pyshacl is not run. Anything pyrudof finds, or cannot read, goes to pyshacl. Each graph is validated with the
vocabulary mixed in (for the class hierarchy and the concept schemes), never with the rest of the store, so cost
stays per file.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from functools import cache

import pyrudof
from pyshacl import validate as shacl_validate
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import PROV, RDF, RDFS, SH, SKOS
from rdflib.term import Node

from beslutsgraf.ontology import BG, OA, SHAPES_FILE, vocabulary_graph


@dataclass(frozen=True)
class Finding:
    severity: str  # "Violation", "Warning" or "Info"
    focus: str
    focus_label: str | None
    path: str | None
    value: str | None
    shape: str
    message: str
    quote: str | None = None
    page: int | None = None
    line: int | None = None

    def describe(self) -> str:
        what = f"{self.focus_label} <{self.focus}>" if self.focus_label else f"<{self.focus}>"
        rule = f" ({self.path})" if self.path else ""
        lines = [f"{self.severity}: {what}{rule}: {self.message}"]
        if self.value:
            lines.append(f"    value: {self.value}")
        if self.quote:
            where = ", ".join(
                x for x in (f"page {self.page}" if self.page else "", f"line {self.line}" if self.line else "") if x
            )
            quote = self.quote if len(self.quote) <= 160 else self.quote[:157] + "..."
            lines.append(f"    the text{f' ({where})' if where else ''}: {quote!r}")
        lines.append(f"    rule: {self.shape}")
        return "\n".join(lines)


@dataclass(frozen=True)
class ValidationReport:
    findings: tuple[Finding, ...]

    @property
    def violations(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "Violation"]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.findings if f.severity != "Violation"]

    @property
    def conforms(self) -> bool:
        return not self.violations


@cache
def shapes_graph() -> Graph:
    return Graph().parse(SHAPES_FILE, format="turtle")


@cache
def _vocabulary() -> Graph:
    return vocabulary_graph()


def _short(term: object, graph: Graph) -> str:
    if isinstance(term, URIRef):
        try:
            return graph.namespace_manager.normalizeUri(term)
        except ValueError:
            return str(term)
    return str(term)


def validate_graph(data: Graph | str, *, fast: bool = True, ntriples: str | None = None) -> ValidationReport:
    """The reference report on `data` (a graph, or N-Triples as the store hands it over); with `fast`, an empty
    report without running the reference when the fast path finds nothing. `ntriples`: the graph's, if at hand."""
    if fast:
        text = data if isinstance(data, str) else ntriples or data.serialize(format="nt")
        if fast_findings(text) == set():
            return ValidationReport(())
    return reference_report(data if isinstance(data, Graph) else Graph().parse(data=data, format="nt"))


Flagged = set[tuple[str, str]]  # (focus node, severity)


def fast_findings(ntriples: str) -> Flagged | None:
    """What pyrudof flags in a graph given as N-Triples; None when it cannot read it (the reference decides)."""
    engine = _fast_engine()
    engine.begin_staging()  # the vocabulary stays loaded; the graph is rolled back out after
    try:
        engine.read_data(ntriples, pyrudof.RDFFormat.NTriples, merge=True, reader_mode=pyrudof.ReaderMode.Strict)
        results = engine.validate_shacl().violations  # every result, whatever its severity
    except pyrudof.RudofError:
        return None
    finally:
        engine.rollback_staging()
    return {(str(r.focus_node), str(r.severity).strip('"')) for r in results}


_local = threading.local()


def _fast_engine() -> pyrudof.Rudof:
    # One per thread: a Rudof may not be used from a thread other than its own (the API ingests in a pool).
    engine = getattr(_local, "engine", None)
    if engine is None:
        engine = pyrudof.Rudof(pyrudof.RudofConfig())
        engine.read_shacl(str(SHAPES_FILE), pyrudof.ShaclFormat.Turtle, reader_mode=pyrudof.ReaderMode.Strict)
        vocabulary = _vocabulary().serialize(format="nt")
        engine.read_data(vocabulary, pyrudof.RDFFormat.NTriples, merge=True, reader_mode=pyrudof.ReaderMode.Strict)
        _local.engine = engine
    return engine


def reference_report(data: Graph) -> ValidationReport:
    """pyshacl's report, each finding with the text it was read from."""
    # The vocabulary goes in beside the data: the shapes need its class hierarchy and concept schemes.
    combined = Graph()
    for triple in data:
        combined.add(triple)
    for triple in _vocabulary():
        combined.add(triple)
    _conforms, results, _ = shacl_validate(
        combined,
        shacl_graph=shapes_graph(),
        inference="none",
        allow_warnings=True,
        abort_on_first=False,
    )
    findings = []
    # Only the report's own results: nested sh:detail results explain them and would count twice.
    top_level = [
        r for report in results.subjects(RDF.type, SH.ValidationReport) for r in results.objects(report, SH.result)
    ]
    for result in top_level:
        focus = results.value(result, SH.focusNode)
        severity = _short(results.value(result, SH.resultSeverity), results).removeprefix("sh:")
        path = results.value(result, SH.resultPath)
        value = results.value(result, SH.value)
        shape = results.value(result, SH.sourceShape)
        message = results.value(result, SH.resultMessage)
        span = data.value(focus, PROV.wasDerivedFrom)
        quote = data.value(span, OA.exact) if span is not None else None
        page = data.value(span, BG.page) if span is not None else None
        line = data.value(span, BG.line) if span is not None else None
        label = data.value(focus, RDFS.label) or data.value(focus, SKOS.prefLabel)
        findings.append(
            Finding(
                severity=severity,
                focus=str(focus),
                focus_label=str(label) if label else None,
                path=_short(path, data) if path is not None else None,
                value=str(value) if value is not None else None,
                shape=_shape_name(shape, results),
                message=str(message) if message else "does not conform",
                quote=str(quote) if quote is not None else None,
                page=int(page) if isinstance(page, Literal) else None,
                line=int(line) if isinstance(line, Literal) else None,
            )
        )
    findings.sort(key=lambda f: (f.severity != "Violation", f.focus, f.path or ""))
    return ValidationReport(tuple(findings))


def _shape_name(shape: Node, results: Graph) -> str:
    """A named shape as bgsh:Name; a property shape inside one as its parent's name."""
    if isinstance(shape, URIRef):
        return str(shape).replace("https://w3id.org/beslutsgraf/shapes#", "bgsh:")
    parent = shapes_graph().value(predicate=SH.property, object=shape)
    if isinstance(parent, URIRef):
        path = shapes_graph().value(shape, SH.path)
        return _shape_name(parent, results) + (f" / {_short(path, shapes_graph())}" if path else "")
    return "anonymous shape"
