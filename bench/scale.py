"""Scale: ingest, validation and named-question latency on synthetic protocols, as ratios to baselines measured in
the same run.

    .venv/bin/python -m bench.scale [--municipalities 4] [--years 1] [--jobs N] [--repeat 15] [--seed 1]

- ingest (read, parse, resolve, map, validate, load; in --jobs processes) against baselines: reading the text,
  and bulk-loading the ingest's own output into a fresh on-disk store, both as exported (the named graphs'
  N-Quads) and as the store holds it (those and the default graph kept as their merge);
- SHACL validation of every source graph again, on its own, in --jobs processes (`beslutsgraf validate -j`), and
  once more with pyshacl alone (`--reference-only`), unless --no-reference-validation;
- every named question with parameters picked from the store (the busiest §, case, meeting, person; the most
  cited §): median and 95th percentile on the on-disk store the API serves, against the same question, the same
  parameters and the same SPARQL text on rdflib in memory (parameters bound as each engine binds best: VALUES
  blocks for Oxigraph, through the store; rdflib's own initBindings);
- the questions over the whole store once more as a reader gets them after an ingest asked them (`queries.cache`:
  the store's fingerprint, then the answer kept in a file beside the store);
- peak memory (RSS) of this process and of the ingest's worker processes.

Results go to bench/results/scale-<triples>.json and are printed.
"""

from __future__ import annotations

import argparse
import json
import resource
import signal
import statistics
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

from rdflib import Dataset
from rdflib.term import Node

from bench.baselines import bulk_loads
from beslutsgraf.ingest.resolve import Resolver
from beslutsgraf.ingest.source import SourceMetadata, read_source
from beslutsgraf.ontology import Iris
from beslutsgraf.ontology.registry import load_registry
from beslutsgraf.parallel import default_jobs
from beslutsgraf.queries import NamedQuery, QueryError, answer, catalogue
from beslutsgraf.queries.cache import KeptAnswers, fingerprint
from beslutsgraf.services.ingesting import ingest_files
from beslutsgraf.services.maintaining import validate_store
from beslutsgraf.store.bindings import inline_bindings
from beslutsgraf.store.oxigraph import OxigraphStore
from beslutsgraf.testing.synthetic import generate

ROOT = Path(__file__).resolve().parents[1]
Select = Callable[[str, dict[str, Node]], list[dict]]

