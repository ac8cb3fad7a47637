"""Precision and recall per field against hand-checked gold values (tests/data/gold/*.toml), in two columns: what
the parser scored on each gold file the first time it saw it (first sight), and what it scores now.

    .venv/bin/python -m bench.accuracy [--gold tests/data/gold] [--held-out] [--first-sight]

Fields: paragraphs (the §§ found), case numbers, titles, outcomes, basis documents (kind and authors), referral
responders, votes (yes/no/abstain), reservations (who), jäv, attendance (name and kind). Each is scored as sets of
facts: a fact found and in the gold is a true positive, found and not in the gold a false positive, in the gold
and not found a false negative. The figures are given over all gold, per municipality and per form (whole, extract,
first pages, flattened, PDF).

First sight: `--first-sight` scores every gold file that has no first-sight record yet (but those marked `fitted`:
the parser was written looking at them) and adds it to
bench/results/first-sight.json, with the date and the parser's version; a record is never rewritten, so the column
says what a template nobody here had fitted the parser to got. `--held-out` takes in tests/data/gold/held-out/
too: the municipalities kept out of sight while the parser was changed.
"""

from __future__ import annotations

import argparse
import json
import re
import tempfile
import tomllib
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from beslutsgraf.ingest import PARSER_VERSION
from beslutsgraf.ingest.errors import IngestError
from beslutsgraf.ingest.model import Paragraph, Protocol
from beslutsgraf.ingest.protocol import parse_protocol
from beslutsgraf.ingest.resolve import Resolver
from beslutsgraf.ingest.source import SourceMetadata, SourceText, read_source
from beslutsgraf.ontology.registry import load_registry

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "tests" / "data" / "gold"
RESULTS = ROOT / "bench" / "results"
FIRST_SIGHT = RESULTS / "first-sight.json"
FIELDS = (
    "paragraphs",
    "case",
    "title",
    "outcome",
    "documents",
    "responders",
    "votes",
    "reservations",
    "jav",
    "attendance",
)
PARAGRAPH_FIELDS = FIELDS[1:-1]


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

    def __iadd__(self, other: Score) -> Score:
        self.tp, self.fp, self.fn = self.tp + other.tp, self.fp + other.fp, self.fn + other.fn
        self.misses += other.misses
        return self

    @property
    def precision(self) -> float | None:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else None

    @property
    def recall(self) -> float | None:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else None

    def counts(self) -> dict[str, int]:
        return {"tp": self.tp, "fp": self.fp, "fn": self.fn}


@dataclass(frozen=True)
class Gold:
    """One gold file: its values, and the municipality and form it stands for."""

    name: str
    values: dict
    municipality: str
    form: str

    @classmethod
    def read(cls, path: Path) -> Gold:
        values = tomllib.loads(path.read_text(encoding="utf-8"))
        source = values["source"]
        placed = re.match(r"tests/data/corpus/(?:held-out/)?([^/]+)/", source)
        municipality = values.get("municipality") or (placed[1] if placed else values.get("kommun") or path.stem)
        form = values.get("form") or ("pdf" if source.endswith(".pdf") else "whole")
        return cls(path.stem, values, str(municipality), str(form))


def source_path(value: str) -> Path:
    return ROOT.parent / "shared" / value.removeprefix("shared:") if value.startswith("shared:") else ROOT / value


def without_preamble(path: Path, scratch: Path) -> Path:
    """A corpus file as the parser would get it from its source: without the `# source:` block before `---` that
    says where it came from (which is no part of the protocol), written into `scratch`."""
    if path.suffix == ".txt" and (text := path.read_text(encoding="utf-8")).startswith("# source:"):
        _, separator, body = text.partition("\n---\n")
        if separator:
            path = scratch / path.name
            path.write_text(body, encoding="utf-8")
    return path


def read_corpus_text(path: Path, scratch: Path) -> SourceText:
    return read_source(without_preamble(path, scratch))


def gold_files(gold_dir: Path = GOLD, *, held_out: bool = False) -> list[Gold]:
    folders = [gold_dir, gold_dir / "held-out"] if held_out else [gold_dir]
    return [Gold.read(path) for folder in folders for path in sorted(folder.glob("*.toml"))]


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


def score_file(gold: Gold, resolver: Resolver) -> dict[str, Score]:
    """Every field's score on one gold file (a file the parser refuses scores every fact in it as missed)."""
    values = gold.values
    scores = {name: Score() for name in FIELDS}
    options = SourceMetadata(kommun=values.get("kommun"), organ=values.get("organ"), date=values.get("date"))
    try:
        with tempfile.TemporaryDirectory() as scratch:
            source = read_corpus_text(source_path(values["source"]), Path(scratch))
        protocol: Protocol | None = parse_protocol(source, options, resolver)
    except IngestError as refused:
        protocol = None
        scores["paragraphs"].misses.append(f"{gold.name}: refused: {refused.reason}")
    covered = set(values["paragraphs"])
    if protocol is None:
        scores["paragraphs"].fn += len(covered)
        for expected in values.get("paragraph", []):
            for name in PARAGRAPH_FIELDS:
                if name in expected:
                    scores[name].fn += sum(_expected(expected, name).values())
        scores["attendance"].fn += len(values.get("attendee", []))
        return scores
    found = {p.number: p for p in protocol.paragraphs}
    in_scope = found.keys() if values.get("complete") else found.keys() & covered
    scores["paragraphs"].add(Counter(in_scope), Counter(covered), gold.name)
    for expected in values.get("paragraph", []):
        paragraph = found.get(expected["number"])
        where = f"{gold.name} § {expected['number']}"
        for name in PARAGRAPH_FIELDS:
            if name in expected:
                scores[name].add(_facts(paragraph, name) if paragraph else Counter(), _expected(expected, name), where)
    if "attendee" in values:
        attendance = Counter((a.name, a.kind) for a in protocol.header.attendees)
        wanted = Counter((a["name"], a["kind"]) for a in values["attendee"])
        scores["attendance"].add(attendance, wanted, gold.name)
    return scores


