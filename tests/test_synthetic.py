"""The benchmarks' synthetic protocols: repeatable from a seed, and read whole by the parser (every § heading
written is a § found, every case's earlier decisions land on their own §§)."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from pathlib import Path

import pytest

from beslutsgraf.ingest.pipeline import build_graph, parse_source
from beslutsgraf.ingest.resolve import Resolver
from beslutsgraf.ingest.source import SourceMetadata
from beslutsgraf.ingest.validate import fast_findings
from beslutsgraf.ontology import Iris
from beslutsgraf.ontology.registry import load_registry
from beslutsgraf.services.ingesting import ingest_files
from beslutsgraf.store.oxigraph import OxigraphStore
from beslutsgraf.testing.synthetic import generate

pytestmark = pytest.mark.system


def test_the_same_seed_writes_the_same_protocols(tmp_path: Path) -> None:
    first = generate(tmp_path / "a", 1, 1, seed=3)
    second = generate(tmp_path / "b", 1, 1, seed=3)
    assert [p.name for p in first] == [p.name for p in second] and len(first) > 40
    assert all(a.read_bytes() == b.read_bytes() for a, b in zip(first, second, strict=True))
    assert first[0].read_bytes() != generate(tmp_path / "c", 1, 1, seed=4)[0].read_bytes()


def test_synthetic_protocols_are_read_whole(tmp_path: Path) -> None:
    paths = generate(tmp_path / "synthetic", 1, 1, seed=5)[:24]  # the first weeks: every kind of body
    store = OxigraphStore(tmp_path / "store")
    outcomes = ingest_files(paths, store, Resolver(load_registry()), Iris(), SourceMetadata())
    written = sum(len(re.findall(r"^§ \d+ Dnr", p.read_text(encoding="utf-8"), re.M)) for p in paths)
    assert [o.status for o in outcomes] == ["loaded"] * len(paths), [o.error for o in outcomes if o.error]
    assert sum(o.paragraphs for o in outcomes) == written
    assert sum(len(o.unresolved) for o in outcomes) == 0
    cited = store.select(
        "PREFIX eli: <http://data.europa.eu/eli/ontology#> PREFIX prov: <http://www.w3.org/ns/prov#> "
        "SELECT (COUNT(DISTINCT ?d) AS ?all) (COUNT(DISTINCT ?own) AS ?landed) WHERE { "
        "?x eli:cites ?d . OPTIONAL { ?p prov:generated ?d BIND(?d AS ?own) } }"
    ).rows[0]
    assert int(cited["all"]) > 10 and cited["all"] == cited["landed"]
    referrals = store.select(
        "PREFIX bg: <https://w3id.org/beslutsgraf/ns#> "
        "SELECT (COUNT(DISTINCT ?d) AS ?decisions) (COUNT(?to) AS ?recipients) (COUNT(DISTINCT ?by) AS ?dated) "
        "WHERE { ?d bg:referredTo ?to ; bg:answerBy ?by }"
    ).rows[0]
    assert int(referrals["decisions"]) > 3 and int(referrals["recipients"]) == 4 * int(referrals["decisions"])
    store.close()


@pytest.mark.slow
def test_both_validators_flag_the_same_nodes_in_synthetic_protocols(tmp_path: Path) -> None:
    """The fast path (pyrudof) against the reference (pyshacl) on protocols of every kind of body."""
    resolver, iris = Resolver(load_registry()), Iris()
    flagged = 0
    for path in generate(tmp_path / "synthetic", 1, 1, seed=6)[:30]:
        built = build_graph(
            parse_source(path, SourceMetadata(), resolver, iris),
            resolver,
            iris,
            datetime.now(UTC),
            fast_validation=False,
        )
        reference = {(f.focus, f.severity) for f in built.report.findings}
        assert fast_findings(built.ntriples) == reference, path
        flagged += bool(reference)
    assert flagged < 30  # most graphs are clean, which is where the fast path saves the reference's time


class _Counting(OxigraphStore):
    """The embedded store, counting the compactions asked of it."""

    optimized = 0

    def optimize(self) -> None:
        self.optimized += 1
        super().optimize()


@pytest.mark.slow
def test_an_ingest_of_many_new_graphs_ends_by_compacting_the_store(tmp_path: Path) -> None:
    paths = generate(tmp_path / "synthetic", 1, 1, seed=5)[:40]  # more than one batch of new graphs
    store = _Counting(tmp_path / "store")
    outcomes = ingest_files(paths, store, Resolver(load_registry()), Iris(), SourceMetadata(), jobs=2)
    assert [o.status for o in outcomes] == ["loaded"] * 40 and store.optimized == 1
    again = ingest_files(paths[:3], store, Resolver(load_registry()), Iris(), SourceMetadata(), force=True)
    assert [o.status for o in again] == ["replaced"] * 3 and store.optimized == 1  # replacements: no bulk load
    store.close()