# The parameters of the named questions, picked as the busiest of their kind, so that no question is timed on
# an item with nothing to show; as IRIs, since names and case numbers repeat across municipalities.
PICKS = {
    "busiest_paragraph": """PREFIX prov: <http://www.w3.org/ns/prov#>
        SELECT ?item (COUNT(DISTINCT ?d) AS ?n) WHERE { ?item prov:used ?d } GROUP BY ?item ORDER BY DESC(?n) ?item
        LIMIT 1""",
    "most_cited_paragraph": """PREFIX prov: <http://www.w3.org/ns/prov#> PREFIX eli: <http://data.europa.eu/eli/ontology#>
        SELECT ?item (COUNT(DISTINCT ?citing) AS ?n) WHERE { ?item prov:generated ?d . ?citing eli:cites ?d }
        GROUP BY ?item ORDER BY DESC(?n) ?item LIMIT 1""",
    "voted_paragraph": """PREFIX besluit: <http://data.vlaanderen.be/ns/besluit#>
        SELECT ?item WHERE { ?item besluit:heeftStemming ?v } ORDER BY ?item LIMIT 1""",
    "reserved_paragraph": """PREFIX bg: <https://w3id.org/beslutsgraf/ns#>
        SELECT ?item WHERE { ?item bg:reservation ?r } ORDER BY ?item LIMIT 1""",
    # an IRI, since case numbers repeat across municipalities; not the minutes' own case ("KS 2024/1")
    "busiest_case": """PREFIX dossier: <https://data.vlaanderen.be/ns/dossier#>
        PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
        SELECT ?item (COUNT(DISTINCT ?p) AS ?n) WHERE { ?p dossier:vindtPlaatsTijdens ?item .
        ?item skos:notation ?notation FILTER(!STRENDS(?notation, "/1")) }
        GROUP BY ?item ORDER BY DESC(?n) ?item LIMIT 1""",
    "busiest_meeting": """PREFIX dct: <http://purl.org/dc/terms/>
        SELECT ?item (COUNT(DISTINCT ?p) AS ?n) WHERE { ?p dct:isPartOf ?item .
        ?item a <http://data.vlaanderen.be/ns/besluit#Zitting> } GROUP BY ?item ORDER BY DESC(?n) ?item LIMIT 1""",
    "busiest_person": """PREFIX bg: <https://w3id.org/beslutsgraf/ns#> PREFIX foaf: <http://xmlns.com/foaf/0.1/>
        SELECT ?item (COUNT(*) AS ?n) WHERE { ?a bg:attendee ?item . ?item foaf:name ?name }
        GROUP BY ?item ORDER BY DESC(?n) ?item LIMIT 1""",
}
# question -> (parameter, pick); the questions that aggregate over the whole store take no parameter.
QUESTIONS = {
    "referral-responses": ("decision", "busiest_paragraph"),
    "decision-basis": ("decision", "busiest_paragraph"),
    "cited-by": ("decision", "most_cited_paragraph"),
    "case-history": ("case", "busiest_case"),
    "referrals": ("case", "busiest_case"),
    "meeting": ("meeting", "busiest_meeting"),
    "attendance": ("meeting", "busiest_meeting"),
    "votes": ("decision", "voted_paragraph"),
    "vote-roll": ("decision", "voted_paragraph"),
    "reservations": ("decision", "reserved_paragraph"),
    "person-activity": ("person", "busiest_person"),
    "meetings": (None, None),
    "citation-links": (None, None),
    "referral-network": (None, None),
}
SELECTIVE = {
    "referral-responses",
    "decision-basis",
    "cited-by",
    "case-history",
    "referrals",
    "meeting",
    "attendance",
    "votes",
    "vote-roll",
    "reservations",
    "person-activity",
}


def _peak_mb(who: int) -> float:
    return round(resource.getrusage(who).ru_maxrss / 1024, 1)


def _ms(seconds: list[float]) -> dict[str, float]:
    ordered = sorted(seconds)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return {"median_ms": round(statistics.median(ordered) * 1000, 2), "p95_ms": round(p95 * 1000, 2)}


def _rdflib_select(dataset: Dataset) -> Select:
    def select(sparql: str, bindings: dict[str, Node]) -> list[dict]:
        result = dataset.query(sparql, initBindings=bindings)
        return [dict(zip([str(v) for v in result.vars], row, strict=True)) for row in result]

    return select


def _collect(into: list, named: NamedQuery, given: dict[str, str], select: Select) -> None:
    into.append(answer(named, given, select)[1])


class _TooSlow(Exception):
    pass


