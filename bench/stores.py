"""The same protocols in the embedded store and on SPARQL servers: the ingest's time, the same quads, the same answer
to every named question, and each question's latency, as ratios to the embedded store measured in the same run.

    .venv/bin/python -m bench.stores [--corpus ../shared/corpus/goteborg] [--repeat 5]
        [--server URL ...] [--no-virtuoso] [--no-oxigraph-server] [--output bench/results/stores.json]

Throwaway servers are started for the run (Virtuoso, where installed, and Oxigraph's server) unless told not to;
`--server` adds a running one (emptied of beslutsgraf's graphs first). The ingest runs as the command line does,
with `-j 2`. The questions' parameters are picked as `bench.scale` picks them, from the embedded store.
"""

from __future__ import annotations

import argparse
import json
import statistics
import tempfile
import time
from collections.abc import Iterator
from contextlib import ExitStack
from datetime import UTC, datetime
from io import BytesIO
from pathlib import Path

from bench.scale import PICKS, QUESTIONS
from beslutsgraf.ingest.resolve import Resolver
from beslutsgraf.ingest.source import SourceMetadata
from beslutsgraf.ontology import Iris
from beslutsgraf.ontology.registry import load_registry
from beslutsgraf.queries import NamedQuery, answer, catalogue
from beslutsgraf.services.ingesting import ingest_files
from beslutsgraf.store import GraphStore, open_store
from beslutsgraf.store.oxigraph import OxigraphStore
from beslutsgraf.store.server import ServerStore
from beslutsgraf.testing.servers import ServerMissing, emptied, running_oxigraph, running_virtuoso

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus" / "goteborg")
    parser.add_argument("--server", action="append", default=[], help="a running server's address, as --server takes")
    parser.add_argument("--no-virtuoso", action="store_true", help="do not start a Virtuoso for the run")
    parser.add_argument("--no-oxigraph-server", action="store_true", help="do not start Oxigraph's server")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--output", type=Path, default=ROOT / "bench" / "results" / "stores.json")
    args = parser.parse_args()
    files = sorted(args.corpus.glob("*/protokoll.txt"))
    with tempfile.TemporaryDirectory() as tmp, ExitStack() as servers:
        urls = {f"server {url}": url for url in args.server}
        if not args.no_oxigraph_server:
            (Path(tmp) / "oxigraph").mkdir()
            urls["oxigraph_server"] = servers.enter_context(running_oxigraph(Path(tmp) / "oxigraph"))
        if not args.no_virtuoso:
            (Path(tmp) / "virtuoso").mkdir()
            try:
                urls["virtuoso"] = servers.enter_context(running_virtuoso(Path(tmp) / "virtuoso"))
            except ServerMissing as missing:
                print(f"note: {missing}")
        result = _measure(files, Path(tmp), urls, args.repeat)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(result, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"written to {args.output}")


def _measure(files: list[Path], tmp: Path, urls: dict[str, str], repeat: int) -> dict:
    stores: dict[str, GraphStore] = {"embedded": OxigraphStore(tmp / "embedded")}
    for name, url in urls.items():
        server = open_store(tmp / name, server=url)
        assert isinstance(server, ServerStore)
        stores[name] = emptied(server)
    ingest = {name: _ingest(files, store) for name, store in stores.items()}
    for name, seconds in ingest.items():
        print(f"ingest {name:18} {seconds:6.1f} s  {seconds / ingest['embedded']:4.1f}×")
    quads = {name: _quads(store) for name, store in stores.items()}
    for name, (lines, seconds) in quads.items():
        same = lines == quads["embedded"][0]
        print(f"export {name:18} {len(lines):,} quads {'the same' if same else 'DIFFERENT'}, {seconds:.2f} s")
    questions = _questions(stores, repeat)
    for store in stores.values():
        store.close()
    return {
        "measured": datetime.now(UTC).isoformat(timespec="seconds"),
        "corpus": {"files": len(files), "quads": len(quads["embedded"][0])},
        "ingest_seconds": {name: round(s, 2) for name, s in ingest.items()},
        "ingest_over_embedded": {name: round(s / ingest["embedded"], 2) for name, s in ingest.items()},
        "export": {
            name: {"quads": len(lines), "same_as_embedded": lines == quads["embedded"][0], "seconds": round(seconds, 2)}
            for name, (lines, seconds) in quads.items()
        },
        "questions": questions,
    }


def _ingest(files: list[Path], store: GraphStore) -> float:
    started = time.perf_counter()
    outcomes = ingest_files(files, store, Resolver(load_registry()), Iris(), SourceMetadata(kommun="Göteborg"), jobs=2)
    failed = [o for o in outcomes if o.status == "failed"]
    if failed:
        raise SystemExit(f"{len(failed)} file(s) failed on {store!r}: {failed[0].path}: {failed[0].error}")
    return time.perf_counter() - started


def _quads(store: GraphStore) -> tuple[list[bytes], float]:
    """The store's named graphs as sorted N-Quads, but for the ingest runs' start times (the runs differ)."""
    out = BytesIO()
    started = time.perf_counter()
    store.export(out, "nquads")
    seconds = time.perf_counter() - started
    return sorted(line for line in out.getvalue().splitlines() if b"startedAtTime" not in line), seconds


def _questions(stores: dict[str, GraphStore], repeat: int) -> dict:
    picks = {name: stores["embedded"].select(sparql).rows for name, sparql in PICKS.items()}
    named_questions = catalogue()
    results = {}
    for name, (parameter, pick) in QUESTIONS.items():
        if parameter and not picks[pick]:
            continue
        given = {parameter: str(picks[pick][0]["item"])} if parameter and pick else {}
        named = named_questions[name]
        answers, seconds = {}, {}
        for store_name, store in stores.items():
            asked = list(_asked(named, given, store, repeat + 1))
            answers[store_name] = asked[0][0]  # the first round warms up, and gives the answer compared
            seconds[store_name] = statistics.median(s for _, s in asked[1:])
        entry = {"parameters": given, "rows": len(answers["embedded"][1])}
        for store_name in stores:
            entry[store_name] = {
                "median_ms": round(seconds[store_name] * 1000, 2),
                "over_embedded": round(seconds[store_name] / seconds["embedded"], 1),
                "same_answer": answers[store_name] == answers["embedded"],
            }
        results[name] = entry
        cells = "  ".join(
            f"{s}: {entry[s]['median_ms']:7.1f} ms {'=' if entry[s]['same_answer'] else '≠'}" for s in stores
        )
        print(f"{name:20} {entry['rows']:5} rows  {cells}")
    return results


def _asked(named: NamedQuery, given: dict[str, str], store: GraphStore, rounds: int) -> Iterator[tuple[tuple, float]]:
    for _ in range(rounds):
        started = time.perf_counter()
        columns, rows = answer(named, given, lambda q, b: store.select(q, b).rows)
        spent = time.perf_counter() - started
        yield (tuple(columns), sorted(map(repr, rows))), spent


if __name__ == "__main__":
    main()
