"""References to national law and its preparatory works: "5 kap. 23 § kommunallagen", "KL 6:24",
"23 § förvaltningslagen (2017:900)", "SFS 2017:725", "SOU 2017:114", "prop. 2016/17:171", "Ds 2019:12".

A statute is named by its SFS number (the names and abbreviations are data: ontology/registry/laws.toml) and
linked to the rinfo IRI that lagen.nu uses, with chapter and paragraph.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

LAWS_FILE = Path(__file__).parent / "registry" / "laws.toml"
RINFO = "http://rinfo.lagrummet.se/publ/"


@dataclass(frozen=True)
class LawReference:
    series: str  # sfs | sou | prop | ds
    number: str  # 2017:725, 2016/17:171
    chapter: str | None
    section: str | None
    written: str
    start: int
    end: int

    @property
    def statute_iri(self) -> str:
        return f"{RINFO}{self.series}/{self.number}"

    @property
    def iri(self) -> str:
        base = f"{RINFO}{self.series}/{self.number}"
        if self.series != "sfs" or not self.section:
            return base
        return f"{base}#{'K' + self.chapter if self.chapter else ''}P{self.section}"

    @property
    def label(self) -> str:
        where = (
            f"{self.chapter} kap. {self.section} § "
            if self.chapter and self.section
            else (f"{self.section} § " if self.section else "")
        )
        prefix = {"sfs": "SFS", "sou": "SOU", "prop": "prop.", "ds": "Ds"}[self.series]
        return f"{where}{prefix} {self.number}".strip()


@cache
def _laws() -> dict[str, str]:
    """Every name and abbreviation, lower-case (abbreviations as written), to its SFS number."""
    names: dict[str, str] = {}
    for law in tomllib.loads(LAWS_FILE.read_text(encoding="utf-8"))["law"]:
        for label in (law["name"], *law.get("aliases", [])):
            names[label if label.isupper() or label[:2].isupper() else label.lower()] = law["sfs"]
    return names


def _law_name_pattern() -> str:
    names = sorted(_laws(), key=len, reverse=True)
    return "|".join(re.escape(n) for n in names)


@cache
def _patterns() -> list[tuple[str, re.Pattern[str]]]:
    law = rf"(?P<law>{_law_name_pattern()})(?:s)?"
    number = r"(?:\s*\((?P<sfs>\d{4}:\d{1,4})\))?"
    return [
        # 5 kap. 23 § kommunallagen (2017:725) / 23 § förvaltningslagen / 6 kap 24 § KL
        (
            "section",
            re.compile(
                rf"(?:(?P<chapter>\d{{1,2}}\s?[a-z]?)\s*kap\.?\s*)?(?P<section>\d{{1,3}}\s?[a-z]?)\s*§\s*{law}\b{number}",
                re.I,
            ),
        ),
        # KL 6:24
        ("colon", re.compile(rf"\b{law}\s+(?P<chapter>\d{{1,2}}):(?P<section>\d{{1,3}})\b")),
        ("sfs", re.compile(r"\bSFS\s*(?P<sfs>\d{4}:\d{1,4})\b")),
        ("sou", re.compile(r"\bSOU\s*(?P<number>\d{4}:\d{1,3})\b")),
        ("ds", re.compile(r"\bDs\s*(?P<number>\d{4}:\d{1,3})\b")),
        ("prop", re.compile(r"\b[Pp]rop(?:osition)?\.?\s*(?P<number>\d{4}/\d{2}:\d{1,4})\b")),
    ]


def find_law_references(text: str) -> list[LawReference]:
    """References in `text`, with their positions in it."""
    found: list[LawReference] = []
    taken: list[tuple[int, int]] = []
    for kind, pattern in _patterns():
        for m in pattern.finditer(text):
            if any(s < m.end() and m.start() < e for s, e in taken):
                continue
            groups = m.groupdict()
            if kind in ("section", "colon"):
                written_law = groups["law"]
                key = written_law if written_law.isupper() or written_law[:2].isupper() else written_law.lower()
                sfs = groups.get("sfs") or _laws().get(key) or _laws().get(written_law.lower())
                if sfs is None:
                    continue
                chapter = re.sub(r"\s", "", groups["chapter"]) if groups.get("chapter") else None
                section = re.sub(r"\s", "", groups["section"])
                reference = LawReference("sfs", sfs, chapter, section, m.group(), m.start(), m.end())
            elif kind == "sfs":
                reference = LawReference("sfs", groups["sfs"], None, None, m.group(), m.start(), m.end())
            else:
                reference = LawReference(kind, groups["number"], None, None, m.group(), m.start(), m.end())
            taken.append((m.start(), m.end()))
            found.append(reference)
    return sorted(found, key=lambda r: r.start)
