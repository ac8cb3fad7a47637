"""Ingest cost by stage on the real Göteborg corpus, as ratios to baselines measured in the same run.

    .venv/bin/python -m bench.ingest_stages [--corpus ../shared/corpus/goteborg] [--output bench/results/ingest.json]
    .venv/bin/python -m bench.ingest_stages --synthetic M Y [--output ...]   # M towns × Y years, synthetic

Stages: read (the baseline: bytes to checked text), parse (segment, §, basis, resolution), map (records to
RDF, and the graph written as N-Triples), validate (per source graph as the ingest does it: pyrudof's fast path,
pyshacl where that finds anything), load (atomic graph replacement in an on-disk Oxigraph store). Measured beside
them, not counted in the ingest: validate_reference (pyshacl alone on every graph). The other baselines are
bulk-loading the ingest's own output into a fresh on-disk store: as exported (the named graphs' N-Quads), and as
the store holds it (those and the default graph kept as their merge).
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from bench.baselines import bulk_loads
from beslutsgraf.ingest.mapping import IngestRun, graph_name, to_graph
from beslutsgraf.ingest.protocol import parse_protocol
from beslutsgraf.ingest.resolve import Resolver
from beslutsgraf.ingest.source import SourceMetadata, read_metadata, read_source
from beslutsgraf.ingest.validate import validate_graph
from beslutsgraf.ontology import Iris
from beslutsgraf.ontology.registry import load_registry
from beslutsgraf.store.oxigraph import OxigraphStore
from beslutsgraf.testing.synthetic import generate

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus" / "goteborg")
    parser.add_argument(
        "--synthetic",
        type=int,
        nargs=2,
        metavar=("MUNICIPALITIES", "YEARS"),
        help="measure on synthetic protocols instead of the corpus",
    )
    parser.add_argument("--output", type=Path, default=ROOT / "bench" / "results" / "ingest.json")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        if args.synthetic:
            synthetic = generate(Path(tmp), *args.synthetic, seed=1)
            files = [(path, SourceMetadata().merged_over(read_metadata(path))) for path in synthetic]
        else:
            files = [(path, _options(path)) for path in sorted(args.corpus.glob("*/protokoll.txt"))]
        _measure(files, args.output)


def _options(path: Path) -> SourceMetadata:
    """The corpus's folders are named organ-date; the municipality is Göteborg's."""
    organ, _, day = path.parent.name.partition("-")
    return SourceMetadata(kommun="Göteborg", organ=organ, date=day)


def _measure(files: list[tuple[Path, SourceMetadata]], output: Path) -> None:
    resolver, iris = Resolver(load_registry()), Iris()
    stages = ("read", "parse", "map", "validate", "load")
    seconds = dict.fromkeys((*stages, "validate_reference", "bulk_load_baseline", "bulk_load_held_baseline"), 0.0)
    paragraphs = triples = 0
    with tempfile.TemporaryDirectory() as tmp:
        store = OxigraphStore(Path(tmp) / "store")
        for path, options in files:
            t0 = time.perf_counter()
            source = read_source(path)
            t1 = time.perf_counter()
            protocol = parse_protocol(source, options, resolver)
            t2 = time.perf_counter()
            graph = to_graph(protocol, source, resolver.registry, iris, IngestRun("bench", datetime.now(UTC)))
            text = graph.serialize(format="nt", encoding="utf-8").decode("utf-8")
            t3 = time.perf_counter()
            report = validate_graph(graph, ntriples=text)
            t4 = time.perf_counter()
            store.replace_graph(graph_name(protocol, iris), text)
            t5 = time.perf_counter()
            assert report == validate_graph(graph, fast=False), path
            seconds["validate_reference"] += time.perf_counter() - t5
            assert report.conforms, path
            for stage, spent in zip(stages, (t1 - t0, t2 - t1, t3 - t2, t4 - t3, t5 - t4), strict=True):
                seconds[stage] += spent
            paragraphs += len(protocol.paragraphs)
            triples += len(graph)
        baselines = bulk_loads(store, Path(tmp) / "fresh")
        seconds["bulk_load_baseline"], seconds["bulk_load_held_baseline"] = baselines.exported, baselines.held
    ingest_total = sum(seconds[s] for s in stages)
    result = {
        "files": len(files),
        "paragraphs": paragraphs,
        "triples": triples,
        "seconds": {k: round(v, 3) for k, v in seconds.items()},
        "ingest_total_seconds": round(ingest_total, 2),
        "paragraphs_per_second": round(paragraphs / ingest_total, 1),
        "triples_per_second": round(triples / ingest_total),
        "ratio_to_read": {k: round(v / seconds["read"], 1) for k, v in seconds.items()},
        "ingest_over_bulk_load": round(ingest_total / seconds["bulk_load_baseline"], 1),
        "ingest_over_bulk_load_held": round(ingest_total / seconds["bulk_load_held_baseline"], 1),
    }
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
