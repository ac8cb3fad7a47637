"""Segmenting protocol text: where each § starts and ends, and the sections inside it.

A § heading is a line that starts with "§ 12" (optionally after a short body abbreviation, "KS § 12");
a line that continues a sentence ("§ 92 med tillhörande handlingar") is not. Of the candidates, the
longest run of increasing numbers wins, so a § cited at the start of a line cannot split a §.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from beslutsgraf.ingest.contents import split_contents
from beslutsgraf.ingest.headings import SECTION, longest_increasing


@dataclass(frozen=True)
class Section:
    name: str
    heading_start: int
    start: int  # first character of the body, after the heading line
    end: int


@dataclass
class RawParagraph:
    number: int
    start: int  # the heading's first character
    end: int
    heading_end: int
    sections: list[Section] = field(default_factory=list)

    @property
    def title_area(self) -> tuple[int, int]:
        """From the heading to the first section heading."""
        first = self.sections[0].heading_start if self.sections else self.end
        return self.start, first

    def section(self, name: str) -> list[Section]:
        return [s for s in self.sections if s.name == name]


# Appendices after the last §: roll-call lists, attendance lists. They are not part of the last §.
_APPENDIX = re.compile(
    r"^[ \t]*(?:Omröstningslista|Voteringslista|Omröstningsbilaga|Bilaga\s+\d+\b|Närvarolista|Närvaroförteckning)",
    re.M | re.I,
)


def appendix_start(text: str, after: int) -> int:
    m = _APPENDIX.search(text, after)
    return m.start() if m else len(text)


def find_paragraphs(text: str, candidates: list[re.Match[str]] | None = None) -> list[RawParagraph]:
    """The §§ of the text, from the body's heading candidates (the table of contents left out)."""
    if candidates is None:
        candidates, _ = split_contents(text)
    # A heading with nothing after it at the very end is a cut-off line, not a §.
    candidates = [m for m in candidates if m["rest"].strip() or text[m.end() :].strip()]
    chosen = longest_increasing(candidates)
    paragraphs = []
    for i, m in enumerate(chosen):
        end = chosen[i + 1].start() if i + 1 < len(chosen) else appendix_start(text, m.end())
        paragraph = RawParagraph(int(m["number"]), m.start(), end, m.end())
        paragraph.sections = _sections(text, m.end(), end)
        paragraphs.append(paragraph)
    return paragraphs


def _sections(text: str, start: int, end: int) -> list[Section]:
    found = []
    for m in SECTION.finditer(text, start, end):
        name = next(n for n, v in m.groupdict().items() if v is not None and n != "inline")
        body_start = m.start("inline") if m["inline"] else min(m.end() + 1, end)
        found.append((name, m.start(), body_start))
    sections = []
    for i, (name, heading_start, body_start) in enumerate(found):
        body_end = found[i + 1][1] if i + 1 < len(found) else end
        sections.append(Section(name, heading_start, body_start, body_end))
    return sections
