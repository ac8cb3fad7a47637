"""The command line: `beslutsgraf ingest | query | queries | validate | export`."""

from __future__ import annotations

import sys
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated

import networkx as nx
import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from beslutsgraf import output
from beslutsgraf.ingest.resolve import Resolver
from beslutsgraf.ingest.source import SourceMetadata
from beslutsgraf.loading import (
    FileOutcome,
    ingest_files,
    ingest_upload,
    reindex,
    remove_sources,
    validate_store,
    validation_summary,
)  # fmt: skip
from beslutsgraf.ontology import Iris, slug
from beslutsgraf.ontology.registry import RegistryError, load_registry
from beslutsgraf.parallel import default_jobs
from beslutsgraf.queries import NamedQuery, QueryError, catalogue
from beslutsgraf.queries import get as get_query
from beslutsgraf.queries.kept import KeptAnswers, answers_folder
from beslutsgraf.queries.params import resolve_case
from beslutsgraf.queries.trail import case_trail, timeline, to_svg
from beslutsgraf.settings import STORE_VARIABLE, Settings
from beslutsgraf.store import EXPORT_FORMATS, GraphStore, Solutions, StoreError, open_store
from beslutsgraf.store.freshness import fingerprint
from beslutsgraf.store.search import SearchIndex, index_path

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


@contextmanager
def _open(settings: Settings, *, read_only: bool) -> Iterator[GraphStore]:
    try:
        store = open_store(settings.store_path, read_only=read_only, server=settings.store_server)
    except StoreError as error:
        raise _fail(str(error)) from None
    try:
        yield store
    finally:
        store.close()


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


@app.command()
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
    try:
        resolver = Resolver(load_registry(settings.registry_files))
    except RegistryError as error:
        raise _fail(str(error)) from None
    options = SourceMetadata(kommun=kommun, organ=organ, date=date)
    iris = Iris(settings.base_iri)
    search_index = SearchIndex(index_path(settings.store_path))
    with _open(settings, read_only=False) as graph_store:
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

                outcomes = ingest_files(
                    files, graph_store, resolver, iris, options, force=force, on_done=done, search=search_index,
                    jobs=jobs or default_jobs(), fast_validation=not reference_only,
                )  # fmt: skip
        else:
            outcomes = ingest_files(
                files, graph_store, resolver, iris, options, force=force,
                on_done=lambda o: _report_outcome(o, verbose), search=search_index, fast_validation=not reference_only,
            )  # fmt: skip
        if any(o.status in ("loaded", "replaced") for o in outcomes):
            _ask_whole_store_questions(settings, graph_store)
    failed = [o for o in outcomes if o.status == "failed"]
    superseded = [o for o in outcomes if o.superseded_by is not None]
    for outcome in superseded:
        console.print(f"[yellow]↷[/yellow] {escape(str(outcome.path))}: its graph <{outcome.graph}> was replaced by "
                      f"{escape(str(outcome.superseded_by))}, later in this run", highlight=False)  # fmt: skip
    unresolved = sum(len(o.unresolved) for o in outcomes)
    console.print(
        f"{len(outcomes) - len(failed) - len(superseded)} of {len(outcomes)} file(s) in the store at "
        f"{settings.store_name}" + (f"; {unresolved} unresolved mention(s)" if unresolved else ""),
        highlight=False,
    )
    if failed:
        raise typer.Exit(1)


_SOURCE_HELP = "A source file (its path, or its name where only one source bears it), or its graph's IRI."


@app.command()
def remove(
    sources: Annotated[list[str], typer.Argument(help=_SOURCE_HELP)],
    store: StoreOption = None,
) -> None:
    """Take out what was read from a source, e.g. a protocol its municipality withdrew; what no other source holds
    is reported gone (tombstones in the listings, 410 at its IRI). Nothing is removed unless every source given
    names exactly what it removes."""
    settings = Settings.load(store=store)
    with _open(settings, read_only=False) as graph_store:
        removals = remove_sources(
            sources, graph_store, Iris(settings.base_iri), search=SearchIndex(index_path(settings.store_path))
        )
        if any(removal.removed for removal in removals):
            _ask_whole_store_questions(settings, graph_store)
    for removal in removals:
        if removal.removed:
            graphs = ", ".join(str(g) for g in removal.graphs)
            console.print(f"{removal.source}: removed {graphs}", highlight=False, markup=False)
        elif removal.candidates:
            console.print(f"{removal.source}: {len(removal.candidates)} sources bear that name; give the file's path "
                          "or one of these graphs:", highlight=False, markup=False)  # fmt: skip
            for graph, meeting in removal.candidates:
                console.print(f"    {graph}  (meeting {meeting})", highlight=False, markup=False)
        elif removal.graphs:
            console.print(f"{removal.source}: would remove {', '.join(str(g) for g in removal.graphs)}",
                          highlight=False, markup=False)  # fmt: skip
        else:
            console.print(f"{removal.source}: no graph was read from it", highlight=False, markup=False)
    if not all(removal.removed for removal in removals):
        console.print("nothing removed", highlight=False)
        raise typer.Exit(1)


