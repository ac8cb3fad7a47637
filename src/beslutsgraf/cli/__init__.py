"""The command line: `beslutsgraf ingest | remove | reindex | validate | query | queries | links | trail | search |
serve | export`. Each command reads the settings, opens the store through `services.Services`, calls one use case
and shows what it returned; every error said in words (`errors.BeslutsgrafError`) ends the command with exit code 1.
"""

from __future__ import annotations

import dataclasses
import functools
import sys
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, ParamSpec, TypeVar

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from beslutsgraf.cli import output
from beslutsgraf.errors import BeslutsgrafError
from beslutsgraf.ingest.resolve import Resolver
from beslutsgraf.ingest.source import SourceMetadata
from beslutsgraf.ontology import slug
from beslutsgraf.ontology.registry import load_registry
from beslutsgraf.parallel import default_jobs
from beslutsgraf.queries import catalogue
from beslutsgraf.queries import get as get_query
from beslutsgraf.queries.trail import timeline
from beslutsgraf.services import FileOutcome, Services, Workspace
from beslutsgraf.services.publishing import write_trail
from beslutsgraf.settings import STORE_VARIABLE, Settings
from beslutsgraf.store import EXPORT_FORMATS, Solutions

P = ParamSpec("P")
R = TypeVar("R")

app = typer.Typer(
    help="beslutsgraf: Swedish municipal minutes as a validated, queryable linked-data graph.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
console = Console(soft_wrap=True)
errors = Console(stderr=True, soft_wrap=True)

StoreOption = Annotated[
    Path | None,
    typer.Option(
        "--store", help=f"Store directory (default: ${STORE_VARIABLE}, then ~/.local/share/beslutsgraf/store)."
    ),
]


def _widen() -> None:
    if not console.is_terminal:
        console.width = 220  # a table piped to a file or log keeps whole IRIs and citations on one line


def _fail(message: str, code: int = 1) -> typer.Exit:
    errors.print(f"[red]error:[/red] {escape(message)}", highlight=False)  # a message may hold [[brackets]]
    return typer.Exit(code)


def _said(command: Callable[P, R]) -> Callable[P, R]:
    """Every error said in words, from any layer, is printed as it is and ends the command with exit code 1."""

    @functools.wraps(command)
    def run(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return command(*args, **kwargs)
        except BeslutsgrafError as error:
            raise _fail(str(error)) from None

    return run


def _command(name: str | None = None) -> Callable[[Callable[P, R]], Callable[P, R]]:
    def register(command: Callable[P, R]) -> Callable[P, R]:
        app.command(name)(_said(command))
        return command

    return register


@contextmanager
def _open(settings: Settings, *, read_only: bool) -> Iterator[Services]:
    with Services.opened(settings, read_only=read_only) as services:
        yield services


def _report_outcome(outcome: FileOutcome, verbose: bool) -> None:
    name = outcome.path
    if outcome.status == "failed":
        errors.print(f"[red]✗[/red] {escape(outcome.error or '')}", highlight=False)
        for finding in outcome.violations:
            errors.print(finding.describe(), highlight=False, markup=False)
        return
    mark = {"loaded": "[green]✓[/green]", "replaced": "[green]↻[/green]", "unchanged": "[dim]=[/dim]"}
    others = [str(graph) for graph in outcome.replaced if graph != outcome.graph]
    detail = {
        "loaded": f"{outcome.paragraphs} §, {outcome.triples} triples → <{outcome.graph}>",
        "replaced": f"{outcome.paragraphs} §, {outcome.triples} triples → <{outcome.graph}>, in place of "
        + ", ".join(f"<{g}>" for g in others or [str(outcome.graph)]),
        "unchanged": "unchanged since it was last ingested (use --force to ingest it again)",
    }[outcome.status]
    console.print(f"{mark[outcome.status]} {escape(str(name))}: {escape(detail)}", highlight=False)
    for graph, file_name, numbers in outcome.overlaps:
        paragraphs = ", ".join(f"§ {n}" for n in numbers)
        also = f"also read from {escape(file_name)} into <{graph}>: both kept"
        console.print(f"    [yellow]overlap[/yellow] {paragraphs} {also}", highlight=False)
    for check in outcome.checks:
        console.print(f"    [yellow]check[/yellow] {escape(check)}", highlight=False)
    for mention in outcome.unresolved:
        where = f"page {mention.span.page}, " if mention.span.page else ""
        console.print(
            f"    [yellow]unresolved[/yellow] {mention.role} {escape(repr(mention.mention))} "
            f"({where}characters {mention.span.start}-{mention.span.end}): kept as written, not guessed",
            highlight=False,
        )
    if verbose:
        for finding in outcome.warnings:
            console.print(finding.describe(), highlight=False, markup=False)
    elif outcome.warnings:
        console.print(f"    {len(outcome.warnings)} SHACL warning(s); --verbose shows them", highlight=False)


@_command()
def ingest(
    files: Annotated[list[Path], typer.Argument(help="Protocols or protocol extracts (UTF-8 text).")],
    kommun: Annotated[str | None, typer.Option(help="Municipality, where the file does not say it.")] = None,
    organ: Annotated[
        str | None, typer.Option(help="Deciding body, a name or abbreviation (KS, Socialnämnden).")
    ] = None,
    date: Annotated[str | None, typer.Option(help="Meeting date YYYY-MM-DD, where the file does not say it.")] = None,
    registry: Annotated[list[Path] | None, typer.Option(help="Extra registry file (TOML); repeatable.")] = None,
    force: Annotated[bool, typer.Option(help="Ingest again even if the file is unchanged.")] = False,
    jobs: Annotated[
        int | None, typer.Option("--jobs", "-j", min=1, help="Processes reading files (default: the cores).")
    ] = None,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Show SHACL warnings.")] = False,
    reference_only: Annotated[
        bool, typer.Option(help="Validate with pyshacl alone, without pyrudof's fast path (slower, same verdicts).")
    ] = False,
    store: StoreOption = None,
) -> None:
    """Read protocols, validate what was extracted, and load each file as one named graph."""
    settings = Settings.load(store=store, registries=tuple(registry or ()))
    metadata = SourceMetadata(kommun=kommun, organ=organ, date=date)
    resolver = Resolver(load_registry(settings.registry_files))  # an error in one is said before the store is opened
    with Services.opened(settings, read_only=False, resolver=resolver) as services:
        if len(files) > 1:
            with Progress(
                TextColumn("ingesting"),
                BarColumn(),
                MofNCompleteColumn(),
                TimeElapsedColumn(),
                TextColumn("{task.description}"),
                console=console,
                transient=True,
            ) as progress:
                task = progress.add_task("", total=len(files))

                def done(outcome: FileOutcome) -> None:
                    progress.update(task, advance=1, description=outcome.path.name)
                    _report_outcome(outcome, verbose)

                outcomes = services.ingest(
                    files,
                    metadata,
                    force=force,
                    on_done=done,
                    jobs=jobs or default_jobs(),
                    fast_validation=not reference_only,
                )
        else:
            outcomes = services.ingest(
                files,
                metadata,
                force=force,
                on_done=lambda o: _report_outcome(o, verbose),
                fast_validation=not reference_only,
            )
    failed = [o for o in outcomes if o.status == "failed"]
    superseded = [o for o in outcomes if o.superseded_by is not None]
    for outcome in superseded:
        console.print(
            f"[yellow]↷[/yellow] {escape(str(outcome.path))}: its graph <{outcome.graph}> was replaced by "
            f"{escape(str(outcome.superseded_by))}, later in this run",
            highlight=False,
        )
    unresolved = sum(len(o.unresolved) for o in outcomes)
    console.print(
        f"{len(outcomes) - len(failed) - len(superseded)} of {len(outcomes)} file(s) in the store at "
        f"{settings.store_name}" + (f"; {unresolved} unresolved mention(s)" if unresolved else ""),
        highlight=False,
    )
    if failed:
        raise typer.Exit(1)


_SOURCE_HELP = "A source file (its path, or its name where only one source bears it), or its graph's IRI."


@_command()
def remove(
    sources: Annotated[list[str], typer.Argument(help=_SOURCE_HELP)],
    store: StoreOption = None,
) -> None:
    """Take out what was read from a source, e.g. a protocol its municipality withdrew; what no other source holds
    is reported gone (tombstones in the listings, 410 at its IRI). Nothing is removed unless every source given
    names exactly what it removes."""
    with _open(Settings.load(store=store), read_only=False) as services:
        removals = services.remove(sources)
    for removal in removals:
        if removal.removed:
            graphs = ", ".join(str(g) for g in removal.graphs)
            console.print(f"{removal.source}: removed {graphs}", highlight=False, markup=False)
        elif removal.candidates:
            console.print(
                f"{removal.source}: {len(removal.candidates)} sources bear that name; give the file's path "
                "or one of these graphs:",
                highlight=False,
                markup=False,
            )
            for graph, meeting in removal.candidates:
                console.print(f"    {graph}  (meeting {meeting})", highlight=False, markup=False)
        elif removal.graphs:
            console.print(
                f"{removal.source}: would remove {', '.join(str(g) for g in removal.graphs)}",
                highlight=False,
                markup=False,
            )
        else:
            console.print(f"{removal.source}: no graph was read from it", highlight=False, markup=False)
    if not all(removal.removed for removal in removals):
        console.print("nothing removed", highlight=False)
        raise typer.Exit(1)


def _parse_params(params: list[str]) -> dict[str, str]:
    given = {}
    for item in params:
        key, sep, value = item.partition("=")
        if not sep or not key.strip():
            raise _fail(f"--param takes key=value, not {item!r}")
        given[key.strip()] = value.strip()
    return given


@_command()
def query(
    name: Annotated[str, typer.Argument(help="A named question (see `beslutsgraf queries`).")],
    param: Annotated[list[str] | None, typer.Option("--param", "-p", help="key=value; repeatable.")] = None,
    format: Annotated[str, typer.Option("--format", "-f", help="table, json or csv.")] = "table",
    store: StoreOption = None,
) -> None:
    """Run a named question from queries/."""
    if format not in output.FORMATS:
        raise _fail(f"--format must be one of {', '.join(output.FORMATS)}")
    given = _parse_params(param or [])
    with _open(Settings.load(store=store), read_only=True) as services:
        named = get_query(name)
        columns, rows = services.answer(named, given)
    solutions = Solutions(columns, rows)
    if format == "json":
        sys.stdout.write(output.to_json(solutions) + "\n")
    elif format == "csv":
        sys.stdout.write(output.to_csv(solutions))
    else:
        _widen()
        console.print(output.to_table(solutions, title=named.title))


@_command()
def links(store: StoreOption = None, verbose: Annotated[bool, typer.Option("--verbose", "-v")] = False) -> None:
    """Count the cited decisions that land on their own § and those left dangling."""
    with _open(Settings.load(store=store), read_only=True) as services:
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


@_command()
def trail(
    case: Annotated[str, typer.Argument(help="A case number as printed (KS 2025/164) or the case's IRI.")],
    output_dir: Annotated[Path, typer.Option("--output-dir", "-o", help="Where the SVG and GraphML go.")] = Path("."),
    store: StoreOption = None,
) -> None:
    """A case's history across bodies as a timeline, and as a picture (SVG) and a graph (GraphML)."""
    with _open(Settings.load(store=store), read_only=True) as services:
        graph = services.trail(case)
    table = Table(title=f"{case}: {graph.number_of_nodes()} decisions")
    for column in ("date", "citation", "body", "outcome", "title"):
        table.add_column(column, overflow="fold")
    for step in timeline(graph):
        table.add_row(step["date"], step["citation"], step["body"], step["outcome"], step["title"])
    _widen()
    console.print(table)
    output_dir.mkdir(parents=True, exist_ok=True)
    svg, graphml = write_trail(graph, case, output_dir / f"trail-{slug(case)}")
    console.print(f"wrote {svg} and {graphml}", highlight=False)


@_command()
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
        raise _fail(f"no store at {settings.store_path} (ingest something first)")
    load_registry(settings.registry_files)  # an error in a registry is said before the server starts
    console.print(
        f"serving {settings.store_name} at http://{host}:{port}/ (IRIs under {settings.base_iri})"
        + ("; uploads enabled" if settings.ingest_token else ""),
        highlight=False,
    )
    uvicorn.run(create_app(settings), host=host, port=port, log_level="info")


@_command("search")
def search_command(
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


@_command("reindex")
def reindex_command(store: StoreOption = None) -> None:
    """Rebuild the search index from the store."""
    with _open(Settings.load(store=store), read_only=True) as services:
        count = services.reindex()
    console.print(f"indexed {count} graph(s)", highlight=False)


@_command("queries")
def list_queries() -> None:
    """List the named questions with their parameters and columns."""
    for named in catalogue().values():
        console.print(f"[bold]{named.name}[/bold]: {named.title}", highlight=False)
        for p in named.parameters:
            need = "one of" if p.name in named.one_of else ("optional" if p.optional else "required")
            console.print(f"    --param {p.name}=…  ({need}) {p.description}", highlight=False)
        console.print(f"    columns: {', '.join(named.columns)}", highlight=False)


@_command()
def validate(
    jobs: Annotated[int, typer.Option("--jobs", "-j", help="Processes validating at once (default: the cores).")] = 0,
    reference_only: Annotated[
        bool, typer.Option(help="Validate with pyshacl alone, without pyrudof's fast path (slower, same verdicts).")
    ] = False,
    store: StoreOption = None,
) -> None:
    """Validate every graph in the store again and print the SHACL report."""
    with _open(Settings.load(store=store), read_only=True) as services:
        reports = services.validate(jobs=jobs or default_jobs(), fast=not reference_only)
    violations = 0
    for graph, report in reports.items():
        status = "[green]conforms[/green]" if report.conforms else f"[red]{len(report.violations)} violation(s)[/red]"
        console.print(f"<{graph}>: {status}, {len(report.warnings)} warning(s)", highlight=False)
        for finding in report.findings:
            console.print(finding.describe(), highlight=False, markup=False)
        violations += len(report.violations)
    console.print(f"{len(reports)} graph(s) validated, {violations} violation(s)", highlight=False)
    if violations:
        raise typer.Exit(1)


@_command()
def export(
    format: Annotated[str, typer.Option("--format", "-f", help=", ".join(EXPORT_FORMATS))] = "nquads",
    output_file: Annotated[Path | None, typer.Option("--output", "-o", help="File to write (default: stdout).")] = None,
    store: StoreOption = None,
) -> None:
    """Write the whole graph out: N-Quads, TriG, Turtle or N-Triples (union of graphs), or JSON-LD."""
    if format not in EXPORT_FORMATS:
        raise _fail(f"--format must be one of {', '.join(EXPORT_FORMATS)}")
    with _open(Settings.load(store=store), read_only=True) as services:
        if output_file is None:
            services.store.export(sys.stdout.buffer, format)
            sys.stdout.buffer.flush()
        else:
            with output_file.open("wb") as handle:
                services.store.export(handle, format)
            console.print(f"wrote {output_file} ({output_file.stat().st_size:,} bytes)", highlight=False)


if __name__ == "__main__":
    app()
