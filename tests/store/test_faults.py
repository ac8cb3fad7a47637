"""A writer killed at any moment leaves each graph either whole or absent, and a store that opens."""

from __future__ import annotations

import random
import subprocess
import sys
import time
from pathlib import Path

import pytest
from rdflib import URIRef

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
