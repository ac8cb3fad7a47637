"""The protocol checks itself: §§ against the table of contents and the header's § range, and votes
against their printed counts. Every mismatch is reported, never hidden."""

from __future__ import annotations

import re

from beslutsgraf.ingest.contents import TocEntry
from beslutsgraf.ingest.model import Protocol

_LABELLED_RANGE = re.compile(r"^\s*Paragrafer\s*:?\s*(?:§§\s*)?(\d{1,4})\s*[-–—]\s*(\d{1,4})", re.I | re.M)


def header_range(prelude: str) -> tuple[int, int] | None:
    """The § range the header states ("Paragrafer §§ 12–15"); a "§§ 14–15" elsewhere says who served when."""
    m = _LABELLED_RANGE.search(prelude)
    return (int(m[1]), int(m[2])) if m else None


def self_check(protocol: Protocol, contents: list[TocEntry], prelude: str) -> list[str]:
    found = [p.number for p in protocol.paragraphs if not p.from_contents]
    findings = []
    if contents:
        listed = {entry.number for entry in contents}
        missing = sorted(listed - set(found))
        extra = sorted(set(found) - listed)
        if missing:
            findings.append(f"the table of contents lists § {_numbers(missing)}, not found in the text")
        if extra:
            findings.append(f"§ {_numbers(extra)} in the text, not in the table of contents")
    if (stated := header_range(prelude)) is not None:
        first, last = stated
        outside = [n for n in found if not first <= n <= last]
        absent = [n for n in range(first, last + 1) if n not in found and n not in {e.number for e in contents}]
        if outside:
            findings.append(f"§ {_numbers(outside)} outside the header's range §§ {first}–{last}")
        if absent:
            findings.append(f"the header's range §§ {first}–{last} has no § {_numbers(absent)}")
    if unplaced := protocol.header.unplaced:
        findings.append(
            f"{len(unplaced)} people in the header whose list cannot be told (two lists read across, or "
            f"a presence table without its marks): {', '.join(unplaced[:3])}"
            f"{' …' if len(unplaced) > 3 else ''}"
        )
    for paragraph in protocol.paragraphs:
        for vote in paragraph.votes:
            for mismatch in vote.mismatches():
                findings.append(f"§ {paragraph.number}, vote {vote.position}: {mismatch}")
    return findings


def _numbers(numbers: list[int]) -> str:
    return ", ".join(str(n) for n in numbers)
