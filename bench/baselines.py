"""Baselines the benchmarks measure against, in the same run."""

from __future__ import annotations

import shutil
import time
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from beslutsgraf.store.oxigraph import OxigraphStore


@dataclass(frozen=True)
class BulkLoads:
    """Seconds to bulk-load into a fresh on-disk Oxigraph store the ingest's own output: `exported`, the N-Quads of
    its named graphs (what `beslutsgraf export` writes); `held`, everything the store holds, those and the default
    graph it keeps as their merge (what the ingest writes). `export_file` holds the export. Both go through files,
    never held whole in memory (30M triples are gigabytes of N-Quads)."""

    exported: float
    held: float
    export_file: Path


def bulk_loads(store: OxigraphStore, directory: Path) -> BulkLoads:
    directory.mkdir(parents=True)
    export_file, held_file = directory / "export.nq", directory / "held.nq"
    with export_file.open("wb") as output:
        store.export(output, "nquads")
    shutil.copyfile(export_file, held_file)
    # The default graph, read from a second, read-only handle on the same files, as a reader process would.
    with held_file.open("ab") as output:
        ox.Store.read_only(str(store.path)).dump(output, format=ox.RdfFormat.N_QUADS, from_graph=ox.DefaultGraph())
    return BulkLoads(
        _bulk_load(export_file, directory / "exported"), _bulk_load(held_file, directory / "held"), export_file
    )


def _bulk_load(nquads: Path, directory: Path) -> float:
    directory.mkdir(parents=True)
    fresh = ox.Store(str(directory))
    t0 = time.perf_counter()
    fresh.bulk_load(path=str(nquads), format=ox.RdfFormat.N_QUADS)
    fresh.flush()
    seconds = time.perf_counter() - t0
    del fresh
    return seconds
