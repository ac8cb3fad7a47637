"""The committed fixture graph is what the ingest makes of the examples today."""

from __future__ import annotations

import pytest
from pyoxigraph import RdfFormat, parse

from beslutsgraf.store.oxigraph import OxigraphStore
from tests.fixture import FIXTURE, load_fixture, made

pytestmark = pytest.mark.integration


def quads(trig: str) -> set[str]:
    return {str(quad) for quad in parse(trig, format=RdfFormat.TRIG)}


def test_the_fixture_is_what_the_ingest_makes_of_the_examples() -> None:
    committed, now = quads(FIXTURE.read_text(encoding="utf-8")), quads(made())
    assert committed == now, (
        f"the ingest now makes {len(now - committed)} quads the fixture lacks and lacks {len(committed - now)} it has: "
        "if the change is meant, write it again with `python -m tests.fixture` and commit it"
    )


def test_the_fixture_loads_as_the_ingest_wrote_it(store: OxigraphStore) -> None:
    load_fixture(store)
    assert len(store.graph_names()) == 3  # the vocabulary and the two examples
    assert len(quads(FIXTURE.read_text(encoding="utf-8"))) == len(store)
