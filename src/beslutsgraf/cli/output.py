"""Query results as a table for people; SPARQL JSON and CSV come from queries.results."""

from __future__ import annotations

from rdflib import URIRef
from rich.table import Table
from rich.text import Text

from beslutsgraf.queries import results
from beslutsgraf.store import Solutions

FORMATS = ("table", "json", "csv")


def to_json(solutions: Solutions) -> str:
    return results.to_json(solutions.variables, solutions.rows)


def to_csv(solutions: Solutions) -> str:
    return results.to_csv(solutions.variables, solutions.rows)


def to_table(solutions: Solutions, title: str | None = None) -> Table:
    table = Table(title=title, show_lines=False, expand=False)
    for variable in solutions.variables:
        table.add_column(variable, overflow="fold")
    for row in solutions.rows:
        cells = []
        for variable in solutions.variables:
            term = row.get(variable)
            style = "cyan" if isinstance(term, URIRef) else ""
            cells.append(Text("" if term is None else str(term), style=style))
        table.add_row(*cells)
    table.caption = f"{len(solutions.rows)} row{'s' * (len(solutions.rows) != 1)}"
    return table
