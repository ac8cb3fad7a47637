"""Coverage-guided fuzzing (atheris, libFuzzer) of the text entry point: any bytes as a protocol file must give a
graph that conforms to its shapes, or an error naming the file. Anything else stops the fuzzer with the input.

    make fuzz                                  # both targets, FUZZ_SECONDS each
    .venv/bin/python fuzz/text.py fuzz/corpus-text -max_total_time=60 -max_len=65536
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

import atheris

with atheris.instrument_imports(include=["beslutsgraf.ingest"]):
    from beslutsgraf.ingest.resolve import Resolver
    from beslutsgraf.ingest.source import SourceMetadata
    from beslutsgraf.ontology import Iris
    from beslutsgraf.ontology.registry import load_registry
    from beslutsgraf.services.ingesting import Preparation

# The ingest's own per-file step, the one its worker processes run.
PREPARE = Preparation(
    Resolver(load_registry()),
    Iris(),
    SourceMetadata(kommun="Exempelkommun", organ="KS", date="2026-06-03"),
    frozenset(),
)
FOLDER = Path(tempfile.mkdtemp(prefix="fuzz-text-"))


def one_input(data: bytes) -> None:
    """A failure must name the file; a loaded graph has passed its shapes (the step refuses one that does not)."""
    path = FOLDER / "input.txt"
    path.write_bytes(data)
    outcome = PREPARE(path).outcome
    if outcome.status == "failed" and not (outcome.error or "").startswith(str(path)):
        raise AssertionError(f"an error that does not name the file: {outcome.error}")


if __name__ == "__main__":
    atheris.Setup(sys.argv, one_input)
    atheris.Fuzz()