def _kept(settings: Settings, graph_store: GraphStore) -> tuple[KeptAnswers, Callable, Callable]:
    """The answers kept beside the store, with the store's select and fingerprint to check them against."""
    deletions = Iris(settings.base_iri).deletions_graph()
    return (KeptAnswers(answers_folder(settings.store_path)), lambda q, b: graph_store.select(q, b).rows,
            lambda: fingerprint(graph_store, deletions))  # fmt: skip


def _answered(settings: Settings, graph_store: GraphStore, named: NamedQuery, given: dict[str, str]) -> tuple:
    """A question's answer; one over the whole store from the answers kept beside it, while the store is unchanged."""
    kept, select, now = _kept(settings, graph_store)
    return kept.answer(named, given, select, now)


def _ask_whole_store_questions(settings: Settings, graph_store: GraphStore) -> None:
    """After a change, the questions over the whole store are asked again and kept, so that the next `query` (and
    an API started on the store) need not read the whole store."""
    kept, select, now = _kept(settings, graph_store)
    kept.refresh(select, now)


def _parse_params(params: list[str]) -> dict[str, str]:
    given = {}
    for item in params:
        key, sep, value = item.partition("=")
        if not sep or not key.strip():
            raise _fail(f"--param takes key=value, not {item!r}")
        given[key.strip()] = value.strip()
    return given


@app.command()
def query(
    name: Annotated[str, typer.Argument(help="A named question (see `beslutsgraf queries`).")],
    param: Annotated[list[str] | None, typer.Option("--param", "-p", help="key=value; repeatable.")] = None,
    format: Annotated[str, typer.Option("--format", "-f", help="table, json or csv.")] = "table",
    store: StoreOption = None,
) -> None:
    """Run a named question from queries/."""
    if format not in output.FORMATS:
        raise _fail(f"--format must be one of {', '.join(output.FORMATS)}")
    settings = Settings.load(store=store)
    given = _parse_params(param or [])
    with _open(settings, read_only=True) as graph_store:
        try:
            named = get_query(name)
            columns, rows = _answered(settings, graph_store, named, given)
        except QueryError as error:
            raise _fail(str(error)) from None
    solutions = Solutions(columns, rows)
    if format == "json":
        sys.stdout.write(output.to_json(solutions) + "\n")
    elif format == "csv":
        sys.stdout.write(output.to_csv(solutions))
    else:
        _widen()
        console.print(output.to_table(solutions, title=named.title))


@app.command()
def links(store: StoreOption = None, verbose: Annotated[bool, typer.Option("--verbose", "-v")] = False) -> None:
    """Count the cited decisions that land on their own § and those left dangling."""
    settings = Settings.load(store=store)
    with _open(settings, read_only=True) as graph_store:
        _, rows = _answered(settings, graph_store, get_query("citation-links"), {})
    counts = Counter(str(row["status"]) for row in rows)
    citations: Counter[str] = Counter()
    for row in rows:
        citations[str(row["status"])] += int(row["citingCount"])
    for status, meaning in (("linked", "land on their own § in the store"),
                            ("missing", "name a § their meeting's protocol does not have"),
                            ("dangling", "name a meeting that is not in the store")):  # fmt: skip
        console.print(f"{counts[status]:>6} cited decisions ({citations[status]} citations) {meaning}", highlight=False)
    if verbose:
        for row in rows:
            if str(row["status"]) != "linked":
                console.print(f"    {row['status']}: {row['citation']} ({row['citingCount']} citing)", highlight=False)


@app.command()
def trail(
    case: Annotated[str, typer.Argument(help="A case number as printed (KS 2025/164) or the case's IRI.")],
    output_dir: Annotated[Path, typer.Option("--output-dir", "-o", help="Where the SVG and GraphML go.")] = Path("."),
    store: StoreOption = None,
) -> None:
    """A case's history across bodies as a timeline, and as a picture (SVG) and a graph (GraphML)."""
    settings = Settings.load(store=store)
    with _open(settings, read_only=True) as graph_store:

        def select(sparql: str, bindings: dict) -> list[dict]:
            return graph_store.select(sparql, bindings).rows

        try:
            graph = case_trail(resolve_case(case, select), select)
        except QueryError as error:
            raise _fail(str(error)) from None
    table = Table(title=f"{case}: {graph.number_of_nodes()} decisions")
    for column in ("date", "citation", "body", "outcome", "title"):
        table.add_column(column, overflow="fold")
    for step in timeline(graph):
        table.add_row(step["date"], step["citation"], step["body"], step["outcome"], step["title"])
    _widen()
    console.print(table)
    output_dir.mkdir(parents=True, exist_ok=True)
    stem = output_dir / f"trail-{slug(case)}"
    stem.with_suffix(".svg").write_text(to_svg(graph, case), encoding="utf-8")
    nx.write_graphml(graph, stem.with_suffix(".graphml"))
    console.print(f"wrote {stem.with_suffix('.svg')} and {stem.with_suffix('.graphml')}", highlight=False)


