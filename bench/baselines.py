"""Baselines the benchmarks measure against, in the same run."""

from __future__ import annotations

import time
from io import BytesIO
from pathlib import Path

import pyoxigraph as ox

from store.oxigraph import OxigraphStore


def bulk_load_seconds(store: OxigraphStore, directory: Path) -> tuple[float, bytes]:
    """Seconds to bulk-load the store's own N-Quads into a fresh on-disk store in `directory`; and the N-Quads."""
    dump = BytesIO()
    store.export(dump, "nquads")
    fresh = ox.Store(str(directory))
    t0 = time.perf_counter()
    fresh.bulk_load(dump.getvalue(), format=ox.RdfFormat.N_QUADS)
    fresh.flush()
    seconds = time.perf_counter() - t0
    del fresh
    return seconds, dump.getvalue()
