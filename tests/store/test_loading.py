"""Loading into the store: idempotent re-ingest, a changed file replacing exactly its own graph, atomicity."""

from __future__ import annotations

from io import BytesIO
from pathlib import Path

import pytest
from rdflib import Graph, URIRef
from rdflib import Literal as RdfLiteral

from beslutsgraf.ingest.resolve import Resolver
from beslutsgraf.ingest.source import SourceMetadata
from beslutsgraf.ontology import Iris
from beslutsgraf.ontology.registry import load_registry
from beslutsgraf.services.ingesting import Preparation, commit, ensure_vocabulary, ingest_files
from beslutsgraf.services.maintaining import remove_sources, validate_store
from beslutsgraf.store import StoreError
from beslutsgraf.store.oxigraph import OxigraphStore
from tests.conftest import DATA, EXAMPLES, SEED, Ingest

pytestmark = pytest.mark.integration

SEED_GRAPH = URIRef("http://127.0.0.1:8000/graf/exempelkommun/ks/2026-06-03/138")


def dump(store: OxigraphStore) -> list[bytes]:
    out = BytesIO()
    store.export(out, "nquads")
    return sorted(out.getvalue().splitlines())


def test_reingesting_an_unchanged_file_changes_nothing(store: OxigraphStore, ingest: Ingest) -> None:
    (first,) = ingest(SEED)
    assert first.status == "loaded" and first.graph == SEED_GRAPH
    before = dump(store)
    (second,) = ingest(SEED)
    assert second.status == "unchanged"
    assert dump(store) == before


def test_a_new_parser_reads_every_source_again(store: OxigraphStore, ingest: Ingest, monkeypatch) -> None:
    import beslutsgraf.ingest.pipeline as pipeline

    ingest(SEED)
    monkeypatch.setattr(pipeline, "PARSER_VERSION", "9.9.9+changed")
    (again,) = ingest(SEED)
    assert again.status == "replaced"
    assert any(b"/inlasning/9.9.9+changed" in line for line in dump(store))


def test_the_parser_version_follows_its_code() -> None:
    from beslutsgraf.ingest import PARSER_VERSION, _code_digest

    assert PARSER_VERSION.endswith("+" + _code_digest()) and len(_code_digest()) == 12


def test_forced_reingest_gives_the_same_graph_but_for_the_run_time(store: OxigraphStore, ingest: Ingest) -> None:
    ingest(SEED)
    before = [line for line in dump(store) if b"startedAtTime" not in line]
    (again,) = ingest(SEED, force=True)
    assert again.status == "replaced"
    assert [line for line in dump(store) if b"startedAtTime" not in line] == before


def test_a_changed_file_replaces_exactly_its_own_graph(tmp_path: Path, store: OxigraphStore, ingest: Ingest) -> None:
    copy = tmp_path / "ks-138.txt"
    copy.write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    ingest(copy, DATA / "bun-2025-11-11.txt", kommun="Exempelkommun")
    other = URIRef("http://127.0.0.1:8000/graf/exempelkommun/bun/2025-11-11/96")
    other_before = set(store.graph(other))
    changed_text = copy.read_text(encoding="utf-8").replace("från Moderaterna", "från Liberalerna")
    copy.write_text(changed_text, encoding="utf-8")
    (changed,) = ingest(copy, kommun="Exempelkommun")
    assert changed.status == "replaced"
    titles = {
        str(o) for _, _, o in store.graph(SEED_GRAPH).triples((None, URIRef("http://purl.org/dc/terms/title"), None))
    }
    assert "Remissvar från Liberalerna" in titles and "Remissvar från Moderaterna" not in titles
    assert set(store.graph(other)) == other_before
    assert len([g for g in store.graph_names() if "/graf/exempelkommun/" in g]) == 2


def test_a_file_whose_paragraphs_change_drops_its_earlier_graph(
    tmp_path: Path, store: OxigraphStore, ingest: Ingest
) -> None:
    copy = tmp_path / "ks.txt"
    copy.write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    ingest(copy, kommun="Exempelkommun")
    copy.write_text(SEED.read_text(encoding="utf-8").replace("§138", "§139"), encoding="utf-8")
    (outcome,) = ingest(copy, kommun="Exempelkommun")
    assert outcome.replaced == [SEED_GRAPH]
    assert SEED_GRAPH not in store.graph_names()


