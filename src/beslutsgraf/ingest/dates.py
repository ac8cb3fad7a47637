"""Dates as protocols write them: 2025-12-11, 20251104, 251111, "den 3 juni 2026", "3 juni 2026"."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

MONTHS = {
    name: number
    for number, name in enumerate(
        [
            "januari",
            "februari",
            "mars",
            "april",
            "maj",
            "juni",
            "juli",
            "augusti",
            "september",
            "oktober",
            "november",
            "december",
        ],
        1,
    )
}

_ISO = re.compile(r"(?<![\d/])(\d{4})-(\d{1,2})-(\d{1,2})(?![\d/])")
_WORDS = re.compile(r"(?:\bden\s+)?\b(\d{1,2})(?::e|:a)?\s+(" + "|".join(MONTHS) + r")\s+(\d{4})\b", re.IGNORECASE)
_COMPACT8 = re.compile(r"(?<![\d/_-])((?:19|20)\d{2})(\d{2})(\d{2})(?![\d/_-])")
_COMPACT6 = re.compile(r"(?<![\d/_-])(\d{2})(\d{2})(\d{2})(?![\d/_-])")


@dataclass(frozen=True)
class FoundDate:
    value: date
    start: int
    end: int


def _valid(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def find_dates(text: str) -> list[FoundDate]:
    """Every date in `text`, in order, without overlaps (the longer, more explicit form wins)."""
    found: list[FoundDate] = []
    taken: list[tuple[int, int]] = []

    def add(value: date | None, start: int, end: int) -> None:
        if value is None or any(s < end and start < e for s, e in taken):
            return
        taken.append((start, end))
        found.append(FoundDate(value, start, end))

    for m in _ISO.finditer(text):
        add(_valid(int(m[1]), int(m[2]), int(m[3])), m.start(), m.end())
    for m in _WORDS.finditer(text):
        add(_valid(int(m[3]), MONTHS[m[2].lower()], int(m[1])), m.start(), m.end())
    for m in _COMPACT8.finditer(text):
        add(_valid(int(m[1]), int(m[2]), int(m[3])), m.start(), m.end())
    for m in _COMPACT6.finditer(text):
        add(_valid(2000 + int(m[1]), int(m[2]), int(m[3])), m.start(), m.end())
    return sorted(found, key=lambda f: f.start)


def parse_date(text: str) -> date | None:
    """The one date `text` consists of, or None."""
    dates = find_dates(text.strip())
    if len(dates) == 1 and dates[0].start == 0 and dates[0].end == len(text.strip()):
        return dates[0].value
    return None


def iter_dates(text: str) -> Iterator[date]:
    return (f.value for f in find_dates(text))
