"""Baselines the benchmarks measure against, in the same run."""

from __future__ import annotations

import time
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path

import pyoxigraph as ox

from store.oxigraph import OxigraphStore


@dataclass(frozen=True)
class BulkLoads:
    """Seconds to bulk-load into a fresh on-disk Oxigraph store the ingest's own output: `exported`, the N-Quads of
    its named graphs (what `beslutsgraf export` writes); `held`, everything the store holds, those and the default
    graph it keeps as their merge (what the ingest writes). `nquads` is the export."""

    exported: float
    held: float
    nquads: bytes


def bulk_loads(store: OxigraphStore, directory: Path) -> BulkLoads:
    dump = BytesIO()
    store.export(dump, "nquads")
    exported = dump.getvalue()
    # The default graph's triples as the engine writes them; an N-Triples line is an N-Quads line in the default graph.
    merged = store.sparql("CONSTRUCT WHERE { ?s ?p ?o }", "application/sparql-results+json", "application/n-triples")
    held = exported + merged.body
    return BulkLoads(_bulk_load(exported, directory / "exported"), _bulk_load(held, directory / "held"), exported)


def _bulk_load(nquads: bytes, directory: Path) -> float:
    directory.mkdir(parents=True)
    fresh = ox.Store(str(directory))
    t0 = time.perf_counter()
    fresh.bulk_load(nquads, format=ox.RdfFormat.N_QUADS)
    fresh.flush()
    seconds = time.perf_counter() - t0
    del fresh
    return seconds
