"""What `make fuzz` found, kept so that it stays answered in words: each input in tests/data/fuzz/."""

from __future__ import annotations

import pytest

from beslutsgraf.ingest.errors import IngestError
from beslutsgraf.ingest.protocol import parse_protocol
from beslutsgraf.ingest.resolve import Resolver
from beslutsgraf.ingest.source import SourceMetadata, read_source
from tests.conftest import DATA

pytestmark = pytest.mark.unit


def test_what_the_fuzzer_found_is_refused_with_a_reason() -> None:
    """A page PDFium cannot load: was an uncaught PdfiumError."""
    with pytest.raises(IngestError, match="is a damaged PDF: this page cannot be loaded") as refused:
        read_source(DATA / "fuzz" / "pdf-page-not-loadable.pdf")
    assert refused.value.place == "page 2"


def test_what_the_fuzzer_found_in_a_header_is_read_without_it(resolver: Resolver) -> None:
    """A meeting "kl. 26.00–16.30": was a ValueError; no time of day, so no times, and the rest is read."""
    source = read_source(DATA / "fuzz" / "text-hour-26.txt")
    protocol = parse_protocol(source, SourceMetadata(kommun="Exempelkommun", organ="KS", date="2026-06-03"), resolver)
    assert protocol.header.start is None and protocol.header.end is None
    assert protocol.header.place == "Stadshuset, sammanträdesrum Hökensås" and protocol.paragraphs
