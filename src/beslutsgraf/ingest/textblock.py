"""Small text helpers shared by the parsers: lines with offsets, joined blocks, sentences, spans."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from beslutsgraf.ingest.model import Span
from beslutsgraf.ingest.source import SourceText

_KEEP_HYPHEN_BEFORE = {"och", "eller", "samt", "respektive", "till", "som"}


@dataclass(frozen=True)
class Line:
    text: str  # without the line end
    start: int
    end: int

    @property
    def blank(self) -> bool:
        return not self.text.strip()


def lines(text: str, start: int, end: int) -> list[Line]:
    out = []
    position = start
    for raw in text[start:end].split("\n"):
        out.append(Line(raw, position, position + len(raw)))
        position += len(raw) + 1
    return out


def join_lines(parts: list[str]) -> str:
    """Lines of one block as running text; a word hyphenated at a line end is joined again."""
    out = ""
    for part in (p.strip() for p in parts):
        if not part:
            continue
        if out.endswith("-") and len(out) > 1 and out[-2].isalpha() and part[:1].islower():
            next_word = re.match(r"\w+", part)
            if next_word and next_word.group().lower() not in _KEEP_HYPHEN_BEFORE:
                out = out[:-1] + part
                continue
        out = f"{out} {part}" if out else part
    return re.sub(r"\s+", " ", out).strip()


def block(source: SourceText, start: int, end: int) -> tuple[str, Span] | None:
    """The running text between two offsets, with the span trimmed to its non-blank content."""
    raw = source.text[start:end]
    stripped = raw.strip()
    if not stripped:
        return None
    lead = len(raw) - len(raw.lstrip())
    s, e = start + lead, start + lead + len(stripped)
    return join_lines(stripped.split("\n")), span(source, s, e)


def span(source: SourceText, start: int, end: int) -> Span:
    """A span of the parsed text, as offsets and quote of the original text (furniture inside it included)."""
    first = source.original_offset(start)
    last = source.original_offset(end - 1) + 1 if end > start else first
    return Span(first, last, source.original[first:last], source.page_of(first))


def original_span(source: SourceText, start: int, end: int) -> Span:
    """A span from offsets that already point into the original text (those of other spans)."""
    return Span(start, end, source.original[start:end], source.page_of(start))


def locator(source: SourceText) -> Callable[[int, int], Span]:
    """Offsets in the parsed text to a span of the source, for the resolver."""
    return lambda start, end: span(source, start, end)


def paragraphs_of(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """Blank-line separated blocks as (start, end) offsets."""
    current: list[Line] = []
    for line in lines(text, start, end):
        if line.blank:
            if current:
                yield current[0].start, current[-1].end
            current = []
        else:
            current.append(line)
    if current:
        yield current[0].start, current[-1].end


_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-ZÅÄÖ\"”»])")


def sentences(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """Sentences within each blank-line separated block, as offsets."""
    for block_start, block_end in paragraphs_of(text, start, end):
        position = block_start
        for m in _SENTENCE_END.finditer(text, block_start, block_end):
            yield position, m.start()
            position = m.end()
        yield position, block_end
