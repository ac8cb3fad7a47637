"""API load: requests per second and latency of a resource page, a listing page and a named question, served by
`beslutsgraf serve` in its own process and asked from this one over loopback, under a bounded load.

    .venv/bin/python -m bench.api_load [--municipalities 1] [--concurrency 8] [--seconds 10] [--store DIR]

The baseline, measured in the same run against the same server, is the cheapest request it answers (the JSON-LD
context, a file read once at start): what the server, its framework and the client cost with no store work. Each
request kind is reported as requests per second, the median and 95th percentile latency, and its ratio to the
baseline's rate; and the server's peak memory (RSS). The load is bounded: `--concurrency` requests in flight at
most, each client waiting for its answer before it asks again (a closed loop, as a browser or harvester does).

Results go to bench/results/api-load.json and are printed.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

from bench.synthetic import generate
from beslutsgraf.loading import ingest_files
from beslutsgraf.parallel import default_jobs
from ingest.resolve import Resolver
from ingest.source import SourceMetadata
from ontology import Iris
from ontology.registry import load_registry
from store.oxigraph import OxigraphStore

ROOT = Path(__file__).resolve().parents[1]
_BUSIEST = """PREFIX prov: <http://www.w3.org/ns/prov#>
SELECT ?item (COUNT(DISTINCT ?d) AS ?n) WHERE { ?item prov:used ?d } GROUP BY ?item ORDER BY DESC(?n) ?item LIMIT 1"""


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _build_store(folder: Path, municipalities: int) -> Path:
    files = generate(folder / "protocols", municipalities, 1, seed=1)
    store = OxigraphStore(folder / "store")
    ingest_files(files, store, Resolver(load_registry()), Iris(), SourceMetadata(), jobs=default_jobs())
    store.close()
    return folder / "store"


def _targets(store_path: Path) -> tuple[dict[str, tuple[str, str]], int]:
    """(path, Accept) of each request kind, for the busiest § in the store; and the store's size."""
    store = OxigraphStore(store_path, read_only=True)
    try:
        paragraph = str(store.select(_BUSIEST).rows[0]["item"])
        triples = len(store)
    finally:
        store.close()
    page = "/" + paragraph.removeprefix(str(Iris().base))
    question = "/queries/referral-responses?" + str(httpx.QueryParams({"decision": paragraph}))
    return {
        "baseline: /context.jsonld": ("/context.jsonld", "application/ld+json"),
        "resource page (HTML of a §)": (page, "text/html"),
        "resource (Turtle of a §)": (page, "text/turtle"),
        "listing page (/listings/decisions)": ("/listings/decisions?page=3&page_size=20", "application/ld+json"),
        "named question (referral-responses)": (question, "application/sparql-results+json"),
    }, triples


async def _load(url: str, path: str, accept: str, concurrency: int, seconds: float) -> dict:
    latencies: list[float] = []
    failures = 0
    stop = time.monotonic() + seconds
    headers = {"Accept": accept}

    async def client(http: httpx.AsyncClient) -> None:
        nonlocal failures
        while time.monotonic() < stop:
            started = time.perf_counter()
            response = await http.get(path, headers=headers)
            latencies.append(time.perf_counter() - started)
            failures += response.status_code != 200

    limits = httpx.Limits(max_connections=concurrency)
    async with httpx.AsyncClient(base_url=url, limits=limits, timeout=60) as http:
        assert (await http.get(path, headers=headers)).status_code == 200, path  # and warm
        started = time.perf_counter()
        await asyncio.gather(*(client(http) for _ in range(concurrency)))
        elapsed = time.perf_counter() - started
    ordered = sorted(latencies)
    return {
        "requests": len(ordered),
        "failures": failures,
        "requests_per_second": round(len(ordered) / elapsed, 1),
        "median_ms": round(statistics.median(ordered) * 1000, 2),
        "p95_ms": round(ordered[round(0.95 * (len(ordered) - 1))] * 1000, 2),
    }


def _peak_rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return round(int(line.split()[1]) / 1024, 1)
    return 0.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--municipalities", type=int, default=1, help="synthetic store size, when no --store")
    parser.add_argument("--store", type=Path, help="an existing store to serve instead")
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--output", type=Path, default=ROOT / "bench" / "results" / "api-load.json")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        store_path = args.store or _build_store(Path(tmp), args.municipalities)
        targets, triples = _targets(store_path)
        port = _free_port()
        command = [str(Path(sys.executable).parent / "beslutsgraf"), "serve", "--store", str(store_path),
                   "--port", str(port)]  # fmt: skip
        server = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        url = f"http://127.0.0.1:{port}"
        try:
            _wait_for(url, server)
            results = {name: asyncio.run(_load(url, path, accept, args.concurrency, args.seconds))
                       for name, (path, accept) in targets.items()}  # fmt: skip
            peak = _peak_rss_mb(server.pid)
        finally:
            server.terminate()
            server.wait(timeout=30)
    baseline = results["baseline: /context.jsonld"]["requests_per_second"]
    for entry in results.values():
        entry["rate_to_baseline"] = round(entry["requests_per_second"] / baseline, 2)
    report = {
        "machine": f"{os.cpu_count()} cores, {platform.machine()}, Python {platform.python_version()}",
        "store_triples": triples,
        "concurrency": args.concurrency,
        "seconds_per_kind": args.seconds,
        "server_peak_rss_mb": peak,
        "requests": results,
    }
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(json.dumps(report, indent=2, ensure_ascii=False))


def _wait_for(url: str, server: subprocess.Popen) -> None:
    deadline = time.monotonic() + 600
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"the server stopped at start (exit {server.returncode})")
        try:
            # answering, and done with its start-up work (the questions over the whole store, the dump)
            if httpx.get(f"{url}/dumps/graph.nq.gz", timeout=5).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.2)
    raise SystemExit("the server was not ready within 600 s")


if __name__ == "__main__":
    main()
