"""Text out of a PDF, page by page: the text layer through PDFium, or OCR (Tesseract, Swedish) for scans.

PDFium (pypdfium2) is chosen for speed and fidelity: it keeps reading order and Swedish characters, marks
words hyphenated at a line end, and is BSD/Apache licensed (docs/measurements.md has the measurement).
"""

from __future__ import annotations

import json
import re
import resource
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pypdfium2 as pdfium

from beslutsgraf.ingest.errors import IngestError

OCR_LANGUAGE = "swe"
OCR_DPI = 300
# A page whose text layer holds fewer characters than this is taken for a scanned image.
MIN_TEXT_CHARS = 20
# Bounds no protocol comes near and a PDF bomb does: refused before they are read, so that a hostile file costs
# neither the memory nor the hours it would. The largest protocol in the corpus is 280 pages and 600k characters.
MAX_PAGES = 3_000
MAX_TEXT_CHARS = 5_000_000
MAX_OCR_PIXELS = 40_000_000  # an A3 page at 300 dpi is 35 million pixels
MAX_READ_MEMORY = 2 * 1024**3  # the reading process's address space; a 280-page protocol needs a few hundred MB


@dataclass(frozen=True)
class PdfText:
    pages: tuple[str, ...]
    ocr_pages: tuple[int, ...]  # 1-based numbers of the pages read by OCR
    # the horizontal centre of every character of each page's text (-1 where PDFium made the character up);
    # PDFium joins a table's columns with one space, so a column is known only by where its text stands
    xs: tuple[tuple[float, ...], ...] = ()


@cache
def ocr_available() -> bool:
    """Tesseract with Swedish installed (Debian: tesseract-ocr, tesseract-ocr-swe); asked once a process."""
    if shutil.which("tesseract") is None:
        return False
    listed = subprocess.run(["tesseract", "--list-langs"], check=False, capture_output=True, text=True, timeout=60)
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
    width, height = page.get_size()  # in points, 72 to the inch
    pixels = width * height * (OCR_DPI / 72) ** 2
    if pixels > MAX_OCR_PIXELS:
        raise IngestError(
            path,
            f"the page is {width / 72 * 25.4:,.0f} × {height / 72 * 25.4:,.0f} mm, larger than any "
            "protocol's page; it is not read by OCR",
            f"page {number}",
        )
    image = page.render(scale=OCR_DPI / 72).to_pil()
    with tempfile.TemporaryDirectory() as tmp:
        png = Path(tmp) / "page.png"
        image.save(png)
        done = subprocess.run(
            ["tesseract", str(png), "stdout", "-l", OCR_LANGUAGE, "--psm", "4"],
            check=False,
            capture_output=True,
            text=True,
            timeout=300,
        )
    if done.returncode != 0:
        raise IngestError(path, f"OCR failed on this page: {done.stderr.strip()[:200]}", f"page {number}")
    # Tesseract reads the section sign as a dollar sign; no Swedish protocol has dollars before a number.
    return re.sub(r"\$\s?(?=\d)", "§ ", done.stdout)


def read_pdf(path: Path, data: bytes) -> PdfText:
    """The PDF read in a process of its own under a memory bound, so that a bomb (a few kilobytes that PDFium
    expands into gigabytes) is refused instead of exhausting the machine: reading a page that draws 24 million
    characters took PDFium 3.2 GB before a single character could be counted."""
    if b"%%EOF" not in data[-2048:]:
        raise IngestError(path, "is a truncated PDF (it does not end with %%EOF); download it again")
    done = subprocess.run(
        [sys.executable, "-m", "beslutsgraf.ingest.pdf"], input=data, capture_output=True, check=False
    )
    if done.returncode != 0:  # out of its memory (MemoryError, or PDFium aborting), or killed
        raise IngestError(
            path,
            f"needs more than {MAX_READ_MEMORY // 2**20:,} MB of memory to read, more than any "
            "protocol, or it broke the PDF reader; it is not read",
        )
    answer = json.loads(done.stdout)
    if "refused" in answer:
        raise IngestError(path, answer["refused"], answer["place"])
    return PdfText(tuple(answer["pages"]), tuple(answer["ocr_pages"]), tuple(tuple(xs) for xs in answer["xs"]))


def _read(path: Path, data: bytes) -> PdfText:
    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as error:
        if "password" in str(error).lower():
            raise IngestError(path, "is an encrypted PDF that needs a password; remove the protection first") from None
        raise IngestError(path, "is not a readable PDF (damaged or not a PDF at all)") from None
    try:
        if len(document) > MAX_PAGES:
            raise IngestError(path, f"has {len(document):,} pages, over the limit of {MAX_PAGES:,}")
        pages: list[str] = []
        positions: list[tuple[float, ...]] = []
        scanned: list[int] = []
        read = 0
        for index in range(len(document)):
            try:
                textpage = document[index].get_textpage()
            except pdfium.PdfiumError:  # found by fuzzing (fuzz/pdf.py): a page object PDFium cannot load
                raise IngestError(path, "is a damaged PDF: this page cannot be loaded", f"page {index + 1}") from None
            read += textpage.count_chars()  # counted before the text is made, which is where a bomb goes off
            if read > MAX_TEXT_CHARS:
                raise IngestError(
                    path,
                    f"holds over {MAX_TEXT_CHARS:,} characters of text, more than any protocol",
                    f"page {index + 1}",
                )
            text, xs = _text_and_positions(textpage)
            if len(text.strip()) < MIN_TEXT_CHARS:
                scanned.append(index + 1)
            pages.append(text)
            positions.append(xs)
        if scanned:
            if not ocr_available():
                if len(scanned) == len(pages):
                    raise IngestError(
                        path,
                        "has no text layer (a scanned image); install tesseract-ocr and "
                        "tesseract-ocr-swe to read it with OCR",
                    )
                scanned = []  # mostly text: an empty page is an empty page
            for number in scanned:
                pages[number - 1] = _ocr_page(document[number - 1], path, number)
                positions[number - 1] = (-1.0,) * len(pages[number - 1])
        if not "".join(pages).strip():
            raise IngestError(path, "has no text at all, not even by OCR")
        return PdfText(tuple(pages), tuple(scanned), tuple(positions))
    finally:
        document.close()


def _read_standard_input() -> None:
    """The reading process: a PDF on standard input, its text (or why it is refused) as JSON on standard output."""
    resource.setrlimit(resource.RLIMIT_AS, (MAX_READ_MEMORY, MAX_READ_MEMORY))
    try:
        text = _read(Path("<pdf>"), sys.stdin.buffer.read())
        answer: dict = {"pages": text.pages, "ocr_pages": text.ocr_pages, "xs": text.xs}
    except IngestError as error:
        answer = {"refused": error.reason, "place": error.place}
    except MemoryError:
        raise
    except Exception as error:  # what PDFium raised that no check above foresaw: the file, not the machine
        answer = {"refused": f"is a PDF the reader cannot read ({error.__class__.__name__})", "place": None}
    sys.stdout.write(json.dumps(answer))


if __name__ == "__main__":
    _read_standard_input()
