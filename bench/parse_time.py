"""The parser's own cost on the Göteborg corpus: the best of several runs of `parse_protocol` over every protocol,
the files read once before. For comparing two versions of the parser, run it in each (a `git worktree` of the
older commit) one after the other, and compare the two figures; `bench.ingest_stages` gives every stage once.

    .venv/bin/python -m bench.parse_time [--corpus ../shared/corpus/goteborg] [--repeat 5]
    (cd ../old && PYTHONPATH=. ../main/.venv/bin/python -m bench.parse_time)   # the same, for an older commit
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from beslutsgraf.ingest.protocol import parse_protocol
from beslutsgraf.ingest.resolve import Resolver
from beslutsgraf.ingest.source import SourceMetadata, read_source
from beslutsgraf.ontology.registry import load_registry

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "goteborg"


def best_parse_seconds(corpus: Path, repeat: int) -> float:
    resolver = Resolver(load_registry())
    sources = [read_source(path) for path in sorted(corpus.glob("*/protokoll.txt"))]
    metadata = SourceMetadata(kommun="Göteborg")
    best = float("inf")
    for _ in range(repeat):
        started = time.perf_counter()
        for source in sources:
            parse_protocol(source, metadata, resolver)
        best = min(best, time.perf_counter() - started)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    print(f"{best_parse_seconds(args.corpus, args.repeat):.3f} s, the best of {args.repeat}")


if __name__ == "__main__":
    main()
