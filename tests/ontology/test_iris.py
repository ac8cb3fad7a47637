"""Every IRI `Iris` mints is under its base, and its path's first segment is one the API answers."""

from __future__ import annotations

import inspect
from datetime import date

import pytest

from beslutsgraf.ontology import MINTED_SEGMENTS, Iris

pytestmark = pytest.mark.unit

SAMPLES = {str: "ks", int: 138, date: date(2026, 6, 3)}


def minted_by_every_method(iris: Iris) -> dict[str, str]:
    minted = {}
    for name, method in inspect.getmembers(iris, inspect.ismethod):
        if name.startswith("_"):
            continue
        hints = inspect.get_annotations(method, eval_str=True)
        arguments = [SAMPLES[hints[p]] for p in inspect.signature(method).parameters]
        minted[name] = str(method(*arguments))
    return minted


def test_every_minted_path_begins_with_a_segment_the_api_answers() -> None:
    iris = Iris("https://example.org/")
    minted = minted_by_every_method(iris)
    assert len(minted) > 20  # every template, not a few
    first_segments = {iri.removeprefix(iris.base).split("/", 1)[0].split("#", 1)[0] for iri in minted.values()}
    assert all(iri.startswith(iris.base) for iri in minted.values())
    assert first_segments == set(MINTED_SEGMENTS)
