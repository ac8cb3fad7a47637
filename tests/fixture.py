"""The fixture graph: the examples as the ingest makes them, committed as TriG (`tests/data/fixture.trig`), so that a
test that only reads a store loads it in a fraction of a second instead of parsing, mapping and validating.

`python -m tests.fixture` writes it again; `tests/test_fixture.py` holds it equal to what the ingest makes now, so a
change of the parser or the mapping shows there, once, and not as a failure of every API test. What differs from
one run to the next is written as it would be at a fixed moment by a fixed version: the ingest runs' times and the
software's version (`normalised`). Files are read as uploads are (no path digest), so the graph is the same on every
machine.
"""

from __future__ import annotations

import re
import sys
import tempfile
from io import BytesIO
from pathlib import Path

from rdflib import Dataset

from beslutsgraf.ingest import PARSER_VERSION
from beslutsgraf.ingest.resolve import Resolver
from beslutsgraf.ingest.source import SourceMetadata
from beslutsgraf.ontology import Iris
from beslutsgraf.ontology.registry import load_registry
from beslutsgraf.services.ingesting import ingest_files
from beslutsgraf.store import GraphStore
from beslutsgraf.store.oxigraph import OxigraphStore

ROOT = Path(__file__).resolve().parents[1]
FIXTURE = ROOT / "tests" / "data" / "fixture.trig"
EXAMPLES = ROOT / "examples"
SOURCES = (EXAMPLES / "ks-2026-06-03-138.txt", EXAMPLES / "kf-2026-06-17-71.txt")
REGISTRY = EXAMPLES / "exempelkommun.toml"
FIXED_VERSION = "fixture"
_STARTED = re.compile(r'"\d{4}-\d\d-\d\dT[\d:.]+Z"\^\^xsd:dateTime')


def normalised(trig: str) -> str:
    """The ingest's output as a fixed moment and version would have made it."""
    return _STARTED.sub('"2026-01-01T00:00:00Z"^^xsd:dateTime', trig.replace(PARSER_VERSION, FIXED_VERSION))


def made() -> str:
    """The examples ingested now, into a throwaway store, exported as TriG and normalised."""
    with tempfile.TemporaryDirectory() as folder:
        store = OxigraphStore(Path(folder) / "store")
        try:
            resolver = Resolver(load_registry([REGISTRY]))
            outcomes = ingest_files(SOURCES, store, resolver, Iris(), SourceMetadata(), by_path=False)
            if failed := [o.error for o in outcomes if o.status != "loaded"]:
                raise RuntimeError(f"the examples did not load: {failed}")
            written = BytesIO()
            store.export(written, "trig")
        finally:
            store.close()
    return normalised(written.getvalue().decode("utf-8"))


def load_fixture(store: GraphStore) -> GraphStore:
    """The fixture graph's every named graph into `store`, as the ingest would have written them."""
    dataset = Dataset()
    dataset.parse(FIXTURE, format="trig")
    store.add_graphs([(graph.identifier, graph.serialize(format="nt")) for graph in dataset.graphs() if len(graph)])
    store.publish()
    return store


if __name__ == "__main__":
    FIXTURE.write_text(made(), encoding="utf-8")
    sys.stdout.write(f"wrote {FIXTURE.relative_to(ROOT)}\n")
