"""API load: requests per second and latency of the pages for people (a §, its every triple, its meeting, body, case,
a basis document, a person present; the start, search and SPARQL editor pages), a resource as Turtle, a listing
page, a named question and a SPARQL query, served by
`beslutsgraf serve` in its own process and asked from this one over loopback, under a bounded load.

    .venv/bin/python -m bench.api_load [--municipalities 1] [--concurrency 8] [--seconds 10] [--store DIR]
    .venv/bin/python -m bench.api_load --soak MINUTES [--store DIR]   # every kind at once, memory sampled

The baseline, measured in the same run against the same server, is the cheapest request it answers (the JSON-LD
context, a file read once at start): what the server, its framework and the client cost with no store work. Each
request kind is reported as requests per second, the median and 95th percentile latency, and its ratio to the
baseline's rate; and the server's peak memory (RSS). The load is bounded: `--concurrency` requests in flight at
most, each client waiting for its answer before it asks again (a closed loop, as a browser or harvester does).

With --soak, every kind (and a SPARQL query) is asked at once, in equal shares, for MINUTES: the counts of each
status, latency percentiles, and the server's memory (RSS) sampled every five seconds, with its growth from the
first minute to the last; to bench/results/api-soak.json.

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
from rdflib import URIRef

from beslutsgraf.ingest.resolve import Resolver
from beslutsgraf.ingest.source import SourceMetadata
from beslutsgraf.ontology import Iris
from beslutsgraf.ontology.registry import load_registry
from beslutsgraf.parallel import default_jobs
from beslutsgraf.services.ingesting import ingest_files
from beslutsgraf.store.oxigraph import OxigraphStore
from beslutsgraf.testing.synthetic import generate

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


_AROUND = """PREFIX besluit: <http://data.vlaanderen.be/ns/besluit#> PREFIX bg: <https://w3id.org/beslutsgraf/ns#>
PREFIX dct: <http://purl.org/dc/terms/> PREFIX dossier: <https://data.vlaanderen.be/ns/dossier#>
PREFIX prov: <http://www.w3.org/ns/prov#>
SELECT ?meeting ?body ?case ?document ?person WHERE {
  ?paragraph dct:isPartOf ?meeting ; prov:used ?document .
  ?meeting besluit:isGehoudenDoor ?body .
  OPTIONAL { ?paragraph dossier:vindtPlaatsTijdens ?case }
  OPTIONAL { ?meeting bg:attendance/bg:attendee ?person }
} LIMIT 1"""


def _targets(store_path: Path) -> tuple[dict[str, tuple[str, str]], int]:
    """(path, Accept) of each request kind, for the busiest § in the store and what is around it (its meeting,
    body, case, a basis document, a person present); and the store's size."""
    store = OxigraphStore(store_path, read_only=True)
    try:
        paragraph = str(store.select(_BUSIEST).rows[0]["item"])
        around = store.select(_AROUND, {"paragraph": URIRef(paragraph)}).rows[0]
        triples = len(store)
    finally:
        store.close()
    path_of = lambda iri: "/" + str(iri).removeprefix(str(Iris().base))  # noqa: E731
    page = path_of(paragraph)
    question = "/queries/referral-responses?" + str(httpx.QueryParams({"decision": paragraph}))
    html = "text/html"
    targets = {
        "baseline: /context.jsonld": ("/context.jsonld", "application/ld+json"),
        "resource page (HTML of a §)": (page, html),
        "every triple of a § (HTML, ?vy=alla)": (page + "?vy=alla", html),
        "meeting page (HTML)": (path_of(around["meeting"]), html),
        "body page (HTML)": (path_of(around["body"]), html),
        "document page (HTML)": (path_of(around["document"]), html),
        "start page (HTML)": ("/", html),
        "SPARQL editor (HTML)": ("/sparql", html),
        "search page (HTML)": ("/search?q=remiss", html),
    }
    if around["case"] is not None:
        targets["case page (HTML)"] = (path_of(around["case"]), html)
    if around["person"] is not None:
        targets["person page (HTML)"] = (path_of(around["person"]), html)
    return targets | {
        "resource (Turtle of a §)": (page, "text/turtle"),
        "listing page (/listings/decisions)": ("/listings/decisions?page=3&page_size=20", "application/ld+json"),
        "named question (referral-responses)": (question, "application/sparql-results+json"),
        "SPARQL (one §'s triples)": (
            "/sparql?" + str(httpx.QueryParams({"query": f"SELECT * WHERE {{ <{paragraph}> ?p ?o }}"})),
            "application/sparql-results+json",
        ),
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


def _peak_rss_mb(pid: int, field: str = "VmHWM") -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(f"{field}:"):
            return round(int(line.split()[1]) / 1024, 1)
    return 0.0


async def _soak(url: str, targets: dict[str, tuple[str, str]], concurrency: int, seconds: float, pid: int) -> dict:
    """Every kind at once in equal shares (client i asks kind i, i+1, ... in turn), the server's RSS sampled."""
    kinds = [name for name in targets if not name.startswith("baseline")]
    latencies: dict[str, list[float]] = {name: [] for name in kinds}
    statuses: dict[str, int] = {}
    memory: list[tuple[float, float]] = []
    started = time.monotonic()
    stop = started + seconds

    async def client(http: httpx.AsyncClient, first: int) -> None:
        turn = first
        while time.monotonic() < stop:
            name = kinds[turn % len(kinds)]
            path, accept = targets[name]
            asked = time.perf_counter()
            try:
                status = str((await http.get(path, headers={"Accept": accept})).status_code)
            except httpx.HTTPError as error:
                status = error.__class__.__name__
            latencies[name].append(time.perf_counter() - asked)
            statuses[status] = statuses.get(status, 0) + 1
            turn += 1

    async def sampler() -> None:
        while time.monotonic() < stop:
            memory.append((round(time.monotonic() - started, 1), _peak_rss_mb(pid, "VmRSS")))
            await asyncio.sleep(5)

    async with httpx.AsyncClient(base_url=url, limits=httpx.Limits(max_connections=concurrency), timeout=60) as http:
        await asyncio.gather(sampler(), *(client(http, i) for i in range(concurrency)))
    elapsed = time.monotonic() - started
    first_minute = [rss for at, rss in memory if at <= 60] or [memory[0][1]]
    last_minute = [rss for at, rss in memory if at >= elapsed - 60]
    return {
        "seconds": round(elapsed),
        "requests": sum(len(v) for v in latencies.values()),
        "requests_per_second": round(sum(len(v) for v in latencies.values()) / elapsed, 1),
        "statuses": statuses,
        "kinds": {name: {"requests": len(v), **_percentiles(v)} for name, v in latencies.items()},
        "rss_mb_first_minute": round(statistics.median(first_minute), 1),
        "rss_mb_last_minute": round(statistics.median(last_minute), 1),
        "rss_mb_samples": memory,
    }


def _percentiles(latencies: list[float]) -> dict[str, float]:
    ordered = sorted(latencies)
    at = lambda share: round(ordered[round(share * (len(ordered) - 1))] * 1000, 2)  # noqa: E731
    return {"median_ms": at(0.5), "p95_ms": at(0.95), "p99_ms": at(0.99)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--municipalities", type=int, default=1, help="synthetic store size, when no --store")
    parser.add_argument("--store", type=Path, help="an existing store to serve instead")
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--soak", type=float, metavar="MINUTES", help="every kind at once for MINUTES, memory sampled")
    parser.add_argument("--output", type=Path)
    args = parser.parse_args()
    output = args.output or ROOT / "bench" / "results" / ("api-soak.json" if args.soak else "api-load.json")
    with tempfile.TemporaryDirectory() as tmp:
        store_path = args.store or _build_store(Path(tmp), args.municipalities)
        targets, triples = _targets(store_path)
        port = _free_port()
        command = [
            str(Path(sys.executable).parent / "beslutsgraf"),
            "serve",
            "--store",
            str(store_path),
            "--port",
            str(port),
        ]
        server = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        url = f"http://127.0.0.1:{port}"
        try:
            _wait_for(url, server)
            if args.soak:
                soaked = asyncio.run(_soak(url, targets, args.concurrency, args.soak * 60, server.pid))
                _write(
                    output,
                    {
                        "machine": _machine(),
                        "store_triples": triples,
                        "concurrency": args.concurrency,
                        "server_peak_rss_mb": _peak_rss_mb(server.pid),
                        **soaked,
                    },
                )
                return
            results = {
                name: asyncio.run(_load(url, path, accept, args.concurrency, args.seconds))
                for name, (path, accept) in targets.items()
            }
            peak = _peak_rss_mb(server.pid)
        finally:
            server.terminate()
            server.wait(timeout=30)
    baseline = results["baseline: /context.jsonld"]["requests_per_second"]
    for entry in results.values():
        entry["rate_to_baseline"] = round(entry["requests_per_second"] / baseline, 2)
    report = {
        "machine": _machine(),
        "store_triples": triples,
        "concurrency": args.concurrency,
        "seconds_per_kind": args.seconds,
        "server_peak_rss_mb": peak,
        "requests": results,
    }
    _write(output, report)


def _machine() -> str:
    return f"{os.cpu_count()} cores, {platform.machine()}, Python {platform.python_version()}"


def _write(output: Path, report: dict) -> None:
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(json.dumps({k: v for k, v in report.items() if k != "rss_mb_samples"}, indent=2, ensure_ascii=False))


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
