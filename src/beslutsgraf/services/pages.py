"""A source page as the archivist sees it: a PDF page drawn as an image (PDFium) with the quoted span's characters
marked, found on the page by PDFium's own text search, line by line of the quote."""

from __future__ import annotations

import io
from pathlib import Path

import pypdfium2 as pdfium
from PIL import Image, ImageDraw

MAX_PIXELS = 12_000_000  # an A4 page at 2× is 2.8 million pixels; a poster-sized page is drawn smaller
SCALE = 2.0
MARK = (255, 214, 0, 110)  # a highlighter's yellow, the text still readable under it


class NoSuchPage(ValueError):
    """A page number the file does not have."""


def page_count(path: Path) -> int:
    document = pdfium.PdfDocument(path)
    try:
        return len(document)
    finally:
        document.close()


def page_png(path: Path, number: int, quote: str | None) -> bytes:
    """Page `number` (from 1) of the PDF at `path` as a PNG, the lines of `quote` marked where the page holds them."""
    document = pdfium.PdfDocument(path)
    try:
        if not 1 <= number <= len(document):
            raise NoSuchPage(f"the file has {len(document)} page(s), not a page {number}")
        page = document[number - 1]
        width, height = page.get_size()
        scale = min(SCALE, (MAX_PIXELS / max(width * height, 1)) ** 0.5)
        image = page.render(scale=scale).to_pil().convert("RGBA")
        if quote:
            marks = Image.new("RGBA", image.size, (0, 0, 0, 0))
            pen = ImageDraw.Draw(marks)
            for left, bottom, right, top in _quoted_rects(page.get_textpage(), quote):
                pen.rectangle(
                    (left * scale, (height - top) * scale, right * scale, (height - bottom) * scale), fill=MARK
                )
            image = Image.alpha_composite(image, marks)
        written = io.BytesIO()
        image.convert("RGB").save(written, format="PNG", optimize=True)
        return written.getvalue()
    finally:
        document.close()


def _quoted_rects(textpage: pdfium.PdfTextPage, quote: str) -> list[tuple[float, float, float, float]]:
    """The rectangles of the quote's characters: each of its lines found on the page in order, from where the last
    one ended (a quote spans lines the text layer breaks differently, and a short line recurs on a page)."""
    rects: list[tuple[float, float, float, float]] = []
    after = 0
    for line in (" ".join(part.split()) for part in quote.splitlines()):
        if not line:
            continue
        searcher = textpage.search(line, index=after, match_case=True)
        found = searcher.get_next()
        if found is None:
            continue
        index, count = found
        after = index + count
        rects += [textpage.get_rect(i) for i in range(textpage.count_rects(index, count))]
    return rects
