"""Faults: a writer killed at any moment, or a disk that fills, leaves each graph either whole or absent, and a store
that opens."""

from __future__ import annotations

import random
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from rdflib import URIRef

from beslutsgraf.loading import ingest_files
from ingest.resolve import Resolver
from ingest.source import SourceMetadata
from ontology import Iris
from ontology.registry import load_registry
from store.oxigraph import OxigraphStore

TRIPLES = 50_000
WRITER = f"""
import sys
from pathlib import Path
from rdflib import URIRef
from store.oxigraph import OxigraphStore
store = OxigraphStore(Path(sys.argv[1]))
text = "".join(f'<http://e/{{sys.argv[2]}}/s{{i}}> <http://e/p> "{{i}}" .\\n' for i in range({TRIPLES}))
print("writing", flush=True)
store.replace_graph(URIRef("http://e/" + sys.argv[2]), text)
print("written", flush=True)
store.close()
"""


def count(store: OxigraphStore, graph: str) -> tuple[int, int]:
    """The graph's triples, and its subjects' triples in the default graph (the merge kept beside it)."""
    named = store.select(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <http://e/{graph}> {{ ?s ?p ?o }} }}").rows
    merged = store.select(
        f'SELECT (COUNT(*) AS ?n) WHERE {{ ?s <http://e/p> ?o FILTER STRSTARTS(STR(?s), "http://e/{graph}/") }}'
    ).rows
    return int(named[0]["n"]), int(merged[0]["n"])


@pytest.mark.slow
def test_a_new_graph_killed_while_written_is_whole_or_absent(tmp_path: Path) -> None:
    path, rng, outcomes = tmp_path / "store", random.Random(7), []
    writing = 0.0  # how long an undisturbed write takes here: the first round's; the kills fall in 0-200 % of it
    for round_ in range(8):
        graph = f"g{round_}"
        writer = subprocess.Popen([sys.executable, "-c", WRITER, str(path), graph], stdout=subprocess.PIPE, text=True,
                                  cwd=Path(__file__).resolve().parents[2])  # fmt: skip
        assert writer.stdout is not None and writer.stdout.readline() == "writing\n"
        started = time.monotonic()
        if round_ == 0:
            assert writer.stdout.readline() == "written\n"
            writing = time.monotonic() - started
        else:
            time.sleep(rng.uniform(0, 2 * writing))
            writer.kill()
        writer.wait()
        store = OxigraphStore(path)  # it opens, and what it holds is whole
        for earlier, whole in outcomes:
            assert count(store, earlier) == ((TRIPLES, TRIPLES) if whole else (0, 0)), earlier
        found = count(store, graph)
        assert found in ((0, 0), (TRIPLES, TRIPLES)), (graph, found)
        assert store.has_graph(URIRef(f"http://e/{graph}")) == (found[0] == TRIPLES)
        outcomes.append((graph, found[0] == TRIPLES))
        store.close()
    assert outcomes[0][1], outcomes  # the undisturbed write is whole
    print("killed writes, whole or not:", [whole for _, whole in outcomes[1:]])


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A filesystem of 3 MB of its own (tmpfs; mounting needs root, as CI has)."""
    folder = tmp_path / "small-disk"
    folder.mkdir()
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=3m", "tmpfs", str(folder)], capture_output=True)
    if mounted.returncode != 0:
        pytest.skip(f"a small filesystem cannot be made here: {mounted.stderr.decode().strip()}")
    yield folder
    subprocess.run(["umount", "-l", str(folder)], check=False)


def graphs(store: OxigraphStore) -> dict[URIRef, set]:
    """Each graph's triples but its ingest run's start time."""
    return {name: {t for t in store.graph(name) if not t[1].endswith("startedAtTime")} for name in store.graph_names()}


@pytest.mark.slow
def test_a_full_disk_refuses_what_does_not_fit_and_keeps_what_did(small_disk: Path, tmp_path: Path,
                                                                  corpus: Path) -> None:  # fmt: skip
    files = sorted(corpus.glob("goteborg/*/protokoll.txt"))[:10]
    options, resolver = SourceMetadata(kommun="Göteborg"), Resolver(load_registry())
    reference = OxigraphStore(tmp_path / "reference")
    ingest_files(files, reference, resolver, Iris(), options)
    expected = graphs(reference)
    reference.close()

    store = OxigraphStore(small_disk / "store")
    outcomes = ingest_files(files, store, resolver, Iris(), options)
    store.close()
    failed = [o for o in outcomes if o.status == "failed"]
    assert failed and len(failed) < len(files), [o.status for o in outcomes]
    assert all("the disk that holds the store is full" in (o.error or "") for o in failed), failed[0].error
    store = OxigraphStore(small_disk / "store")  # it opens, and every graph in it is whole
    held = graphs(store)
    assert held and all(triples == expected[name] for name, triples in held.items())
    assert not {o.graph for o in failed} & held.keys()
    store.close()

    subprocess.run(["mount", "-o", "remount,size=64m", str(small_disk)], check=True)  # space freed
    store = OxigraphStore(small_disk / "store")
    again = ingest_files(files, store, resolver, Iris(), options)
    assert {o.status for o in again} <= {"loaded", "unchanged"} and graphs(store) == expected
    store.close()
