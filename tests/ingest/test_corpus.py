"""The real Göteborg corpus (../shared/corpus): every § in the text is parsed, and the graphs validate."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from pathlib import Path

import pytest

from beslutsgraf.ingest.pipeline import ParsedSource, build_graph, parse_source
from beslutsgraf.ingest.resolve import Resolver
from beslutsgraf.ingest.source import SourceMetadata
from beslutsgraf.ingest.validate import fast_findings
from beslutsgraf.ontology import Iris

pytestmark = pytest.mark.system

HEADING = re.compile(r"^§ ?(\d+)(?: Ärendenummer\b| \d+\/\d+[ \t]*$|[ \t]*$)", re.M)


def protocols(corpus: Path) -> list[Path]:
    return sorted((corpus / "goteborg").glob("*/protokoll.txt"))


def options(path: Path) -> SourceMetadata:
    organ, _, day = path.parent.name.partition("-")
    return SourceMetadata(kommun="Göteborg", organ=organ, date=day)


@pytest.fixture(scope="module")
def parsed_corpus(corpus: Path, resolver: Resolver) -> dict[Path, ParsedSource]:
    return {path: parse_source(path, options(path), resolver, Iris()) for path in protocols(corpus)}


def test_every_paragraph_heading_in_the_corpus_is_a_paragraph(parsed_corpus: dict[Path, ParsedSource]) -> None:
    total = with_case = 0
    for path, parsed in parsed_corpus.items():
        numbers = [p.number for p in parsed.protocol.paragraphs]
        headings = [int(n) for n in HEADING.findall(path.read_text(encoding="utf-8"))]
        # a heading repeated at the top of the next page continues its §
        expected = [n for i, n in enumerate(headings) if i == 0 or n != headings[i - 1]]
        assert numbers == expected, path
        assert all(p.title for p in parsed.protocol.paragraphs), path
        total += len(numbers)
        with_case += sum(p.case_number is not None for p in parsed.protocol.paragraphs)
    assert total > 1500
    assert with_case > 0.95 * total  # the old "§1" headings of early 2023 carry no case number


def test_corpus_decisions_and_basis_lists(parsed_corpus: dict[Path, ParsedSource]) -> None:
    kinds: dict[str, int] = {}
    documents = responses = 0
    for parsed in parsed_corpus.values():
        for paragraph in parsed.protocol.paragraphs:
            kinds[paragraph.decision_kind] = kinds.get(paragraph.decision_kind, 0) + 1
            documents += len(paragraph.basis)
            responses += sum(d.is_referral_response for d in paragraph.basis)
    assert documents > 1500
    assert kinds.get("forslag-till-fullmaktige", 0) > 100  # KS proposals to KF
    assert kinds.get("bordlaggning", 0) > 20
    assert kinds.get("beslut", 0) < 0.25 * sum(kinds.values())  # most decisions get a kind
    assert responses < documents / 10  # Göteborg's lists are mostly memos and party statements


@pytest.mark.slow
def test_the_whole_corpus_validates_and_both_validators_agree(
    parsed_corpus: dict[Path, ParsedSource], resolver: Resolver
) -> None:
    """pyshacl's verdict on every graph, and pyrudof (the fast path) flagging exactly the nodes pyshacl flags."""
    for path, parsed in parsed_corpus.items():
        built = build_graph(parsed, resolver, Iris(), datetime.now(UTC), fast_validation=False)
        assert built.report.conforms, path
        reference = {(f.focus, f.severity) for f in built.report.findings}
        assert fast_findings(built.ntriples) == reference, path


def test_every_span_quotes_what_was_read_from_it(parsed_corpus: dict[Path, ParsedSource]) -> None:
    """An archivist follows a span to the page: its quote must be the decision or summary it is the span of, on
    every page of the corpus (a span mapped twice past the page furniture once pointed pages before it)."""

    def words(text: str) -> list[str]:
        return re.findall(r"\w+", text)

    checked = 0
    for path, parsed in parsed_corpus.items():
        for paragraph in parsed.protocol.paragraphs:
            for text, where in (
                (paragraph.decision_text, paragraph.decision_span),
                (paragraph.summary, paragraph.summary_span),
            ):
                if not text or where is None:
                    continue
                assert where.text == parsed.source.original[where.start : where.end], path
                quoted = words(where.text)
                assert all(w in quoted for w in words(text)[:12]), (path, paragraph.number, where.text[:80])
                checked += 1
    assert checked > 1500
