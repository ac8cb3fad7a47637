"""Precision and recall per field against hand-checked gold values (tests/data/gold/*.toml).

    .venv/bin/python -m bench.accuracy [--gold tests/data/gold] [--output bench/results/accuracy.json]

Fields: paragraphs (the §§ found), case numbers, titles, outcomes, basis documents (kind and authors), referral
responders, votes (yes/no/abstain), reservations (who), attendance (name and kind). Each is scored as sets of
facts: a fact found and in the gold is a true positive, found and not in the gold a false positive, in the gold
and not found a false negative.
"""

from __future__ import annotations

import argparse
import json
import re
import tomllib
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from ingest.errors import IngestError
from ingest.model import Paragraph, Protocol
from ingest.protocol import parse_protocol
from ingest.resolve import Resolver
from ingest.source import SourceMetadata, read_source
from ontology.registry import load_registry

ROOT = Path(__file__).resolve().parents[1]
FIELDS = (
    "paragraphs", "case", "title", "outcome", "documents", "responders", "votes", "reservations", "jav",
    "attendance",
)  # fmt: skip


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    misses: list[str] = field(default_factory=list)

    def add(self, found: Counter, expected: Counter, where: str) -> None:
        self.tp += sum((found & expected).values())
        self.fp += sum((found - expected).values())
        self.fn += sum((expected - found).values())
        for fact in (found - expected) + (expected - found):
            self.misses.append(f"{where}: {'extra' if fact in found - expected else 'missing'} {fact}")

    @property
    def precision(self) -> float | None:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else None

    @property
    def recall(self) -> float | None:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else None


def source_path(value: str) -> Path:
    return ROOT.parent / "shared" / value.removeprefix("shared:") if value.startswith("shared:") else ROOT / value


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip().lower()


def _document(document) -> str:
    authors = "+".join(a.key if a.key else f"?{a.mention}" for a in document.authors)
    return f"{document.kind}:{authors}"


def _facts(paragraph: Paragraph, name: str) -> Counter:
    if name == "case":
        return Counter([paragraph.case_number] if paragraph.case_number else [])
    if name == "title":
        return Counter([_norm(paragraph.title)])
    if name == "outcome":
        return Counter([] if paragraph.from_contents else [paragraph.decision_kind])
    if name == "documents":
        return Counter(_document(d) for d in paragraph.basis)
    if name == "responders":
        return Counter(a.key or f"?{a.mention}" for d in paragraph.basis if d.is_referral_response for a in d.authors)
    if name == "votes":
        return Counter(tuple(v.counts.get(c, 0) for c in ("yes", "no", "abstain")) for v in paragraph.votes)
    if name == "reservations":
        found = [p.name for s in paragraph.statements if s.kind == "reservation" for p in s.people]
        found += [party for s in paragraph.statements if s.kind == "reservation" for party in s.parties]
        return Counter(found)
    if name == "jav":
        return Counter(p.name for s in paragraph.statements if s.kind == "jav" for p in s.people)
    raise ValueError(name)


def _expected(gold: dict, name: str) -> Counter:
    value = gold[name]
    if name in ("case", "outcome"):
        return Counter([value])
    if name == "title":
        return Counter([_norm(value)])
    if name == "votes":
        return Counter(tuple(v) for v in value)
    return Counter(value)


def evaluate(gold_dir: Path, resolver: Resolver | None = None, *, readable_only: bool = False) -> dict[str, Score]:
    """Scores over every gold file; `readable_only` leaves out those marked `known_unreadable`."""
    resolver = resolver or Resolver(load_registry())
    scores = {name: Score() for name in FIELDS}
    for gold_file in sorted(gold_dir.glob("*.toml")):
        gold = tomllib.loads(gold_file.read_text(encoding="utf-8"))
        if readable_only and gold.get("known_unreadable"):
            continue
        options = SourceMetadata(kommun=gold.get("kommun"), organ=gold.get("organ"), date=gold.get("date"))
        try:
            protocol: Protocol | None = parse_protocol(read_source(source_path(gold["source"])), options, resolver)
        except IngestError as refused:  # a layout the parser cannot read: everything in the gold is missed
            protocol = None
            scores["paragraphs"].misses.append(f"{gold_file.stem}: refused: {refused.reason}")
        covered = set(gold["paragraphs"])
        if protocol is None:
            scores["paragraphs"].fn += len(covered)
            for expected in gold.get("paragraph", []):
                for name in FIELDS[1:-1]:
                    if name in expected:
                        scores[name].fn += sum(_expected(expected, name).values())
            scores["attendance"].fn += len(gold.get("attendee", []))
            continue
        found = {p.number: p for p in protocol.paragraphs}
        in_scope = found.keys() if gold.get("complete") else found.keys() & covered
        scores["paragraphs"].add(Counter(in_scope), Counter(covered), gold_file.stem)
        for expected in gold.get("paragraph", []):
            paragraph = found.get(expected["number"])
            where = f"{gold_file.stem} § {expected['number']}"
            for name in FIELDS[1:-1]:
                if name in expected:
                    facts = _facts(paragraph, name) if paragraph else Counter()
                    scores[name].add(facts, _expected(expected, name), where)
        if "attendee" in gold:
            attendance = Counter((a.name, a.kind) for a in protocol.header.attendees)
            wanted = Counter((a["name"], a["kind"]) for a in gold["attendee"])
            scores["attendance"].add(attendance, wanted, gold_file.stem)
    return scores


def report(scores: dict[str, Score]) -> dict[str, dict]:
    def rounded(x: float | None) -> float | None:
        return None if x is None else round(x, 3)

    return {
        name: {
            "precision": rounded(s.precision),
            "recall": rounded(s.recall),
            "tp": s.tp,
            "fp": s.fp,
            "fn": s.fn,
            "misses": s.misses,
        }
        for name, s in scores.items()
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gold", type=Path, default=ROOT / "tests" / "data" / "gold")
    parser.add_argument("--output", type=Path, default=ROOT / "bench" / "results" / "accuracy.json")
    args = parser.parse_args()
    result = report(evaluate(args.gold))
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"{'field':<14}{'precision':>10}{'recall':>8}{'tp':>6}{'fp':>5}{'fn':>5}")
    for name, r in result.items():
        p = "-" if r["precision"] is None else f"{r['precision']:.3f}"
        q = "-" if r["recall"] is None else f"{r['recall']:.3f}"
        print(f"{name:<14}{p:>10}{q:>8}{r['tp']:>6}{r['fp']:>5}{r['fn']:>5}")
    for name, r in result.items():
        for miss in r["misses"]:
            print(f"  {name}: {miss}")


if __name__ == "__main__":
    main()
