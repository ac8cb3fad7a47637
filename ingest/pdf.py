"""Text out of a PDF, page by page: the text layer through PDFium, or OCR (Tesseract, Swedish) for scans.

PDFium (pypdfium2) is chosen for speed and fidelity: it keeps reading order and Swedish characters, marks
words hyphenated at a line end, and is BSD/Apache licensed (see the README for the measurement).
"""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pypdfium2 as pdfium

from ingest.errors import IngestError

OCR_LANGUAGE = "swe"
OCR_DPI = 300
# A page whose text layer holds fewer characters than this is taken for a scanned image.
MIN_TEXT_CHARS = 20


@dataclass(frozen=True)
class PdfText:
    pages: tuple[str, ...]
    ocr_pages: tuple[int, ...]  # 1-based numbers of the pages read by OCR
    # the horizontal centre of every character of each page's text (-1 where PDFium made the character up);
    # PDFium joins a table's columns with one space, so a column is known only by where its text stands
    xs: tuple[tuple[float, ...], ...] = ()


def ocr_available() -> bool:
    """Tesseract with Swedish installed (Debian: tesseract-ocr, tesseract-ocr-swe)."""
    if shutil.which("tesseract") is None:
        return False
    listed = subprocess.run(["tesseract", "--list-langs"], capture_output=True, text=True, timeout=60)
    return OCR_LANGUAGE in listed.stdout.split()


def _clean(text: str) -> str:
    # PDFium marks a hyphen at a line end with \x02 (or U+FFFE); the parser joins such words again.
    return text.replace("\x02", "-").replace("\ufffe", "-").replace("\r\n", "\n").replace("\r", "\n")


def _text_and_positions(textpage: pdfium.PdfTextPage) -> tuple[str, tuple[float, ...]]:
    raw = textpage.get_text_range()
    chars: list[str] = []
    xs: list[float] = []
    for index, char in enumerate(raw):
        if char == "\r" and raw[index + 1 : index + 2] == "\n":
            continue  # the line end counts once
        chars.append(_clean(char))
        try:
            left, _, right, _ = textpage.get_charbox(index)
            xs.append((left + right) / 2 if right > left else -1.0)
        except pdfium.PdfiumError:
            xs.append(-1.0)
    return "".join(chars), tuple(xs)


def _ocr_page(page: pdfium.PdfPage, path: Path, number: int) -> str:
    image = page.render(scale=OCR_DPI / 72).to_pil()
    with tempfile.TemporaryDirectory() as tmp:
        png = Path(tmp) / "page.png"
        image.save(png)
        done = subprocess.run(
            ["tesseract", str(png), "stdout", "-l", OCR_LANGUAGE, "--psm", "4"],
            capture_output=True, text=True, timeout=300,
        )  # fmt: skip
    if done.returncode != 0:
        raise IngestError(path, f"OCR failed on this page: {done.stderr.strip()[:200]}", f"page {number}")
    # Tesseract reads the section sign as a dollar sign; no Swedish protocol has dollars before a number.
    return re.sub(r"\$\s?(?=\d)", "§ ", done.stdout)


def read_pdf(path: Path, data: bytes) -> PdfText:
    if b"%%EOF" not in data[-2048:]:
        raise IngestError(path, "is a truncated PDF (it does not end with %%EOF); download it again")
    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as error:
        if "password" in str(error).lower():
            raise IngestError(path, "is an encrypted PDF that needs a password; remove the protection first") from None
        raise IngestError(path, "is not a readable PDF (damaged or not a PDF at all)") from None
    try:
        pages: list[str] = []
        positions: list[tuple[float, ...]] = []
        scanned: list[int] = []
        for index in range(len(document)):
            text, xs = _text_and_positions(document[index].get_textpage())
            if len(text.strip()) < MIN_TEXT_CHARS:
                scanned.append(index + 1)
            pages.append(text)
            positions.append(xs)
        if scanned:
            if not ocr_available():
                if len(scanned) == len(pages):
                    raise IngestError(path, "has no text layer (a scanned image); install tesseract-ocr and "
                                            "tesseract-ocr-swe to read it with OCR")  # fmt: skip
                scanned = []  # mostly text: an empty page is an empty page
            for number in scanned:
                pages[number - 1] = _ocr_page(document[number - 1], path, number)
                positions[number - 1] = (-1.0,) * len(pages[number - 1])
        if not "".join(pages).strip():
            raise IngestError(path, "has no text at all, not even by OCR")
        return PdfText(tuple(pages), tuple(scanned), tuple(positions))
    finally:
        document.close()
