"""The command line's app and what every command shares: the consoles, the store option, how an error said in words
ends a command."""

from __future__ import annotations

import functools
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, ParamSpec, TypeVar

import typer
from rich.console import Console
from rich.markup import escape

from beslutsgraf.errors import BeslutsgrafError
from beslutsgraf.settings import STORE_VARIABLE

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


def widen() -> None:
    if not console.is_terminal:
        console.width = 220  # a table piped to a file or log keeps whole IRIs and citations on one line


def fail(message: str, code: int = 1) -> typer.Exit:
    errors.print(f"[red]error:[/red] {escape(message)}", highlight=False)  # a message may hold [[brackets]]
    return typer.Exit(code)


def said(command: Callable[P, R]) -> Callable[P, R]:
    """Every error said in words, from any layer, is printed as it is and ends the command with exit code 1."""

    @functools.wraps(command)
    def run(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return command(*args, **kwargs)
        except BeslutsgrafError as error:
            raise fail(str(error)) from None

    return run


def command(name: str | None = None) -> Callable[[Callable[P, R]], Callable[P, R]]:
    """Registers a command, every error said in words ending it as `said` does."""

    def register(function: Callable[P, R]) -> Callable[P, R]:
        app.command(name)(said(function))
        return function

    return register
