"""Which source a file is: a file is known by its bytes and the path it was read from, never by its name alone.

Extracts of one meeting are often all published as protokollsutdrag.pdf, and downloads of many meetings are
often all protokoll.txt; neither may take another's place, and `remove` takes out exactly what it is given.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import URIRef

from beslutsgraf.ingest.resolve import Resolver
from beslutsgraf.ingest.source import SourceMetadata
from beslutsgraf.ontology import Iris
from beslutsgraf.ontology.registry import load_registry
from beslutsgraf.services.ingesting import ingest_files
from beslutsgraf.services.maintaining import remove_sources
from beslutsgraf.store.oxigraph import OxigraphStore
from tests.conftest import SEED, Ingest

pytestmark = pytest.mark.integration

GRAPH = "http://127.0.0.1:8000/graf/exempelkommun/ks/2026-06-03/"
EXTRACT = "protokollsutdrag.txt"


def extract(folder: Path, number: int, case: str = "KS 2025/164") -> Path:
    """The seed's § 138 as another § of the same meeting, in a file of the common name."""
    text = SEED.read_text(encoding="utf-8").replace("§138", f"§{number}").replace("(KS 2025/164)", f"({case})")
    folder.mkdir(parents=True, exist_ok=True)
    (folder / EXTRACT).write_text(text, encoding="utf-8")
    return folder / EXTRACT


def graphs(store: OxigraphStore) -> set[str]:
    return {str(g) for g in store.graph_names() if "/graf/exempelkommun/" in str(g)}


def test_extracts_of_one_meeting_sharing_a_name_are_two_sources(
    tmp_path: Path, store: OxigraphStore, ingest: Ingest
) -> None:
    a, b = extract(tmp_path / "a", 138), extract(tmp_path / "b", 139, "KS 2025/200")
    outcomes = ingest(a, b, kommun="Exempelkommun")
    assert [o.status for o in outcomes] == ["loaded", "loaded"]
    assert all(o.superseded_by is None and not o.replaced for o in outcomes)
    assert graphs(store) == {GRAPH + "138", GRAPH + "139"}
    # in two runs as well, and the second says nothing of the first
    store.replace_graph(URIRef(GRAPH + "139"), "")
    (again,) = ingest(b, kommun="Exempelkommun")
    assert again.status == "loaded" and not again.replaced and not again.overlaps
    assert graphs(store) == {GRAPH + "138", GRAPH + "139"}


def test_a_file_read_again_from_its_path_replaces_its_earlier_version(
    tmp_path: Path, store: OxigraphStore, ingest: Ingest
) -> None:
    a, b = extract(tmp_path / "a", 138), extract(tmp_path / "b", 139, "KS 2025/200")
    ingest(a, b, kommun="Exempelkommun")
    extract(tmp_path / "a", 140, "KS 2025/300")  # the municipality corrected the number of a's §
    (outcome,) = ingest(a, kommun="Exempelkommun")
    assert outcome.status == "replaced" and outcome.replaced == [URIRef(GRAPH + "138")]
    assert graphs(store) == {GRAPH + "139", GRAPH + "140"}


def test_a_file_of_the_same_name_elsewhere_replaces_only_what_it_says_again(
    tmp_path: Path, store: OxigraphStore, ingest: Ingest
) -> None:
    """A re-download to another folder is the same source where it loses nothing of the earlier one."""
    ingest(extract(tmp_path / "first-download", 138), kommun="Exempelkommun")
    (outcome,) = ingest(extract(tmp_path / "second-download", 138), kommun="Exempelkommun", force=True)
    assert outcome.status == "replaced" and graphs(store) == {GRAPH + "138"}


def test_an_upload_of_another_paragraph_under_a_used_name_takes_nothing_away(
    store: OxigraphStore, iris: Iris, tmp_path: Path
) -> None:
    resolver = Resolver(load_registry())
    options = SourceMetadata(kommun="Exempelkommun")
    ingest_files([SEED], store, resolver, iris, options)
    upload = tmp_path / "upload" / SEED.name  # an upload keeps the client's name, in a folder of the server's
    upload.parent.mkdir()
    upload.write_text(extract(tmp_path / "text", 139, "KS 2025/200").read_text(encoding="utf-8"), encoding="utf-8")
    (outcome,) = ingest_files([upload], store, resolver, iris, options, by_path=False)
    assert outcome.status == "loaded" and not outcome.replaced
    assert graphs(store) == {GRAPH + "138", GRAPH + "139"}


