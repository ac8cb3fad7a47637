"""Shared fixtures: the registry, a resolver, stores on disk, and a helper that ingests files into one."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import httpx
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


@pytest.fixture(scope="session")
def oxigraph_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A real SPARQL server, Oxigraph's (the `oxigraph` package), on a free loopback port: its base URL."""
    binary = Path(sys.executable).parent / "oxigraph"
    assert binary.exists(), "the oxigraph server is a dev dependency: make setup installs it"
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    location = tmp_path_factory.mktemp("oxigraph-server")
    command = [str(binary), "serve", "--location", str(location), "--bind", f"127.0.0.1:{port}"]
    server = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                if httpx.get(f"{url}/query", params={"query": "ASK {}"}, timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            assert server.poll() is None, server.stderr.read().decode() if server.stderr else "the server stopped"
            assert time.monotonic() < deadline, "the oxigraph server did not answer within 30 s"
            time.sleep(0.1)
        yield url
    finally:
        server.terminate()
        server.wait(timeout=10)