def _timed(run: Callable[[], object], limit: float) -> float | None:
    """Seconds `run` took, or None past `limit` (a SIGALRM stops pure-Python work such as rdflib's engine)."""

    def stop(signum: int, frame: object) -> None:
        raise _TooSlow

    previous = signal.signal(signal.SIGALRM, stop)
    signal.setitimer(signal.ITIMER_REAL, limit)
    try:
        t0 = time.perf_counter()
        run()
        return time.perf_counter() - t0
    except _TooSlow:
        return None
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--municipalities", type=int, default=4)
    parser.add_argument("--years", type=int, default=1)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--jobs", type=int, default=default_jobs())
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--no-rdflib", action="store_true", help="skip the rdflib baseline (large stores)")
    parser.add_argument(
        "--no-reference-validation",
        action="store_true",
        help="skip validating the whole store a second time with pyshacl alone",
    )
    parser.add_argument("--output", type=Path)
    args = parser.parse_args()
    result: dict = {"jobs": args.jobs}
    with tempfile.TemporaryDirectory() as tmp:
        files = generate(Path(tmp) / "protocols", args.municipalities, args.years, args.seed)
        t0 = time.perf_counter()
        for path in files:
            read_source(path)
        read_seconds = time.perf_counter() - t0

        store = OxigraphStore(Path(tmp) / "store")
        t0 = time.perf_counter()
        outcomes = ingest_files(files, store, Resolver(load_registry()), Iris(), SourceMetadata(), jobs=args.jobs)
        ingest_seconds = time.perf_counter() - t0
        peak_main, peak_worker = _peak_mb(resource.RUSAGE_SELF), _peak_mb(resource.RUSAGE_CHILDREN)  # before baselines
        failed = [o for o in outcomes if o.status == "failed"]
        paragraphs, triples = sum(o.paragraphs for o in outcomes), sum(o.triples for o in outcomes)
        baselines = bulk_loads(store, Path(tmp) / "fresh")
        t0 = time.perf_counter()
        reports = validate_store(store, Iris(), jobs=args.jobs)
        validate_seconds = time.perf_counter() - t0
        reference: dict = {}
        if not args.no_reference_validation:
            t0 = time.perf_counter()
            by_reference = validate_store(store, Iris(), jobs=args.jobs, fast=False)
            reference_seconds = time.perf_counter() - t0
            assert by_reference == reports, "the fast path and the reference disagree"
            reference = {
                "reference_only_seconds": round(reference_seconds, 2),
                "fast_path_speedup": round(reference_seconds / validate_seconds, 1),
            }
        result["corpus"] = {
            "protocols": len(files),
            "failed": len(failed),
            "paragraphs": paragraphs,
            "triples": triples,
            "quads_in_store": len(store),
        }
        result["ingest"] = {
            "seconds": round(ingest_seconds, 2),
            "paragraphs_per_second": round(paragraphs / ingest_seconds, 1),
            "triples_per_second": round(triples / ingest_seconds),
            "baseline_read_seconds": round(read_seconds, 2),
            "baseline_bulk_load_seconds": round(baselines.exported, 2),
            "baseline_bulk_load_held_seconds": round(baselines.held, 2),
            "ratio_to_read": round(ingest_seconds / read_seconds, 1),
            "ratio_to_bulk_load": round(ingest_seconds / baselines.exported, 1),
            "ratio_to_bulk_load_held": round(ingest_seconds / baselines.held, 1),
            "peak_rss_mb_main": peak_main,
            "peak_rss_mb_largest_worker": peak_worker,
        }
        result["validation"] = {
            "graphs": len(reports),
            "whole_store_seconds": round(validate_seconds, 2),
            "jobs": args.jobs,
            "per_graph_ms": round(validate_seconds / max(1, len(reports)) * 1000, 1),
            "conforming": sum(r.conforms for r in reports.values()),
            "with_findings": sum(bool(r.findings) for r in reports.values()),
            **reference,
        }
        output = args.output or ROOT / "bench" / "results" / f"scale-{triples // 1000}k.json"
        _write(output, result | {"complete": False})  # an hour's ingest is not lost if the baseline runs out of memory
        result["questions"] = _latencies(
            store, baselines.export_file, args.repeat, rdflib=not args.no_rdflib, kept_folder=Path(tmp) / "answers"
        )
        result["peak_rss_mb"] = _peak_mb(resource.RUSAGE_SELF)
        store.close()
    _write(output, result | {"complete": True})
    print(json.dumps(result, indent=2, ensure_ascii=False))


