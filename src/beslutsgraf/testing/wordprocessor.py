"""Protocol PDFs as municipalities make them: a word processor's document (python-docx), printed to PDF by
LibreOffice headless, the way a kommun's template gives them: the header a table (Beslutande | name | party),
headings in bold, the contents with dot leaders and page numbers, running headers and footers on every page, the
signatures in boxes, and a part of a page in two columns.

Debian's `libreoffice-writer-nogui` (installed by `make system-deps`) prints them; without it the tests that need
these PDFs are skipped, saying what to install.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from docx import Document
from docx.enum.section import WD_SECTION
from docx.enum.text import WD_TAB_LEADER
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

SOFFICE = shutil.which("soffice")


@dataclass
class Paragraph:
    number: int
    title: str
    case: str
    sections: list[tuple[str, list[str]]]  # (heading, its lines); a heading "" is text without one
    page: int = 2


@dataclass
class Protocol:
    kommun: str
    body: str
    day: str  # YYYY-MM-DD
    place: str
    members: list[tuple[str, str, str]]  # name, party, role ("" for none)
    others: list[tuple[str, str]]  # name, title
    justerare: str
    secretary: str
    paragraphs: list[Paragraph] = field(default_factory=list)


def write_docx(protocol: Protocol, path: Path) -> Path:
    """The protocol as a word processor's document, in a common template."""
    document = Document()
    style = document.styles["Normal"]
    style.font.name, style.font.size = "Liberation Serif", Pt(11)
    section = document.sections[0]
    _running(section, protocol)
    title = document.add_paragraph()
    _bold(title, f"{protocol.kommun.upper()} KOMMUN")
    title.add_run("\tSAMMANTRÄDESPROTOKOLL")
    document.add_paragraph(f"{protocol.body}\tSammanträdesdatum {protocol.day}")
    header = document.add_table(rows=0, cols=3)
    header.style = "Table Grid"
    _row(header, "Plats och tid", protocol.place, "")
    first = True
    for name, party, role in protocol.members:
        _row(header, "Beslutande" if first else "", f"{name}{', ' + role if role else ''}", f"({party})")
        first = False
    first = True
    for name, title_ in protocol.others:
        _row(header, "Övriga deltagare" if first else "", f"{name}, {title_}", "")
        first = False
    _row(header, "Utses att justera", protocol.justerare, "")
    numbers = [p.number for p in protocol.paragraphs]
    _row(header, "Paragrafer", f"§§ {numbers[0]}–{numbers[-1]}", "")
    signatures = document.add_table(rows=3, cols=2)
    signatures.style = "Table Grid"
    for row, (label, name) in enumerate(
        (
            ("Sekreterare", protocol.secretary),
            ("Ordförande", protocol.members[0][0]),
            ("Justerande", protocol.justerare),
        )
    ):
        signatures.cell(row, 0).text = label
        signatures.cell(row, 1).text = f"\n\n{name}"
    document.add_paragraph()
    _bold(document.add_paragraph(), "ANSLAG/BEVIS")
    document.add_paragraph("Protokollet är justerat. Justeringen har tillkännagivits genom anslag.")
    contents_heading = document.add_paragraph()
    _bold(contents_heading, "Innehållsförteckning")
    for paragraph in protocol.paragraphs:
        line = document.add_paragraph(f"§ {paragraph.number}\t{paragraph.title}\t{paragraph.page}")
        line.paragraph_format.tab_stops.add_tab_stop(Cm(1.5))
        line.paragraph_format.tab_stops.add_tab_stop(Cm(16), leader=WD_TAB_LEADER.DOTS)
    for index, paragraph in enumerate(protocol.paragraphs):
        if index == 0:
            document.add_page_break()
        heading = document.add_paragraph()
        heading.paragraph_format.space_before = Pt(12)
        _bold(heading, f"§ {paragraph.number}", size=13)
        heading.add_run(f"\tDnr {paragraph.case}")
        _bold(document.add_paragraph(), paragraph.title, size=13)
        for name, body in paragraph.sections:
            if name:
                _bold(document.add_paragraph(), name)
            for text in body:
                document.add_paragraph(text)
    if len(protocol.members) > 6:  # the roll of members present, in two columns, as some templates print it
        columns = document.add_section(WD_SECTION.CONTINUOUS)
        _columns(columns, 2)
        _bold(document.add_paragraph(), "Närvarolista")
        for name, party, _role in protocol.members:
            document.add_paragraph(f"{name} ({party})")
    document.save(str(path))
    return path


def print_pdf(docx: Path, folder: Path) -> Path:
    """The document printed to PDF by LibreOffice, headless, in a profile of its own."""
    if SOFFICE is None:
        raise FileNotFoundError("LibreOffice is not installed (Debian: libreoffice-writer-nogui; make system-deps)")
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run(
            [
                SOFFICE,
                f"-env:UserInstallation=file://{profile}",
                "--headless",
                "--convert-to",
                "pdf",
                "--outdir",
                str(folder),
                str(docx),
            ],
            check=True,
            capture_output=True,
            timeout=180,
        )
    return folder / (docx.stem + ".pdf")


def _bold(paragraph, text: str, size: int | None = None) -> None:  # type: ignore[no-untyped-def]
    run = paragraph.add_run(text)
    run.bold = True
    if size:
        run.font.size = Pt(size)


def _row(table, label: str, value: str, party: str) -> None:  # type: ignore[no-untyped-def]
    cells = table.add_row().cells
    cells[0].text, cells[1].text, cells[2].text = label, value, party


def _running(section, protocol: Protocol) -> None:  # type: ignore[no-untyped-def]
    header = section.header.paragraphs[0]
    header.text = f"{protocol.kommun} kommun\t{protocol.body}\tSammanträdesdatum {protocol.day}"
    footer = section.footer.paragraphs[0]
    footer.text = "Justerandes signatur\t\tUtdragsbestyrkande"


def _columns(section, count: int) -> None:  # type: ignore[no-untyped-def]
    cols = section._sectPr.find(qn("w:cols"))
    if cols is None:
        cols = OxmlElement("w:cols")
        section._sectPr.append(cols)
    cols.set(qn("w:num"), str(count))
