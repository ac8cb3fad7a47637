"""Roll-call tables: a row a member, an X under Ja, Nej or Avstår ("Omröstningslista nr 1").

A column is known by where its text stands: in text laid out by pdftotext -layout by the character column,
in a PDF by the horizontal position PDFium gives each character (it joins the columns with one space).
"""

from __future__ import annotations

import re

from beslutsgraf.ingest.model import NamedPerson
from beslutsgraf.ingest.people import NAME, find_people
from beslutsgraf.ingest.source import SourceText
from beslutsgraf.ingest.textblock import lines

_COLUMNS = {
    "ja": "yes",
    "nej": "no",
    "avstår": "abstain",
    "avst": "abstain",
    "avstod": "abstain",
    "avstående": "abstain",
    "frånvarande": "absent",
    "frånv": "absent",
    "frånvaro": "absent",
}
_HEADER_WORD = re.compile(r"(?<!\S)(" + "|".join(_COLUMNS) + r")\.?(?!\S)", re.I)
_MARK = re.compile(r"(?<!\S)[Xx×](?!\S)")
_NAME_AND_LETTERS = re.compile(rf"^\s*(?P<name>{NAME})\s+(?P<party>[A-ZÅÄÖ]{{1,3}})(?!\S)")


def _position(source: SourceText, offset: int, line_start: int, width: int) -> float:
    """Where the text at `offset` (in the parsed text) stands: a PDF's x, else the column in the line."""
    if source.char_x:
        original = source.original_offset(offset)
        xs = [source.char_x[i] for i in range(original, original + width) if 0 <= i < len(source.char_x)]
        xs = [x for x in xs if x >= 0]
        if xs:
            return sum(xs) / len(xs)
    return offset - line_start + (width - 1) / 2


def table_ballots(source: SourceText, start: int, end: int) -> list[tuple[NamedPerson, str]]:
    ballots: list[tuple[NamedPerson, str]] = []
    columns: dict[str, float] = {}
    for line in lines(source.text, start, end):
        headers = list(_HEADER_WORD.finditer(line.text))
        if len({_COLUMNS[h.group(1).lower()] for h in headers}) >= 2 and not find_people(line.text):
            columns = {
                _COLUMNS[h.group(1).lower()]: _position(source, line.start + h.start(), line.start, len(h.group(1)))
                for h in headers
            }
            continue
        marks = list(_MARK.finditer(line.text))
        if not columns or not marks:
            continue
        people = find_people(line.text)
        if people:
            person = people[0]
        elif m := _NAME_AND_LETTERS.match(line.text):
            person = NamedPerson(" ".join(m["name"].split()), m["party"], None, m.start(), m.end())
        else:
            continue
        mark = marks[-1]
        where = _position(source, line.start + mark.start(), line.start, 1)
        choice = min(columns, key=lambda c: abs(columns[c] - where))
        if choice != "absent":
            ballots.append((person, choice))
    return ballots
