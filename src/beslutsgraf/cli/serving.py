"""Commands that hand the graph on: `serve` (the API) and `export`."""

from __future__ import annotations

import dataclasses
import sys
from pathlib import Path
from typing import Annotated

import typer

from beslutsgraf.cli.app import StoreOption, command, console, fail
from beslutsgraf.ontology.registry import load_registry
from beslutsgraf.services import Services, Workspace
from beslutsgraf.settings import Settings
from beslutsgraf.store import EXPORT_FORMATS


@command()
def serve(
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    query_timeout: Annotated[float, typer.Option(help="Seconds a /sparql answer may take before 503.")] = 30.0,
    max_answer_mb: Annotated[int, typer.Option(help="Largest /sparql answer, in MiB, before 422.")] = 100,
    query_workers: Annotated[int, typer.Option(min=1, help="/sparql queries answered at once, each in a process.")] = 2,
    query_memory_mb: Annotated[
        int,
        typer.Option(min=256, help="Memory a /sparql query's process may take, in MiB, before it is stopped (503)."),
    ] = 2048,
    store: StoreOption = None,
) -> None:
    """Serve the graph as linked data: /sparql, every minted IRI, /queries, /docs."""
    import uvicorn

    from beslutsgraf.api import create_app

    settings = dataclasses.replace(
        Settings.load(store=store),
        query_timeout_seconds=query_timeout,
        max_answer_bytes=max_answer_mb * 1024 * 1024,
        query_workers=query_workers,
        query_memory_bytes=query_memory_mb * 1024 * 1024,
    )
    if not Workspace.of(settings).exists():
        raise fail(f"no store at {settings.store_path} (ingest something first)")
    load_registry(settings.registry_files)  # an error in a registry is said before the server starts
    console.print(
        f"serving {settings.store_name} at http://{host}:{port}/ (IRIs under {settings.base_iri})"
        + ("; uploads enabled" if settings.ingest_token else ""),
        highlight=False,
    )
    uvicorn.run(create_app(settings), host=host, port=port, log_level="info")


@command()
def export(
    format: Annotated[str, typer.Option("--format", "-f", help=", ".join(EXPORT_FORMATS))] = "nquads",
    output_file: Annotated[Path | None, typer.Option("--output", "-o", help="File to write (default: stdout).")] = None,
    store: StoreOption = None,
) -> None:
    """Write the whole graph out: N-Quads, TriG, Turtle or N-Triples (union of graphs), or JSON-LD."""
    if format not in EXPORT_FORMATS:
        raise fail(f"--format must be one of {', '.join(EXPORT_FORMATS)}")
    with Services.opened(Settings.load(store=store), read_only=True) as services:
        if output_file is None:
            services.store.export(sys.stdout.buffer, format)
            sys.stdout.buffer.flush()
        else:
            with output_file.open("wb") as handle:
                services.store.export(handle, format)
            console.print(f"wrote {output_file} ({output_file.stat().st_size:,} bytes)", highlight=False)
