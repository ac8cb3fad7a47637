"""Commands that change the store: `ingest`, `remove`, `reindex`; and `validate`, which checks it again."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from beslutsgraf.cli.app import StoreOption, command, console, errors
from beslutsgraf.ingest.resolve import Resolver
from beslutsgraf.ingest.source import SourceMetadata
from beslutsgraf.ontology.registry import load_registry
from beslutsgraf.parallel import default_jobs
from beslutsgraf.services import FileOutcome, Services
from beslutsgraf.settings import Settings


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


@command()
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


@command()
def remove(
    sources: Annotated[list[str], typer.Argument(help=_SOURCE_HELP)],
    store: StoreOption = None,
) -> None:
    """Take out what was read from a source, e.g. a protocol its municipality withdrew; what no other source holds
    is reported gone (tombstones in the listings, 410 at its IRI). Nothing is removed unless every source given
    names exactly what it removes."""
    with Services.opened(Settings.load(store=store), read_only=False) as services:
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


@command("reindex")
def reindexcommand(store: StoreOption = None) -> None:
    """Rebuild the search index from the store."""
    with Services.opened(Settings.load(store=store), read_only=True) as services:
        count = services.reindex()
    console.print(f"indexed {count} graph(s)", highlight=False)


@command()
def validate(
    jobs: Annotated[int, typer.Option("--jobs", "-j", help="Processes validating at once (default: the cores).")] = 0,
    reference_only: Annotated[
        bool, typer.Option(help="Validate with pyshacl alone, without pyrudof's fast path (slower, same verdicts).")
    ] = False,
    store: StoreOption = None,
) -> None:
    """Validate every graph in the store again and print the SHACL report."""
    with Services.opened(Settings.load(store=store), read_only=True) as services:
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
