"""The named questions: one `.rq` file each, with a header that declares its parameters and columns.

Header lines (comments at the top of the file):

    # @title   what the question asks
    # @title.sv the same in Swedish (the pages' language), optional
    # @param   NAME ?VARIABLE TYPE [optional [default=VALUE]] -- description
    # @requires one-of NAME NAME ...   (exactly one of these parameters must be given)
    # @columns the result columns, in order

Parameter values are resolved to RDF terms (`queries.params`) and bound through the store's
substitution of variables: never pasted into query text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from beslutsgraf.errors import BeslutsgrafError

QUERY_DIR = Path(__file__).parent
PARAMETER_TYPES = ("case", "decision", "meeting", "body", "party", "person", "law", "date", "string", "iri")


class QueryError(BeslutsgrafError, ValueError):
    """A named question that does not exist, or parameters that do not fit it."""


class NotFound(QueryError):
    """A parameter well written that names nothing in the store."""


class UnknownQuestion(NotFound):
    """A named question that does not exist."""


@dataclass(frozen=True)
class Parameter:
    name: str
    variable: str
    type: str
    description: str
    optional: bool = False
    default: str | None = None  # bound when the parameter is not given (the engine cannot test BOUND on it)


@dataclass(frozen=True)
class NamedQuery:
    name: str
    title: str
    sparql: str
    parameters: tuple[Parameter, ...]
    columns: tuple[str, ...]
    one_of: tuple[str, ...] = field(default=())
    swedish_title: str = ""

    def title_in(self, language: str) -> str:
        """The title in `language` (sv or en), English where it has no Swedish one."""
        return self.swedish_title if language == "sv" and self.swedish_title else self.title

    @property
    def over_whole_store(self) -> bool:
        """Whether the question can be asked with no parameter: then it reads the whole store."""
        return all(p.optional for p in self.parameters) and not self.one_of

    def parameter(self, name: str) -> Parameter:
        for p in self.parameters:
            if p.name == name:
                return p
        known = ", ".join(p.name for p in self.parameters) or "none"
        raise QueryError(f"{self.name} takes no parameter {name!r} (its parameters: {known})")

    def check(self, given: dict[str, str]) -> None:
        for name in given:
            self.parameter(name)
        if self.one_of:
            chosen = [n for n in self.one_of if n in given]
            if len(chosen) != 1:
                raise QueryError(f"{self.name} needs exactly one of: {', '.join(self.one_of)}")
        for p in self.parameters:
            if not p.optional and p.name not in self.one_of and p.name not in given:
                raise QueryError(f"{self.name} needs the parameter {p.name!r}: {p.description}")


_PARAM = re.compile(
    r"^(?P<name>[\w-]+)\s+\?(?P<var>\w+)\s+(?P<type>\w+)(?P<optional>\s+optional)?(?:\s+default=(?P<default>\S+))?"
    r"\s*--\s*(?P<d>.+)$"
)


def parse_query_file(path: Path) -> NamedQuery:
    text = path.read_text(encoding="utf-8")
    title, swedish_title, columns, one_of, parameters = "", "", (), (), []
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        m = re.match(r"#\s*@([\w.]+)\s+(.*)$", line)
        if not m:
            continue
        key, value = m[1], m[2].strip()
        if key == "title":
            title = value
        elif key == "title.sv":
            swedish_title = value
        elif key == "columns":
            columns = tuple(value.split())
        elif key == "requires":
            words = value.split()
            if words[:1] != ["one-of"]:
                raise QueryError(f"{path.name}: @requires takes 'one-of NAME ...'")
            one_of = tuple(words[1:])
        elif key == "param":
            p = _PARAM.match(value)
            if not p or p["type"] not in PARAMETER_TYPES:
                raise QueryError(f"{path.name}: cannot read @param {value!r}")
            parameters.append(
                Parameter(p["name"], p["var"], p["type"], p["d"].strip(), bool(p["optional"]), p["default"])
            )
    if not title or not columns:
        raise QueryError(f"{path.name}: the header needs @title and @columns")
    return NamedQuery(path.stem, title, text, tuple(parameters), columns, one_of, swedish_title)


@cache
def catalogue() -> dict[str, NamedQuery]:
    """Every named question, by name (files starting with '_' are internal look-ups)."""
    return {p.stem: parse_query_file(p) for p in sorted(QUERY_DIR.glob("*.rq")) if not p.stem.startswith("_")}


def get(name: str) -> NamedQuery:
    try:
        return catalogue()[name]
    except KeyError:
        raise UnknownQuestion(f"no named question {name!r}; known: {', '.join(catalogue())}") from None


@cache
def lookup_sparql(name: str) -> str:
    """An internal look-up query (queries/_NAME.rq)."""
    return (QUERY_DIR / f"_{name}.rq").read_text(encoding="utf-8")
