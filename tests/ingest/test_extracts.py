"""Protocol extracts in the other forms the corpus shows: nothing here passes only because it fits the seed."""

from __future__ import annotations

from datetime import date

import pytest

from beslutsgraf.ingest.model import Protocol
from beslutsgraf.ingest.protocol import parse_protocol
from beslutsgraf.ingest.resolve import Resolver
from beslutsgraf.ingest.source import SourceMetadata, read_source
from beslutsgraf.ontology.registry import load_registry
from tests.conftest import DATA

pytestmark = pytest.mark.unit


def parse(name: str, resolver: Resolver, **options: str) -> Protocol:
    return parse_protocol(read_source(DATA / name), SourceMetadata(**options), resolver)


def test_nämnd_extract_states_everything_itself(resolver: Resolver) -> None:
    protocol = parse("bun-2025-11-11.txt", resolver)
    meeting = protocol.meeting
    assert (meeting.kommun, meeting.body.key, meeting.day, meeting.day_evidence) == (
        "tidaholm",
        "bun",
        date(2025, 11, 11),
        None,
    )
    (paragraph,) = protocol.paragraphs
    assert paragraph.case_number == "BUN 2025/129"
    assert paragraph.decision_kind == "yttrande"
    assert [(m.parties, m.kind) for m in paragraph.motions] == [(["S"], "bifall"), (["M"], "tillagg")]
    assert [(r.kind, r.key) for r in paragraph.dispatch] == [
        ("body", "ks"),
        ("administration", "buf"),
        ("role", "akten"),
    ]
    assert [d.kind for d in paragraph.basis] == ["tjansteskrivelse", "remiss", "protokollsutdrag"]
    (citation,) = paragraph.basis[2].citations
    assert (citation.body.key, citation.day, citation.number) == ("buau", date(2025, 10, 28), 41)
    # its own arbetsutskott and förvaltning are no referral responses; the referral itself is none either
    assert not any(d.is_referral_response for d in paragraph.basis)


def test_utskott_extract_keeps_unknown_names_unresolved(resolver: Resolver) -> None:
    protocol = parse("ksau-2018-03-06.txt", resolver, kommun="Kramfors")
    assert (protocol.meeting.body.key, protocol.meeting.day) == ("ksau", date(2018, 3, 6))
    (paragraph,) = protocol.paragraphs
    assert paragraph.case_number == "KS 2018/56"
    assert paragraph.title.startswith("Svar på remiss reboot")
    assert paragraph.decision_kind == "forslag"
    documents = paragraph.basis
    assert documents[1].case_numbers == ["Fi2017/04962/DF"]
    unresolved = {m.mention for m in protocol.unresolved}
    assert {"DIGG-gruppen", "KPR", "Finansdepartementet"} <= unresolved
    assert [d.position for d in documents if d.is_referral_response] == [3, 4]


def test_fullmäktige_extract_with_a_municipal_registry(resolver: Resolver) -> None:
    local = Resolver(load_registry([DATA / "exempel-registry.toml"]))
    protocol = parse("kf-2026-06-17.txt", local, kommun="Exempelkommun")
    assert (protocol.meeting.body.key, protocol.meeting.day) == ("kf", date(2026, 6, 17))
    (paragraph,) = protocol.paragraphs
    assert paragraph.case_number == "KS 2025/164"
    (citation,) = paragraph.citations
    assert (citation.body.key, citation.day, citation.number) == ("ks", date(2026, 6, 3), 138)
    responses = {d.position: [(a.kind, a.key) for a in d.authors] for d in paragraph.basis if d.is_referral_response}
    assert responses == {2: [("body", "snv")], 3: [("party", "SD")], 4: [(None, None)]}
    # the styrelse's own protocol and proposal prepare fullmäktige's decision: no responses
    assert [d.kind for d in paragraph.basis if d.position in (1, 5)] == ["protokollsutdrag", "forslag"]
    assert paragraph.justerad is True


def test_extract_with_inline_headings_and_no_decision_heading(resolver: Resolver) -> None:
    protocol = parse("sbn-2024-03-12.txt", resolver)
    meeting = protocol.meeting
    assert (meeting.kommun, meeting.body.key, meeting.day) == ("alvby", "sbn", date(2024, 3, 12))
    first, second = protocol.paragraphs
    assert (first.number, first.case_number, first.title) == (
        45,
        "SBN 2024/88",
        "Yttrande över detaljplan för Kvarnen 2",
    )
    assert first.decision_text.startswith("Nämnden beslutar att lämna yttrande")
    assert first.decision_kind == "yttrande"
    assert first.summary.startswith("Kommunstyrelsen har skickat förslaget")
    assert first.immediately_justerad
    assert [d.kind for d in first.basis] == ["tjansteskrivelse", "other", "yttrande"]
    assert [d.position for d in first.basis if d.is_referral_response] == [3]  # Miljönämndens yttrande
    assert [r.key for r in first.dispatch] == ["ks", "mn"]
    assert (second.number, second.decision_kind) == (46, "information")


def test_goteborg_paragraphs_with_party_statements(resolver: Resolver) -> None:
    protocol = parse("goteborg-ks-2024-02-21-145-146.txt", resolver, organ="KS", date="2024-02-21")
    assert protocol.meeting.kommun == "goteborg"
    assert [p.number for p in protocol.paragraphs] == [145, 146]
    first, second = protocol.paragraphs
    assert first.case_number == "SLK-2023-00955"
    assert first.title.endswith("(SOU 2023:56)")
    assert first.decision_kind == "yttrande"
    assert [d.kind for d in second.basis] == ["tjansteskrivelse", "yttrande", "yttrande"]
    # "Yttrande från M, D, L och KD": parties' statements; D is a local party the general registry lacks
    assert not any(d.is_referral_response for p in protocol.paragraphs for d in p.basis)
    letters = [(a.mention, a.key) for a in second.basis[2].authors]
    assert letters == [("M", "M"), ("D", None), ("L", "L"), ("KD", "KD")]


def test_goteborg_fullmäktige_paragraph(resolver: Resolver) -> None:
    protocol = parse("goteborg-kf-2024-02-01-24.txt", resolver, organ="KF")
    assert protocol.meeting.day == date(2024, 2, 1)  # from the running header "Sammanträdesdatum: 2024-02-01"
    (paragraph,) = protocol.paragraphs
    assert paragraph.case_number == "SLK-2022-01316"
    assert paragraph.title == "Revidering av Göteborgs Stads riktlinje för familjehemsvården för barn och unga"
    (citation,) = paragraph.citations  # "Återremitterat den 7 december 2023, § 92": the same body
    assert (citation.body.key, citation.day, citation.number) == ("kf", date(2023, 12, 7), 92)
    assert [(m.mover, m.kind) for m in paragraph.motions] == [
        ("Jenny Broman (V)", "bifall"),
        ("Hans Arby (C)", "bifall"),
        ("Nina Miskovsky (M)", "aterremiss"),
    ]
    # one recipient a line, not five: the commas are inside a name
    assert [r.mention for r in paragraph.dispatch] == [
        "Socialnämnderna – Centrum, Hisingen, Nordost, Sydväst och nämnden för funktionsstöd",
        "Styrande dokument",
    ]
