"""Shared fixtures: the registry, a resolver, stores on disk, and a helper that ingests files into one; and the
tiers every test belongs to.

A test module says its tier (`pytestmark = pytest.mark.unit`, `integration` or `system`); a test may say its own,
which wins. A test that needs what lies outside this process's reach (the corpus beside the repository, a SPARQL
server) is a system test whatever its module says. `--tiers unit,integration` selects by tier (`make test-fast`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from rdflib import Graph

from beslutsgraf.ingest.mapping import IngestRun, to_graph
from beslutsgraf.ingest.protocol import parse_protocol
from beslutsgraf.ingest.resolve import Resolver
from beslutsgraf.ingest.source import SourceMetadata, read_source
from beslutsgraf.ontology import Iris
from beslutsgraf.ontology.registry import Registry, load_registry
from beslutsgraf.services.ingesting import FileOutcome, ingest_files
from beslutsgraf.store.oxigraph import OxigraphStore
from beslutsgraf.testing.servers import ServerMissing, running_oxigraph, running_virtuoso

TIERS = ("unit", "integration", "system")
# unit: no store; integration: a store in this process, the API through its test client; system: the command line
# as a program, servers, the browser, the corpus, faults
SYSTEM_FIXTURES = frozenset({"corpus", "oxigraph_server", "virtuoso_server"})

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
    """A real SPARQL server, Oxigraph's, on a free loopback port: its base URL."""
    with running_oxigraph(tmp_path_factory.mktemp("oxigraph-server")) as url:
        yield url


@pytest.fixture(scope="session")
def virtuoso_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Virtuoso's SPARQL endpoint, skipped where Virtuoso is not installed."""
    try:
        with running_virtuoso(tmp_path_factory.mktemp("virtuoso")) as url:
            yield url
    except ServerMissing as missing:
        pytest.skip(str(missing))


def graph_of(path: Path, resolver: Resolver, **options: str) -> Graph:
    """A file's graph, mapped but neither validated nor stored: what the shape and mapping tests look at."""
    source = read_source(path)
    protocol = parse_protocol(source, SourceMetadata(**options), resolver)
    return to_graph(protocol, source, resolver.registry, Iris(), IngestRun("test", datetime(2026, 11, 27, tzinfo=UTC)))


@pytest.fixture(scope="module")
def seed_graph(resolver: Resolver) -> Graph:
    return graph_of(SEED, resolver, kommun="Exempelkommun")


@pytest.fixture(scope="module")
def vote_graph(resolver: Resolver) -> Graph:
    """A Göteborg § with a named roll call, protocol notes and reservations."""
    return graph_of(DATA / "goteborg-ks-2024-02-07-102.txt", resolver, organ="KS", date="2024-02-07")


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--tiers", default=",".join(TIERS), help=f"run only these tiers, comma-separated: {TIERS}")


def tier_of(item: pytest.Item) -> str:
    if SYSTEM_FIXTURES & set(getattr(item, "fixturenames", ())):
        return "system"
    for marker in item.iter_markers():  # the nearest first: a test's own, then its class's, then its module's
        if marker.name in TIERS:
            return marker.name
    raise pytest.UsageError(
        f"{item.nodeid} has no tier: give its module pytestmark = pytest.mark.unit (or integration, or system)"
    )


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    wanted = set(str(config.getoption("tiers")).split(","))
    if unknown := wanted - set(TIERS):
        raise pytest.UsageError(f"--tiers: no tier {', '.join(sorted(unknown))}; the tiers are {', '.join(TIERS)}")
    kept = [item for item in items if tier_of(item) in wanted]
    if len(kept) < len(items):
        config.hook.pytest_deselected(items=[item for item in items if item not in kept])
        items[:] = kept