def test_the_graph_replacement_is_one_transaction(store: OxigraphStore) -> None:
    graph = Graph()
    graph.parse(data='<http://e/s> <http://e/p> "kept" .', format="nt")
    name = URIRef("http://e/g")
    store.replace_graph(name, graph)
    bad = Graph()
    bad.parse(data='<http://e/s> <http://e/p> "new" .', format="nt")
    bad.add((URIRef("http://e/s"), URIRef("http://e/p"), URIRef("http://e/bad iri")))  # not a valid IRI
    with pytest.raises((StoreError, SyntaxError, ValueError)):
        store.replace_graph(name, bad)
    assert {str(o) for _, _, o in store.graph(name)} == {"kept"}


def test_a_store_held_by_another_process_is_reported(tmp_path: Path) -> None:
    import subprocess
    import sys

    path = tmp_path / "held"
    OxigraphStore(path).close()
    program = (
        f"import pyoxigraph, sys; s = pyoxigraph.Store({str(path)!r}); print('held', flush=True); sys.stdin.read()"
    )
    holder = subprocess.Popen([sys.executable, "-c", program], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "held"
        with pytest.raises(StoreError, match="in use by another process"):
            OxigraphStore(path)
    finally:
        holder.communicate("", timeout=30)


DELETIONS = URIRef("http://127.0.0.1:8000/graf/borttaget")
BASE = "http://127.0.0.1:8000/"


def tombstones(store: OxigraphStore) -> dict[str, set[str]]:
    """What the store says was removed: each item with its former types."""
    rows = store.select(
        "PREFIX as: <https://www.w3.org/ns/activitystreams#> "
        "SELECT ?item ?type ?when WHERE { GRAPH ?g { ?item a as:Tombstone ; as:formerType ?type ; as:deleted ?when } }"
    ).rows
    found: dict[str, set[str]] = {}
    for row in rows:
        found.setdefault(str(row["item"]), set()).add(str(row["type"]).rsplit("#", 1)[1])
    return found


def test_what_a_reingest_removes_leaves_a_tombstone_until_it_is_back(
    tmp_path: Path, store: OxigraphStore, ingest: Ingest, iris: Iris
) -> None:
    copy = tmp_path / "ks.txt"
    copy.write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    ingest(copy, kommun="Exempelkommun")
    assert tombstones(store) == {}
    copy.write_text(SEED.read_text(encoding="utf-8").replace("§138", "§139"), encoding="utf-8")
    ingest(copy, kommun="Exempelkommun")
    gone = tombstones(store)
    decision = BASE + "beslut/exempelkommun/ks/2026-06-03/138"
    assert gone[decision] == {"Besluit"}
    assert {BASE + f"dokument/exempelkommun/ks/2026-06-03/138/{n}" for n in (1, 8, 14)} <= set(gone)
    assert set().union(*gone.values()) == {
        "Besluit",
        "Stuk",
        "BehandelingVanAgendapunt",
        "Agendapunt",
        "Motion",
        "SourceFile",
    }
    # what the new graph still holds (the meeting, the body, the case, the cited decision) is not reported gone
    assert not any("/139" in item or "/organ/" in item or "/arende/" in item or "/ksau/" in item for item in gone)

    copy.write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    ingest(copy, kommun="Exempelkommun")
    back = tombstones(store)
    assert decision not in back and BASE + "beslut/exempelkommun/ks/2026-06-03/139" in back
    reports = validate_store(store, iris)
    assert reports[DELETIONS].conforms and all(report.conforms for report in reports.values())


def test_a_resource_another_graph_still_holds_is_not_reported_gone(
    tmp_path: Path, store: OxigraphStore, ingest: Ingest, iris: Iris
) -> None:
    ingest(SEED, DATA / "bun-2025-11-11.txt", kommun="Exempelkommun")
    shared = {
        str(r["item"])
        for r in store.select(
            "SELECT DISTINCT ?item WHERE { GRAPH ?a { ?item a ?type } GRAPH ?b { ?item a ?type } FILTER(?a != ?b) "
            "VALUES ?type { <http://data.vlaanderen.be/ns/besluit#Bestuursorgaan> "
            "<http://data.vlaanderen.be/ns/besluit#Besluit> <http://www.w3.org/ns/person#Person> } }"
        ).rows
    }
    assert shared, "the two files share no listed resource; the test needs one"
    (removed,) = remove_sources(["ks-2026-06-03-138.txt"], store, iris)
    assert removed.graphs == [SEED_GRAPH] and SEED_GRAPH not in store.graph_names()
    gone = tombstones(store)
    assert BASE + "beslut/exempelkommun/ks/2026-06-03/138" in gone
    assert not shared & set(gone)


@pytest.mark.system  # worker processes, started and fed
def test_ingest_in_worker_processes_gives_the_store_one_process_gives(tmp_path: Path, iris: Iris) -> None:
    files = [
        SEED,
        DATA / "bun-2025-11-11.txt",
        DATA / "ks-2025-03-12-full.txt",
        DATA / "sbn-2024-03-12.txt",
        DATA / "goteborg-ks-2024-02-07-102.txt",
        DATA / "no-such-file.txt",
    ]
    resolver = Resolver(load_registry([EXAMPLES / "exempelkommun.toml"]))
    dumps, statuses = [], []
    for jobs in (1, 2):
        store = OxigraphStore(tmp_path / f"store-{jobs}")
        outcomes = ingest_files(files, store, resolver, iris, SourceMetadata(organ="KS", date="2024-02-07"), jobs=jobs)
        statuses.append([(o.path.name, o.status, o.graph, o.triples) for o in outcomes])
        dumps.append([line for line in dump(store) if b"startedAtTime" not in line])
        again = ingest_files(files, store, resolver, iris, SourceMetadata(organ="KS", date="2024-02-07"), jobs=jobs)
        assert [o.status for o in again] == ["unchanged"] * 5 + ["failed"]
        store.close()
    assert statuses[0] == statuses[1]  # the same outcomes, in the order given
    assert [s for _, s, _, _ in statuses[0]] == ["loaded"] * 5 + ["failed"]
    assert dumps[0] == dumps[1]


def test_the_default_graph_is_the_set_of_all_graphs_triples(
    tmp_path: Path, store: OxigraphStore, ingest: Ingest
) -> None:
    ingest(SEED, DATA / "bun-2025-11-11.txt", kommun="Exempelkommun")
    body = "<http://127.0.0.1:8000/organ/exempelkommun/ks>"
    in_graphs = store.select(f"SELECT ?g WHERE {{ GRAPH ?g {{ {body} ?p ?o }} }} GROUP BY ?g").rows
    assert len(in_graphs) >= 2  # the same body is described by both files
    labels = store.select(f"SELECT ?label WHERE {{ {body} <http://www.w3.org/2004/02/skos/core#prefLabel> ?label }}")
    assert len(labels.rows) == 1  # once, as SPARQL's merge of graphs says, not once per graph
    named_before = dump(store)
    remove_sources(["bun-2025-11-11.txt"], store, Iris())
    assert len(store.select(f"SELECT ?p WHERE {{ {body} ?p ?o }}").rows) > 0  # still held by the seed's graph
    whole = store.select("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }").rows[0]["n"]
    union = store.select("SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } } }")
    assert whole == union.rows[0]["n"]  # exactly the merge of what is left
    after = dump(store)
    assert len(after) == len(store) < len(named_before)  # a dump holds the named graphs' quads, not their merge too
    assert all(line.count(b"<http://127.0.0.1:8000/graf/") >= 1 for line in after)


def test_a_store_written_before_the_merged_default_graph_gets_one(tmp_path: Path) -> None:
    import pyoxigraph as ox

    path = tmp_path / "old"
    old = ox.Store(str(path))
    old.update(
        "INSERT DATA { GRAPH <http://e/g1> { <http://e/s> <http://e/p> 1 } "
        "GRAPH <http://e/g2> { <http://e/s> <http://e/p> 1 } }"
    )
    old.flush()
    del old
    count = "SELECT ?o WHERE { ?s ?p ?o }"
    read_only = OxigraphStore(path, read_only=True)
    assert len(read_only.select(count).rows) == 2  # read-only: the union, as before
    read_only.close()
    upgraded = OxigraphStore(path)
    assert len(upgraded.select(count).rows) == 1 and len(upgraded) == 2
    upgraded.close()


def test_a_literal_with_a_form_feed_or_line_separator_is_written_whole(store: OxigraphStore) -> None:
    """PDF text keeps form feeds and Unicode line separators; N-Triples does not escape them all."""
    graph = Graph()
    text = "sida 1\fsida 2\u2028rad\u2029stycke\x85slut"
    graph.add((URIRef("http://e/s"), URIRef("http://e/p"), RdfLiteral(text)))
    store.replace_graph(URIRef("http://e/g"), graph)  # a new graph: the load path
    store.replace_graph(URIRef("http://e/g"), graph)  # an existing one: the update path
    assert [str(o) for _, _, o in store.graph(URIRef("http://e/g"))] == [text]
    assert str(store.select("SELECT ?o WHERE { ?s ?p ?o }").rows[0]["o"]) == text


def test_the_whole_store_validated_in_two_processes_as_in_one(store: OxigraphStore, ingest: Ingest) -> None:
    ingest(SEED, EXAMPLES / "kf-2026-06-17-71.txt", registries=(EXAMPLES / "exempelkommun.toml",))
    alone, shared = validate_store(store, Iris()), validate_store(store, Iris(), jobs=2)
    assert list(alone) == list(shared) and len(alone) == 2
    assert all(alone[name].findings == shared[name].findings for name in alone)
    assert all(report.conforms for report in shared.values())


def test_a_new_graph_that_breaks_part_way_leaves_nothing(store: OxigraphStore) -> None:
    """A graph the store has not held is bulk-loaded: a bad line at its end must not leave the lines before it."""
    good = "".join(f'<http://e/s{i}> <http://e/p> "{i}" .\n' for i in range(50_000))
    before = len(store)
    with pytest.raises(StoreError, match="nothing was changed"):
        store.replace_graph(URIRef("http://e/g"), good + "<http://e/s> <http://e/p> <http://e/bad iri> .\n")
    assert not store.has_graph(URIRef("http://e/g")) and len(store) == before
    assert store.select("SELECT (COUNT(*) AS ?n) WHERE { ?s <http://e/p> ?o }").rows[0]["n"].toPython() == 0


def test_new_graphs_written_together_give_the_store_written_one_by_one(tmp_path: Path, iris: Iris) -> None:
    """The ingest bulk-loads new graphs in batches (`add_graphs`); one graph a write gives the same store, and the
    outcomes come in the order of the files either way, failures included."""
    files = [
        SEED,
        DATA / "bun-2025-11-11.txt",
        DATA / "no-such-file.txt",
        DATA / "ks-2025-03-12-full.txt",
        DATA / "sbn-2024-03-12.txt",
        SEED,
    ]
    resolver = Resolver(load_registry([EXAMPLES / "exempelkommun.toml"]))
    options = SourceMetadata(organ="KS", date="2024-02-07")
    together = OxigraphStore(tmp_path / "together")
    outcomes = ingest_files(files, together, resolver, iris, options)
    alone = OxigraphStore(tmp_path / "alone")
    ensure_vocabulary(alone, iris)
    prepare = Preparation(resolver, iris, options, frozenset())
    one_by_one = [commit(prepare(path), alone, iris) for path in files]
    assert [(o.path, o.status, o.graph) for o in outcomes] == [(o.path, o.status, o.graph) for o in one_by_one]
    assert [o.status for o in outcomes] == ["loaded", "loaded", "failed", "loaded", "loaded", "replaced"]
    assert [x for x in dump(together) if b"startedAtTime" not in x] == [
        x for x in dump(alone) if b"startedAtTime" not in x
    ]


def test_graphs_added_together_are_written_all_or_none(store: OxigraphStore) -> None:
    good = '<http://e/s> <http://e/p> "kept" .\n'
    bad = "<http://e/s> <http://e/p> <http://e/bad iri> .\n"
    with pytest.raises(StoreError, match="nothing was changed"):
        store.add_graphs([(URIRef("http://e/g1"), good), (URIRef("http://e/g2"), bad)])
    assert not store.has_graph(URIRef("http://e/g1")) and len(store) == 0
    store.add_graphs([(URIRef("http://e/g1"), good), (URIRef("http://e/g2"), good.replace("kept", "also"))])
    assert {str(o) for _, _, o in store.graph(URIRef("http://e/g2"))} == {"also"} and len(store) == 2


def test_after_a_removal_new_graphs_clear_exactly_the_tombstones_they_bring_back(
    tmp_path: Path, store: OxigraphStore, ingest: Ingest, iris: Iris
) -> None:
    """A new graph is bulk-loaded unless one of its subjects has a tombstone; then its update clears that too."""
    first = tmp_path / "a.txt"
    first.write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    ingest(first, kommun="Exempelkommun")
    remove_sources([first.name], store, iris)
    decision = BASE + "beslut/exempelkommun/ks/2026-06-03/138"
    assert decision in tombstones(store)
    ingest(DATA / "bun-2025-11-11.txt", kommun="Exempelkommun")  # unrelated: its graph goes in by bulk load
    assert decision in tombstones(store)
    again = tmp_path / "b.txt"  # the same § under another file name: a new graph that brings the decision back
    again.write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    ingest(again, kommun="Exempelkommun")
    assert decision not in tombstones(store)
    assert all(report.conforms for report in validate_store(store, iris).values())
