"""SPARQL servers started for a while, in a folder of their own on free loopback ports: Oxigraph's (the `oxigraph`
package) and Virtuoso (Debian's virtuoso-opensource, which `make system-deps` installs). For the tests that check the
store on a server, and for `bench.stores`."""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx
import uvicorn

from beslutsgraf.ontology import MERGED_GRAPH
from beslutsgraf.store.dialects import STANDARD
from beslutsgraf.store.server import ServerStore


class ServerMissing(RuntimeError):
    """The server's program is not installed here."""


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
        if server.poll() is not None:
            raise RuntimeError(server.stderr.read().decode() if server.stderr else f"{name} stopped")
        if time.monotonic() > deadline:
            raise RuntimeError(f"{name} did not answer within 60 s")
        time.sleep(0.1)


@contextmanager
def running_oxigraph(folder: Path, port: int | None = None) -> Iterator[str]:
    """Oxigraph's server with its store in `folder`, on `port` (else a free one): its base URL."""
    binary = Path(sys.executable).parent / "oxigraph"
    if not binary.exists():
        raise ServerMissing("the oxigraph server is a dev dependency: make setup installs it")
    port = port or free_port()
    command = [str(binary), "serve", "--location", str(folder), "--bind", f"127.0.0.1:{port}"]
    server = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    url = f"http://127.0.0.1:{port}"
    try:
        wait_for(server, f"{url}/query", "the oxigraph server")
        yield url
    finally:
        server.terminate()
        server.wait(timeout=10)


# Virtuoso with its files in a folder of its own, on free ports; answers cut at `max_rows` rows, and updates
# let in from the SPARQL endpoint (granted below), as a deployment that beslutsgraf writes to needs.
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
ResultSetMaxRows = {max_rows}
MaxQueryExecutionTime = 0
MaxQueryCostEstimationTime = 0
"""


@contextmanager
def running_virtuoso(folder: Path, *, max_rows: int = 100_000_000) -> Iterator[str]:
    """Virtuoso (Debian's virtuoso-opensource, which `make system-deps` installs) with its files in `folder`, on
    free ports, answers cut at `max_rows` (its ResultSetMaxRows): its SPARQL endpoint's URL."""
    binary, isql = shutil.which("virtuoso-t"), shutil.which("isql-vt")
    if not binary or not isql:
        raise ServerMissing("Virtuoso is not installed (make system-deps installs virtuoso-opensource)")
    sql_port, http_port = free_port(), free_port()
    ini = folder / "virtuoso.ini"
    ini.write_text(
        VIRTUOSO_INI.format(folder=folder, sql_port=sql_port, http_port=http_port, max_rows=max_rows), encoding="utf-8"
    )
    server = subprocess.Popen(
        [binary, "-c", str(ini), "+foreground"], cwd=folder, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    url = f"http://127.0.0.1:{http_port}/sparql"
    try:
        wait_for(server, url, "Virtuoso")
        grant = subprocess.run(
            [isql, str(sql_port), "dba", "dba", 'exec=GRANT SPARQL_UPDATE TO "SPARQL";'],
            check=False,
            capture_output=True,
            text=True,
            timeout=60,
        )
        if grant.returncode != 0:
            raise RuntimeError(f"Virtuoso refused to let SPARQL updates in: {grant.stdout}{grant.stderr}")
        yield url
    finally:
        server.terminate()
        server.wait(timeout=30)


def emptied(store: ServerStore) -> ServerStore:
    """The store on a server, emptied of what beslutsgraf wrote there (the server's own graphs kept)."""
    drops = [f"DROP SILENT GRAPH <{g}>" for g in (*store.graph_names(), MERGED_GRAPH)]
    if store.dialect is STANDARD:
        drops.append("DROP SILENT DEFAULT")
    httpx.post(store.endpoints.update, data={"update": " ;\n".join(drops)}, timeout=600).raise_for_status()
    return store


@contextmanager
def serving(app: Any) -> Iterator[str]:
    """An ASGI app (the API) on a real server on a free loopback port, in a thread of this process: its base URL."""
    running = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=0, log_level="warning"))
    thread = threading.Thread(target=running.run, daemon=True)
    thread.start()
    for _ in range(200):
        if running.started:
            break
        time.sleep(0.05)
    port = running.servers[0].sockets[0].getsockname()[1]
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        running.should_exit = True
        thread.join(timeout=10)