def test_sources_that_share_paragraphs_are_both_kept_and_said(
    tmp_path: Path, store: OxigraphStore, ingest: Ingest
) -> None:
    ingest(SEED, kommun="Exempelkommun")
    both = tmp_path / "138-139.txt"
    text = SEED.read_text(encoding="utf-8")
    both.write_text(text + "\n" + text.replace("§138", "§139").replace("(KS 2025/164)", "(KS 2025/200)"), "utf-8")
    (outcome,) = ingest(both, kommun="Exempelkommun")
    assert outcome.status == "loaded"
    assert outcome.overlaps == [(URIRef(GRAPH + "138"), SEED.name, [138])]
    assert graphs(store) == {GRAPH + "138", GRAPH + "138-139"}


def test_a_later_file_of_a_run_taking_an_earlier_ones_place_is_said(
    tmp_path: Path, store: OxigraphStore, ingest: Ingest
) -> None:
    first, second = extract(tmp_path / "x", 138), tmp_path / "y.txt"
    second.write_text(first.read_text(encoding="utf-8").replace("gott samspel", "mycket gott samspel"), "utf-8")
    outcomes = ingest(first, second, kommun="Exempelkommun")
    assert outcomes[0].superseded_by == second and outcomes[1].superseded_by is None
    assert graphs(store) == {GRAPH + "138"}


@pytest.fixture
def two_extracts(tmp_path: Path, store: OxigraphStore, ingest: Ingest) -> tuple[Path, Path]:
    a, b = extract(tmp_path / "a", 138), extract(tmp_path / "b", 139, "KS 2025/200")
    ingest(a, b, kommun="Exempelkommun")
    return a, b


def test_remove_by_path_takes_out_that_file_only(
    two_extracts: tuple[Path, Path], store: OxigraphStore, iris: Iris
) -> None:
    a, _ = two_extracts
    (removal,) = remove_sources([str(a)], store, iris)
    assert removal.removed and removal.graphs == [URIRef(GRAPH + "138")]
    assert graphs(store) == {GRAPH + "139"}


def test_remove_knows_a_file_by_its_path_after_it_is_gone(
    two_extracts: tuple[Path, Path], store: OxigraphStore, iris: Iris
) -> None:
    _, b = two_extracts
    b.unlink()
    (removal,) = remove_sources([str(b)], store, iris)
    assert removal.removed and removal.graphs == [URIRef(GRAPH + "139")]


def test_remove_by_a_name_many_sources_bear_removes_nothing_and_lists_them(
    two_extracts: tuple[Path, Path], store: OxigraphStore, iris: Iris
) -> None:
    removals = remove_sources([EXTRACT, GRAPH + "139"], store, iris)
    assert not any(r.removed for r in removals)
    assert [str(graph) for graph, _ in removals[0].candidates] == [GRAPH + "138", GRAPH + "139"]
    assert all(meeting.endswith("/sammantrade/exempelkommun/ks/2026-06-03") for _, meeting in removals[0].candidates)
    assert graphs(store) == {GRAPH + "138", GRAPH + "139"}  # the exact one was not removed either


def test_remove_by_the_graph_iri_or_a_unique_name(
    two_extracts: tuple[Path, Path], store: OxigraphStore, ingest: Ingest, iris: Iris
) -> None:
    ingest(SEED, kommun="Exempelkommun", force=True)  # the seed: § 138 again, under a name no other file bears
    assert remove_sources([GRAPH + "139"], store, iris)[0].removed
    (by_name,) = remove_sources([SEED.name], store, iris)
    assert by_name.removed and by_name.graphs == [URIRef(GRAPH + "138")]
    assert graphs(store) == set()
