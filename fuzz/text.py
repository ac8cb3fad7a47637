"""Coverage-guided fuzzing (atheris, libFuzzer) of the text entry point: any bytes as a protocol file must give a
graph that conforms to its shapes, or an IngestError naming the file. Anything else stops the fuzzer with the input.

    make fuzz                                  # both targets, FUZZ_SECONDS each
    .venv/bin/python fuzz/text.py fuzz/corpus-text -max_total_time=60 -max_len=65536
"""

from __future__ import annotations

import sys
import tempfile
from datetime import UTC, datetime
from pathlib import Path

import atheris

with atheris.instrument_imports(include=["ingest"]):
    from ingest.errors import IngestError
    from ingest.pipeline import build_graph, parse_source
    from ingest.resolve import Resolver
    from ingest.source import SourceMetadata
    from ontology import Iris
    from ontology.registry import load_registry

RESOLVER = Resolver(load_registry())
OPTIONS = SourceMetadata(kommun="Exempelkommun", organ="KS", date="2026-06-03")
FOLDER = Path(tempfile.mkdtemp(prefix="fuzz-text-"))


def one_input(data: bytes) -> None:
    path = FOLDER / "input.txt"
    path.write_bytes(data)
    try:
        parsed = parse_source(path, OPTIONS, RESOLVER, Iris())
        built = build_graph(parsed, RESOLVER, Iris(), datetime.now(UTC))
    except IngestError as error:
        if not str(error).startswith(str(path)):
            raise AssertionError(f"an error that does not name the file: {error}") from None
        return
    if not built.report.conforms:
        raise AssertionError("a graph that breaks its own shapes was returned")


if __name__ == "__main__":
    atheris.Setup(sys.argv, one_input)
    atheris.Fuzz()
