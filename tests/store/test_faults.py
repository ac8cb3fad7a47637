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

from beslutsgraf.ingest.resolve import Resolver
from beslutsgraf.ingest.source import SourceMetadata
from beslutsgraf.ontology import Iris
from beslutsgraf.ontology.registry import load_registry
from beslutsgraf.services.ingesting import ingest_files
from beslutsgraf.store.oxigraph import OxigraphStore

pytestmark = pytest.mark.system

ROOT = Path(__file__).resolve().parents[2]
TRIPLES = 50_000
WRITER = f"""
import sys
from pathlib import Path
from rdflib import URIRef
from beslutsgraf.store.oxigraph import OxigraphStore
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
        writer = subprocess.Popen(
            [sys.executable, "-c", WRITER, str(path), graph],
            stdout=subprocess.PIPE,
            text=True,
            cwd=Path(__file__).resolve().parents[2],
        )
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
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=3m", "tmpfs", str(folder)], check=False, capture_output=True
    )
    if mounted.returncode != 0:
        pytest.skip(f"a small filesystem cannot be made here: {mounted.stderr.decode().strip()}")
    yield folder
    subprocess.run(["umount", "-l", str(folder)], check=False)


def graphs(store: OxigraphStore) -> dict[URIRef, set]:
    """Each graph's triples but its ingest run's start time (an emptied graph, as the tombstones' after a forced
    re-ingest that removed nothing, counted as none)."""
    held = {name: {t for t in store.graph(name) if not t[1].endswith("startedAtTime")} for name in store.graph_names()}
    return {name: triples for name, triples in held.items() if triples}


@pytest.mark.slow
def test_a_full_disk_refuses_what_does_not_fit_and_keeps_what_did(
    small_disk: Path, tmp_path: Path, corpus: Path
) -> None:
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


KILLED_FILES = [
    ROOT / "examples" / "ks-2026-06-03-138.txt",
    ROOT / "examples" / "kf-2026-06-17-71.txt",
    ROOT / "tests" / "data" / "goteborg-ks-2024-02-07-102.txt",
    ROOT / "tests" / "data" / "goteborg-ks-2024-02-21-145-146.txt",
    ROOT / "tests" / "data" / "goteborg-kf-2024-02-01-24.txt",
]


def ingest_command(store: Path, *options: str) -> list[str]:
    files = [str(f) for f in KILLED_FILES]
    registry = str(ROOT / "examples" / "exempelkommun.toml")
    return [
        sys.executable,
        "-m",
        "beslutsgraf.cli",
        "ingest",
        *files,
        "--registry",
        registry,
        "--store",
        str(store),
        "-j",
        "1",
        *options,
    ]


@pytest.mark.slow
def test_an_ingest_killed_at_any_moment_leaves_each_source_before_or_after(tmp_path: Path) -> None:
    """`beslutsgraf ingest` killed (SIGKILL) at random moments, twelve times over the same store, every other run with
    --force (graphs replaced, not only added): each time the store opens and each graph in it is the whole graph its
    file gives; the ingest run once more completes the store."""
    reference = tmp_path / "reference"
    started = time.monotonic()
    subprocess.run(ingest_command(reference), cwd=ROOT, check=True, capture_output=True)
    undisturbed = time.monotonic() - started
    store = OxigraphStore(reference)
    expected = graphs(store)
    store.close()
    assert len(expected) >= len(KILLED_FILES)  # every file's graph, and the vocabulary's

    path, rng, seen = tmp_path / "killed", random.Random(138), []
    for round_ in range(12):
        forced = ("--force",) if round_ % 2 else ()  # every other run replaces what the store holds
        ingest = subprocess.Popen(
            ingest_command(path, *forced), cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        time.sleep(rng.uniform(0, undisturbed))
        ingest.kill()
        ingest.wait()
        if not path.exists():
            seen.append(0)
            continue
        store = OxigraphStore(path)  # it opens
        held = graphs(store)
        store.close()
        assert all(triples == expected[name] for name, triples in held.items()), "a graph is half-written"
        seen.append(len(held))
    subprocess.run(ingest_command(path), cwd=ROOT, check=True, capture_output=True)
    store = OxigraphStore(path)
    assert graphs(store) == expected
    store.close()
    print("graphs held after each kill:", seen)


@pytest.mark.slow
def test_the_corpus_ingested_twice_is_the_corpus_ingested_once(tmp_path: Path, corpus: Path) -> None:
    """Triple for triple, the named graphs and the default graph kept as their merge (but the ingest runs' times)."""
    files = sorted(corpus.glob("goteborg/*/protokoll.txt"))[:15]  # a third of it: a year of KF and KS
    options, resolver = SourceMetadata(kommun="Göteborg"), Resolver(load_registry())
    once, twice = OxigraphStore(tmp_path / "once"), OxigraphStore(tmp_path / "twice")
    ingest_files(files, once, resolver, Iris(), options, jobs=2)
    for _ in range(2):
        ingest_files(files, twice, resolver, Iris(), options, jobs=2, force=True)
    assert graphs(twice) == graphs(once)
    merged = "SELECT ?s ?p ?o WHERE { ?s ?p ?o FILTER(?p != <http://www.w3.org/ns/prov#startedAtTime>) }"
    defaults = [{tuple(row.values()) for row in store.select(merged).rows} for store in (once, twice)]
    assert defaults[0] == defaults[1] and len(defaults[0]) > 50_000
    once.close()
    twice.close()
