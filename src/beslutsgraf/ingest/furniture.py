"""Page furniture: the running headers and footers every page repeats, found and cut out before parsing.

Furniture is found from what repeats, not only from a list of phrases: a line that looks like a page
marker ("41 (90)", "Sida 3 (41)", "Justerandes signatur") anchors a cluster, and the lines around it that
recur across the document ("Kommunfullmäktige", "Protokoll nr 7", "Sammanträdesdatum: 2024-08-22") join
it. Where the pages are known (a PDF, or form feeds), a line recurring at the top or bottom of many pages
is furniture too. The text is cut, never rewritten: every kept character keeps its original offset.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass

from beslutsgraf.ingest.headings import is_section_heading

_PAGE_MARKER = re.compile(
    r"^(?:(?:sida|page|s\.)\s*)?\d{1,3}\s*(?:\(\s*\d{1,3}\s*\)|av\s+\d{1,3}|/\s*\d{1,3})$"  # 41 (90), 3 av 12
    r"|^\d{1,3}\s*\(\s*\d{1,3}\s*\)\s+\S.*$"  # 33 (97) Kommunfullmäktige … Protokoll nr 12
    r"|^.*\b(?:sida|page)\s*\d{1,3}\s*(?:\(\s*\d{1,3}\s*\)|av\s+\d{1,3}|/\s*\d{1,3})$"  # … Sida 18(36)
    r"|^(?:justerandes?|justerares|ordförandes)\s+(?:sign\w*|signatur|initialer)\b.*$"
    r"|^utdragsbestyrkande\b.*$",
    re.I,
)
# Running-header lines that mark a page break when they recur: "Sammanträdesdatum: 2024-02-07",
# "Protokoll nr 4", "Göteborgs Stad Kommunstyrelsen, protokoll".
_RUNNING_HEADER = re.compile(
    r"^(?:sammanträdesdatum|mötesdatum|datum)\s*:?\s*\d{4}-\d{2}-\d{2}$"
    r"|^(?:sammanträdes)?protokoll\s*\(?(?:nr\.?|nummer)\s*\d+\)?$"
    r"|^[^.]{3,80},\s*(?:sammanträdes)?protokoll$",
    re.I,
)
_BARE_PAGE_NUMBER = re.compile(r"^\d{1,3}$")
# A flattened page is one long line that begins with its page marker: only the marker is furniture, not the page.
_LEADING_PAGE_MARKER = re.compile(r"\s*(?:(?:sida|page)\s*)?\d{1,3}\s*\(\s*\d{1,3}\s*\)\s*", re.I)
LONG_LINE = 240  # longer than any running header or footer: the text of a page whose line breaks were lost
_PROTECTED = re.compile(r"^\s*(?:[A-ZÅÄÖ][\wÅÄÖåäö]{0,10}\s+)?§\s*\d", re.I)  # a § heading is never furniture
ZONE = 5  # non-blank lines at the top and the bottom of a page where running headers and footers stand
WINDOW = 4  # non-blank lines either side of a page marker that a recurring line may join


@dataclass(frozen=True)
class Cleaned:
    text: str
    cuts: tuple[tuple[int, int], ...]  # (offset in text, offset in the original) where each kept run starts
    removed: tuple[tuple[int, int], ...]  # the original ranges cut out

    def original_offset(self, offset: int) -> int:
        return original_offset(self.cuts, offset)


def original_offset(cuts: tuple[tuple[int, int], ...], offset: int) -> int:
    """A cleaned text's offset in the original, by the run of kept text it falls in (found by bisection, not by a
    list of the runs' starts built for every lookup)."""
    i = bisect_right(cuts, offset, key=_clean_start) - 1
    clean, original = cuts[max(i, 0)]
    return original + offset - clean


def _clean_start(cut: tuple[int, int]) -> int:
    return cut[0]


def _normalise(line: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"\d+", "#", line.strip().lower()))


def _lines(text: str) -> list[tuple[int, int]]:
    """(start, end) of every line; a form feed ends a line as a newline does."""
    spans, start = [], 0
    for m in re.finditer(r"[\n\f]", text):
        spans.append((start, m.start()))
        start = m.end()
    spans.append((start, len(text)))
    return spans


def find_furniture(text: str, page_starts: tuple[int, ...] = (0,)) -> list[tuple[int, int]]:
    """The (start, end) ranges of furniture lines, newline included."""
    lines = [(s, e) for s, e in _lines(text) if text[s:e].strip()]
    content = [text[s:e].strip() for s, e in lines]
    normal = [_normalise(c) for c in content]
    counts = Counter(normal)
    long = {i for i, c in enumerate(content) if len(c) > LONG_LINE}
    furniture = {i for i, c in enumerate(content) if _PAGE_MARKER.match(c) and i not in long}
    furniture |= {i for i, c in enumerate(content) if _RUNNING_HEADER.match(c) and counts[normal[i]] >= 2}
    # A running header recurs about once a page; a word in a table ("Ja", "Ledamot") recurs far more often.
    page_count = max(len(page_starts), len(furniture))

    least = max(3, round(0.3 * page_count))

    def recurring(i: int) -> bool:
        return (
            least <= counts[normal[i]] <= page_count + 2
            and 4 <= len(content[i]) <= 120
            and not _PROTECTED.match(content[i])
            and not is_section_heading(content[i])
        )

    if len(page_starts) > 1:
        pages = [bisect_right(page_starts, s) for s, _ in lines]
        zone: set[int] = set()
        for page in set(pages):
            on_page = [i for i, p in enumerate(pages) if p == page]
            zone |= set(on_page[:ZONE]) | set(on_page[-ZONE:])
        zone_pages: dict[str, set[int]] = {}
        for i in zone:
            zone_pages.setdefault(normal[i], set()).add(pages[i])
        needed = max(2, round(0.4 * len(page_starts)))
        furniture |= {i for i in zone if len(zone_pages[normal[i]]) >= needed and not _PROTECTED.match(content[i])}
        furniture |= {i for i in zone if _BARE_PAGE_NUMBER.match(content[i])}
    # Grow the clusters: a recurring line next to furniture is furniture.
    grown = True
    while grown:
        grown = False
        for i in sorted(furniture):
            for j in range(max(0, i - WINDOW), min(len(lines), i + WINDOW + 1)):
                if j in furniture:
                    continue
                between = range(min(i, j) + 1, max(i, j))
                if all(k in furniture for k in between) and (recurring(j) or _BARE_PAGE_NUMBER.match(content[j])):
                    furniture.add(j)
                    grown = True
    ranges = []
    for i in sorted(furniture | {i for i in long if _LEADING_PAGE_MARKER.match(content[i])}):
        start, end = lines[i]
        if i in long:
            marker = _LEADING_PAGE_MARKER.match(text, start, end)
            ranges.append((start, marker.end()) if marker else (start, start))
        else:
            ranges.append((start, min(end + 1, len(text))))
    return ranges


def remove_furniture(text: str, page_starts: tuple[int, ...] = (0,)) -> Cleaned:
    removed = find_furniture(text, page_starts)
    parts, cuts, position, clean_length = [], [], 0, 0
    for start, end in [*removed, (len(text), len(text))]:
        if start > position:
            cuts.append((clean_length, position))
            parts.append(text[position:start])
            clean_length += start - position
        position = max(position, end)
    return Cleaned("".join(parts), tuple(cuts) or ((0, 0),), tuple(removed))
