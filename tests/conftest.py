"""Shared fixtures: the registry, a resolver, stores on disk, and a helper that ingests files into one."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from beslutsgraf.loading import FileOutcome, ingest_files
from ingest.resolve import Resolver
from ingest.source import SourceMetadata
from ontology import Iris
from ontology.registry import Registry, load_registry
from store.oxigraph import OxigraphStore

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "data"
EXAMPLES = ROOT / "examples"
SEED = EXAMPLES / "ks-2026-06-03-138.txt"
SHARED = ROOT.parent / "shared"
CORPUS = SHARED / "corpus"


@pytest.fixture(scope="session")
def registry() -> Registry:
    return load_registry()


@pytest.fixture(scope="session")
def resolver(registry: Registry) -> Resolver:
    return Resolver(registry)


@pytest.fixture(scope="session")
def iris() -> Iris:
    return Iris()


@pytest.fixture
def store(tmp_path: Path) -> OxigraphStore:
    graph_store = OxigraphStore(tmp_path / "store")
    yield graph_store
    graph_store.close()


Ingest = Callable[..., list[FileOutcome]]


@pytest.fixture
def ingest(store: OxigraphStore, iris: Iris) -> Ingest:
    """ingest(path, ..., kommun=..., organ=..., date=..., registries=[...], force=False) into `store`."""

    def run(*paths: Path, registries: tuple[Path, ...] = (), force: bool = False, **options: str) -> list[FileOutcome]:
        resolver = Resolver(load_registry(registries))
        return ingest_files(paths, store, resolver, iris, SourceMetadata(**options), force=force)

    return run


@pytest.fixture(scope="session")
def corpus() -> Path:
    if not CORPUS.exists():
        pytest.skip(f"the shared corpus is not at {CORPUS}")
    return CORPUS