def _write(output: Path, result: dict) -> None:
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def _latencies(
    store: OxigraphStore, nquads: Path, repeat: int, *, rdflib: bool, kept_folder: Path, limit: float = 60
) -> dict:
    def oxigraph(sparql: str, bindings: dict[str, Node]) -> list[dict]:
        return store.select(sparql, bindings).rows

    engines: dict[str, Select] = {"oxigraph_on_disk": oxigraph}
    loaded = {}
    if rdflib:
        t0 = time.perf_counter()
        dataset = Dataset(default_union=True)
        dataset.parse(source=str(nquads), format="nquads")
        loaded["rdflib_load_seconds"] = round(time.perf_counter() - t0, 2)
        engines["rdflib_in_memory"] = _rdflib_select(dataset)
    picks = {name: store.select(sparql).rows for name, sparql in PICKS.items()}
    questions = catalogue()
    timings: dict[str, dict] = {}
    for name, (parameter, pick) in QUESTIONS.items():
        given = {}
        if parameter and pick:
            if not picks[pick]:
                continue
            given = {parameter: str(picks[pick][0]["item"])}
        named = questions[name]
        rows: dict[str, int | str] = {}
        seconds: dict[str, list[float]] = {engine: [] for engine in engines}
        stopped: set[str] = set()
        for round_ in range(repeat + 1):  # the first round warms up and counts the rows
            for engine, select in engines.items():  # interleaved, so that noise falls on both
                if engine in stopped or (round_ > 3 and sum(seconds[engine]) > 30):
                    continue  # stopped, or slow enough that three rounds say it
                found: list = []
                try:
                    spent = _timed(partial(_collect, found, named, given, select), limit)
                except QueryError as error:  # reported in the results, not a lost run
                    rows[engine] = f"refused: {error}"
                    stopped.add(engine)
                    continue
                if spent is None:
                    stopped.add(engine)
                    rows[engine] = f"stopped after {limit:.0f} s"
                elif round_ == 0:
                    rows[engine] = len(found[0])
                else:
                    seconds[engine].append(spent)
        entry = {"parameters": given, "rows": rows, "selective": name in SELECTIVE}
        entry |= {engine: _ms(values) for engine, values in seconds.items() if values}
        if named.over_whole_store:
            entry["kept_answer"] = _kept(store, named, kept_folder, repeat)
        if seconds.get("rdflib_in_memory"):
            ratio = statistics.median(seconds["rdflib_in_memory"]) / statistics.median(seconds["oxigraph_on_disk"])
            entry["rdflib_over_oxigraph"] = round(ratio, 1)
            if name in SELECTIVE and "rdflib_in_memory" not in stopped:
                entry["engines_alone"] = _engines_alone(store, dataset, named, given, repeat)
        timings[name] = entry
    return loaded | timings


def _engines_alone(
    store: OxigraphStore, dataset: Dataset, named: NamedQuery, given: dict[str, str], repeat: int
) -> dict[str, float]:
    """The question's own SPARQL, its parameters resolved, answered and written as SPARQL JSON by each engine: what
    the engines cost without what both sides pay in Python (resolving the parameters, rows made rdflib terms)."""
    asked: list[tuple[str, dict[str, Node]]] = []

    def recording(sparql: str, bindings: dict[str, Node]) -> list[dict]:
        asked.append((sparql, bindings))
        return store.select(sparql, bindings).rows

    answer(named, given, recording)
    sparql, bindings = asked[-1]  # the question itself, after the lookups that resolved its parameters
    json_results = "application/sparql-results+json"

    def oxigraph() -> object:
        return store.sparql(inline_bindings(sparql, bindings), json_results, "application/n-triples").body

    def rdflib() -> object:
        return dataset.query(sparql, initBindings=bindings).serialize(format="json")

    seconds: dict[str, list[float]] = {"oxigraph": [], "rdflib": []}
    for round_ in range(repeat + 1):
        for engine, run in (("oxigraph", oxigraph), ("rdflib", rdflib)):
            started = time.perf_counter()
            run()
            if round_:  # the first round warms up
                seconds[engine].append(time.perf_counter() - started)
    medians = {engine: statistics.median(values) for engine, values in seconds.items()}
    return {
        "oxigraph_median_ms": round(medians["oxigraph"] * 1000, 3),
        "rdflib_median_ms": round(medians["rdflib"] * 1000, 2),
        "rdflib_over_oxigraph": round(medians["rdflib"] / medians["oxigraph"], 1),
    }


def _kept(store: OxigraphStore, named: NamedQuery, folder: Path, repeat: int) -> dict[str, float]:
    """A question over the whole store as another process gets it once the ingest has asked it (`queries.cache`):
    the store's fingerprint asked, the kept answer read from its file."""

    def select(sparql: str, bindings: dict[str, Node]) -> list[dict]:
        return store.select(sparql, bindings).rows

    def now() -> tuple:
        return fingerprint(select, Iris().deletions_graph())

    KeptAnswers(folder).answer(named, {}, select, now)
    seconds = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        KeptAnswers(folder).answer(named, {}, select, now)  # a new reader each time: nothing held in memory
        seconds.append(time.perf_counter() - t0)
    return _ms(seconds)


if __name__ == "__main__":
    main()