@app.command()
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

    from beslutsgraf.api import ApiSettings, Services, create_app

    settings = Settings.load(store=store)
    if not settings.store_server and not settings.store_path.exists():
        raise _fail(f"no store at {settings.store_path} (ingest something first)")
    try:
        resolver = Resolver(load_registry(settings.registry_files))
    except RegistryError as error:
        raise _fail(str(error)) from None
    iris = Iris(settings.base_iri)
    services = Services(
        ingest=lambda graph_store, search, path, options: ingest_upload(
            graph_store, resolver, iris, path, options, search=search
        ),
        validate=lambda graph_store: validation_summary(graph_store, iris),
    )
    api_settings = ApiSettings(
        settings.store_path,
        settings.base_iri,
        ingest_token=settings.ingest_token,
        store_server=settings.store_server,
        allow_service=settings.allow_service,
        query_timeout_seconds=query_timeout,
        max_answer_bytes=max_answer_mb * 1024 * 1024,
        query_workers=query_workers,
        query_memory_bytes=query_memory_mb * 1024 * 1024,
    )
    console.print(f"serving {settings.store_name} at http://{host}:{port}/ (IRIs under {settings.base_iri})"
                  + ("; uploads enabled" if settings.ingest_token else ""), highlight=False)  # fmt: skip
    uvicorn.run(create_app(api_settings, services), host=host, port=port, log_level="info")


@app.command("search")
def search_command(
    words: Annotated[list[str], typer.Argument(help="Words to find; each is a prefix (remiss finds remissvar).")],
    limit: Annotated[int, typer.Option(help="At most this many hits.")] = 20,
    store: StoreOption = None,
) -> None:
    """Full-text search over titles, decision texts and basis documents."""
    settings = Settings.load(store=store)
    hits = SearchIndex(index_path(settings.store_path)).search(" ".join(words), limit=limit)
    for hit in hits:
        console.print(f"{hit.day or '':<10}  {hit.kind:<9}  {escape(hit.title)}\n{'':>23}{escape(hit.snippet)}\n"
                      f"{'':>23}{hit.iri}",
                      highlight=False)  # fmt: skip
    console.print(f"{len(hits)} hit(s)", highlight=False)


@app.command("reindex")
def reindex_command(store: StoreOption = None) -> None:
    """Rebuild the search index from the store."""
    settings = Settings.load(store=store)
    with _open(settings, read_only=True) as graph_store:
        count = reindex(graph_store, SearchIndex(index_path(settings.store_path)), Iris(settings.base_iri))
    console.print(f"indexed {count} graph(s)", highlight=False)


@app.command("queries")
def list_queries() -> None:
    """List the named questions with their parameters and columns."""
    for named in catalogue().values():
        console.print(f"[bold]{named.name}[/bold]: {named.title}", highlight=False)
        for p in named.parameters:
            need = "one of" if p.name in named.one_of else ("optional" if p.optional else "required")
            console.print(f"    --param {p.name}=…  ({need}) {p.description}", highlight=False)
        console.print(f"    columns: {', '.join(named.columns)}", highlight=False)


@app.command()
def validate(
    jobs: Annotated[int, typer.Option("--jobs", "-j", help="Processes validating at once (default: the cores).")] = 0,
    reference_only: Annotated[
        bool, typer.Option(help="Validate with pyshacl alone, without pyrudof's fast path (slower, same verdicts).")
    ] = False,
    store: StoreOption = None,
) -> None:
    """Validate every graph in the store again and print the SHACL report."""
    settings = Settings.load(store=store)
    with _open(settings, read_only=True) as graph_store:
        reports = validate_store(
            graph_store, Iris(settings.base_iri), jobs=jobs or default_jobs(), fast=not reference_only
        )
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


@app.command()
def export(
    format: Annotated[str, typer.Option("--format", "-f", help=", ".join(EXPORT_FORMATS))] = "nquads",
    output_file: Annotated[Path | None, typer.Option("--output", "-o", help="File to write (default: stdout).")] = None,
    store: StoreOption = None,
) -> None:
    """Write the whole graph out: N-Quads, TriG, Turtle or N-Triples (union of graphs), or JSON-LD."""
    if format not in EXPORT_FORMATS:
        raise _fail(f"--format must be one of {', '.join(EXPORT_FORMATS)}")
    settings = Settings.load(store=store)
    with _open(settings, read_only=True) as graph_store:
        if output_file is None:
            graph_store.export(sys.stdout.buffer, format)
            sys.stdout.buffer.flush()
        else:
            with output_file.open("wb") as handle:
                graph_store.export(handle, format)
            console.print(f"wrote {output_file} ({output_file.stat().st_size:,} bytes)", highlight=False)


if __name__ == "__main__":
    app()
