"""What a query's text says before any engine reads it: its form, and whether it reaches outside the store.

Keywords are looked for in the text with its IRIs, strings, comments, variables and prefixed names taken out, and
after its codepoint escapes are read (`\\u0053ERVICE` is `SERVICE`: SPARQL reads them before its grammar does).
"""

from __future__ import annotations

import re

_ESCAPE = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")
_NOT_KEYWORDS = re.compile(
    r'<[^<>"{}|^`\\\s]*>'  # IRIs
    r'|"""(?:[^\\]|\\.)*?"""|\'\'\'(?:[^\\]|\\.)*?\'\'\''  # long strings
    r'|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\''  # strings
    r"|#[^\n]*"  # comments
    r"|[?$]\w+"  # variables
    r"|[A-Za-z_][\w.-]*:[\w.%:-]*|:[\w.%:-]*"  # prefixed names
)
_FORM = re.compile(r"\b(SELECT|ASK|CONSTRUCT|DESCRIBE)\b", re.IGNORECASE)
# SERVICE asks another server (or, from an engine that would, a file); DEFINE is Virtuoso's pragma, which can make
# it fetch IRIs from the web (its Sponger). Neither belongs to a question about the store.
_OUTSIDE = re.compile(r"\b(SERVICE|DEFINE)\b", re.IGNORECASE)


def _keywords(query: str) -> str:
    unescaped = _ESCAPE.sub(lambda m: chr(int(m[1] or m[2], 16)) if int(m[1] or m[2], 16) < 0x110000 else "", query)
    return _NOT_KEYWORDS.sub(" ", unescaped)


def query_form(query: str) -> str | None:
    """SELECT, ASK, CONSTRUCT or DESCRIBE: the query's first form keyword, past the prologue."""
    form = _FORM.search(_keywords(query))
    return form[1].upper() if form else None


def reaches_outside(query: str) -> str | None:
    """The keyword by which the query would reach beyond the store (SERVICE, DEFINE), or None."""
    found = _OUTSIDE.search(_keywords(query))
    return found[1].upper() if found else None