def evaluate(
    gold_dir: Path = GOLD,
    resolver: Resolver | None = None,
    *,
    readable_only: bool = False,
    held_out: bool = False,
    only_fitted: bool = False,
) -> dict[str, Score]:
    """Scores over every gold file; `readable_only` leaves out those marked `known_unreadable`, `only_fitted` those
    the parser was not written against."""
    resolver = resolver or Resolver(load_registry())
    files = [
        g
        for g in gold_files(gold_dir, held_out=held_out)
        if not (readable_only and g.values.get("known_unreadable")) and (g.values.get("fitted") or not only_fitted)
    ]
    return total(score_file(gold, resolver) for gold in files)


def total(scores: Iterable[dict[str, Score]]) -> dict[str, Score]:
    summed = {name: Score() for name in FIELDS}
    for one in scores:
        for name in FIELDS:
            summed[name] += one[name]
    return summed


def _from_counts(counts: dict[str, dict[str, int]]) -> dict[str, Score]:
    return {name: Score(**counts.get(name, {})) for name in FIELDS}


def record_first_sight(files: list[Gold], resolver: Resolver, path: Path = FIRST_SIGHT) -> list[str]:
    """Score the gold files that have no first-sight record, and add theirs; the names recorded now."""
    recorded = json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
    new = [gold for gold in files if gold.name not in recorded and not gold.values.get("fitted")]
    for gold in new:
        scores = score_file(gold, resolver)
        recorded[gold.name] = {
            "date": date.today().isoformat(),
            "parser": PARSER_VERSION,
            "municipality": gold.municipality,
            "form": gold.form,
            "scores": {name: s.counts() for name, s in scores.items()},
        }
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(recorded, indent=1, ensure_ascii=False, sort_keys=True) + "\n", encoding="utf-8")
    return [gold.name for gold in new]


def _figures(scores: dict[str, Score]) -> dict[str, dict]:
    def rounded(x: float | None) -> float | None:
        return None if x is None else round(x, 3)

    return {
        name: {"precision": rounded(s.precision), "recall": rounded(s.recall), **s.counts(), "misses": s.misses}
        for name, s in scores.items()
    }


def report(files: list[Gold], resolver: Resolver, first_sight: dict) -> dict:
    """Now and first sight, over all gold, per municipality and per form."""
    now = {gold.name: score_file(gold, resolver) for gold in files}
    seen = {gold.name: _from_counts(first_sight[gold.name]["scores"]) for gold in files if gold.name in first_sight}

    def grouped(key: str) -> dict[str, dict]:
        groups: dict[str, list[Gold]] = {}
        for gold in files:
            groups.setdefault(getattr(gold, key), []).append(gold)
        return {
            group: {
                "files": [g.name for g in members],
                "now": _figures(total(now[g.name] for g in members)),
                "first_sight": _figures(total(seen[g.name] for g in members if g.name in seen)),
            }
            for group, members in sorted(groups.items())
        }

    return {
        "parser": PARSER_VERSION,
        "files": len(files),
        "all": {"now": _figures(total(now.values())), "first_sight": _figures(total(seen.values()))},
        "municipality": grouped("municipality"),
        "form": grouped("form"),
    }


def _cell(figure: dict) -> str:
    p, r = figure["precision"], figure["recall"]
    return f"{'-' if p is None else f'{p:.2f}'}/{'-' if r is None else f'{r:.2f}'}"


def print_report(result: dict, *, misses: bool) -> None:
    print(f"{len(FIELDS)} fields, precision/recall, first sight → now, over {result['files']} gold files")
    header = f"{'':<22}" + "".join(f"{name[:10]:>22}" for name in FIELDS)
    rows = [("all", result["all"])] + [(f"  {k}", v) for k, v in result["form"].items()]
    rows += [(f"  {k}", v) for k, v in result["municipality"].items()]
    print(header)
    for label, figures in rows:
        cells = "".join(f"{_cell(figures['first_sight'][n]) + ' → ' + _cell(figures['now'][n]):>22}" for n in FIELDS)
        print(f"{label[:22]:<22}{cells}")
    if misses:
        for name, figure in result["all"]["now"].items():
            for miss in figure["misses"]:
                print(f"  {name}: {miss}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gold", type=Path, default=GOLD)
    parser.add_argument("--held-out", action="store_true", help="take in the held-out gold too")
    parser.add_argument("--first-sight", action="store_true", help="record first sight for gold that has none yet")
    parser.add_argument("--misses", action="store_true", help="print every fact missed or extra")
    parser.add_argument("--output", type=Path, default=RESULTS / "accuracy.json")
    args = parser.parse_args()
    resolver = Resolver(load_registry())
    files = gold_files(args.gold, held_out=args.held_out)
    if args.first_sight:
        for name in record_first_sight(files, resolver):
            print(f"first sight recorded: {name}")
    first_sight = json.loads(FIRST_SIGHT.read_text(encoding="utf-8")) if FIRST_SIGHT.exists() else {}
    result = report(files, resolver, first_sight)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(result, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print_report(result, misses=args.misses)


if __name__ == "__main__":
    main()
