"""Coverage-guided fuzzing (atheris, libFuzzer) of the PDF reader, in this process (the ingest reads a PDF in a
process of its own under a memory bound; here libFuzzer's -rss_limit_mb is that bound): any bytes must give text
or an IngestError. Anything else stops the fuzzer with the input.

    .venv/bin/python fuzz/pdf.py fuzz/corpus-pdf -max_total_time=60 -rss_limit_mb=2048
"""

from __future__ import annotations

import sys
from pathlib import Path

import atheris

with atheris.instrument_imports(include=["beslutsgraf.ingest"]):
    from beslutsgraf.ingest.errors import IngestError
    from beslutsgraf.ingest.pdf import _read

PATH = Path("fuzzed.pdf")


def one_input(data: bytes) -> None:
    try:
        _read(PATH, data)
    except IngestError:
        return


if __name__ == "__main__":
    atheris.Setup(sys.argv, one_input)
    atheris.Fuzz()
