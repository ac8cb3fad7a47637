"""A whole protocol, as text and as PDF: header and attendance, contents, §§ with votes, jäv and reservations,
and the self-check that reports what does not add up."""

from __future__ import annotations

from datetime import date, time
from pathlib import Path

import pytest

from beslutsgraf.ingest.model import Protocol
from beslutsgraf.ingest.protocol import parse_protocol
from beslutsgraf.ingest.resolve import Resolver
from beslutsgraf.ingest.source import SourceMetadata, read_source
from beslutsgraf.testing.pdfs import protocol_pdf
from tests.conftest import DATA

pytestmark = pytest.mark.unit

FULL = DATA / "ks-2025-03-12-full.txt"


@pytest.fixture(scope="module")
def protocol(resolver: Resolver) -> Protocol:
    return parse_protocol(read_source(FULL), SourceMetadata(), resolver)


def test_meeting_header(protocol: Protocol) -> None:
    meeting, header = protocol.meeting, protocol.header
    assert (meeting.kommun, meeting.body.key, meeting.day) == ("tidaholm", "ks", date(2025, 3, 12))
    assert header.place == "Stadshuset, sammanträdesrum Hökensås"
    assert (header.start, header.end, header.breaks) == (time(13, 0), time(16, 30), ["14:45–15:00"])
    assert (header.justering, header.justering_date) == ("Kommunkansliet 2025-03-17", date(2025, 3, 17))
    assert (header.posted, header.removed, header.kept_at) == (date(2025, 3, 18), date(2025, 4, 9), "Kommunkansliet")


def test_attendance(protocol: Protocol) -> None:
    people = [(a.name, a.party, a.kind, a.role, a.replaces, a.paragraphs) for a in protocol.header.attendees]
    assert people == [
        ("Anna Lind", "S", "ledamot", "ordförande", None, None),
        ("Per Holm", "M", "ledamot", "vice ordförande", None, None),
        ("Lars Ek", "C", "ledamot", None, None, None),
        ("Eva Nord", "SD", "ledamot", None, None, None),
        ("Olle Sand", "S", "tjänstgörande ersättare", None, "Karin Berg", "§§ 14–15"),
        ("Maria Ås", "M", "ersättare", None, None, None),
        ("Sara Kvist", None, "övrig", "kommundirektör", None, None),
        ("Nils Bok", None, "övrig", "ekonomichef", None, "§ 14"),
        ("Johan Bro", None, "sekreterare", "sekreterare", None, None),
        ("Per Holm", "M", "justerare", None, None, None),
    ]


def test_contents_kept_apart_and_used(protocol: Protocol) -> None:
    assert [(p.number, p.from_contents) for p in protocol.paragraphs] == [
        (12, False),
        (13, False),
        (14, False),
        (15, True),
    ]
    # the body cuts § 13's title at a line break; the contents give it whole
    assert protocol.paragraphs[1].title == (
        "Ansvar, roller och samspel mellan politik och tjänstemannaorganisation – en överenskommelse"
    )
    assert protocol.paragraphs[3].title == "Ärende enligt offentlighets- och sekretesslagen"


def test_votes_jav_and_reservation(protocol: Protocol) -> None:
    budget = protocol.paragraphs[2]
    (vote,) = budget.votes
    assert (vote.yes_means, vote.no_means) == ("bifall till arbetsutskottets förslag", "avslag")
    assert vote.counts == {"yes": 3, "no": 2}
    assert [(p.name, choice) for p, choice in vote.ballots] == [
        ("Anna Lind", "yes"),
        ("Olle Sand", "yes"),
        ("Per Holm", "no"),
        ("Eva Nord", "no"),
    ]
    kinds = [(s.kind, [p.name for p in s.people], s.against) for s in budget.statements]
    assert kinds == [("jav", ["Lars Ek"], None), ("reservation", ["Per Holm"], "beslutet till förmån för eget yrkande")]
    assert budget.decision_kind == "bifall"


def test_the_self_check_reports_what_does_not_add_up(protocol: Protocol) -> None:
    assert protocol.checks == [
        "the table of contents lists § 15, not found in the text",
        "§ 14, vote 1: yes: 2 named, 3 counted",
    ]


def test_the_same_protocol_as_a_pdf(tmp_path: Path, resolver: Resolver, protocol: Protocol) -> None:
    text = FULL.read_text(encoding="utf-8")
    body = "\n".join(line for line in text.splitlines() if not line.startswith(("Sida ", "Justerandes")))
    pdf = protocol_pdf(body, tmp_path / "ks.pdf", lines_per_page=30)
    source = read_source(pdf)
    from_pdf = parse_protocol(source, SourceMetadata(), resolver)
    assert [(p.number, p.title, p.decision_kind) for p in from_pdf.paragraphs] == [
        (p.number, p.title, p.decision_kind) for p in protocol.paragraphs
    ]
    assert [(a.name, a.kind) for a in from_pdf.header.attendees] == [
        (a.name, a.kind) for a in protocol.header.attendees
    ]
    assert from_pdf.checks == protocol.checks
    page = source.page_of(source.original.index("Remissvar från Socialnämnden"))
    assert page > 1 and {d.span.page for p in from_pdf.paragraphs for d in p.basis} == {page}


