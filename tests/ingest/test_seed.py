"""The seed: §138 of a kommunstyrelse, every fact the issue names, read from the text."""

from __future__ import annotations

from datetime import date

import pytest

from beslutsgraf.ingest.model import Protocol
from beslutsgraf.ingest.protocol import parse_protocol
from beslutsgraf.ingest.resolve import Resolver
from beslutsgraf.ingest.source import SourceMetadata, read_source
from tests.conftest import SEED

pytestmark = pytest.mark.unit


@pytest.fixture(scope="module")
def protocol(resolver: Resolver) -> Protocol:
    return parse_protocol(read_source(SEED), SourceMetadata(kommun="Exempelkommun"), resolver)


def test_meeting_is_read_from_the_text_and_its_date_marked_inferred(protocol: Protocol) -> None:
    meeting = protocol.meeting
    assert (meeting.kommun, meeting.body.key, meeting.day) == ("exempelkommun", "ks", date(2026, 6, 3))
    assert meeting.day_evidence is not None
    assert "till KS 260603" in meeting.day_evidence.text


def test_paragraph_number_title_case_and_decision(protocol: Protocol) -> None:
    (paragraph,) = protocol.paragraphs
    assert paragraph.number == 138
    assert paragraph.title == (
        "Ansvar, roller och samspel mellan politik och tjänstemannaorganisation – en överenskommelse"
    )
    assert paragraph.case_number == "KS 2025/164"
    assert paragraph.decision_kind == "forslag-till-fullmaktige"
    assert paragraph.decision_text.startswith("Kommunstyrelsen föreslår kommunfullmäktige besluta")
    assert paragraph.summary and paragraph.summary.startswith("För att styrningen")
    assert paragraph.justerad is True
    assert paragraph.on_referral is True


def test_cited_decision_and_the_amendment_it_made(protocol: Protocol) -> None:
    (citation,) = protocol.paragraphs[0].citations
    assert (citation.body.key, citation.day, citation.number) == ("ksau", date(2026, 5, 20), 113)
    assert citation.amendment is not None
    assert "ändras till" in citation.amendment
    assert "Att se alla ärenden som lika viktiga." in citation.amendment


def test_motion_and_dispatch(protocol: Protocol) -> None:
    paragraph = protocol.paragraphs[0]
    (motion,) = paragraph.motions
    assert (motion.mover, motion.kind) == ("Ordförande", "bifall")
    assert "arbetsutskottets förslag" in motion.text
    assert [(r.mention, r.kind, r.key) for r in paragraph.dispatch] == [("Handläggare", "role", "handlaggare")]


def test_whole_basis_list_with_kinds(protocol: Protocol) -> None:
    kinds = [d.kind for d in protocol.paragraphs[0].basis]
    assert kinds == [
        "protokollsutdrag",
        "tjansteskrivelse",
        "forslag",
        "other",
        "remissvar",
        "protokollsutdrag",
        "tjansteskrivelse",
        "remissvar",
        "remissvar",
        "remissvar",
        "remissvar",
        "protokollsutdrag",
        "foljebrev",
        "foljebrev",
    ]


def test_authors_behind_abbreviations_genitives_cover_letters_and_misspellings(protocol: Protocol) -> None:
    authors = {d.position: [(a.kind, a.key, a.method) for a in d.authors] for d in protocol.paragraphs[0].basis}
    assert authors[1] == [("body", "ksau", "alias")]
    assert authors[2] == [("administration", "klk", "normalised")]
    assert authors[5] == [("body", "mbn", "normalised")]  # "Miljö- och byggnämnd" without -en
    assert authors[7][0][:2] == ("administration", "sof")  # "Socialörvaltningens"
    assert authors[7][0][2] == "fuzzy"
    assert authors[9] == [("body", "bun", "alias")]  # "bun" in lower case; BUN in the case number is no author
    assert authors[10] == [("body", "buau", "alias")]
    assert authors[13] == [("body", "kfn", "alias")]  # behind "Följebrev Expediering KFN beslut"
    assert authors[3] == [] and authors[4] == []


def test_document_dates_parts_citations_and_case_numbers(protocol: Protocol) -> None:
    documents = {d.position: d for d in protocol.paragraphs[0].basis}
    assert [d.value for d in documents[10].dates] == [date(2025, 11, 4), date(2025, 11, 11)]  # 20251104, 251111
    assert [d.value for d in documents[6].dates] == [date(2025, 12, 11)]
    assert documents[13].part == (1, 2) and documents[14].part == (2, 2)
    assert documents[9].case_numbers == ["BUN 2025_129-14"]
    (tn,) = documents[12].citations
    assert (tn.body.key, tn.day, tn.number) == ("tn", date(2025, 10, 21), 114)
    (ksau,) = documents[1].citations  # "§113 KSAU" gets the date the summary gives the same decision
    assert (ksau.body.key, ksau.day, ksau.number) == ("ksau", date(2026, 5, 20), 113)
    (mbn,) = documents[5].citations
    assert (mbn.body.key, mbn.day, mbn.number) == ("mbn", None, 35)
    assert documents[3].addressees[0].key == "ks"


def test_referral_responses_are_exactly_the_responses(protocol: Protocol) -> None:
    responses = [d.position for d in protocol.paragraphs[0].basis if d.is_referral_response]
    assert responses == [5, 6, 7, 8, 9, 10, 11, 12, 13, 14]


def test_every_field_is_traced_to_its_span(protocol: Protocol) -> None:
    text = read_source(SEED).text
    paragraph = protocol.paragraphs[0]
    spans = [paragraph.title_span, paragraph.case_span, paragraph.decision_span, paragraph.summary_span]
    spans += [d.span for d in paragraph.basis] + [m.span for m in paragraph.motions]
    spans += [r.span for r in paragraph.mentions]
    for span in spans:
        assert span is not None
        assert text[span.start : span.end] == span.text
        assert span.page == 1
