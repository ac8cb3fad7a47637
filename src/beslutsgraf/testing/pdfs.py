"""Real PDFs for the tests, made from protocol text: pages with running headers and footers, a scan
(the same pages as images, no text layer), an encrypted one, a truncated one."""

from __future__ import annotations

import zlib
from pathlib import Path

from fpdf import FPDF
from PIL import Image, ImageDraw, ImageFont

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"  # Debian's fonts-dejavu-core: Swedish and typography


def _pages(text: str, lines_per_page: int) -> list[list[str]]:
    lines = text.splitlines()
    return [lines[i : i + lines_per_page] for i in range(0, len(lines), lines_per_page)] or [[]]


def protocol_pdf(
    text: str,
    path: Path,
    *,
    body: str = "Kommunstyrelsen",
    date: str = "2026-06-03",
    lines_per_page: int = 28,
    encrypt_with: str | None = None,
) -> Path:
    """The text set on A4 pages, each with a running header and footer as municipalities print them."""
    pages = _pages(text, lines_per_page)
    pdf = FPDF(format="A4")
    pdf.set_auto_page_break(False)
    pdf.add_font("DejaVu", fname=FONT)
    for number, lines in enumerate(pages, 1):
        pdf.add_page()
        pdf.set_font("DejaVu", size=9)
        pdf.set_xy(15, 10)
        pdf.cell(0, 5, f"{body}   Sammanträdesprotokoll   Sammanträdesdatum {date}   Sida {number} ({len(pages)})")
        pdf.set_font("DejaVu", size=10.5)
        pdf.set_xy(15, 22)
        for line in lines:
            pdf.cell(0, 8.5, line, new_x="LMARGIN", new_y="NEXT")
            pdf.set_x(15)
        pdf.set_font("DejaVu", size=8)
        pdf.set_xy(15, 285)
        pdf.cell(0, 5, "Justerandes signatur                    Utdragsbestyrkande")
    if encrypt_with:
        pdf.set_encryption(owner_password="owner-" + encrypt_with, user_password=encrypt_with)
    path.write_bytes(bytes(pdf.output()))
    return path


def scanned_pdf(text: str, path: Path, *, lines_per_page: int = 28) -> Path:
    """The text drawn into page images at 200 dpi and bound as a PDF with no text layer, as a scanner makes it."""
    font = ImageFont.truetype(FONT, 30)
    images = []
    for lines in _pages(text, lines_per_page):
        image = Image.new("L", (1654, 2339), 255)  # A4 at 200 dpi
        draw = ImageDraw.Draw(image)
        for row, line in enumerate(lines):
            draw.text((130, 180 + row * 70), line, font=font, fill=0)
        images.append(image.convert("RGB"))
    images[0].save(path, "PDF", resolution=200.0, save_all=True, append_images=images[1:])
    return path


def truncated(source: Path, path: Path) -> Path:
    data = source.read_bytes()
    path.write_bytes(data[: len(data) * 2 // 3])
    return path


def roll_call_pdf(before: str, rows: list[tuple[str, str, str]], path: Path) -> Path:
    """Protocol text, then a roll-call table with an X in the Ja, Nej or Avstår column, set as a real table:
    each cell at its column's position (PDFium will join the cells with single spaces)."""
    columns = {"Ja": 120.0, "Nej": 140.0, "Avstår": 160.0}
    pdf = FPDF(format="A4")
    pdf.add_font("DejaVu", fname=FONT)
    pdf.set_font("DejaVu", size=10.5)
    pdf.add_page()
    pdf.set_xy(15, 15)
    for line in before.splitlines():
        pdf.cell(0, 7, line, new_x="LMARGIN", new_y="NEXT")
        pdf.set_x(15)
    y = pdf.get_y() + 4
    for label, x in (("Ledamot", 15.0), ("Parti", 85.0), *columns.items()):
        pdf.set_xy(x, y)
        pdf.cell(20, 7, label)
    for name, party, choice in rows:
        y += 7
        for text, x in ((name, 15.0), (party, 85.0), ("X", columns[choice] + 1)):
            pdf.set_xy(x, y)
            pdf.cell(15, 7, text)
    path.write_bytes(bytes(pdf.output()))
    return path


def raw_pdf(path: Path, pages: list[tuple[tuple[float, float], bytes]]) -> Path:
    """A PDF written by hand, byte by byte: each page its size in points and its content stream, Flate-compressed
    (as a bomb is: a few kilobytes that expand to what the page draws)."""
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b""]
    kids = []
    for (width, height), content in pages:
        packed = zlib.compress(content, 9)
        stream = len(objects) + 2
        kids.append(len(objects) + 1)
        objects.append(
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {width} {height}] /Contents {stream} 0 R "
            f"/Resources << /Font << /F1 << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> >> >> >>".encode()
        )
        objects.append(f"<< /Length {len(packed)} /Filter /FlateDecode >>\nstream\n".encode() + packed + b"\nendstream")
    objects[1] = f"<< /Type /Pages /Kids [{' '.join(f'{k} 0 R' for k in kids)}] /Count {len(kids)} >>".encode()
    out = bytearray(b"%PDF-1.7\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{offset:010d} 00000 n \n".encode() for offset in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    path.write_bytes(bytes(out))
    return path
