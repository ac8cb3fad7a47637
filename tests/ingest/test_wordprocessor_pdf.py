"""A protocol as a word processor makes it (tests/wordprocessor.py: a table for the header, bold headings, contents
with dot leaders, running headers and footers, signature boxes, a part in two columns), printed to PDF by LibreOffice:
read as well as a text file of the same protocol."""

from __future__ import annotations

import pytest

from beslutsgraf.ingest.model import Protocol
from beslutsgraf.ingest.protocol import parse_protocol
from beslutsgraf.ingest.resolve import Resolver
from beslutsgraf.ingest.source import SourceMetadata, read_source
from beslutsgraf.testing import wordprocessor
from beslutsgraf.testing.wordprocessor import Paragraph, print_pdf, write_docx

pytestmark = [
    pytest.mark.unit,
    pytest.mark.skipif(wordprocessor.SOFFICE is None, reason="LibreOffice is not installed (make system-deps)"),
]

PROTOCOL = wordprocessor.Protocol(
    kommun="Exempel",
    body="Kommunstyrelsen",
    day="2025-03-12",
    place="Kommunhuset, kl. 13.00–15.30",
    members=[
        ("Anna Lind", "S", "ordförande"),
        ("Bo Ek", "M", "vice ordförande"),
        ("Carl Berg", "S", ""),
        ("Dora Ahl", "C", ""),
        ("Eva Strand", "SD", ""),
        ("Fia Holm", "L", ""),
        ("Gun Ås", "KD", ""),
    ],
    others=[("Hanna Kvist", "kommundirektör"), ("Ivar Lund", "sekreterare")],
    justerare="Bo Ek",
    secretary="Ivar Lund",
    paragraphs=[
        Paragraph(
            12,
            "Val av justerare",
            "KS 2025/1",
            [("Beslut", ["Kommunstyrelsen beslutar att utse Bo Ek att justera protokollet."])],
        ),
        Paragraph(
            13,
            "Taxa för bygglov 2025",
            "KS 2024/77",
            [
                ("Sammanfattning", ["Samhällsbyggnadsförvaltningen har tagit fram en ny taxa för bygglov."]),
                (
                    "Beslutsunderlag",
                    [
                        "Samhällsbyggnadsförvaltningens tjänsteskrivelse 2025-02-10",
                        "Remissvar från Miljö- och byggnämnden 2025-01-20",
                    ],
                ),
                ("Beslut", ["Kommunstyrelsen föreslår kommunfullmäktige att anta taxan."]),
                ("Beslutet skickas till", ["Miljö- och byggnämnden"]),
            ],
        ),
        Paragraph(
            14,
            "Delegationsbeslut",
            "KS 2025/3",
            [("Beslut", ["Kommunstyrelsen beslutar att lägga redovisningen till handlingarna."])],
            page=3,
        ),
    ],
)


@pytest.fixture(scope="module")
def read(tmp_path_factory: pytest.TempPathFactory, resolver: Resolver) -> Protocol:
    folder = tmp_path_factory.mktemp("wordprocessor")
    pdf = print_pdf(write_docx(PROTOCOL, folder / "ks-2025-03-12.docx"), folder)
    return parse_protocol(read_source(pdf), SourceMetadata(), resolver)


def test_the_paragraphs_come_once_with_their_cases_titles_and_outcomes(read: Protocol) -> None:
    assert [(p.number, p.case_number, p.title) for p in read.paragraphs] == [
        (p.number, p.case, p.title) for p in PROTOCOL.paragraphs
    ]  # the contents, with its dot leaders, adds no § and cuts no title
    assert [p.decision_kind for p in read.paragraphs] == ["val", "forslag-till-fullmaktige", "information"]
    assert read.checks == []


def test_the_basis_and_the_dispatch_list_end_where_the_paragraph_does(read: Protocol) -> None:
    taxa = read.paragraphs[1]
    assert [(d.kind, [a.key for a in d.authors]) for d in taxa.basis] == [
        ("tjansteskrivelse", ["sbf"]),
        ("remissvar", ["mbn"]),
    ]
    assert [r.key for r in taxa.dispatch] == ["mbn"]
    last = read.paragraphs[-1]
    assert "Närvarolista" not in last.decision_text  # the roll after the last § is an appendix, not the §


def test_the_header_table_gives_the_people_present(read: Protocol) -> None:
    present = {(a.name, a.kind, a.party) for a in read.header.attendees}
    assert {(name, "ledamot", party) for name, party, _ in PROTOCOL.members} <= present
    assert ("Hanna Kvist", "övrig", None) in present and ("Bo Ek", "justerare", None) in present
    roles = {a.name: a.role for a in read.header.attendees if a.kind == "ledamot"}
    assert roles["Anna Lind"] == "ordförande" and roles["Bo Ek"] == "vice ordförande"
    # the signature boxes are signatures: nobody is made secretary or chair by them
    assert [a.name for a in read.header.attendees if a.kind == "sekreterare"] == ["Ivar Lund"]
    assert read.meeting.day.isoformat() == "2025-03-12" and read.meeting.body.key == "ks"
