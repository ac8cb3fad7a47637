"""Protocols as PDF: the text layer page by page, furniture removed, pages in the provenance; scans by OCR."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from beslutsgraf.ingest.errors import IngestError
from beslutsgraf.ingest.pdf import MAX_PAGES, ocr_available
from beslutsgraf.ingest.protocol import parse_protocol
from beslutsgraf.ingest.resolve import Resolver
from beslutsgraf.ingest.source import MAX_BYTES, SourceMetadata, read_source
from beslutsgraf.testing.pdfs import protocol_pdf, raw_pdf, scanned_pdf, truncated
from tests.conftest import DATA, SEED

pytestmark = pytest.mark.unit

SEED_TEXT = SEED.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def seed_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return protocol_pdf(SEED_TEXT, tmp_path_factory.mktemp("pdf") / "ks-138.pdf")


def test_a_pdf_is_read_page_by_page_without_its_furniture(seed_pdf: Path) -> None:
    source = read_source(seed_pdf)
    assert source.media_type == "application/pdf"
    assert source.page_count == 3
    assert "Sida 2 (3)" in source.original and "Sida 2 (3)" not in source.text
    assert "Justerandes signatur" in source.original and "Justerandes signatur" not in source.text
    assert "Sammanträdesdatum 2026-06-03" not in source.text
    for line in (
        "Kommunstyrelsen föreslår kommunfullmäktige besluta om överenskommelsen; Ansvar, roller",
        "• Socialörvaltningens tjänsteskrivelse 2025-11-13 Ansvar roller och samspel",
    ):
        assert line in source.text


def test_the_pdf_seed_gives_the_text_seeds_answer_with_pages(seed_pdf: Path, resolver: Resolver) -> None:
    from_pdf = parse_protocol(read_source(seed_pdf), SourceMetadata(kommun="X"), resolver)
    from_text = parse_protocol(read_source(SEED), SourceMetadata(kommun="X"), resolver)
    assert from_pdf.meeting.day == from_text.meeting.day
    pdf_paragraph, text_paragraph = from_pdf.paragraphs[0], from_text.paragraphs[0]
    assert pdf_paragraph.title == text_paragraph.title
    assert pdf_paragraph.case_number == text_paragraph.case_number
    assert [(d.kind, d.is_referral_response, [a.key for a in d.authors]) for d in pdf_paragraph.basis] == [
        (d.kind, d.is_referral_response, [a.key for a in d.authors]) for d in text_paragraph.basis
    ]
    pages = {d.position: d.span.page for d in pdf_paragraph.basis}
    assert pages[1] == 2 and pages[14] == 3  # the basis list runs over a page break
    source = read_source(seed_pdf)
    for document in pdf_paragraph.basis:  # every quote is the original text at its offsets
        assert source.original[document.span.start : document.span.end] == document.span.text


def test_an_encrypted_pdf_is_refused(tmp_path: Path) -> None:
    locked = protocol_pdf(SEED_TEXT, tmp_path / "locked.pdf", encrypt_with="hemligt")
    with pytest.raises(IngestError, match="encrypted PDF that needs a password") as refused:
        read_source(locked)
    assert str(locked) in str(refused.value)


def test_a_truncated_pdf_is_refused(tmp_path: Path, seed_pdf: Path) -> None:
    cut = truncated(seed_pdf, tmp_path / "cut.pdf")
    with pytest.raises(IngestError, match="truncated PDF"):
        read_source(cut)


def test_a_scan_without_ocr_is_refused_in_words(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    scan = scanned_pdf(SEED_TEXT, tmp_path / "scan.pdf")
    monkeypatch.setenv("PATH", str(tmp_path))  # no tesseract on this PATH
    with pytest.raises(IngestError, match=r"no text layer .* install tesseract-ocr and tesseract-ocr-swe"):
        read_source(scan)


@pytest.mark.slow
@pytest.mark.skipif(not ocr_available(), reason="Tesseract with Swedish is not installed (make system-deps)")
def test_a_scan_is_read_by_ocr_and_marked_so(tmp_path: Path, resolver: Resolver) -> None:
    text = (DATA / "bun-2025-11-11.txt").read_text(encoding="utf-8")
    scan = scanned_pdf(text, tmp_path / "scan.pdf")
    source = read_source(scan)
    assert source.ocr_pages == (1, 2)
    protocol = parse_protocol(source, SourceMetadata(), resolver)
    assert (protocol.meeting.body.key, protocol.meeting.day.isoformat()) == ("bun", "2025-11-11")
    (paragraph,) = protocol.paragraphs
    assert paragraph.number == 96 and paragraph.case_number == "BUN 2025/129"
    assert [d.kind for d in paragraph.basis] == ["tjansteskrivelse", "remiss", "protokollsutdrag"]


A4 = (595, 842)
TEXT = b"BT /F1 10 Tf 72 700 Td (Kommunstyrelsen beslutar att godkanna.) Tj ET"


@pytest.mark.parametrize(
    ("name", "pages", "reason", "place"),
    [
        ("too many pages", [(A4, TEXT)] * (MAX_PAGES + 1), f"pages, over the limit of {MAX_PAGES:,}", None),
        # 500 lines of 12,000 characters drawn from one short stream: 6 million characters
        (
            "text bomb",
            [(A4, b"BT /F1 1 Tf " + (b"(" + b"A" * 12_000 + b") Tj 0 -1 Td ") * 500 + b"ET")],
            "characters of text, more than any protocol",
            "page 1",
        ),
        # 24 million: PDFium would take 3.2 GB to lay them out, before one could be counted
        (
            "memory bomb",
            [(A4, b"BT /F1 1 Tf " + (b"(" + b"A" * 12_000 + b") Tj 0 -1 Td ") * 2_000 + b"ET")],
            "MB of memory to read, more than any protocol",
            None,
        ),
        # a blank page of 5 × 5 m, which OCR at 300 dpi would render as 3.5 billion pixels
        ("giant page", [((14_400, 14_400), b"")], "larger than any protocol's page", "page 1"),
    ],
)
def test_a_pdf_bomb_is_refused_before_it_is_read(
    tmp_path: Path, name: str, pages: list, reason: str, place: str | None
) -> None:
    if name == "giant page" and not ocr_available():
        pytest.skip("the page would go to OCR, which is not installed here")
    bomb = raw_pdf(tmp_path / "bomb.pdf", pages)
    assert bomb.stat().st_size < MAX_BYTES / 10  # small on disk: the size limit does not catch it
    with pytest.raises(IngestError, match=re.escape(reason)) as refused:
        read_source(bomb)
    assert refused.value.place == place


def test_a_pdf_written_by_hand_is_read(tmp_path: Path) -> None:
    """The bombs' maker makes a PDF PDFium reads: the refusals above are the limits', not a broken file's."""
    pdf = raw_pdf(tmp_path / "small.pdf", [(A4, TEXT)] * 2)
    assert read_source(pdf).original.count("Kommunstyrelsen beslutar") == 2
