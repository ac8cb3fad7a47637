"""The one set of settings, read once from the environment and the command line, then passed down as arguments:
where the store is, the base of the IRIs, the registries, and the limits a server keeps."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from beslutsgraf.ontology import DEFAULT_BASE

STORE_VARIABLE = "BESLUTSGRAF_STORE"
BASE_VARIABLE = "BESLUTSGRAF_BASE"
REGISTRY_VARIABLE = "BESLUTSGRAF_REGISTRY"
TOKEN_VARIABLE = "BESLUTSGRAF_INGEST_TOKEN"  # noqa: S105 the variable's name, not a token
SERVER_VARIABLE = "BESLUTSGRAF_STORE_SERVER"
ALLOW_SERVICE_VARIABLE = "BESLUTSGRAF_ALLOW_SERVICE"


def default_store_path(environ: Mapping[str, str]) -> Path:
    data_home = environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(data_home) / "beslutsgraf" / "store"


@dataclass(frozen=True)
class Settings:
    # None: no store of its own (an API whose store a test swaps in through `api.dependencies.get_store`)
    store_path: Path | None
    base_iri: str = DEFAULT_BASE
    registry_files: tuple[Path, ...] = ()
    ingest_token: str | None = None  # enables POST /ingest on the API
    # A SPARQL server holding the graph (store.server.ServerEndpoints.parse); the store directory then holds only
    # the search index.
    store_server: str | None = None
    allow_service: bool = False  # /sparql lets SERVICE call out to other servers
    # What a server (the API) keeps to: `serve`'s options, the defaults here
    cors_origins: tuple[str, ...] = field(default=("*",))
    max_upload_bytes: int = 50 * 1024 * 1024
    dump_dir: Path | None = None  # where the whole-graph dump is written at start (default: a temporary folder)
    query_timeout_seconds: float = 30.0  # a /sparql or /queries answer not ready by then is answered 503
    max_answer_bytes: int = 100 * 1024 * 1024  # a /sparql answer larger than this is refused with 422
    query_workers: int = 2  # /sparql answers computed at once, each in a process of its own (store.workers)
    query_memory_bytes: int = 2 * 1024**3  # the address space a /sparql worker may take before it is stopped

    @classmethod
    def load(
        cls, *, store: Path | None = None, registries: tuple[Path, ...] = (), environ: Mapping[str, str] = os.environ
    ) -> Settings:
        """Command-line values win over the environment, which wins over the defaults."""
        store_path = store or (Path(environ[STORE_VARIABLE]) if environ.get(STORE_VARIABLE) else None)
        from_env = tuple(Path(p) for p in environ.get(REGISTRY_VARIABLE, "").split(os.pathsep) if p)
        base = environ.get(BASE_VARIABLE) or DEFAULT_BASE
        return cls(
            store_path=store_path or default_store_path(environ),
            base_iri=base if base.endswith("/") else base + "/",
            registry_files=from_env + tuple(registries),
            ingest_token=environ.get(TOKEN_VARIABLE) or None,
            store_server=environ.get(SERVER_VARIABLE) or None,
            allow_service=environ.get(ALLOW_SERVICE_VARIABLE, "").lower() in ("1", "true", "yes"),
        )

    @property
    def store_name(self) -> str:
        """Where the graph is, as a user would say it."""
        return self.store_server or str(self.store_path)
