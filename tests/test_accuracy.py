"""The hand-checked gold (tests/data/gold) as a regression floor: what was right stays right."""

from __future__ import annotations

import pytest

from bench.accuracy import FIELDS, evaluate, source_path
from ingest.errors import IngestError
from ingest.resolve import Resolver
from ingest.source import read_source
from tests.conftest import DATA, SHARED

GOLD = DATA / "gold"


@pytest.fixture(scope="module")
def scores(resolver: Resolver):
    if not SHARED.exists():
        pytest.skip("the shared corpus is not beside the repository")
    return evaluate(GOLD, resolver, readable_only=True)


@pytest.mark.parametrize("field", FIELDS)
def test_precision_and_recall_hold(scores, field: str) -> None:
    score = scores[field]
    assert score.tp > 0, f"the gold scores no {field}"
    assert score.precision >= 0.95 and score.recall >= 0.95, "\n".join(score.misses)


def test_a_layout_the_parser_cannot_read_is_refused_in_words(resolver: Resolver) -> None:
    from ingest.protocol import parse_protocol
    from ingest.source import SourceMetadata

    path = source_path("shared:corpus/headers/kramfors-ksau-2018-03-1.txt")
    if not path.exists():
        pytest.skip("the shared corpus is not beside the repository")
    with pytest.raises(IngestError, match="no § heading found"):
        parse_protocol(read_source(path), SourceMetadata(kommun="Kramfors", organ="KSAU", date="2018-03-06"), resolver)