ROLL_CALL = """Kommunfullmäktige
Sammanträdesdatum 2025-04-24

§ 31 Dnr KS 2024/77
Ny taxa för bygglov
Beslut
Kommunfullmäktige beslutar att anta taxan.

Omröstning
Ja-röst för bifall till kommunstyrelsens förslag, nej-röst för avslag. Omröstning genomförs enligt
omröstningslista nr 1. Med 3 ja-röster mot 2 nej-röster och 1 som avstår bifaller fullmäktige förslaget.

§ 32 Dnr KS 2025/3
Avsägelse
Beslut
Avsägelsen godkänns.

Omröstning
Omröstningen utföll enligt följande:
Anna Lind (S) Ja
Per Holm (M) – Nej

Omröstningslista nr 1
§ 31
Anna Lind (S)            Ja
Olle Sand (S)            Ja
Lars Ek (C)              Ja
Per Holm (M)             Nej
Eva Nord (SD)            Nej
Maria Ås (M)             Avstår
Karin Berg (S)           Frånvarande
"""


def test_roll_calls_in_the_text_and_in_an_appendix(tmp_path: Path, resolver: Resolver) -> None:
    path = tmp_path / "kf.txt"
    path.write_text(ROLL_CALL, encoding="utf-8")
    protocol = parse_protocol(read_source(path), SourceMetadata(kommun="Tidaholm"), resolver)
    budget, resignation = protocol.paragraphs
    (vote,) = budget.votes
    assert vote.counts == {"yes": 3, "no": 2, "abstain": 1}
    assert [(p.name, c) for p, c in vote.ballots] == [
        ("Anna Lind", "yes"),
        ("Olle Sand", "yes"),
        ("Lars Ek", "yes"),
        ("Per Holm", "no"),
        ("Eva Nord", "no"),
        ("Maria Ås", "abstain"),
    ]
    assert vote.mismatches() == [] and protocol.checks == []
    (inline,) = resignation.votes  # the appendix is not part of the last §
    assert [(p.name, c) for p, c in inline.ballots] == [("Anna Lind", "yes"), ("Per Holm", "no")]


TABLE_ROWS = [
    ("Anna Lind", "S", "Ja"),
    ("Olle Sand", "S", "Ja"),
    ("Per Holm", "M", "Nej"),
    ("Eva Nord", "SD", "Avstår"),
]
TABLE_PROTOCOL = """Kommunfullmäktige
Sammanträdesdatum 2025-04-24

§ 40 Dnr KS 2025/9
Motion om cykelbanor
Beslut
Kommunfullmäktige beslutar att avslå motionen.

Omröstning
Ja-röst för avslag, nej-röst för bifall till motionen.
Omröstningsresultat: Ja 2, Nej 1, Avstår 1. Se omröstningslista nr 1.

Omröstningslista nr 1
§ 40"""


def test_a_roll_call_table_laid_out_as_text(tmp_path: Path, resolver: Resolver) -> None:
    indent = {"Ja": 0, "Nej": 6, "Avstår": 12}  # as pdftotext -layout sets the columns
    rows = [f"{name:<20}{party:<8}" + " " * indent[choice] + "X" for name, party, choice in TABLE_ROWS]
    table = "\n".join([f"{'Ledamot':<20}{'Parti':<8}{'Ja':<6}{'Nej':<6}Avstår", *rows])
    path = tmp_path / "kf.txt"
    path.write_text(f"{TABLE_PROTOCOL}\n{table}\n", encoding="utf-8")
    (paragraph,) = parse_protocol(read_source(path), SourceMetadata(kommun="Tidaholm"), resolver).paragraphs
    (vote,) = paragraph.votes
    assert vote.counts == {"yes": 2, "no": 1, "abstain": 1}
    assert [(p.name, p.party, c) for p, c in vote.ballots] == [
        ("Anna Lind", "S", "yes"),
        ("Olle Sand", "S", "yes"),
        ("Per Holm", "M", "no"),
        ("Eva Nord", "SD", "abstain"),
    ]
    assert vote.mismatches() == []


def test_a_roll_call_table_in_a_pdf(tmp_path: Path, resolver: Resolver) -> None:
    from beslutsgraf.testing.pdfs import roll_call_pdf

    pdf = roll_call_pdf(TABLE_PROTOCOL, TABLE_ROWS, tmp_path / "kf.pdf")
    source = read_source(pdf)
    assert "Anna Lind S X" in source.text  # PDFium joins the cells: only the positions tell the columns
    (paragraph,) = parse_protocol(source, SourceMetadata(kommun="Tidaholm"), resolver).paragraphs
    (vote,) = paragraph.votes
    assert [(p.name, c) for p, c in vote.ballots] == [
        ("Anna Lind", "yes"),
        ("Olle Sand", "yes"),
        ("Per Holm", "no"),
        ("Eva Nord", "abstain"),
    ]
