"""Shared fixtures: the registry, a resolver, stores on disk, and a helper that ingests files into one."""

from __future__ import annotations

import shutil
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


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for(server: subprocess.Popen, url: str, name: str) -> None:
    """Until `url` answers a SPARQL question, or fail saying why (the server stopped, or 60 s went by)."""
    deadline = time.monotonic() + 60
    while True:
        try:
            if httpx.get(url, params={"query": "SELECT * WHERE {} LIMIT 1"}, timeout=1).status_code == 200:
                return
        except httpx.TransportError:
            pass
        assert server.poll() is None, server.stderr.read().decode() if server.stderr else f"{name} stopped"
        assert time.monotonic() < deadline, f"{name} did not answer within 60 s"
        time.sleep(0.1)


@pytest.fixture(scope="session")
def oxigraph_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A real SPARQL server, Oxigraph's (the `oxigraph` package), on a free loopback port: its base URL."""
    binary = Path(sys.executable).parent / "oxigraph"
    assert binary.exists(), "the oxigraph server is a dev dependency: make setup installs it"
    port = free_port()
    location = tmp_path_factory.mktemp("oxigraph-server")
    command = [str(binary), "serve", "--location", str(location), "--bind", f"127.0.0.1:{port}"]
    server = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    url = f"http://127.0.0.1:{port}"
    try:
        wait_for(server, f"{url}/query", "the oxigraph server")
        yield url
    finally:
        server.terminate()
        server.wait(timeout=10)


# Virtuoso with its files in a folder of the test's, on free ports; answers uncut (ResultSetMaxRows), and
# updates let in from the SPARQL endpoint (granted below), as a deployment that beslutsgraf writes to needs.
VIRTUOSO_INI = """[Database]
DatabaseFile = {folder}/virtuoso.db
ErrorLogFile = {folder}/virtuoso.log
LockFile = {folder}/virtuoso.lck
TransactionFile = {folder}/virtuoso.trx
xa_persistent_file = {folder}/virtuoso.pxa
[TempDatabase]
DatabaseFile = {folder}/virtuoso-temp.db
TransactionFile = {folder}/virtuoso-temp.trx
[Parameters]
ServerPort = {sql_port}
DisableUnixSocket = 1
NumberOfBuffers = 100000
MaxDirtyBuffers = 60000
DirsAllowed = .
[HTTPServer]
ServerPort = {http_port}
ServerRoot = {folder}
ServerThreads = 10
Charset = UTF-8
[SPARQL]
ResultSetMaxRows = 100000000
MaxQueryExecutionTime = 0
MaxQueryCostEstimationTime = 0
"""


@pytest.fixture(scope="session")
def virtuoso_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Virtuoso (Debian's virtuoso-opensource, which `make system-deps` installs): its SPARQL endpoint's URL."""
    binary, isql = shutil.which("virtuoso-t"), shutil.which("isql-vt")
    if not binary or not isql:
        pytest.skip("Virtuoso is not installed (make system-deps installs virtuoso-opensource)")
    folder = tmp_path_factory.mktemp("virtuoso")
    sql_port, http_port = free_port(), free_port()
    ini = folder / "virtuoso.ini"
    ini.write_text(VIRTUOSO_INI.format(folder=folder, sql_port=sql_port, http_port=http_port), encoding="utf-8")
    server = subprocess.Popen([binary, "-c", str(ini), "+foreground"], cwd=folder, stdout=subprocess.DEVNULL,
                              stderr=subprocess.PIPE)  # fmt: skip
    url = f"http://127.0.0.1:{http_port}/sparql"
    try:
        wait_for(server, url, "Virtuoso")
        grant = subprocess.run([isql, str(sql_port), "dba", "dba", 'exec=GRANT SPARQL_UPDATE TO "SPARQL";'],
                               capture_output=True, text=True, timeout=60)  # fmt: skip
        assert grant.returncode == 0, grant.stdout + grant.stderr
        yield url
    finally:
        server.terminate()
        server.wait(timeout=30)
