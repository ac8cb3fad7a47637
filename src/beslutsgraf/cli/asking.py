"""Commands that ask the store: `query`, `queries`, `links`, `trail`, `search`."""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape
from rich.table import Table

from beslutsgraf.cli import output
from beslutsgraf.cli.app import StoreOption, command, console, fail, widen
from beslutsgraf.ontology import slug
from beslutsgraf.queries import catalogue
from beslutsgraf.queries import get as get_query
from beslutsgraf.queries.trail import timeline
from beslutsgraf.services import Services, Workspace
from beslutsgraf.services.publishing import write_trail
from beslutsgraf.settings import Settings
from beslutsgraf.store import Solutions


def _parse_params(params: list[str]) -> dict[str, str]:
    given = {}
    for item in params:
        key, sep, value = item.partition("=")
        if not sep or not key.strip():
            raise fail(f"--param takes key=value, not {item!r}")
        given[key.strip()] = value.strip()
    return given


@command()
def query(
    name: Annotated[str, typer.Argument(help="A named question (see `beslutsgraf queries`).")],
    param: Annotated[list[str] | None, typer.Option("--param", "-p", help="key=value; repeatable.")] = None,
    format: Annotated[str, typer.Option("--format", "-f", help="table, json or csv.")] = "table",
    store: StoreOption = None,
) -> None:
    """Run a named question from queries/."""
    if format not in output.FORMATS:
        raise fail(f"--format must be one of {', '.join(output.FORMATS)}")
    given = _parse_params(param or [])
    with Services.opened(Settings.load(store=store), read_only=True) as services:
        named = get_query(name)
        columns, rows = services.answer(named, given)
    solutions = Solutions(columns, rows)
    if format == "json":
        sys.stdout.write(output.to_json(solutions) + "\n")
    elif format == "csv":
        sys.stdout.write(output.to_csv(solutions))
    else:
        widen()
        console.print(output.to_table(solutions, title=named.title))


@command("queries")
def list_queries() -> None:
    """List the named questions with their parameters and columns."""
    for named in catalogue().values():
        console.print(f"[bold]{named.name}[/bold]: {named.title}", highlight=False)
        for p in named.parameters:
            need = "one of" if p.name in named.one_of else ("optional" if p.optional else "required")
            console.print(f"    --param {p.name}=…  ({need}) {p.description}", highlight=False)
        console.print(f"    columns: {', '.join(named.columns)}", highlight=False)


@command()
def links(store: StoreOption = None, verbose: Annotated[bool, typer.Option("--verbose", "-v")] = False) -> None:
    """Count the cited decisions that land on their own § and those left dangling."""
    with Services.opened(Settings.load(store=store), read_only=True) as services:
        _, rows = services.answer(get_query("citation-links"), {})
    counts = Counter(str(row["status"]) for row in rows)
    citations: Counter[str] = Counter()
    for row in rows:
        citations[str(row["status"])] += int(row["citingCount"])
    for status, meaning in (
        ("linked", "land on their own § in the store"),
        ("missing", "name a § their meeting's protocol does not have"),
        ("dangling", "name a meeting that is not in the store"),
    ):
        console.print(f"{counts[status]:>6} cited decisions ({citations[status]} citations) {meaning}", highlight=False)
    if verbose:
        for row in rows:
            if str(row["status"]) != "linked":
                console.print(f"    {row['status']}: {row['citation']} ({row['citingCount']} citing)", highlight=False)


@command()
def trail(
    case: Annotated[str, typer.Argument(help="A case number as printed (KS 2025/164) or the case's IRI.")],
    output_dir: Annotated[Path, typer.Option("--output-dir", "-o", help="Where the SVG and GraphML go.")] = Path("."),
    store: StoreOption = None,
) -> None:
    """A case's history across bodies as a timeline, and as a picture (SVG) and a graph (GraphML)."""
    with Services.opened(Settings.load(store=store), read_only=True) as services:
        graph = services.trail(case)
    table = Table(title=f"{case}: {graph.number_of_nodes()} decisions")
    for column in ("date", "citation", "body", "outcome", "title"):
        table.add_column(column, overflow="fold")
    for step in timeline(graph):
        table.add_row(step["date"], step["citation"], step["body"], step["outcome"], step["title"])
    widen()
    console.print(table)
    output_dir.mkdir(parents=True, exist_ok=True)
    svg, graphml = write_trail(graph, case, output_dir / f"trail-{slug(case)}")
    console.print(f"wrote {svg} and {graphml}", highlight=False)


@command("search")
def searchcommand(
    words: Annotated[list[str], typer.Argument(help="Words to find; each is a prefix (remiss finds remissvar).")],
    limit: Annotated[int, typer.Option(help="At most this many hits.")] = 20,
    store: StoreOption = None,
) -> None:
    """Full-text search over titles, decision texts and basis documents."""
    hits = Workspace.of(Settings.load(store=store)).open_search().search(" ".join(words), limit=limit)
    for hit in hits:
        console.print(
            f"{hit.day or '':<10}  {hit.kind:<9}  {escape(hit.title)}\n{'':>23}{escape(hit.snippet)}\n"
            f"{'':>23}{hit.iri}",
            highlight=False,
        )
    console.print(f"{len(hits)} hit(s)", highlight=False)
